"""The department's own sheets turned into the import's tables, so that they are checked and built like templates.

One module reads each kind of sheet: lists of records (:mod:`industry.files.lists`), tables laid out wide
(:mod:`industry.files.wide`), a laboratory's result sheets (:mod:`industry.files.results`) and the Ministry's report
forms (:mod:`industry.files.forms`), on what they share (:mod:`industry.files.reading`); this module says which
reads a sheet, names problems back in the file's terms, and keeps the mapping the reader confirmed.

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

from dataclasses import dataclass

from ..core import formats
from ..core.text import fold
from . import labels
from .headers import Mapping, is_form
from .layouts import Layout, column_letter
from .lists import _size, certificates, enterprises, sector_of, sites, standard_name, villages
from .problems import Problem
from .reading import Reading, _label, name_key, site_name, standard_of
from .wide import indicator_of, progress, samples

__all__ = ["NAMED", "Reading", "View", "_size", "applied", "edited", "fingerprint", "indicator_of",
           "learn", "merged", "name_key", "read", "reads_names", "record", "relabeller", "sector_of", "site_name",
           "standard_name", "standard_of", "views"]  # what the importer, the Import page and the tests use

# the records other sheets name, by table: (their id column, their name column)
NAMED = {"sites": ("site_id", "name_vi"), "craft_villages": ("village_id", "name_vi"),
         "enterprises": ("enterprise_id", "name")}


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
                                        params={"header": ", ".join(h for h in layout.header if h)[:200]}))
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


# a record's column made from another the file gives (its id and kind from its name): a cause told as the other's
_MADE_FROM = {"site_id": "name_vi", "kind": "name_vi", "village_id": "name_vi", "enterprise_id": "name",
              "craft": "craft_vi"}


def relabeller(problems: list[Problem], readings: list[Reading]):  # noqa: C901 - one rule a kind of problem
    """A function naming a check's problem as the user's file names its column (letter and header), or None for a
    problem that says again what another one says (no coordinates on a row whose place is not one commune)."""
    named: dict[tuple, dict[str, str]] = {}
    for reading in readings:
        named.setdefault((reading.layout.file, reading.layout.sheet), {}).update(reading.labels)
    placeless = {(p.file, p.sheet, p.row) for p in problems if p.code.startswith(("old_address", "address_"))}
    no_place = {(r.layout.file, r.layout.sheet) for r in readings for p in r.problems if p.code == "no_place_column"}
    own = {p for reading in readings for p in reading.problems}
    said = {(p.file, p.sheet, p.row, p.column) for p in own}
    unmapped = {(r.layout.file, r.layout.sheet): ", ".join(
        f"{column_letter(i)} “{h}”" for i, h in enumerate(r.layout.header)
        if h and not any(i in m.columns for m in r.mappings)) for r in readings}
    tables = {(r.layout.file, r.layout.sheet, s.name) for r in readings for s in r.sheets}
    from ..core.i18n import Translator

    en, vi = Translator("en"), Translator("vi")

    def rename(p: Problem) -> Problem | None:
        if (p.file, p.sheet) not in named or p in own:
            return p
        if p.column in ("lon", "lat") and (p.file, p.sheet, p.row) in placeless:
            return None
        if p.column in ("lon", "lat", "commune_code") and (p.file, p.sheet) in no_place:
            return None  # said once, at the header
        label = named[(p.file, p.sheet)].get(p.column or "")
        if label and (p.file, p.sheet, p.row, label) in said:
            return None  # the cell's word was already said to be unknown, with the words that are
        if label:
            return Problem(p.file, p.code, p.sheet, p.row, label, p.value, p.params)
        table = next((t for f, s, t in tables if (f, s) == (p.file, p.sheet) and t != "wastewater_plants"), None)
        if p.code == "required" and p.column and table:  # a field no column of the file was taken for: the cause
            field_ = f"{table}.{_MADE_FROM.get(p.column, p.column)}"  # said once a row: problems.grouped
            return Problem(p.file, "field_not_found", p.sheet, p.row, None, None,
                           {"field_en": labels.field_label(field_, en), "field_vi": labels.field_label(field_, vi),
                            "columns": unmapped.get((p.file, p.sheet)) or "–"})
        return p

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

    key: str  # its own: the file, the sheet and the header's fingerprint
    record: dict  # the mapping as it is saved (see record)
    where: str  # "file, sheet"
    remembered: bool
    columns: object  # pandas frame: letter, header, table, field, confidence
    words: object  # pandas frame: field, word as written, code (changeable)
    left_out: object  # pandas frame: row, why, text
    preview: dict  # table → pandas frame of the first rows as they will be stored


def _word_field(field_: str) -> str:
    """The column a coded field's words are written in ("craft_villages.craft" is written in its craft column)."""
    return {"craft_villages.craft": "craft_villages.craft_vi"}.get(field_, field_)


def views(checked, tr, rows: int = 5) -> list[View]:
    """What each department sheet of a check will feed, for the reader to confirm or change."""
    import hashlib

    import pandas as pd

    out, keys = [], set()
    for reading in checked.readings:
        layout = reading.layout
        # a key of its own for each sheet, though two rounds' sheets share their header and a file is given twice
        key = hashlib.sha256(f"{layout.file}|{layout.sheet}|{fingerprint(layout.header)}".encode()).hexdigest()[:16]
        while key in keys:
            key += "+"
        keys.add(key)
        mapped = {i: m for mapping in reading.mappings for i, m in mapping.columns.items()}
        columns = pd.DataFrame([{
            tr("mapping.col_letter"): column_letter(i), tr("mapping.col_header"): header,
            tr("mapping.col_field"): labels.field_label(f"{mapped[i].table}.{mapped[i].column}" if i in mapped else None,
                                                        tr),
            tr("mapping.col_confidence"): formats.number(mapped[i].confidence, tr.lang, 2) if i in mapped else "",
        } for i, header in enumerate(layout.header) if header])
        left = pd.DataFrame([{tr("mapping.col_row"): o.row, tr("mapping.col_why"): tr(f"mapping.reason_{o.reason}"),
                              tr("mapping.col_text"): o.text[:120]} for o in layout.left_out])
        said = pd.DataFrame([{"field": f, tr("mapping.col_word_field"): labels.field_label(_word_field(f), tr),
                              tr("mapping.col_word"): w, tr("mapping.col_code"): labels.value_label(f, c, tr)}
                             for f, ws in sorted(reading.words.items()) for w, c in ws.items()],
                            columns=["field", tr("mapping.col_word_field"), tr("mapping.col_word"),
                                     tr("mapping.col_code")])
        preview = {}
        names = dict(getattr(checked, "names", {}))
        if "sites" in checked.tables:
            names |= dict(zip(checked.tables["sites"]["site_id"], checked.tables["sites"]["name_vi"], strict=True))
        for sheet in reading.sheets:
            table = checked.tables.get(sheet.name)
            if table is not None and checked.origin.get(sheet.name) == (layout.file, layout.sheet):
                preview[tr(f"table.{sheet.name}")] = labels.preview(sheet.name, table.head(rows), tr, names)
        out.append(View(key, record(reading),
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
