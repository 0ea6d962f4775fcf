"""The Convert addresses page: one address in a sentence, a list uploaded in the browser, downloaded with its communes."""

import csv
import io

import pytest
from openpyxl import load_workbook

from industry.core.i18n import Translator
from industry.tools.browser import wait_for_app
from tests.browser_checks import assert_clean, render

PAGE = "pages/addresses.py"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_one_address_reads_as_its_commune_or_its_candidates(app, lang):
    at = app(PAGE, lang=lang)
    assert not at.exception
    at.text_input(key="addr_one").input("Lô 7, CCN Bát Tràng, Xã Bát Tràng, Hà Nội").run()
    assert "Xã Bát Tràng" in at.success[0].value and "00577" in at.success[0].value
    at.text_input(key="addr_one").input("P. Dịch Vọng Hậu, Q. Cầu Giấy, HN").run()
    text = at.main.warning[-1].value
    assert "(00160)" in text and "(00166)" in text and "P. Dịch Vọng Hậu, Q. Cầu Giấy" in text
    at.text_input(key="addr_one").input("Quận 1, TP Hồ Chí Minh").run()
    assert Translator(lang)("addresses.match_other_province") in at.info[0].value
    at.text_input(key="addr_one").input("abc").run()
    assert not at.exception and at.main.info and not at.main.success
    at.text_input(key="addr_one").input("Cum CN Phu Nghia, Chuong My").run()  # a site the dashboard knows
    said = at.success[0].value
    assert "Xã Phú Nghĩa" in said and Translator(lang)("addresses.match_site") in said, said


LIST = [("Tên doanh nghiệp", "Địa chỉ trụ sở", "Ghi chú"),
        ("Công ty A", "Số 5, ngõ 2, P. Dịch Vọng Hậu, Q. Cầu Giấy, HN", "x"),
        ("Công ty B", "Xã Bát Tràng, Hà Nội", ""),
        ("Công ty C", "Quận 1, TP Hồ Chí Minh", ""),
        ("Công ty D", "Thôn 3, xã Phú Nghĩa, huyện Chương Mỹ", "")]


def test_a_list_uploaded_shows_the_rows_to_decide_first_and_downloads_whole(page, server_url, tmp_path):
    source = tmp_path / "danh sách doanh nghiệp.csv"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(LIST)
    source.write_bytes(buffer.getvalue().encode("utf-8"))
    render(page, server_url, "addresses", "lang=vi")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(source))
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    wait_for_app(page)
    values = [v.inner_text() for v in page.locator('[data-testid="stMetricValue"]').all()]
    assert values == ["2", "1", "0", "1", "0"]
    assert page.get_by_text("2 dòng cần quyết định", exact=False).count() == 1
    # the column that looks like an address is chosen for the reader
    assert "Địa chỉ trụ sở" in page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.inner_html()
    with page.expect_download() as info:
        page.get_by_role("button", name="Danh sách kèm xã, phường mới (Excel)").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert info.value.suggested_filename == "danh-sach-doanh-nghiep-xa-phuong-moi.xlsx"
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0] == (*LIST[0], "commune_code", "commune_name", "candidates", "match")
    assert [r[0] for r in rows[1:]] == [r[0] for r in LIST[1:]]
    assert rows[2][3:] == ("00577", "Xã Bát Tràng", None, "new") and rows[4][3] == "10030"
    assert_clean(page)


def test_a_file_that_is_not_a_list_says_why_and_nothing_breaks(page, server_url, tmp_path):
    bad = tmp_path / "anh.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a workbook at all")
    render(page, server_url, "addresses", "lang=vi")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.wait_for_selector('[data-testid="stAlertContentError"]', timeout=60_000)
    assert "anh.xlsx" in page.locator('[data-testid="stAlertContentError"]').first.inner_text()
    assert page.query_selector('[data-testid="stException"]') is None
