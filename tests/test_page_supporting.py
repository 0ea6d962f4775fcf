"""The Supporting-industry page: figures, projection and pace equal an independent computation."""

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from industry.core import formats
from tests import cells, independent
from tests.conftest import open_cards


def pace_row(at, year, tr=None):
    """The pace table's row for `year` (the first table on the page), its numbers read back as numbers."""
    table = at.dataframe[0].value
    row = table[table[tr("si.col_target_year") if tr else "Target year"] == year].iloc[0]
    return row.map(lambda v: _number_or_text(v, tr.lang if tr else "en"))


def _number_or_text(value, lang):
    try:
        return cells.number(value, lang)
    except ValueError:
        return value


@pytest.mark.parametrize("lang,first_words", [("en", "At the 2021–2025 pace"), ("vi", "Theo tốc độ 2021–2025")])
def test_page_runs_in_both_languages_with_its_sentence(app, lang, first_words):
    at = app("pages/supporting.py", lang=lang)
    assert not at.exception
    assert at.subheader[0].value.startswith(first_words)


@pytest.mark.parametrize("communes,sector", [([], None), (["00454", "00577", "09877", "00376"], None),
                                             ([], "precision_engineering")])
def test_share_counts_projection_and_pace_equal_an_independent_computation(app, demo_db, communes, sector):
    series = independent.supporting_series(demo_db, communes, sector)
    si, certified = series[2025]
    params = {"year": "2025"} | ({"commune": communes} if communes else {}) | ({"sector": sector} if sector else {})
    at = app("pages/supporting.py", **params)
    assert not at.exception
    values = [m.value for m in at.metric]
    assert values[:3] == [formats.percent(100 * certified / si, "en"), formats.number(si, "en"),
                          formats.number(certified, "en")]
    # projection: least squares on the shares of the last five years
    years = np.array(range(2021, 2026))
    shares = np.array([100 * series[y][1] / series[y][0] for y in years])
    slope, intercept = np.polyfit(years, shares, 1)
    row = pace_row(at, 2030)
    assert row["Projected share (%)"] == pytest.approx(round(min(100, max(0, slope * 2030 + intercept)), 1), abs=0.051)
    # required pace: more than 40% of the enterprises expected in 2030
    whole_city = not communes and not sector
    if whole_city:
        expected = 1200
    else:
        e_slope, e_intercept = np.polyfit(years, [series[y][0] for y in years], 1)
        expected = max(si, e_slope * 2030 + e_intercept)
    required = math.floor(0.40 * expected) + 1
    assert row["Certified needed"] == required
    assert row["Needed a year"] == math.ceil(max(0, (required - certified) / 5) - 1e-9)  # a count: rounded up
    c_slope, _ = np.polyfit(years, [series[y][1] for y in years], 1)
    assert row["Recent pace a year"] == pytest.approx(round(c_slope, 1), abs=0.051)


def test_a_scope_without_supporting_industry_shows_a_clear_empty_state(app, con):
    code = con.execute("""select min(code) from communes where code not in (select commune_code from enterprises
                          where supporting_industry and sector = 'pharmaceuticals')""").fetchall()[0][0]
    at = app("pages/supporting.py", commune=code, sector="pharmaceuticals")
    assert not at.exception
    assert at.subheader[0].value.startswith("No active supporting-industry enterprise")
    assert any("nothing to measure" in w.value for w in at.warning)


def test_action_lists(app, con):
    at = app("pages/supporting.py", year="2024")
    headings = [e.label for e in at.expander]  # the lists are their findings, opened by a click
    at = open_cards(at, "si_expiring", "si_uncertified")
    uncertified = con.execute("""
        select count(*) from enterprises e join sectors s on s.sector = e.sector and s.priority
        where e.supporting_industry and e.founded_year <= 2024 and (e.closed_year is null or e.closed_year > 2024)
          and e.enterprise_id not in (select enterprise_id from certifications where issued_on <= date '2024-12-31'
                                      and (expires_on is null or expires_on >= date '2024-12-31'))""").fetchall()[0][0]
    assert f"{formats.number(uncertified, 'en')} supporting-industry enterprises in the priority sectors held " \
           "no certificate at the end of 2024" in headings
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("CSV") == labels.count("Excel") >= 8


def test_action_lists_count_everything_and_list_the_first(con):
    from industry.data import metrics

    full = metrics.si_uncertified(con, 2024, (), None, limit=100_000)
    top = metrics.si_uncertified(con, 2024, (), None, limit=5)
    assert len(full) == full["total_count"].iloc[0] == top["total_count"].iloc[0]
    assert list(top["enterprise_id"]) == list(full["enterprise_id"][:5])
    assert list(full["employees"]) == sorted(full["employees"], reverse=True)
    expected = con.execute("""
        with latest as (select enterprise_id, standard, max(expires_on) as expires_on from certifications
                        where issued_on <= date '2024-12-31' group by all having bool_and(expires_on is not null))
        select count(*) from latest l join enterprises e using (enterprise_id)
        where e.supporting_industry and e.founded_year <= 2024 and (e.closed_year is null or e.closed_year > 2024)
          and l.expires_on >= date '2024-12-31' and l.expires_on < date '2025-12-31'""").fetchall()[0][0]
    expiring = metrics.si_expiring(con, 2024, (), None, limit=3)
    assert len(expiring) == min(3, expected) and expiring["total_count"].iloc[0] == expected
    assert list(expiring["expires_on"]) == sorted(expiring["expires_on"])


