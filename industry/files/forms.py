"""The Ministry's cluster report forms (Circular 14/2024/TT-BCT, Phụ lục I) as they are filled in and sent.

    Biểu số 02. Tình hình hoạt động của dự án đầu tư xây dựng hạ tầng kỹ thuật cụm công nghiệp
    Đơn vị gửi báo cáo: Công ty cổ phần đầu tư Vân Hà – chủ đầu tư hạ tầng kỹ thuật CCN Vân Hà
    Kỳ báo cáo: năm 2024
    TT | Chỉ tiêu                                                              | Đơn vị tính | Kết quả | Ghi chú
    13 | Cụm công nghiệp đã hoặc đang đầu tư hệ thống xử lý nước thải tập trung … | Công trình  | 1       |
    1 4| Cụm công nghiệp có hệ thống xử lý nước thải tập trung đạt tiêu chuẩn …   | Công trình  | 0       |

Biểu số 02 is one cluster's, from its infrastructure investor (the cluster named in the lines above the table);
Biểu số 04 is the city's summary, from the Department. Each filled row becomes one row of ``reported_figures``: the
row as a code (``[forms.…]`` in ``industry/data/header_words.toml``; a row not listed is kept as ``form_row:N``), its
text as written, the result, the unit, who reported it (``Đơn vị gửi báo cáo``) and for which period (``Kỳ báo cáo``:
the year, or its first six months). What a form says is *reported*, and the pages show it beside what the samples
*measure*, never in its place. Biểu số 01 (an enterprise's) and 03 (a former district's) are said to be not read.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from ..core.text import fold
from .headers import plain, words
from .layouts import Layout
from .problems import Problem
from .reading import Reading, _by_name, _label, _linker, _numbers, _Row
from .sheets import Sheet
from .values import Unreadable, number

COLUMNS = ["site_id", "year", "period", "indicator", "label_vi", "value", "unit", "form", "reported_by", "source"]
_FORM = re.compile(r"\bbieu( mau)? so 0*(\d+)")
_SITE = re.compile(r"\b(c[uụ]m\s+c[oô]ng\s+nghi[eệ]p|c[uụ]m\s+cn|ccn)\s+([^\s,;:()/–-][^,;:()/–]*)", re.IGNORECASE)
_YEAR = re.compile(r"\b(20\d{2})\b")
ALIKE = 90  # the least rapidfuzz score for a row's text to be a kept row's


def form_of(layout: Layout) -> str | None:
    """The form a sheet is, by its title: ``bieu02``, ``bieu04``, another number as written, or None."""
    found = _FORM.search(plain(layout.title))
    return f"bieu{int(found.group(2)):02d}" if found else None


def readable(layout: Layout) -> bool:
    return form_of(layout) in words()["forms"]


def _line(layout: Layout, *starts: str) -> str:
    """The text after the colon of the title line that begins with one of `starts` (folded)."""
    for part in layout.title.split(" / "):
        if fold(part).strip().startswith(starts) and ":" in part:
            return part.split(":", 1)[1].strip()
    return ""


def _period(layout: Layout) -> tuple[int | None, str]:
    """The reporting period: "Kỳ báo cáo: năm 2024" → (2024, year); "6 tháng đầu năm 2025" → (2025, half)."""
    said = _line(layout, "ky bao cao") or layout.title
    year = _YEAR.search(said) or _YEAR.search(layout.title)
    half = "6 thang" in fold(said) and "/nam" not in fold(said).replace(" ", "")
    return (int(year.group(1)) if year else None), ("half" if half else "year")


def _rows(form: str) -> tuple[dict[str, str], list[str]]:
    """The kept rows of a form: each written text, compared, → its code."""
    kept = {k: v for k, v in words()["forms"][form].items() if isinstance(v, list)}
    table = {" ".join(plain(w).split()): code for code, written in kept.items() for w in written}
    return table, list(table)


def _column(layout: Layout, *heads: str) -> int | None:
    return next((i for i, h in enumerate(layout.header) if plain(h).startswith(heads)), None)


def read(layout: Layout, known: dict[str, dict[tuple, str]]) -> Reading:
    """One filled form as rows of ``reported_figures``."""
    reading = Reading(layout, [])
    form = form_of(layout)
    spec = words()["forms"][form]
    first = layout.header_rows[0]
    label_at, unit_at = _column(layout, "chi tieu", "noi dung"), _column(layout, "don vi")
    result_at = _column(layout, "ket qua", "so lieu", "gia tri")
    if label_at is None or result_at is None:
        reading.problems.append(Problem(layout.file, "form_columns_missing", layout.sheet, first,
                                        params={"header": ", ".join(h for h in layout.header if h)}))
        return reading
    year, period = _period(layout)
    if year is None:
        reading.problems.append(Problem(layout.file, "form_period_missing", layout.sheet, first))
    reporter = _line(layout, "don vi gui bao cao", "ten don vi", "don vi bao cao")
    site = ""
    if spec["scope"] == "site":
        lines = [(o.row, o.text) for o in layout.left_out if o.reason == "title"]
        named = next(((n, m.group(0).strip()) for n, text in lines
                      if fold(text).startswith(("don vi gui", "ten cum", "ten du an", "cum cong nghiep", "ccn"))
                      for m in [_SITE.search(text)] if m), None)
        if named is None:
            reading.problems.append(Problem(layout.file, "form_site_missing", layout.sheet, first))
        else:
            by_name, ids = _by_name(known, "sites")
            site = _linker(by_name, ids, _Row(reading, named[0]), None)(named[1])
    decimals = _numbers(layout, _as_mapping(result_at))
    table, texts = _rows(form)
    out, numbers = [], []
    source = layout.file + (f" ({layout.sheet})" if layout.sheet else "")
    for row, n in zip(layout.rows, layout.numbers, strict=True):
        label = " ".join(str(row[label_at] if label_at < len(row) else "").split())
        raw = row[result_at] if result_at < len(row) else ""
        if not label or raw in ("", None):
            continue
        try:
            value = number(raw, decimals.get(result_at))
        except Unreadable:
            _Row(reading, n).bad(result_at, "type_number", raw)
            continue
        key = " ".join(plain(label).split())
        code = table.get(key)
        if code is None:
            best = process.extractOne(key, texts, scorer=fuzz.token_sort_ratio, score_cutoff=ALIKE)
            code = table[best[0]] if best else "form_row:" + "".join(str(row[0]).split())
        unit = " ".join(str(row[unit_at] if unit_at is not None and unit_at < len(row) else "").split())
        out.append([site or "", year or "", period, code, label, value, unit, spec["form"], reporter, source])
        numbers.append(n)
    reading.labels = {"value": _label(layout, result_at), "indicator": _label(layout, label_at),
                      "site_id": str(first), "year": str(first)}
    reading.sheets.append(Sheet(layout.file, "reported_figures", layout.sheet, COLUMNS, first, out, numbers,
                                layout.encoding, joins=True))
    return reading


def _as_mapping(i: int):
    from .headers import Mapping, Match

    return Mapping("reported_figures", {i: Match("reported_figures", "value", 1.0, "")})
