"""A sheet's headers matched to the data model by their meaning: the words departments write over a column.

``field("Tên CCN")`` → the field it names in each table, with a confidence: 1.0 for a word kept in
``industry/data/header_words.toml`` (after folding: no diacritics, any case, spacing and a unit in brackets apart,
and the words of one idea read as that idea: "Xã, phường, thị trấn" and "Phường, xã" are both the commune level),
less for one only like it (rapidfuzz), never across ideas (a commune header is never taken for a district one). A
header over two rows is read whole, then by its own words, then by its parent's ("Diện tích đất (ha)" over "Đã được
thành lập" is the area, and its column says the cluster is established). :func:`propose` says which table a laid-out
sheet feeds (told by its columns and its title; a cluster list with plant columns feeds sites and wastewater plants)
and which column is which field, and then lets each column's values have their say: a place column whose cells name
districts is the district, one whose cells name communes the commune, a column nobody named whose cells are status
words the status. Nothing is decided for the user here: the proposal is shown, changed and confirmed before anything
is written.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from ..core.text import fold
from .layouts import JOIN, Layout, column_letter

WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "header_words.toml"
LIKENESS = 82  # the least rapidfuzz score (0–100) a header must have to be proposed for a field
_BRACKETS = re.compile(r"\(([^)]*)\)")
_YEAR_COLUMN = re.compile(r"^(nam|thuc hien|th|uoc thuc hien|uoc th|uoc|actual|year)?\s*(\d{4})$")
# a sample's results: "NT1", "Mẫu 2", "NT1 (15/03/2024)" (its date after it)
_SAMPLE_COLUMN = re.compile(r"^(nt|m|mau|kq|sample|mau nuoc thai)\s*0*(\d{1,2})(\s+\d{1,2}[\s/]\d{1,2}[\s/]\d{4})?$")
_LIMIT_COLUMN = re.compile(r"^qcvn\s*\d+")  # "QCVN 40:2011/BTNMT (Cột B)": the regulation's limits
_LAST_BRACKETS = re.compile(r"(?<=\S)\s*[(\[][^()\[\]]*[)\]]\s*$")  # a unit after the name: "COD (mg/l)"


@dataclass(frozen=True)
class Match:
    table: str
    column: str  # the field
    confidence: float  # 1.0: a word of header_words.toml; below: likeness
    word: str  # the word it matched


@dataclass
class Mapping:
    """What one sheet feeds: each of its columns (by letter) to a field of `table`, with its confidence."""

    table: str
    columns: dict[int, Match] = field(default_factory=dict)  # column index → field
    score: float = 0.0
    words: dict[str, dict[str, str]] = field(default_factory=dict)  # "table.field" → {word as written: code}, confirmed

    def described(self, layout: Layout) -> list[tuple[str, str, str, float]]:
        """(column letter, header as written, field, confidence) for each mapped column."""
        return [(column_letter(i), layout.header[i], m.column, m.confidence) for i, m in sorted(self.columns.items())]


def plain(text: str) -> str:
    """A header folded, brackets' text kept as words, punctuation and spacing evened out."""
    text = fold(text).replace("³", "3").replace("²", "2")
    text = _BRACKETS.sub(r" \1 ", text)
    text = re.sub(r"[^a-z0-9%/\u2460-\u247f]+", " ", text)
    return " ".join(text.split())


def normalised(text: str) -> str:
    """A header as it is compared: :func:`plain`, with the words of one idea (``[concepts]``) read as that idea, once
    ("Xã, phường, thị trấn" → the commune level). The words are told apart by their tones where the header has
    them ("quản lý" is no "quận", "xả thải" no "xã"), by their letters where it is written without."""
    accented, bare, marks = _concepts()
    lowered = unicodedata.normalize("NFC", str(text)).lower()
    if accented is not None:
        pattern = accented if any(not ch.isascii() for ch in lowered) else bare
        lowered = pattern.sub(lambda m: f" {marks[fold(m.group(0))]} ", lowered)
    key = plain(lowered)
    return " ".join(_REPEATED.sub(lambda m: m.group(1), key).split())


_REPEATED = re.compile(r"([\u2460-\u247f])(?:[\s/,]+\1)+")


