"""Lists of records as the department keeps them: clusters and parks (with their plants), craft villages, enterprise
registers and certificate lists, a record a row.

Names are written in full and keyed so that two spellings are one record; places are resolved from the former
commune and district, an address, a section row or "(nay là …)", never guessed; ids the department does not keep
are made from the name and the commune, the same every year; a field the file does not have is not demanded.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache

from ..core.text import fold
from ..data import addresses
from ..data.reference import Reference
from .headers import Mapping, words
from .layouts import ERROR_VALUES, SECTION_JOIN, Layout
from .problems import Problem
from .reading import (
    Reading,
    _blank,
    _by_name,
    _cell,
    _coded_by_words,
    _Coder,
    _index,
    _known_words,
    _known_words_yes,
    _labels,
    _linker,
    _note,
    _numbers,
    _read_numbers,
    _Row,
    _source,
    name_key,
    site_name,
    standard_of,
)
from .sheets import Sheet
from .values import Unreadable, code, number, yes

DEFAULT_STANDARD = "QCVN 40:2011/BTNMT B"  # industrial wastewater, column B: the standard the city's clusters meet


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


def _label_as(reading: Reading, column: str, source: str) -> None:
    """A column the reading made is named, in problems, as the column it was made from, when the file has it."""
    if source in reading.labels:
        reading.labels.setdefault(column, reading.labels[source])


def _made(mapping: Mapping) -> tuple[str, ...]:
    """The columns of a list's records made rather than read: the English name, and the position when the list gives
    no coordinates (drawn at the commune's point)."""
    if _index(mapping, "lon") is not None and _index(mapping, "lat") is not None:
        return ("name_en",)
    return ("name_en", "lon", "lat", "location_precision", "imputed")


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
                  "craft_village_cluster": "true" if village else "", "source": source, **place}
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
    _label_as(reading, "site_id", "name_vi")
    if plants is not None:
        reading.labels |= {k: v for k, v in _labels(layout, plants).items() if k not in reading.labels}
        _label_as(reading, "commissioned_year", "opened_year")
    reading.sheets.append(Sheet(layout.file, "sites", layout.sheet, columns, min(layout.header_rows),
                                site_rows, list(layout.numbers), layout.encoding, derived=_made(mapping)))
    if plant_rows:
        reading.sheets.append(Sheet(layout.file, "wastewater_plants", layout.sheet,
                                    ["site_id", "capacity_m3_per_day", "commissioned_year", "standard"],
                                    min(layout.header_rows), plant_rows, plant_numbers, layout.encoding,
                                    derived=tuple(c for c in ("standard", "commissioned_year")
                                                  if _index(plants, c) is None)))
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
    _label_as(reading, "village_id", "name_vi")
    _label_as(reading, "craft", "craft_vi")
    reading.sheets.append(Sheet(layout.file, "craft_villages", layout.sheet, columns, min(layout.header_rows), out,
                                list(layout.numbers), layout.encoding,
                                derived=_made(mapping) + (("craft",) if _index(mapping, "craft_vi") is None else ())))
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
    _label_as(reading, "enterprise_id", "name")
    _label_as(reading, "size", "employees")
    reading.sheets.append(Sheet(layout.file, "enterprises", layout.sheet, columns, min(layout.header_rows), out,
                                list(layout.numbers), layout.encoding, derived=()))
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
    _label_as(reading, "enterprise_id", "name")
    reading.sheets.append(Sheet(layout.file, "certifications", layout.sheet, columns, min(layout.header_rows), out,
                                list(layout.numbers), layout.encoding))
    return reading


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
