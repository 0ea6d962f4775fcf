"""Every page as a person uses it, served as the dashboard is (no error details), in Vietnamese and in English: the
browser tab in the page's language, no traceback, no exception's text and no "Ask Google" button anywhere, the
commune profile's own picker found with or without accents and opening the profile, and every table drawn without a
"None" (read from its picture by tesseract, as a person sees it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from industry.core.i18n import Translator
from industry.tools.browser import server, wait_for_app, wait_for_drawn
from tests.browser_checks import READY, open_folded

WORDS_NEVER_SHOWN = ("Traceback", "Ask Google", "Ask ChatGPT", "StreamlitAPIException", "Error:", ".py\", line",
                     "StreamlitWidgetAlreadyInstantiatedError", "StreamlitDuplicateElementKey")
TAB = {"vi": "Khuyến công Hà Nội", "en": "Hà Nội industrial promotion"}


@pytest.fixture(scope="module")
def served(demo_db):
    with server(demo_db, error_details="none") as url:
        yield url


def _open(chromium, lang: str):
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN" if lang == "vi" else "en-GB")
    return context, context.new_page()


def _assert_said_well(page, lang: str) -> None:
    said = page.inner_text("body")
    for words in WORDS_NEVER_SHOWN:
        assert words not in said, words
    assert page.query_selector('[data-testid="stException"]') is None
    for other in ("vi", "en"):
        assert Translator(other)("app.page_failed")[:40] not in said, "the page says it failed"
    assert page.title().endswith(TAB[lang]) and (lang == "en" or "Industrial promotion" not in page.title()), \
        page.title()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_in_the_readers_language_with_no_error_shown(chromium, served, lang):
    context, page = _open(chromium, lang)
    try:
        for path, ready in READY.items():
            page.goto(f"{served}/{path}?lang={lang}&year=2025" + ("&commune=00577" if path == "commune" else ""))
            wait_for_app(page)
            try:
                page.wait_for_selector(ready, timeout=60_000)
            except Exception as exc:  # noqa: BLE001 - say which page did not draw, and what it said
                raise AssertionError(f"/{path} did not draw: {page.inner_text('body')[-600:]}") from exc
            _assert_said_well(page, lang)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_profiles_own_picker_finds_a_commune_typed_without_accents_and_opens_it(chromium, served, lang):
    context, page = _open(chromium, lang)
    try:
        page.goto(f"{served}/commune?lang={lang}&year=2025")
        wait_for_app(page)
        picker = page.locator(".st-key-profile_pick")
        picker.wait_for(timeout=60_000)
        option = page.get_by_role("option", name=re.compile("^Xã Bát Tràng"))
        for typed in ("bat trang", "battrang", "trang", "Bát Tràng"):
            picker.locator("input").click()
            page.keyboard.type(typed, delay=20)
            option.first.wait_for(timeout=10_000)
            said = " ".join(page.get_by_role("option").all_inner_texts())
            assert "Toàn thành phố" not in said and "Whole city" not in said
            page.keyboard.press("Escape")
            picker.locator("input").fill("")
        picker.locator("input").click()
        page.keyboard.type("bat trang", delay=20)
        option.first.click()
        page.get_by_role("heading", name="Xã Bát Tràng", exact=True).first.wait_for(timeout=60_000)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        assert "commune=00577" in page.url
        _assert_said_well(page, lang)
    finally:
        context.close()


def _drawn_text(table, folder, name: str) -> str:
    """What a table shows, read from its picture as a person reads it."""
    picture = folder / f"{name}.png"
    table.screenshot(path=str(picture))
    assert shutil.which("tesseract"), "install Debian's tesseract-ocr and tesseract-ocr-vie (the README's test command)"
    # one thread: on a small picture tesseract's own threads (OpenMP, as many as cores) cost more than they give,
    # 5 s a table against 0.9 s on two cores, the same words read
    return subprocess.run([shutil.which("tesseract"), str(picture), "-", "-l", "vie+eng", "--psm", "6"],
                          capture_output=True, text=True, check=True,
                          env=dict(os.environ, OMP_THREAD_LIMIT="1")).stdout


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_table_draws_a_missing_value_as_none(chromium, served, lang, tmp_path):
    """Wastewater and Villages (seen drawing "None" in grey) and the tables of every other page with a grid."""
    context, page = _open(chromium, lang)
    read = 0
    try:
        for path in ("wastewater", "villages", "map", "supporting", "programmes", "activities"):
            page.goto(f"{served}/{path}?lang={lang}&year=2025")
            wait_for_drawn(page)  # below the first screen too: every grid of the page is there
            page.wait_for_selector(READY[path], timeout=60_000)
            open_folded(page)  # and the lists a reader opens
            grids = page.locator('[data-testid="stDataFrame"]')
            grids.first.wait_for(timeout=60_000)
            for i in range(grids.count()):
                grid = grids.nth(i)
                grid.scroll_into_view_if_needed()
                page.wait_for_timeout(600)  # the grid draws on its canvas once laid out
                text = _drawn_text(grid, tmp_path, f"{path}-{i}")
                read += bool(text.strip())
                assert not re.search(r"\bNone\b", text), (path, i, text)
    finally:
        context.close()
    assert read >= 6  # the pictures were read: a table's words came out of each page


def _as_number(text: str, lang: str) -> float:
    plain = text.replace("\u2007", "").strip()
    plain = plain.replace(".", "").replace(",", ".") if lang == "vi" else plain.replace(",", "")
    return float(plain)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_table_cell_reads_as_it_is_drawn_and_its_column_sorts_as_numbers(chromium, served, lang):
    """What a screen reader reads of a table's cell (the grid's accessible cell) is the number as drawn, "7,53" on a
    Vietnamese page, never the raw "7.53", a time "00:00:00", "true" or "None"; a click on the column's header sorts
    it by the numbers, up, then down."""
    raw = re.compile(r"^\d+\.\d{1,2}$" if lang == "vi" else r"^\d{4,}\.\d+$|^\d{5,}$")
    context, page = _open(chromium, lang)
    try:
        page.goto(f"{served}/wastewater?lang={lang}&year=2025")
        wait_for_app(page)
        page.wait_for_selector(READY["wastewater"], timeout=60_000)
        grids = page.locator('[data-testid="stDataFrame"]')
        grids.first.wait_for(timeout=60_000)
        open_folded(page, "ww_no_plant")  # the clusters without a plant: a list opened with a click
        for i in (0, 1):  # the worst results (mg/l, two decimals) and the clusters (area, ha, one decimal)
            grid = grids.nth(i)
            grid.scroll_into_view_if_needed()
            page.wait_for_timeout(800)
            cells = grid.evaluate("el => [...el.querySelectorAll('[role=gridcell]')].map(c => c.textContent)")
            assert cells, i
            for text in cells:
                assert not raw.match(text.strip()), (i, text)
                for word in ("00:00:00", "true", "false", "None", "nan", "NaT"):
                    assert word not in text, (i, text)
            last = ("el => [...el.querySelectorAll('[role=row]')].slice(1)"
                    ".map(r => [...r.querySelectorAll('[role=gridcell]')].map(c => c.textContent).at(-1))")
            box = grid.bounding_box()
            shown = [_as_number(t, lang) for t in grid.evaluate(last)]
            assert len(shown) >= 4 and any(v != round(v) for v in shown) == (i == 0), shown
            page.mouse.click(box["x"] + box["width"] - 30, box["y"] + 17)  # the last column's header
            page.wait_for_timeout(800)
            up = [_as_number(t, lang) for t in grid.evaluate(last)]
            assert up == sorted(up) and up != shown, up
            page.mouse.click(box["x"] + box["width"] - 30, box["y"] + 17)
            page.wait_for_timeout(800)
            down = [_as_number(t, lang) for t in grid.evaluate(last)]
            assert down == sorted(down, reverse=True), down
    finally:
        context.close()
