"""The Wastewater page: its figures equal an independent computation, and its edge cases behave."""

import shutil

import duckdb
import pytest

from industry.core import formats
from industry.data.build import Progress, build_marts
from tests import independent
from tests.conftest import open_cards


def markdown(at):
    return [m.value for m in at.markdown]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_page_runs_in_both_languages(app, lang):
    at = app("pages/wastewater.py", lang=lang)
    assert not at.exception
    assert at.title[0].value == ("Wastewater" if lang == "en" else "Nước thải")


def names(db, ids):
    con = duckdb.connect(str(db), read_only=True)
    out = {r[0] for r in con.execute("select name_en from sites where site_id in (select unnest($i))",
                                     {"i": sorted(ids)}).fetchall()}
    con.close()
    return out


@pytest.mark.parametrize("year,communes", [(2020, []), (2025, []), (2024, ["00376", "10441", "09664", "10180"])])
def test_figures_equal_an_independent_computation(app, demo_db, year, communes):
    expected = independent.compliance(demo_db, year, communes)
    params = {"year": str(year)} | ({"commune": communes} if communes else {})
    at = app("pages/wastewater.py", **params)
    assert not at.exception
    counted, compliant = len(expected["counted"]), len(expected["compliant"])
    values = [m.value for m in at.metric]
    assert values == [formats.percent(100 * compliant / counted, "en"), str(counted),
                      str(counted - len(expected["no_plant"])), str(compliant), str(counted - compliant)]
    failures = at.dataframe[0].value  # tables: failures, no plant, limits
    assert set(failures["Name"]) == names(demo_db, expected["failing"])
    at = open_cards(at, "ww_no_plant")  # the list of clusters without a plant is folded until opened
    assert not at.exception
    no_plant = at.dataframe[1].value
    assert set(no_plant["Name"]) == names(demo_db, expected["no_plant"])


@pytest.fixture()
def edited_db(demo_db, tmp_path):
    """A copy of the demo database with hand-made edge cases, its derived tables rebuilt by the builder."""
    path = tmp_path / "edited.duckdb"
    shutil.copy(demo_db, path)
    con = duckdb.connect(str(path))
    ok = [r[0] for r in con.execute(
        "select site_id from site_year where kind = 'cluster' and year = 2025 and compliant order by site_id"
    ).fetchall()]
    no_data, low_ph = ok[0], ok[1]
    con.execute("delete from wastewater_samples where site_id = $s and year(sampled_on) = 2025", {"s": no_data})
    con.execute("insert into wastewater_samples values ($s, date '2025-06-15', 'pH', 4.2, null, null, true)",
                {"s": low_ph})
    build_marts(con, Progress(quiet=True), 2018, 2025, is_demo=True)
    con.close()
    return path, no_data, low_ph


def test_no_sample_and_low_ph_are_not_compliant(app, monkeypatch, edited_db):
    path, no_data, low_ph = edited_db
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    con = duckdb.connect(str(path), read_only=True)
    status = dict(con.execute("select site_id, status from site_year where year = 2025 and site_id in ($a, $b)",
                              {"a": no_data, "b": low_ph}).fetchall())
    derived = con.execute("select count(*) from programme_progress where indicator = 'wastewater_compliance_rate' "
                          "and year = 2025").fetchall()[0][0]
    con.close()
    assert status == {no_data: "no_data", low_ph: "not_compliant"}
    assert derived == 1  # rebuilding the derived tables does not duplicate them
    at = app("pages/wastewater.py", year="2025")
    assert not at.exception
    failures = at.dataframe[0].value
    by_name = {n: p for n, p in zip(failures["Name"], failures["Parameter"], strict=True)}
    assert "no sample in the year" in by_name.values()
    assert "pH" in by_name.values()


def test_a_filter_with_no_clusters_shows_a_clear_empty_state(app, con):
    code = con.execute("select min(code) from communes where code not in "
                       "(select commune_code from sites where kind = 'cluster')").fetchall()[0][0]
    at = app("pages/wastewater.py", commune=code)
    assert not at.exception
    assert at.subheader[0].value.startswith("No operating industrial cluster in")
    assert any("nothing to measure" in w.value for w in at.warning)
    assert len(at.metric) == 0


