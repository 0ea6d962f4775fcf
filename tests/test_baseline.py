"""The benchmark's pandas baseline computes the same figures as the pages' DuckDB queries, so that the
benchmark compares equal work: every call of every page, for every filter set the benchmark uses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from industry.data import metrics
from industry.tools import baseline, bench

# the columns that identify a row of each figure (rows are compared in this order)
KEYS = {
    "clusters_by_year": ["year"], "enterprises_by_year": ["year"], "villages_by_year": ["year"],
    "targets": ["target_id"], "programme_progress": ["indicator", "year"], "map_communes": ["code"], "commune_shapes": ["code"],
    "commune_ranks": ["code"], "map_sites": ["site_id"], "map_villages": ["village_id"],
    "wastewater_by_commune": ["commune_code"], "wastewater_failures": ["site_id", "parameter"],
    "wastewater_limits": ["standard", "parameter", "valid_from"], "si_by_sector": ["sector"], "si_by_size": ["size"],
    "si_by_commune": ["commune_code"], "si_by_standard": ["standard"],
    "si_expiring": ["expires_on", "name", "enterprise_id", "standard"], "si_uncertified": ["enterprise_id"],
    "villages_by_craft": ["craft"], "villages_by_commune": ["commune_code"], "activities_by_year": ["year", "kind"],
    "activities_by_commune": ["code"], "activities_list": ["activity_id"],
    "commune_predecessors": ["code", "old_district", "old_name", "old_code"], "commune_trends": ["commune_code", "year"],
}
# figures compared in full: every numeric column of the DuckDB result must be in the baseline and equal
SKIP = {"programme_progress"}  # the baseline recomputes only the derived indicators (checked below)


def same(name: str, duck: pd.DataFrame, naive: pd.DataFrame) -> None:
    keys = KEYS[name]
    assert len(duck) == len(naive), f"{name}: {len(duck)} rows from DuckDB, {len(naive)} in pandas"
    if duck.empty:
        return
    d = duck.sort_values(keys, na_position="last").reset_index(drop=True)
    n = naive.sort_values(keys, na_position="last").reset_index(drop=True)
    for column in d.columns:
        if column == "geometry_simplified":
            continue
        assert column in n.columns, f"{name}: {column} missing from the baseline"
        a, b = d[column], n[column]
        if pd.api.types.is_datetime64_any_dtype(a) or pd.api.types.is_datetime64_any_dtype(b):
            a, b = pd.to_datetime(a).astype("datetime64[ns]"), pd.to_datetime(b).astype("datetime64[ns]")
            assert a.equals(b), f"{name}.{column}"
        elif pd.api.types.is_numeric_dtype(a) or pd.api.types.is_bool_dtype(a):
            x = pd.to_numeric(a, errors="coerce").astype(float).to_numpy()
            y = pd.to_numeric(b, errors="coerce").astype(float).to_numpy()
            assert np.allclose(x, y, equal_nan=True, atol=1e-6), f"{name}.{column}: {x[:8]} != {y[:8]}"
        else:
            assert a.fillna("").astype(str).tolist() == b.fillna("").astype(str).tolist(), f"{name}.{column}"


@pytest.fixture(scope="module")
def stress(tmp_path_factory):
    import duckdb

    from industry.data.build import build

    db = build(tmp_path_factory.mktemp("baseline") / "stress.duckdb", enterprises=20_000, quiet=True)
    con = duckdb.connect(str(db), read_only=True)
    yield con, baseline.Tables(con)
    con.close()


@pytest.mark.parametrize("page", bench.PAGES)
def test_baseline_computes_the_page_figures(stress, page):
    con, tables = stress
    for filters in bench.filter_sets(con).values():
        run = baseline.Run(tables)
        for name, args in bench.page_calls(page, filters):
            if name not in SKIP:
                same(name, getattr(metrics, name)(con, *args), getattr(run, name)(*args))


def test_baseline_programme_progress(stress):
    con, tables = stress
    duck = metrics.programme_progress(con)
    naive = baseline.Run(tables).programme_progress()
    derived = duck[duck["indicator"].isin(naive["indicator"].unique())]
    same("programme_progress", derived[["indicator", "year", "value"]], naive)


def test_every_page_asks_something(stress):
    con, _ = stress
    five = bench.filter_sets(con)["five communes"]
    assert all(bench.page_calls(page, five) for page in bench.PAGES)
    assert bench.page_calls("commune", {}) == []  # the profile asks nothing until a commune is chosen
