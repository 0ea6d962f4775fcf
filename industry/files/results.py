"""A laboratory's result sheet, as the laboratory sends it: the parameters down the rows, one sheet per sampling round.

    Cụm công nghiệp Vân Hà                                  ← the cluster, in the lines above the table
    Vị trí lấy mẫu: Nước thải sau xử lý tại trạm XLNT tập trung
    Ngày lấy mẫu: 15/03/2025                                ← the date (or in a sample column's header)
    TT | Thông số | Đơn vị | Kết quả | QCVN 40:2011/BTNMT (Cột B)
    1  | pH       | -      | 7,2     | 5,5 - 9
    2  | COD      | mg/l   | 45      | 150
    3  | Amoni (tính theo N) | mg/l | KPH | 10

or a column per sample (``NT1``, ``NT2`` …, each with its date above it, in its header or in the title). Each
result is one measurement of :mod:`industry.data` 's ``wastewater_samples``: the parameter as labs name it ("BOD5
(20°C)", "Chất rắn lơ lửng (TSS)", "Tổng Phốt pho (tính theo P)"), ``KPH`` as not detected, ``<0,30`` as below the
detection limit. The limit column is the laboratory's comparison, not the dashboard's: the measurements are judged
against the limits of the plant's standard, as every other sample is; a standard the bundled limits lack ("QCVN
14:2008/BTNMT", "QCVN 40:2025/BTNMT") is said on the Import page. A sample taken before treatment ("đầu vào",
"trước xử lý") is not a discharge and is left out, said so; a parameter no standard the dashboard has names ("Tổng
chất rắn hòa tan") is left out, said so, with its row.
"""

from __future__ import annotations

import re
import unicodedata

from ..core.text import fold
from ..data.reference import Reference
from .headers import Mapping, fields
from .layouts import Layout, LeftOut, column_letter
from .problems import Problem
from .reading import (
    NOT_MEASURED as _NOT_MEASURED,
)
from .reading import (
    Reading,
    _by_name,
    _label,
    _linker,
    _numbers,
    _Row,
    _same_unit,
    result_in,
    standard_of,
)
from .sheets import Sheet

_SITE = re.compile(r"\b(c[uụ]m\s+c[oô]ng\s+nghi[eệ]p|c[uụ]m\s+cn|ccn|khu\s+c[oô]ng\s+nghi[eệ]p|kcn)\s+"
                   r"([^\s,;:()/\n–-][^,;:()/\n–]*)", re.IGNORECASE)
_DATE = re.compile(r"(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})",
                   re.IGNORECASE)
_SAMPLED = ("ngay lay mau", "thoi gian lay mau", "ngay quan trac", "thoi gian quan trac", "ngay lay", "sampled")
_BEFORE_TREATMENT = ("dau vao", "truoc xu ly", "truoc khi xu ly", "chua xu ly", "inlet", "influent")


def is_result_sheet(mapping: Mapping) -> bool:
    """Whether a sheet read as monitoring results has its parameters down the rows (a laboratory's sheet)."""
    columns = [m.column for m in mapping.columns.values()]
    return "parameter_name" in columns and any(c == "result" or c.startswith("result:") for c in columns)


def _date_in(text: str):
    from .validation import BadValue, to_date

    found = _DATE.search(unicodedata.normalize("NFC", text or ""))
    if not found:
        return None
    try:
        return to_date(re.sub(r"\s+", "" if "/" in found.group(1) else " ", found.group(1)))
    except BadValue:
        return None


def _title_lines(layout: Layout) -> list[tuple[int, str]]:
    return [(o.row, o.text) for o in layout.left_out if o.reason == "title"]