@cache
def _concepts() -> tuple[re.Pattern | None, re.Pattern | None, dict[str, str]]:
    """The words of each idea, as written and folded (longest first, so that "thị xã" is a district and not "thị" +
    "xã"), and the one character each idea is read as."""
    found: dict[str, str] = {}
    written_forms: set[str] = set()
    for n, (_idea, written) in enumerate(words().get("concepts", {}).items()):
        for word in written:
            form = " ".join(unicodedata.normalize("NFC", word).lower().split())
            written_forms.add(form)
            found.setdefault(fold(form), chr(0x2460 + n))  # ①, ②, …
    if not found:
        return None, None, {}

    def alternatives(forms) -> re.Pattern:
        ordered = sorted(forms, key=len, reverse=True)
        return re.compile(r"(?<!\w)(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + r")(?!\w)")

    return alternatives(written_forms), alternatives(found), found


def _ideas(key: str) -> frozenset[str]:
    """The ideas a compared header names (a commune header and a district header are never alike)."""
    return frozenset(ch for ch in key if 0x2460 <= ord(ch) < 0x2480)


@cache
def words() -> dict[str, dict[str, list[str]]]:
    with open(WORDS_FILE, "rb") as fh:
        return tomllib.load(fh)


def tables() -> list[str]:
    """The tables of the data model that header words are kept for (``titles``, ``values`` and ``concepts`` are
    other lists)."""
    return [t for t in words() if t not in ("titles", "values", "concepts", "forms")]


@cache
def _index() -> tuple[dict[str, list[tuple[str, str, str]]], list[str], list[list[tuple[str, str, str]]]]:
    exact: dict[str, list[tuple[str, str, str]]] = {}
    for table in tables():
        for column, written in words()[table].items():
            for word in written:
                exact.setdefault(normalised(word), []).append((table, column, word))
    keys = list(exact)
    return exact, keys, [exact[k] for k in keys]


def fields(header: str, tables: set[str] | None = None) -> list[Match]:
    """Every field `header` may name, best first: the exact words, else the likeliest ones above LIKENESS; a
    header over two rows ("Địa điểm – Xã, phường, thị trấn") whole first, then by its own words, then by its
    parent's (a little less sure)."""
    if JOIN in header:
        qualified = _qualified(*header.split(JOIN, 1), tables)
        if qualified:
            return qualified
    found = _fields(header, tables)
    if found or JOIN not in header:
        return found
    parent, child = header.split(JOIN, 1)
    for part, share in ((child, 0.95), (parent, 0.9)):
        found = [Match(m.table, m.column, round(m.confidence * share, 2), m.word) for m in _fields(part, tables)]
        if found:
            return found
    return []


def _qualified(parent: str, child: str, tables: set[str] | None) -> list[Match]:
    """A number split into columns by a coded value ("Diện tích đất (ha)" over "Đã được thành lập" and "Chưa được
    thành lập"): the parent's field, qualified by the value the child's words are (``area_ha@established=true``)."""
    coded = _value_words()
    key = normalised(child)
    if key not in coded:
        return []
    out = []
    for m in _fields(parent, tables):
        for table, field_, value in coded[key]:
            if table == m.table:
                out.append(Match(m.table, f"{m.column}@{field_}={value}", round(m.confidence * 0.95, 2), m.word))
    return out


