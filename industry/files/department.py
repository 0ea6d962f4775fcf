"""The department's own sheets turned into the import's tables, so that they are checked and built like templates.

A sheet laid out by :mod:`industry.files.layouts` and mapped by :mod:`industry.files.headers` becomes one
:class:`~industry.files.sheets.Sheet` per table it feeds, with the template's column names and the values as the
templates write them: status and yes/no words as codes, numbers read by the file's own convention, a name written
"CCN Phú Nghĩa" as "Cụm công nghiệp Phú Nghĩa", the kind of site told by its name, the commune resolved from the
address or the former commune and district (a section row "HUYỆN ĐÔNG ANH" gives the district of the rows under it),
a record without coordinates placed at its commune's point (``location_precision = 'commune'``, ``imputed =
'lon,lat'``), and ids the department does not keep made from the name and the commune, so that next year's file
updates the same records (a record of the database being replaced with the same name in the same commune keeps its
id). A cluster list with plant columns also feeds the wastewater plants.

The checks that follow (:mod:`industry.files.validation`) name the template's columns; :func:`relabeller` turns each
problem back into the user's terms: the column letter and the header text they wrote.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..core.text import fold
from ..data import addresses
from ..data.reference import Reference
from .headers import Mapping, is_form, words
from .layouts import ERROR_VALUES, SECTION_JOIN, Layout, LeftOut, column_letter
from .problems import Problem
from .reading import (
    NOT_MEASURED as _NOT_MEASURED,  # noqa: F401 - department.Reading, name_key, site_name and standard_of are the import's names
)
from .reading import (
    Reading,
    _by_name,
    _cell,
    _index,
    _label,
    _linker,
    _numbers,
    _Row,
    _same_unit,
    name_key,
    result_in,
    site_name,
    standard_of,
)
from .sheets import Sheet
from .templates import BY_TABLE
from .values import Unreadable, code, number, yes

DEFAULT_STANDARD = "QCVN 40:2011/BTNMT B"  # industrial wastewater, column B: the standard the city's clusters meet


MAX_WORDS = 300  # distinct words of one field shown for confirmation
YES_NO_FIELDS = ("wastewater_plants.has_plant", "enterprises.supporting_industry")


class _Coder:
    """The code of each word a sheet writes in a coded column (a status, yes or no, a size, a sector, a craft, an
    indicator), the reader's confirmed choice first; every word met kept with its code, for the Import page."""

    def __init__(self, reading: Reading):
        self.reading = reading
        self.chosen = {f: {fold(w): c for w, c in ws.items()} for m in reading.mappings for f, ws in m.words.items()}

    def __call__(self, field_: str, written, decide):
        text = " ".join(str(written).split()) if written not in (None, "") else ""
        chosen = self.chosen[field_].get(fold(text)) if text and field_ in self.chosen else None
        try:
            out = (yes(chosen) if field_ in YES_NO_FIELDS else chosen) if chosen else decide(written)
        except Unreadable:
            self._keep(field_, text, None)
            raise
        if text:
            self._keep(field_, text, out)
        return out

    def _keep(self, field_: str, text: str, value) -> None:
        seen = self.reading.words.setdefault(field_, {})
        if text in seen or len(seen) < MAX_WORDS:
            seen[text] = ("true" if value else "false") if isinstance(value, bool) else value


# --- names, kinds and ids ------------------------------------------------------------------------------------------


def made_id(prefix: str, commune: str | None, name: str) -> str:
    """An id the department does not keep, the same every year: ``CCN-00475-phu-nghia``."""
    return f"{prefix}-{commune or '00000'}-{name_key(name).replace(' ', '-')}"[:80]


@cache
def _commune_points() -> dict[str, tuple[float, float]]:
    """A point inside each commune (the same every time): where a record without coordinates is placed."""
    from ..data import geo

    out = {}
    for code_, commune in geo.load_communes().items():
        point = commune.geometry.representative_point()
        out[code_] = (round(point.x, 6), round(point.y, 6))
    return out


# --- one sheet -----------------------------------------------------------------------------------------------------


def _district_of(section: str | None) -> str:
    """A section row that names a former district ("HUYỆN ĐÔNG ANH", "II. Quận Long Biên"), in the name's case; of
    a section in two levels, the level that names one."""
    if not section:
        return ""
    for part in section.split(SECTION_JOIN):
        text = re.sub(r"^[IVXLC\d]+[.)]?\s+", "", part.strip())
        if fold(text).startswith(("huyen ", "quan ", "thi xa ", "thanh pho ")):
            return text.title() if text.isupper() else text
    return ""


