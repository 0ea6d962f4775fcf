"""Run the dashboard in a local Streamlit server and drive Debian's Chromium with Playwright.

Used by the browser tests and by ``python -m industry.screenshots``. Nothing here leaves the
machine: the server listens on 127.0.0.1 and Chromium runs with background networking off.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from ..app import first_screen, frontend
from ..core import paths

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--use-gl=angle", "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server(db: Path, port: int | None = None, timeout: float = 60, env: dict[str, str] | None = None,
           root: Path = paths.ROOT, pids: list[int] | None = None, error_details: str = "full") -> Iterator[str]:
    """Start ``streamlit run dashboard.py`` (of the checkout at `root`) on a free local port; yield its base URL
    (its process id appended to `pids`). A failing page shows its error in full (`error_details`), so that a check
    sees it; ``"none"`` serves it as the dashboard's own configuration does, with a sentence in the reader's
    language instead."""
    port = port or free_port()
    env = dict(os.environ, DASHBOARD_DB=str(db), **(env or {}))
    env["PYTHONPATH"] = str(root)
    cmd = [sys.executable, "-m", "streamlit", "run", str(Path(root) / "dashboard.py"), "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", "--client.showErrorDetails", error_details]
    log = tempfile.TemporaryFile()  # what it says, read when it fails (a pipe nobody reads would fill and block it)
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    if pids is not None:
        pids.append(proc.pid)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_healthy(url, [proc], timeout)
        except RuntimeError:
            log.seek(0)
            raise RuntimeError(f"streamlit exited: {log.read().decode(errors='replace')[-4000:]}") from None
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def wait_healthy(url: str, processes: list[subprocess.Popen], timeout: float) -> None:
    """Until `url` answers its health check; RuntimeError when one of `processes` exits first, TimeoutError when
    `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        for proc in processes:
            if proc.poll() is not None:
                raise RuntimeError(f"a process exited ({' '.join(map(str, proc.args))[:200]})")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")
        time.sleep(0.3)


def launch(playwright):
    """Debian's Chromium, headless, with WebGL through SwiftShader so deck.gl renders."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: apt-get install -y chromium")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until the script has run and stopped (more reliable than the status widget)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    with contextlib.suppress(Exception):
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]', timeout=3000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)


# the page has drawn: its heading is there, nothing is left to be drawn after its first screen (the hidden button of
# industry/app/first_screen.py is gone) and every plotly chart and map on it has drawn (frontend.CHARTS_DRAWN: found by
# their elements, which are there before plotly's code has loaded)
# (an expression: the first-draw measure, industry/tools/firstdraw.py, asks it too)
DRAWN_NOW = f"""(document.querySelector('[data-testid="stMain"] h1') !== null
    && document.querySelector('{first_screen.SELECTOR}') === null
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(e => e.querySelector('.main-svg'))
    && [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')].every(e => e.querySelector('canvas'))
    && {frontend.CHARTS_DRAWN})"""
DRAWN = f"() => {DRAWN_NOW}"


def wait_for_drawn(page, timeout: float = 60_000) -> None:
    """Wait until the script has stopped and the whole page has drawn, what comes after its first screen included."""
    wait_for_app(page, timeout)
    page.wait_for_function(DRAWN, timeout=timeout)
