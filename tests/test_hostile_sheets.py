"""Department sheets that go wrong the ways real ones do: cells merged across the data, spreadsheet errors where
values should be, formulas, a header printed again on every page, a second table under the first. Each is read
as the reader sees it, or refused in the file's own terms with nothing written."""

from __future__ import annotations

import io

from industry.core.i18n import Translator
from industry.files import importer, layouts
from tests.test_department import CLUSTERS, HEADER, MERGES, _build
from tests.test_layouts import LETTERHEAD, csv_1258, xlsx

TOP = len(LETTERHEAD) + len(HEADER)  # rows above the data (0-based index of the numbering row)


def _lines(checked, lang="vi") -> list[str]:
    return [p.line(Translator(lang)) for p in checked.problems.listed()]


def test_a_district_merged_down_its_rows_is_read_on_every_row(tmp_path):
    rows = [list(r) for r in CLUSTERS]
    first = next(i for i, r in enumerate(rows) if r[1:2] == ["CCN Phú Nghĩa"])
    rows[first + 1][3] = ""  # Sơn Đồng's district is the merged cell above it
    rows[first][3] = "Huyện Chương Mỹ"
    merges = MERGES + [(first, 3, first + 1, 3)]
    (layout,), _ = layouts.read("ccn.xlsx", xlsx(rows, merges))
    districts = {r[1]: r[3] for r in layout.rows}
    assert districts["CCN làng nghề Sơn Đồng"] == "Huyện Chương Mỹ" == districts["CCN Phú Nghĩa"]


def test_a_spreadsheet_error_is_said_in_the_files_terms_never_read_as_empty(tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx(CLUSTERS, MERGES)))
    sheet = book.active
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == "CCN Vân Hà")
    sheet.cell(row, 5).value = "#DIV/0!"  # the area: an error Excel saved in place of a value
    out = io.BytesIO()
    book.save(out)
    checked = importer.check([("danh_sach_ccn.xlsx", out.getvalue())])
    lines = _lines(checked)
    assert len(lines) == 1, lines
    assert f"dòng {row}" in lines[0] and "cột E (Diện tích (ha))" in lines[0] and "#DIV/0!" in lines[0]
    assert "lỗi của bảng tính" in lines[0]
    status, db = _build(tmp_path, {"danh_sach_ccn.xlsx": out.getvalue()})
    assert status == 2 and not db.exists()


def test_a_formula_written_as_text_is_kept_as_text():
    rows = [list(r) for r in CLUSTERS]
    at = next(i for i, r in enumerate(rows) if r[1:2] == ["CCN Phú Nghĩa"])
    rows[at][1] = "=TRIM(\"CCN Phú Nghĩa\")"
    checked = importer.check([("ccn.csv", csv_1258(rows))])
    assert checked.ok, _lines(checked, "en")
    assert "=TRIM(\"CCN Phú Nghĩa\")" in set(checked.tables["sites"]["name_vi"])


def test_a_header_printed_again_is_left_out(tmp_path):
    rows = [list(r) for r in CLUSTERS]
    at = next(i for i, r in enumerate(rows) if r[1:2] == ["CCN Phú Nghĩa"])
    rows[at:at] = [list(h) for h in HEADER]  # the next page of a printed list starts with the header again
    checked = importer.check([("ccn.xlsx", xlsx(rows, MERGES))])
    assert checked.ok, _lines(checked, "en")
    reasons = [o.reason for o in checked.readings[0].layout.left_out]
    assert reasons.count("header_repeated") == 2 and len(checked.tables["sites"]) == 4


def test_a_second_table_under_the_first_is_refused_at_its_row(tmp_path):
    parks = [[], ["II. DANH SÁCH KHU CÔNG NGHIỆP"],
             ["STT", "Tên khu công nghiệp", "Địa chỉ", "Tổng diện tích", "Hiện trạng"],
             [1, "KCN Thăng Long", "Xã Kim Chung, huyện Đông Anh", "274", "Đang hoạt động"]]
    rows = [list(r) for r in CLUSTERS[:-1]] + parks + [CLUSTERS[-1]]
    checked = importer.check([("ccn.xlsx", xlsx(rows, MERGES))])
    lines = _lines(checked)
    header_row = len(CLUSTERS) - 1 + 3
    assert any(f"dòng {header_row}" in line and "bảng khác" in line for line in lines), lines
    status, db = _build(tmp_path, {"ccn.xlsx": xlsx(rows, MERGES)})
    assert status == 2 and not db.exists()