def test_a_projection_over_few_enterprises_is_said_to_be_indicative(app, con):
    from industry.data import metrics
    from industry.figures.supporting import FEW

    small = metrics.enterprises_by_year(con, ["00577"]).set_index("year").loc[2025, "si_enterprises_count"]
    assert 0 < small < FEW
    at = app("pages/supporting.py", commune="00577")
    assert any(f"Only {small} supporting-industry" in w.value and "indicative only" in w.value for w in at.warning)
    assert not any("indicative only" in w.value for w in app("pages/supporting.py").warning)


def test_enterprises_needed_are_a_whole_number_rounded_up():
    from industry.figures import supporting

    assert [supporting.enterprises_needed(v) for v in (7.6, 7.0, 0.2, -3.0)] == [8, 7, 1, 0]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_pace_sentence_never_needs_a_fraction_of_an_enterprise(app, lang):
    import re

    for commune in (None, "00577", "00454"):
        at = app("pages/supporting.py", lang=lang, **({"commune": commune} if commune else {}))
        text = " ".join(m.value for m in at.markdown) + " ".join(s.value for s in at.subheader)
        needed = re.findall(r"(\d+(?:[.,]\d+)?) more certified enterprises a year|cần thêm (\d+(?:[.,]\d+)?) doanh",
                            text)
        assert all(not re.search(r"[.,]\d{1,2}$", a or b) for a, b in needed), needed  # 1,200 is whole; 7.6 is not


class _Reader:
    """What expiring_subtitle reads of a page's context: the words and formats of Vietnamese."""

    def __init__(self, con):
        from industry.core.i18n import Translator

        self.tr, self.lang = Translator("vi"), "vi"
        self.sectors = con.execute("select sector, name_en, name_vi from sectors").df()
        self.sector_names = dict(zip(self.sectors["sector"], self.sectors["name_vi"], strict=True))

    def number(self, value) -> str:
        return formats.number(value, "vi")

    def date(self, value) -> str:
        return formats.date(value, "vi")


@pytest.mark.parametrize(("today", "says_today"), [(dt.date(2026, 12, 2), True), (dt.date(2025, 6, 30), False)])
def test_the_expiring_list_says_it_counts_from_the_data_date_and_what_has_lapsed_since(con, today, says_today):
    """The list counted from 31/12/2025 with no word that the reader's today is later, when many had lapsed."""
    from industry.data import metrics
    from industry.figures import supporting as si
    from industry.tools import baseline

    expiring = metrics.si_expiring(con, 2025, (), None, today)
    lapsed = con.execute("""
        with latest as (select enterprise_id, standard, max(expires_on) as expires_on from certifications
                        where issued_on <= date '2025-12-31' group by all having bool_and(expires_on is not null))
        select count(*) filter (where l.expires_on < ?) from latest l join enterprises e using (enterprise_id)
        where e.supporting_industry and e.founded_year <= 2025 and (e.closed_year is null or e.closed_year > 2025)
          and l.expires_on >= date '2025-12-31' and l.expires_on < date '2026-12-31'""", [today]).fetchall()[0][0]
    assert expiring["lapsed_count"].iloc[0] == lapsed and (lapsed > 0) == says_today
    assert baseline.Run(baseline.Tables(con)).si_expiring(2025, (), None, today)["lapsed_count"].iloc[0] == lapsed
    text = si.expiring_subtitle(_Reader(con), expiring, 2025, today)
    data_date = formats.date(dt.date(2025, 12, 31), "vi")
    assert (data_date in text and f"đã có {lapsed} chứng nhận hết hạn" in text) == says_today
    table = si.expiring_table(_Reader(con), expiring, today)
    standing = table[f"Đến {formats.date(today, 'vi')}"]
    expected = ["đã hết hạn" if e.date() < today else f"còn {formats.number((e.date() - today).days, 'vi')} ngày"
                for e in pd.to_datetime(expiring["expires_on"])]
    assert list(standing) == expected


def test_the_supporting_page_says_where_each_expiring_certificate_stands_today(app):
    at = open_cards(app("pages/supporting.py", year="2025", lang="vi"), "si_expiring")
    assert not at.exception
    said = [m.value for m in at.markdown if "tính từ ngày của số liệu" in m.value]  # a card's subtitle
    assert bool(said) == (dt.date.today() > dt.date(2025, 12, 31))


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("commune", [None, "00577"])
def test_one_figure_for_the_enterprises_needed_and_the_comparison_made_on_it_as_shown(app, lang, commune):
    """The card, the headline and the table say one number of enterprises needed a year; the need is said to be
    within the recent pace only when that number is not above the recent pace as the table shows it."""
    import re

    from industry.core.i18n import Translator

    tr = Translator(lang)
    at = app("pages/supporting.py", lang=lang, year="2025", **({"commune": commune} if commune else {}))
    card = at.metric[3].value
    row = pace_row(at, 2030, tr)
    needed, recent = row[tr("si.col_needed")], row[tr("si.col_recent")]
    assert card == formats.number(needed, lang)
    headline = at.subheader[0].value
    assert re.search(rf"(?<![\d.,]){re.escape(formats.number(needed, lang))}(?![\d.,])", headline), headline
    assert (needed <= recent) == ("within the recent pace" in headline or "nằm trong tốc độ" in headline), \
        (needed, recent, headline)


def test_a_share_axis_is_never_marked_beyond_100_percent(demo_db):
    from industry.data.context import open_context
    from industry.figures import supporting

    ctx = open_context(demo_db, lang="vi", year=2025)
    fig = supporting.bar_figure(ctx, ["A", "B", "C"], [100.0, 66.7, 20.0], 30.0, "TB")
    assert max(fig.layout.xaxis.tickvals) == 100 and fig.layout.xaxis.range[1] > 100  # room for "100,0%"
