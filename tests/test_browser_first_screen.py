"""What a page shows below its first screen is drawn after the first screen, in Chromium, as a reader opens the page:
the first screen's charts are drawn before the rest is sent, a line in the page's language holds its place meanwhile,
and a later run of the same page (a year chosen in the sidebar) draws everything at once."""

from __future__ import annotations

import contextlib
import json
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from industry.app import first_screen
from industry.core.i18n import Translator
from industry.tools.browser import wait_for_drawn
from tests.browser_checks import assert_clean

# from before the page's scripts run: when the first screen's first chart drew, when a card below it first appeared,
# and whether the placeholder line and its hidden button were ever on the page (reset by the test between runs)
WATCH = """(() => {
  window.__fs = {chart: 0, below: 0, placeholder: false, button: false, text: ''};
  const look = () => {
    const now = performance.now(), fs = window.__fs;
    if (!fs.chart && document.querySelector('.st-key-ww_rate_chart .main-svg')) fs.chart = now;
    if (!fs.below && document.querySelector('.st-key-card_ww_communes')) fs.below = now;
    if (document.querySelector(FOLD)) fs.button = true;
    const main = document.querySelector('[data-testid="stMain"]');
    if (main && fs.text && main.innerText.includes(fs.text)) fs.placeholder = true;
  };
  new MutationObserver(look).observe(document, {subtree: true, childList: true});
})();""".replace("FOLD", json.dumps(first_screen.SELECTOR))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_rest_of_the_wastewater_page_comes_after_its_first_screen(page, server_url, lang):
    tr = Translator(lang)
    page.add_init_script(WATCH.replace("text: ''", f"text: {tr('app.drawing_rest')!r}"))
    page.goto(f"{server_url}/wastewater?lang={lang}&year=2025")
    wait_for_drawn(page)
    seen = page.evaluate("() => window.__fs")
    assert seen["button"] and seen["placeholder"], seen  # the rest waited, and said so in the page's language
    assert 0 < seen["chart"] < seen["below"], seen  # the first screen's chart was drawn before the rest was sent
    for card in ("ww_communes", "ww_failures", "ww_no_plant", "ww_unreported", "ww_drill", "ww_limits"):
        assert page.locator(f".st-key-card_{card}").count() == 1, card
    assert page.locator(first_screen.SELECTOR).count() == 0
    assert page.locator(".st-key-ww_communes_chart .main-svg").count() > 0
    assert_clean(page)

    # the same page again with another year, chosen in the sidebar: drawn at once, no placeholder
    page.evaluate("() => { window.__fs.button = false; window.__fs.placeholder = false; }")
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').first.click()
    page.get_by_role("option", name="2021").click(timeout=10_000)
    page.wait_for_url(re.compile(r"year=2021"), timeout=30_000)
    wait_for_drawn(page)
    page.locator(".st-key-card_ww_communes").get_by_text("2021").first.wait_for(timeout=30_000)
    seen = page.evaluate("() => window.__fs")
    assert not seen["button"] and not seen["placeholder"], seen
    assert_clean(page)


def test_a_widget_below_the_first_screen_redraws_only_its_part(page, server_url):
    """The cluster picker below the first screen draws its cluster's samples (the part is drawn by a run of its own)."""
    page.goto(f"{server_url}/wastewater?lang=vi&year=2025")
    wait_for_drawn(page)
    box = page.locator(".st-key-ww_site input")
    box.scroll_into_view_if_needed()
    for _ in range(3):  # a click while the page still settles may not open the list: click again, as a person does
        box.click()
        with contextlib.suppress(PlaywrightTimeout):
            page.get_by_role("option").nth(1).wait_for(timeout=5_000)
            break
    second = page.get_by_role("option").nth(1).inner_text().strip()
    page.get_by_role("option", name=second, exact=True).click(timeout=10_000)
    page.locator(".st-key-card_ww_drill").get_by_text(second).first.wait_for(timeout=30_000)
    wait_for_drawn(page)
    assert page.locator(".st-key-card_ww_drill .main-svg").count() > 0
    assert page.locator(".st-key-card_ww_rate .main-svg").count() > 0  # the first screen is still there
    assert_clean(page)