def test_limits_table_and_drill_down(app):
    at = open_cards(app("pages/wastewater.py"), "ww_limits")
    limits = at.dataframe[-1].value
    assert set(limits["Standard"]) <= {"QCVN 40:2011/BTNMT A", "QCVN 40:2011/BTNMT B"}
    assert len(limits) > 20
    drill = [m for m in markdown(at) if "measurements outside the limits" in m]
    assert drill, "the drill-down opens on a failing cluster"
    assert at.get("plotly_chart")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_long_lists_are_their_findings_until_opened_and_then_their_tables(app, lang):
    """The lists below the charts (no plant, not reported, the limits) are one line each, the finding, until a
    reader opens one: then its table, its unit and source, its downloads and its report button are drawn."""
    at = app("pages/wastewater.py", lang=lang)
    folded = {e.label: e for e in at.expander}
    assert len(folded) >= 3 and not any("{" in label for label in folded)
    tables, downloads = len(at.dataframe), len(at.get("download_button"))
    opened = open_cards(at, "ww_no_plant", "ww_unreported", "ww_limits")
    assert not opened.exception
    assert len(opened.dataframe) == tables + 3
    assert len(opened.get("download_button")) == downloads + 6
    assert {e.label for e in opened.expander} == set(folded)  # the same findings, now open


def test_a_list_opened_stays_open_when_the_filters_change_its_finding(app):
    """Streamlit takes an expander whose label changed for a new one, closed: a list a reader opened stays open when
    a commune picked changes its finding, and one closed stays closed."""
    def no_plant(at):
        [label] = [e.label for e in at.expander if "treatment plant" in e.label]
        return label, len(at.get("download_button"))

    at = open_cards(app("pages/wastewater.py", year="2025"), "ww_no_plant")
    label, opened = no_plant(at)
    at = at.multiselect(key="commune").set_value(["00376"]).run()  # Xã Sóc Sơn picked: another count of them
    assert not at.exception
    assert no_plant(at) != (label, opened) and no_plant(at)[1] == opened  # another finding, the list still open
    at.session_state["card_ww_no_plant"] = False  # closed by its reader
    at.run()
    closed = no_plant(at)[1]
    assert closed == opened - 2
    at = at.multiselect(key="commune").set_value([]).run()  # the whole city again: its finding again
    assert no_plant(at) == (label, closed)


@pytest.mark.parametrize(("lang", "expected"), [("en", "Ammonium (as N) (mg/l)"), ("vi", "Amoni (tính theo N) (mg/l)")])
def test_parameters_are_named_in_the_readers_language_never_by_code(app, demo_db, lang, expected):
    from industry.data.context import open_context
    from industry.figures.wastewater import parameter_name

    at = app("pages/wastewater.py", lang=lang)
    shown = {v for frame in at.dataframe for column in frame.value.columns if column in ("Parameter", "Thông số")
             for v in frame.value[column].dropna()}
    assert shown, "no table of parameters on the page"
    assert not any(code in str(v) for v in shown for code in ("ammonium_n", "total_phosphorus", "mineral_oil"))
    assert parameter_name(open_context(demo_db, lang=lang), "ammonium_n", "Amoni (tính theo N)", "mg/l") == expected


@pytest.mark.parametrize("lang, combined, none", [
    ("vi", "2 xã, phường cộng gộp (Xã Gia Lâm, Xã Bát Tràng)", "không có cụm đang hoạt động"),
    ("en", "2 communes combined (Xã Gia Lâm, Xã Bát Tràng)", "no operating cluster")])
def test_communes_chosen_together_are_said_to_be_combined_and_none_disappears(app, lang, combined, none):
    """Xã Gia Lâm has no operating cluster, Xã Bát Tràng two: the figures are their sum, and say so; Gia Lâm
    stays in the ranking as a commune without a cluster instead of quietly dropping out."""
    import json

    at = app("pages/wastewater.py", commune=["00565", "00577"], year="2025", lang=lang)
    assert not at.exception
    assert combined in at.subheader[0].value
    subtitles = [m.value for m in at.markdown if m.value.startswith("####") and "2018–2025" in m.value]
    assert subtitles and all(combined in m for m in subtitles)
    bars = [t for e in at.get("plotly_chart") for t in json.loads(e.proto.spec)["data"] if t.get("orientation") == "h"]
    assert bars[0]["y"] == ["Xã Gia Lâm", "Xã Bát Tràng"] and bars[0]["text"][0] == none
    titles = [m.value.split("\n\n")[0] for m in at.markdown if m.value.startswith("####")]  # a title, not its subtitle
    ranking = next(t for t in titles if "Xã Gia Lâm" in t)
    assert ranking.startswith("#### 0/1" if lang == "vi" else "#### 0 of 1") and none in ranking


def test_one_commune_is_named_alone_and_the_city_as_the_city(app):
    one = app("pages/wastewater.py", commune="00577", year="2025")
    assert "in Xã Bát Tràng met" in one.subheader[0].value and "combined" not in one.subheader[0].value
    city = app("pages/wastewater.py", year="2025")
    assert "in Hà Nội (whole city) met" in city.subheader[0].value


