"""Many viewers at once: a bounded load test of the served dashboard, over Streamlit's own websocket protocol.

    python -m industry.load [--sessions 30] [--seconds 120] [--import-at 60] [--out docs/reliability.md]

Starts the dashboard on a copy of the database (loopback only), opens `--sessions` sessions
that each load pages with changing filters as fast as the server answers (as phones opening a
shared link during a conference would), and, with ``--import-at``, imports the database's own
export halfway through, so that every session lives through a swap. A request is one page
run: a rerun message sent, the page's messages received until the script finished. It counts
as an error when the run did not finish, drew an exception, or the page was not found.
Prints sessions, requests, errors and latency percentiles per page.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..outputs.background import run_async

PAGES = ("", "map", "wastewater", "supporting", "programmes", "villages", "commune", "activities")
FILTERS = ("lang=en", "lang=vi", "year=2024", "year=2021&lang=vi", "commune=00577", "commune=00454&commune=09022",
           "sector=electronics", "commune=10015&year=2023")


@dataclass
class Result:
    sessions: int
    seconds: float
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    imported_at: float | None = None

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values()) + len(self.errors)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def _run_page(ws, page: str, query: str, timeout: float) -> tuple[bool, str]:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    await ws.send(msg.SerializeToString())
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False, "timeout"
        raw = await asyncio.wait_for(ws.recv(), timeout=remaining)
        fwd = ForwardMsg.FromString(raw)
        kind = fwd.WhichOneof("type")
        if kind == "page_not_found":
            return False, "page not found"
        if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element" \
                and fwd.delta.new_element.WhichOneof("type") == "exception":
            return False, f"exception: {fwd.delta.new_element.exception.message[:200]}"
        if kind == "script_finished":
            status = fwd.script_finished  # 0: finished successfully
            return status == ForwardMsg.FINISHED_SUCCESSFULLY, f"script_finished={status}"


async def _session(url: str, until: float, result: Result, rng: random.Random, timeout: float) -> None:
    import websockets

    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None) as ws:
        while time.monotonic() < until:
            page, query = rng.choice(PAGES), rng.choice(FILTERS)
            started = time.perf_counter()
            try:
                ok, what = await _run_page(ws, page, query, timeout)
            except Exception as exc:  # noqa: BLE001 - a dropped connection is an error of this request
                ok, what = False, f"{type(exc).__name__}: {exc}"
            if ok:
                result.latencies[page or "overview"].append(time.perf_counter() - started)
            else:
                result.errors.append(f"/{page}?{query}: {what}")
                if "Connection" in what or "closed" in what:
                    return


async def _drive(url: str, sessions: int, seconds: float, result: Result, seed: int, timeout: float) -> None:
    until = time.monotonic() + seconds
    tasks = []
    for i in range(sessions):
        tasks.append(asyncio.create_task(_session(url, until, result, random.Random(seed + i), timeout)))
        await asyncio.sleep(0.05)  # arrivals spread over the first seconds, as people open a link
    await asyncio.gather(*tasks)


def run(db: Path, sessions: int = 30, seconds: float = 120, import_at: float | None = None, seed: int = 1,
        timeout: float = 60) -> Result:
    """Serve a copy of `db`, load it, optionally import its own export in the middle; return what happened."""
    from ..files import export, importer
    from .browser import server

    result = Result(sessions, seconds)
    with tempfile.TemporaryDirectory() as tmp:
        live = Path(tmp) / "live.duckdb"
        shutil.copy(db, live)
        folder = Path(tmp) / "exported"
        if import_at is not None:
            export.export(live, folder)
        with server(live) as url:
            timer = None
            if import_at is not None:
                def swap():
                    outcome = importer.import_files(importer.files_in([folder]), live, "load test", sink=lambda _text: None)
                    result.imported_at = import_at if outcome.ok else None
                    if not outcome.ok:
                        result.errors.append(f"import refused: {[p.code for p in outcome.problems]}")
                timer = threading.Timer(import_at, swap)
                timer.start()
            run_async(_drive(url, sessions, seconds, result, seed, timeout))
            if timer:
                timer.join()
    return result


def table(result: Result) -> str:
    lines = ["| page | requests | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |", "|---|---:|---:|---:|---:|---:|"]
    everything: list[float] = []
    for page in sorted(result.latencies):
        values = result.latencies[page]
        everything += values
        lines.append(f"| {page} | {len(values)} | {_percentile(values, .5) * 1000:.0f} | "
                     f"{_percentile(values, .9) * 1000:.0f} | {_percentile(values, .99) * 1000:.0f} | "
                     f"{max(values) * 1000:.0f} |")
    if everything:
        lines.append(f"| **all** | {len(everything)} | {statistics.median(everything) * 1000:.0f} | "
                     f"{_percentile(everything, .9) * 1000:.0f} | {_percentile(everything, .99) * 1000:.0f} | "
                     f"{max(everything) * 1000:.0f} |")
    return "\n".join(lines)


def report(result: Result) -> str:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    swap = (f"an import of the whole database swapped it at {result.imported_at:.0f} s"
            if result.imported_at is not None else "no import")
    head = (f"{result.sessions} sessions for {result.seconds:.0f} s ({swap}) on {machine}, "
            f"{dt.date.today().isoformat()}: {result.requests} requests, {len(result.errors)} errors.")
    errors = "".join(f"\n- {e}" for e in result.errors[:20])
    return f"{head}\n\n{table(result)}\n" + (f"\nErrors:{errors}\n" if errors else "")


def main(argv: list[str] | None = None) -> int:
    from ..data import db as dbmod

    parser = argparse.ArgumentParser(prog="python -m industry.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=None, help="database to serve a copy of (default: the app's)")
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--import-at", type=float, default=None, help="seconds after the start to import and swap")
    parser.add_argument("--out", type=Path, default=None, help="write the report into this Markdown file")
    args = parser.parse_args(argv)
    db = dbmod.ensure(args.db) if args.db else dbmod.ensure()
    result = run(db, args.sessions, args.seconds, args.import_at)
    text = report(result)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 1 if result.errors else 0