def _status_of(section: str | None) -> str | None:
    """The status a section row gives the rows under it ("I. CÁC CỤM CÔNG NGHIỆP ĐANG HOẠT ĐỘNG"), when its words
    name exactly one."""
    if not section:
        return None
    text = " " + " ".join(re.sub(r"[^a-z0-9]+", " ", fold(section)).split()) + " "
    found = {value for value, written in words()["values"]["sites"]["status"].items()
             for w in written if len(w) > 8 and f" {' '.join(re.sub(r'[^a-z0-9]+', ' ', fold(w)).split())} " in text}
    return found.pop() if len(found) == 1 else None


def _place(row: list, mapping: Mapping, section: str | None) -> tuple[str | None, dict]:
    """The commune a row names, when it names exactly one; else the place columns as written, for the check to
    report with every candidate."""
    commune = str(_cell(row, mapping, "old_commune") or "").strip()
    district = str(_cell(row, mapping, "old_district") or "").strip() or _district_of(section)
    address = str(_cell(row, mapping, "address") or "").strip()
    if commune and district:
        found = addresses.resolve_former(commune, district)
    elif commune:  # a commune without its district: named as since July 2025 ("Xã Bát Tràng") it is the new one
        found = addresses.resolve(commune)
        if not found.code:
            return None, {"old_commune": "", "old_district": "", "address": commune}
    elif address:
        found = addresses.resolve(address + (f", {district}" if district and fold(district) not in fold(address)
                                             else ""))
    else:
        return None, {}
    if found.code:
        return found.code, {}
    return None, {"old_commune": commune, "old_district": district, "address": address}


def _labels(layout: Layout, mapping: Mapping) -> dict[str, str]:
    out = {m.column: _label(layout, i) for i, m in mapping.columns.items()}
    place = out.get("old_commune") or out.get("address")
    if place:
        out.setdefault("commune_code", place)
    return out


def _blank(value):
    return "" if value is None else value


def _source(layout: Layout) -> str:
    return layout.file + (f" ({layout.sheet})" if layout.sheet else "")


def _read_numbers(values: dict, row: list, mapping: Mapping, columns: tuple[str, ...], decimals: dict,
                  layout: Layout | None = None) -> None:
    """The numeric `columns` of a row, read by each column's convention. Words where a number is expected ("Đang
    GPMB", "> 90", "khoảng 20") leave the number empty and are kept in the row's note with their header, when the
    table keeps notes (`layout` given); otherwise the value is kept as written, for the check to name."""
    for column in columns:
        i = _index(mapping, column)
        raw = row[i] if i is not None and i < len(row) else ""
        try:
            values[column] = _blank(number(raw, decimals.get(i)))
        except Unreadable:
            if layout is not None and isinstance(raw, str) and raw.strip() not in ERROR_VALUES:
                values[column] = ""
                _note(values, f"{layout.header[i]}: {' '.join(raw.split())}")
            else:
                values[column] = raw


def _note(values: dict, text: str) -> None:
    values["note"] = f"{values['note']}; {text}" if values.get("note") else text


def _at_commune_point(values: dict, commune: str | None) -> None:
    """A record the file gives no coordinates for, placed at its commune's point and said to be so."""
    if values.get("lon") in ("", None) and values.get("lat") in ("", None) and commune:
        values["lon"], values["lat"] = _commune_points()[commune]
        values["location_precision"], values["imputed"] = "commune", "lon,lat"


_PLACE_FIELDS = ("old_commune", "old_district", "address", "lon", "lat", "commune_code")


def _placeless(reading: Reading, mapping: Mapping) -> None:
    """A list with no column that says where its records are: said once, at its header (a place is never guessed),
    instead of a missing coordinate and commune on every row."""
    if not any(m.column in _PLACE_FIELDS for m in mapping.columns.values()):
        layout = reading.layout
        reading.problems.append(Problem(layout.file, "no_place_column", layout.sheet, layout.header_rows[0],
                                        params={"header": ", ".join(h for h in layout.header if h)[:200]}))


