"""What only a browser shows: the dashboard served by Streamlit, driven in Debian's Chromium."""

import re

import duckdb

from industry.core import formats
from industry.data import metrics
from industry.tools.browser import wait_for_app, wait_for_drawn


def open_page(page, url):
    page.goto(url)
    wait_for_app(page)
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stMetricValue\"]').length >= 4",
                           timeout=60_000)


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


def test_the_overview_by_its_name_opens_with_the_links_filters(page, server_url, demo_db):
    """Streamlit serves the default page at / only; /overview, as someone may write it, opens the same view."""
    open_page(page, f"{server_url}/overview?commune=00454&commune=00577&year=2021&sector=electronics&lang=vi")
    page.wait_for_url(re.compile(r"/\?commune=00454&commune=00577&year=2021"), timeout=30_000)
    con = duckdb.connect(str(demo_db), read_only=True)
    clusters = metrics.clusters_by_year(con, ["00454", "00577"]).set_index("year").loc[2021]
    con.close()
    assert metric_values(page)[0] == formats.number(clusters["clusters_count"], "vi")
    assert page.get_by_text("Page not found").count() == 0 and page.locator('[role="dialog"]').count() == 0
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
    vi = metric_values(page)
    assert any(v.endswith("%") and "," in v for v in vi), vi  # 60,3%
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.wait_for_url(re.compile(r"lang=en"), timeout=30_000)
    wait_for_app(page)
    page.get_by_text("Clusters in operation").first.wait_for(timeout=30_000)
    en = metric_values(page)
    assert any(v.endswith("%") and "." in v for v in en), en  # 60.3%
    assert [re.sub(r"\D", "", v) for v in vi] == [re.sub(r"\D", "", v) for v in en]  # the same figures


