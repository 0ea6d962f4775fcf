"""The projection method on hand-made series."""

import pytest

from industry.figures import projection


def test_flat_series_projects_flat_with_no_spread():
    f = projection.fit([2021, 2022, 2023, 2024, 2025], [30, 30, 30, 30, 30])
    assert f.slope == 0 and f.value(2030) == 30
    assert f.interval(2030) == (30, 30)


def test_rising_series_uses_only_the_last_five_years():
    years = list(range(2018, 2026))
    values = [0, 0, 0, 10, 12, 14, 16, 18]  # the early zeros are outside the window
    f = projection.fit(years, values)
    assert (f.first_year, f.last_year, f.n) == (2021, 2025, 5)
    assert f.slope == pytest.approx(2.0)
    assert f.value(2030) == pytest.approx(28.0)


def test_noisy_series_has_a_range_that_widens_with_distance():
    f = projection.fit([2021, 2022, 2023, 2024, 2025], [20, 23, 22, 26, 27])
    lo30, hi30 = f.interval(2030)
    lo35, hi35 = f.interval(2035)
    assert lo30 < f.value(2030) < hi30
    assert hi35 - lo35 > hi30 - lo30


def test_required_pace_rising_but_short():
    years = [2021, 2022, 2023, 2024, 2025]
    enterprises = [800, 850, 900, 950, 1000]
    certified = [200, 220, 240, 260, 280]  # +20 a year; 28% in 2025
    pace = projection.required_pace(years=years, certified=certified, enterprises=enterprises, now=2025,
                                    target_year=2030, target_share=40, strictly_more=True,
                                    expected_enterprises=1200)
    assert pace.required_certified == 481  # more than 40% of 1,200
    assert pace.required_per_year == pytest.approx((481 - 280) / 5)
    assert pace.recent_per_year == pytest.approx(20)
    assert not pace.already_met
    assert pace.projected_share == pytest.approx(100 * 380 / 1250, abs=1.5)  # the share's own trend


def test_required_pace_when_already_above_target():
    years = [2021, 2022, 2023, 2024, 2025]
    pace = projection.required_pace(years=years, certified=[450, 460, 470, 480, 500], enterprises=[1000] * 5,
                                    now=2025, target_year=2030, target_share=40, strictly_more=True,
                                    expected_enterprises=1200)
    assert pace.already_met
    assert pace.required_per_year == 0  # 500 already exceed the 481 needed


def test_scope_without_a_target_count_projects_its_own_enterprises():
    years = [2021, 2022, 2023, 2024, 2025]
    pace = projection.required_pace(years=years, certified=[10, 11, 12, 13, 14], enterprises=[50, 52, 54, 56, 58],
                                    now=2025, target_year=2030, target_share=40, strictly_more=False)
    assert pace.expected_enterprises == pytest.approx(68)
    assert pace.required_certified == 28  # at least 40% of 68 = 27.2


def test_no_data_is_an_error():
    with pytest.raises(ValueError):
        projection.fit([2024, 2025], [None, float("nan")])


def test_a_shrinking_scope_keeps_at_least_its_current_enterprises():
    years = [2021, 2022, 2023, 2024, 2025]
    pace = projection.required_pace(years=years, certified=[1, 1, 1, 1, 1], enterprises=[8, 7, 6, 5, 4], now=2025,
                                    target_year=2030, target_share=40, strictly_more=True)
    assert pace.expected_enterprises == 4
    assert pace.required_certified == 2 and pace.required_per_year == pytest.approx(0.2)