def sites(layout: Layout, mapping: Mapping, plants: Mapping | None, known: dict[str, dict[tuple, str]],
          ) -> Reading:
    """A list of clusters and parks (and, when it has plant columns, their plants)."""
    reading = Reading(layout, [mapping] + ([plants] if plants else []))
    _placeless(reading, mapping)
    decimals = _numbers(layout, mapping) | (_numbers(layout, plants) if plants else {})
    columns = ["site_id", "kind", "name_vi", "commune_code", "lon", "lat", "area_ha", "status", "opened_year",
               "craft_village_cluster", "established", "note", "location_precision", "imputed", "source",
               "old_commune", "old_district", "address"]
    split_areas = {i: m.column.split("@", 1)[1].split("=") for i, m in mapping.columns.items()
                   if m.column.startswith("area_ha@")}  # "Diện tích đất (ha)" over "Đã / Chưa được thành lập"
    stated = _index(mapping, "status") is not None
    statuses = known.get("status", {})
    name_header = layout.header[_index(mapping, "name_vi")] if _index(mapping, "name_vi") is not None else ""
    site_rows, plant_rows, plant_numbers = [], [], []
    source = _source(layout)
    coded = _Coder(reading)
    given_ids = _index(mapping, "site_id") is not None
    for row, n, section in zip(layout.rows, layout.numbers, layout.sections, strict=True):
        problems = _Row(reading, n)
        written = str(_cell(row, mapping, "name_vi") or "").strip()
        name, kind, village = site_name(written, name_header) if written else ("", "", False)
        commune, place = _place(row, mapping, section)
        status = _cell(row, mapping, "status")
        try:
            status = coded("sites.status", status, lambda w: code("status", w, "sites"))
        except Unreadable:
            problems.bad(_index(mapping, "status"), "unknown_word", status,
                         words=_known_words("sites", "status"))
            status = None
        values = {"kind": kind, "name_vi": name, "commune_code": commune or "", "status": status or "",
                  "craft_village_cluster": "true" if village else "false", "source": source, **place}
        _read_numbers(values, row, mapping, ("area_ha", "lon", "lat"), decimals, layout)
        for i, (field_, value) in split_areas.items():
            mapping_one = Mapping(mapping.table, {i: mapping.columns[i]})
            area: dict = {}
            _read_numbers(area, row, mapping_one, (mapping.columns[i].column,), decimals, layout)
            if area.get(mapping.columns[i].column) not in ("", None):
                values["area_ha"] = values.get("area_ha") or area[mapping.columns[i].column]
                values[field_] = value
            if area.get("note"):
                _note(values, area["note"])
        if not stated:  # a list that states no status: the section's words, else what the database has
            values["status"] = _status_of(section) or ""
        values["opened_year"] = _cell(row, mapping, "opened_year")
        _at_commune_point(values, commune)
        site_id = str(_cell(row, mapping, "site_id") or "").strip() if given_ids else ""
        if not site_id and name:
            site_id = known.get("sites", {}).get((name_key(name), commune)) or made_id(
                {"industrial_park": "KCN", "high_tech_park": "KCNC"}.get(kind, "CCN"), commune, name)
        values["site_id"] = site_id
        if not stated and not values["status"]:
            values["status"] = statuses.get(site_id, "")
        site_rows.append([values.get(c, "") for c in columns])
        if plants is not None:
            has = _cell(row, plants, "has_plant")
            capacity_at = _index(plants, "capacity_m3_per_day")
            capacity = row[capacity_at] if capacity_at is not None else ""
            try:
                present = coded("wastewater_plants.has_plant", has, yes) if _index(plants, "has_plant") is not None \
                    else capacity not in ("", None)
            except Unreadable:
                problems.bad(_index(plants, "has_plant"), "unknown_word", has, words=_known_words_yes())
                continue
            if not present and capacity in ("", None):
                continue
            try:
                capacity = _blank(number(capacity, decimals.get(capacity_at)))
            except Unreadable:
                if isinstance(capacity, str) and capacity.strip() not in ERROR_VALUES:  # "Đang xây dựng"
                    _note(values, f"{layout.header[capacity_at]}: {' '.join(capacity.split())}")
                    site_rows[-1][columns.index("note")] = values["note"]
                    capacity = ""
            standard = standard_of(_cell(row, plants, "standard")) or DEFAULT_STANDARD
            year = _blank(_cell(row, plants, "commissioned_year")) or values.get("opened_year") or ""
            plant_rows.append([site_id, capacity, year, standard])
            plant_numbers.append(n)
    reading.labels = _labels(layout, mapping)
    reading.labels.setdefault("site_id", reading.labels.get("name_vi", "site_id"))
    if plants is not None:
        reading.labels |= {k: v for k, v in _labels(layout, plants).items() if k not in reading.labels}
        reading.labels.setdefault("commissioned_year", reading.labels.get("opened_year", "commissioned_year"))
    reading.sheets.append(Sheet(layout.file, "sites", layout.sheet, columns, min(layout.header_rows),
                                site_rows, list(layout.numbers), layout.encoding))
    if plant_rows:
        reading.sheets.append(Sheet(layout.file, "wastewater_plants", layout.sheet,
                                    ["site_id", "capacity_m3_per_day", "commissioned_year", "standard"],
                                    min(layout.header_rows), plant_rows, plant_numbers, layout.encoding))
    return reading


