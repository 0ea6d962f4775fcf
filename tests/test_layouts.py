"""Sheets as the department lays them out, made here in .xlsx, .xls, .ods and CSV, read as one table each."""

from __future__ import annotations

import io

import pytest

from industry.files import layouts
from tests.fixtures.import_.make import cp1258

LETTERHEAD = [["UBND THÀNH PHỐ HÀ NỘI", "", "", "", "", "", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
              ["SỞ CÔNG THƯƠNG", "", "", "", "", "", "Độc lập - Tự do - Hạnh phúc"],
              [],
              ["DANH SÁCH CÁC CỤM CÔNG NGHIỆP TRÊN ĐỊA BÀN THÀNH PHỐ"],
              ["(Kèm theo Báo cáo số 123/BC-SCT ngày 15/01/2025)"],
              []]
# the header over two rows: "Địa điểm" over two columns, "Trạm xử lý nước thải tập trung" over two
HEADER = [["STT", "Tên cụm công nghiệp", "Địa điểm", "", "Diện tích (ha)", "Trạm xử lý nước thải tập trung", ""],
          ["", "", "Xã, phường", "Quận, huyện", "", "Có/Không", "Công suất (m³/ngày đêm)"]]
MERGES = [(6, 0, 7, 0), (6, 1, 7, 1), (6, 2, 6, 3), (6, 4, 7, 4), (6, 5, 6, 6), (3, 0, 3, 6), (4, 0, 4, 6)]
BODY = [["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        ["I", "HUYỆN ĐÔNG ANH", "", "", "", "", ""],
        [1, "CCN Nguyên Khê", "Xã Nguyên Khê", "Huyện Đông Anh", "65,5", "Có", "1.200"],
        [2, "Cụm công nghiệp Cổ Loa", "Xã Cổ Loa", "Huyện Đông Anh", 12.3, "x", 500],
        ["II", "HUYỆN CHƯƠNG MỸ", "", "", "", "", ""],
        [3, "CCN Phú Nghĩa", "Xã Phú Nghĩa", "Huyện Chương Mỹ", "170", "", ""],
        ["", "Tổng cộng", "", "", "247,8", "", "1.700"],
        ["Ghi chú: số liệu đến 31/12/2024"],
        ["", "", "", "", "", "", "GIÁM ĐỐC"]]
ROWS = LETTERHEAD + HEADER + BODY
NAMES = ["STT", "Tên cụm công nghiệp", "Địa điểm – Xã, phường", "Địa điểm – Quận, huyện", "Diện tích (ha)",
         "Trạm xử lý nước thải tập trung – Có/Không", "Trạm xử lý nước thải tập trung – Công suất (m³/ngày đêm)"]


def xlsx(rows=ROWS, merges=MERGES) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "CCN"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value != "":
                ws.cell(r, c, value)
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xls(rows=ROWS, merges=MERGES) -> bytes:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("CCN")
    merged = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in merges}
    covered = {(r, c) for r0, c0, r1, c1 in merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) in merged:
                ws.write_merge(r, merged[(r, c)][0], c, merged[(r, c)][1], value)
            elif (r, c) not in covered and value != "":
                ws.write(r, c, value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def ods(rows=ROWS) -> bytes:
    """As LibreOffice saves it; the parents written once over their columns (no merge kept)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="CCN")
    for row in rows:
        tr = TableRow()
        for value in row or [""]:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
            else:
                cell = TableCell(valuetype="string") if value != "" else TableCell()
                if value != "":
                    cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def csv_1258(rows=ROWS) -> bytes:
    text = "\n".join(";".join(str(v) for v in row) for row in rows) + "\n"
    return cp1258(text)


@pytest.mark.parametrize(("name", "make"), [("ccn.xlsx", xlsx), ("ccn.xls", xls), ("ccn.ods", ods),
                                            ("ccn.csv", csv_1258)])
def test_a_cluster_list_as_the_department_keeps_it(name, make):
    (layout,), problems = layouts.read(name, make())
    assert problems == []
    assert layout.header == NAMES
    assert layout.header_rows == (7, 8)
    assert layout.title.startswith("UBND THÀNH PHỐ HÀ NỘI") and "DANH SÁCH CÁC CỤM CÔNG NGHIỆP" in layout.title
    assert [r[1] for r in layout.rows] == ["CCN Nguyên Khê", "Cụm công nghiệp Cổ Loa", "CCN Phú Nghĩa"]
    assert layout.numbers == [11, 12, 14]
    assert layout.sections == ["HUYỆN ĐÔNG ANH", "HUYỆN ĐÔNG ANH", "HUYỆN CHƯƠNG MỸ"]
    left = [(o.row, o.reason) for o in layout.left_out]
    assert left == [(1, "title"), (2, "title"), (4, "title"), (5, "title"), (9, "numbering"), (10, "section"),
                    (13, "section"), (15, "total"), (16, "note"), (17, "note")]
    assert str(layout.rows[0][4]) == "65,5" and str(layout.rows[0][6]) == "1.200"  # values as written, read later


def test_the_encoding_of_a_csv_is_found_not_assumed():
    text = ("Tên làng nghề;Xã (cũ);Huyện (cũ);Năm được công nhận;Số lao động\n"
            "Làng gốm Bát Tràng;Xã Bát Tràng;Huyện Gia Lâm;2003;1.533\nCộng;;;;1.533\n")
    for data, encoding in ((cp1258(text), "windows-1258"), (text.encode("utf-8"), "utf-8"),
                           (text.encode("utf-8-sig"), "utf-8-sig"), (text.encode("utf-16"), "utf-16")):
        (layout,), problems = layouts.read("lang_nghe.csv", data)
        assert layout.encoding == encoding and layout.header[0] == "Tên làng nghề"
        assert layout.rows == [["Làng gốm Bát Tràng", "Xã Bát Tràng", "Huyện Gia Lâm", "2003", "1.533"]]
        assert [(o.row, o.reason) for o in layout.left_out] == [(3, "total")]


def test_column_letters_as_the_spreadsheet_names_them():
    assert [layouts.column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


@pytest.mark.parametrize(("name", "data", "code"), [
    ("a.xlsx", b"PK\x03\x04 not a workbook", "not_xlsx"), ("a.xls", b"\xd0\xcf\x11\xe0 broken", "not_a_workbook"),
    ("a.ods", b"PK\x03\x04 broken", "not_a_workbook"), ("a.csv", b"", "empty_file"),
    ("a.pdf", b"%PDF-1.4", "unknown_file_kind"), ("a.csv", bytes(range(256)) * 20, "binary"),
], ids=["xlsx", "xls", "ods", "empty", "pdf", "binary"])
def test_a_file_that_is_no_sheet_says_why(name, data, code):
    found, problems = layouts.read(name, data)
    assert found == [] and [p.code for p in problems] == [code]


def test_a_header_that_never_comes_is_said_with_the_rows_looked_at():
    rows = [["Báo cáo"]] + [[str(i)] for i in range(40)]
    found, problems = layouts.read("a.xlsx", xlsx(rows, []))
    assert found == [] and problems[0].code == "no_header_found" and problems[0].params["rows"] == 30


def test_a_sheet_of_100000_rows_is_read():
    rows = [["Tên doanh nghiệp", "Địa chỉ", "Số lao động"]] + [[f"Công ty {i}", "Xã Bát Tràng", i] for i in range(100_000)]
    (layout,), problems = layouts.read("dn.xlsx", xlsx(rows, []))
    assert problems == [] and len(layout.rows) == 100_000 and layout.numbers[-1] == 100_001
