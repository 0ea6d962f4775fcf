"""Shared fixtures: real databases built by the project's own builder (no mocks)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from industry.data.build import build

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True, scope="session")
def _errors_in_full():
    """The pages run in AppTest show their errors in full, so that `at.exception` sees them; the dashboard's own
    configuration shows a sentence instead (tested on its own in tests/test_errors.py)."""
    from streamlit import config

    was = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", "full")
    yield
    config.set_option("client.showErrorDetails", was)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The default demonstration database (default seed and size)."""
    return build(tmp_path_factory.mktemp("db") / "demo.duckdb", quiet=True)


@pytest.fixture(scope="session")
def large_db(tmp_path_factory) -> Path:
    """A 100,000-enterprise database."""
    return build(tmp_path_factory.mktemp("db") / "large.duckdb", enterprises=100_000, quiet=True)


@pytest.fixture()
def con(demo_db):
    connection = duckdb.connect(str(demo_db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture()
def app(demo_db, monkeypatch):
    """A factory of AppTests of the dashboard on the demo database: app(page, **query_params)."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))

    def make(page: str | None = None, **params) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        if page:
            at.switch_page(page)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return make


def open_cards(at, *keys: str):
    """`at` run again with the folded cards `keys` opened (every one on the page without `keys`), as a reader's click
    on each does."""
    folded = [k for k in at.session_state.keys() if str(k).startswith("card_")]
    for name in [f"card_{key}" for key in keys] or folded:
        at.session_state[name] = True
    return at.run()


PAGES = [
    "pages/overview.py", "pages/map.py", "pages/wastewater.py", "pages/supporting.py",
    "pages/programmes.py", "pages/villages.py", "pages/commune.py", "pages/activities.py",
    "pages/present.py", "pages/addresses.py", "pages/data_import.py",
]


@pytest.fixture()
def no_network(monkeypatch):
    """Any attempt to open a connection fails: what runs under it may not send anything off the machine."""
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="session")
def server_url(demo_db):
    """The real dashboard served by `streamlit run` on a free local port."""
    from industry.tools.browser import server

    with server(demo_db) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    from industry.tools.browser import launch

    with sync_playwright() as pw:
        browser = launch(pw)
        yield browser
        browser.close()


@pytest.fixture()
def page(chromium, server_url):
    """A fresh browser page that records console errors and every request leaving 127.0.0.1."""
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB", accept_downloads=True)
    pg = context.new_page()
    pg.console_errors = []
    pg.external_requests = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    pg.on("request", lambda r: (not r.url.startswith(server_url) and not r.url.startswith(("data:", "blob:")))
          and pg.external_requests.append(r.url))
    yield pg
    context.close()


def pytest_terminal_summary(terminalreporter):
    """Median time from navigation to a drawn page, measured by the browser suite (printed, not asserted)."""
    from statistics import median

    from tests.browser_checks import TIMINGS

    if not TIMINGS:
        return
    by_page: dict[str, list[float]] = {}
    for url, seconds in TIMINGS.items():
        by_page.setdefault(url.split("?")[0] or "/", []).append(seconds)
    terminalreporter.section("time to a drawn page (Chromium, median)")
    for path, values in sorted(by_page.items()):
        terminalreporter.write_line(f"{path:<14} {median(values):5.2f} s over {len(values)} loads")


PASSWORD = "mật khẩu thử"  # the administrator's, in the browser tests


@pytest.fixture()
def import_server(demo_db, tmp_path):
    """A dashboard on a copy of the demo database, with an administrator's password: (its URL, the live copy)."""
    import shutil

    from industry.tools.browser import server

    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    with server(live, env={"DASHBOARD_ADMIN_PASSWORD": PASSWORD}) as url:
        yield url, live