def villages(layout: Layout, mapping: Mapping, known: dict[str, dict[tuple, str]]) -> Reading:
    """A list of craft villages (the craft read from the name when the list has no craft column: "Làng gốm Bát
    Tràng" → ceramics)."""
    reading = Reading(layout, [mapping])
    _placeless(reading, mapping)
    decimals = _numbers(layout, mapping)
    columns = ["village_id", "name_vi", "craft", "craft_vi", "commune_code", "lon", "lat", "recognised",
               "recognised_year", "households", "workers", "note", "location_precision", "imputed", "source",
               "old_commune", "old_district", "address"]
    out = []
    source = _source(layout)
    coded = _Coder(reading)
    for row, section in zip(layout.rows, layout.sections, strict=True):
        name = " ".join(str(_cell(row, mapping, "name_vi") or "").split())
        commune, place = _place(row, mapping, section)
        craft_vi = " ".join(str(_cell(row, mapping, "craft_vi") or "").split())
        values = {"name_vi": name, "craft_vi": craft_vi,
                  "craft": coded("craft_villages.craft", craft_vi, _craft) if craft_vi else _craft(name) or "other",
                  "commune_code": commune or "",
                  "source": source, **place}
        _read_numbers(values, row, mapping, ("lon", "lat", "households", "workers"), decimals, layout)
        year = _blank(_cell(row, mapping, "recognised_year"))
        values["recognised_year"] = year
        values["recognised"] = "true" if year not in ("", None) else ""
        _at_commune_point(values, commune)
        given = str(_cell(row, mapping, "village_id") or "").strip()
        values["village_id"] = given or (known.get("craft_villages", {}).get((name_key(name), commune))
                                         or made_id("LN", commune, name) if name else "")
        out.append([values.get(c, "") for c in columns])
    reading.labels = _labels(layout, mapping)
    reading.labels.setdefault("village_id", reading.labels.get("name_vi", "village_id"))
    reading.labels.setdefault("craft", reading.labels.get("craft_vi", "craft"))
    reading.sheets.append(Sheet(layout.file, "craft_villages", layout.sheet, columns, min(layout.header_rows), out,
                                list(layout.numbers), layout.encoding))
    return reading


_LIMITS_WORDS = ("qcvn", "quy chuan", "gioi han", "tieu chuan", "cot a", "cot b", "limit")


def _unit_of(header: str) -> str:
    """The unit a header writes after its name: ``COD (mg/l)`` → ``mg/l``."""
    found = re.search(r"[(\[]([^()\[\]]*)[)\]]\s*$", header)
    return found.group(1).strip() if found else ""


# the records other sheets name, by table: (their id column, their name column)
NAMED = {"sites": ("site_id", "name_vi"), "craft_villages": ("village_id", "name_vi"),
         "enterprises": ("enterprise_id", "name")}


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


def _enterprise_id(written, name: str, commune: str | None) -> int | None:
    """An enterprise's id: its tax code as a number ("0101234567" → 101234567; a branch's "0101234567-001" keeps
    its suffix), or, when the register keeps none, a number made from the name and the commune, the same every
    year."""
    digits = re.sub(r"\D", "", str(written if written is not None else ""))
    if digits:
        return int(digits[:18])
    if not name:
        return None
    import hashlib

    made = hashlib.sha256(f"{name_key(name)}|{commune or ''}".encode()).hexdigest()
    return 10**12 + int(made[:12], 16) % 10**17  # above any tax code of 10 digits and its 3-digit branch suffix


def _year_of(value):
    """A year written as a year or as a date ("15/03/2012", an Excel date) → 2012; anything else as written."""
    if isinstance(value, dt.date):
        return value.year
    if isinstance(value, int | float) and not isinstance(value, bool) and 1800 <= value <= 2200:
        return int(value)
    text = str(value if value is not None else "").strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    from .validation import BadValue, to_date

    try:
        return to_date(text).year if text else ""
    except BadValue:
        return value


def _size(employees) -> str:
    """The size by employees, as Decree 80/2021 counts it for industry (micro ≤ 10, small ≤ 100, medium ≤ 200)."""
    if not isinstance(employees, int | float) or isinstance(employees, bool):
        return ""
    return "micro" if employees <= 10 else "small" if employees <= 100 else "medium" if employees <= 200 else "large"


@cache
def _sector_words() -> dict[str, str]:
    """Each written form of a priority sector, folded → its code: the header words' and the sectors' own names."""
    out = {fold(r["name_vi"]): r["sector"] for r in Reference().sectors}
    out |= {fold(r["name_en"]): r["sector"] for r in Reference().sectors}
    for sector, written in words()["values"]["enterprises"]["sector"].items():
        out |= {fold(w): sector for w in written}
    return out


@lru_cache(maxsize=10_000)
def sector_of(written) -> str:
    """The priority sector a register's sector words name ("Sản xuất linh kiện điện tử" → electronics), the longest
    word found in them first; ``other`` for a sector outside the priorities."""
    return _coded_by_words(" ".join(re.sub(r"[^a-z0-9]+", " ", fold(str(written or ""))).split()), _sector_words(), 4)


