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
    headings = [m.value.split("\n\n")[0] for m in at.markdown if m.value.startswith("####")]
    rate = formats.percent(100 * compliant / counted, "en")
    assert f"#### Compliance reached {rate} in 2025; {counted - compliant} clusters not compliant, against a target of 100%" \
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


KPI_COLUMNS = (("clusters", "clusters_count", 0), ("clusters", "compliance_pct", 1),
               ("enterprises", "si_certified_pct", 1), ("villages", "recognised_count", 0))


def expected_changes(con, communes: list[str], year: int) -> list[tuple[str, str] | None]:
    """Each Overview card's (arrow, colour) from the numbers: the way the value went once rounded as shown, green
    for up and red for down (every card's value is better higher), none when either year has no value."""
    from industry.data import metrics

    frames = {"clusters": metrics.clusters_by_year(con, communes),
              "enterprises": metrics.enterprises_by_year(con, communes), "villages": metrics.villages_by_year(con, communes)}
    out = []
    for frame, column, digits in KPI_COLUMNS:
        values = frames[frame].set_index("year")[column]
        now, before = values.get(year), values.get(year - 1)
        if now is None or before is None or now != now or before != before:
            out.append(None)
            continue
        shown = round(float(now) - float(before), digits)
        out.append(("UP", "GREEN") if shown > 0 else ("DOWN", "RED") if shown < 0 else ("NONE", "GRAY"))
    return out


def shown_changes(at) -> list[tuple[str, str] | None]:
    from streamlit.proto.Metric_pb2 import Metric

    return [None if not m.proto.delta else (Metric.MetricDirection.Name(m.proto.direction),
                                            Metric.MetricColor.Name(m.proto.color)) for m in at.metric]


def test_every_change_points_and_is_coloured_the_way_it_went(app, con):
    """The city in every year and every commune in a year of its own: a fall shows a red arrow down, a rise a
    green arrow up, no change neither (the change's text has a typographic minus, which st.metric reads as +)."""
    first, last = con.execute("select min(year), max(year) from years").fetchone()
    codes = [c for (c,) in con.execute("select code from communes order by code").fetchall()]
    at = app()  # the home page: switch_page("pages/overview.py") would name the hidden /overview, a redirect
    scopes = [([], year) for year in range(first + 1, last + 1)]
    scopes += [([code], first + 1 + i % (last - first)) for i, code in enumerate(codes)]
    falls = 0
    for communes, year in scopes:
        at.multiselect(key="commune").set_value(communes)
        at.selectbox(key="year").set_value(year)
        at.run()
        assert not at.exception
        want = expected_changes(con, communes, year)
        assert shown_changes(at) == want, (communes, year)
        falls += sum(1 for w in want if w and w[0] == "DOWN")
    assert falls >= 10  # the data has falls to show


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_fall_in_the_certified_share_is_a_red_arrow_down(app, lang):
    at = app("pages/overview.py", commune="00577", year="2025", lang=lang)  # Xã Bát Tràng: 37.5 % → 33.3 %
    certified = at.metric[2]
    assert certified.proto.delta.startswith("−")
    assert shown_changes(at)[2] == ("DOWN", "RED")


def test_a_change_is_read_from_its_value_not_its_text():
    assert formats.change(33.3, 37.5, "vi", in_points=True) == formats.Change("−4,2 điểm %", "down", False)
    assert formats.change(2, 1, "en") == formats.Change("+1", "up", True)
    assert formats.change(50.04, 50.0, "en", in_points=True) == formats.Change("±0.0 pp", "none", None)
    assert formats.change(49.96, 50.0, "en", in_points=True).text == "±0.0 pp"  # never "−0.0"
    cpi = formats.change(3.1, 3.6, "en", in_points=True, higher_is_better=False)  # consumer prices: a fall is good
    assert (cpi.arrow, cpi.colour) == ("down", "green")
    assert formats.change(None, 3, "en") is None and formats.change(3, float("nan"), "en") is None
    neither = formats.change(5, 3, "en", higher_is_better=None)
    assert (neither.arrow, neither.colour) == ("up", "gray")
