"""What only a browser shows: the dashboard served by Streamlit, driven in Debian's Chromium."""

import re

import duckdb

from industry import formats, metrics
from industry.browser import wait_for_app


def open_page(page, url):
    page.goto(url)
    wait_for_app(page)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)


def metric_values(page):
    return [e.inner_text().strip() for e in page.query_selector_all('[data-testid="stMetricValue"]')]


def own_errors(page):
    """Console errors, without Streamlit's own probes of /<page>/_stcore/… on a deep link."""
    return [e for e in page.console_errors if "_stcore" not in e and "404" not in e]


def test_overview_renders_offline_without_errors(page, server_url):
    open_page(page, f"{server_url}/?lang=en")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    assert page.query_selector('[data-testid="stException"]') is None
    assert page.get_by_text("Demonstration data").count() >= 1
    assert len(metric_values(page)) == 4
    assert page.external_requests == [], page.external_requests
    assert own_errors(page) == []


def test_deep_link_reproduces_the_view(page, server_url, demo_db):
    open_page(page, f"{server_url}/?commune=00454&commune=00577&year=2021&sector=electronics&lang=vi")
    con = duckdb.connect(str(demo_db), read_only=True)
    ent = metrics.enterprises_by_year(con, ["00454", "00577"], "electronics").set_index("year").loc[2021]
    clusters = metrics.clusters_by_year(con, ["00454", "00577"]).set_index("year").loc[2021]
    con.close()
    values = metric_values(page)
    assert values[0] == formats.number(clusters["clusters_count"], "vi")
    assert values[2] == formats.percent(ent["si_certified_pct"], "vi")
    assert page.get_by_text("Tổng quan").count() >= 1
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("Xã Đông Anh").count() >= 1
    assert sidebar.get_by_text("Xã Bát Tràng").count() >= 1
    assert own_errors(page) == []


def test_changing_a_filter_updates_the_url_and_survives_a_page_switch(page, server_url):
    open_page(page, f"{server_url}/?lang=en")
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="2020").click()
    page.wait_for_url(re.compile(r"year=2020"), timeout=30_000)
    wait_for_app(page)
    assert "year=2020" in page.url and "lang=en" in page.url
    page.reload()
    wait_for_app(page)
    page.wait_for_selector('[data-testid="stMetricValue"]')
    assert "year=2020" in page.url


def test_typing_without_accents_finds_the_commune(page, server_url):
    open_page(page, f"{server_url}/?lang=en")
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input')
    box.click()
    box.fill("dong anh")
    option = page.get_by_role("option", name=re.compile("Xã Đông Anh"))
    option.first.wait_for(timeout=10_000)
    option.first.click()
    page.wait_for_url(re.compile(r"commune=00454"), timeout=30_000)
    box.fill("hoa lac")
    page.get_by_role("option", name=re.compile("Xã Hoà Lạc")).first.wait_for(timeout=10_000)
    box.fill("Hòa Lạc")  # the other tone-mark spelling
    page.get_by_role("option", name=re.compile("Xã Hoà Lạc")).first.wait_for(timeout=10_000)


def test_switching_language_changes_labels_and_number_format(page, server_url):
    open_page(page, f"{server_url}/?lang=vi&year=2025")
    assert "1.350" in metric_values(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.wait_for_url(re.compile(r"lang=en"), timeout=30_000)
    wait_for_app(page)
    page.get_by_text("Clusters in operation").first.wait_for(timeout=30_000)
    assert "1,350" in metric_values(page)


def test_csv_download_opens_with_its_bom(page, server_url):
    open_page(page, f"{server_url}/?lang=vi")
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="CSV").first.click()
    data = open(info.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "Tỷ lệ đạt chuẩn (%)" in text.splitlines()[0]
    assert info.value.suggested_filename.endswith(".csv")
