"""The builder: a database on Hà Nội's real 2025 geography, consistent, reproducible, calibrated."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import duckdb
import pytest
from shapely.geometry import Point, shape

from industry.data import queries
from industry.data.build import DERIVED_TABLES as BUILT
from industry.data.build import PAGE_MARTS, build
from tests import independent
from tests.conftest import ROOT

BASE_TABLES = (
    "communes", "commune_predecessors", "sectors", "sites", "wastewater_plants", "wastewater_limits",
    "wastewater_samples", "craft_villages", "enterprises", "certifications", "programme_targets",
    "programme_progress", "dataset_info",
)
DERIVED_TABLES = BUILT + tuple(name for name, _ in PAGE_MARTS)


def scalar(con, sql, params=None):
    return con.execute(sql, params or {}).fetchall()[0][0]


def test_exactly_the_126_communes_with_unique_codes(con):
    assert scalar(con, "select count(*) from communes") == 126
    assert scalar(con, "select count(distinct code) from communes") == 126
    assert con.execute("select kind, count(*) from communes group by kind order by kind").fetchall() == [
        ("phường", 51), ("xã", 75)]
    assert scalar(con, "select count(*) from communes where not regexp_full_match(code, '[0-9]{5}')") == 0
    # names that users search for
    names = {r[0] for r in con.execute("select name_vi from communes").fetchall()}
    assert {"Đông Anh", "Bát Tràng", "Ba Đình", "Hoà Lạc"} <= names


def test_commune_geometry_is_valid_geojson_and_contains_its_point(con):
    for code, lon, lat, full, simple in con.execute(
        "select code, lon, lat, geometry, geometry_simplified from communes"
    ).fetchall():
        polygon = shape(json.loads(full))
        assert polygon.is_valid, code
        assert polygon.covers(Point(lon, lat)), code
        simplified = shape(json.loads(simple))
        assert simplified.area == pytest.approx(polygon.area, rel=0.05), code


def test_conversion_table_is_complete(con):
    assert scalar(con, "select count(*) from commune_predecessors") == 795
    assert scalar(con, "select count(*) from commune_predecessors where code not in (select code from communes)") == 0
    assert scalar(con, "select count(distinct code) from commune_predecessors") == 126


@pytest.mark.parametrize("db", ["demo_db", "large_db"])
def test_referential_integrity(db, request):
    con = duckdb.connect(str(request.getfixturevalue(db)), read_only=True)
    checks = {
        "site commune": "select count(*) from sites where commune_code not in (select code from communes)",
        "village commune": "select count(*) from craft_villages where commune_code not in (select code from communes)",
        "sample site": "select count(*) from wastewater_samples where site_id not in (select site_id from sites)",
        "plant site": "select count(*) from wastewater_plants where site_id not in (select site_id from sites)",
        "plant standard": "select count(*) from wastewater_plants where standard not in "
                          "(select standard from wastewater_limits)",
        "enterprise commune": "select count(*) from enterprises where commune_code not in (select code from communes)",
        "enterprise site": "select count(*) from enterprises where site_id is not null "
                           "and site_id not in (select site_id from sites)",
        "enterprise site in its commune": "select count(*) from enterprises e join sites s using (site_id) "
                                          "where e.commune_code <> s.commune_code",
        "enterprise sector": "select count(*) from enterprises where sector not in (select sector from sectors)",
        "certificate enterprise": "select count(*) from certifications where enterprise_id not in "
                                  "(select enterprise_id from enterprises)",
        "certificate dates": "select count(*) from certifications where expires_on < issued_on",
        "closed after founded": "select count(*) from enterprises where closed_year < founded_year",
        "operating site has a year": "select count(*) from sites where status = 'operating' and opened_year is null",
        "only operating sites have a year": "select count(*) from sites where status <> 'operating' "
                                            "and opened_year is not null",
        "plant not before the site": "select count(*) from wastewater_plants p join sites s using (site_id) "
                                     "where p.commissioned_year < s.opened_year",
        "sample unit matches the limit": "select count(*) from wastewater_samples s join wastewater_plants p using "
                                         "(site_id) join wastewater_limits l on l.standard = p.standard and "
                                         "l.parameter = s.parameter where coalesce(l.unit, '') <> coalesce(s.unit, '')",
        "facts add up": "select abs((select count(*) from enterprises where founded_year <= 2025 and "
                        "(closed_year is null or closed_year > 2025)) - (select sum(enterprises_count) "
                        "from enterprise_year where year = 2025))",
    }
    failures = {name: n for name, sql in checks.items() if (n := scalar(con, sql))}
    con.close()
    assert failures == {}


def test_every_site_and_village_lies_inside_its_commune(con):
    polygons = {code: shape(json.loads(g)) for code, g in con.execute("select code, geometry from communes").fetchall()}
    outside = []
    for table, key in (("sites", "site_id"), ("craft_villages", "village_id")):
        for ident, code, lon, lat in con.execute(f"select {key}, commune_code, lon, lat from {table}").fetchall():
            if not polygons[code].covers(Point(lon, lat)):
                outside.append((table, ident))
    assert outside == []


def test_named_places_are_real_and_flagged_apart_from_synthetic_ones(con):
    assert scalar(con, "select count(*) from sites where not is_demo") == 85
    assert scalar(con, "select count(*) from craft_villages where not is_demo") == 58
    assert scalar(con, "select count(*) from sites where is_demo and imputed is not null") == 0
    assert scalar(con, "select count(*) from sites where not is_demo and imputed is null") == 0
    assert scalar(con, "select count(*) from sites where source is null or source = ''") == 0
    # Bát Tràng ceramics lies in the new Xã Bát Tràng
    assert scalar(con, "select commune_code from craft_villages where name_vi = 'Làng gốm Bát Tràng'") == "00577"
    assert scalar(con, "select is_demo from enterprises limit 1") is True
    assert scalar(con, "select value from dataset_info where key = 'kind'") == "demo"


def test_limits_are_the_published_values(con):
    rows = dict(((s, p), (lo, hi)) for s, p, lo, hi in con.execute(
        "select standard, parameter, min_value, max_value from wastewater_limits").fetchall())
    assert rows[("QCVN 40:2011/BTNMT B", "COD")] == (None, 150)
    assert rows[("QCVN 40:2011/BTNMT A", "COD")] == (None, 75)
    assert rows[("QCVN 40:2011/BTNMT B", "pH")] == (5.5, 9)
    assert rows[("QCVN 40:2011/BTNMT B", "ammonium_n")] == (None, 10)


def test_compliance_follows_the_definition(con, demo_db):
    """Recompute compliance in Python from raw tables and compare with site_year."""
    for year in (2019, 2025):
        expected = independent.compliance(demo_db, year)
        got = con.execute(
            "select count(*) filter (where counted), count(*) filter (where compliant) from site_year "
            "where kind = 'cluster' and year = $y", {"y": year}).fetchall()[0]
        assert got == (len(expected["counted"]), len(expected["compliant"])), year


def test_enterprises_per_site_and_year_follow_the_definition(con):
    for year in (2018, 2022, 2025):
        expected = dict(con.execute("""select site_id, count(*) from enterprises where site_id is not null
            and founded_year <= $y and (closed_year is null or closed_year > $y) group by site_id""",
                                    {"y": year}).fetchall())
        got = dict(con.execute("select site_id, enterprises_count from site_year where year = $y and enterprises_count > 0",
                               {"y": year}).fetchall())
        assert got == expected and len(got) > 10


def test_certified_share_follows_the_definition(con):
    year = 2024
    dec31 = dt.date(year, 12, 31)
    active = {e for e, f, c in con.execute(
        "select enterprise_id, founded_year, closed_year from enterprises where supporting_industry").fetchall()
        if f <= year and (c is None or c > year)}
    certified = {e for e, i, x in con.execute(
        "select enterprise_id, issued_on, expires_on from certifications").fetchall()
        if e in active and i <= dec31 and (x is None or x >= dec31)}
    got = con.execute("select sum(si_enterprises_count), sum(si_certified_count) from enterprise_year where year = $y",
                      {"y": year}).fetchall()[0]
    assert got == (len(active), len(certified))


def test_totals_within_published_ranges(con):
    operating = dict(con.execute(
        "select year, count(*) filter (where counted) from site_year where kind = 'cluster' group by year").fetchall())
    assert 65 <= operating[2019] <= 75  # 70 operating clusters in June 2019
    assert 70 <= operating[2025] <= 85
    with_plant_2019 = scalar(con, "select count(*) from site_year where kind = 'cluster' and year = 2019 and counted and has_plant")
    assert 18 <= with_plant_2019 <= 24  # 21 of 70 had a central plant in 2019
    planned_total = scalar(con, "select count(*) from sites where kind = 'cluster'")
    assert 150 <= planned_total <= 165  # 159 clusters in the plan to 2030
    villages, recognised = con.execute(
        "select count(*), count(*) filter (where recognised) from craft_villages").fetchall()[0]
    assert 1300 <= villages <= 1400  # about 1,350
    assert 320 <= recognised <= 345  # 334 (2024) … 337 (March 2026)
    si_2025 = scalar(con, "select sum(si_enterprises_count) from enterprise_year where year = 2025")
    assert 900 <= si_2025 <= 1100  # about 1,000 supporting-industry enterprises
    total_2025 = scalar(con, "select sum(enterprises_count) from enterprise_year where year = 2025")
    assert 3000 <= total_2025 <= 10_000  # several thousand enterprises


def test_histories_rise_but_fall_short_of_targets(con):
    rate = dict(con.execute(
        "select year, value from programme_progress where indicator = 'wastewater_compliance_rate'").fetchall())
    share = dict(con.execute(
        "select year, value from programme_progress where indicator = 'si_international_standard_share'").fetchall())
    assert sorted(rate) == list(range(2018, 2026))
    assert rate[2025] > rate[2018] + 20 and rate[2025] < 100
    assert share[2025] > share[2018] and share[2025] < 40
    # some communes far behind others
    spread = con.execute("""
        select max(r) - min(r) from (
            select commune_code, avg(compliant::int) as r from site_year where kind = 'cluster' and year = 2025 and counted
            group by commune_code having count(*) >= 2)""").fetchall()[0][0]
    assert spread >= 0.5
    # a few clusters fail on the same parameter for several years
    chronic = scalar(con, """
        select count(*) from (select site_id from site_year where status = 'not_compliant'
                              group by site_id having count(*) >= 3)""")
    assert chronic >= 2


def table_contents(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for table in BASE_TABLES + DERIVED_TABLES:
            query = f"select * from {table}" + (" where key <> 'built_at'" if table == "dataset_info" else "")
            out[table] = con.execute(query).fetchall()
        return out
    finally:
        con.close()


def test_same_seed_gives_identical_contents(tmp_path):
    a = build(tmp_path / "a.duckdb", seed=7, enterprises=3000, quiet=True)
    b = build(tmp_path / "b.duckdb", seed=7, enterprises=3000, quiet=True)
    c = build(tmp_path / "c.duckdb", seed=8, enterprises=3000, quiet=True)
    contents_a, contents_b, contents_c = table_contents(a), table_contents(b), table_contents(c)
    assert contents_a == contents_b
    assert contents_a["communes"] == contents_c["communes"]  # real geography does not depend on the seed
    assert contents_a["enterprises"] != contents_c["enterprises"]
    assert contents_a["wastewater_samples"] != contents_c["wastewater_samples"]


def test_large_build_is_consistent(large_db):
    con = duckdb.connect(str(large_db), read_only=True)
    assert scalar(con, "select count(*) from enterprises") == 100_000
    assert scalar(con, "select count(distinct enterprise_id) from enterprises") == 100_000
    assert scalar(con, "select value from dataset_info where key = 'enterprises'") == "100000"
    share = scalar(con, "select value from programme_progress where indicator = 'si_international_standard_share' "
                        "and year = 2025")
    assert 15 < share < 40
    con.close()


def test_cli_writes_the_file_with_a_progress_line_per_table(tmp_path):
    out = tmp_path / "cli.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "industry.build", "--out", str(out), "--seed", "3", "--enterprises", "500"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    for table in BASE_TABLES + DERIVED_TABLES:
        assert f"  {table} " in result.stderr
    assert not list(tmp_path.glob(".*building*"))  # no temporary file left behind


def test_cli_rejects_bad_arguments(tmp_path):
    result = subprocess.run([sys.executable, "-m", "industry.build", "--enterprises", "0", "--out",
                             str(tmp_path / "x.duckdb")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "--enterprises must be at least 1" in result.stderr
    assert "Traceback" not in result.stderr


def test_calibration_reads_the_published_figures():
    from industry.data import demo
    from industry.data.reference import Reference

    cal = demo.calibration(Reference())
    assert (cal["operating_clusters_2015"], cal["operating_clusters_2019"]) == (42, 70)
    assert (cal["clusters_with_plant_2015"], cal["clusters_with_plant_2019"]) == (7, 21)
    assert (cal["planned_clusters_2030"], cal["under_construction_clusters"], cal["craft_villages"]) == (159, 26, 1350)


ORDER_NOTE = re.compile(r"-- no order by: the rows keep (\w+)'s order \(([^)]*)\)")


@pytest.mark.parametrize("name", [n for n in queries.names() if ORDER_NOTE.search(queries.sql(n))])
def test_a_query_without_order_by_keeps_the_order_its_page_shows(con, name):
    """An app query over a page mart has no order by: the mart is stored in the page's order and DuckDB keeps a
    table's row order through where and select. The rows must come in that order for any filters."""
    text = queries.sql(name)
    keys = ORDER_NOTE.search(text).group(2)
    assert "\norder by" not in text
    communes = [r[0] for r in con.execute("select code from communes order by code desc limit 40").fetchall()]
    for year, chosen in ((2025, []), (2023, communes), (2022, communes[:5])):
        params = {"year": year, "communes": chosen, "sector": None, "lang": "vi"}
        params = {k: v for k, v in params.items() if f"${k}" in text}
        got = con.execute(text, params).df()
        assert len(got) > 1 or chosen, "the whole city has rows to order"
        expected = con.execute(f"select * from ({text}) order by {keys}", params).df()
        columns = [k.split()[0] for k in keys.split(",")]
        assert got[columns].equals(expected[columns]), f"{name} {params}"