def _coded_by_words(key: str, table: dict[str, str], shortest: int) -> str:
    """The code of a folded text by a table of folded words: the whole text, else the longest word of at least
    `shortest` letters found in it; ``other`` when none is."""
    if key in table:
        return table[key]
    for word in sorted(table, key=len, reverse=True):
        if len(word) >= shortest and re.search(rf"\b{re.escape(word)}\b", key):
            return table[word]
    return "other"


def enterprises(layout: Layout, mapping: Mapping, known: dict[str, dict[tuple, str]],
                certified: Mapping | None = None) -> Reading:
    """An enterprise register: one address column (or the former commune and district), the sector in words,
    the size from the employees when the register gives no size, the year founded from a year or a date; the
    supporting-industry mark from its column, or from a title that says the list is of supporting industry; with
    certificate columns ("Chứng nhận", "Ngày cấp", "Ngày hết hạn"), each row's certificate too."""
    reading = Reading(layout, [mapping] + ([certified] if certified else []))
    certificate_rows: list[list] = []
    certificate_numbers: list[int] = []
    decimals = _numbers(layout, mapping)
    columns = ["enterprise_id", "name", "commune_code", "site_id", "sector", "supporting_industry", "employees",
               "size", "founded_year", "closed_year", "old_commune", "old_district", "address"]
    si_at, size_at = _index(mapping, "supporting_industry"), _index(mapping, "size")
    whole_list_si = si_at is None and "cong nghiep ho tro" in fold(layout.title)
    if si_at is None and not whole_list_si:
        reading.problems.append(Problem(layout.file, "si_column_missing", layout.sheet, layout.header_rows[0]))
    sites_by_name, site_ids = _by_name(known, "sites")
    site_at = _index(mapping, "site_id")
    out = []
    coded = _Coder(reading)
    for row, n, section in zip(layout.rows, layout.numbers, layout.sections, strict=True):
        problems = _Row(reading, n)
        name = " ".join(str(_cell(row, mapping, "name") or "").split())
        commune, place = _place(row, mapping, section)
        values = {"name": name, "commune_code": commune or "",
                  "sector": coded("enterprises.sector", _cell(row, mapping, "sector"), sector_of),
                  **place}
        _read_numbers(values, row, mapping, ("employees",), decimals)
        try:
            values["supporting_industry"] = "true" if whole_list_si else (
                "true" if coded("enterprises.supporting_industry", _cell(row, mapping, "supporting_industry"), yes)
                else "false") if si_at is not None else ""
        except Unreadable:
            problems.bad(si_at, "unknown_word", _cell(row, mapping, "supporting_industry"), words=_known_words_yes())
        try:
            values["size"] = coded("enterprises.size", _cell(row, mapping, "size"),
                                   lambda w: code("size", w, "enterprises")) if size_at is not None else None
        except Unreadable:
            problems.bad(size_at, "unknown_word", _cell(row, mapping, "size"),
                         words=_known_words("enterprises", "size"))
        values["size"] = values.get("size") or _size(values.get("employees"))
        values["founded_year"] = _year_of(_cell(row, mapping, "founded_year"))
        values["closed_year"] = _year_of(_cell(row, mapping, "closed_year"))
        site = _linker(sites_by_name, site_ids, problems, site_at)(_cell(row, mapping, "site_id"))
        values["site_id"] = site or ""
        values["enterprise_id"] = _enterprise_id(_cell(row, mapping, "enterprise_id"), name, commune) or ""
        out.append([values.get(c, "") for c in columns])
        standard = standard_name(_cell(row, certified, "standard")) if certified is not None else ""
        if standard:
            certificate_rows.append([values["enterprise_id"], standard, _cell(row, certified, "issued_on"),
                                     _cell(row, certified, "expires_on")])
            certificate_numbers.append(n)
    reading.labels = _labels(layout, mapping)
    reading.labels.setdefault("enterprise_id", reading.labels.get("name", "enterprise_id"))
    reading.labels.setdefault("size", reading.labels.get("employees", "size"))
    reading.sheets.append(Sheet(layout.file, "enterprises", layout.sheet, columns, min(layout.header_rows), out,
                                list(layout.numbers), layout.encoding))
    if certified is not None:
        reading.labels |= {k: v for k, v in _labels(layout, certified).items() if k not in reading.labels}
        reading.sheets.append(Sheet(layout.file, "certifications", layout.sheet,
                                    ["enterprise_id", "standard", "issued_on", "expires_on"], min(layout.header_rows),
                                    certificate_rows, certificate_numbers, layout.encoding))
    return reading


_CERTIFICATE = re.compile(r"^\s*((?:ISO|IATF|IEC|OHSAS|SA|HACCP|GMP|FSSC)[\s/-]*[A-Z]*\s*\d+(?:-\d+)?)"
                          r"(?:\s*[:/-]\s*(\d{4}))?", re.IGNORECASE)


