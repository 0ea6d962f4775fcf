"""What an import will change, before it changes anything: the records each table gains, the records it changes
(field by field, old → new) and those it loses, and the headline figures of the latest year before → after, for the
city and for each commune whose figures move.

:func:`compare` reads it from the database as it is and the one the import would install (``importer.foresee``
builds that one beside the live one with the same builder, and throws it away). The Import page shows it above
the confirm button, ``python -m industry.importer … --check`` prints it, and the import log keeps it with the import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pandas as pd

from ..data import metrics, queries
from . import templates

MAX_LISTED = 20  # records listed by name in each of added, changed and removed; the rest are counted
NAME_COLUMNS = {"sites": "name_vi", "craft_villages": "name_vi", "enterprises": "name", "promotion_activities": "title_vi"}
MANY_REMOVED = 0.10  # a change that removes more than this share of a table's records asks for a second confirmation


@dataclass
class TableChange:
    table: str
    added: int = 0
    changed: int = 0
    removed: int = 0
    before: int = 0
    after: int = 0
    examples: list[dict] = field(default_factory=list)  # {"change": added|changed|removed, "record": …, "fields": …}

    @property
    def removes_many(self) -> bool:
        return self.before > 0 and self.removed > MANY_REMOVED * self.before


@dataclass
class Figure:
    key: str  # clusters | compliance | reported | certified | villages
    scope: str  # "" for the city, else a commune code
    before: float | None
    after: float | None


@dataclass
class Change:
    year: int
    tables: list[TableChange] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # commune code → its name

    @property
    def removes_many(self) -> bool:
        return any(t.removes_many for t in self.tables)

    def record(self) -> dict:
        """As the import log keeps it."""
        return {"year": self.year,
                "tables": {t.table: {"added": t.added, "changed": t.changed, "removed": t.removed,
                                     "before": t.before, "after": t.after} for t in self.tables},
                "figures": [{"figure": f.key, "commune": f.scope or None, "before": f.before, "after": f.after}
                            for f in self.figures]}


def compare(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection, tables: list[str]) -> Change:
    year = int(metrics.years(new)[1])
    change = Change(year)
    for table in tables:
        change.tables.append(_table_change(old, new, table))
    change.figures = _figures(old, new, year)
    change.names = dict(zip(*[metrics.communes(new)[c] for c in ("code", "full_name_vi")], strict=True))
    return change


def _frame(con: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    """A table's records, or none when the database (made by an earlier version) lacks the table."""
    found = queries.rows(con, "build/has_table", {"name": table})[0][0]
    return con.table(table).df() if found else pd.DataFrame()


def _table_change(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection, table: str) -> TableChange:
    key = list(templates.template(table).key)
    before, after = _frame(old, table), _frame(new, table)
    out = TableChange(table, before=len(before), after=len(after))
    if before.empty:
        out.added = len(after)
        return out
    columns = [c for c in after.columns if c in before.columns]
    a = before[columns].drop_duplicates(subset=key, keep="last").set_index(key)
    b = after[columns].drop_duplicates(subset=key, keep="last").set_index(key)
    ha = pd.Series(pd.util.hash_pandas_object(a, index=False).to_numpy(), index=a.index)
    hb = pd.Series(pd.util.hash_pandas_object(b, index=False).to_numpy(), index=b.index)
    gone, came = a.index.difference(b.index), b.index.difference(a.index)
    both = a.index.intersection(b.index)
    differs = both[ha.loc[both].to_numpy() != hb.loc[both].to_numpy()]
    out.added, out.removed, out.changed = len(came), len(gone), len(differs)
    name = NAME_COLUMNS.get(table)
    for kind, keys, frame in (("added", came, b), ("changed", differs, b), ("removed", gone, a)):
        for k in list(keys)[:MAX_LISTED]:
            row = frame.loc[k]
            fields = {}
            if kind == "changed":
                fields = {c: (_shown(a.loc[k][c]), _shown(row[c])) for c in a.columns
                          if not _equal(a.loc[k][c], row[c])}
            label = str(row[name]) if name and name in row.index else " · ".join(
                _shown(v) for v in (k if isinstance(k, tuple) else (k,)))
            out.examples.append({"change": kind, "record": label, "fields": fields})
    return out


