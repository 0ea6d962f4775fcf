"""The communes' returns in Chromium, as the department's statistician takes them in: sign in on the Vietnamese
Import page, upload returned workbooks (one with a mistake), read what each changes, upload the corrected one, accept
the communes' returns and see the board say so; a commune downloads its own workbook from its profile."""

import io
import re

import duckdb
import openpyxl

from industry.files import returns
from industry.tools.browser import wait_for_app
from tests.test_browser_import import sign_in_vi

PERIOD = returns.current_period()


def _workbook(live, code: str, name: str, tmp_path, change) -> str:
    with duckdb.connect(str(live), read_only=True) as con:
        data = returns.workbook(con, returns.Commune(code, name), PERIOD)
    path = tmp_path / returns.file_name(code, name, PERIOD)
    path.write_bytes(data)
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return str(path)


def test_returns_go_in_through_the_import_page_and_the_board_says_so(chromium, import_server, tmp_path):
    url, live = import_server
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    try:
        # a commune downloads its own workbook from its profile
        page.goto(f"{url}/commune?commune=00577&lang=vi")
        wait_for_app(page)
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name=f"Tải mẫu báo cáo của Xã Bát Tràng (kỳ {PERIOD.label})").click()
        assert info.value.suggested_filename == returns.file_name("00577", "Xã Bát Tràng", PERIOD)
        own = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
        assert own["_ky_bao_cao"].sheet_state == "veryHidden" and own["Làng nghề"]["B4"].value == "Làng gốm Bát Tràng"

        first = tmp_path / "first"
        first.mkdir()
        bat_trang = _workbook(live, "00577", "Xã Bát Tràng", first, lambda b: b["Làng nghề"].__setitem__("D4", 64))
        mistaken = _workbook(live, "00004", "Phường Ba Đình", first,
                             lambda b: b["Làng nghề"].__setitem__("D4", "nhiều") if b["Làng nghề"]["A4"].value
                             else b["Hoạt động khuyến công"].__setitem__("F4", "nhiều"))
        sign_in_vi(page, url)
        dropzone = page.locator('[class*="st-key-returns_files"] [data-testid="stFileUploaderDropzoneInput"]')
        dropzone.set_input_files([bat_trang, mistaken])
        page.get_by_role("button", name="Đọc 2 báo cáo gửi lại").click()
        page.get_by_text("Số hộ làm nghề: 60 → 64").wait_for(timeout=60_000)
        page.get_by_text("Đã gửi, có lỗi").first.wait_for(timeout=10_000)
        assert "Cần một số nguyên không âm" in page.inner_text("body") or "Cần một số không âm" in page.inner_text("body")

        # the corrected workbook, uploaded again: the later return stands
        second = tmp_path / "second"
        second.mkdir()
        corrected = _workbook(live, "00004", "Phường Ba Đình", second, lambda b: None)
        dropzone.set_input_files([corrected])
        page.get_by_role("button", name="Đọc 1 báo cáo gửi lại").click()
        page.get_by_text("Thay bản đã nhận").wait_for(timeout=60_000)
        board = page.locator(".st-key-card_returns_board")
        board.get_by_text("Tình hình báo cáo kỳ").wait_for(timeout=30_000)
        assert "2/126 xã, phường đã gửi" in board.inner_text()

        # the statistician picks the commune waiting and accepts its return
        box = page.locator('.st-key-returns_chosen input')
        box.click()
        box.fill("bat trang")  # typed without accents, as on a phone
        option = page.get_by_role("option", name=re.compile("Xã Bát Tràng"))
        option.wait_for(timeout=10_000)
        option.click()
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Chấp nhận 1 báo cáo chờ duyệt").click()
        page.get_by_text("Đã chấp nhận báo cáo của Xã Bát Tràng").wait_for(timeout=120_000)
        with duckdb.connect(str(live.resolve()), read_only=True) as con:
            assert con.execute("select households from craft_villages where village_id = 'V0001'").fetchall() == [(64,)]
        page.screenshot(path=str(tmp_path / "board.png"), full_page=True)
        assert page.query_selector('[data-testid="stException"]') is None
    finally:
        context.close()
