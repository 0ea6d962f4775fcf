import io

import pandas as pd
from openpyxl import load_workbook

from industry.files import downloads


def frame():
    return pd.DataFrame({"Xã": ["Đông Anh", "Bát Tràng"], "Tỷ lệ (%)": [83.3, None], "Ghi chú": ["=1+1", "ok"],
                         "Năm": pd.array([2024, None], dtype="Int64")})


def test_csv_has_a_bom_and_keeps_vietnamese():
    data = downloads.csv_bytes(frame())
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "Đông Anh" in text and "Tỷ lệ (%)" in text
    assert "'=1+1" in text  # a formula is neutralised


def test_xlsx_has_the_data_and_a_sheet_that_says_what_it_is():
    about = [("Title", "Compliance rose"), ("Source", "QCVN 40:2011/BTNMT"), ("Filters", "Xã Đông Anh; 2025")]
    wb = load_workbook(io.BytesIO(downloads.xlsx_bytes(frame(), about, "số liệu", "thông tin")))
    assert wb.sheetnames == ["số liệu", "thông tin"]
    rows = list(wb["số liệu"].values)
    assert rows[0] == ("Xã", "Tỷ lệ (%)", "Ghi chú", "Năm")
    assert rows[1] == ("Đông Anh", 83.3, "'=1+1", 2024)
    assert rows[2][1] is None and rows[2][3] is None  # NaN and pd.NA become empty cells
    assert list(wb["thông tin"].values) == about
