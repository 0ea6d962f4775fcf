"""Benchmark at country scale: build, page runs, the same figures in pandas, memory, map payload.

    python -m industry.bench [--scales 10000,100000,1000000] [--runs 5] [--figure-runs 25] [--pages map,…]
                             [--out docs/benchmarks.md]

For each scale the builder makes a stress database; then, for every page and the filter
combinations a user meets, it measures in one run (this machine is noisy: compare ratios):
- the page's figures from DuckDB (the ``industry.data.metrics`` calls the page makes, no Streamlit cache), median ms;
- the same figures computed the naive way (``industry.tools.baseline``: the raw tables loaded into pandas once,
  then filtered, joined and grouped per view), median ms, and the ratio naive / DuckDB (the two sides take
  turns, a block of runs at a time, ``--figure-runs`` runs each);
- the whole page run by Streamlit's AppTest in a process of its own: cold (caches cleared), warm (a rerun)
  and after a filter change, median ms, the map payload, and that process's peak memory (ru_maxrss);
and the build time and database size. The report opens with the targets at the largest scale, met or not.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import duckdb

from ..core import paths
from ..data import metrics, queries
from ..data.build import build
from . import baseline
from .machine import described

YEAR = 2025
PAGES = ("overview", "map", "wastewater", "supporting", "programmes", "villages", "activities", "commune", "present")
EXTRA = {"present": {"slide": "5"}}  # the Present page on its supporting-industry slide (the costliest)
FIGURE_RUNS = 25  # a page's figures take milliseconds: a median of 25 runs of each side steadies the ratio
FIGURE_BLOCK = 5  # the sides take turns this many runs at a time
CHANGE_YEARS = (2019, 2018, 2021, 2022, 2020, 2023)  # the years a filter change moves to, none of them cached yet


def filter_sets(con) -> dict[str, dict]:
    codes = [r[0] for r in queries.rows(con, "bench/largest_communes", {"year": YEAR})]
    return {
        "no filter": {},
        "one commune": {"commune": [codes[0]]},
        "five communes": {"commune": codes[:5]},
        "a sector": {"sector": "electronics"},
        "a year": {"year": 2020},
    }


def page_calls(page: str, f: dict) -> list[tuple[str, tuple]]:
    """What the page asks for the filters `f`: the ``industry.data.metrics`` functions it calls, with their arguments
    (the same calls the page makes; the benchmark runs them on DuckDB and on the pandas baseline)."""
    c, s, y = tuple(f.get("commune", ())), f.get("sector"), f.get("year", YEAR)
    if page == "commune":  # the Commune profile (industry.figures.profile.build_profiles) of up to four communes
        return [("commune_ranks", (y, s)), ("clusters_by_year", ((),)), ("enterprises_by_year", ((), s)),
                ("villages_by_year", ((),)), ("map_sites", (y, c)), ("map_villages", (y, c)), ("commune_shapes", ()),
                ("commune_trends", (c[:4], s)), ("commune_predecessors", (c[:4],))] if c else []
    return {
        "overview": [("clusters_by_year", (c,)), ("enterprises_by_year", (c, s)), ("villages_by_year", (c,)),
                     ("targets", ())],
        "map": [("map_communes", (y, s)), ("commune_shapes", ()), ("map_sites", (y, c)), ("map_villages", (y, c))],
        "wastewater": [("clusters_by_year", (c,)), ("wastewater_by_commune", (y, c)), ("wastewater_failures", (y, c)),
                       ("map_sites", (y, c)), ("wastewater_limits", ()), ("targets", ())],
        "supporting": [("enterprises_by_year", (c, s)), ("targets", ()), ("si_by_sector", (y, c)),
                       ("si_by_size", (y, c, s)), ("si_by_commune", (y, s)), ("enterprises_by_year", ((), s)),
                       ("si_by_standard", (y, c, s)), ("si_expiring", (y, c, s)), ("si_uncertified", (y, c, s))],
        "programmes": [("targets", ()), ("programme_progress", ())],
        "villages": [("villages_by_craft", (y, c)), ("villages_by_commune", (y,)), ("map_sites", (y, c))],
        "activities": [("activities_by_year", (c,)), ("activities_by_commune", (y,)), ("activities_list", (y, c))],
        "present": [("enterprises_by_year", (c, s)), ("targets", ())],
    }[page]


def page_queries(con, page: str, f: dict) -> list:
    """The page's figures from DuckDB (``industry.data.metrics`` on the built database, no Streamlit cache)."""
    return [getattr(metrics, name)(con, *args) for name, args in page_calls(page, f)]


