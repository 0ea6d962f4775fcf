"""The figures pages show, each from a named query in ``queries/app/``.

Functions take a DuckDB connection (or cursor) and plain, hashable filter values,
and return pandas DataFrames; they never touch Streamlit, so tests, the benchmark
and the CLIs call them directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pandas as pd

from ..core.kept import kept
from ..core.text import fold, sort_key
from . import owners, queries

Con = duckdb.DuckDBPyConnection


def communes(con: Con) -> pd.DataFrame:
    """The 126 communes, in Vietnamese alphabetical order of their names."""
    df = queries.frame(con, "app/communes")
    order = sorted(range(len(df)), key=lambda i: sort_key(df.at[i, "name_vi"]))
    return df.iloc[order].reset_index(drop=True)


def sectors(con: Con) -> pd.DataFrame:
    return queries.frame(con, "app/sectors")


def dataset_info(con: Con) -> dict[str, str]:
    return dict(queries.rows(con, "app/dataset_info"))


def years(con: Con) -> tuple[int, int]:
    info = dataset_info(con)
    return int(info["first_year"]), int(info["last_year"])


def search_predecessors(con: Con, text: str) -> pd.DataFrame:
    """New communes formed from an old commune/ward or district whose name matches `text` (accents optional)."""
    return queries.frame(con, "app/predecessor_search", {"q": fold(text)[:80]})


def targets(con: Con, lang: str = "en") -> pd.DataFrame:
    """Every programme target, its source cited in `lang` (en or vi)."""
    return queries.frame(con, "app/targets", {"lang": lang})


@dataclass(frozen=True)
class Target:
    low: float
    high: float
    comparison: str
    unit: str
    year: int | None
    source: str


@kept
def target(df: pd.DataFrame, indicator: str, year: int | None = None) -> Target:
    """The target of `indicator` (for `year` when several years have one)."""
    found = df["indicator"].to_numpy(dtype=object) == indicator  # (no frame filtered: pages ask this often)
    if year is not None:
        found &= (df["target_year"] == year).fillna(False).to_numpy(dtype=bool)
    at = found.nonzero()[0]
    if not len(at):
        raise KeyError(f"no target {indicator} {year or ''}".strip())

    def cell(column: str):
        return df[column].iat[int(at[0])]

    target_year = cell("target_year")
    return Target(float(cell("target_low")), float(cell("target_high")), cell("comparison"), cell("unit"),
                  None if pd.isna(target_year) else int(target_year), cell("source"))


def _communes(values: Sequence[str]) -> list[str]:
    return [str(v) for v in values]


def clusters_by_year(con: Con, communes: Sequence[str] = ()) -> pd.DataFrame:
    return queries.frame(con, "app/overview_clusters", {"communes": _communes(communes)})


def enterprises_by_year(con: Con, communes: Sequence[str] = (), sector: str | None = None) -> pd.DataFrame:
    return queries.frame(con, "app/overview_enterprises", {"communes": _communes(communes), "sector": sector})


def villages_by_year(con: Con, communes: Sequence[str] = ()) -> pd.DataFrame:
    return queries.frame(con, "app/overview_villages", {"communes": _communes(communes)})


ACTIVITIES_FROM = 2021  # first year of the activity records: "since 2021" on the Activities page and the map
# (the builder sums support from it in map_communes_year and activities_commune_year)


def map_communes(con: Con, year: int, sector: str | None = None) -> pd.DataFrame:
    return queries.frame(con, "app/map_communes", {"year": year, "sector": sector})


def commune_shapes(con: Con) -> pd.DataFrame:
    return queries.frame(con, "app/commune_shapes")


def with_shapes(communes: pd.DataFrame, shapes: pd.DataFrame) -> pd.DataFrame:
    """`communes` (as map_communes gives them) with each one's simplified boundary, in the same order."""
    return communes.merge(shapes, on="code", how="left")


