"""The Programmes and Craft villages pages."""

import json
import math
import re

import duckdb
import pytest

from industry.data import metrics, queries
from industry.figures import programmes
from tests import cells
from tests.conftest import ROOT, open_cards


@pytest.mark.parametrize("page", ["pages/programmes.py", "pages/villages.py"])
@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("commune", [None, "00577"])
def test_pages_run_in_both_languages_with_and_without_a_commune(app, page, lang, commune):
    at = app(page, lang=lang, **({"commune": commune} if commune else {}))
    assert not at.exception
    assert at.subheader, "the page states its finding"


def test_every_target_on_the_scorecard_traces_to_programme_targets(app, demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    targets = metrics.targets(con)
    expected = programmes.scorecard(targets, metrics.programme_progress(con), 2025)
    con.close()
    at = open_cards(app("pages/programmes.py"), "prog_previous")  # the previous programme's list, opened
    card, previous = at.dataframe[0].value, at.dataframe[1].value
    assert len(card) + len(previous) == len(targets) == 20
    assert set(card["Source"]) | set(previous["Source"]) == set(targets["source"])
    ordered = expected[expected["programme"] != "handicraft_promotion_2021_2025"].sort_values(
        ["status_order", "programme", "indicator"])
    assert list(card["Status"]) == [f"{programmes_label(s)}" for s in ordered["status"]]
    achieved = [-1 if math.isnan(v) else v for v in cells.numbers(card["Achieved so far"])]
    assert achieved == list(ordered["achieved"].round(1).fillna(-1))


def programmes_label(status):
    from industry.core.i18n import Translator

    return Translator("en")(f"pstatus.{status}")


def test_no_target_value_is_written_in_page_code():
    """Targets come from programme_targets: the numbers of the decisions never appear in pages."""
    published = {"1200", "1,200", "1400", "1,400", "40", "45", "100", "500", "600", "200", "300", "150", "1000",
                 "1,000", "10000", "50000", "550", "2000", "7.5", "4.0"}
    for path in (ROOT / "pages").glob("*.py"):
        code = "\n".join(line.split("#")[0] for line in path.read_text(encoding="utf-8").splitlines())
        numbers = set(re.findall(r"(?<![\w.])\d[\d,.]*(?![\w.])", code))
        assert not (numbers & published), (path.name, numbers & published)


def test_village_search_without_diacritics_and_link_to_the_map(app):
    at = app("pages/villages.py")
    at.text_input(key="village_search").input("van phuc").run()
    lines = [m.value for m in at.markdown if m.value.startswith("**")]
    assert any(line.startswith("**Van Phuc silk village**") for line in lines)
    link = re.search(r"\]\((map\?village=V\d+[^)]*)\)", lines[0]).group(1)
    village = re.search(r"village=(V\d+)", link).group(1)
    at = app("pages/map.py", village=village)
    assert not at.exception
    assert at.markdown[0].value  # details of the village are shown
    assert any(m.value.startswith("#### ") and "silk" in m.value.lower() for m in at.markdown)


def test_craft_ranking_equals_the_table(app, con):
    at = app("pages/villages.py", year="2024")
    crafts = dict(con.execute("select craft, count(*) from craft_villages group by craft").fetchall())
    top = max(crafts, key=crafts.get)
    assert at.subheader[0].value.endswith(f"({crafts[top]} villages)")
    recognised = con.execute("select count(*) from craft_villages where recognised and recognised_year <= 2024"
                             ).fetchall()[0][0]
    assert f"{recognised} recognised by the city by the end of 2024" in at.subheader[0].value


def test_sources_are_cited_in_the_readers_language(app, demo_db):
    """A target's citation and the dashboard's own words for a derived value read in Vietnamese on Vietnamese
    pages; the articles' quoted words stay as quoted."""
    at = open_cards(app("pages/programmes.py", lang="vi"), "prog_previous")
    sources = set(at.dataframe[0].value["Nguồn"]) | set(at.dataframe[1].value["Nguồn"])
    assert any(s.startswith("Quyết định 6126/QĐ-UBND ngày 10/12/2025 của UBND thành phố Hà Nội") and
               "trên 40% đạt tiêu chuẩn quốc tế" in s for s in sources)
    assert not any("per cent" in s for s in sources)  # an English newspaper's words only where nothing else was read
    assert not any("as reported by" in s for s in sources)
    english = set(app("pages/programmes.py").dataframe[0].value["Source"])
    assert any("as reported by Việt Nam News" in s for s in english)
    progress = metrics.programme_progress(duckdb.connect(str(demo_db), read_only=True), "vi")
    derived = set(progress[progress["indicator"] == "wastewater_compliance_rate"]["source"])
    assert derived == {"Bảng điều khiển tính từ dữ liệu doanh nghiệp, chứng nhận, khu/cụm công nghiệp và mẫu nước "
                       "thải (dữ liệu minh hoạ)"}
    line = " ".join(c.value for c in app("pages/wastewater.py", lang="vi").caption)
    assert "Kế hoạch 20/KH-UBND năm 2024" in line and "as reported by" not in line


def test_a_citation_without_its_vietnamese_wording_is_shown_as_written(demo_db, tmp_path):
    import shutil

    path = tmp_path / "no_vi.duckdb"
    shutil.copy(demo_db, path)
    con = duckdb.connect(str(path))
    con.execute("update programme_targets set source_vi = null")
    queries.execute(con, "build/target_list")  # as the builder does after an import
    vi, en = metrics.targets(con, "vi"), metrics.targets(con, "en")
    con.close()
    assert list(vi["source"]) == list(en["source"])


def test_the_most_urgent_target_comes_first_and_a_repeated_indicator_names_its_year(app):
    """A department head reads the top rows first: behind before not started before on track before met; the
    supporting-industry enterprise count has a 2030 and a 2035 target, told apart by their year."""
    urgency = [programmes_label(s) for s in programmes.URGENCY]
    at = app("pages/programmes.py")
    card = at.dataframe[0].value
    ranks = [urgency.index(s) for s in card["Status"]]
    assert ranks == sorted(ranks)
    assert programmes_label("achieved") != card["Status"].iloc[0]
    assert card["Indicator"].is_unique
    assert any(name.endswith("(2030)") for name in card["Indicator"]) and any(
        name.endswith("(2035)") for name in card["Indicator"])
    bars = [t for chart in at.get("plotly_chart") for t in json.loads(chart.proto.spec)["data"]
            if t.get("orientation") == "h"]
    assert len({y for t in bars for y in t["y"]}) == sum(len(t["y"]) for t in bars)


def test_the_scorecard_shows_shares_as_percentages_and_gaps_as_dashes(app):
    """The scorecard has gaps (no progress yet, no period): it is shown with display values, which must keep the
    shares as percentages ('60%', never '0.6') and a gap as a dash."""
    from tests import cells

    at = app("pages/programmes.py", lang="vi")
    shown = cells.drawn(at.dataframe[0])
    for column in ("So với mục tiêu", "Thời gian đã qua"):
        assert all(v == "–" or re.fullmatch(r"\d+%", v) for v in shown[column]), (column, set(shown[column]))
    assert "–" in set(shown["So với mục tiêu"])