def page_naive(tables: baseline.Tables, page: str, f: dict) -> list:
    """The same figures the naive way (``industry.tools.baseline``: pandas over the raw tables held in memory)."""
    run = baseline.Run(tables)
    return [getattr(run, name)(*args) for name, args in page_calls(page, f)]


def times_ms(fn, runs: int) -> list[float]:
    """How long each of `runs` runs of `fn` took, in ms."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def median_ms(fn, runs: int) -> float:
    return statistics.median(times_ms(fn, runs))


def figures_ms(fns, runs: int, block: int = FIGURE_BLOCK) -> list[float]:
    """The median ms of each of `fns` (the two sides of a ratio) over `runs` runs, measured as timeit does, with
    the garbage collector off (the pandas side leaves large frames behind, whose collection would otherwise land on
    whichever side runs next). The sides take turns a block of `block` runs at a time, each block after one run that
    is not counted: a change in this shared machine's load then falls on both sides alike, and no counted run of
    one side starts in the caches the other side has just filled (alternating run by run made DuckDB's few
    milliseconds 30–45 % slower after each pandas run over a million rows, and left pandas as it was)."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    times: list[list[float]] = [[] for _ in fns]
    try:
        while len(times[0]) < runs:
            for fn, spent in zip(fns, times, strict=True):
                fn()
                spent += times_ms(fn, min(block, runs - len(spent)))
    finally:
        if enabled:
            gc.enable()
    return [statistics.median(spent) for spent in times]


def apptest_ms(db: Path, page: str, f: dict, runs: int) -> tuple[float, float, float, int | None]:
    """Cold (caches cleared, new session), warm (median of `runs` reruns) and filter-change (median of `runs` moves to
    a year the session has not seen, whose figures are not cached) page times, and the map payload in bytes."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_DB"] = str(db)
    params = {k: (v if isinstance(v, list) else str(v)) for k, v in f.items()}
    from ..app import shell

    st.cache_data.clear()
    st.cache_resource.clear()
    shell.clear_shared()
    at = AppTest.from_file(str(paths.ROOT / "dashboard.py"), default_timeout=300)
    at.switch_page(f"pages/{page}.py")
    for key, value in (params | EXTRA.get(page, {})).items():
        at.query_params[key] = value
    started = time.perf_counter()
    at.run()
    cold = (time.perf_counter() - started) * 1000
    if at.exception:
        raise RuntimeError(f"{page} {f}: {at.exception[0].message}")
    warm = median_ms(at.run, runs)
    changes = []
    for other in [y for y in CHANGE_YEARS if y != f.get("year", YEAR)][:max(1, runs)]:  # each year new to the session
        started = time.perf_counter()
        at.selectbox(key="year").select(other).run()
        changes.append((time.perf_counter() - started) * 1000)
    change = statistics.median(changes)
    payload = None
    if page == "map":
        payload = len(at.get("deck_gl_json_chart")[0].proto.json.encode())
    return cold, warm, change, payload


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def app_measures(db: Path, pages: tuple[str, ...], runs: int) -> dict:
    """Every page under every filter set by AppTest, in this process: what the app process does and holds.
    Run in a process of its own (``--app DB``), so that its peak memory is the app's alone."""
    con = duckdb.connect(str(db), read_only=True)
    sets = filter_sets(con)
    con.close()
    rows = {}
    for page in pages:
        for name, f in sets.items():
            rows[f"{page}|{name}"] = apptest_ms(db, page, f, runs)
    return {"pages": rows, "peak_mb": peak_memory_mb()}