def map_sites(con: Con, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
    return queries.frame(con, "app/map_sites", {"year": year, "communes": _communes(communes)})


def _has_sources(con: Con) -> bool:
    """Whether the database has ``record_sources`` (one no import has touched since it was added may not)."""
    return bool(queries.rows(con, "build/has_table", {"name": "record_sources"})[0][0])


def dataset_dates(con: Con) -> dict[str, str]:
    """Each dataset's latest date (ISO), as :func:`industry.data.owners.latest` reads it."""
    sampled = queries.rows(con, "app/latest_samples")[0][0]
    imported = {}
    if _has_sources(con):
        imported = {t: str(at) for t, at in queries.rows(con, "app/latest_imports")}
    data_date = dict(queries.rows(con, "app/dataset_info")).get("data_date", "")
    return {key: owners.latest(d, sampled, imported, data_date) for key, d in owners.datasets().items()}


SOURCE_COLUMNS = ("record_id", "file", "sheet", "row", "imported_by", "imported_at", "reported_by", "period",
                  "reported_by_name")


def record_sources(con: Con, table: str) -> pd.DataFrame:
    """Where each record of `table` came from (``record_sources``; none in a database no import has touched)."""
    if not _has_sources(con):
        return pd.DataFrame({c: pd.Series(dtype="object") for c in SOURCE_COLUMNS})
    return queries.frame(con, "app/record_sources", {"table": table})


def map_villages(con: Con, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
    return queries.frame(con, "app/map_villages", {"year": year, "communes": _communes(communes)})


def site_enterprises(con: Con, site_id: str, year: int) -> pd.DataFrame:
    return queries.frame(con, "app/site_enterprises", {"site_id": site_id, "year": year})


def wastewater_by_commune(con: Con, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
    return queries.frame(con, "app/wastewater_by_commune", {"year": year, "communes": _communes(communes)})


def reported_wastewater(con: Con, communes: Sequence[str] = ()) -> pd.DataFrame:
    """Compliance as the report forms state it (Biểu 02 per cluster, Biểu 04 for the city), by year."""
    return queries.frame(con, "app/reported_wastewater", {"communes": _communes(communes)})


def wastewater_unreported(con: Con, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
    """Operating clusters with neither a sample nor a report form in `year`."""
    return queries.frame(con, "app/wastewater_unreported", {"year": year, "communes": _communes(communes)})


def wastewater_failures(con: Con, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
    return queries.frame(con, "app/wastewater_failures", {"year": year, "communes": _communes(communes)})


def cluster_samples(con: Con, site_id: str) -> pd.DataFrame:
    return queries.frame(con, "app/cluster_samples", {"site_id": site_id})


def wastewater_limits(con: Con) -> pd.DataFrame:
    return queries.frame(con, "app/wastewater_limits")


ACTION_LIST_LIMIT = 1000


def si_by_sector(con: Con, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
    return queries.frame(con, "app/si_by_sector", {"year": year, "communes": _communes(communes)})


def si_by_commune(con: Con, year: int, sector: str | None = None) -> pd.DataFrame:
    return queries.frame(con, "app/si_by_commune", {"year": year, "sector": sector})


def si_by_standard(con: Con, year: int, communes: Sequence[str] = (), sector: str | None = None) -> pd.DataFrame:
    return queries.frame(con, "app/si_by_standard", {"year": year, "communes": _communes(communes), "sector": sector})


def si_by_size(con: Con, year: int, communes: Sequence[str] = (), sector: str | None = None) -> pd.DataFrame:
    return queries.frame(con, "app/si_by_size", {"year": year, "communes": _communes(communes), "sector": sector})


def si_expiring(con: Con, year: int, communes: Sequence[str] = (), sector: str | None = None,
                today: dt.date | None = None, limit: int = ACTION_LIST_LIMIT) -> pd.DataFrame:
    """Certificates expiring in the 12 months after the year's end; `today` (default: the machine's date) counts
    those already lapsed by the day the list is read."""
    return queries.frame(con, "app/si_expiring", {"year": year, "communes": _communes(communes), "sector": sector,
                                                  "today": today or dt.date.today(), "limit": limit})


def si_uncertified(con: Con, year: int, communes: Sequence[str] = (), sector: str | None = None,
                   limit: int = ACTION_LIST_LIMIT) -> pd.DataFrame:
    return queries.frame(con, "app/si_uncertified",
                         {"year": year, "communes": _communes(communes), "sector": sector, "limit": limit})


def named_places(con: Con) -> pd.DataFrame:
    """The real clusters, parks and craft villages by name and commune (for addresses that name one)."""
    return queries.frame(con, "app/named_places", {})


def programme_progress(con: Con, lang: str = "en") -> pd.DataFrame:
    """What has been achieved for each indicator by year, its source in `lang` (en or vi)."""
    return queries.frame(con, "app/programme_progress", {"lang": lang})


def villages_by_craft(con: Con, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
    return queries.frame(con, "app/villages_by_craft", {"year": year, "communes": _communes(communes)})


def villages_by_commune(con: Con, year: int) -> pd.DataFrame:
    return queries.frame(con, "app/villages_by_commune", {"year": year})


def village_search(con: Con, text: str, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
    return queries.frame(con, "app/village_search",
                         {"q": fold(text)[:80], "year": year, "communes": _communes(communes)})


def commune_predecessors(con: Con, communes: Sequence[str]) -> pd.DataFrame:
    return queries.frame(con, "app/commune_predecessors", {"communes": _communes(communes)})


def commune_trends(con: Con, communes: Sequence[str], sector: str | None = None) -> pd.DataFrame:
    """Each of `communes`' compliance and certified share by year (one answer for every commune profiled)."""
    return queries.frame(con, "app/commune_trends", {"communes": _communes(communes), "sector": sector})


PROFILE_FIGURES = (  # (column of map_communes, higher is better) — the figures a commune profile ranks
    ("clusters_count", True), ("compliance_pct", True), ("enterprises_count", True), ("si_enterprises_count", True),
    ("si_certified_pct", True), ("villages_count", True), ("recognised_count", True),
)


# a rate is ranked, and read without a word on its base, only over this many units: the Supporting page's own rule
MIN_BASE = 5
RATE_BASES = {"compliance_pct": "clusters_count", "si_certified_pct": "si_enterprises_count"}


def commune_ranks(con: Con, year: int, sector: str | None = None) -> pd.DataFrame:
    """Every commune's profile figures with its rank among the 126 (1 = highest; ties share a rank) and the
    city value of each figure (sums, or the rate over the whole city)."""
    return ranked(map_communes(con, year, sector))


def ranked(communes: pd.DataFrame) -> pd.DataFrame:
    """`communes` (as map_communes gives them), with each profile figure's rank among the communes that have the
    thing ranked (a new frame): ``{column}_rank`` the first place of its tie and ``{column}_rank_last`` the last (equal
    for a place of its own), none for a commune without it (no cluster, no craft village: a count of 0, or a rate
    with nothing to divide), so that 22 communes at 100 % are tied 1–22 and a commune with no cluster ranks nowhere.
    A rate resting on fewer than MIN_BASE units (66,7 % of 3 enterprises) is not ranked either."""
    df = communes.copy(deep=False)
    for column, _ in PROFILE_FIGURES:
        values = df[column].where(df[column] > 0) if column.endswith("_count") else df[column]
        if column in RATE_BASES:
            values = values.where(df[RATE_BASES[column]] >= MIN_BASE)
        for suffix, method in (("rank", "min"), ("rank_last", "max")):
            df[f"{column}_{suffix}"] = values.rank(ascending=False, method=method, na_option="keep").astype("Int64")
    return df


def activity_years(con: Con) -> tuple[int, int] | None:
    """The first and last year of the promotion activity records, or None without any."""
    first, last = queries.rows(con, "app/activity_years")[0]
    return None if last is None else (int(first), int(last))


def activities_by_year(con: Con, communes: Sequence[str] = ()) -> pd.DataFrame:
    return queries.frame(con, "app/activities_by_year", {"communes": _communes(communes)})


def activities_by_commune(con: Con, year: int) -> pd.DataFrame:
    return queries.frame(con, "app/activities_by_commune", {"year": year})


def activities_list(con: Con, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
    return queries.frame(con, "app/activities_list", {"year": year, "communes": _communes(communes)})
