"""python -m industry.firstdraw: the reference pages served beside the dashboard's, each timed in Chromium until drawn."""

from __future__ import annotations

from industry.tools import firstdraw


def test_first_draw_times_pages_against_the_one_chart_page(demo_db, chromium):
    pages = {name: firstdraw.PAGES[name] for name in ("reference_bare", "reference_chart", "villages")}
    draws = firstdraw.measure(demo_db, rounds=1, lang="vi", pages=pages, browser=chromium)
    assert all(len(draws.ms[name]) == 1 and draws.ms[name][0] > 0 for name in pages)
    assert draws.shape["reference_chart"]["charts"] == 1 and draws.shape["reference_bare"]["charts"] == 0
    assert draws.shape["villages"]["charts"] >= 1 and draws.shape["villages"]["tables"] >= 1  # drawn, not half-way
    text = firstdraw.report(draws, 1, "vi")
    assert "| one-chart page (reference) |" in text and "| 1.00 |" in text and "| Craft villages |" in text


def test_the_reference_pages_are_served_only_when_asked_for(monkeypatch):
    from industry.app import reference

    assert reference.pages() == []
    monkeypatch.setenv(reference.ENV_VAR, "1")
    assert len(reference.pages()) == 2


def test_the_report_sets_a_checkout_beside_another():
    """With --compare-root, each checkout's pages are read against its own one-chart page, first screen and whole."""
    pages = ("reference_chart", "wastewater")
    draws = firstdraw.Draws(
        first={"reference_chart": [1000.0], "wastewater": [1100.0], "before:reference_chart": [2000.0],
               "before:wastewater": [3400.0]},
        ms={"reference_chart": [1000.0], "wastewater": [1800.0], "before:reference_chart": [2000.0],
            "before:wastewater": [3400.0]},
        shape={name: {} for name in pages})
    text = firstdraw.report(draws, 1, "vi")
    assert "| Wastewater | 1.70 | 1.10 | 1.70 | 1.80 |" in text
    assert "| Wastewater | 1100 | 1.10 | 1800 | 1.80 |" in text