def app_measures_apart(db: Path, pages: tuple[str, ...], runs: int) -> dict:
    done = subprocess.run([sys.executable, "-m", "industry.bench", "--app", str(db), "--runs", str(runs),
                           "--pages", ",".join(pages)], capture_output=True, text=True, cwd=paths.ROOT)
    if done.returncode:
        raise RuntimeError(f"the app measures failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


TARGETS = (  # (what, limit, unit, higher is better) at the largest scale measured
    ("every page's warm rerun (median)", 150, "ms", False),
    ("every filter change that misses the cache", 300, "ms", False),
    ("every page's figures against the pandas baseline", 10, "×", True),
    ("map payload", 2, "MB", False),
    ("peak memory of the app process", 1000, "MB", False),
    ("stress build", 60, "s", False),
)


def run(scales: list[int], runs: int, out: Path | None, workdir: Path, pages: tuple[str, ...] = PAGES,
        figure_runs: int | None = None) -> str:
    figure_runs = figure_runs or runs
    machine = described(also=f"DuckDB {duckdb.__version__}", day=False)
    build_rows, page_rows, peaks = [], [], {}
    for scale in scales:
        db = workdir / f"bench-{scale}.duckdb"
        started = time.perf_counter()
        build(db, enterprises=scale, quiet=True)
        build_s = time.perf_counter() - started
        print(f"built {scale:,} enterprises in {build_s:.1f} s", file=sys.stderr)
        app = app_measures_apart(db, pages, runs)
        peaks[scale] = app["peak_mb"]
        con = duckdb.connect(str(db), read_only=True)
        started = time.perf_counter()
        tables = baseline.Tables(con)
        load_ms = (time.perf_counter() - started) * 1000
        build_rows.append((scale, build_s, db.stat().st_size / 1e6, load_ms))
        for page in pages:
            for name, f in filter_sets(con).items():
                calls = len(page_calls(page, f))
                duck, naive = figures_ms((functools.partial(page_queries, con, page, f),
                                          functools.partial(page_naive, tables, page, f)), figure_runs) \
                    if calls else (None, None)
                cold, warm, change, payload = app["pages"][f"{page}|{name}"]
                page_rows.append(PageRow(scale, page, name, calls, duck, naive, cold, warm, change, payload))
                print(f"  {scale:>9,} {page:<11} {name:<13} duckdb {duck or 0:7.1f} ms  pandas {naive or 0:8.1f} ms  "
                      f"page cold {cold:7.0f} ms  warm {warm:6.0f} ms  change {change:6.0f} ms", file=sys.stderr)
        tables = None
        gc.collect()
        con.close()
        with contextlib.suppress(OSError):
            db.unlink()
    text = report(machine, build_rows, page_rows, peaks)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        text += history(out)
        out.write_text(text, encoding="utf-8")
    return text


HISTORY = "## History"


def history(out: Path) -> str:
    """The hand-written section of `out` that records what changed and its before → after (kept on a rerun)."""
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    at = old.find("\n" + HISTORY + "\n")
    return "\n" + old[at + 1:] if at >= 0 else ""


class PageRow(NamedTuple):
    """One page under one filter set at one scale (times in ms, payload in bytes)."""
    scale: int
    page: str
    filters: str
    calls: int
    duck: float | None
    naive: float | None
    cold: float
    warm: float
    change: float
    payload: int | None

    @property
    def ratio(self) -> float | None:
        return self.naive / self.duck if self.duck and self.naive is not None else None

    @property
    def where(self) -> str:
        return f"{self.page}, {self.filters}"


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}"