def read(layout: Layout, mapping: Mapping, known: dict[str, dict[tuple, str]]) -> Reading:
    """One result sheet as measurements of `wastewater_samples`."""
    reading = Reading(layout, [mapping])
    at = {m.column: i for i, m in mapping.columns.items()}
    results = {i: m.column for i, m in mapping.columns.items() if m.column == "result" or m.column.startswith("result:")}
    decimals = _numbers(layout, mapping)
    lines = _title_lines(layout)
    title_row = layout.header_rows[0]
    header_row = layout.header_rows[1]
    said = " ".join(text for _, text in lines)
    if any(w in fold(said) for w in _BEFORE_TREATMENT):
        layout.left_out.append(LeftOut(header_row, "before_treatment", said[:200]))
        layout.rows, layout.numbers, layout.sections = [], [], []
        reading.sheets.append(Sheet(layout.file, "wastewater_samples", layout.sheet,
                                    ["site_id", "sampled_on", "parameter", "value", "unit", "qualifier"],
                                    min(layout.header_rows), [], [], layout.encoding, joins=True))
        return reading
    # the date: a sample column's own, else the title's "Ngày lấy mẫu: …"
    dated = next((_date_in(text) for _, text in lines if any(w in fold(text) for w in _SAMPLED) and _date_in(text)),
                 None) or next((_date_in(text) for _, text in lines if _date_in(text)), None)
    dates = {i: _date_in(layout.header[i]) or dated for i in results}
    for i, date in dates.items():
        if date is None:
            reading.problems.append(Problem(layout.file, "sample_date_missing", layout.sheet, header_row,
                                            _label(layout, i), layout.header[i]))
    # the cluster: named in the title lines, as the cluster list or the database names it
    named = next(((n, m.group(0).strip()) for n, text in lines for m in [_SITE.search(text)] if m), None)
    by_name, ids = _by_name(known, "sites")
    site = None
    if named is None:
        reading.problems.append(Problem(layout.file, "sample_site_missing", layout.sheet, title_row))
    else:
        site = _linker(by_name, ids, _Row(reading, named[0]), None)(named[1])
    # the laboratory's standard: said when the dashboard has no limits for it
    standard = standard_of(layout.header[at["limit"]]) if "limit" in at else None
    bundled = {r["standard"] for r in Reference().limit_rows()}
    if standard and standard not in bundled:
        layout.left_out.append(LeftOut(header_row, "standard_not_bundled", standard))
    units = {r["parameter"]: r["unit"] or "" for r in Reference().limit_rows()}
    out, numbers = [], []
    for row, n in zip(layout.rows, layout.numbers, strict=True):
        problems = _Row(reading, n)
        written = " ".join(str(row[at["parameter_name"]] or "").split()) if at["parameter_name"] < len(row) else ""
        if not written:
            continue
        parameter = next((m.column.split(":", 1)[1] for m in fields(written, {"wastewater_samples"})
                          if m.column.startswith("parameter:") and m.confidence >= 0.9), None)
        if parameter is None or parameter not in units:
            layout.left_out.append(LeftOut(n, "parameter_not_judged", written))
            continue
        unit = str(row[at["unit"]]).strip() if "unit" in at and at["unit"] < len(row) else ""
        if unit not in _NOT_MEASURED and units[parameter] and not _same_unit(unit, units[parameter]):
            problems.bad(at["unit"], "unit_differs", unit, unit=units[parameter])
            continue
        for i in results:
            result = result_in(row, i, n, layout, decimals, problems)
            if result is not None and site and dates[i]:
                out.append([site, dates[i], parameter, "" if result.value is None else result.value,
                            units[parameter], result.qualifier or ""])
                numbers.append(n)
    layout.left_out.sort(key=lambda o: o.row)
    reading.labels = {"site_id": f"{title_row}", "parameter": _label(layout, at["parameter_name"])}
    if results:
        first, last = min(results), max(results)
        reading.labels["value"] = reading.labels["sampled_on"] = (
            column_letter(first) if first == last else f"{column_letter(first)}–{column_letter(last)}")
    reading.sheets.append(Sheet(layout.file, "wastewater_samples", layout.sheet,
                                ["site_id", "sampled_on", "parameter", "value", "unit", "qualifier"],
                                min(layout.header_rows), out, numbers, layout.encoding, joins=True))
    return reading
