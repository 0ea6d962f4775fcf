"""Streamlit's own words on a Vietnamese page: none left in English, in open dropdowns, popovers and text boxes too."""

from __future__ import annotations

import re

import pytest

from industry.app import frontend
from industry.core import i18n
from industry.tools.browser import wait_for_app
from tests.browser_checks import READY, render

# every text the reader can see or hear, with its element (Material icon names such as "science" are not words)
VISIBLE_TEXT = """() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode, el = node.parentElement;
    if (!el || el.closest('style, script, svg, canvas, code')) continue;  // code is a name, in no language
    const style = getComputedStyle(el);
    if (style.fontFamily.includes('Material')) continue;
    const live = el.closest('[aria-live]');
    const box = el.getBoundingClientRect();
    if (!live && (style.display === 'none' || style.visibility === 'hidden' || (box.width === 0 && box.height === 0)))
      continue;
    const text = node.nodeValue.trim();
    if (text) out.push(text);
  }
  for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) out.push(el.placeholder);
  return out;
}"""


def english_vocabulary() -> set[str]:
    """The words Streamlit writes, and the dashboard's English words, that Vietnamese does not also use (CSV,
    Excel, Enter, pH, COD…)."""
    english = " ".join(list(frontend.WORDS) + list(frontend.PATTERNS) + list(i18n.strings("en").values()))
    vietnamese = " ".join(i18n.strings("vi").values())
    words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", english)}
    return words - {w.lower() for w in re.findall(r"[A-Za-z]{3,}", vietnamese)}


ENGLISH = english_vocabulary()


def english_in(texts: list[str]) -> set[str]:
    """The texts that hold an English word (a text with a Vietnamese letter in it is Vietnamese)."""
    return {t for t in texts if not re.search(r"[à-ỹđ]", t.lower())
            and any(w.lower() in ENGLISH for w in re.findall(r"[A-Za-z]{3,}", t))}


def seen(page) -> list[str]:
    return page.evaluate(VISIBLE_TEXT)


def open_every_dropdown(page, texts: list[str]) -> None:
    """Open each select box and multiselect, read its list, type what matches nothing, read again, close it."""
    for box in page.locator('[data-testid="stSelectbox"] input, [data-testid="stMultiSelect"] input').all():
        if not box.is_visible():
            continue
        box.click()
        page.wait_for_timeout(250)
        texts += seen(page)
        box.fill("zzqx")
        page.wait_for_timeout(250)
        texts += seen(page)
        page.keyboard.press("Escape")
        page.wait_for_timeout(100)


def open_every_popover_and_expander(page, texts: list[str]) -> None:
    for summary in page.locator('[data-testid="stMain"] [data-testid="stExpander"] summary').all():
        summary.click()
    for button in page.locator('[data-testid="stPopoverButton"]').all():
        button.click()
        page.wait_for_timeout(400)
        texts += seen(page)
        button.click()  # closes it
        page.wait_for_timeout(200)
    texts += seen(page)


def type_into_the_former_name_box(page, texts: list[str]) -> None:
    summary = page.locator('[data-testid="stSidebar"] [data-testid="stExpander"] summary').first
    if not summary.is_visible():  # the Present page keeps its sidebar closed
        return
    box = page.locator('[data-testid="stSidebar"] [data-testid="stTextInput"] input').first
    summary.click()
    page.wait_for_timeout(400)
    if not box.is_visible():  # the first click closed the list a dropdown above it had left open
        summary.click()
    box.wait_for(state="visible")
    page.wait_for_timeout(400)  # the expander opens at the bottom of the sidebar: let it settle, then bring it up
    box.scroll_into_view_if_needed()
    box.click()
    box.type("Kim")  # not yet applied: Streamlit's "Press Enter to apply" shows under it
    page.wait_for_timeout(300)
    texts += seen(page)
    page.keyboard.press("Escape")


def rendered(page, server_url: str, path: str, query: str) -> None:
    """The page drawn, and the script that rewrites Streamlit's words run."""
    render(page, server_url, path, query)
    page.wait_for_function("() => window.__dashboardWords !== undefined", timeout=30_000)


def english_on(page, server_url: str, path: str) -> set[str]:
    rendered(page, server_url, path, "lang=vi&year=2024&commune=00577")
    texts = seen(page)
    open_every_popover_and_expander(page, texts)
    open_every_dropdown(page, texts)
    type_into_the_former_name_box(page, texts)
    return english_in(texts)


def test_every_streamlit_word_has_a_vietnamese_one_and_english_keeps_streamlits():
    english = frontend.table(i18n.Translator("en"), (2018, 2025))
    vietnamese = frontend.table(i18n.Translator("vi"), (2018, 2025))
    assert english["words"] == {} and english["patterns"] == []  # nothing rewritten: "1 option available." stays
    # a metric card's trend line says what it is, in the page's language
    assert english["trend"] == "{label}: its trend over the years 2018–2025, drawn as a small line"
    assert vietnamese["trend"].startswith("{label}: xu hướng qua các năm 2018–2025")
    en = i18n.strings("en")
    assert {w: en[f"streamlit.{k}"] for w, k in frontend.WORDS.items()} == {w: w for w in frontend.WORDS}, \
        "en.toml's streamlit.* must be Streamlit's own words"
    assert all(v != k for k, v in vietnamese["words"].items())
    assert english_in(list(vietnamese["words"].values())) == set()


def test_the_commune_multiselect_has_no_select_all(app):
    """Streamlit's "Select all" is English, and it would put all 126 codes (about 1,800 characters) in the link."""
    at = app()
    assert at.multiselect(key="commune").proto.select_all == 0


@pytest.mark.parametrize("path", list(READY))
def test_a_vietnamese_page_shows_no_english_word_of_streamlits(page, server_url, path):
    found = english_on(page, server_url, path)
    assert found == set(), f"/{path}?lang=vi shows English: {sorted(found)}"


def test_the_check_finds_streamlits_english_when_the_words_are_not_rewritten(page, server_url):
    found = set()
    for path in ("present", "map"):
        rendered(page, server_url, path, "lang=vi")
        page.evaluate("() => { window.__dashboardObserver.disconnect(); window.__dashboardWords = {words: {}, patterns: []}; }")
        texts = seen(page)
        open_every_popover_and_expander(page, texts)
        open_every_dropdown(page, texts)
        type_into_the_former_name_box(page, texts)
        found |= english_in(texts)
    assert {"No results", "Press Enter to apply", "Upload", "50MB per file"} <= found, found


def test_back_in_english_streamlits_words_are_its_own(page, server_url):
    rendered(page, server_url, "map", "lang=vi")
    page.locator('[data-testid="stSidebar"] button:has-text("English")').first.click()
    page.wait_for_function("() => document.documentElement.lang === 'en' || !document.body.innerText.includes('Bản đồ')",
                           timeout=30_000)
    wait_for_app(page)
    page.wait_for_timeout(500)
    texts = seen(page)
    assert "Skip to main content" in texts
    assert "Chuyển đến nội dung chính" not in texts
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input').first
    box.click()
    box.fill("zzqx")
    page.wait_for_timeout(300)
    assert "No results" in seen(page)