def test_csv_download_opens_with_its_bom(page, server_url):
    open_page(page, f"{server_url}/?lang=vi")
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="CSV", exact=True).first.click()
    data = open(info.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith("Năm,") and "(%)" in header and "Tỷ lệ" in header
    assert info.value.suggested_filename.endswith(".csv")


def to_screen(db, box, points, year=2025):
    """Positions within the chart of (lon, lat) points, projected like deck.gl (512-px web mercator)."""
    import math

    from industry.figures import mapdeck as deck

    con = duckdb.connect(str(db), read_only=True)
    view = deck.view_for(list(metrics.commune_shapes(con)["geometry_simplified"]))
    con.close()
    scale = 512 * 2 ** view.zoom

    def merc(value):
        return math.log(math.tan(math.pi / 4 + math.radians(value) / 2))

    return [(box["width"] / 2 + (lon - view.longitude) / 360 * scale,
             box["height"] / 2 - (merc(lat) - merc(view.latitude)) / (2 * math.pi) * scale) for lon, lat in points]


def largest_site_on_screen(db, box):
    con = duckdb.connect(str(db), read_only=True)
    lon, lat, name = con.execute("select lon, lat, name_en from sites order by area_ha desc nulls last limit 1"
                                 ).fetchall()[0]
    con.close()
    (x, y), = to_screen(db, box, [(lon, lat)])
    return x, y, name


def commune_points_on_screen(db, box):
    con = duckdb.connect(str(db), read_only=True)
    points = con.execute("select lon, lat from communes").fetchall()
    con.close()
    return to_screen(db, box, points)


def test_map_renders_offline_with_tooltip_and_selection(page, server_url, demo_db):
    import io

    import numpy as np
    from PIL import Image

    open_page_map = f"{server_url}/map?lang=en&year=2025"
    page.goto(open_page_map)
    wait_for_app(page)
    chart = page.locator('[data-testid="stDeckGlJsonChart"]')
    chart.locator("canvas").first.wait_for(timeout=60_000)
    page.wait_for_timeout(3000)
    pixels = np.asarray(Image.open(io.BytesIO(chart.screenshot())).convert("RGB")).reshape(-1, 3).astype(int)
    black = float((pixels.sum(axis=1) == 0).mean())
    blues = float((pixels[:, 2] > pixels[:, 0] + 20).mean())  # choropleth classes are blue
    assert black < 0.05, "the WebGL canvas is blank"
    assert blues > 0.1, blues
    # inside the city outline, the pixel at every commune's inner point is drawn (not the blank background)
    box = chart.bounding_box()
    image = np.asarray(Image.open(io.BytesIO(chart.screenshot())).convert("RGB")).astype(int)
    drawn = 0
    for x, y in commune_points_on_screen(demo_db, box):
        pixel = image[int(y * image.shape[0] / box["height"]), int(x * image.shape[1] / box["width"])]
        drawn += int(np.abs(pixel - [238, 242, 245]).sum() >= 6)
    assert drawn >= 120, drawn  # of 126 (a point may fall under a site or village of background-like colour)
    # the centre of the view lies inside the city: a commune's tooltip appears on hover
    page.mouse.move(box["x"] + box["width"] * 0.55, box["y"] + box["height"] * 0.5)
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    assert "Operating clusters:" in tooltip.inner_text()
    # a click on the largest site selects it and shows what is inside
    x, y, name = largest_site_on_screen(demo_db, box)
    page.mouse.move(box["x"] + x - 3, box["y"] + y - 3)
    page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
    page.wait_for_timeout(300)
    page.mouse.down()
    page.mouse.up()
    page.get_by_role("heading", name=name).first.wait_for(timeout=30_000)
    page.get_by_text("active enterprises in this site").first.wait_for(timeout=30_000)
    assert page.external_requests == [], page.external_requests
    assert own_errors(page) == []


def test_the_map_zooms_from_the_keyboard_and_says_how(page, server_url):
    """With no base map there are no zoom buttons: a reader who does not use a mouse tabs to the map and zooms with +
    and −, moves it with the arrow keys, and the legend says so in the page's language."""
    page.goto(f"{server_url}/map?lang=vi&year=2025")
    wait_for_drawn(page)
    chart = page.locator('[data-testid="stDeckGlJsonChart"]')
    assert page.get_by_text("nhấn Tab đến bản đồ, rồi phím + và −").count() == 1
    for _ in range(60):  # Tab, as a person does, until the map has the focus
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('deck-events-root')"):
            break
    else:
        raise AssertionError("Tab never reaches the map")
    outline = page.evaluate("() => { const s = getComputedStyle(document.activeElement); "
                            "return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }")
    assert outline[0] != "none" and outline[1] >= 2, outline  # it shows that it has the keyboard (WCAG 2.4.7)
    before = chart.screenshot()
    page.keyboard.press("+")
    page.wait_for_timeout(1500)
    zoomed = chart.screenshot()
    assert zoomed != before
    page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(1500)
    assert chart.screenshot() != zoomed
    assert page.external_requests == [], page.external_requests


def test_xlsx_download_opens_and_says_what_it_is(page, server_url, tmp_path):
    from openpyxl import load_workbook

    open_page(page, f"{server_url}/?lang=vi&year=2024")
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Excel").first.click()
    assert info.value.suggested_filename.endswith("-2024.xlsx")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["so_lieu", "thong_tin"]
    about = dict(workbook["thong_tin"].iter_rows(values_only=True))
    assert about["Loại số liệu"] == "Dữ liệu minh hoạ"
    assert "năm 2024" in about["Bộ lọc"]
    assert list(workbook["so_lieu"].iter_rows(values_only=True))[0][0] == "Năm"


def test_a_new_server_opened_on_a_deep_link_shows_the_navigation(chromium, demo_db):
    """The first view a server process draws goes through the entrypoint too: Streamlit 1.67 would run the page
    file alone in the legacy mode of a `pages/` folder (no navigation) until some session opened the home page."""
    from industry.tools.browser import server

    with server(demo_db) as url:
        context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB")
        page = context.new_page()
        try:
            page.goto(f"{url}/programmes?year=2023&lang=vi")
            wait_for_app(page)
            nav = page.locator('[data-testid="stSidebarNav"] a')
            nav.first.wait_for(timeout=60_000)
            assert nav.count() == 11
            page.locator('[data-testid="stSidebar"]').get_by_text("Năm", exact=True).wait_for(timeout=60_000)
            assert page.locator('[data-testid="stHeading"]').first.inner_text().strip() != ""
            assert "year=2023" in page.url and "/programmes" in page.url
        finally:
            context.close()
