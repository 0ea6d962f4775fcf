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


def test_excel_dates_read_as_dates_and_the_about_sheet_has_no_markup():
    import datetime as dt
    import io

    import pandas as pd
    from openpyxl import load_workbook

    from industry.files import downloads

    data = pd.DataFrame({"Hết hạn": pd.to_datetime(["2026-03-15", None]), "Số": [1, 2]})
    book = load_workbook(io.BytesIO(downloads.xlsx_bytes(
        data, [("Định nghĩa", "**Tỷ lệ đạt chuẩn** = số cụm *đạt* / số cụm")])))
    cell = book.worksheets[0]["A2"]
    assert cell.value == dt.datetime(2026, 3, 15) and cell.number_format == "dd/mm/yyyy"  # not 2026-03-15 00:00:00
    assert book.worksheets[1]["B1"].value == "Tỷ lệ đạt chuẩn = số cụm đạt / số cụm"


def test_unmarked_keeps_what_is_not_emphasis():
    from industry.core.text import unmarked

    assert unmarked("**Đơn vị:** cụm · *Counted*: 3") == "Đơn vị: cụm · Counted: 3"
    assert unmarked("2 * 3 = 6, a*b") == "2 * 3 = 6, a*b"
    assert unmarked(None) is None


def test_a_download_is_named_by_whole_words_with_its_commune_and_year(demo_db):
    from industry.app import charts
    from industry.data.context import open_context

    title = "Compliance went from 0.0% in 2018 to 100.0% in 2025: 0.0 pp short of the 100% target, all of them"
    one = charts.file_stem(open_context(demo_db, lang="en", year=2025, communes=("00577",)), title)
    assert one.endswith("-xa-bat-trang-2025")
    words = one.removesuffix("-xa-bat-trang-2025")
    assert len(words) <= 60 and "compliance-went-from-0-0-in-2018-to-100-0-in-2025".startswith(words[:20])
    assert not words.endswith("-") and words.split("-")[-1] in title.lower().replace(".", "-").replace(":", "")
    assert charts.file_stem(open_context(demo_db, lang="vi", year=2024), "Tỷ lệ").endswith("ty-le-ha-noi-2024")
