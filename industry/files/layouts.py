"""A sheet as the department lays it out, read as one table: the header found, every other row accounted for.

The department's files are not templates: a letterhead ("UBND THÀNH PHỐ HÀ NỘI / SỞ CÔNG THƯƠNG") and a title
above the header, a header over two rows with merged cells ("Địa điểm" over "Xã, phường" and "Quận, huyện"), a
numbering row "(1) (2) (3) …", section rows by former district ("I", "HUYỆN ĐÔNG ANH"), a "Tổng cộng" row and a
"Ghi chú: …" row at the end. :func:`read` turns each sheet of a ``.xlsx``, ``.xlsm``, ``.xls``, ``.ods`` (read by
python-calamine) or CSV (its encoding detected with charset-normalizer, Windows-1258 with combining tone marks
included) into a :class:`Layout`: one header name per column ("Trạm xử lý nước thải tập trung – Công suất
(m³/ngày đêm)"), the data rows with the row numbers the user sees, the section each row falls under, and every row
left out with its number and why (title, numbering, section, total, note). Nothing is interpreted beyond that:
which table a sheet feeds and what its values mean are decided later.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..core.text import fold
from .problems import Problem
from .sheets import MAX_FILE_MB, check_zip, looks_binary, unicode_text

HEADER_SEARCH_ROWS = 30  # the header is looked for in the first rows of a sheet
JOIN = " – "  # between a merged parent header and its column's own ("Địa điểm – Xã, phường")
SECTION_JOIN = " / "  # between a section and its part ("HUYỆN GIA LÂM / Các cụm công nghiệp đã thành lập")
_NUMBERING = re.compile(r"^\(?\s*(\d{1,3}|[a-zA-Z])\s*\)?\.?$")
_ROMAN = re.compile(r"^(?=[IVXLC])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})\.?$")
_SUBSECTION = re.compile(r"^(?=[IVXLC])[IVXLC]+\.\d{1,2}\.?$|^[A-Z]\.?\d{1,2}\.?$")  # "I.1", "A.2": a section's parts
_UNIT_HEADING = re.compile(r"^(huyen|quan|thi xa|thanh pho|xa|phuong|thi tran)\s+\S")
_TOTALS = ("tong cong", "cong", "tong so", "tong", "total", "grand total", "cong chung", "tong cong toan thanh pho")
_NOTES = ("ghi chu", "nguon", "note", "source", "chu thich", "luu y")


@dataclass(frozen=True)
class LeftOut:
    row: int  # as the user sees it in the file
    reason: str  # title | numbering | section | total | note
    text: str


@dataclass
class Layout:
    """One sheet read as a table."""

    file: str
    sheet: str | None  # None for CSV
    header: list[str] = field(default_factory=list)  # one name per column, merged parents joined with JOIN
    header_rows: tuple[int, int] = (1, 1)  # first and last row of the header
    rows: list[list] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # each data row's number in the file
    sections: list[str | None] = field(default_factory=list)  # the section row each data row falls under
    left_out: list[LeftOut] = field(default_factory=list)
    title: str = ""  # the lines above the header ("DANH SÁCH CÁC CỤM CÔNG NGHIỆP …")
    encoding: str | None = None
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column index) → "#N/A": error cells
    header_like: list[int] = field(default_factory=list)  # data rows written like a header (another table's?)

    def letter(self, index: int) -> str:
        return column_letter(index)


def column_letter(index: int) -> str:
    """The spreadsheet's name of a column: 0 → ``A``, 25 → ``Z``, 26 → ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- reading cells -------------------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV and the encoding it was found in (not assumed): a byte-order mark, UTF-16 without one,
    UTF-8; otherwise charset-normalizer's guess, with Windows-1258 preferred where it reads as Vietnamese (an older
    office PC writes tone marks as combining characters, which other single-byte guesses turn into Ì, Ò, Þ)."""
    found = unicode_text(data)
    if found is not None:
        return found
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guesses = [("cp1258", "windows-1258")] + ([(best.encoding, best.encoding)] if best is not None else [])
    readings = []
    for codec, label in guesses:
        try:
            text = unicodedata.normalize("NFC", data.decode(codec))
        except (UnicodeDecodeError, LookupError):
            continue
        readings.append((_vietnamese_share(text), text, label))
    if not readings:
        raise UnicodeError("no encoding fits")
    share, text, label = max(readings, key=lambda r: r[0])
    return text, label


def _vietnamese_share(text: str) -> float:
    """The share of letters that are Vietnamese letters with diacritics, less the share of letters Vietnamese never
    writes (what a wrong single-byte guess makes of its combining tone marks)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    viet = sum(1 for ch in letters if ch in _VIETNAMESE)
    foreign = sum(1 for ch in letters if not ch.isascii() and ch not in _VIETNAMESE)
    return (viet - 3 * foreign) / len(letters)


