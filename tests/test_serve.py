"""Several processes behind a real nginx, as python -m industry.serve runs them: every page through the proxy,
browsers spread over the processes and each kept on one, an import seen by every process at its next click, and
all of it stopped by Ctrl-C."""

from __future__ import annotations

import asyncio
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

from industry.files import export, importer
from industry.tools import load, serve
from industry.tools.browser import free_port
from tests.conftest import ROOT


async def _texts(url: str, page: str, cookie: str) -> list[str]:
    """The words a page run sends (headings, markdown, alerts), over the websocket, as one browser."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    out = []
    async with websockets.connect(url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None, additional_headers={"Cookie": f"_streamlit_xsrf={cookie}"}) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = "lang=en&year=2025"
        msg.rerun_script.page_name = page
        await ws.send(msg.SerializeToString())
        while True:
            fwd = ForwardMsg.FromString(await asyncio.wait_for(ws.recv(), 60))
            if fwd.WhichOneof("type") == "script_finished":
                return out
            if fwd.WhichOneof("type") == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                kind = element.WhichOneof("type")
                if kind in ("heading", "markdown", "alert"):
                    out.append(getattr(element, kind).body)


def _finding(texts: list[str]) -> str:
    return next(t for t in texts if "craft villages" in t and "recognised" in t)


def test_processes_behind_nginx_serve_every_page_and_see_an_import(demo_db, tmp_path):
    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    with serve.cluster(live, processes=2) as running:
        assert len(running.pids) == 2 and running.proxy is not None
        with urllib.request.urlopen(running.url + "/villages", timeout=10) as resp:
            assert resp.status == 200 and b"<html" in resp.read(2000).lower()
        # through the proxy, browsers with different cookies reach both processes, and each stays on one
        before = [load.cpu_seconds([pid]) for pid in running.pids]
        for i in range(24):  # (the chance that 24 browsers all land on one of two processes is negligible)
            load.run_async(_texts(running.url, "villages", f"{i:016x}"))
        used = [load.cpu_seconds([pid]) - b for pid, b in zip(running.pids, before, strict=True)]
        assert all(u > 0.02 for u in used), used
        seen = {load.run_async(_texts(running.url, "villages", "00000000000000aa"))[0] for _ in range(2)}
        assert len(seen) == 1
        # an import (one village fewer) is seen by every process at its next click
        folder = tmp_path / "export"
        export.export(live, folder)
        villages = (folder / "craft_villages.csv").read_text(encoding="utf-8-sig").splitlines()
        (folder / "craft_villages.csv").write_text("\n".join(villages[:-1]) + "\n", encoding="utf-8-sig")
        was = {_finding(load.run_async(_texts(f"http://127.0.0.1:{p}", "villages", "x"))) for p in running.ports}
        assert len(was) == 1
        outcome = importer.import_files(importer.files_in([folder]), live, "test", sink=lambda _text: None,
                                        replace=["all"])  # the whole list, one village fewer
        assert outcome.ok, outcome.problems
        now = {_finding(load.run_async(_texts(f"http://127.0.0.1:{p}", "villages", "x"))) for p in running.ports}
        assert len(now) == 1 and now != was


def test_a_few_pausing_viewers_through_the_proxy_across_an_import(demo_db):
    result = load.run(demo_db, sessions=6, seconds=30, import_at=12, think=2, processes=2)
    assert result.proxied and result.imported_at == 12
    assert result.errors == [] and result.served >= 30
    assert result.cpu_ms_per_view is not None and result.peak_rss_mb > 0
    text = load.report(result)
    assert "6 sessions (each pausing 1–3 s between clicks)" in text and "2 processes behind nginx" in text
    assert "0 errors" in text and "p95" in text


def test_serve_starts_everything_and_ctrl_c_stops_everything(demo_db):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "industry.serve", "--processes", "2", "--port", str(port),
                             "--db", str(demo_db)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    try:
        line = proc.stdout.readline()
        assert "2 processes on ports" in line and f":{port}" in line, line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=10) as resp:
            assert resp.read() == b"ok"
        children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) == 3  # two Streamlit processes and nginx
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
        assert "stopped" in proc.stdout.read()
        time.sleep(0.5)
        alive = [c for c in children if subprocess.run(["kill", "-0", c], capture_output=True).returncode == 0]
        assert alive == []
    finally:
        if proc.poll() is None:
            proc.kill()
