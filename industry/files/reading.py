"""What every reader of the department's own sheets shares: a sheet's :class:`Reading` (the template-form sheets it
gives and the problems met), a column named as the file names it (its letter and header), a row's problems in the
file's terms, names of sites in full and the key two spellings of one name share, the standard a header writes, and
the linking of a name to the one record it names (never guessed between two).

The readers build on it, one module per kind of sheet: lists and wide tables (:mod:`industry.files.department`),
a laboratory's result sheets (:mod:`industry.files.results`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..core.text import fold
from .headers import Mapping, words
from .layouts import ERROR_VALUES, Layout, column_letter
from .problems import Problem
from .sheets import Sheet
from .values import Unreadable, convention, number, yes

_KINDS = (  # a site's name as written → (kind, the name's full form)
    (("khu cong nghe cao",), "high_tech_park", "Khu công nghệ cao"),
    (("khu cong nghiep", "kcn"), "industrial_park", "Khu công nghiệp"),
    (("cum cong nghiep lang nghe", "ccn lang nghe", "cum cong nghiep", "ccn", "cum cn"), "cluster",
     "Cụm công nghiệp"),
)


_STANDARD = re.compile(r"(QCVN\s*\d+\s*:\s*\d{4}\s*/\s*[A-ZĐ]+)\D*?(?:c[ộo]t\s*)?\b([AB])\b", re.IGNORECASE)


@dataclass
class Reading:
    """What one laid-out sheet gives the import: a template-form sheet per table and the problems met on the way."""

    layout: Layout
    mappings: list[Mapping]
    sheets: list[Sheet] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # template column → "C (Tình trạng)"
    problems: list[Problem] = field(default_factory=list)
    remembered: bool = False  # read by a mapping confirmed before, not by the header words
    words: dict[str, dict[str, object]] = field(default_factory=dict)  # "table.field" → {word as written: its code}


def _index(mapping: Mapping, column: str) -> int | None:
    return next((i for i, m in mapping.columns.items() if m.column == column), None)


def _cell(row: list, mapping: Mapping, column: str):
    i = _index(mapping, column)
    return row[i] if i is not None and i < len(row) else ""


def site_name(written: str, header: str = "") -> tuple[str, str, bool]:
    """A site's name in full, its kind and whether it is a craft-village cluster: ``"CCN Phú Nghĩa"`` →
    (``"Cụm công nghiệp Phú Nghĩa"``, ``cluster``, False); a bare name ("Phú Nghĩa") under a `header` that names the
    kind ("Cụm công nghiệp", "Tên KCN") is that kind's."""
    text = " ".join(unicodedata.normalize("NFC", str(written)).split())
    folded = fold(text)
    village = "lang nghe" in folded
    for prefixes, kind, full in _KINDS:
        for prefix in prefixes:
            if folded.startswith(prefix + " "):
                rest = text[len(prefix):].strip(" -–:")
                if prefix in ("cum cong nghiep lang nghe", "ccn lang nghe"):
                    rest = "làng nghề " + rest
                return f"{full} {rest}".strip(), kind, village
    said = " " + " ".join(re.sub(r"[^a-z0-9]+", " ", fold(header)).split()) + " "
    named = [(kind, full) for prefixes, kind, full in _KINDS if any(f" {prefix} " in said for prefix in prefixes)]
    if text[:1].isalpha() and len(named) == 1 and not (" khu " in said and " cum " in said):  # "khu, cụm": either
        return f"{named[0][1]} {text}", named[0][0], village
    return text, "cluster", village


def name_key(name: str) -> str:
    """What two spellings of one record's name share: folded (Hoà = Hòa), the kind words and their abbreviations
    (Cụm công nghiệp / CCN, Khu công nghiệp / KCN, làng nghề) left out."""
    folded = fold(site_name(name)[0]) if name else ""
    for kind_words in ("khu cong nghe cao", "khu cong nghiep", "cum cong nghiep", "lang nghe truyen thong", "lang nghe",
                       "lang"):
        folded = re.sub(rf"\b{kind_words}\b", " ", folded)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


def standard_of(text) -> str | None:
    """The standard key of a written standard: ``"QCVN 40:2011/BTNMT, cột B"`` → ``"QCVN 40:2011/BTNMT B"``."""
    if text is None or not str(text).strip():
        return None
    found = _STANDARD.search(unicodedata.normalize("NFC", str(text)))
    if not found:
        return str(text).strip()
    regulation = re.sub(r"\s+", "", found.group(1)).upper().replace("QCVN", "QCVN ")
    return f"{regulation} {found.group(2).upper()}"


