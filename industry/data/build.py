"""Build the dashboard's DuckDB database: the reference data, the demonstration data or records given, the marts.

The command is ``python -m industry.build`` (industry/build.py); a database from the import templates goes
through the importer's checks first (``industry.files.importer.build_from_folder``).
The file is written beside its destination and renamed into place when complete,
so a reader never sees a half-built database. The same seed gives the same
table contents.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa

from .. import __version__
from ..core import paths
from ..core.i18n import Translator
from ..core.text import fold, strip_unit
from . import demo, geo, metrics, queries
from . import schema as data_model
from .reference import Reference

DEFAULT_SEED = 2025
DEFAULT_ENTERPRISES = 8000

_ARROW_TYPES = {
    "VARCHAR": pa.string(), "DOUBLE": pa.float64(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
    "BOOLEAN": pa.bool_(), "DATE": pa.date32(),
}


class Progress:
    """One line per table: name, rows, seconds; on stderr, or to `sink` (the app's progress display)."""

    def __init__(self, quiet: bool = False, sink: Callable[[str], None] | None = None):
        self.quiet = quiet
        self.sink = sink
        self.started = time.perf_counter()
        self.last = self.started
        self.rows: dict[str, int] = {}

    def table(self, con: duckdb.DuckDBPyConnection, name: str) -> None:
        now = time.perf_counter()
        count = con.table(name).count("*").fetchall()[0][0]
        self.rows[name] = count
        self.say(f"  {name:<22} {count:>10,} rows  {now - self.last:6.1f} s")
        self.last = now

    def say(self, text: str) -> None:
        if self.sink:
            self.sink(text)
        elif not self.quiet:
            print(text, file=sys.stderr, flush=True)


def arrow_schema(con: duckdb.DuckDBPyConnection, table: str) -> pa.Schema:
    rel = con.table(table)
    return pa.schema([(name, _ARROW_TYPES[str(t)]) for name, t in zip(rel.columns, rel.types, strict=False)])


def load_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Load generated rows (dicts keyed by column name) into `table`."""
    schema = arrow_schema(con, table)
    data = pa.Table.from_pylist([{name: r.get(name) for name in schema.names} for r in rows], schema=schema)
    load_arrow(con, table, data)


def filled(data: pa.Table, schema: pa.Schema) -> pa.Table:
    """`data` with the columns of `schema`, in its order and types; a column `data` lacks (a table of a database
    made by an earlier version of the dashboard, before that column was added) is empty."""
    for col in schema:
        if col.name not in data.column_names:
            data = data.append_column(col.name, pa.nulls(len(data), col.type))
    return data.select(schema.names).cast(schema)


def model_schema(table: str, columns: list[str]) -> pa.Schema:
    """The Arrow types of `columns` of `table` as the data model documents them."""
    return pa.schema([(name, _ARROW_TYPES[data_model.table(table).column(name).type]) for name in columns])


def load_arrow(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    con.from_arrow(filled(data, arrow_schema(con, table))).insert_into(table)


def commune_rows(ref: Reference, communes: dict[str, geo.Commune]) -> list[dict]:
    rows = []
    for item in ref.commune_list:
        poly = communes[item["code"]]
        rows.append(dict(
            code=item["code"], name_vi=item["name"], name_en=item["name_en"], full_name_vi=item["full_name"],
            kind=item["type"], area_km2=float(item["area_km2"]), lon=float(item["label_lon"]),
            lat=float(item["label_lat"]), name_folded=fold(item["name"]),
            geometry=geo.to_geojson(poly.geometry, precision=0),
            geometry_simplified=geo.to_geojson(geo.simplified(poly.geometry), precision=5),
        ))
    return rows


def predecessor_rows(ref: Reference) -> list[dict]:
    return [dict(
        code=r["new_code"], old_code=r["old_code"], old_name=r["old_name"], old_district_code=r["old_district_code"],
        old_district=r["old_district"], is_partial=r["is_partial"] == "1", merge_note=r["merge_note"],
        old_name_folded=fold(strip_unit(r["old_name"])), old_district_folded=fold(strip_unit(r["old_district"])),
    ) for r in ref.conversion]


def create_with_reference(con: duckdb.DuckDBPyConnection, ref: Reference, communes: dict[str, geo.Commune],
                          progress: Progress) -> None:
    """Make the tables and load what always comes from ``data/``: communes, their predecessors, sectors."""
    queries.execute(con, "build/create_tables")
    load_rows(con, "communes", commune_rows(ref, communes))
    progress.table(con, "communes")
    load_rows(con, "commune_predecessors", predecessor_rows(ref))
    progress.table(con, "commune_predecessors")
    load_rows(con, "sectors", demo.sectors_rows(ref))
    progress.table(con, "sectors")


def derived_sources(is_demo: bool) -> dict[str, tuple[str, str]]:
    """The source line, in English and Vietnamese, of the progress the builder derives (build/progress_derived and
    build/progress_activities): stored with each row, so a change of its words is a change of the derived tables."""
    return {name: tuple(tr(key, demo=tr("prog.source_demo") if is_demo else "")
                        for tr in (Translator("en"), Translator("vi")))
            for name, key in (("progress_derived", "prog.source_derived"), ("progress_activities", "prog.source_counted"))}


def build_marts(con: duckdb.DuckDBPyConnection, progress: Progress, first_year: int, last_year: int,
                is_demo: bool) -> None:
    """Derived tables, recomputed from the base tables (also after an import of official data)."""
    queries.execute(con, "build/years", {"first_year": first_year, "last_year": last_year})
    progress.table(con, "years")
    for name in DERIVED_TABLES:
        queries.execute(con, f"build/{name}")
        progress.table(con, name)
    queries.execute(con, "build/progress_clear_derived")
    for name, (source, source_vi) in derived_sources(is_demo).items():
        queries.execute(con, f"build/{name}", {"source": source, "source_vi": source_vi, "is_demo": is_demo})
    progress.table(con, "programme_progress")
    # what the pages over small tables show, joined once for every year: each page reads one table per figure
    for name, params in PAGE_MARTS:
        queries.execute(con, f"build/{name}", params)
        progress.table(con, name)


PAGE_MARTS: tuple[tuple[str, dict | None], ...] = (  # in build order: map_communes_year reads the three before it
    ("cluster_commune_year", None), ("villages_commune_year", None),
    ("activities_commune_year", {"from_year": metrics.ACTIVITIES_FROM}), ("map_communes_year", None),
    ("map_sites_year", None), ("wastewater_failures_year", None), ("map_villages_year", None), ("activity_list", None),
    ("target_list", None), ("limit_list", None),
)
DERIVED_TABLES = ("sample_checks", "site_year", "enterprise_year", "certification_year", "certificate_expiry",
                  "uncertified_year")


@functools.cache
def marts_version() -> str:
    """A digest of how the builder computes the derived tables (their SQL, parameters and the source words they
    store), kept in dataset_info:
    a database whose derived tables were computed another way is one of an earlier version (``db.outdated``)."""
    names = ["years", *DERIVED_TABLES, "progress_clear_derived", "progress_derived", "progress_activities",
             *(name for name, _ in PAGE_MARTS)]
    text = "\n".join(queries.sql(f"build/{name}") for name in names) + repr(PAGE_MARTS) + repr(
        [derived_sources(demo) for demo in (False, True)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def build(out: Path | None = None, seed: int = DEFAULT_SEED, enterprises: int = DEFAULT_ENTERPRISES,
          quiet: bool = False, data_root: Path | None = None) -> Path:
    """Build the demonstration database at `out` (atomically) and return its path."""
    out = Path(out or paths.DEFAULT_DB).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.building-{os.getpid()}")
    for stale in (tmp, tmp.with_name(tmp.name + ".wal")):
        stale.unlink(missing_ok=True)
    progress = Progress(quiet)
    progress.say(f"Building {out} (demonstration data, seed {seed}, {enterprises:,} enterprises)")

    ref = Reference(data_root)
    communes = geo.load_communes((data_root or paths.DATA) / "geo" / "hanoi_communes_2025.geojson")
    gen = demo.Generator(ref, communes, seed=seed, enterprises=enterprises)

    con = duckdb.connect(str(tmp))
    try:
        create_with_reference(con, ref, communes, progress)

        sites = demo.clean(gen.sites())
        plants = gen.plants(sites)  # may move an opening year earlier, so load sites after
        load_rows(con, "sites", sites)
        progress.table(con, "sites")
        limits = gen.limits()
        load_rows(con, "wastewater_limits", limits)
        progress.table(con, "wastewater_limits")
        load_rows(con, "wastewater_plants", plants)
        progress.table(con, "wastewater_plants")
        load_rows(con, "reported_figures", gen.reports(sites, plants))
        progress.table(con, "reported_figures")
        load_arrow(con, "wastewater_samples", gen.samples(sites, plants, limits))
        progress.table(con, "wastewater_samples")
        villages = demo.clean(gen.villages())
        load_rows(con, "craft_villages", villages)
        progress.table(con, "craft_villages")

        ent, certs = gen.enterprises(sites)
        con.register("staged_enterprises", ent)
        queries.execute(con, "build/load_enterprises")
        con.unregister("staged_enterprises")
        progress.table(con, "enterprises")
        load_arrow(con, "certifications", certs)
        progress.table(con, "certifications")

        load_rows(con, "promotion_activities", demo.clean(gen.activities(villages, ent)))
        progress.table(con, "promotion_activities")
        load_rows(con, "programme_targets", demo.clean(gen.targets()))
        progress.table(con, "programme_targets")
        load_rows(con, "programme_progress", gen.progress())

        build_marts(con, progress, demo.FIRST_YEAR, demo.LAST_YEAR, is_demo=True)

        info = {
            "kind": "demo",
            "built_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "builder_version": __version__,
            "marts_version": marts_version(),
            "seed": str(seed),
            "enterprises": str(enterprises),
            "first_year": str(demo.FIRST_YEAR),
            "last_year": str(demo.LAST_YEAR),
            "data_date": f"{demo.LAST_YEAR}-12-31",
            "sources": Translator("en")("present.demo_sources"),  # the closing slide shows it in either language
            "limits_note": "Demonstration samples are judged against the limit value C of QCVN 40:2011/BTNMT directly, "
                           "without the coefficients Kq and Kf.",
        }
        load_rows(con, "dataset_info", [{"key": k, "value": v} for k, v in info.items()])
        progress.table(con, "dataset_info")
        con.checkpoint()
    finally:
        con.close()
    os.replace(tmp, out)
    progress.say(f"Done in {time.perf_counter() - progress.started:.1f} s: {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return out