def standard_name(written) -> str:
    """A certificate's standard without its edition: ``"ISO 9001:2015"`` → ``"ISO 9001"``, ``"iso14001"`` →
    ``"ISO 14001"``; other names (``GMP-WHO``) as written."""
    text = " ".join(str(written if written is not None else "").split())
    found = _CERTIFICATE.match(text)
    if not found:
        return text
    body = re.sub(r"\s+", " ", found.group(1)).upper()
    return re.sub(r"^([A-Z]+)[\s/-]*(\d)", r"\1 \2", body)


def certificates(layout: Layout, mapping: Mapping, known: dict[str, dict[tuple, str]]) -> Reading:
    """A certificate list: the enterprise by its tax code or by its name as the register writes it, the standard
    without its edition ("ISO 9001:2015" → "ISO 9001"), dates as written."""
    reading = Reading(layout, [mapping])
    by_name, ids = _by_name(known, "enterprises")
    columns = ["enterprise_id", "standard", "issued_on", "expires_on"]
    id_at, name_at = _index(mapping, "enterprise_id"), _index(mapping, "name")
    out = []
    for row, n in zip(layout.rows, layout.numbers, strict=True):
        problems = _Row(reading, n)
        given = _cell(row, mapping, "enterprise_id")
        if id_at is not None and str(given or "").strip():
            enterprise = _enterprise_id(given, "", None)
        else:
            enterprise = _linker(by_name, ids, problems, name_at, "enterprise")(_cell(row, mapping, "name"))
        out.append([enterprise if enterprise is not None else "", standard_name(_cell(row, mapping, "standard")),
                    _cell(row, mapping, "issued_on"), _cell(row, mapping, "expires_on")])
    reading.labels = _labels(layout, mapping)
    reading.labels.setdefault("enterprise_id", reading.labels.get("name", "enterprise_id"))
    reading.sheets.append(Sheet(layout.file, "certifications", layout.sheet, columns, min(layout.header_rows), out,
                                list(layout.numbers), layout.encoding))
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


def _craft(written: str) -> str:
    """The craft's code, from the crafts the bundled village list writes (``gốm sứ`` → ``ceramics``), a word of it
    inside the written one next; ``other`` when none is."""
    return _coded_by_words(fold(written), _crafts(), 3) if written else ""


@cache
def _crafts() -> dict[str, str]:
    rows = [r for r in Reference().villages if r["craft_vi"] and r["craft"] and r["craft"] != "other"]
    out: dict[str, str] = {}
    for split in (r"$^", r"[,;–]", r"[,;–]| và "):  # a whole written craft first, then its parts
        for r in rows:
            for part in re.split(split, r["craft_vi"]):
                out.setdefault(" ".join(fold(part).split()), r["craft"])
    return out


def _known_words(table: str, column: str) -> str:
    return "; ".join(w[0] for w in words()["values"][table][column].values())


def _known_words_yes() -> str:
    table = words()["values"]["yes_no"]
    return f"{', '.join(table['true'][:4])} / {', '.join(table['false'][:3])}"


def read(layout: Layout, proposals: list[Mapping], known: dict[str, dict[tuple, str]] | None = None) -> Reading:
    """One laid-out sheet as the import's tables, by the tables proposed (and confirmed) for it; a spreadsheet
    error in a cell it reads, or a second table below the first, said in the file's terms."""
    reading = _read(layout, proposals, known or {})
    mapped = {i for m in reading.mappings for i in m.columns}
    said = [Problem(layout.file, "error_cell", layout.sheet, n, _label(layout, c), text)
            for (n, c), text in sorted(layout.errors.items()) if c in mapped]
    cells = {(p.row, p.column) for p in said}
    reading.problems = [p for p in reading.problems if (p.row, p.column) not in cells] + said
    second = _second_table(layout)
    if second is not None:
        reading.problems.append(second)
    return reading


def _second_table(layout: Layout) -> Problem | None:
    """Another table below the first on the same sheet: a data row whose cells are header words of the dashboard."""
    from .headers import fields

    rows = dict(zip(layout.numbers, layout.rows, strict=True))
    for n in layout.header_like:
        cells = [str(v) for v in rows.get(n, []) if v not in ("", None)]
        if sum(1 for v in cells if any(m.confidence == 1.0 for m in fields(v))) >= 2:
            return Problem(layout.file, "second_table", layout.sheet, n, None, " | ".join(cells)[:200])
    return None