@cache
def _value_words() -> dict[str, list[tuple[str, str, str]]]:
    """The words of the coded fields of each table (``[values.<table>.<field>]``), compared: (table, field, code)."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for table, by_field in words()["values"].items():
        if table not in tables():
            continue
        for field_, codes in by_field.items():
            for value, written in codes.items():
                for word in written:
                    out.setdefault(normalised(word), []).append((table, field_, value))
    return out


def _fields(header: str, tables: set[str] | None = None) -> list[Match]:
    key = normalised(header)
    if not key:
        return []
    year = _YEAR_COLUMN.match(key)
    if year and 1990 <= int(year.group(2)) <= 2100:  # a column of yearly figures ("Năm 2024", "TH 2024")
        confidence = 0.9 if year.group(1) and year.group(1).startswith("uoc") else 1.0  # an estimate ("Ước TH")
        wanted = tables is None or "programme_progress" in tables
        return [Match("programme_progress", f"year:{year.group(2)}", confidence, header)] if wanted else []
    sample = _SAMPLE_COLUMN.match(key)
    if sample and (tables is None or "wastewater_samples" in tables):  # a laboratory sheet's column per sample
        return [Match("wastewater_samples", f"result:{header.strip()}", 1.0, header)]
    if _LIMIT_COLUMN.match(key) and (tables is None or "wastewater_samples" in tables):
        return [Match("wastewater_samples", "limit", 1.0, header)]
    exact, keys, owners = _index()
    bare = normalised(_LAST_BRACKETS.sub("", header))  # "COD (mg/l)" → "cod": the unit read apart
    for found in (key, bare):
        if found in exact:
            return _once([Match(t, c, 1.0, w) for t, c, w in exact[found] if tables is None or t in tables])
    out = _begins_with(key, tables)
    if out:
        return out
    ideas = _ideas(key)
    for alike, score, i in process.extract(key, keys, scorer=fuzz.token_sort_ratio, limit=8, score_cutoff=LIKENESS):
        if _ideas(alike) != ideas:
            continue  # "Xã (cũ)" is never like "Huyện (cũ)"
        out += [Match(t, c, round(score / 100, 2), w) for t, c, w in owners[i] if tables is None or t in tables]
    return _once(out)


_BEGINS = 0.85  # the confidence of a header that begins with a kept phrase and goes on ("Diện tích QH đến năm 2030")


def _begins_with(key: str, tables: set[str] | None) -> list[Match]:
    """The field of the longest kept phrase of two words or more that a header begins with, when what follows names
    no other field ("Diện tích QH đến năm 2030 (ha)" is an area, "Tên công ty, cơ sở" a name); words that tell no
    table alone (a unit, a result) are not read this way."""
    exact, _keys, _owners = _index()
    tokens = key.split()
    # "Địa điểm quy hoạch": one idea (a concept's mark, ① ② ③), then more words
    shortest = 1 if tokens and len(tokens[0]) == 1 and 0x2460 <= ord(tokens[0]) <= 0x2473 else 2
    for n in range(len(tokens) - 1, shortest - 1, -1):
        head = " ".join(tokens[:n])
        if head in exact:
            found = [Match(t, c, _BEGINS, w) for t, c, w in exact[head]
                     if (tables is None or t in tables) and c not in ("unit", "result", "limit")]
            rest = " ".join(tokens[n:])
            if found and not (rest in exact or any(w in exact for w in rest.split() if len(w) > 3)):
                return _once(found)
    for n in range(len(tokens) - 1, 1, -1):  # a measure named inside ("Điều chỉnh diện tích đến năm 2030 (ha)")
        for start in range(1, len(tokens) - n + 1):
            inner = " ".join(tokens[start:start + n])
            found = [Match(t, c, _INSIDE, w) for t, c, w in exact.get(inner, ())
                     if (tables is None or t in tables) and c in _MEASURES]
            if found:
                return _once(found)
    return []


_INSIDE = 0.8
_MEASURES = {"area_ha", "capacity_m3_per_day", "households", "workers", "employees"}  # named by a distinctive noun


def _once(matches: list[Match]) -> list[Match]:
    """Each field once, at its best (several kept words may read alike once their ideas are read)."""
    seen, out = set(), []
    for m in matches:
        if (m.table, m.column) not in seen:
            seen.add((m.table, m.column))
            out.append(m)
    return out


def _title_tables(title: str) -> set[str]:
    folded = normalised(title)
    return {t for t, ws in words()["titles"].items() if any(normalised(w) in folded for w in ws)}


def _unambiguous(candidates: list[tuple[float, int, Match]]) -> list[tuple[float, int, Match]]:
    """Candidates less one field that two columns are about as likely to be, with no column sure of it (two area
    columns, "Diện tích QH" and "Điều chỉnh diện tích"): the reader chooses; a wrong field is worse than none."""
    best: dict[int, Match] = {}
    for _confidence, i, m in candidates:
        best.setdefault(i, m)
    by_field: dict[str, list[Match]] = {}
    for m in best.values():
        by_field.setdefault(m.column, []).append(m)
    unsure = {f for f, ms in by_field.items() if len(ms) > 1 and max(m.confidence for m in ms) < 1.0
              and max(m.confidence for m in ms) - min(m.confidence for m in ms) <= 0.05}
    return [c for c in candidates if c[2].column not in unsure]


def _latest_year(layout: Layout, candidates: list[tuple[float, int, Match]]) -> list[tuple[float, int, Match]]:
    """Of columns that name one field under headers of different years ("Năm 2004 – Cơ sở (hộ)", "Năm 2005 – Cơ sở
    (hộ)"), the latest year's: a list states its newest figures last."""
    def year(i: int) -> int | None:  # in the upper header ("Năm 2005 – Cơ sở") or the lower ("Diện tích – Đến năm 2020")
        found = re.findall(r"\b(19\d{2}|20\d{2})\b", layout.header[i])
        return int(found[-1]) if found else None

    years: dict[str, dict[int, int]] = {}  # field → year → its first column
    for _c, i, m in candidates:
        y = year(i)
        if y is not None:
            years.setdefault(m.column, {}).setdefault(y, i)
    latest = {f: by_year[max(by_year)] for f, by_year in years.items() if len(by_year) > 1}
    return [c for c in candidates if c[2].column not in latest or year(c[1]) is None or c[1] == latest[c[2].column]]


_WEAK = {"name_vi", "name", "old_commune", "old_district", "address", "unit", "result", "limit"}  # tell no table alone
_FORM = re.compile(r"\bbieu( mau)? so \d+")  # "Biểu số 02": one of the Ministry's report forms


def is_form(layout: Layout) -> bool:
    """Whether a sheet is one of the Ministry's report forms ("Biểu số 02 …"), which no column list describes."""
    return bool(_FORM.search(plain(layout.title)))


def propose(layout: Layout) -> list[Mapping]:
    """The tables a sheet feeds, each with its columns: a table is proposed when it gets a name or two other fields
    (or its title names it); a column goes to one field of a table, the most confident first. A report form of the
    Ministry ("Biểu số 02") is no list of records: nothing is proposed for it."""
    if is_form(layout):
        return []
    by_title = _title_tables(layout.title)
    proposals = []
    for table in tables():
        mapping = Mapping(table)
        taken: set[str] = set()
        candidates = _unambiguous(_latest_year(layout, sorted(((m.confidence, i, m) for i, h in enumerate(layout.header)
                                                              for m in fields(h, {table})), key=lambda x: (-x[0], x[1]))))
        for _confidence, i, m in candidates:
            if i in mapping.columns or m.column in taken:
                continue
            mapping.columns[i] = m
            taken.add(m.column)
        _values_say(layout, mapping)
        taken = {m.column for m in mapping.columns.values()}
        named = taken & {"name_vi", "name"}
        mapping.score = sum(m.confidence for m in mapping.columns.values()) + (1.0 if table in by_title else 0.0)
        others = {t for t in taken if t.split("@")[0] not in _WEAK}
        if (named and others) or len(others) >= 2 or (table in by_title and taken):
            proposals.append(mapping)
    proposals.sort(key=lambda m: -m.score)
    return _consistent(proposals)


_PLACES = ("old_commune", "old_district", "address")
_COMMUNE_CELL = re.compile(r"^(xa|phuong|thi tran|p\.|x\.|tt\.?)\s*\S")
_DISTRICT_CELL = re.compile(r"^(huyen|quan|thi xa|h\.|q\.|tx\.?)\s*\S")
VALUES_SAY = 0.8  # the share of a column's cells that must agree for its values to decide its field
_LOOKED_AT = 300  # cells of a column looked at


def _values_say(layout: Layout, mapping: Mapping) -> None:
    """A column's field as its cells tell it, where its header leaves it open: a place column ("Địa điểm",
    "Vị trí") whose cells name districts ("Huyện Gia Lâm") is the district; one whose cells each name one commune
    ("Xã Bát Tràng") is the commune where the sheet also names districts; a column no header word names whose cells
    are status words is the status."""
    fields_ = {m.column for m in mapping.columns.values()}
    place_words = words().get(mapping.table, {})
    for i, m in list(mapping.columns.items()):  # a name or a craft whose cells are ticks or numbers is not one
        if m.column in _TEXT_FIELDS and _marks_or_numbers([r[i] for r in layout.rows[:_LOOKED_AT] if i < len(r)]):
            del mapping.columns[i]
            fields_.discard(m.column)
    for i, header in enumerate(layout.header):
        cells = [fold(str(r[i])) for r in layout.rows[:_LOOKED_AT] if i < len(r) and isinstance(r[i], str)
                 and r[i].strip()]
        if not cells:
            continue
        current = mapping.columns.get(i)
        if current is not None and current.column in _PLACES and "old_district" in place_words:
            level = _level(cells)
            if level == "district" and current.column != "old_district" and "old_district" not in fields_ - {
                    current.column}:
                fields_.discard(current.column)
                mapping.columns[i] = Match(mapping.table, "old_district", 0.9, header)
                fields_.add("old_district")
            elif level == "commune" and current.column == "address" and "old_district" in fields_:
                fields_.discard("address")
                mapping.columns[i] = Match(mapping.table, "old_commune", 0.9, header)
                fields_.add("old_commune")
        elif current is None and "status" in place_words and "status" not in fields_:
            known = _status_words(mapping.table)
            if known and sum(1 for c in cells if c.strip(" .") in known) >= VALUES_SAY * len(cells):
                mapping.columns[i] = Match(mapping.table, "status", 0.9, header)
                fields_.add("status")


_TEXT_FIELDS = {"name_vi", "name", "craft_vi", "parameter_name", "indicator", "old_commune", "old_district", "address"}


def _marks_or_numbers(cells: list) -> bool:
    """Whether the filled cells of a column are nearly all ticks ("x", "✓") or numbers: no column of names."""
    filled = [c for c in cells if c not in ("", None)]
    if not filled:
        return bool(cells)  # an empty column of a sheet with rows names nothing
    marks = sum(1 for c in filled if not isinstance(c, str) or len(c.strip()) <= 1 or c.strip().replace(",", "")
                .replace(".", "").isdigit())
    return marks >= VALUES_SAY * len(filled)


def _level(cells: list[str]) -> str | None:
    """``commune`` or ``district`` when nearly every cell names one unit of that level and nothing else."""
    single = [c for c in cells if "," not in c and " - " not in c]
    if len(single) < VALUES_SAY * len(cells):
        return None
    district = sum(1 for c in single if _DISTRICT_CELL.match(c))
    commune = sum(1 for c in single if _COMMUNE_CELL.match(c) and not _DISTRICT_CELL.match(c))
    if district >= VALUES_SAY * len(cells):
        return "district"
    if commune >= VALUES_SAY * len(cells):
        return "commune"
    return None


@cache
def _status_words(table: str) -> frozenset[str]:
    coded = words()["values"].get(table, {}).get("status", {})
    return frozenset(fold(w).strip(" .") for ws in coded.values() for w in ws)


def _consistent(proposals: list[Mapping]) -> list[Mapping]:
    """Keep the best table and those that take columns it does not (a cluster list's plant columns feed the plants;
    an enterprise register's columns do not also make it a village list)."""
    if not proposals:
        return []
    kept = [proposals[0]]
    used = set(proposals[0].columns)
    for p in proposals[1:]:
        own = {i: m for i, m in p.columns.items() if i not in used}
        if p.table in _COMPANIONS.get(kept[0].table, ()) and sum(m.confidence for m in own.values()) >= 1.0:
            p.columns = own
            kept.append(p)
            used |= set(own)
    return kept


# the tables a sheet's main table may bring along (a cluster list with its plants, a register with its certificates)
_COMPANIONS = {"sites": ("wastewater_plants",), "enterprises": ("certifications",)}


def report(layout: Layout, proposals: list[Mapping], tr) -> list[str]:
    """The proposal for one sheet as lines for a terminal, in the reader's language: what was read, what was left
    out and why (with its row), and each column's field with its confidence."""
    where = f"{layout.file}" + (f", {layout.sheet}" if layout.sheet else "")
    lines = [tr("mapping.sheet", where=where, first=layout.header_rows[0], last=layout.header_rows[1],
                rows=len(layout.rows))]
    for out in layout.left_out:
        lines.append("  " + tr("mapping.left_out", row=out.row, reason=tr(f"mapping.reason_{out.reason}"),
                               text=out.text[:60]))
    if not proposals and is_form(layout):
        found = re.search(r"bieu( mau)? so 0*(\d+)", plain(layout.title))
        lines.append("  " + tr("mapping.form", number=f"{int(found.group(2)):02d}" if found else "?"))
    elif not proposals:
        lines.append("  " + tr("mapping.no_table"))
    for proposal in proposals:
        lines.append("  " + tr("mapping.table", table=proposal.table))
        for letter, written, column, confidence in proposal.described(layout):
            lines.append(f"    {letter} “{written}” → {column} ({confidence:.2f})")
        unmapped = [f"{column_letter(i)} “{h}”" for i, h in enumerate(layout.header)
                    if h and i not in proposal.columns and not any(i in p.columns for p in proposals)]
        if unmapped and proposal is proposals[-1]:
            lines.append("  " + tr("mapping.unmapped", columns=", ".join(unmapped)))
    return lines
