"""The Overview page, run by AppTest on a database built by the builder."""

import duckdb
import pytest

from industry.core import formats
from tests.conftest import PAGES


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("commune", [None, "00454"])
def test_every_page_runs(app, page, lang, commune):
    params = {"lang": lang} | ({"commune": commune} if commune else {})
    at = app(page, **params)
    assert not at.exception, at.exception
    assert at.title, "the page has a title"


def expected(db, year, communes):
    """The Overview's figures computed straight from the base tables, not from the derived ones."""
    con = duckdb.connect(str(db), read_only=True)
    where = "true" if not communes else "commune_code in (select unnest($c))"
    p = {"y": year} | ({"c": communes} if communes else {})
    clusters = con.execute(f"""select count(*) from sites where kind = 'cluster' and status = 'operating'
                               and opened_year <= $y and {where}""", p).fetchall()[0][0]
    si, certified = con.execute(f"""
        with active as (select enterprise_id from enterprises where supporting_industry and founded_year <= $y
                        and (closed_year is null or closed_year > $y) and {where})
        select count(*), count(*) filter (where enterprise_id in (
            select enterprise_id from certifications where issued_on <= make_date($y, 12, 31)
            and (expires_on is null or expires_on >= make_date($y, 12, 31))))
        from active""", p).fetchall()[0]
    pc = {"c": communes} if communes else {}
    villages = con.execute(f"select count(*) from craft_villages where {where}", pc).fetchall()[0][0]
    recognised = con.execute(f"select count(*) from craft_villages where recognised and recognised_year <= $y "
                             f"and {where}", p).fetchall()[0][0]
    con.close()
    return clusters, si, certified, villages, recognised


@pytest.mark.parametrize("year,communes", [(2021, []), (2025, []), (2024, ["00454", "00577", "09877"])])
def test_overview_figures_equal_an_independent_query(app, demo_db, year, communes):
    clusters, si, certified, villages, recognised = expected(demo_db, year, communes)
    params = {"year": str(year)} | ({"commune": communes} if communes else {})
    at = app("pages/overview.py", **params)
    values = [m.value for m in at.metric]
    assert values[0] == formats.number(clusters, "en")
    assert values[2] == formats.percent(100 * certified / si, "en")
    assert values[3] == formats.number(recognised, "en")
    captions = " ".join(c.value for c in at.caption)
    assert f"of {formats.number(si, 'en')} supporting-industry enterprises" in captions
    assert f"of {formats.number(villages, 'en')} craft villages" in captions


def test_overview_in_vietnamese_formats_numbers(app, demo_db):
    clusters, si, certified, villages, recognised = expected(demo_db, 2025, [])
    at = app("pages/overview.py", lang="vi")
    values = [m.value for m in at.metric]
    assert values[2] == formats.percent(100 * certified / si, "vi") and "," in values[2]
    assert values[3] == formats.number(recognised, "vi")
    assert "trong tổng số 1.350 làng nghề" in " ".join(c.value for c in at.caption)
    assert at.metric[0].label == "Cụm CN đang hoạt động"


def test_compliance_title_states_the_finding(app, demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    counted, compliant = con.execute("select count(*) filter (where counted), count(*) filter (where compliant) "
                                     "from site_year where kind = 'cluster' and year = 2025").fetchall()[0]
    con.close()
    at = app("pages/overview.py")
    headings = [m.value for m in at.markdown if m.value.startswith("####")]
    rate = formats.percent(100 * compliant / counted, "en")
    assert f"#### Compliance reached {rate} in 2025; {counted - compliant} clusters still short of the 100% target" \
        in headings


def test_sector_filter_changes_enterprise_figures_only(app):
    everything = [m.value for m in app("pages/overview.py").metric]
    pharma = [m.value for m in app("pages/overview.py", sector="pharmaceuticals").metric]
    assert pharma[0] == everything[0] and pharma[3] == everything[3]
    assert pharma[2] != everything[2]


def test_a_commune_without_clusters_shows_a_dash_not_an_error(app, con):
    code = con.execute("select min(code) from communes where code not in "
                       "(select commune_code from sites where kind = 'cluster')").fetchall()[0][0]
    at = app("pages/overview.py", commune=code)
    assert not at.exception
    assert [m.value for m in at.metric][:2] == ["0", "–"]


def test_downloads_are_offered_beside_every_chart(app):
    at = app("pages/overview.py")
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("CSV") == 2 and labels.count("Excel") == 2


def test_every_year_is_present_even_with_nothing_in_scope(demo_db):
    from industry.data import metrics

    con = duckdb.connect(str(demo_db), read_only=True)
    empty = con.execute("select min(code) from communes where code not in (select commune_code from enterprises "
                        "where supporting_industry)").fetchall()[0][0]
    for frame in (metrics.clusters_by_year(con, [empty]), metrics.enterprises_by_year(con, [empty], "other"),
                  metrics.villages_by_year(con, [empty])):
        assert list(frame["year"]) == list(range(2018, 2026))
    con.close()


def test_a_communes_certified_share_is_set_beside_the_citys_share_target_not_its_enterprise_count(app):
    city = " ".join(c.value for c in app("pages/overview.py").caption)
    assert "of about 1,200 by 2030" in city
    commune = " ".join(c.value for c in app("pages/overview.py", commune="00577").caption)
    assert "the city's targets: more than 40% by 2030" in commune and "1,200" not in commune
