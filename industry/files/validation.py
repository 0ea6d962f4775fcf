"""Checking imported sheets against the templates, before anything is written.

:func:`check` turns the sheets read by :mod:`industry.sheets` into typed tables and
lists every problem at once: unknown or missing columns, values of the wrong type,
values outside the allowed set or range, dates in the future, duplicate keys,
references to sites, enterprises or communes that do not exist, coordinates outside
Hà Nội or in another commune than the one stated, and former (pre-July-2025) addresses
that the official conversion table cannot map to exactly one new commune.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd
import shapely

from ..core.text import fold, nfc, sort_key, unaccented
from ..data import addresses, schema
from ..data.reference import Reference
from . import templates
from .problems import Problem, Problems
from .sheets import Sheet

CITY_TOLERANCE_DEG = 0.005  # about 500 m outside the city boundary is still accepted (points on the edge)
COMMUNE_TOLERANCE_DEG = 0.002  # about 200 m beyond the stated commune's boundary is still accepted
EXCEL_EPOCH = dt.date(1899, 12, 30)
INFO_KEYS = ("first_year", "last_year", "data_date", "sources", "limits_note")

_TRUE = {"true", "1", "yes", "y", "x", "co", "dung", "t"}
_FALSE = {"false", "0", "no", "n", "khong", "sai", "f"}
# thousands separators only where unambiguous: spaces, or the same separator twice or more (1.234.567);
# a single comma or point is the decimal separator (Vietnamese offices write 21,03 for 21.03)
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}((\s\d{3})+|(\.\d{3}){2,}|(,\d{3}){2,})$")
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # a time of day written after a date, midnight mostly
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _TIME + "$")
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME + "$")
_WORDS_DMY = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam\s*|,\s*)?(\d{4})$")  # ngày 9 tháng 1 năm 2026


class BadValue(ValueError):
    """A cell that cannot be read as its column's type; the argument is the problem code."""


# --- cell converters -------------------------------------------------------------------------------


def to_text(value) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    text = nfc(str(value)) if value is not None else None
    if text and text[0] == "'" and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]  # neutralised on export (see industry.downloads.safe_cell)
    return text or None


def to_number(value) -> float:
    if isinstance(value, bool):
        raise BadValue("type_number")
    if isinstance(value, int | float):
        raw = value
    else:
        raw = str(value).strip().replace("\u00a0", " ")
        if _THOUSANDS.match(raw):
            raw = re.sub(r"[.,\s]", "", raw)
        elif "," in raw and "." in raw:  # the last separator is the decimal one
            raw = raw.replace(".", "").replace(",", ".") if raw.rfind(",") > raw.rfind(".") else raw.replace(",", "")
        elif raw.count(",") == 1:
            raw = raw.replace(",", ".")
    try:
        number = float(raw)
    except (ValueError, OverflowError):
        raise BadValue("type_number") from None
    if not math.isfinite(number):
        raise BadValue("type_number")
    return number


def to_integer(value) -> int:
    try:
        number = to_number(value)
    except BadValue:
        raise BadValue("type_integer") from None
    if not number.is_integer() or abs(number) > 2**62:
        raise BadValue("type_integer")
    return int(number)


def to_boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    key = fold(str(value))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise BadValue("type_boolean")


def to_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        serial = float(value)
    else:
        text = str(value).strip()
        match = _YMD.match(text)
        if match:
            y, m, d = (int(g) for g in match.groups())
            return _date(y, m, d)
        match = _DMY.match(text) or _WORDS_DMY.match(fold(text))
        if match:
            d, m, y = (int(g) for g in match.groups())
            return _date(y, m, d)
        if not re.fullmatch(r"\d{4,6}(\.0+)?", text):
            raise BadValue("type_date")
        serial = float(text)
    if not 1 <= serial <= 200_000 or not serial.is_integer():  # an Excel serial day number
        raise BadValue("type_date")
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def _date(y: int, m: int, d: int) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise BadValue("type_date") from None


