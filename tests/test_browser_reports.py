"""'Báo sai số liệu' in Chromium through industry.serve with two processes: a reader on one process reports a wrong
figure from a chart card; the administrator, signed in on the other process, sees it and marks it corrected by the
import that corrected it."""

import re
import shutil

from industry.data import error_reports
from industry.files import importer
from industry.tools import serve
from industry.tools.browser import wait_for_app
from tests.test_browser_import import PASSWORD, sign_in_vi


def test_a_report_goes_from_a_reader_on_one_process_to_the_administrator_on_the_other(chromium, demo_db, tmp_path):
    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    with serve.cluster(live, processes=2, env={"DASHBOARD_ADMIN_PASSWORD": PASSWORD}) as running:
        reader_url, admin_url = (f"http://127.0.0.1:{p}" for p in running.ports)
        context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
        page = context.new_page()
        try:
            page.goto(f"{reader_url}/wastewater?lang=vi")
            wait_for_app(page)
            page.get_by_role("button", name="Báo sai số liệu").first.click()
            dialog = page.get_by_role("dialog")
            dialog.get_by_label("Điều gì sai?").fill("Cụm công nghiệp Phú Thị đã có trạm xử lý từ 2024 <b>đạt</b>")
            # Streamlit's own words under the text area, in the page's language too
            dialog.get_by_text("Nhấn Ctrl+Enter để gửi").wait_for(timeout=10_000)
            assert "Press" not in dialog.inner_text()
            dialog.get_by_label("Số liệu đúng (nếu biết)").fill("=1+1")
            dialog.get_by_label("Nguồn của số liệu đúng").fill("Biểu số 02 năm 2025 của chủ đầu tư hạ tầng")
            dialog.get_by_role("button", name="Gửi").click()
            dialog.get_by_text(re.compile(r"Báo cáo số 1 đã được ghi")).wait_for(timeout=30_000)
            [kept] = error_reports.rows(live)
            assert kept["page"] == "wastewater" and kept["what"].endswith("<b>đạt</b>") and kept["right_value"] == "=1+1"
            assert kept["dataset"] == "monitoring" and "2025" in kept["filters"]

            # an import corrects it; the administrator, on the other process, says so
            path = tmp_path / "programme_progress.csv"
            path.write_text("indicator,year,value,unit,source\ngiftshow_booths_per_edition,2025,600,booths per "
                            "edition,Sở Công Thương\n", encoding="utf-8")
            assert importer.import_files(importer.files_in([path]), live, "Trần Thị B", sink=lambda _t: None).ok
            version = importer.Store(live).current().name
            admin = context.new_page()
            sign_in_vi(admin, admin_url)
            admin.get_by_text("1 báo cáo, 1 chưa xử lý xong").wait_for(timeout=60_000)
            wait_for_app(admin)  # the whole page drawn: a list opened while it is still drawing closes again
            option = admin.get_by_role("option", name="Đã sửa")
            for _ in range(3):
                admin.locator(".st-key-error_report_status").click()
                try:
                    option.wait_for(timeout=5_000)
                    break
                except Exception:  # noqa: BLE001 - the list closed as the page was drawn again: open it again
                    continue
            option.click()
            admin.get_by_role("button", name="Cập nhật tình trạng").click()
            admin.get_by_text("Báo cáo số 1: Đã sửa.").wait_for(timeout=30_000)
            [kept] = error_reports.rows(live)
            assert kept["status"] == "corrected" and kept["corrected_by"] == version
            assert [e["who"] for e in error_reports.history(live, 1)] == ["reader", "Trần Thị B"]
            assert admin.query_selector('[data-testid="stException"]') is None
        finally:
            context.close()
