"""Several processes behind a real nginx, as python -m industry.serve runs them: every page through the proxy,
browsers spread over the processes and each kept on one, an import seen by every process at its next click, and
all of it stopped by Ctrl-C."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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
    result = load.run(demo_db, sessions=6, seconds=20, import_at=8, think=2, processes=2)
    assert result.proxied and result.imported_at == 8
    assert result.errors == [] and result.served >= 30
    assert result.cpu_ms_per_view is not None and result.peak_rss_mb > 0
    text = load.report(result)
    assert "6 sessions (each pausing 1–3 s between clicks)" in text and "2 Streamlit processes (pid " in text and ") behind nginx" in text
    assert "0 errors" in text and "p95" in text


@contextlib.contextmanager
def _cpu_burners():
    """One process per core spinning at full speed: the machine as loaded as a hall's viewers would load it."""
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 1)]
    try:
        yield
    finally:
        for b in burners:
            b.kill()
            b.wait()


def _start_serve(demo_db, port: int) -> tuple[subprocess.Popen, list[str]]:
    """python -m industry.serve with two processes; once it says it serves: it and every process under it (the two
    Streamlit processes, nginx and nginx's workers)."""
    proc = subprocess.Popen([sys.executable, "-m", "industry.serve", "--processes", "2", "--port", str(port),
                             "--db", str(demo_db)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    line = proc.stdout.readline()
    assert "2 processes on ports" in line and f":{port}" in line, line + proc.stdout.read()[-2000:]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=30) as resp:
        assert resp.read() == b"ok"
    children = _descendants(proc.pid)
    assert len(children) >= 4, children  # two Streamlit processes, nginx and at least one worker
    return proc, children


def _descendants(pid: int) -> list[str]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return out + [d for c in out for d in _descendants(int(c))]


def _alive(pids: list[str], within: float) -> list[str]:
    """Those of `pids` still running after `within` seconds (a zombie is not running)."""
    deadline = time.monotonic() + within
    while True:
        alive = [p for p in pids if Path(f"/proc/{p}").exists()
                 and "zombie" not in Path(f"/proc/{p}/status").read_text(errors="replace").split("State:")[1][:20]]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


def test_serve_starts_everything_and_ctrl_c_stops_everything_within_10_s_under_load(demo_db):
    port = free_port()
    with _cpu_burners():
        proc, children = _start_serve(demo_db, port)
        try:
            asked = time.monotonic()
            proc.send_signal(signal.SIGINT)
            assert proc.wait(timeout=10) == 0
            took = time.monotonic() - asked
            assert "stopped" in proc.stdout.read()
            assert _alive(children, 0.5) == [] and took <= 10, took
        finally:
            if proc.poll() is None:
                proc.kill()
    assert serve.port_free(port)


def test_no_process_survives_a_sigkill_of_serve_under_load(demo_db):
    """Whatever ends the supervisor, a SIGKILL included, its processes end with it and free the port."""
    port = free_port()
    with _cpu_burners():
        proc, children = _start_serve(demo_db, port)
        proc.kill()
        proc.wait()
        left = _alive(children, 10)
        for pid in left:  # (not to leave them to the next test)
            subprocess.run(["kill", "-9", pid], check=False)
        assert left == [], [Path(f"/proc/{p}/cmdline").read_text(errors="replace") for p in left]
    assert serve.port_free(port)


def test_a_second_serve_on_a_port_still_held_says_so_in_one_line(demo_db):
    with socket.socket() as held:
        held.bind(("0.0.0.0", 0))
        held.listen()
        port = held.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "industry.serve", "--processes", "1", "--port", str(port),
                               "--db", str(demo_db)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and f"port {port} is already in use" in lines[0], done.stderr


def test_a_load_run_on_a_running_server_names_the_processes_that_served(demo_db):
    """Aimed at a dashboard already running (``--url``), the report says which processes served, measured their CPU
    and says what the load generator itself cost."""
    with serve.cluster(demo_db, processes=2) as running:
        result = load.run(None, sessions=2, seconds=6, url=running.url)
        assert sorted(result.server_pids) == sorted(running.pids) and result.proxied and result.processes == 2
        assert result.served > 0 and result.errors == [] and result.cpu_ms_per_view is not None
        text = load.report(result)
        assert f"2 Streamlit processes (pid {', '.join(map(str, result.server_pids))}) behind nginx" in text
        assert "The load generator itself used" in text and "% busy" in text
        alone = load.run(None, sessions=1, seconds=3, url=f"http://127.0.0.1:{running.ports[0]}")
        assert alone.server_pids == [running.pids[0]] and not alone.proxied