CONVERTERS = {"VARCHAR": to_text, "DOUBLE": to_number, "INTEGER": to_integer, "BIGINT": to_integer,
              "BOOLEAN": to_boolean, "DATE": to_date}


# --- the result --------------------------------------------------------------------------------------


@dataclass
class Checked:
    """Typed tables (pandas, columns as in the templates) and everything wrong with them."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    numbers: dict[str, list[int]] = field(default_factory=dict)  # file row number of each table row
    origin: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # table -> (file, sheet)
    info: dict[str, str] = field(default_factory=dict)  # dataset_info values given with the files
    problems: Problems = field(default_factory=Problems)
    skipped: list[str] = field(default_factory=list)  # tables whose file or sheet had no rows
    readings: list = field(default_factory=list)  # the department's own sheets, as read (industry.files.department)
    replace: frozenset = frozenset()  # tables the files replace entirely; the others' records are added or updated
    derived: dict[str, tuple] = field(default_factory=dict)  # table → columns its department sheets made (Sheet.derived)
    names: dict = field(default_factory=dict)  # site id → its name, in the database the files join (for the preview)
    places: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)  # table → (file, sheet) of each row
    sources: list[dict] | None = None  # where each record came from, when given whole (a commune's return)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Geography:
    """Commune polygons and names, for coordinates and the candidates of a former address."""

    def __init__(self, ref: Reference, communes: dict):
        self.ref = ref
        self.codes = list(communes)
        self.polygons = [communes[c].geometry for c in self.codes]
        self.names = {c: communes[c].props.get("name") or c for c in self.codes}
        self.city = shapely.union_all(self.polygons).buffer(CITY_TOLERANCE_DEG)
        shapely.prepare(self.city)
        self.tree = shapely.STRtree(self.polygons)

    def commune_of(self, lon: np.ndarray, lat: np.ndarray) -> list[str | None]:
        points = shapely.points(lon, lat)
        found: list[str | None] = [None] * len(points)
        idx_point, idx_poly = self.tree.query(points, predicate="intersects")
        for p, g in zip(idx_point, idx_poly, strict=True):
            found[p] = found[p] or self.codes[g]
        return found

    def near(self, code: str, lon: float, lat: float) -> bool:
        poly = self.polygons[self.codes.index(code)]
        return poly.distance(shapely.Point(lon, lat)) <= COMMUNE_TOLERANCE_DEG


@cache
def _default_communes() -> dict:
    from ..data import geo

    return geo.load_communes()


@cache
def _default_geography() -> _Geography:
    return _Geography(Reference(), _default_communes())


# --- checking ----------------------------------------------------------------------------------------


def check(sheets: list[Sheet], existing: dict[str, pd.DataFrame] | None = None, *,
          ref: Reference | None = None, communes: dict | None = None, today: dt.date | None = None,
          replace: frozenset = frozenset()) -> Checked:
    """Validate `sheets`; `existing` holds the key columns of the current database's tables, whose records stay
    beside those the files give unless the table is in `replace`."""
    geography = _default_geography() if ref is None and communes is None else _Geography(
        ref or Reference(), communes if communes is not None else _default_communes())
    ref = geography.ref
    today = today or dt.date.today()
    out = Checked(replace=frozenset(replace))
    claimed: dict[str, list[Sheet]] = {}
    for sheet in sheets:
        name = templates.table_name(sheet.name)
        if name == "dataset_info":
            _read_info(sheet, out)
            continue
        if name not in templates.BY_TABLE:
            out.problems.add(Problem(sheet.file, "unknown_table", sheet.sheet,
                                     params={"name": sheet.name, "tables": ", ".join(templates.BY_TABLE)}))
            continue
        if not sheet.rows:
            if name not in out.skipped:
                out.skipped.append(name)
            continue
        if name in claimed and not (sheet.joins and claimed[name][0].joins):
            out.problems.add(Problem(sheet.file, "duplicate_table", sheet.sheet,
                                     params={"table": name, "other": claimed[name][0].file}))
            continue
        claimed.setdefault(name, []).append(sheet)

    for name in templates.load_order():
        for sheet in claimed.get(name, []):
            _check_sheet(templates.template(name), sheet, out, geography, today, joined=True)
        if len(claimed.get(name, [])) > 1:
            _check_joined_keys(templates.template(name), claimed[name], out)

    keys = _key_sets(out, existing or {}, ref)
    for name in templates.load_order():
        if name in out.tables:
            _check_references(templates.template(name), out, keys)
    return out


def _read_info(sheet: Sheet, out: Checked) -> None:
    header = [fold(h) for h in sheet.header]
    if header[:2] != ["key", "value"]:
        out.problems.add(Problem(sheet.file, "missing_column", sheet.sheet, sheet.header_row, "key, value",
                                 params={"column": "key, value"}))
        return
    for row, number in zip(sheet.rows, sheet.numbers, strict=True):
        key = to_text(row[0]) if row else None
        value = to_text(row[1]) if len(row) > 1 else None
        if key not in INFO_KEYS or value is None:
            continue
        try:
            if key in ("first_year", "last_year"):
                value = str(to_integer(value))
            elif key == "data_date":
                value = to_date(value).isoformat()
        except BadValue as exc:
            out.problems.add(Problem(sheet.file, exc.args[0], sheet.sheet, number, key, str(value)))
            continue
        out.info[key] = value


def _check_sheet(tpl: templates.Template, sheet: Sheet, out: Checked, geography: _Geography, today: dt.date,
                 joined: bool = False) -> None:
    problems = out.problems
    add = problems.add
    file, sname = sheet.file, sheet.sheet
    table = schema.table(tpl.table)

    # header: which column is where
    position: dict[str, int] = {}
    known = set(tpl.columns) | (set(templates.PLACE_COLUMNS) if tpl.has_commune else set())
    for i, raw in enumerate(sheet.header):
        name = fold(raw).replace(" ", "_")
        if not name:
            if any(i < len(r) and str(r[i]).strip() for r in sheet.rows):
                add(Problem(file, "unnamed_column", sname, sheet.header_row, f"#{i + 1}"))
            continue
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            add(Problem(file, "unknown_column", sname, sheet.header_row, raw,
                        params={"column": raw, "hint": close[0] if close else "", "expected": ", ".join(tpl.columns)}))
            continue
        if name in position:
            add(Problem(file, "duplicate_column", sname, sheet.header_row, raw, params={"column": raw}))
            continue
        position[name] = i
    for rule in tpl.rules:
        if rule.column not in position and rule.required and rule.default is None:
            if rule.column == "commune_code" and ("old_commune" in position or "address" in position):
                continue
            add(Problem(file, "missing_column", sname, sheet.header_row, rule.column, params={"column": rule.column}))
    width = len(sheet.header)
    for row, number in zip(sheet.rows, sheet.numbers, strict=True):
        if len(row) > width and any(str(c).strip() for c in row[width:]):
            add(Problem(file, "extra_cells", sname, number, None, params={"width": width}))

    n = len(sheet.rows)
    data: dict[str, list] = {}
    default_source = f"{file}" + (f" ({sname})" if sname else "")
    for rule in tpl.rules:
        col = table.column(rule.column)
        convert = CONVERTERS[col.type]
        values: list = [None] * n
        i = position.get(rule.column)
        cache: dict = {}
        for r, (row, number) in enumerate(zip(sheet.rows, sheet.numbers, strict=True)):
            raw = row[i] if i is not None and i < len(row) else ""
            if isinstance(raw, str):
                raw = raw.strip()
            if raw == "" or raw is None:
                if rule.default is not None:
                    raw = rule.default or (default_source if rule.column == "source" else "")
                if raw == "":
                    if rule.required and not (rule.column == "commune_code" and tpl.has_commune):
                        add(Problem(file, "required", sname, number, rule.column))
                    elif rule.default == "":  # an empty text by default (an English name left out), not a null
                        values[r] = ""
                    continue
            try:
                key = (type(raw), raw)
                value = cache[key] if key in cache else cache.setdefault(key, convert(raw))
            except BadValue as exc:
                add(Problem(file, exc.args[0], sname, number, rule.column, str(raw)))
                continue
            if value is None:
                if rule.required:
                    add(Problem(file, "required", sname, number, rule.column))
                continue
            if rule.allowed and value not in rule.allowed:
                value = {fold(a): a for a in rule.allowed}.get(fold(str(value)), value)
            if rule.column.endswith("commune_code") and isinstance(value, str) and value.isdigit() and len(value) < 5:
                value = value.zfill(5)
            problem = _value_problem(rule, col.type, value, today)
            if problem:
                add(Problem(file, problem[0], sname, number, rule.column, str(raw), problem[1]))
                continue
            values[r] = value
        data[rule.column] = values

    if tpl.has_commune:
        _map_old_addresses(tpl, sheet, position, data, geography, out)
    if "name_en" in data and "name_vi" in data:
        data["name_en"] = [en or unaccented(vi) for en, vi in zip(data["name_en"], data["name_vi"], strict=True)]

    _check_keys(tpl, sheet, data, out)
    for check_name in tpl.checks:
        CHECKS[check_name](tpl, sheet, data, out, geography)

    frame = pd.DataFrame({c: pd.Series(data[c], dtype="object") for c in tpl.columns})
    if sheet.derived is not None:
        out.derived[tpl.table] = tuple(sorted(set(out.derived.get(tpl.table, ())) | set(sheet.derived)))
    if joined and tpl.table in out.tables:  # the next of several sheets that make one table
        out.tables[tpl.table] = pd.concat([out.tables[tpl.table], frame], ignore_index=True)
        out.numbers[tpl.table] += list(sheet.numbers)
        out.places[tpl.table] += [(file, sname)] * len(frame)
        return
    out.tables[tpl.table] = frame
    out.numbers[tpl.table] = list(sheet.numbers)
    out.places[tpl.table] = [(file, sname)] * len(frame)
    out.origin[tpl.table] = (file, sname)


def _check_joined_keys(tpl: templates.Template, sheets: list[Sheet], out: Checked) -> None:
    """The same record in two of the sheets that make one table (the same sample in two rounds' sheets)."""
    frame = out.tables.get(tpl.table)
    if frame is None:
        return
    where = [(s, n) for s in sheets for n in s.numbers]
    seen: dict[tuple, tuple[Sheet, int]] = {}
    for (sheet, number), key in zip(where, frame[list(tpl.key)].itertuples(index=False, name=None), strict=False):
        if any(v is None for v in key):
            continue
        if key in seen and seen[key][0] is not sheet:
            out.problems.add(Problem(sheet.file, "duplicate_key", sheet.sheet, number, ", ".join(tpl.key),
                                     " | ".join(map(str, key)), {"other": f"{seen[key][0].sheet} {seen[key][1]}"}))
        seen.setdefault(key, (sheet, number))


def _value_problem(rule: templates.Rule, type_: str, value, today: dt.date) -> tuple[str, dict] | None:
    if rule.allowed and value not in rule.allowed:
        return "not_allowed", {"allowed": ", ".join(rule.allowed)}
    if type_ in ("DOUBLE", "INTEGER", "BIGINT"):
        if rule.positive and value <= 0:
            return "not_positive", {}
        if rule.minimum is not None and value < rule.minimum:
            return "below_minimum", {"minimum": f"{rule.minimum:g}"}
        if rule.past and type_ == "INTEGER" and value > today.year:
            return "future", {"today": today.isoformat()}
    if rule.past and type_ == "DATE" and value > today:
        return "future", {"today": today.isoformat()}
    return None


def _map_old_addresses(tpl, sheet: Sheet, position: dict, data: dict, geography: _Geography, out: Checked) -> None:
    """Fill an empty commune_code from the row's place as the office wrote it: one ``address`` column (resolved as
    ``python -m industry.addresses`` resolves it), or a former unit in ``old_commune`` (+ ``old_district``), through
    the official conversion table. A row whose place is not one commune is refused with every candidate."""
    codes = data["commune_code"]

    def cell(row, column: str) -> str:
        return nfc(str(row[position[column]])) or "" if column in position and position[column] < len(row) else ""

    for r, (row, number) in enumerate(zip(sheet.rows, sheet.numbers, strict=True)):
        if codes[r] is not None:
            continue
        address, commune, district = cell(row, "address"), cell(row, "old_commune"), cell(row, "old_district")
        if not (address or commune):
            if tpl.rule("commune_code").required:  # optional for a city-wide activity
                out.problems.add(Problem(sheet.file, "required", sheet.sheet, number, "commune_code"))
            continue
        found = addresses.resolve_former(commune, district) if commune else addresses.resolve(address)
        column, where = ("old_commune" if commune else "address"), found.text
        if found.code:
            codes[r] = found.code
            continue
        names = ", ".join(f"{geography.names.get(c, c)} ({c})" for c in found.candidates)
        if found.match == "old_several":
            districts = sorted({district for _, district in found.former}, key=sort_key)
            out.problems.add(Problem(sheet.file, "old_address_ambiguous", sheet.sheet, number,
                                     "old_district" if commune else column, where,
                                     {"districts": ", ".join(districts), "candidates": names}))
        elif found.match == "old_split":
            out.problems.add(Problem(sheet.file, "old_address_split", sheet.sheet, number, "commune_code", where,
                                     {"old": found.former[0][0], "candidates": names}))
        elif found.match == "several_communes":
            out.problems.add(Problem(sheet.file, "address_several_communes", sheet.sheet, number, column, where,
                                     {"candidates": names}))
        elif found.match == "district_only":
            out.problems.add(Problem(sheet.file, "address_district_only", sheet.sheet, number, column, where,
                                     {"candidates": names}))
        elif found.match == "other_province":
            out.problems.add(Problem(sheet.file, "address_other_province", sheet.sheet, number, column, where,
                                     {"province": found.matched}))
        else:
            out.problems.add(Problem(sheet.file, "old_address_unknown" if commune else "address_unknown", sheet.sheet,
                                     number, column, where))


def _check_keys(tpl: templates.Template, sheet: Sheet, data: dict, out: Checked) -> None:
    seen: dict[tuple, int] = {}
    for r, number in enumerate(sheet.numbers):
        key = tuple(data[c][r] for c in tpl.key)
        if any(v is None for v in key):
            continue
        if key in seen:
            out.problems.add(Problem(sheet.file, "duplicate_key", sheet.sheet, number, ", ".join(tpl.key),
                                     " | ".join(map(str, key)), {"other": seen[key]}))
        else:
            seen[key] = number


def _check_coordinates(tpl, sheet: Sheet, data: dict, out: Checked, geography: _Geography) -> None:
    lon = np.array([np.nan if v is None else v for v in data["lon"]], dtype=float)
    lat = np.array([np.nan if v is None else v for v in data["lat"]], dtype=float)
    valid = ~(np.isnan(lon) | np.isnan(lat))
    inside = np.zeros(len(lon), dtype=bool)
    inside[valid] = shapely.contains_xy(geography.city, lon[valid], lat[valid])
    found = geography.commune_of(np.where(valid, lon, 0), np.where(valid, lat, 0))
    for r, number in enumerate(sheet.numbers):
        if not valid[r]:
            continue
        if not inside[r]:
            out.problems.add(Problem(sheet.file, "outside_city", sheet.sheet, number, "lon, lat",
                                     f"{lon[r]}, {lat[r]}", {"lon": lon[r], "lat": lat[r]}))
            continue
        stated = data["commune_code"][r]
        if stated and stated in geography.names and found[r] != stated and not geography.near(stated, lon[r], lat[r]):
            where = found[r]
            out.problems.add(Problem(sheet.file, "other_commune", sheet.sheet, number, "commune_code", stated, {
                "found": geography.names.get(where, "?") if where else "?", "found_code": where or "?",
                "stated": geography.names[stated], "code": stated}))


def _order_check(low: str, high: str):
    def run(tpl, sheet: Sheet, data: dict, out: Checked, geography) -> None:
        for r, number in enumerate(sheet.numbers):
            a, b = data[low][r], data[high][r]
            if a is not None and b is not None and a > b:
                out.problems.add(Problem(sheet.file, "order", sheet.sheet, number, high, str(b),
                                         {"low": low, "high": high, "low_value": str(a)}))
    return run


def _value_unless_not_detected(tpl, sheet: Sheet, data: dict, out: Checked, geography) -> None:
    """A measurement has a value, unless nothing was detected (KPH); a value that was not read is said already."""
    at = next((i for i, h in enumerate(sheet.header) if fold(h) == "value"), None)
    for r, (row, number) in enumerate(zip(sheet.rows, sheet.numbers, strict=True)):
        written = at is not None and at < len(row) and str(row[at]).strip() not in ("", "None")
        if data["value"][r] is None and data["qualifier"][r] != "not_detected" and not written:
            out.problems.add(Problem(sheet.file, "required", sheet.sheet, number, "value"))


CHECKS = {
    "value_unless_not_detected": _value_unless_not_detected,
    "coordinates": _check_coordinates,
    "limits_order": _order_check("min_value", "max_value"),
    "closed_after_founded": _order_check("founded_year", "closed_year"),
    "expires_after_issued": _order_check("issued_on", "expires_on"),
    "target_range": _order_check("target_low", "target_high"),
}


def _key_sets(out: Checked, existing: dict[str, pd.DataFrame], ref: Reference) -> dict[str, set]:
    """The values each reference may point to: the imported table's, with the current one's beside them unless the
    files replace it entirely."""
    keys: dict[str, set] = {
        "communes.code": {row["code"] for row in ref.commune_list},
        "sectors.sector": {row["sector"] for row in ref.sectors} | {"other"},
    }
    for tpl in templates.TEMPLATES:
        for rule in tpl.rules:
            if not rule.ref or rule.ref in keys:
                continue
            table, column = rule.ref.split(".")
            if table in out.tables:
                keys[rule.ref] = {v for v in out.tables[table][column] if v is not None}
                if table not in out.replace and table in existing and column in existing[table]:
                    keys[rule.ref] |= set(existing[table][column].dropna())
            elif table in existing and column in existing[table]:
                keys[rule.ref] = set(existing[table][column].dropna())
            else:
                keys[rule.ref] = set()
    if not keys.get("wastewater_limits.standard"):  # no limits given or kept: the bundled regulation table's
        keys["wastewater_limits.standard"] = {r["standard"] for r in ref.limit_rows()}
    if not keys.get("programme_targets.indicator"):  # no targets given or kept: the bundled decisions'
        keys["programme_targets.indicator"] = {r["indicator"] for r in ref.targets}
    return keys


def _check_references(tpl: templates.Template, out: Checked, keys: dict[str, set]) -> None:
    frame = out.tables[tpl.table]
    file, sname = out.origin[tpl.table]
    numbers = out.numbers[tpl.table]
    for rule in tpl.rules:
        if not rule.ref:
            continue
        allowed = keys[rule.ref]
        for r, value in enumerate(frame[rule.column]):
            if value is not None and value not in allowed:
                out.problems.add(Problem(file, "missing_ref", sname, numbers[r], rule.column, str(value),
                                         {"ref": rule.ref}))
