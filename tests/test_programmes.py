"""The programme status rule on hand-made cases."""

import pytest

from industry.figures import programmes
from industry.figures.programmes import score


def test_before_the_period_is_not_started():
    s = score(low=40, comparison="more_than", period_start=2026, target_year=2030, values={2024: 27.7, 2025: 29.2},
              aggregation="latest")
    assert s.status == "not_started" and s.achieved == 29.2 and s.as_of == 2025


def test_mid_period_cumulative_on_track_ahead_and_behind():
    # 5 editions over 2026–2030; after 2026 (1/5 elapsed)
    assert score(low=5, comparison="at_least", period_start=2026, target_year=2030, values={2026: 1},
                 aggregation="sum").status == "on_track"
    assert score(low=5, comparison="at_least", period_start=2026, target_year=2030, values={2026: 2},
                 aggregation="sum").status == "ahead"
    behind = score(low=1000, comparison="at_least", period_start=2026, target_year=2030, values={2026: 150},
                   aggregation="sum")
    assert behind.status == "behind" and behind.elapsed == pytest.approx(0.2) and behind.progress == 0.15


def test_a_range_target_is_met_at_its_low_end():
    s = score(low=200, comparison="at_least", period_start=2026, target_year=2030,
              values={2026: 60, 2027: 70, 2028: 75}, aggregation="sum")
    assert s.achieved == 205 and s.status == "achieved"


def test_an_already_achieved_level():
    s = score(low=1200, comparison="at_least", period_start=2026, target_year=2030, values={2026: 1250},
              aggregation="latest")
    assert s.status == "achieved"


def test_a_below_target_such_as_cpi():
    assert score(low=4, comparison="below", period_start=None, target_year=None, values={2025: 3.3},
                 aggregation="latest").status == "achieved"
    assert score(low=4, comparison="below", period_start=None, target_year=None, values={2025: 4.0},
                 aggregation="latest").status == "behind"  # "below 4" is not met at 4


def test_more_than_needs_strictly_more():
    assert score(low=40, comparison="more_than", period_start=2026, target_year=2030, values={2029: 40},
                 aggregation="latest").status != "achieved"


def test_a_target_not_met_when_its_period_is_over_is_missed_not_behind():
    assert score(low=40, comparison="more_than", period_start=2026, target_year=2030, values={2030: 40},
                 aggregation="latest").status == "missed"
    s = score(low=100, comparison="at_least", period_start=2021, target_year=2025, values={2025: 96},
              aggregation="latest")
    assert s.status == "missed" and s.elapsed == 1.0


def test_no_data_and_mean_aggregation():
    assert score(low=5, comparison="at_least", period_start=2021, target_year=2025, values={},
                 aggregation="sum").status == "no_data"
    s = score(low=5, comparison="at_least", period_start=2021, target_year=2025,
              values={2021: 4.2, 2022: 6.8, 2023: 5.1, 2024: 6.0, 2025: 6.5}, aggregation="mean")
    assert s.achieved == pytest.approx(5.72) and s.status == "achieved"


def test_every_target_indicator_has_an_aggregation():
    import csv

    from industry.core import paths

    with open(paths.REFERENCE / "programme_targets.csv", encoding="utf-8") as fh:
        indicators = {row["indicator"] for row in csv.DictReader(fh)}
    assert indicators <= set(programmes.AGGREGATION)


def test_one_indicator_over_the_years_has_whole_years_and_the_chosen_one_marked(demo_db):
    import pandas as pd

    from industry.core import palette
    from industry.data.context import open_context

    ctx = open_context(demo_db, lang="vi", year=2025)
    rows = pd.DataFrame({"year": [2026], "value": [46.0]})  # one year only: plotly would tick 2025.6, 2025.8 …
    fig = programmes.indicator_figure(ctx, "si_enterprises", rows, rows.iloc[0:0], "doanh nghiệp")
    assert (fig.layout.xaxis.dtick, fig.layout.xaxis.tickformat) == (1, "d")
    rows = pd.DataFrame({"year": [2024, 2025], "value": [40.0, 46.0]})
    fig = programmes.indicator_figure(ctx, "si_enterprises", rows, rows.iloc[0:0], "doanh nghiệp")
    assert list(fig.data[0].marker.color) == [palette.OTHER_YEAR, palette.ACTUAL]


def test_a_figure_that_sets_its_own_height_keeps_it(demo_db):
    from industry.data.context import open_context
    from industry.figures import supporting
    from industry.figures.style import style

    ctx = open_context(demo_db, lang="en", year=2025)
    labels = [f"commune {i}" for i in range(50)]
    fig = style(supporting.bar_figure(ctx, labels, [10.0] * 50, None, "", 18), ctx, x_title="%")
    assert fig.layout.height == 18 * 50 + 90  # one bar per commune readable, not squeezed into 340 px
    assert style(supporting.bar_figure(ctx, labels[:2], [1.0, 2.0], None, ""), ctx).layout.height == 260


def test_a_years_scorecard_never_counts_a_later_years_records(demo_db):
    """With 2025 chosen, the 2026–2030 targets have not begun, whatever 2026 records the database holds."""
    import duckdb

    from industry.data import metrics

    with duckdb.connect(str(demo_db), read_only=True) as con:
        targets, progress = metrics.targets(con), metrics.programme_progress(con)
    assert progress["year"].max() > 2025  # the demonstration holds activities of 2026
    card = programmes.scorecard(targets, progress, 2025)
    assert card["as_of"].dropna().max() <= 2025
    current = card[card["period_start"] == 2026]
    assert set(current["status"]) == {"not_started"}
    assert (programmes.scorecard(targets, progress, 2026)["as_of"].dropna() == 2026).any()  # and 2026 sees them


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_target_whose_period_has_not_begun_reads_so_not_as_nothing_achieved(lang):
    from industry.core.i18n import Translator

    tr = Translator(lang)
    said = programmes.bar_text(0.0, "not_started", tr, True)
    assert "0" not in said and said == tr("pstatus.not_started")
    assert programmes.bar_text(60.0, "behind", tr, True).startswith("60")


def test_a_bars_words_stand_after_its_tick_not_on_it():
    """19 % beside a period 20 % elapsed: the words start after the tick."""
    import pandas as pd

    from industry.core.i18n import Translator

    rows = pd.DataFrame({"indicator": ["giftshow_editions"], "programme": ["industrial_promotion_2026_2030"],
                         "target_year": [2030], "progress": [0.19], "elapsed": [0.20], "status": ["on_track"],
                         "status_order": [3]})
    tr = Translator("vi")
    fig = programmes.progress_figure(rows, tr)
    (words,) = [t for t in fig.data if t.type == "scatter" and t.mode == "text"]
    assert words.x[0] > 20 and words.text[0] == "19%"