def _shown(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def _equal(x, y) -> bool:
    return _shown(x) == _shown(y)


def _figures(old, new, year: int) -> list[Figure]:
    out = []

    def at(frame: pd.DataFrame, column: str):
        rows = frame[frame["year"] == year]
        value = rows[column].iloc[0] if len(rows) else None
        return None if value is None or pd.isna(value) else float(value)

    def years_of(con, query, *args):
        try:
            return query(con, *args)
        except duckdb.Error:  # a database an earlier version made may lack what the newer figure reads
            return pd.DataFrame({"year": []})

    pairs = [("clusters", metrics.clusters_by_year, "clusters_count"),
             ("compliance", metrics.clusters_by_year, "compliance_pct"),
             ("reported", metrics.reported_wastewater, "reported_pct"),
             ("certified", metrics.enterprises_by_year, "si_certified_pct"),
             ("villages", metrics.villages_by_year, "recognised_count")]
    for key, query, column in pairs:
        before, after = years_of(old, query), years_of(new, query)
        out.append(Figure(key, "", at(before, column) if column in before else None, at(after, column)))
    before = years_of(old, metrics.wastewater_by_commune, year)
    before = before.set_index("commune_code") if "commune_code" in before else pd.DataFrame()
    after = years_of(new, metrics.wastewater_by_commune, year).set_index("commune_code")
    for code in sorted(set(before.index) | set(after.index)):
        was = tuple(before.loc[code, ["clusters_count", "compliance_pct"]]) if code in before.index else (0, None)
        now = tuple(after.loc[code, ["clusters_count", "compliance_pct"]]) if code in after.index else (0, None)
        if _shown(was[0]) != _shown(now[0]) or _shown(was[1]) != _shown(now[1]):
            out.append(Figure("compliance", code, None if pd.isna(was[1]) else float(was[1]),
                              None if now[1] is None or pd.isna(now[1]) else float(now[1])))
    return out


def lines(change: Change, tr, number, percent) -> list[str]:
    """The change in the reader's words, a line each: per table, then the figures before → after."""
    out = [tr("changes.title", year=change.year)]
    for t in change.tables:
        out.append("  " + tr("changes.table", table=tr(f"table.{t.table}"), added=number(t.added),
                             changed=number(t.changed), removed=number(t.removed), before=number(t.before),
                             after=number(t.after)))
        for e in t.examples:
            detail = _fields(t.table, e["fields"], tr)
            what = tr("changes." + e["change"])
            out.append(f"    {what}: {e['record']}" + (f" ({detail})" if detail else ""))
    for f in figure_rows(change, tr, number, percent):
        out.append("  " + f)
    return out


def figure_rows(change: Change, tr, number, percent) -> list[str]:
    out = []
    for f in change.figures:
        shown = number if f.key in ("clusters", "villages") else percent
        where = change.names.get(f.scope, f.scope) if f.scope else tr("changes.city")
        out.append(tr("changes.figure", figure=tr(f"changes.figure_{f.key}"), where=where,
                      before=shown(f.before) if f.before is not None else "–",
                      after=shown(f.after) if f.after is not None else "–"))
    return out


def frame(change: Change, tr, number, percent) -> pd.DataFrame:
    """The figures before → after as a table for the page."""
    rows = []
    for f in change.figures:
        shown = number if f.key in ("clusters", "villages") else percent
        rows.append({tr("changes.col_figure"): tr(f"changes.figure_{f.key}"),
                     tr("changes.col_where"): change.names.get(f.scope, f.scope) if f.scope else tr("changes.city"),
                     tr("changes.col_before"): shown(f.before) if f.before is not None else "–",
                     tr("changes.col_after"): shown(f.after) if f.after is not None else "–"})
    return pd.DataFrame(rows)


def _fields(table: str, fields: dict, tr) -> str:
    """A changed record's fields, each by its label in the reader's language (the data model's own), old → new."""
    from ..data import schema

    def label(column: str) -> str:
        try:
            found = schema.table(table).column(column)
        except KeyError:
            return column
        return tr.pick(found.en, found.vi)

    return "; ".join(f"{label(c)}: {o or '–'} → {n or '–'}" for c, (o, n) in fields.items())


def records_frame(change: Change, tr, number) -> pd.DataFrame:
    """The records each table gains, changes and loses, as a table for the page."""
    rows = []
    for t in change.tables:
        for e in t.examples:
            rows.append({tr("changes.col_table"): tr(f"table.{t.table}"), tr("changes.col_change"):
                         tr(f"changes.{e['change']}"), tr("changes.col_record"): e["record"],
                         tr("changes.col_fields"): _fields(t.table, e["fields"], tr)})
    return pd.DataFrame(rows, columns=[tr("changes.col_table"), tr("changes.col_change"), tr("changes.col_record"),
                                       tr("changes.col_fields")])