def _read(layout: Layout, proposals: list[Mapping], known: dict[str, dict[tuple, str]]) -> Reading:
    main = proposals[0] if proposals else None
    if main is None and is_form(layout):
        from . import forms

        if forms.readable(layout):
            return forms.read(layout, known)
        reading = Reading(layout, [])
        reading.problems.append(Problem(layout.file, "form_not_read", layout.sheet, layout.header_rows[0],
                                        params={"title": layout.title[:120]}))
        return reading
    if main is None:
        reading = Reading(layout, [])
        reading.problems.append(Problem(layout.file, "no_table_recognised", layout.sheet, layout.header_rows[0],
                                        params={"header": ", ".join(h for h in layout.header if h)[:200],
                                                "tables": ", ".join(BY_TABLE)}))
        return reading
    if main.table == "sites":
        plants = next((p for p in proposals[1:] if p.table == "wastewater_plants"), None)
        return sites(layout, main, plants, known)
    if main.table == "craft_villages":
        return villages(layout, main, known)
    if main.table == "wastewater_samples":
        from . import results

        return results.read(layout, main, known) if results.is_result_sheet(main) else samples(layout, main, known)
    if main.table == "enterprises":
        return enterprises(layout, main, known,
                           next((p for p in proposals[1:] if p.table == "certifications"), None))
    if main.table == "certifications":
        return certificates(layout, main, known)
    if main.table == "programme_progress":
        return progress(layout, main)
    reading = Reading(layout, proposals)
    reading.problems.append(Problem(layout.file, "layout_not_supported", layout.sheet, layout.header_rows[0],
                                    params={"table": main.table}))
    return reading


_ORDER = {"sites": 0, "craft_villages": 0, "enterprises": 1, "wastewater_samples": 2, "certifications": 2}


def reads_names(proposals: list[Mapping], layout: Layout | None = None) -> int:
    """When a sheet is read among the others: after the lists whose records it names (monitoring results name their
    clusters, a register the cluster each enterprise is in, certificates the enterprise, a report form its cluster)."""
    if not proposals:
        return 2 if layout is not None and is_form(layout) else 0
    return _ORDER.get(proposals[0].table, 0)


def learn(known: dict[str, dict[tuple, str]], reading: Reading, enterprises: bool = False) -> None:
    """The records a reading gives, added to `known` by (name key, commune), for the sheets that name them (the
    enterprises only when asked: only certificates name them, and a register may have 100,000)."""
    keys = {t: c for t, c in NAMED.items() if enterprises or t != "enterprises"}
    for sheet in reading.sheets:
        if sheet.name not in keys:
            continue
        key, name = keys[sheet.name]
        at = {c: sheet.header.index(c) for c in (key, name, "commune_code")}
        for row in sheet.rows:
            if row[at[key]] not in ("", None) and row[at[name]]:
                known.setdefault(sheet.name, {})[(name_key(row[at[name]]), row[at["commune_code"]] or None)] = \
                    row[at[key]]


def relabeller(problems: list[Problem], readings: list[Reading]):
    """A function naming a check's problem as the user's file names its column (letter and header), or None for a
    problem that says again what another one says (no coordinates on a row whose place is not one commune)."""
    labels: dict[tuple, dict[str, str]] = {}
    for reading in readings:
        labels.setdefault((reading.layout.file, reading.layout.sheet), {}).update(reading.labels)
    placeless = {(p.file, p.sheet, p.row) for p in problems if p.code.startswith(("old_address", "address_"))}
    no_place = {(r.layout.file, r.layout.sheet) for r in readings for p in r.problems if p.code == "no_place_column"}
    own = {p for reading in readings for p in reading.problems}
    said = {(p.file, p.sheet, p.row, p.column) for p in own}

    def rename(p: Problem) -> Problem | None:
        if (p.file, p.sheet) not in labels or p in own:
            return p
        if p.column in ("lon", "lat") and (p.file, p.sheet, p.row) in placeless:
            return None
        if p.column in ("lon", "lat", "commune_code") and (p.file, p.sheet) in no_place:
            return None  # said once, at the header
        label = labels[(p.file, p.sheet)].get(p.column or "")
        if label and (p.file, p.sheet, p.row, label) in said:
            return None  # the cell's word was already said to be unknown, with the words that are
        return Problem(p.file, p.code, p.sheet, p.row, label, p.value, p.params) if label else p

    return rename


# --- a confirmed mapping, saved and applied again ------------------------------------------------------------------


def fingerprint(header: list[str]) -> str:
    """What identifies a header however its cells are spaced or accented: next year's file with the same columns."""
    import hashlib

    return hashlib.sha256("|".join(" ".join(fold(h).split()) for h in header).encode()).hexdigest()[:16]


def record(reading: Reading) -> dict:
    """One sheet's mapping as it is saved: its header, and for each table the field of each column by letter."""
    layout = reading.layout
    out = {"file": layout.file, "sheet": layout.sheet, "header": layout.header,
           "fingerprint": fingerprint(layout.header),
           "tables": {m.table: {column_letter(i): f.column for i, f in sorted(m.columns.items())}
                      for m in reading.mappings}}
    chosen = {f: dict(ws) for m in reading.mappings for f, ws in m.words.items() if ws}
    if chosen:
        out["words"] = chosen  # the codes the reader chose for words (the others are read as the dashboard reads them)
    return out


