"""Tables laid out wide: monitoring results with a parameter a column (and the regulation's limits in a row under
the header), and yearly figures with a column per year, one value per filled cell.
"""

from __future__ import annotations

import re
from functools import cache

from ..core.text import fold
from ..data.reference import Reference
from .headers import Mapping, words
from .layouts import Layout, LeftOut, column_letter
from .problems import Problem
from .reading import (
    NOT_MEASURED as _NOT_MEASURED,
)
from .reading import (
    Reading,
    _blank,
    _by_name,
    _cell,
    _Coder,
    _index,
    _label,
    _labels,
    _linker,
    _numbers,
    _Row,
    _same_unit,
    _source,
    result_in,
)
from .sheets import Sheet
from .values import Unreadable, number

_LIMITS_WORDS = ("qcvn", "quy chuan", "gioi han", "tieu chuan", "cot a", "cot b", "limit")


def _unit_of(header: str) -> str:
    """The unit a header writes after its name: ``COD (mg/l)`` → ``mg/l``."""
    found = re.search(r"[(\[]([^()\[\]]*)[)\]]\s*$", header)
    return found.group(1).strip() if found else ""


def samples(layout: Layout, mapping: Mapping, known: dict[str, dict[tuple, str]]) -> Reading:
    """Monitoring results laid out wide: a sample a row, a parameter a column ("COD (mg/l)"), one measurement per
    filled cell; a row of the regulation's limits under the header ("QCVN 40:2011/BTNMT (cột B)") left out as
    limits; ``<0,5`` kept as below the detection limit and ``KPH`` as not detected; the site named as the cluster
    list or the database names it (CCN / Cụm công nghiệp, Hoà / Hòa), never guessed between two."""
    reading = Reading(layout, [mapping])
    decimals = _numbers(layout, mapping)
    site_at, date_at = _index(mapping, "site_id"), _index(mapping, "sampled_on")
    parameters = {i: m.column.split(":", 1)[1] for i, m in mapping.columns.items() if m.column.startswith("parameter:")}
    units = {r["parameter"]: r["unit"] or "" for r in Reference().limit_rows()}
    for i, parameter in parameters.items():
        written = _unit_of(layout.header[i])
        if written and parameter in units and not _same_unit(written, units[parameter]):
            reading.problems.append(Problem(layout.file, "unit_differs", layout.sheet, layout.header_rows[1],
                                            _label(layout, i), written, {"unit": units[parameter] or "–"}))
    by_name, ids = _by_name(known, "sites")
    columns = ["site_id", "sampled_on", "parameter", "value", "unit", "qualifier"]
    out, numbers, kept_rows = [], [], []
    for row, n in zip(layout.rows, layout.numbers, strict=True):
        name = row[site_at] if site_at is not None else ""
        date = row[date_at] if date_at is not None else ""
        if date in ("", None) and any(w in fold(" ".join(map(str, row))) for w in _LIMITS_WORDS):
            layout.left_out.append(LeftOut(n, "limits", " ".join(str(v) for v in row if v not in ("", None))))
            continue
        kept_rows.append(n)
        problems = _Row(reading, n)
        site = _linker(by_name, ids, problems, site_at)(name)
        if site is None:
            continue
        for i, parameter in parameters.items():
            result = result_in(row, i, n, layout, decimals, problems)
            if result is None:
                continue
            out.append([site, date, parameter, _blank(result.value), units.get(parameter, ""),
                        result.qualifier or ""])
            numbers.append(n)
    layout.left_out.sort(key=lambda o: o.row)
    keep = set(kept_rows)
    layout.rows, layout.sections, layout.numbers = (
        [r for r, n in zip(layout.rows, layout.numbers, strict=True) if n in keep],
        [s for s, n in zip(layout.sections, layout.numbers, strict=True) if n in keep],
        [n for n in layout.numbers if n in keep])
    reading.labels = _labels(layout, mapping)
    if parameters:
        first, last = min(parameters), max(parameters)
        reading.labels["value"] = f"{column_letter(first)}–{column_letter(last)}"
    reading.sheets.append(Sheet(layout.file, "wastewater_samples", layout.sheet, columns, min(layout.header_rows),
                                out, numbers, layout.encoding))
    return reading