_VIETNAMESE = set(unicodedata.normalize("NFC", "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"))
_VIETNAMESE |= {ch.upper() for ch in _VIETNAMESE}


def _csv_grid(text: str) -> list[list]:
    lines = text.splitlines()
    sample = "\n".join(lines[:HEADER_SEARCH_ROWS])
    delimiter = max((",", ";", "\t", "|"), key=sample.count)
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _cell(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def _fill_merged(grid: list[list], merged) -> None:
    """Every cell of a merged range given the value of its top-left cell (as the reader sees it)."""
    for (r0, c0), (r1, c1) in merged:
        if r0 >= len(grid):
            continue
        value = grid[r0][c0] if c0 < len(grid[r0]) else ""
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            row = grid[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if row[c] in ("", None):
                    row[c] = value


def grids(name: str, data: bytes) -> tuple[list[tuple[str | None, list[list], list, str | None]], list[Problem]]:
    """Each sheet's cells (rows of values, blanks as ""), its merged ranges ((row, col), (row, col)), its name and
    the encoding (CSV); or the problems that stop the file being read."""
    name = Path(unicodedata.normalize("NFC", name)).name
    if not data.strip():
        return [], [Problem(name, "empty_file")]
    if len(data) > MAX_FILE_MB * 1e6:
        return [], [Problem(name, "too_large", params={"limit": MAX_FILE_MB})]
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".txt"):
        try:
            text, encoding = decode(data)
        except UnicodeError:
            binary = looks_binary(data[:4096].decode("latin-1"))
            return [], [Problem(name, "binary" if binary else "unreadable_encoding")]
        if looks_binary(text):
            return [], [Problem(name, "binary")]
        return [(None, [[_cell(v) for v in row] for row in _csv_grid(text)], [], encoding)], []
    if suffix not in (".xlsx", ".xlsm", ".xls", ".ods"):
        return [], [Problem(name, "unknown_file_kind")]
    if suffix in (".xlsx", ".xlsm"):
        problem = check_zip(name, data)
        if problem:
            return [], [problem]
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        errors = _error_cells(data) if suffix in (".xlsx", ".xlsm") else {}
        out = []
        for sheet_name in book.sheet_names:
            sheet = book.get_sheet_by_name(sheet_name)
            rows = [[_cell(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
            for (r, c), text in errors.get(sheet_name, {}).items():
                if r < len(rows) and c < len(rows[r]) and rows[r][c] in ("", None):
                    rows[r][c] = text  # an error is said, never read as an empty cell
            merged = [((a[0], a[1]), (b[0], b[1])) for a, b in (sheet.merged_cell_ranges or [])]
            out.append((unicodedata.normalize("NFC", sheet_name).strip(), rows, merged, suffix.lstrip(".")))
        return out, []
    except Exception:  # noqa: BLE001 - calamine raises its own kinds on a damaged workbook
        return [], [Problem(name, "not_a_workbook", params={"kind": suffix.lstrip(".")})]


ERROR_VALUES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "Err:502", "Err:504", "Err:508", "Err:511", "Err:522"))


def _error_cells(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """The cells of an .xlsx that hold a spreadsheet error (#N/A, #DIV/0!), by sheet: python-calamine reads them
    as empty cells, which would lose them without a word. Looked for only when the workbook has one."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if not any(b't="e"' in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/")):
            return {}
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        out: dict[str, dict[tuple[int, int], str]] = {}
        for sheet in book.worksheets:
            for r, row in enumerate(sheet.iter_rows()):
                for c, cell in enumerate(row):
                    if getattr(cell, "data_type", None) == "e":
                        out.setdefault(sheet.title, {})[(r, c)] = str(cell.value)
        return out
    finally:
        book.close()


# --- finding the table in a sheet ----------------------------------------------------------------------------------


def _filled(row: list) -> list[int]:
    return [i for i, v in enumerate(row) if v not in ("", None)]


def _is_text(value) -> bool:
    return isinstance(value, str) and not _looks_number(value)


def _looks_number(text: str) -> bool:
    return bool(re.fullmatch(r"[-+]?[\d.,\s]+%?", text.strip())) if text.strip() else False


def _numbering(row: list) -> bool:
    """A row of column numbers under a header: ``(1) (2) (3) …`` or ``1 2 3 …`` or ``A B C …``."""
    cells = [str(row[i]).strip() for i in _filled(row)]
    if len(cells) < 3:
        return False
    return sum(1 for c in cells if _NUMBERING.match(c)) >= 0.8 * len(cells)


def _first_text(row: list) -> str:
    for i in _filled(row):
        if isinstance(row[i], str) and not _NUMBERING.match(row[i]) and not _ROMAN.match(row[i]):
            return row[i]
    return ""


def _is_total(row: list) -> bool:
    for i in _filled(row)[:3]:
        if isinstance(row[i], str):
            word = fold(row[i]).rstrip(":").strip()
            if word in _TOTALS or word.startswith(("tong cong", "tong so", "cong:")):
                return True
    return False


def _is_note(row: list) -> bool:
    text = fold(_first_text(row))
    return any(text.startswith(n) for n in _NOTES) or text.startswith("*")


def _header_row(grid: list[list]) -> int | None:
    """The first row, among the first ones, with text in most of the columns the data fills."""
    width = max((len(_filled(r)) for r in grid), default=0)
    if width < 2:
        return None
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        cells = _filled(row)
        texts = [i for i in cells if _is_text(row[i]) or _is_year(row[i])]
        if len(texts) >= max(2, 0.5 * width) and len(texts) >= 0.7 * len(cells) and not _numbering(row) \
                and any(_is_text(row[i]) for i in texts):
            return r
    return None


def _is_year(value) -> bool:
    """A year written over a column of yearly figures (2024, as a number or as text)."""
    text = str(value).strip()
    return not isinstance(value, bool) and text.isdigit() and len(text) == 4 and 1990 <= int(text) <= 2100


def _second_header_row(grid: list[list], r: int, merged) -> bool:
    """Whether the row under the header is a second header row: text only, under a parent merged across columns
    or under blank cells of the first row."""
    if r + 1 >= len(grid):
        return False
    below = grid[r + 1]
    cells = _filled(below)
    if not cells or _numbering(below) or not all(_is_text(below[i]) for i in cells):
        return False
    across = any(a[0] == r and b[1] > a[1] for a, b in merged)
    top = grid[r]
    under_blank = any(i >= len(top) or top[i] in ("", None) for i in cells)
    return across or under_blank


def lay_out(file: str, sheet: str | None, grid: list[list], merged=(), encoding: str | None = None) -> Layout | None:
    """The table in one sheet's cells, or None when no header can be found."""
    header_at = _header_row(grid)
    if header_at is None:
        return None
    layout = Layout(file, sheet, encoding=encoding)
    layout.title = " / ".join(" ".join(str(r[i]) for i in _filled(r)) for r in grid[:header_at] if _filled(r))
    for r in range(header_at):
        if _filled(grid[r]):
            layout.left_out.append(LeftOut(r + 1, "title", " ".join(str(grid[r][i]) for i in _filled(grid[r]))))
    head = [list(row) for row in grid]  # merged header cells filled; data cells are left as the file has them
    header_merged = [m for m in merged if m[0][0] <= header_at + 1]
    _fill_merged(head, header_merged)
    last = header_at + 1 if _second_header_row(head, header_at, header_merged) else header_at
    width = max(len(head[header_at]), len(head[last]), *(len(r) for r in grid[last + 1:]), 0)
    for row in (head[header_at], head[last]):
        row.extend([""] * (width - len(row)))
    if last != header_at:  # a parent written once over its columns without a merge (as .ods and CSV keep it)
        for c in range(1, width):
            if head[header_at][c] in ("", None) and head[last][c] not in ("", None) \
                    and head[last][c - 1] not in ("", None) and c - 1 not in _vertical(header_merged, header_at):
                head[header_at][c] = head[header_at][c - 1]
    names = []
    for c in range(width):
        parent = str(head[header_at][c]).strip() if c < len(head[header_at]) else ""
        child = str(head[last][c]).strip() if last != header_at and c < len(head[last]) else ""
        name = f"{parent}{JOIN}{child}" if parent and child and fold(parent) != fold(child) else (child or parent)
        names.append(" ".join(name.split()))
    layout.header = names
    layout.header_rows = (header_at + 1, last + 1)
    _fill_merged(grid, [m for m in merged if m[0][0] > last and m[0][1] == m[1][1]])  # one column over several rows
    section, notes = None, False
    header_words = {c: {str(h[c]).strip() for h in (head[header_at], head[last]) if c < len(h) and h[c] not in ("", None)}
                    for c in range(width) if names[c]}
    for r in range(last + 1, len(grid)):
        row = grid[r] + [""] * (width - len(grid[r]))
        cells = _filled(row)
        if not cells:
            continue
        text = " ".join(str(row[i]) for i in cells)
        if not notes and _repeats_header(row, header_words):
            layout.left_out.append(LeftOut(r + 1, "header_repeated", text))  # a header printed again on each page
            continue
        if not notes and len(layout.header_like) < 50 and _looks_like_header(row, width):
            layout.header_like.append(r + 1)  # whether it is another table's header is told by its words
        if notes or _is_note(row):
            notes = True  # a note, and the signatures and lines after it
            layout.left_out.append(LeftOut(r + 1, "note", text))
        elif r == last + 1 and _numbering(row):
            layout.left_out.append(LeftOut(r + 1, "numbering", text))
        elif _is_total(row):
            layout.left_out.append(LeftOut(r + 1, "total", text))
        elif _is_section(row, width):
            heading = " ".join(str(row[i]) for i in cells if isinstance(row[i], str)
                               and not _ROMAN.match(row[i].strip()) and not _SUBSECTION.match(row[i].strip())) or text
            if _SUBSECTION.match(str(row[cells[0]]).strip()) and section:
                section = f"{section.split(SECTION_JOIN)[0]}{SECTION_JOIN}{heading}"  # "I.1" under "I"
            else:
                section = heading
            layout.left_out.append(LeftOut(r + 1, "section", text))
        else:
            layout.rows.append(row[:width])
            layout.numbers.append(r + 1)
            layout.sections.append(section)
            for c in cells:
                if c < width and isinstance(row[c], str) and row[c] in ERROR_VALUES:
                    layout.errors[(r + 1, c)] = row[c]
    return layout


def _repeats_header(row: list, header: dict[int, set[str]]) -> bool:
    """A row that writes the header again (as a sheet printed over several pages does): most of its cells are the
    header's own words in the same columns."""
    cells = [c for c in _filled(row) if c in header]
    if len(cells) < 2:
        return False
    same = sum(1 for c in cells if isinstance(row[c], str) and row[c] in header[c])
    return same >= 0.8 * len(cells)


def _looks_like_header(row: list, width: int) -> bool:
    cells = _filled(row)
    return len(cells) >= max(3, 0.5 * width) and all(_is_text(row[i]) for i in cells)


def _vertical(merged, r: int) -> set[int]:
    """The columns whose header cell at row `r` is merged down over the next row (a header of one row's height)."""
    return {c for a, b in merged if a[0] == r and b[0] > r for c in range(a[1], b[1] + 1)}


def _is_section(row: list, width: int) -> bool:
    """A row that heads the rows under it ("I", "HUYỆN ĐÔNG ANH"; "1. Khu vực phía Bắc"): text in at most two of
    many columns, no number among them but a roman numeral; or, with its subtotals beside it, a roman numeral or a
    part of one ("I.1") before its words, or an administrative unit's name in capitals ("HUYỆN GIA LÂM | 40 | 12")."""
    cells = _filled(row)
    if width < 4 or not cells:
        return False
    first = str(row[cells[0]]).strip()
    words = [str(row[i]).strip() for i in cells[1:3] if isinstance(row[i], str) and not _looks_number(row[i])]
    if (_ROMAN.match(first) or _SUBSECTION.match(first)) and words and len(words[0]) > 3:
        return True
    heading = first if isinstance(row[cells[0]], str) and not _looks_number(first) else (words[0] if words else "")
    if heading.isupper() and _UNIT_HEADING.match(fold(heading)):
        return True
    if len(cells) > 2:
        return False
    values = [str(row[i]).strip() for i in cells]
    words = [v for v in values if not _ROMAN.match(v)]
    if not words:
        return bool(values)
    return all(isinstance(row[i], str) for i in cells) and any(w.isupper() or re.match(r"^[IVX\d]+[.)]\s", w)
                                                               for w in words)


def read(name: str, data: bytes) -> tuple[list[Layout], list[Problem]]:
    """Every sheet of a file with a table in it, laid out; or the problems that stop the file being read (a sheet
    without a header among its first rows is one)."""
    found, problems = grids(name, data)
    if problems:
        return [], problems
    name = Path(unicodedata.normalize("NFC", name)).name
    out, missing = [], []
    for sheet, grid, merged, encoding in found:
        if not any(_filled(r) for r in grid):
            continue
        layout = lay_out(name, sheet, grid, merged, encoding)
        if layout is None:
            missing.append(Problem(name, "no_header_found", sheet, None, None, None,
                                   {"rows": HEADER_SEARCH_ROWS}))
        else:
            out.append(layout)
    if not out:
        return [], missing or [Problem(name, "no_header")]
    return out, []
