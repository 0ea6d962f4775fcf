"""Reading files: encodings, delimiters, comment lines, row numbers, workbooks and files that are not."""

import codecs
import datetime as dt
import io
import unicodedata
import zipfile

import pytest
from openpyxl import Workbook

from industry.files import sheets

TEXT = "site_id,name_vi\nA,Cụm công nghiệp Thư Lâm\n"
NAME = unicodedata.normalize("NFC", "Cụm công nghiệp Thư Lâm")


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (unicodedata.normalize("NFD", TEXT).encode("utf-8"), "utf-8"),
])
def test_every_office_encoding_reads_to_the_same_nfc_text(data, encoding):
    found, problems = sheets.read("sites.csv", data)
    assert not problems
    assert found[0].encoding == encoding
    assert found[0].rows == [["A", NAME]]
    assert unicodedata.is_normalized("NFC", found[0].rows[0][1])


def test_windows_1258_with_combining_tone_marks():
    from tests.fixtures.import_.make import cp1258

    data = cp1258(TEXT)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    found, problems = sheets.read("sites.csv", data)
    assert not problems and found[0].encoding == "windows-1258"
    assert found[0].rows[0][1] == NAME


def test_comment_lines_semicolons_blank_lines_and_row_numbers():
    data = b"# a comment\n# another\nsite_id;name_vi\n\nA;x\nB;y\n"
    (sheet,), problems = sheets.read("sites.csv", data)
    assert not problems
    assert sheet.header == ["site_id", "name_vi"] and sheet.header_row == 3
    assert sheet.rows == [["A", "x"], ["B", "y"]]
    assert sheet.numbers == [5, 6]  # as the user sees the lines in an editor


def test_a_quoted_cell_over_several_lines_keeps_the_row_numbers_right():
    data = b'site_id,name_vi\nA,"two\nlines"\nB,z\n'
    (sheet,), _ = sheets.read("sites.csv", data)
    assert sheet.numbers == [2, 4]


@pytest.mark.parametrize("name, data, code", [
    ("sites.csv", b"", "empty_file"),
    ("sites.csv", b"   \n\n", "empty_file"),
    ("sites.csv", bytes(range(256)) * 4, "unreadable_encoding"),
    ("sites.csv", b"site_id\x00\x01\x02\x03\x04\x05\x06\x07,x\n" * 50, "binary"),
    ("sites.csv", b"# only comments\n", "no_header"),
    ("data.xlsx", b"PK\x03\x04 not a zip", "not_xlsx"),
    ("data.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "xls_unsupported"),
    ("data.pdf", b"%PDF-1.4", "unknown_file_kind"),
])
def test_unreadable_files_become_problems(name, data, code):
    found, problems = sheets.read(name, data)
    assert not found
    assert [p.code for p in problems] == [code]
    assert problems[0].file == name


def test_a_zip_bomb_disguised_as_a_workbook_is_refused_before_unpacking():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * 60_000_000)
    data = buf.getvalue()
    assert len(data) < 1_000_000
    found, problems = sheets.read("data.xlsx", data)
    assert [p.code for p in problems] == ["zip_bomb"]


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(sheets, "MAX_FILE_MB", 0.001)
    _, problems = sheets.read("sites.csv", TEXT.encode() * 100)
    assert [p.code for p in problems] == ["too_large"]


def test_workbook_sheets_are_tables_and_keep_excel_types():
    wb = Workbook()
    ws = wb.active
    ws.title = "certifications"
    ws.append(["enterprise_id", "standard", "issued_on"])
    ws.append([None])
    ws.append(["17", "ISO 9001", dt.datetime(2023, 3, 1)])
    wb.create_sheet("columns").append(["ignored"])
    buf = io.BytesIO()
    wb.save(buf)
    (sheet,), problems = sheets.read("data.xlsx", buf.getvalue())
    assert not problems
    assert sheet.name == "certifications" and sheet.sheet == "certifications"
    assert sheet.rows == [["17", "ISO 9001", dt.datetime(2023, 3, 1)]]
    assert sheet.numbers == [3]
