"""Commune profiles: the page, the figures with ranks, and the PDF (built on the server, offline)."""

import io

import duckdb
import pytest
from pypdf import PdfReader

from industry.core import formats
from industry.core.i18n import Translator
from industry.data import metrics
from industry.figures import profile
from industry.outputs import pdf


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("communes", [["00454"], ["00454", "00577", "09877"]])
def test_page_runs_for_one_or_several_communes(app, lang, communes):
    at = app("pages/commune.py", lang=lang, commune=communes)
    assert not at.exception
    assert len(at.table) == 1  # one commune's figures, or several side by side in one table
    shown = at.table[0].value
    assert len(shown.columns) == (3 if len(communes) == 1 else 2 * len(communes) + 1), list(shown.columns)
    assert [b.label for b in at.get("download_button")][0] in ("Download the profile (PDF, A4)", "Tải hồ sơ (PDF, A4)")


def test_without_a_commune_the_page_asks_for_one(app):
    at = app("pages/commune.py")
    assert not at.exception
    assert at.selectbox(key="profile_pick")


def test_figures_and_ranks_equal_an_independent_query(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    p = profile.commune_profile(con, "00577", 2025, None, "en")
    villages = con.execute("select commune_code, count(*) from craft_villages group by 1").fetchall()
    con.close()
    counts = dict(villages)
    mine = counts["00577"]
    rank = 1 + sum(1 for n in counts.values() if n > mine)
    last = sum(1 for n in counts.values() if n >= mine)
    row = p.figures[p.figures["Figure"] == "Craft villages"].iloc[0]
    assert row["Commune"] == str(mine)
    assert row["Hà Nội"] == formats.number(sum(counts.values()), "en")
    with_villages = sum(1 for n in counts.values() if n > 0)  # a commune without a craft village is not ranked
    assert row["Rank"] == (f"{rank} of {with_villages}" if rank == last else f"tied {rank}–{last} of {with_villages}")
    assert "Xã Bát Tràng" in set(p.predecessors["old_name"])  # the former Xã Bát Tràng (part of it)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_pdf_of_two_communes(demo_db, lang, no_network):
    con = duckdb.connect(str(demo_db), read_only=True)
    profiles = [profile.commune_profile(con, code, 2025, None, lang) for code in ("00454", "00577")]
    info = metrics.dataset_info(con)
    con.close()
    data = pdf.pdf_bytes(profiles, Translator(lang), info)
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert 2 <= len(reader.pages) <= 6
    assert "Xã Đông Anh" in text and "Xã Bát Tràng" in text
    expected_rank = profiles[1].figures.iloc[5, 3]  # craft villages' rank, as the page shows it (a cell may wrap)
    assert expected_rank in " ".join(text.split())
    assert ("Demonstration data" if lang == "en" else "Dữ liệu minh hoạ") in text
    assert ("Formed from" if lang == "en" else "Hình thành từ") in text


def test_every_commune_has_a_profile_page(app, con):
    codes = [r[0] for r in con.execute("select code from communes order by code").fetchall()]
    at = app("pages/commune.py", commune=codes[0])
    for code in codes:
        at.multiselect(key="commune").set_value([code]).run()
        assert not at.exception, code
        name = con.execute("select full_name_vi from communes where code = $c", {"c": code}).fetchall()[0][0]
        assert at.subheader[0].value.startswith(name), code


def test_a_commune_with_nothing_in_it_shows_a_sensible_page(app, con):
    code = con.execute("""select min(code) from communes where code not in (select commune_code from sites)
                          and code not in (select commune_code from craft_villages)""").fetchall()[0][0]
    assert code, "the demo data has a commune with no site and no village"
    at = app("pages/commune.py", commune=code)
    assert not at.exception
    headings = [m.value.split("\n\n")[0] for m in at.markdown]
    assert "#### 0 industrial clusters and parks" in headings and "#### 0 craft villages" in headings


def test_ranks_share_ties(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    ranks = metrics.commune_ranks(con, 2025)
    con.close()
    ranked = ranks[ranks["villages_count"] > 0]
    for value, group in ranked.groupby("villages_count"):
        assert group["villages_count_rank"].nunique() == 1, value  # equal values, equal rank
        assert group["villages_count_rank_last"].iloc[0] - group["villages_count_rank"].iloc[0] == len(group) - 1
    top = ranked.sort_values("villages_count", ascending=False)
    assert top["villages_count_rank"].iloc[0] == 1
    # the rank is one more than the number of communes with a strictly higher value
    for row in ranked.itertuples():
        assert row.villages_count_rank == 1 + int((ranked["villages_count"] > row.villages_count).sum())
    assert ranks.loc[ranks["villages_count"] == 0, "villages_count_rank"].isna().all()  # no village, no rank


@pytest.mark.parametrize("lang, tied, none", [("vi", "không xếp hạng (dưới 5 đơn vị)", "–"),
                                              ("en", "not ranked (fewer than 5)", "–")])
def test_a_tie_reads_as_a_tie_and_a_commune_without_the_thing_is_not_ranked(demo_db, lang, tied, none):
    """Xã Bát Tràng's compliance was '1/50' while 22 communes are at 100 %, then 'tied 1–22 of 50' on its few
    clusters: now not ranked, as a rate of fewer than 5 units; Xã Gia Lâm, with no cluster, ranked '51/126' on
    clusters."""
    con = duckdb.connect(str(demo_db), read_only=True)
    bat_trang = profile.commune_profile(con, "00577", 2025, None, lang).figures
    gia_lam = profile.commune_profile(con, "00565", 2025, None, lang).figures
    con.close()
    assert bat_trang.iloc[1, 3] == tied
    assert list(gia_lam.iloc[:2, 3]) == [none, none]


@pytest.mark.parametrize("code", ["00454", "09877"])
def test_two_communes_figures_equal_independent_queries(demo_db, code):
    con = duckdb.connect(str(demo_db), read_only=True)
    p = profile.commune_profile(con, code, 2024, None, "en")
    clusters = con.execute("select count(*) from sites where kind = 'cluster' and status = 'operating' "
                           "and opened_year <= 2024 and commune_code = $c", {"c": code}).fetchall()[0][0]
    si = con.execute("select count(*) from enterprises where supporting_industry and commune_code = $c and "
                     "founded_year <= 2024 and (closed_year is null or closed_year > 2024)", {"c": code}).fetchall()[0][0]
    con.close()
    figures = dict(zip(p.figures["Figure"], p.figures["Commune"], strict=True))
    assert figures["Operating industrial clusters"] == formats.number(clusters, "en")
    assert figures["Supporting-industry enterprises"] == formats.number(si, "en")


def test_trend_titles_state_each_communes_value_and_the_citys_and_the_map_has_its_legend(app, demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    trends = metrics.commune_trends(con, ["00454", "00577"]).set_index(["commune_code", "year"])
    city = metrics.clusters_by_year(con).set_index("year").loc[2024, "compliance_pct"]
    names = dict(con.execute("select code, full_name_vi from communes where code in ('00454', '00577')").fetchall())
    con.close()
    at = app("pages/commune.py", commune=["00454", "00577"], year="2024")

    def value(code):
        v, n = trends.loc[(code, 2024), ["compliance_pct", "clusters_count"]]
        few = f" (only {int(n)} {'cluster' if n == 1 else 'clusters'})" if 0 < n < metrics.MIN_BASE else ""
        return "–" if v != v else formats.percent(v, "en") + few

    expected = (f"#### Wastewater compliance in 2024: {names['00454']} {value('00454')}; "
                f"{names['00577']} {value('00577')}; the city {formats.percent(city, 'en')}")
    assert expected in [m.value.split("\n\n")[0] for m in at.markdown]
    legend = " ".join(m.value for m in at.markdown if "<div" in m.value)
    assert "Operating, no treatment plant" in legend and "Recognised" in legend


def _on_screen(view: dict, lon: float, lat: float, width: int, height: int) -> tuple[float, float]:
    """Where (lon, lat) is drawn in a deck of `width` × `height` px with `view` (deck.gl's 512-px web mercator)."""
    import math

    scale = 512 * 2 ** view["zoom"]

    def merc(value):
        return math.log(math.tan(math.pi / 4 + math.radians(value) / 2))

    return (width / 2 + (lon - view["longitude"]) / 360 * scale,
            height / 2 - (merc(lat) - merc(view["latitude"])) / (2 * math.pi) * scale)


@pytest.mark.parametrize("code", ["00577", "00454", "09877"])  # Bát Tràng (long north–south), Đông Anh, a xã
def test_the_profile_map_shows_the_whole_commune_and_its_clusters_with_a_margin(app, con, code):
    """The profile map cut off the top and bottom of Bát Tràng and half of two cluster circles: its view was fitted
    to a 700 × 600 map, and it is drawn 380 px high in a column about 560 px wide at 1280 px."""
    import json

    from shapely.geometry import shape

    at = app("pages/commune.py", commune=code)
    decks = at.get("deck_gl_json_chart")
    view = json.loads(decks[0].proto.json)["initialViewState"]
    width, height, margin = 560, 380, 30  # px left clear: more than a cluster circle's largest radius (28 px)
    minx, miny, maxx, maxy = shape(json.loads(con.execute(
        "select geometry_simplified from communes where code = ?", [code]).fetchone()[0])).bounds
    points = [(minx, miny), (maxx, maxy)] + con.execute(
        "select lon, lat from sites where commune_code = ?", [code]).fetchall()
    for lon, lat in points:
        x, y = _on_screen(view, lon, lat, width, height)
        assert margin <= x <= width - margin and margin <= y <= height - margin, (code, lon, lat, x, y)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_rate_of_few_units_says_how_few_and_is_not_ranked(demo_db, lang):
    """A commune's certified share of 3 enterprises (66,7 %) is not ranked among those of hundreds; the table and
    the trend's title say how few it rests on (the Supporting page's rule: at least 5)."""
    with duckdb.connect(str(demo_db), read_only=True) as con:
        ranks = metrics.commune_ranks(con, 2025)
        few = ranks[(ranks["si_enterprises_count"] > 0) & (ranks["si_enterprises_count"] < metrics.MIN_BASE)]
        assert len(few), "the demonstration has communes with 1–4 supporting-industry enterprises"
        assert few["si_certified_pct_rank"].isna().all()
        assert ranks.loc[ranks["si_enterprises_count"] >= metrics.MIN_BASE, "si_certified_pct_rank"].notna().all()
        code = few.iloc[0]["code"]
        n = int(few.iloc[0]["si_enterprises_count"])
        p = profile.commune_profile(con, code, 2025, None, lang)
    tr = Translator(lang)
    row = p.figures[p.figures[tr("profile.col_figure")] == tr("profile.fig_si_certified_pct")].iloc[0]
    assert row[tr("profile.col_commune")].endswith(tr("profile.few_si_enterprises_count", n=n))
    assert row[tr("profile.col_rank")] == tr("profile.rank_few", n=metrics.MIN_BASE)

    class _Ctx:
        pass

    ctx = _Ctx()
    ctx.tr, ctx.lang = tr, lang
    assert tr("profile.few_si_enterprises_count", n=n) in profile.trend_title(ctx, [p], "certified", 2025)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_profile_pdf_compares_side_by_side_and_its_map_has_a_legend_scale_and_neighbours(demo_db, lang):
    con = duckdb.connect(str(demo_db), read_only=True)
    profiles = [profile.commune_profile(con, code, 2025, None, lang) for code in ("00577", "00454")]
    info = metrics.dataset_info(con)
    con.close()
    tr = Translator(lang)
    reader = PdfReader(io.BytesIO(pdf.pdf_bytes(profiles, tr, info)))
    first = " ".join(reader.pages[0].extract_text().split())
    assert tr("profile.compare_title", names="Xã Bát Tràng, Xã Đông Anh", year=2025) in first
    assert tr("profile.col_rank_of", name="Xã Đông Anh") in first  # one table, each commune's value and rank
    bat_trang = " ".join(reader.pages[1].extract_text().split())
    for words in (tr("profile.map_legend_site"), tr("profile.map_legend_village"), " km", "Long Biên",
                  tr("profile.col_joined"), tr("profile.joined_whole"), tr("profile.joined_part")):
        assert words in bat_trang, words
    everything = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert tr("col.recognised_year", year=2025).split()[0] in everything  # the villages' recognition column
    assert {n.split(" ", 1)[-1] for n, *_ in profiles[0].neighbours} >= {"Long Biên", "Gia Lâm"}


def test_the_former_units_read_first_and_say_whole_or_in_part(app):
    at = app("pages/commune.py", lang="vi", commune="00577", year="2025")
    former = at.dataframe[0].value
    assert list(former.columns)[:3] == ["Xã, phường, thị trấn cũ", "Quận, huyện cũ", "Nhập vào"], list(former.columns)
    assert "Xã / phường" not in former.columns  # one commune: its own name is not repeated on every row
    assert set(former["Nhập vào"]) == {"toàn bộ", "một phần"}
