"""Checks the browser tests share: a page rendered cleanly, a link kept its filters, a layout holds."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlparse

from industry.core.i18n import Translator
from industry.tools.browser import DRAWN, wait_for_app

READY = {
    "": ".js-plotly-plot .main-svg",
    "map": '[data-testid="stDeckGlJsonChart"] canvas',
    "wastewater": ".js-plotly-plot .main-svg",
    "supporting": ".js-plotly-plot .main-svg",
    "programmes": '[data-testid="stDataFrame"]',
    "villages": ".js-plotly-plot .main-svg",
    "commune": ".js-plotly-plot .main-svg",
    "activities": ".js-plotly-plot .main-svg",
    "present": '[data-testid="stMain"] h1',  # the title slide: text only
    "addresses": '[data-testid="stFileUploader"]',
    "data_import": '[data-testid="stAlert"]',  # without a password: the note on how to set one
}
TIMINGS: dict[str, float] = {}


def render(page, base: str, path: str, query: str) -> float:
    """Open a page and wait until it has drawn (title, every chart, every map); return the seconds it took."""
    started = time.perf_counter()
    page.goto(f"{base}/{path}?{query}")
    wait_for_app(page)
    page.wait_for_selector(READY[path], timeout=60_000)  # the page's own first chart or table
    page.wait_for_function(DRAWN, timeout=60_000)  # then every chart and map on it, below the first screen too
    elapsed = time.perf_counter() - started
    TIMINGS[f"/{path}?{query}"] = elapsed
    return elapsed


# a folded card (a long list, its finding on one line until opened): the card's element holds an expander
FOLDED = '[class*="st-key-card_"]:has(> [data-testid="stExpander"])'


def open_folded(page, *keys: str) -> int:
    """Open the page's folded lists (those of `keys`, or every one), as a reader does: a click on each one's line,
    then a wait until its downloads are drawn. Returns how many were opened."""
    cards = [page.locator(f".st-key-card_{key}") for key in keys] or [
        page.locator(FOLDED).nth(i) for i in range(page.locator(FOLDED).count())]
    for card in cards:
        card.locator("summary").first.click()
        card.locator('[data-testid="stDownloadButton"]').first.wait_for(timeout=60_000)
    return len(cards)


def own_console_errors(page) -> list[str]:
    """Console errors, without Streamlit's own probes of /<page>/_stcore/… on a deep link (404)."""
    return [e for e in page.console_errors if "_stcore" not in e and "status of 404" not in e]


FAILED = tuple(Translator(lang)("app.page_failed")[:40] for lang in ("vi", "en"))


def assert_clean(page) -> None:
    assert page.query_selector('[data-testid="stException"]') is None, "a Streamlit exception is shown"
    said = page.inner_text("body")
    assert not any(sentence in said for sentence in FAILED), "the page says it failed"
    assert own_console_errors(page) == [], own_console_errors(page)
    assert page.external_requests == [], page.external_requests


def assert_link_keeps(url: str, expected: dict[str, list[str]]) -> None:
    """Every filter of `expected` is in the URL with the same values."""
    query = parse_qs(urlparse(url).query)
    missing = {k: v for k, v in expected.items() if query.get(k) != v}
    assert not missing, f"the link lost {missing}: {url}"


def assert_layout_holds(page) -> None:
    """No horizontal scrolling, and no two charts overlap."""
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"
    boxes = [b for b in (e.bounding_box() for e in page.query_selector_all(
        '[data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"]')) if b]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap_x = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
            overlap_y = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
            assert overlap_x <= 1 or overlap_y <= 1, f"charts overlap: {a} {b}"
