"""Tables read in the page's language whatever the reader's browser is set to: an official's computer set to
English or to Vietnamese shows the same table, pixel for pixel, on the Vietnamese page and on the English page (a
number formatted by the browser would read 7.6 on one and 7,6 on the other)."""

from __future__ import annotations

import pytest

from industry.tools.browser import wait_for_app

LOCALES = ("en-US", "vi-VN")


def _table_picture(chromium, url: str, locale: str) -> bytes:
    context = chromium.new_context(viewport={"width": 1920, "height": 1000}, locale=locale)
    try:
        page = context.new_page()
        page.goto(url)
        wait_for_app(page)
        table = page.locator('[data-testid="stDataFrame"]').first
        table.scroll_into_view_if_needed()
        previous = None
        for _ in range(20):  # the grid draws on its canvas after it is laid out: until two pictures agree
            page.wait_for_timeout(300)
            picture = table.screenshot()
            if picture == previous:
                return picture
            previous = picture
        return picture
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_table_reads_the_same_under_either_browser_locale(chromium, server_url, lang):
    url = f"{server_url}/programmes?lang={lang}&year=2025"
    pictures = {locale: _table_picture(chromium, url, locale) for locale in LOCALES}
    assert pictures["en-US"] == pictures["vi-VN"], f"the {lang} page's scorecard follows the browser's locale"


def test_the_two_languages_write_the_table_differently(chromium, server_url):
    """The check above can fail: the same browser shows the two page languages' tables differently."""
    pictures = {lang: _table_picture(chromium, f"{server_url}/programmes?lang={lang}&year=2025", "en-US")
                for lang in ("en", "vi")}
    assert pictures["en"] != pictures["vi"]
