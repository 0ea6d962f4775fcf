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

FIXTURES = Path(__file__).parent / "fixtures" / "import_"
PASSWORD = "mật khẩu thử"


@pytest.fixture()
def import_server(demo_db, tmp_path):
    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    with server(live, env={"DASHBOARD_ADMIN_PASSWORD": PASSWORD}) as url:
        yield url, live


def sign_in(page, url):
    page.goto(f"{url}/data_import?lang=en")
    wait_for_app(page)
    page.get_by_label("Your name (recorded in the import log)").fill("Trần Thị B")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for(timeout=30_000)


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
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
            str(FIXTURES / "bad" / "negative" / "craft_villages.csv"))
        page.get_by_role("button", name="Check files").click()
        page.get_by_text(re.compile(r"\d+ problems? found; nothing was changed")).wait_for(timeout=60_000)
        with page.expect_download(timeout=30_000) as info:
            page.locator(".st-key-card_import_problems").get_by_role("button", name="CSV", exact=True).click()
        rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
        assert {"File": "craft_villages.csv", "Sheet": "", "Row": "2", "Column": "households", "Value": "-5",
                "Problem": "Must be at least 0"} in rows

        # a good file replaces one table
        with duckdb.connect(str(live), read_only=True) as con:
            first = con.execute("select min(enterprise_id) from enterprises").fetchall()[0][0]
        good = tmp_path / "certifications.csv"
        good.write_text(f"enterprise_id,standard,issued_on,expires_on\n{first},ISO 9001,01/02/2024,31/01/2027\n",
                        encoding="utf-8")
        page = context.new_page()  # a new session (and sign-in) with an empty uploader
        sign_in(page, url)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(good))
        page.get_by_role("button", name="Check files").click()
        page.get_by_text("No problems. Importing will replace: certifications.").wait_for(timeout=60_000)
        page.get_by_role("button", name="Import now").click()
        page.get_by_text("sees the new data on their next click").wait_for(timeout=120_000)
        assert live.is_symlink()
        with duckdb.connect(str(live), read_only=True) as con:
            assert con.table("certifications").count("*").fetchall()[0][0] == 1
        (entry,) = [e for e in importer.Store(live).history() if e["outcome"] == "installed"]
        assert entry["who"] == "Trần Thị B" and entry["files"][0]["name"] == "certifications.csv"
        assert page.query_selector('[data-testid="stException"]') is None
        assert external == []
    finally:
        context.close()