def report(machine: str, build_rows: list, page_rows: list, peaks: dict) -> str:
    lines = ["# Benchmarks", "", f"Generated by `python -m industry.bench` on {time.strftime('%Y-%m-%d')} ({machine}).",
             "Times are medians of several runs in one process; this machine is shared and noisy, so compare "
             "ratios measured in the same run rather than absolute values across runs.", ""]
    top = max(peaks) if peaks else None
    if top is not None:
        lines += targets_section(top, build_rows, page_rows, peaks)
    lines += ["## Build", "", "| enterprises | build (s) | database (MB) | pandas: load the raw tables (ms) | "
              "peak memory of the app process (MB) |", "|---:|---:|---:|---:|---:|"]
    lines += [f"| {s:,} | {b:.1f} | {m:.1f} | {load:,.0f} | {peaks[s]:,.0f} |" for s, b, m, load in build_rows]
    lines += ["", "## Pages", "",
              "Figures: the calls the page makes to `industry.data.metrics` (DuckDB on the built database, no Streamlit "
              "cache) and the same figures from `industry.tools.baseline` (pandas over the raw tables already loaded in "
              "memory, filtered, joined and grouped per view; `tests/test_baseline.py` checks both give the same "
              "rows and numbers), each the median of several runs after one that is not counted, with the garbage "
              f"collector off, as timeit measures, the two sides taking turns {FIGURE_BLOCK} runs at a time. Page: "
              "the whole page run by AppTest in a process of its own: cold (caches cleared, a new session), warm "
              "(the median of reruns) and after a filter change in the same session "
              "(the median of moves to years it has not seen, whose figures are not cached yet). The Commune "
              "profile asks nothing until a commune is chosen (—).", "",
              "| enterprises | page | filters | calls | DuckDB (ms) | pandas (ms) | pandas / DuckDB | page cold (ms) | "
              "page warm (ms) | filter change (ms) |", "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in page_rows:
        lines.append(f"| {r.scale:,} | {r.page} | {r.filters} | {r.calls} | {_ms(r.duck)} | {_ms(r.naive)} | "
                     f"{'—' if r.ratio is None else f'{r.ratio:.1f}×'} | {r.cold:.0f} | {r.warm:.0f} | {r.change:.0f} |")
    lines += ["", "## Map payload", ""]
    for scale in sorted({r.scale for r in page_rows}):
        sizes = [r.payload for r in page_rows if r.scale == scale and r.payload]
        if sizes:
            lines.append(f"- {scale:,} enterprises: deck sent to the browser {max(sizes) / 1e6:.2f} MB (largest view)")
    return "\n".join(lines) + "\n"


def targets_section(scale: int, build_rows: list, page_rows: list, peaks: dict) -> list[str]:
    rows = [r for r in page_rows if r.scale == scale]
    build_s = next(b for s, b, *_ in build_rows if s == scale)

    def worst(values, higher_better):
        values = [v for v in values if v[0] is not None]
        return (min if higher_better else max)(values, key=lambda v: v[0]) if values else (None, "")

    measured = [
        worst([(r.warm, r.where) for r in rows], False),
        worst([(r.change, r.where) for r in rows], False),
        worst([(r.ratio, r.where) for r in rows], True),
        (max([r.payload for r in rows if r.payload], default=0) / 1e6 or None, "map"),
        (peaks[scale], "all pages and filters"),
        (build_s, ""),
    ]
    lines = [f"## Targets at {scale:,} enterprises", "",
             "| target | limit | measured (worst case) | where | met |", "|---|---:|---:|---|:---:|"]
    for (what, limit, unit, higher), (value, where) in zip(TARGETS, measured, strict=True):
        met = "—" if value is None else ("yes" if (value >= limit if higher else value <= limit) else "**no**")
        shown = "—" if value is None else (f"{value:.1f}" if value < 100 else f"{value:,.0f}")
        lines.append(f"| {what} | {'≥' if higher else '≤'} {limit:,} {unit} | {shown} {unit} | {where} | {met} |")
    short = sorted({r.page for r in rows if r.ratio is not None and r.ratio < 10})
    if short:
        lines += ["", "Pages under 10× the pandas baseline, with the range of their ratios and of DuckDB's time per query "
                  "(each query's fixed cost, planning and conversion to a DataFrame, is most of it on small tables): "
                  + "; ".join(_short_page(page, [r for r in rows if r.page == page]) for page in short) + "."]
    return lines + [""]


def _short_page(page: str, rows: list[PageRow]) -> str:
    ratios = [r.ratio for r in rows if r.ratio is not None]
    per_query = [r.duck / r.calls for r in rows if r.duck and r.calls]
    calls = sorted({r.calls for r in rows if r.calls})
    count = str(calls[0]) if calls[0] == calls[-1] else f"{calls[0]}–{calls[-1]}"
    return f"{page} {_span(ratios)}×, {_span(per_query)} ms per query ({count} queries)"


def _span(values: list[float]) -> str:
    low, high = f"{min(values):.1f}", f"{max(values):.1f}"
    return low if low == high else f"{low}–{high}"


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text}: at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m industry.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="10000,100000,1000000", help="enterprises per stress database")
    parser.add_argument("--runs", type=_positive, default=5, help="runs per page measurement (the median is reported)")
    parser.add_argument("--figure-runs", type=_positive, default=FIGURE_RUNS,
                        help="runs of each page's figures on each side of the ratio (milliseconds each, so many)")
    parser.add_argument("--out", type=Path, default=paths.ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--pages", default=",".join(PAGES), help="pages to measure")
    parser.add_argument("--app", type=Path, help=argparse.SUPPRESS)  # the app measures of one database, as JSON
    args = parser.parse_args(argv)
    pages = tuple(p for p in args.pages.split(",") if p)
    unknown = sorted(set(pages) - set(PAGES))
    if unknown:
        parser.error(f"unknown page {', '.join(unknown)} (pages: {', '.join(PAGES)})")
    if args.app:
        print(json.dumps(app_measures(args.app, pages, args.runs)))
        return 0
    scales = [int(s.replace("_", "")) for s in args.scales.split(",") if s.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        text = run(scales, args.runs, args.out, Path(tmp), pages, args.figure_runs)
    print(text)
    return 0
