"""The Present page in Chromium at projector size: chrome hidden, type large, arrow keys, the slide in the
link, and the PowerPoint downloaded from the page."""

import pytest
from pptx import Presentation

from industry.tools.browser import wait_for_app


def title(page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def open_present(page, url):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(url)
    wait_for_app(page)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    # the sidebar is drawn before the page's style arrives that hides it
    page.wait_for_selector('section[data-testid="stSidebar"]', state="hidden", timeout=30_000)


def test_a_slide_fills_the_screen_with_large_type(page, server_url):
    open_present(page, f"{server_url}/present?lang=vi&year=2025&slide=4")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert title(page).startswith("Tỷ lệ đạt chuẩn từ")
    assert not page.locator('section[data-testid="stSidebar"]').is_visible()
    assert not page.locator('header[data-testid="stHeader"]').is_visible()
    texts = ".st-key-slide h1, .st-key-slide p, .st-key-slide .main-svg text"
    sizes = page.evaluate(f"""() => [...document.querySelectorAll('{texts}')].filter(e => e.textContent.trim())
        .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert min(sizes) >= 20 and max(sizes) >= 48, sizes  # ticks ≥ 22 px, body ≥ 24 px, title 50 px
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 1
    box = page.locator(".st-key-present_bar").bounding_box()
    assert box["y"] + box["height"] <= 1080, "the controls are below the fold"
    assert page.external_requests == []


def test_a_smaller_screen_shows_the_whole_slide_scaled_to_its_height(page, server_url):
    """On a laptop of 1440 × 900, 1366 × 768 or 1280 × 720 the slide, its source and the controls fit on the screen,
    and the chart still spans the slide."""
    for width, height in ((1440, 900), (1366, 768), (1280, 720)):
        open_present(page, f"{server_url}/present?lang=en&year=2025&slide=5")
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        page.wait_for_timeout(1000)  # plotly redraws at the new size
        bar = page.locator(".st-key-present_bar").bounding_box()
        assert bar["y"] + bar["height"] <= height, f"the controls are below the fold at {width} × {height}"
        chart = page.locator(".st-key-slide .js-plotly-plot .main-svg").first.bounding_box()
        slide = page.locator(".st-key-slide").bounding_box()
        assert chart["width"] >= 0.9 * slide["width"], (width, chart, slide)
        assert chart["y"] + chart["height"] <= bar["y"], "the chart runs into the controls"
        assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 1


def press_and_wait(page, key: str, slide: int) -> None:
    page.keyboard.press(key)
    page.wait_for_function(f"() => window.location.search.includes('slide={slide}')", timeout=30_000)
    page.get_by_text(f"Slide {slide} of 8", exact=True).wait_for(timeout=30_000)


def test_arrow_keys_move_between_slides_and_the_link_follows(page, server_url):
    open_present(page, f"{server_url}/present?lang=en&year=2025")
    assert title(page) == "Industrial promotion in Hà Nội, 2025"
    page.locator(".st-key-present_next button").wait_for(timeout=30_000)  # its shortcut is live once it is drawn
    page.mouse.click(960, 20)  # focus the page (not a widget), as a presenter would
    press_and_wait(page, "ArrowRight", 2)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stMetricValue\"]').length === 4",
                           timeout=30_000)
    assert title(page).startswith("60.3% of operating clusters")  # as the cards write it
    press_and_wait(page, "ArrowRight", 3)
    press_and_wait(page, "ArrowLeft", 2)
    assert "slide=2" in page.url


def test_the_powerpoint_downloads_from_the_page(page, server_url, tmp_path):
    open_present(page, f"{server_url}/present?lang=vi&year=2025&slides=title,map")
    page.get_by_role("button", name="Xuất tệp").click()
    page.get_by_role("button", name="Tạo tệp PowerPoint (.pptx)").click()
    button = page.get_by_role("button", name="Tải tệp PowerPoint")
    button.wait_for(timeout=120_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    assert info.value.suggested_filename == "khuyen-cong-ha-noi-2025.pptx"  # named in the page's language
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    prs = Presentation(str(target))
    assert [s.shapes.title.text for s in prs.slides][0] == "Khuyến công Hà Nội năm 2025"
    assert len(prs.slides) == 2


def test_leaving_the_presentation_brings_the_sidebar_back(page, server_url):
    open_present(page, f"{server_url}/present?lang=en&year=2024&commune=00577")
    assert not page.locator('section[data-testid="stSidebar"]').is_visible()
    page.get_by_text("Leave the presentation").click()
    page.wait_for_function("() => !window.location.pathname.includes('present')", timeout=30_000)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    assert page.locator('section[data-testid="stSidebar"]').is_visible()
    page.wait_for_function("() => window.location.search.includes('commune=00577')", timeout=30_000)
    assert "year=2024" in page.url and "slide=" not in page.url


CHART_TEXTS = """() => {
  const svg = document.querySelector('.st-key-slide .js-plotly-plot .main-svg').getBoundingClientRect();
  const boxes = [...document.querySelectorAll('.st-key-slide .js-plotly-plot text')]
    .filter(t => t.textContent.trim()).map(t => [t.textContent, t.getBoundingClientRect()]);
  const out = boxes.filter(([, r]) => r.top < svg.top - 1 || r.bottom > svg.bottom + 1 || r.left < svg.left - 1
                                      || r.right > svg.right + 1).map(([t]) => t);
  const overlaps = [];
  boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, s]) => {
    if (r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1) overlaps.push([a, b]);
  }));
  return {out, overlaps};
}"""


@pytest.mark.parametrize("slide", [4, 5, 6])
def test_no_text_of_a_slide_chart_is_cut_off_or_covered_on_any_screen(page, server_url, slide):
    """The unit of the y axis, in Vietnamese the longest ("% số doanh nghiệp công nghiệp hỗ trợ"), is read across
    above the legend: turned along the axis it was cut off at the top on a slide scaled to 1280 × 720."""
    for width, height in ((1920, 1080), (1440, 900), (1366, 768), (1280, 720)):
        open_present(page, f"{server_url}/present?lang=vi&year=2025&slide={slide}")
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        page.wait_for_timeout(1000)  # plotly redraws at the new size
        texts = page.evaluate(CHART_TEXTS)
        assert texts == {"out": [], "overlaps": []}, (width, height, texts)
        if slide != 6:  # the programme slide's unit is its x axis's title
            assert page.get_by_text("% số", exact=False).first.is_visible()


def test_every_programme_bar_keeps_its_label_on_every_screen(page, server_url):
    """At 1280 × 720 and 1366 × 768 the programme slide labelled every other bar, and clipped the first letters."""
    for width, height in ((1920, 1080), (1366, 768), (1280, 720)):
        open_present(page, f"{server_url}/present?lang=vi&year=2025&slide=6")
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        page.wait_for_timeout(1000)
        bars = page.evaluate("() => document.querySelectorAll('.st-key-slide .js-plotly-plot .bars .point').length")
        labels = page.evaluate("""() => [...document.querySelectorAll('.st-key-slide .js-plotly-plot .ytick text')]
            .map(t => [t.textContent, t.getBoundingClientRect().left])""")
        assert bars == len(labels) >= 5, (width, height, bars, labels)
        assert all(left >= 0 for _, left in labels), (width, height, labels)


MAP_BOXES = """() => {
  const box = s => { const e = document.querySelector(s); if (!e) return null;
                     const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  return {map: box('.st-key-slide .js-plotly-plot .nsewdrag'), title: box('.st-key-slide h1'),
          legend: box('.st-key-slide_legend'), bar: box('.st-key-present_bar')};
}"""


def test_the_map_slide_draws_the_map_as_large_as_the_slide_allows(page, server_url):
    """The map was 330 of 1,920 px wide beside its legend: Hà Nội is taller than wide, so the map now takes the
    slide's whole height on the left, its finding, legend and source beside it."""
    for width, height in ((1920, 1080), (1366, 768), (1280, 720)):
        open_present(page, f"{server_url}/present?lang=vi&year=2025&slide=3")
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_selector(".js-plotly-plot .nsewdrag", timeout=60_000)
        page.wait_for_timeout(1000)  # plotly redraws at the new size
        boxes = page.evaluate(MAP_BOXES)
        mapped, title, bar = boxes["map"], boxes["title"], boxes["bar"]
        assert mapped["h"] >= 0.75 * height and mapped["w"] >= 0.33 * width, (width, height, boxes)
        assert title["x"] >= mapped["x"] + mapped["w"], "the finding is beside the map"
        assert boxes["legend"]["x"] >= mapped["x"] + mapped["w"] and boxes["legend"]["h"] > 0
        assert mapped["y"] + mapped["h"] <= bar["y"] and bar["y"] + bar["h"] <= height, "the controls stay on screen"
