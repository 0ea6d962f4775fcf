"""Many viewers at once: a bounded load test of the served dashboard, over Streamlit's own websocket protocol.

    python -m industry.load [--sessions 30] [--seconds 120] [--think 10] [--import-at 60] [--processes N]
                            [--url URL --live DB] [--compare-root DIR] [--out docs/reliability.md]

Starts the dashboard on a copy of the database (loopback only): one Streamlit process, or with ``--processes N``
N of them behind nginx (``industry.serve``); or aims at one already running (``--url``, with ``--live`` the
database it serves, for the import). It opens `--sessions` sessions that each load pages with changing filters,
back to back as the server answers (the saturation run: phones opening a shared link at once), or with
``--think T`` pausing a random T/2 to 3T/2 seconds between clicks, as a person reading a page does; with
``--import-at``, it imports the database's own export halfway through, so that every session lives through a swap.
A request is one page run: a rerun message sent, the page's messages received until the script finished. It counts
as an error when the run did not finish, drew an exception, or the page was not found.

It reports the page views offered and served a second, latency percentiles per page (p50, p90, p95, p99), and,
when it started the server, the server's CPU time per page view (all its processes' CPU over the views served;
with one session, page by page). ``--compare-root DIR`` measures, in the same run, one session's CPU per page view
on this checkout and on another one (an earlier version of the dashboard), taking turns.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..app import first_screen
from ..outputs.background import run_async
from .machine import described

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
    think: float | None = None  # the mean pause between a session's clicks (None: back to back)
    processes: int = 1
    proxied: bool = False
    cpu_seconds: float | None = None  # the server processes' CPU over the run (None: not started here)
    cpu_by_page: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # one session only
    peak_rss_mb: float | None = None
    server_pids: list[int] = field(default_factory=list)  # the Streamlit processes that served (seen or started)
    driver_cpu_seconds: float | None = None  # this load generator's own CPU over the run
    machine_busy: float | None = None  # the share of the whole machine's CPU time that was busy over the run

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values()) + len(self.errors)

    @property
    def served(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    @property
    def cpu_ms_per_view(self) -> float | None:
        return 1000 * self.cpu_seconds / self.served if self.cpu_seconds is not None and self.served else None


def cpu_seconds(pids: list[int]) -> float:
    """The CPU time (user + system) the processes have used so far, from /proc."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _listening(port: int) -> int | None:
    """The process listening on TCP `port` of this machine (from /proc: its socket's inode among the processes'
    open files), or None."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                cells = line.split()
                if cells[3] == "0A" and int(cells[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                    inodes.add(cells[9])
    if not inodes:
        return None
    wanted = {f"socket:[{i}]" for i in inodes}
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if any(os.readlink(fd) in wanted for fd in (proc / "fd").iterdir()):
                found.append(int(proc.name))
    return min(found) if found else None  # nginx's master before its workers


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def serving(url: str) -> tuple[list[int], bool]:
    """The Streamlit processes that serve `url` on this machine and whether nginx is in front of them: the process
    listening on the URL's port is Streamlit itself, or nginx started by ``industry.serve``, which passes to the
    Streamlit processes listening on the ports its configuration names. ([], False) when the server is not on this
    machine or cannot be seen."""
    from urllib.parse import urlparse

    port = urlparse(url).port or 80
    listener = _listening(port)
    if listener is None:
        return [], False
    if "streamlit" in _command(listener):
        return [listener], False
    command = _command(listener)
    if "nginx" not in command:
        return [], False
    # the processes nginx passes to: the upstream servers of its configuration (industry.serve's, given with -c)
    words = command.split()
    conf = Path(words[words.index("-c") + 1]) if "-c" in words[:-1] else None
    try:
        ports = [int(p) for p in re.findall(r"server\s+127\.0\.0\.1:(\d+);", conf.read_text())] if conf else []
    except OSError:
        ports = []
    pids = [_listening(p) for p in ports]
    return sorted(p for p in pids if p is not None and "streamlit" in _command(p)), True


def peak_rss_mb(pids: list[int]) -> float:
    """The largest resident memory any of the processes reached (VmHWM), in MB."""
    peak = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
    return peak


def machine_cpu() -> tuple[float, float]:
    """The whole machine's (busy, total) CPU time so far, in clock ticks (/proc/stat's first line)."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle and waiting for input/output
    return sum(ticks) - idle, sum(ticks)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def _run_page(ws, page: str, query: str, timeout: float) -> tuple[bool, str]:
    """One page view as a browser makes it: the page's run, then, when the page drew a part after its first screen
    (``industry/app/first_screen.py``), the click on its hidden button that the page's script makes and the run of that
    part."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    await ws.send(msg.SerializeToString())
    deadline = time.monotonic() + timeout
    later: list[tuple[str, str]] = []  # (button id, fragment id): what is drawn after the first screen
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False, "timeout"
        raw = await asyncio.wait_for(ws.recv(), timeout=remaining)
        fwd = ForwardMsg.FromString(raw)
        kind = fwd.WhichOneof("type")
        if kind == "page_not_found":
            return False, "page not found"
        if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element
            if element.WhichOneof("type") == "exception":
                return False, f"exception: {element.exception.message[:200]}"
            if element.WhichOneof("type") == "button" and f"-{first_screen.KEY_PREFIX}" in element.button.id:
                later.append((element.button.id, fwd.delta.fragment_id))
        if kind == "script_finished":
            status = fwd.script_finished
            if status not in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                return False, f"script_finished={status}"
            if not later:
                return True, f"script_finished={status}"
            button, fragment = later.pop(0)
            click = BackMsg()
            click.rerun_script.query_string = query
            click.rerun_script.page_name = page
            click.rerun_script.fragment_id = fragment
            click.rerun_script.widget_states.widgets.add(id=button, trigger_value=True)
            await ws.send(click.SerializeToString())


async def _session(url: str, until: float, result: Result, rng: random.Random, timeout: float,
                   think: float | None = None, pids: list[int] | None = None) -> None:
    import websockets

    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    # a browser of its own: its own Streamlit cookie, which the proxy keeps on one process
    headers = {"Cookie": f"_streamlit_xsrf={rng.getrandbits(64):016x}"}
    async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                  additional_headers=headers) as ws:
        if think:  # people arrive over the first pause, not all in the first second
            await asyncio.sleep(rng.uniform(0, think))
        while time.monotonic() < until:
            page, query = rng.choice(PAGES), rng.choice(FILTERS)
            started, cpu = time.perf_counter(), cpu_seconds(pids) if pids else None
            try:
                ok, what = await _run_page(ws, page, query, timeout)
            except Exception as exc:  # noqa: BLE001 - a dropped connection is an error of this request
                ok, what = False, f"{type(exc).__name__}: {exc}"
            if ok:
                result.latencies[page or "overview"].append(time.perf_counter() - started)
                if cpu is not None:
                    result.cpu_by_page[page or "overview"].append(cpu_seconds(pids) - cpu)
            else:
                result.errors.append(f"/{page}?{query}: {what}")
                if "Connection" in what or "closed" in what:
                    return
            if think:
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))


async def _drive(url: str, sessions: int, seconds: float, result: Result, seed: int, timeout: float,
                 think: float | None = None, pids: list[int] | None = None) -> None:
    until = time.monotonic() + seconds
    tasks = []
    for i in range(sessions):
        tasks.append(asyncio.create_task(_session(url, until, result, random.Random(seed + i), timeout, think,
                                                  pids if sessions == 1 else None)))
        await asyncio.sleep(0.05)  # arrivals spread over the first seconds, as people open a link
    await asyncio.gather(*tasks)


def run(db: Path | None, sessions: int = 30, seconds: float = 120, import_at: float | None = None, seed: int = 1,
        timeout: float = 60, think: float | None = None, processes: int = 1, proxy: bool | None = None,
        url: str | None = None, live: Path | None = None) -> Result:
    """Serve a copy of `db` (one process, or `processes` behind nginx), load it, optionally import its own export
    in the middle; or load the server at `url`, importing into `live`. Return what happened."""
    from .serve import cluster

    proxy = processes > 1 if proxy is None else proxy
    result = Result(sessions, seconds, think=think, processes=processes, proxied=proxy or bool(url))
    with tempfile.TemporaryDirectory() as tmp:
        if url is None:
            live = Path(tmp) / "live.duckdb"
            shutil.copy(db, live)
        folder = Path(tmp) / "exported"
        if import_at is not None:
            if live is None:
                raise ValueError("an import needs the database the server reads (--live)")
            _export(live, folder)
        with contextlib.ExitStack() as stack:
            pids: list[int] = []
            if url is None:
                running = stack.enter_context(cluster(live, processes, proxy=proxy))
                url, pids = running.url, running.pids
            else:  # a server already running: the processes that serve it, when they are on this machine
                pids, result.proxied = serving(url)
                result.processes = len(pids)
            result.server_pids = list(pids)
            timer = None
            if import_at is not None:
                timer = threading.Timer(import_at, _swap, (folder, live, result, import_at))
                timer.start()
            before = cpu_seconds(pids) if pids else None
            driver, machine = time.process_time(), machine_cpu()
            run_async(_drive(url, sessions, seconds, result, seed, timeout, think, pids or None))
            result.driver_cpu_seconds = time.process_time() - driver
            (busy, total), (busy0, total0) = machine_cpu(), machine
            result.machine_busy = (busy - busy0) / (total - total0) if total > total0 else None
            if pids:
                result.cpu_seconds = cpu_seconds(pids) - before
                result.peak_rss_mb = peak_rss_mb(pids)
            if timer:
                timer.join()
    return result


def _export(live: Path, folder: Path) -> None:
    from ..files import export

    export.export(live, folder)


def _swap(folder: Path, live: Path, result: Result, at: float) -> None:
    from ..files import importer

    outcome = importer.import_files(importer.files_in([folder]), live, "load test", sink=lambda _text: None,
                                    replace=["all"])  # the whole export, as a full re-import
    result.imported_at = at if outcome.ok else None
    if not outcome.ok:
        result.errors.append(f"import refused: {[p.code for p in outcome.problems]}")


def compare(db: Path, other_root: Path, seconds: float = 40, rounds: int = 4, seed: int = 1) -> dict[str, Result]:
    """One session's CPU per page view on this checkout and on `other_root`, measured in one run: both served
    at once (each its own build of the demonstration database), driven in turns of `seconds` / `rounds`, the same
    pages and filters on each."""
    from ..core import paths
    from .browser import server

    results = {"before": Result(1, seconds), "after": Result(1, seconds)}
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        urls, pids = {}, {}
        for name, root in (("before", Path(other_root)), ("after", paths.ROOT)):
            copy = Path(tmp) / f"{name}.duckdb"
            if name == "after":
                shutil.copy(db, copy)
            else:  # the demonstration database as that version builds it (its own schema)
                subprocess.run([sys.executable, "-m", "industry.build", "--out", str(copy), "--quiet"], cwd=root,
                               env=dict(os.environ, PYTHONPATH=str(root)), check=True, capture_output=True)
            pids[name] = []
            urls[name] = stack.enter_context(server(copy, root=root, pids=pids[name]))
        for turn in range(rounds):
            for name in ("before", "after") if turn % 2 == 0 else ("after", "before"):
                result = results[name]
                before = cpu_seconds(pids[name])
                run_async(_drive(urls[name], 1, seconds / rounds, result, seed + turn, 60, None, pids[name]))
                result.cpu_seconds = (result.cpu_seconds or 0) + cpu_seconds(pids[name]) - before
    return results


def table(result: Result) -> str:
    cpu = bool(result.cpu_by_page)
    lines = ["| page | views | p50 (ms) | p90 (ms) | p95 (ms) | p99 (ms) | max (ms) |" + (" CPU (ms/view) |" if cpu else ""),
             "|---|---:|---:|---:|---:|---:|---:|" + ("---:|" if cpu else "")]
    everything: list[float] = []

    def row(name: str, values: list[float], cpus: list[float]) -> str:
        cells = [str(len(values))] + [f"{_percentile(values, q) * 1000:.0f}" for q in (.5, .9, .95, .99)]
        cells.append(f"{max(values) * 1000:.0f}")
        if cpu:
            cells.append(f"{1000 * statistics.mean(cpus):.0f}" if cpus else "–")
        return f"| {name} | " + " | ".join(cells) + " |"

    for page in sorted(result.latencies):
        everything += result.latencies[page]
        lines.append(row(page, result.latencies[page], result.cpu_by_page.get(page, [])))
    if everything:
        lines.append(row("**all**", everything, [c for v in result.cpu_by_page.values() for c in v]))
    return "\n".join(lines)


def report(result: Result) -> str:
    machine = described(day=False)
    swap = (f"an import of the whole database swapped it at {result.imported_at:.0f} s"
            if result.imported_at is not None else "no import")
    pace = (f"each pausing {result.think / 2:.0f}–{1.5 * result.think:.0f} s between clicks" if result.think
            else "back to back")
    if result.processes:
        where = (f"{result.processes} Streamlit {'process' if result.processes == 1 else 'processes'} "
                 f"(pid {', '.join(map(str, result.server_pids))})" if result.server_pids
                 else f"{result.processes} {'process' if result.processes == 1 else 'processes'}")
        where += " behind nginx" if result.proxied else ""
    else:
        where = "a server whose processes are not on this machine" + (" (nginx in front)" if result.proxied else "")
    head = (f"{result.sessions} sessions ({pace}) for {result.seconds:.0f} s on {where} ({swap}), {machine}, "
            f"{dt.date.today().isoformat()}: {result.requests} page views asked for "
            f"({result.requests / result.seconds:.2f} a second), {result.served} served "
            f"({result.served / result.seconds:.2f} a second), {len(result.errors)} errors.")
    if result.cpu_ms_per_view is not None:
        head += (f" Server CPU per page view: {result.cpu_ms_per_view:.0f} ms; peak memory of a process: "
                 f"{result.peak_rss_mb:.0f} MB.")
    if result.driver_cpu_seconds is not None and result.seconds:
        cores = os.cpu_count() or 1
        head += (f" The load generator itself used {result.driver_cpu_seconds:.0f} s of CPU "
                 f"({100 * result.driver_cpu_seconds / (result.seconds * cores):.0f} % of the machine's {cores} cores)")
        head += (f"; the machine was {100 * result.machine_busy:.0f} % busy over the run."
                 if result.machine_busy is not None else ".")
    errors = "".join(f"\n- {e}" for e in result.errors[:20])
    return f"{head}\n\n{table(result)}\n" + (f"\nErrors:{errors}\n" if errors else "")


def compare_report(results: dict[str, Result], other_root: Path) -> str:
    before, after = results["before"], results["after"]
    lines = [f"One session, back to back, {before.seconds:.0f} s on each, taking turns, in one run "
             f"({described(python=False)}): server CPU per page view "
             f"of the checkout at `{other_root}` (before) and of this one (after).", "",
             "| page | views before | views after | CPU before (ms/view) | CPU after (ms/view) | after / before |",
             "|---|---:|---:|---:|---:|---:|"]
    for page in sorted(set(before.cpu_by_page) | set(after.cpu_by_page)):
        b, a = before.cpu_by_page.get(page, []), after.cpu_by_page.get(page, [])
        if b and a:
            mb, ma = 1000 * statistics.mean(b), 1000 * statistics.mean(a)
            lines.append(f"| {page} | {len(b)} | {len(a)} | {mb:.0f} | {ma:.0f} | {ma / mb:.2f} |")
    mb, ma = before.cpu_ms_per_view or 0, after.cpu_ms_per_view or 0
    lines.append(f"| **all** | {before.served} | {after.served} | {mb:.0f} | {ma:.0f} | "
                 f"{ma / mb:.2f} |" if mb else "")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    from ..data import db as dbmod

    parser = argparse.ArgumentParser(prog="python -m industry.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=None, help="database to serve a copy of (default: the app's)")
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--think", type=float, default=None,
                        help="mean pause between a session's clicks, in seconds (a random think/2 to 3·think/2)")
    parser.add_argument("--import-at", type=float, default=None, help="seconds after the start to import and swap")
    parser.add_argument("--processes", type=int, default=1, help="Streamlit processes (more than one: behind nginx)")
    parser.add_argument("--url", default=None, help="load this running dashboard instead of starting one")
    parser.add_argument("--live", type=Path, default=None, help="the database the --url server reads (for --import-at)")
    parser.add_argument("--compare-root", type=Path, default=None,
                        help="another checkout: one session's CPU per page view here and there, in one run")
    parser.add_argument("--out", type=Path, default=None, help="write the report into this Markdown file")
    args = parser.parse_args(argv)
    db = None if args.url else (dbmod.ensure(args.db) if args.db else dbmod.ensure())
    if args.compare_root:
        text = compare_report(compare(db, args.compare_root, args.seconds), args.compare_root)
        print(text)
        if args.out:
            args.out.write_text(text, encoding="utf-8")
        return 0
    try:
        result = run(db, args.sessions, args.seconds, args.import_at, think=args.think, processes=args.processes,
                     url=args.url, live=args.live)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    text = report(result)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 1 if result.errors else 0