_COMPUTED = ("si_enterprises", "si_international_standard_share", "wastewater_compliance_rate")  # from its own tables


@cache
def _indicator_words() -> dict[str, str]:
    """Each written form of an indicator, folded → its code: the header words' and the dashboard's own names."""
    from ..core.i18n import Translator

    out: dict[str, str] = {}
    for lang in ("en", "vi"):
        tr = Translator(lang)
        for row in Reference().targets:
            out.setdefault(fold(tr(f"indicator.{row['indicator']}")), row["indicator"])
            out.setdefault(fold(row["description_en"]), row["indicator"])
    for indicator, written in words()["values"]["programme_progress"]["indicator"].items():
        out |= {fold(w): indicator for w in written}
    return out


def indicator_of(written) -> tuple[str | None, float]:
    """The programme indicator a report's row names, with a confidence: 1.0 for a name kept, less for one only
    like it (rapidfuzz); (None, 0) for none close enough."""
    from rapidfuzz import fuzz, process

    key = " ".join(re.sub(r"^[\d.)\s-]+", "", fold(str(written or ""))).split())
    table = _indicator_words()
    if key in table:
        return table[key], 1.0
    best = process.extractOne(key, list(table), scorer=fuzz.token_set_ratio, score_cutoff=88)
    return (table[best[0]], round(best[1] / 100, 2)) if best else (None, 0.0)


def progress(layout: Layout, mapping: Mapping) -> Reading:
    """Yearly figures with a column per year ("Năm 2023", "TH 2024"; a plan's column is no figure): a row per
    indicator, named as the report names it, each filled year one value; an indicator the dashboard computes
    from its own tables (supporting-industry enterprises, their certified share, wastewater compliance) is left
    out, said so, rather than read twice."""
    reading = Reading(layout, [mapping])
    decimals = _numbers(layout, mapping)
    years = {i: int(m.column.split(":", 1)[1]) for i, m in mapping.columns.items() if m.column.startswith("year:")}
    units = {r["indicator"]: r["unit"] for r in Reference().targets}
    at = _index(mapping, "indicator")
    columns = ["indicator", "year", "value", "unit", "source"]
    out, numbers, source = [], [], _source(layout)
    coded = _Coder(reading)
    for row, n in zip(layout.rows, layout.numbers, strict=True):
        written = " ".join(str(_cell(row, mapping, "indicator") or "").split())
        if not written:
            continue
        problems = _Row(reading, n)
        indicator = coded("programme_progress.indicator", written, lambda w: indicator_of(w)[0])
        if indicator is None:
            problems.bad(at, "unknown_indicator", written, indicators="; ".join(sorted(set(_indicator_names()))))
            continue
        if indicator in _COMPUTED:
            layout.left_out.append(LeftOut(n, "computed", written))
            continue
        unit = str(_cell(row, mapping, "unit") or "").strip() or units.get(indicator, "")
        for i, year in sorted(years.items(), key=lambda x: x[1]):
            raw = row[i] if i < len(row) else ""
            if raw is None or (isinstance(raw, str) and raw.strip() in _NOT_MEASURED) or (n, i) in layout.errors:
                continue
            try:
                value = number(str(raw).rstrip("% ") if isinstance(raw, str) else raw, decimals.get(i))
            except Unreadable:
                problems.bad(i, "type_number", raw)
                continue
            out.append([indicator, year, value, unit, source])
            numbers.append(n)
    layout.left_out.sort(key=lambda o: o.row)
    reading.labels = _labels(layout, mapping)
    if years:
        reading.labels["year"] = reading.labels["value"] = ", ".join(column_letter(i) for i in sorted(years))
    reading.sheets.append(Sheet(layout.file, "programme_progress", layout.sheet, columns, min(layout.header_rows),
                                out, numbers, layout.encoding))
    return reading


def _indicator_names() -> list[str]:
    from ..core.i18n import Translator

    tr = Translator("vi")
    return [tr(f"indicator.{r['indicator']}") for r in Reference().targets if r["indicator"] not in _COMPUTED]