def test_the_sidebar_says_where_communes_are_compared(app):
    at = app(lang="vi")
    assert "Hồ sơ xã, phường" in at.multiselect(key="commune").help


@pytest.mark.parametrize("lang, words", [("en", "{} not compliant: {} failed a limit, {} not sampled, {} without a "
                                                  "treatment plant"),
                                         ("vi", "{} cụm chưa đạt chuẩn: {} cụm vượt giới hạn, {} cụm không có mẫu, {} cụm "
                                                "chưa có trạm xử lý")])
@pytest.mark.parametrize("year, communes", [(2024, []), (2021, []), (2025, ["00577"]), (2025, ["00454", "09877"])])
def test_not_compliant_counts_the_same_clusters_on_every_page_and_slide(app, demo_db, con, lang, words, year, communes):
    """'Not compliant' is the sum of the clusters that failed a limit, were not sampled or have no plant, the same
    on the Map, the Wastewater page, the Overview's card and the map slide (the Map once said 5 'short' where the
    Wastewater page said 31, leaving out the clusters without a plant)."""
    from industry.data import metrics
    from industry.data.context import open_context
    from industry.outputs import slides

    row = metrics.clusters_by_year(con, communes).set_index("year").loc[year]
    short = int(row["clusters_count"] - row["compliant_count"])
    assert short == row["not_compliant_count"] + row["no_data_count"] + row["no_plant_count"]
    phrase = words.format(*(formats.number(int(v), lang) for v in (
        short, row["not_compliant_count"], row["no_data_count"], row["no_plant_count"])))
    params = {"year": str(year), "lang": lang} | ({"commune": communes} if communes else {})
    for page in ("pages/map.py", "pages/wastewater.py"):
        at = app(page, **params)
        assert phrase in at.subheader[0].value, page
    note = ("operating cluster" + ("" if short == 1 else "s") + " not compliant") if lang == "en" \
        else "cụm đang hoạt động chưa đạt chuẩn"
    assert any(f": {formats.number(short, lang)} {note}" in c.value for c in app(None, **params).caption)
    ctx = open_context(demo_db, lang=lang, year=year, communes=tuple(communes))
    assert phrase in slides.build(ctx, "map").title


def _display(element):
    """What a table shows its reader: each cell's text as drawn."""
    from tests import cells

    return cells.drawn(element)


def test_tables_show_every_key_column_and_no_none(app):
    """Xã Bát Tràng, 2024, in Vietnamese: the failing clusters 'and why' showed 'Cụm côn', 'Tổng phốt' and 'None'."""
    import json

    at = app("pages/wastewater.py", commune="00577", year="2024", lang="vi")
    failures = next(d for d in at.dataframe if "Năm gần nhất đạt chuẩn" in d.value.columns)
    assert set(failures.value["Năm gần nhất đạt chuẩn"]) <= {"chưa từng đạt"} | {str(y) for y in range(2018, 2026)}
    assert "chưa từng đạt" in set(failures.value["Năm gần nhất đạt chuẩn"])
    widths = {name: c.get("width") for name, c in json.loads(failures.proto.columns).items()}
    assert widths["Tên"] == "large" and widths["Thông số"] == "medium"
    for element in at.dataframe:
        text = _display(element).astype(str).to_string()
        for word in ("None", "nan", "NaT", "<NA>", "empty"):
            assert word not in text, (word, list(element.value.columns))


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_compliance_rate_reads_alike_in_the_card_the_chart_title_and_the_slide(app, demo_db, lang):
    """One figure, one way of writing it: 57,7 % in the card is 57,7 % in the chart's title and the slide's."""
    from industry.data.context import open_context
    from industry.outputs import slides

    at = app("pages/wastewater.py", lang=lang, year="2025")
    card = at.metric[0].value
    assert "," in card or "." in card  # one decimal
    titles = [m for m in markdown(at) if m.startswith("#### ")]
    assert any(card in t for t in titles), (card, titles)
    ctx = open_context(demo_db, lang=lang, year=2025)
    built = {s.key: s for s in slides.build_all(ctx, slides.Plan())}
    assert card in built["headline"].title and card in built["wastewater"].title, (card, built["headline"].title)


def test_every_table_is_named_for_a_screen_reader_by_its_finding(app):
    at = app("pages/wastewater.py", lang="vi", year="2025")
    titles = {m.value.split("\n\n")[0][5:].replace("*", "") for m in at.markdown if m.value.startswith("#### ")}
    named = [f.proto.alt for f in at.dataframe]
    assert named and all(n in titles for n in named), (named, titles)
