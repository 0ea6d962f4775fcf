"""Every page as a person sees it, in both languages, at office and projector sizes."""

import re

import pytest

from tests.browser_checks import (
    READY,
    assert_clean,
    assert_layout_holds,
    assert_link_keeps,
    own_console_errors,
    render,
)

PATHS = list(READY)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_page_renders_cleanly(page, server_url, path, lang):
    render(page, server_url, path, f"lang={lang}&year=2024&commune=00577")  # Bát Tràng: clusters and villages
    assert_clean(page)
    assert_link_keeps(page.url, {"lang": [lang], "year": ["2024"], "commune": ["00577"]})


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
@pytest.mark.parametrize("path", PATHS)
def test_layout_holds_on_laptops_and_projectors(page, server_url, path, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    render(page, server_url, path, "lang=vi&commune=00577&commune=09877")
    page.wait_for_timeout(500)
    assert_layout_holds(page)


def test_filters_survive_a_page_switch_and_back(page, server_url):
    render(page, server_url, "", "commune=00454&commune=00577&year=2021&sector=electronics&lang=vi")
    keep = {"commune": ["00454", "00577"], "year": ["2021"], "sector": ["electronics"], "lang": ["vi"]}
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Nước thải", exact=True).click()
    page.wait_for_url(re.compile(r"/wastewater"), timeout=30_000)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    page.wait_for_function("() => window.location.search.includes('year=2021')", timeout=30_000)
    assert_link_keeps(page.url, keep)
    assert page.get_by_text("năm 2021").count() > 0
    page.go_back()
    page.wait_for_function("() => !window.location.pathname.includes('wastewater')", timeout=30_000)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    page.wait_for_function("() => window.location.search.includes('year=2021')", timeout=30_000)
    assert_link_keeps(page.url, keep)
    assert_clean(page)


def test_the_checks_can_fail(page, server_url):
    """The helpers above are not vacuous: a console error, a lost filter and an overflow are caught."""
    render(page, server_url, "", "lang=en")
    page.evaluate("() => console.error('boom')")
    page.wait_for_timeout(200)
    assert "boom" in " ".join(own_console_errors(page))
    with pytest.raises(AssertionError):
        assert_clean(page)
    with pytest.raises(AssertionError, match="lost"):
        assert_link_keeps(f"{server_url}/?lang=en", {"lang": ["en"], "year": ["2024"]})
    page.evaluate("() => { const d = document.createElement('div'); d.style.width = '5000px';"
                  " d.style.height = '10px'; document.body.appendChild(d); }")
    with pytest.raises(AssertionError, match="sideways"):
        assert_layout_holds(page)


def test_deep_link_to_a_commune_profile_in_vietnamese(page, server_url):
    render(page, server_url, "commune", "commune=bat-trang&lang=vi&year=2025")
    assert_clean(page)
    assert_link_keeps(page.url, {"commune": ["00577"], "lang": ["vi"]})
    assert page.get_by_text("Xã Bát Tràng").count() > 0
    assert page.get_by_text("Làng nghề được công nhận").count() > 0
    assert page.get_by_text("Hình thành từ").count() > 0


@pytest.mark.parametrize(("link", "path", "card"), [("Cụm nào chưa đạt", "wastewater", "ww_failures"),
                                                     ("Tiến độ và yêu cầu", "supporting", "si_pace")])
def test_an_overview_link_opens_the_section_it_names(page, server_url, link, path, card):
    """'Where the gap is' opened the top of the Wastewater page, not the clusters it names."""
    render(page, server_url, "", "lang=vi&year=2024&commune=00577")
    page.locator('[data-testid="stPageLink"]').get_by_text(link, exact=True).click()
    page.wait_for_url(re.compile(f"/{path}"), timeout=30_000)
    page.wait_for_selector(f".st-key-card_{card}", timeout=60_000)
    page.wait_for_function(f"""() => {{ const r = document.querySelector('.st-key-card_{card}').getBoundingClientRect();
        return r.top >= -2 && r.top < window.innerHeight / 3; }}""", timeout=30_000)
    page.wait_for_function("() => !window.location.search.includes('section=')", timeout=30_000)
    assert_link_keeps(page.url, {"lang": ["vi"], "year": ["2024"], "commune": ["00577"]})
    assert page.evaluate("() => document.querySelector('[data-testid=\"stMain\"] h1').getBoundingClientRect().top") < 0
    assert_clean(page)


def test_the_sidebars_filters_open_within_a_laptop_screen(page, server_url):
    """With eleven pages in the navigation, the year box sat at the bottom edge of a 1366 × 768 screen and opened its
    list off the screen (no year could be chosen): the language control now comes after the filters."""
    render(page, server_url, "", "lang=vi")
    boxes = [b.bounding_box() for b in page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').all()]
    assert len(boxes) == 2 and all(b["y"] + b["height"] <= 768 - 60 for b in boxes), boxes
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').first.click()
    page.get_by_role("option", name="2020").click(timeout=10_000)
    page.wait_for_url(re.compile(r"year=2020"), timeout=30_000)
