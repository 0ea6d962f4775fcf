"""Every SQL statement lives in queries/, lowercase, in named CTEs, with bound parameters only."""

import datetime as dt
import itertools
import re

import duckdb
import pandas as pd
import pytest

from industry.data import queries
from tests.conftest import ROOT

ALL = queries.names()
DDL_OR_LOAD = {"build/create_tables", "build/load_enterprises", "build/progress_clear_derived",
               "error_reports/create", "error_reports/insert", "error_reports/log", "error_reports/set_status"}


def test_there_are_queries():
    assert "build/create_tables" in ALL and "app/dataset_info" in ALL


@pytest.mark.parametrize("name", ALL)
def test_query_style(name):
    text = queries.sql(name)
    assert text.startswith(f"-- {name.split('/')[-1]}:"), "first line names the query and says what it does"
    code = "\n".join(line.split("--")[0] for line in text.splitlines())
    assert "{" not in code and "%s" not in code, "parameters are bound ($name), never formatted in"
    assert not re.search(r"\b(SELECT|FROM|WHERE|WITH|JOIN|GROUP BY|ORDER BY)\b", code), "lowercase SQL"
    if name not in DDL_OR_LOAD:
        assert re.search(r"\bfinal as \(", code) and re.search(r"select \* from final|from final\b", code)


def test_unknown_or_escaping_names_are_refused():
    for bad in ("nope", "../README", "/etc/passwd", ""):
        with pytest.raises(queries.UnknownQuery):
            queries.sql(bad)


def test_no_sql_outside_queries():
    pattern = re.compile(r"[\"'](select|insert|create|update|delete|with)\s", re.IGNORECASE)
    offenders = []
    for path in list((ROOT / "industry").rglob("*.py")) + list((ROOT / "pages").rglob("*.py")) + [ROOT / "dashboard.py"]:
        if path.exists() and pattern.search(path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# queries.frame builds its frames from DuckDB's NumPy arrays: they must be the frames DuckDB's .df() gives.

def _parameters(text: str) -> list[str]:
    return sorted(set(re.findall(r"\$([a-z_]+)", "\n".join(line.split("--")[0] for line in text.splitlines()))))


@pytest.fixture(scope="module")
def grid(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    codes = [r[0] for r in con.execute("select code from communes order by code").fetchall()]
    sector = con.execute("select min(sector) from enterprises").fetchone()[0]
    sites = [r[0] for r in con.execute("select site_id from sites order by site_id limit 2").fetchall()]
    con.close()
    return {"communes": [[], codes[:1], codes[:5], ["nope"], codes], "year": [2012, 2019, 2025, 2031],
            "sector": [None, sector, "nope"], "lang": ["en", "vi"], "limit": [0, 3, 1000],
            "q": ["dong anh", "", "zzz", "làng"], "site_id": [*sites, "nope"],
            "today": [dt.date(2020, 1, 1), dt.date(2026, 12, 2)], "table": ["sites", "craft_villages", "nope"]}


@pytest.mark.parametrize("name", [n for n in ALL if n.startswith("app/")])
def test_frame_is_the_frame_duckdb_gives(name, con, grid):
    text = queries.sql(name)
    keys = _parameters(text)
    for values in itertools.product(*(grid[k] for k in keys)):
        params = dict(zip(keys, values, strict=True))
        pd.testing.assert_frame_equal(queries.frame(con, name, params), con.execute(text, params).df(),
                                      check_exact=True, obj=f"{name} {params}")


TYPED = """
    select * from (values
        ('a', true, 1::tinyint, 2::smallint, 3, 4::bigint, 1.5::float, 2.5::double, date '2025-07-01', timestamp '2025-07-01 08:30'),
        (null, null, null, null, null, null, null, null, null, null),
        ('đ', false, -1::tinyint, -2::smallint, -3, -4::bigint, -1.5::float, -2.5::double, date '1999-12-31', timestamp '1999-12-31 23:59')
    ) as t(txt, flag, tiny, small, int, big, real, dbl, day, moment)
"""


@pytest.mark.parametrize("where", ["", "where txt is not null", "where txt is null", "where false",
                                   "where txt = 'a' or txt is null"])
def test_frame_matches_duckdb_for_each_type_it_builds_with_and_without_nulls(where):
    con = duckdb.connect()
    assert {str(d[1]) for d in con.execute(TYPED).description} == queries.ARRAY_TYPES  # none left to .df()
    got = queries.dataframe(con.execute(f"select * from ({TYPED}) {where}"))
    pd.testing.assert_frame_equal(got, con.execute(f"select * from ({TYPED}) {where}").df(), check_exact=True)


def test_frame_leaves_other_types_and_repeated_names_to_duckdb():
    con = duckdb.connect()
    for text in ("select [1, 2] as l, 1.25::decimal(5, 2) as d, null::int as n",
                 "select 1 as a, 2 as a", "select {'k': 1} as s, interval 1 day as i"):
        described = con.execute(text).description
        names, kinds = [d[0] for d in described], {str(d[1]) for d in described}
        assert len(set(names)) < len(names) or not kinds <= queries.ARRAY_TYPES  # what .df() is left to
        pd.testing.assert_frame_equal(queries.dataframe(con.execute(text)), con.execute(text).df())


@pytest.mark.parametrize("name", [n for n in ALL if n.startswith("app/")])
def test_the_commune_filter_is_a_list_position(name):
    """DuckDB plans `list_contains($communes, commune_code)` as an IN list, a hash join against the list, which cost
    the pages 20–45 % of their figures' time with communes chosen (at 1,000,000 enterprises); `list_position(...) is
    not null` is a filter on the scan and keeps the same rows."""
    text = queries.sql(name)
    assert "list_contains($communes" not in text
    if "$communes" in text:
        assert "list_position($communes::varchar[], " in text