def applied(layout: Layout, saved: list[dict]) -> list[Mapping] | None:
    """The saved mapping of a sheet with this header (the newest given), as mappings; None when none is saved."""
    from .headers import Match

    mine = fingerprint(layout.header)
    for entry in reversed(saved):
        if entry.get("fingerprint") != mine:
            continue
        letters = {column_letter(i): i for i in range(len(layout.header))}
        out = []
        for table, columns in entry.get("tables", {}).items():
            mapping = Mapping(table)
            for letter, column in columns.items():
                if letter in letters and column:
                    mapping.columns[letters[letter]] = Match(table, column, 1.0, "saved")
            out.append(mapping)
        if out:
            out[0].words = {f: dict(ws) for f, ws in entry.get("words", {}).items() if isinstance(ws, dict)}
        return out
    return None


def merged(saved: list[dict], new: list[dict]) -> list[dict]:
    """Saved mappings with new ones replacing those of the same header."""
    prints = {e["fingerprint"] for e in new}
    return [e for e in saved if e.get("fingerprint") not in prints] + new


# --- what the Import page shows before anything is written ---------------------------------------------------------


@dataclass
class View:
    """One sheet's reading as the Import page shows it to be confirmed."""

    key: str  # the header's fingerprint
    record: dict  # the mapping as it is saved (see record)
    where: str  # "file, sheet"
    remembered: bool
    columns: object  # pandas frame: letter, header, table, field, confidence
    words: object  # pandas frame: field, word as written, code (changeable)
    left_out: object  # pandas frame: row, why, text
    preview: dict  # table → pandas frame of the first rows as they will be stored


def field_choices() -> list[str]:
    """Every "table.field" a column of the department's own sheets may be given (as the header words know them)."""
    from .headers import tables, words

    return [f"{t}.{c}" for t in tables() for c in words()[t]]


def views(checked, tr, rows: int = 5) -> list[View]:
    """What each department sheet of a check will feed, for the reader to confirm or change."""
    import pandas as pd

    out = []
    for reading in checked.readings:
        layout = reading.layout
        mapped = {i: m for mapping in reading.mappings for i, m in mapping.columns.items()}
        columns = pd.DataFrame([{
            tr("mapping.col_letter"): column_letter(i), tr("mapping.col_header"): header,
            tr("mapping.col_field"): f"{mapped[i].table}.{mapped[i].column}" if i in mapped else None,
            tr("mapping.col_confidence"): mapped[i].confidence if i in mapped else None,
        } for i, header in enumerate(layout.header) if header])
        left = pd.DataFrame([{tr("mapping.col_row"): o.row, tr("mapping.col_why"): tr(f"mapping.reason_{o.reason}"),
                              tr("mapping.col_text"): o.text[:120]} for o in layout.left_out])
        said = pd.DataFrame([{tr("mapping.col_word_field"): f, tr("mapping.col_word"): w, tr("mapping.col_code"): c}
                             for f, ws in sorted(reading.words.items()) for w, c in ws.items()],
                            columns=[tr("mapping.col_word_field"), tr("mapping.col_word"), tr("mapping.col_code")])
        preview = {}
        for sheet in reading.sheets:
            table = checked.tables.get(sheet.name)
            if table is not None and checked.origin.get(sheet.name) == (layout.file, layout.sheet):
                preview[sheet.name] = table.head(rows)
        out.append(View(fingerprint(layout.header), record(reading),
                        layout.file + (f", {layout.sheet}" if layout.sheet else ""),
                        reading.remembered, columns, said, left, preview))
    return out


def edited(reading_record: dict, fields: dict[str, str | None],
           words: list[tuple[str, str, object, object]] | None = None) -> dict:
    """A saved mapping with the reader's changes: `fields` gives, by column letter, "table.field" or None; `words`
    (field, word as written, code read, code chosen) the codes the reader chose for words."""
    tables: dict[str, dict[str, str]] = {}
    for letter, chosen in fields.items():
        if isinstance(chosen, str) and "." in chosen:  # an emptied cell reads as nothing (None or NaN)
            table, column = chosen.split(".", 1)
            tables.setdefault(table, {})[letter] = column
    out = {**reading_record, "tables": tables}
    chosen_words = {f: dict(ws) for f, ws in reading_record.get("words", {}).items()}
    for field_, word, read_as, chosen in words or []:
        if isinstance(chosen, str) and chosen.strip() and chosen.strip() != read_as:
            chosen_words.setdefault(field_, {})[word] = chosen.strip()
    if chosen_words:
        out["words"] = chosen_words
    return out
