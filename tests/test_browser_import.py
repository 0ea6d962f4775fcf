"""The Import page in Chromium: sign in, upload a bad file and read its problems, upload a good one and import it."""

import csv
import io
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from industry.files import importer
from industry.tools.browser import server, wait_for_app
from tests.conftest import PASSWORD

FIXTURES = Path(__file__).parent / "fixtures" / "import_"


def sign_in(page, url):
    page.goto(f"{url}/data_import?lang=en")
    wait_for_app(page)
    page.get_by_label("Your name (recorded in the import log)").fill("Trần Thị B")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for(timeout=30_000)


def sign_in_vi(page, url, streamlit_words: bool = False):
    """Sign in on the Vietnamese Import page as an official does; with `streamlit_words`, check that Streamlit's
    own words under the password box are in Vietnamese too."""
    page.goto(f"{url}/data_import?lang=vi")
    wait_for_app(page)
    page.get_by_label("Họ tên (ghi vào nhật ký nhập)").fill("Trần Thị B")
    page.get_by_role("textbox", name="Mật khẩu").fill(PASSWORD)
    if streamlit_words:
        page.get_by_text("Nhấn Enter để gửi").first.wait_for(timeout=10_000)
        assert "Press Enter" not in page.inner_text("body")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Đã đăng nhập").wait_for(timeout=30_000)