def _label(layout: Layout, i: int) -> str:
    """A column as the user's file names it: its letter and the header written over it, ``C (Tình trạng)``."""
    return f"{column_letter(i)} ({layout.header[i]})"


class _Row:
    """The problems of one row, in the user's terms, as they are met."""

    def __init__(self, reading: Reading, number_: int):
        self.reading, self.number = reading, number_

    def bad(self, i: int | None, code_: str, value, **params) -> None:
        layout = self.reading.layout
        label = _label(layout, i) if i is not None else None
        self.reading.problems.append(Problem(layout.file, code_, layout.sheet, self.number, label, str(value), params))


def _by_name(known: dict[str, dict[tuple, str]], table: str) -> tuple[dict[str, set], set]:
    """The records of `table` of the import and of the database it joins by name key, and their ids."""
    by_name: dict[str, set] = {}
    for (key, _commune), id_ in known.get(table, {}).items():
        by_name.setdefault(key, set()).add(id_)
    return by_name, {i for ids in by_name.values() for i in ids}


def _linker(by_name: dict[str, set], ids: set, row_problems: _Row, at: int | None, kind: str = "site"):
    """A name or id as the row writes it → the one record it names; None (said, as a `kind` unknown or ambiguous)
    for none or several."""
    def link(written):
        text = " ".join(str(written if written is not None else "").split())
        if not text:
            return ""
        if text in ids:
            return text
        found = sorted(by_name.get(name_key(text), ()), key=str)
        if len(found) == 1:
            return found[0]
        row_problems.bad(at, f"{kind}_ambiguous" if found else f"{kind}_unknown", text,
                         candidates=", ".join(map(str, found)))
        return None
    return link


def _numbers(layout: Layout, mapping: Mapping) -> dict[int, str | None]:
    """Each numeric column's decimal separator, told by the values that can be read one way, else by the sheet's."""
    overall = convention(v for row in layout.rows for v in row)
    out = {}
    for i in mapping.columns:
        out[i] = convention(row[i] for row in layout.rows if i < len(row)) or overall or "comma"
    return out


def _same_unit(a: str, b: str) -> bool:
    return fold(a).replace(" ", "").replace("lit", "l") == fold(b).replace(" ", "").replace("lit", "l")


NOT_MEASURED = ("", "-", "–", "—", "/", "x")  # a result cell with no result in it


def result_in(row: list, i: int, number_: int, layout: Layout, decimals: dict, problems: _Row):
    """The measurement in a row's cell `i` (``Measured``), or None for a cell with none: empty, "-", a spreadsheet
    error (said elsewhere), or words that are no result (said, as ``not_a_result``)."""
    from .values import Unreadable, measured

    raw = row[i] if i < len(row) else ""
    if raw is None or (isinstance(raw, str) and raw.strip() in NOT_MEASURED) or (number_, i) in layout.errors:
        return None
    try:
        return measured(raw, decimals.get(i))
    except Unreadable:
        problems.bad(i, "not_a_result", raw)
        return None


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


def _blank(value):
    return "" if value is None else value


def _source(layout: Layout) -> str:
    return layout.file + (f" ({layout.sheet})" if layout.sheet else "")


def _labels(layout: Layout, mapping: Mapping) -> dict[str, str]:
    out = {m.column: _label(layout, i) for i, m in mapping.columns.items()}
    place = out.get("old_commune") or out.get("address")
    if place:
        out.setdefault("commune_code", place)
    return out


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


def _coded_by_words(key: str, table: dict[str, str], shortest: int) -> str:
    """The code of a folded text by a table of folded words: the whole text, else the longest word of at least
    `shortest` letters found in it; ``other`` when none is."""
    if key in table:
        return table[key]
    for word in sorted(table, key=len, reverse=True):
        if len(word) >= shortest and re.search(rf"\b{re.escape(word)}\b", key):
            return table[word]
    return "other"


def _known_words(table: str, column: str) -> str:
    return "; ".join(w[0] for w in words()["values"][table][column].values())


def _known_words_yes() -> str:
    table = words()["values"]["yes_no"]
    return f"{', '.join(table['true'][:4])} / {', '.join(table['false'][:3])}"