def test_a_published_recognition_is_kept_with_its_year_and_illustrative_figures_say_so(demo_db, app):
    """Bát Tràng's pottery village: "Làng nghề truyền thống Hà Nội năm 2009" as published (not a guessed year), and
    its households, made for the demonstration, are said to be illustrative where the pages list it."""
    with duckdb.connect(str(demo_db), read_only=True) as con:
        rows = con.execute("""select name_vi, recognised, recognised_year, imputed, source from craft_villages
                              where name_vi in ('Làng gốm Bát Tràng', 'Làng gốm Giang Cao') order by name_vi""").fetchall()
        ranked = dict(con.execute("""select commune_code, count(*) from craft_villages
                                     where recognised and recognised_year <= 2025 group by all""").fetchall())
    assert [(n, r, y) for n, r, y, _i, _s in rows] == [("Làng gốm Bát Tràng", True, 2009), ("Làng gốm Giang Cao", True, 2009)]
    assert all("recognised_year" not in (i or "") and "households" in i and "vietnamplus" in s for *_x, i, s in rows)
    assert ranked["00577"] >= 2
    at = app("pages/commune.py", lang="vi", commune="00577", year="2025")
    villages = at.dataframe[-1].value
    row = villages[villages["Tên"] == "Làng gốm Bát Tràng"].iloc[0]
    assert row.iloc[3] == "có" and row.iloc[-1] == "Không; số hộ, lao động là minh hoạ", row.to_dict()