def test_upload_check_and_import_in_the_browser(chromium, import_server, tmp_path):
    url, live = import_server
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB", accept_downloads=True)
    page = context.new_page()
    external = []
    page.on("request", lambda r: not r.url.startswith(url) and not r.url.startswith(("data:", "blob:"))
            and external.append(r.url))
    try:
        sign_in(page, url)

        # a bad file: the problem is named, with its row and column, in a downloadable table
        page.locator('.st-key-import_files [data-testid="stFileUploaderDropzoneInput"]').set_input_files(
            str(FIXTURES / "bad" / "negative" / "craft_villages.csv"))
        page.get_by_role("button", name="Check files").click()
        page.get_by_text(re.compile(r"\d+ problems? found; nothing was changed")).wait_for(timeout=60_000)
        with page.expect_download(timeout=30_000) as info:
            page.locator(".st-key-card_import_problems").get_by_role("button", name="CSV", exact=True).click()
        rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
        assert {"File": "craft_villages.csv", "Sheet": "", "Row": "2", "Column": "households", "Value": "-5",
                "Problem": "Must be at least 0"} in rows

        # a good file adds or updates the records it holds and keeps every other
        with duckdb.connect(str(live), read_only=True) as con:
            first = con.execute("select min(enterprise_id) from enterprises").fetchall()[0][0]
            before = con.table("certifications").count("*").fetchall()[0][0]
            its_own = con.execute("select count(*) from certifications where enterprise_id = ?", [first]).fetchall()[0][0]
        good = tmp_path / "certifications.csv"
        good.write_text(f"enterprise_id,standard,issued_on,expires_on\n{first},ISO 9001,01/02/2024,31/01/2027\n",
                        encoding="utf-8")
        page = context.new_page()  # a new session (and sign-in) with an empty uploader
        sign_in(page, url)
        page.locator('.st-key-import_files [data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(good))
        page.get_by_role("button", name="Check files").click()
        page.get_by_text("No problems. Importing will add or update the records these files hold in: certificates."
                         ).wait_for(timeout=60_000)
        page.get_by_role("button", name="Import now").click()
        page.get_by_text("sees the new data on their next click").wait_for(timeout=120_000)
        assert live.is_symlink()
        with duckdb.connect(str(live), read_only=True) as con:
            assert con.table("certifications").count("*").fetchall()[0][0] == before - its_own + 1
            assert con.execute("select count(*) from certifications where enterprise_id = ?", [first]).fetchall() == [(1,)]
        (entry,) = [e for e in importer.Store(live).history() if e["outcome"] == "installed"]
        assert entry["who"] == "Trần Thị B" and entry["files"][0]["name"] == "certifications.csv"
        assert page.query_selector('[data-testid="stException"]') is None
        assert external == []
    finally:
        context.close()


def test_a_department_list_is_shown_mapped_then_imported_and_remembered(chromium, demo_db, tmp_path):
    from industry.build import main as build_main
    from tests.test_department import CLUSTERS, MERGES
    from tests.test_layouts import xlsx

    folder = tmp_path / "first"
    folder.mkdir()
    (folder / "2024.xlsx").write_bytes(xlsx(CLUSTERS, MERGES))
    live = tmp_path / "live.duckdb"
    assert build_main(["--from", str(folder), "--out", str(live), "--quiet"]) == 0
    more = [list(r) for r in CLUSTERS]
    total = next(i for i, r in enumerate(more) if r[1:2] == ["Tổng cộng"])
    more.insert(total, [5, "CCN Vạn Phúc", "Xã Vạn Phúc", "Huyện Thanh Trì", "20", 2015, "Đang hoạt động", "", ""])
    upload = tmp_path / "2025.xlsx"
    upload.write_bytes(xlsx(more, MERGES))
    with server(live, env={"DASHBOARD_ADMIN_PASSWORD": PASSWORD}) as url:
        context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB", accept_downloads=True)
        page = context.new_page()
        try:
            sign_in(page, url)
            page.locator('.st-key-import_files [data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
            page.get_by_role("button", name="Check files").click()
            page.get_by_text("How your own sheets will be read").wait_for(timeout=60_000)
            page.get_by_text("2025.xlsx, CCN", exact=True).wait_for(timeout=30_000)
            page.get_by_text("The first records as the pages will show them: clusters and parks").wait_for(timeout=30_000)
            page.get_by_text("Rows left out", exact=True).wait_for(timeout=30_000)
            with page.expect_download(timeout=30_000) as info:
                page.get_by_role("button", name="Download this mapping (JSON)").click()
            saved = importer.load_mappings(Path(info.value.path()).read_bytes())
            assert saved[0]["tables"]["sites"]["B"] == "name_vi"
            page.get_by_text("No problems.").wait_for(timeout=30_000)
            page.get_by_role("button", name="Import now").click()
            page.get_by_text("sees the new data on their next click").wait_for(timeout=120_000)
            with duckdb.connect(str(live), read_only=True) as con:
                names = {r[0] for r in con.sql("select name_vi from sites").fetchall()}
            assert "Cụm công nghiệp Vạn Phúc" in names and len(names) == 5
            assert [e["fingerprint"] for e in importer.Store(live).mappings()] == [saved[0]["fingerprint"]]
            assert page.query_selector('[data-testid="stException"]') is None
        finally:
            context.close()


def test_a_laboratorys_sheets_and_a_clusters_report_form_go_in_through_the_page_in_vietnamese(chromium, tmp_path):
    """An official uploads what the laboratory and the cluster's investor sent (a result sheet per round, a Biểu số
    02), twice as a person may, checks, imports, and the Wastewater page then says the measured and the reported
    rate, each for what it is."""
    from industry.build import main as build_main
    from tests.test_department import CLUSTERS, MERGES
    from tests.test_layouts import xlsx
    from tests.test_published_layouts import BIEU_02, ROUND_1, ROUND_2, filled_form, lab_workbook

    folder = tmp_path / "first"
    folder.mkdir()
    (folder / "ccn.xlsx").write_bytes(xlsx(CLUSTERS, MERGES))
    live = tmp_path / "live.duckdb"
    assert build_main(["--from", str(folder), "--out", str(live), "--quiet"]) == 0
    lab, form = tmp_path / "ket_qua_van_ha_2024.xlsx", tmp_path / "bieu_02_van_ha_2024.xlsx"
    lab.write_bytes(lab_workbook([ROUND_1, ROUND_2]))
    form.write_bytes(filled_form(*BIEU_02))
    with server(live, env={"DASHBOARD_ADMIN_PASSWORD": PASSWORD}) as url:
        context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
        page = context.new_page()
        try:
            sign_in_vi(page, url, streamlit_words=True)
            dropzone = page.locator('.st-key-import_files [data-testid="stFileUploaderDropzoneInput"]')
            dropzone.set_input_files([str(lab), str(form)])
            page.get_by_role("button", name="Kiểm tra tệp").click()
            page.get_by_text("Cách đọc các trang tính của Sở").wait_for(timeout=60_000)
            page.get_by_text("Các bản ghi đầu tiên như sẽ hiện trên các trang: biểu mẫu báo cáo (Biểu 02, 04)").wait_for(
                timeout=30_000)
            page.get_by_text("Các bản ghi đầu tiên như sẽ hiện trên các trang: kết quả quan trắc nước thải").first.wait_for(
                timeout=30_000)
            # what the import will change, before it changes it, in the reader's words
            page.get_by_text(re.compile(r"Nhập sẽ thay đổi gì: số liệu năm \d{4} trước → sau")).wait_for(timeout=30_000)
            page.get_by_text("Không có vấn đề. Nhập sẽ thêm mới hoặc cập nhật các bản ghi trong tệp ở").wait_for()
            said = page.inner_text("body")  # in the reader's words: no name of the database, no English code
            for word in ("wastewater_samples", "reported_figures", "site_id", "sites.", "None", "operating", "true"):
                assert word not in said, word
            page.get_by_role("button", name="Nhập ngay").click()
            page.get_by_text("ở lần bấm tiếp theo").wait_for(timeout=120_000)
            assert page.query_selector('[data-testid="stException"]') is None
            page.goto(f"{url}/wastewater?lang=vi&year=2024")
            wait_for_app(page)
            page.get_by_text("Số liệu báo cáo, không phải đo: chủ đầu tư hạ tầng của 1/3 cụm").wait_for(timeout=60_000)
            text = page.inner_text("body")
            assert "đo từ mẫu: 0,0%" in text and "33,3% số cụm đang hoạt động" in text, text[:3000]
            assert page.query_selector('[data-testid="stException"]') is None
        finally:
            context.close()


WORDS = {
    "vi": {"check": "Kiểm tra tệp", "mapping": "Cách đọc các trang tính của Sở", "problems": r"Phát hiện \d+ vấn đề|vấn đề",
           "option": "Khu, cụm công nghiệp · Tên", "again": "Kiểm tra lại với các trường này",
           "ready": "Không có vấn đề. Nhập sẽ thêm mới hoặc cập nhật",
           "change": r"Nhập sẽ thay đổi gì: số liệu năm \d{4} trước → sau", "records": "Thêm 2, sửa 0, xoá 0",
           "import": "Nhập ngay", "done": "ở lần bấm tiếp theo"},
    "en": {"check": "Check files", "mapping": "How your own sheets will be read", "problems": r"\d+ problems? found",
           "option": "Cluster or park · Name", "again": "Check again with these fields",
           "ready": "No problems. Importing will add or update",
           "change": r"What the import will change: the figures of \d{4} before → after",
           "records": "2 added, 0 changed, 0 removed", "import": "Import now", "done": "sees the new data on their next click"},
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_unrecognised_column_is_given_its_field_by_its_label_then_the_list_goes_in(chromium, demo_db, tmp_path, lang):
    """A statistician with a cluster list whose name column the dashboard does not recognise ("Tên gọi khác"): the
    check says which column and what to do; they choose "Khu, cụm công nghiệp · Tên" for it from the list, in the
    grid, as a person does (select the cell, Enter, type, pick), check again, read what will change, and import; in
    Vietnamese and in English."""
    words = WORDS[lang]
    from tests.test_layouts import xlsx

    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    rows = [["TT", "Tên gọi khác", "Địa điểm", "Diện tích (ha)", "Tình trạng"],
            [1, "CCN Hoàn Toàn Mới", "Xã Bát Tràng", "12", "Đang hoạt động"],
            [2, "CCN Mới Thứ Hai", "Xã Phú Nghĩa", "8,5", "Đang hoạt động"]]
    upload = tmp_path / "ccn_moi.xlsx"
    upload.write_bytes(xlsx(rows, []))
    with server(live, env={"DASHBOARD_ADMIN_PASSWORD": PASSWORD}) as url:
        context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN" if lang == "vi" else "en-GB")
        page = context.new_page()
        try:
            (sign_in_vi if lang == "vi" else sign_in)(page, url)
            page.locator('.st-key-import_files [data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
            page.get_by_role("button", name=words["check"]).click()
            page.get_by_text(words["mapping"]).wait_for(timeout=60_000)
            page.get_by_text(re.compile(words["problems"])).first.wait_for(timeout=30_000)
            # the columns' grid: A (TT) in its first row; the field is the third column
            grid = page.locator('[class*="st-key-mapping_"] [data-testid="stDataFrame"]').first
            grid.scroll_into_view_if_needed()
            page.wait_for_timeout(1500)  # the expander's content settles before the grid's place is read
            box = grid.bounding_box()
            option = page.get_by_role("option", name=words["option"], exact=True).first
            for _attempt in range(4):  # as a person would, again when a busy machine let a key go by
                page.mouse.click(box["x"] + 30, box["y"] + 52)  # column letter of row A
                page.wait_for_timeout(400)
                for key in ("ArrowRight", "ArrowRight", "ArrowDown", "Enter"):
                    page.keyboard.press(key)
                    page.wait_for_timeout(200)
                page.keyboard.type(words["option"], delay=20)
                try:
                    option.wait_for(timeout=10_000)
                    break
                except Exception:  # noqa: BLE001 - the editor did not open: close what is open and try again
                    page.keyboard.press("Escape")
            option.click()
            page.wait_for_timeout(1000)  # the grid hands its edit to the page
            page.get_by_role("button", name=words["again"]).click()
            page.get_by_text(words["ready"]).wait_for(timeout=60_000)
            page.get_by_text(re.compile(words["change"])).wait_for(timeout=30_000)
            page.get_by_text(words["records"]).wait_for(timeout=30_000)
            said = page.inner_text("body")
            # and what the grids draw (the columns, the change summary), read from their pictures as a person does
            from tests.test_browser_walk import _drawn_text

            grids = page.locator('[data-testid="stDataFrame"]')
            for i in range(grids.count()):
                grids.nth(i).scroll_into_view_if_needed()
                page.wait_for_timeout(600)
                said += "\n" + _drawn_text(grids.nth(i), tmp_path, f"import-{lang}-{i}")
            assert grids.count() >= 3 and ("Khu, cụm công nghiệp" if lang == "vi" else "Cluster or park") in said
            for word in ("sites", "operating")[: 2 if lang == "vi" else 0] + ("name_vi", "None", "commune_code", "site_id"):
                assert not re.search(rf"\b{word}\b", said), word
            page.get_by_role("button", name=words["import"]).click()
            page.get_by_text(words["done"]).wait_for(timeout=120_000)
            assert page.query_selector('[data-testid="stException"]') is None
        finally:
            context.close()
    with duckdb.connect(str(live), read_only=True) as con:
        added = dict(con.sql("select name_vi, area_ha from sites where name_vi like '%Mới%'").fetchall())
    assert added == {"Cụm công nghiệp Hoàn Toàn Mới": 12.0, "Cụm công nghiệp Mới Thứ Hai": 8.5}


def test_in_english_a_whole_table_is_replaced_only_after_a_second_confirmation(chromium, demo_db, tmp_path):
    """The reader's choice to replace a whole table: a cluster list of two replacing
    every cluster is refused in the reader's words (the plants and measurements of the others would point nowhere);
    one cluster's monitoring results replacing all measurements asks a second confirmation before Import is enabled."""
    from tests.test_layouts import xlsx

    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    with duckdb.connect(str(live), read_only=True) as con:
        ((name,),) = con.execute("""select s.name_vi from sites s where s.kind = 'cluster' and not s.is_demo and s.site_id in
                             (select site_id from wastewater_samples where year(sampled_on) = 2025)
                             order by s.site_id limit 1""").fetchall()
        before = con.table("wastewater_samples").count("*").fetchall()[0][0]
    clusters = tmp_path / "clusters.xlsx"
    clusters.write_bytes(xlsx([["TT", "Tên cụm công nghiệp", "Địa điểm", "Diện tích (ha)"],
                               [1, "CCN Hoàn Toàn Mới", "Xã Bát Tràng", "12"]], []))
    samples = tmp_path / "monitoring.xlsx"
    samples.write_bytes(xlsx([["STT", "Tên cụm công nghiệp", "Ngày lấy mẫu", "pH"], [1, name, "15/03/2025", "7,2"]], []))
    with server(live, env={"DASHBOARD_ADMIN_PASSWORD": PASSWORD}) as url:
        context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB", accept_downloads=True)
        page = context.new_page()
        uploader = '.st-key-import_files [data-testid="stFileUploaderDropzoneInput"]'
        try:
            sign_in(page, url)
            page.locator(uploader).set_input_files(str(clusters))
            page.locator(".st-key-import_replace_whole label").first.click()
            page.get_by_role("button", name="Check files").click()
            page.get_by_text(re.compile(r"\d+ problems? found; nothing was changed")).wait_for(timeout=30_000)
            with page.expect_download(timeout=30_000) as info:
                page.locator(".st-key-card_import_problems").get_by_role("button", name="CSV", exact=True).click()
            said = page.inner_text("body") + Path(info.value.path()).read_text(encoding="utf-8-sig")
            assert "import treatment plants as well, or do not replace clusters and parks entirely" in said
            for word in ("site_id", "name_vi", "None", "commune_code", "wastewater_plants"):
                assert word not in said, word

            page = context.new_page()  # a new session: the monitoring results of one cluster, as the whole table
            sign_in(page, url)
            page.locator(uploader).set_input_files(str(samples))
            page.locator(".st-key-import_replace_whole label").first.click()
            page.get_by_role("button", name="Check files").click()
            page.get_by_text("No problems. Importing will REPLACE ENTIRELY: wastewater measurements").wait_for(
                timeout=60_000)
            button = page.get_by_role("button", name="Import now")
            button.wait_for(timeout=30_000)
            assert button.is_disabled()  # not before the second confirmation
            box = page.locator(".st-key-import_confirm_many")
            assert "I know this import removes more than a tenth of the records of: wastewater measurements" in \
                box.inner_text()
            box.locator("label").first.click()
            page.wait_for_function("() => [...document.querySelectorAll('button')].some(b => "
                                   "b.innerText.includes('Import now') && !b.disabled)", timeout=30_000)
            button.click()
            page.get_by_text("sees the new data on their next click").wait_for(timeout=120_000)
            assert page.query_selector('[data-testid="stException"]') is None
        finally:
            context.close()
    with duckdb.connect(str(live), read_only=True) as con:
        assert con.table("wastewater_samples").count("*").fetchall()[0][0] == 1 < before
