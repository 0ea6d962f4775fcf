"""A sheet's headers matched to the data model by their meaning: the words departments write over a column.

``field("Tên CCN")`` → the field it names in each table, with a confidence: 1.0 for a word kept in
``industry/data/header_words.toml`` (after folding: no diacritics, any case, spacing and a unit in brackets apart),
less for one only like it (rapidfuzz). :func:`propose` says which table a laid-out sheet feeds (told by its columns
and its title; a cluster list with plant columns feeds sites and wastewater plants) and which column is which field.
Nothing is decided for the user here: the proposal is shown, changed and confirmed before anything is written.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from ..core.text import fold
from .layouts import Layout, column_letter

WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "header_words.toml"
LIKENESS = 82  # the least rapidfuzz score (0–100) a header must have to be proposed for a field
_BRACKETS = re.compile(r"\(([^)]*)\)")
_YEAR_COLUMN = re.compile(r"^(nam|thuc hien|th|uoc thuc hien|uoc th|uoc|actual|year)?\s*(\d{4})$")
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


def normalised(text: str) -> str:
    """A header as it is compared: folded, brackets' text kept as words, punctuation and spacing evened out."""
    text = fold(text).replace("³", "3").replace("²", "2")
    text = _BRACKETS.sub(r" \1 ", text)
    text = re.sub(r"[^a-z0-9%/]+", " ", text)
    return " ".join(text.split())


@cache
def words() -> dict[str, dict[str, list[str]]]:
    with open(WORDS_FILE, "rb") as fh:
        return tomllib.load(fh)


def tables() -> list[str]:
    """The tables of the data model that header words are kept for (``titles`` and ``values`` are other lists)."""
    return [t for t in words() if t not in ("titles", "values")]


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
    """Every field `header` may name, best first: the exact words, else the likeliest ones above LIKENESS."""
    key = normalised(header)
    if not key:
        return []
    year = _YEAR_COLUMN.match(key)
    if year and 1990 <= int(year.group(2)) <= 2100:  # a column of yearly figures ("Năm 2024", "TH 2024")
        confidence = 0.9 if year.group(1) and year.group(1).startswith("uoc") else 1.0  # an estimate ("Ước TH")
        wanted = tables is None or "programme_progress" in tables
        return [Match("programme_progress", f"year:{year.group(2)}", confidence, header)] if wanted else []
    exact, keys, owners = _index()
    bare = normalised(_LAST_BRACKETS.sub("", header))  # "COD (mg/l)" → "cod": the unit read apart
    for found in (key, bare):
        if found in exact:
            return [Match(t, c, 1.0, w) for t, c, w in exact[found] if tables is None or t in tables]
    out = []
    for _, score, i in process.extract(key, keys, scorer=fuzz.token_sort_ratio, limit=8, score_cutoff=LIKENESS):
        out += [Match(t, c, round(score / 100, 2), w) for t, c, w in owners[i] if tables is None or t in tables]
    return out


def _title_tables(title: str) -> set[str]:
    folded = normalised(title)
    return {t for t, ws in words()["titles"].items() if any(normalised(w) in folded for w in ws)}


def propose(layout: Layout) -> list[Mapping]:
    """The tables a sheet feeds, each with its columns: a table is proposed when it gets a name or two other fields
    (or its title names it); a column goes to one field of a table, the most confident first."""
    by_title = _title_tables(layout.title)
    proposals = []
    for table in tables():
        mapping = Mapping(table)
        taken: set[str] = set()
        candidates = sorted(((m.confidence, i, m) for i, h in enumerate(layout.header) for m in fields(h, {table})),
                            key=lambda x: (-x[0], x[1]))
        for _confidence, i, m in candidates:
            if i in mapping.columns or m.column in taken:
                continue
            mapping.columns[i] = m
            taken.add(m.column)
        named = taken & {"name_vi", "name"}
        mapping.score = sum(m.confidence for m in mapping.columns.values()) + (1.0 if table in by_title else 0.0)
        others = taken - {"name_vi", "name", "old_commune", "old_district", "address"}
        if (named and others) or len(others) >= 2 or (table in by_title and taken):
            proposals.append(mapping)
    proposals.sort(key=lambda m: -m.score)
    return _consistent(proposals)


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
    if not proposals:
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
