"""Reading the department's files: CSV in whatever encoding the office PC used, and Excel workbooks.

Every file becomes one or more :class:`Sheet` objects (header and raw rows with the row
numbers the user sees); nothing is interpreted here beyond decoding. Text is decoded
from UTF-8 (with or without BOM), UTF-16 (with BOM, or recognised by its zero bytes) or
Windows-1258, then NFC-normalised, so decomposed Vietnamese equals precomposed.
Files that cannot be read become :class:`~industry.problems.Problem` objects instead.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem

MAX_FILE_MB = 50  # as server.maxUploadSize in .streamlit/config.toml
MAX_UNPACKED_MB = 300  # an .xlsx that unpacks to more is refused (zip bomb)
MAX_ZIP_RATIO = 200  # ... or whose members compress better than this
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
IGNORED_SHEETS = ("columns", "readme", "about")

csv.field_size_limit(MAX_CELL_CHARS * 4)


@dataclass
class Sheet:
    file: str
    name: str  # table name it claims to be: the file stem or the sheet name
    sheet: str | None  # the workbook sheet, None for CSV
    header: list[str] = field(default_factory=list)
    header_row: int = 1
    rows: list[list] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # row number of each row in the file
    encoding: str | None = None
    joins: bool = False  # one of several sheets that together make the table (a laboratory's sheet per round)
    # a department sheet's columns made rather than read (a position at the commune's point, an English name from
    # the Vietnamese): for a record the database has, these and the cells left empty keep what the database says;
    # None for a template, whose every column is as written
    derived: tuple[str, ...] | None = None


def unicode_text(data: bytes) -> tuple[str, str] | None:
    """The text of a file written in a Unicode encoding (a byte-order mark, UTF-16 recognised by its zero bytes, or
    valid UTF-8), NFC-normalised, and that encoding; None when it is none of them."""
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16"), "utf-16"
    elif len(data) >= 4 and data[1:400:2].count(0) > 0.4 * len(data[1:400:2]) and not data[0:400:2].count(0):
        text, encoding = data.decode("utf-16-le"), "utf-16-le"
    elif len(data) >= 4 and data[0:400:2].count(0) > 0.4 * len(data[0:400:2]) and not data[1:400:2].count(0):
        text, encoding = data.decode("utf-16-be"), "utf-16-be"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            return None
    return unicodedata.normalize("NFC", text), encoding


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with (a Unicode one, else Windows-1258); raises UnicodeError when none
    fits."""
    found = unicode_text(data)
    if found is not None:
        return found
    return unicodedata.normalize("NFC", data.decode("cp1258")), "windows-1258"


def looks_binary(text: str) -> bool:
    sample = text[:4096]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t")
    return controls > max(2, len(sample) // 100)


def read_csv(name: str, data: bytes) -> tuple[list[Sheet], list[Problem]]:
    if not data.strip():
        return [], [Problem(name, "empty_file")]
    try:
        text, encoding = decode(data)
    except UnicodeError:
        return [], [Problem(name, "unreadable_encoding")]
    if looks_binary(text):
        return [], [Problem(name, "binary")]
    lines = text.splitlines(keepends=True)
    skip = 0
    while skip < len(lines) and (not lines[skip].strip() or lines[skip].lstrip().startswith("#")):
        skip += 1
    if skip == len(lines):
        return [], [Problem(name, "no_header")]
    header_line = lines[skip]
    delimiter = max((",", ";", "\t"), key=header_line.count)
    reader = csv.reader(io.StringIO("".join(lines[skip:])), delimiter=delimiter)
    sheet = Sheet(name, Path(name).stem, None, header_row=skip + 1, encoding=encoding)
    try:
        sheet.header = [cell.strip() for cell in next(reader)]
        last = reader.line_num
        for row in reader:
            start = skip + last + 1
            last = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            sheet.rows.append(row)
            sheet.numbers.append(start)
    except csv.Error as exc:
        return [], [Problem(name, "csv_error", row=skip + reader.line_num, params={"detail": str(exc)})]
    return [sheet], []


def check_zip(name: str, data: bytes) -> Problem | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return Problem(name, "not_xlsx")
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > MAX_UNPACKED_MB * 1e6 or (unpacked > 5e6 and unpacked / packed > MAX_ZIP_RATIO):
        return Problem(name, "zip_bomb", params={"limit": MAX_UNPACKED_MB})
    if not any(i.filename == "xl/workbook.xml" for i in infos):
        return Problem(name, "not_xlsx")
    return None


def read_xlsx(name: str, data: bytes) -> tuple[list[Sheet], list[Problem]]:
    from openpyxl import load_workbook

    problem = check_zip(name, data)
    if problem:
        return [], [problem]
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a damaged workbook
        return [], [Problem(name, "not_xlsx")]
    sheets: list[Sheet] = []
    try:
        for ws in wb.worksheets:
            title = unicodedata.normalize("NFC", ws.title).strip()
            if title.lower() in IGNORED_SHEETS or title.startswith("_"):
                continue
            sheet = Sheet(name, title, title, encoding="xlsx")
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = ["" if v is None else v for v in values]
                while cells and cells[-1] == "":
                    cells.pop()
                if not cells:
                    continue
                cells = [unicodedata.normalize("NFC", c) if isinstance(c, str) else c for c in cells]
                if not sheet.header:
                    sheet.header = [str(c).strip() for c in cells]
                    sheet.header_row = number
                else:
                    sheet.rows.append(cells)
                    sheet.numbers.append(number)
            if sheet.header:
                sheets.append(sheet)
    except Exception:  # noqa: BLE001 - damaged sheet XML
        return [], [Problem(name, "not_xlsx")]
    finally:
        wb.close()
    if not sheets:
        return [], [Problem(name, "no_header")]
    return sheets, []


def read(name: str, data: bytes) -> tuple[list[Sheet], list[Problem]]:
    """The sheets of one file (by its name's extension), or the problems that stop it being read."""
    name = Path(unicodedata.normalize("NFC", name)).name
    if len(data) > MAX_FILE_MB * 1e6:
        return [], [Problem(name, "too_large", params={"limit": MAX_FILE_MB})]
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".txt"):
        return read_csv(name, data)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(name, data)
    if suffix == ".xls":
        return [], [Problem(name, "xls_unsupported")]
    return [], [Problem(name, "unknown_file_kind")]


def is_data_file(path: Path) -> bool:
    """A CSV or workbook in a folder of templates (not hidden, not Excel's lock file, not the column notes)."""
    return (path.is_file() and not path.name.startswith((".", "~$"))
            and path.suffix.lower() in (".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")
            and path.stem.lower() not in IGNORED_SHEETS)
