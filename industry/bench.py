"""Benchmark at country scale: build, page runs, the same computations in pandas, memory, map payload.

    python -m industry.bench [--scales 10000,100000,1000000] [--runs 5] [--out docs/benchmarks.md]

For each scale the builder makes a stress database; then, for every page and the filter
combinations a user meets, it measures in one run (this machine is noisy: compare ratios):
- the page's query functions on DuckDB (``industry.metrics``, no Streamlit cache), median ms;
- the same figures computed the naive way: the raw tables loaded into pandas once, then
  filtered and grouped per view, median ms, and the ratio naive / DuckDB;
- the whole page run by Streamlit's AppTest: cold (caches cleared) and warm (a rerun), median ms;
and the build time, database size, map payload and peak memory (ru_maxrss of this process).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

from . import metrics, paths, queries
from .build import build

YEAR = 2025
PAGES = ("overview", "map", "wastewater", "supporting", "programmes", "villages", "commune", "present")
EXTRA = {"present": {"slide": "5"}}  # the Present page on its supporting-industry slide (the costliest)


def filter_sets(con) -> dict[str, dict]:
    codes = [r[0] for r in queries.rows(con, "bench/largest_communes", {"year": YEAR})]
    return {
        "no filter": {},
        "one commune": {"commune": [codes[0]]},
        "five communes": {"commune": codes[:5]},
        "a sector": {"sector": "electronics"},
        "a year": {"year": 2020},
    }


def page_queries(con, page: str, f: dict) -> None:
    """What the page asks of the database for the filters `f` (the same calls the page makes)."""
    communes, sector, year = tuple(f.get("commune", ())), f.get("sector"), f.get("year", YEAR)
    if page == "overview":
        metrics.clusters_by_year(con, communes)
        metrics.enterprises_by_year(con, communes, sector)
        metrics.villages_by_year(con, communes)
    elif page == "map":
        metrics.map_communes(con, year, sector)
        metrics.map_sites(con, year, communes)
        metrics.map_villages(con, year, communes)
    elif page == "wastewater":
        metrics.clusters_by_year(con, communes)
        metrics.wastewater_by_commune(con, year, communes)
        metrics.wastewater_failures(con, year, communes)
        metrics.map_sites(con, year, communes)
    elif page == "supporting":
        metrics.enterprises_by_year(con, communes, sector)
        metrics.si_by_sector(con, year, communes)
        metrics.si_by_size(con, year, communes, sector)
        metrics.si_by_commune(con, year, sector)
        metrics.si_by_standard(con, year, communes, sector)
        metrics.si_expiring(con, year, communes, sector)
        metrics.si_uncertified(con, year, communes, sector)
    elif page == "programmes":
        metrics.targets(con)
        metrics.programme_progress(con)
    elif page == "villages":
        metrics.villages_by_craft(con, year, communes)
        metrics.villages_by_commune(con, year)
        metrics.map_sites(con, year, communes)
    elif page == "commune" and communes:
        from .i18n import Translator
        from .profile import build_profiles

        build_profiles(lambda fn, *args: fn(con, *args), list(communes[:4]), year, sector, Translator("en"))
    elif page == "present":
        metrics.enterprises_by_year(con, communes, sector)
        metrics.targets(con)


class Naive:
    """The same figures from raw tables in pandas (tables loaded once; filtering and grouping per view)."""

    def __init__(self, con):
        started = time.perf_counter()
        self.ent = con.table("enterprises").df()
        self.cert = con.table("certifications").df()
        self.sites = con.table("sites").df()
        self.plants = con.table("wastewater_plants").df()
        self.samples = con.table("wastewater_samples").df()
        self.limits = con.table("wastewater_limits").df()
        self.villages = con.table("craft_villages").df()
        self.load_ms = (time.perf_counter() - started) * 1000

    def _scope(self, df, f, column="commune_code"):
        if f.get("commune"):
            df = df[df[column].isin(f["commune"])]
        return df

    def si_by_year(self, f):
        ent = self._scope(self.ent[self.ent["supporting_industry"]], f)
        if f.get("sector"):
            ent = ent[ent["sector"] == f["sector"]]
        out = {}
        for year in range(2018, 2026):
            day = pd.Timestamp(year, 12, 31)
            active = ent[(ent["founded_year"] <= year) & (ent["closed_year"].isna() | (ent["closed_year"] > year))]
            c = self.cert[(pd.to_datetime(self.cert["issued_on"]) <= day)
                          & (self.cert["expires_on"].isna() | (pd.to_datetime(self.cert["expires_on"]) >= day))]
            out[year] = (len(active), int(active["enterprise_id"].isin(c["enterprise_id"]).sum()))
        return out

    def by_group(self, f, column):
        year = f.get("year", YEAR)
        day = pd.Timestamp(year, 12, 31)
        ent = self.ent[self.ent["supporting_industry"] & (self.ent["founded_year"] <= year)
                       & (self.ent["closed_year"].isna() | (self.ent["closed_year"] > year))]
        ent = self._scope(ent, f)
        c = self.cert[(pd.to_datetime(self.cert["issued_on"]) <= day)
                      & (self.cert["expires_on"].isna() | (pd.to_datetime(self.cert["expires_on"]) >= day))]
        ent = ent.assign(certified=ent["enterprise_id"].isin(c["enterprise_id"]))
        return ent.groupby(column)["certified"].agg(["size", "sum"])

    def compliance_by_year(self, f):
        s = self.samples.merge(self.plants[["site_id", "standard"]], on="site_id").merge(
            self.limits, on=["standard", "parameter"], how="left", suffixes=("", "_limit"))
        s["exceeds"] = (s["value"] > s["max_value"]).fillna(False) | (s["value"] < s["min_value"]).fillna(False)
        s["year"] = pd.to_datetime(s["sampled_on"]).dt.year
        bad = s.groupby(["site_id", "year"])["exceeds"].agg(["size", "sum"]).reset_index()
        clusters = self._scope(self.sites[(self.sites["kind"] == "cluster") & (self.sites["status"] == "operating")], f)
        out = {}
        for year in range(2018, 2026):
            counted = clusters[clusters["opened_year"] <= year]
            plants = self.plants[self.plants["commissioned_year"] <= year]
            ok = bad[(bad["year"] == year) & (bad["sum"] == 0)]
            compliant = counted["site_id"].isin(plants["site_id"]) & counted["site_id"].isin(ok["site_id"])
            out[year] = (len(counted), int(compliant.sum()))
        return out

    def per_commune(self, f):
        year = f.get("year", YEAR)
        ent = self.ent[(self.ent["founded_year"] <= year) & (self.ent["closed_year"].isna() | (self.ent["closed_year"] > year))]
        if f.get("sector"):
            ent = ent[ent["sector"] == f["sector"]]
        return ent.groupby("commune_code").size()

    def page(self, page: str, f: dict) -> None:
        if page == "overview":
            self.compliance_by_year(f)
            self.si_by_year(f)
            self._scope(self.villages, f).groupby("recognised_year").size()
        elif page == "map":
            self.per_commune(f)
            self.by_group(f, "commune_code")
            self._scope(self.sites, f)
        elif page == "wastewater":
            self.compliance_by_year(f)
        elif page == "supporting":
            self.si_by_year(f)
            for column in ("sector", "size", "commune_code"):
                self.by_group(f, column)
        elif page == "programmes":
            self.si_by_year({})
            self.compliance_by_year({})
        elif page == "villages":
            v = self._scope(self.villages, f)
            v.groupby("craft").size()
            self.villages.groupby("commune_code").size()
        elif page == "present":
            self.si_by_year(f)
        elif page == "commune" and f.get("commune"):
            self.per_commune(f).rank()
            self.by_group(f, "commune_code")
            self.compliance_by_year(f)
            self.si_by_year(f)


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def apptest_ms(db: Path, page: str, f: dict, runs: int) -> tuple[float, float, float, int | None]:
    """Cold (caches cleared, new session), warm (rerun) and filter-change (another year, its queries not cached)
    page times, and the map payload in bytes."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_DB"] = str(db)
    params = {k: (v if isinstance(v, list) else str(v)) for k, v in f.items()}
    st.cache_data.clear()
    at = AppTest.from_file(str(paths.ROOT / "dashboard.py"), default_timeout=300)
    at.switch_page(f"app_pages/{page}.py")
    for key, value in (params | EXTRA.get(page, {})).items():
        at.query_params[key] = value
    started = time.perf_counter()
    at.run()
    cold = (time.perf_counter() - started) * 1000
    if at.exception:
        raise RuntimeError(f"{page} {f}: {at.exception[0].message}")
    warm = median_ms(at.run, runs)
    other = 2019 if f.get("year") != 2019 else 2018
    started = time.perf_counter()
    at.selectbox(key="year").select(other).run()
    change = (time.perf_counter() - started) * 1000
    payload = None
    if page == "map":
        payload = len(at.get("deck_gl_json_chart")[0].proto.json.encode())
    return cold, warm, change, payload


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(scales: list[int], runs: int, out: Path | None, workdir: Path, pages: tuple[str, ...] = PAGES) -> str:
    lines = []
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, DuckDB {duckdb.__version__}"
    lines += ["# Benchmarks", "", f"Generated by `python -m industry.bench` on {time.strftime('%Y-%m-%d')} ({machine}).",
              "Times are medians of several runs in one process; compare ratios, not absolute values.", ""]
    build_rows, page_rows = [], []
    for scale in scales:
        db = workdir / f"bench-{scale}.duckdb"
        started = time.perf_counter()
        build(db, enterprises=scale, quiet=True)
        build_s = time.perf_counter() - started
        build_rows.append((scale, build_s, db.stat().st_size / 1e6))
        print(f"built {scale:,} enterprises in {build_s:.1f} s", file=sys.stderr)
        con = duckdb.connect(str(db), read_only=True)
        naive = Naive(con)
        for page in pages:
            for name, f in filter_sets(con).items():
                duck = median_ms(functools.partial(page_queries, con, page, f), runs)
                pandas_ms = median_ms(functools.partial(naive.page, page, f), max(1, runs // 2))
                cold, warm, change, payload = apptest_ms(db, page, f, runs)
                page_rows.append((scale, page, name, duck, pandas_ms, pandas_ms / duck if duck else None, cold, warm,
                                  change, payload))
                print(f"  {scale:>9,} {page:<11} {name:<13} duckdb {duck:7.1f} ms  pandas {pandas_ms:8.1f} ms  "
                      f"page cold {cold:7.0f} ms  warm {warm:6.0f} ms  change {change:6.0f} ms", file=sys.stderr)
        load_ms = naive.load_ms
        naive = None
        gc.collect()
        con.close()
        build_rows[-1] = build_rows[-1] + (load_ms,)
        with contextlib.suppress(OSError):
            db.unlink()
    lines += ["## Build", "", "| enterprises | build (s) | database (MB) | pandas: load the raw tables (ms) |",
              "|---:|---:|---:|---:|"]
    lines += [f"| {s:,} | {b:.1f} | {m:.1f} | {load:,.0f} |" for s, b, m, load in build_rows]
    lines += ["", "## Pages", "",
              "DuckDB: the page's query functions on the built database (no Streamlit cache). pandas: the same figures "
              "from the raw tables already in memory. Page: the whole page run by AppTest: cold (caches cleared, a new "
              "session), warm (a rerun) and after a filter change in the same session (another year, whose queries "
              "are not cached yet).", "",
              "| enterprises | page | filters | DuckDB (ms) | pandas (ms) | pandas / DuckDB | page cold (ms) | "
              "page warm (ms) | filter change (ms) |", "|---:|---|---|---:|---:|---:|---:|---:|---:|"]
    for scale, page, name, duck, pandas_ms, ratio, cold, warm, change, _ in page_rows:
        lines.append(f"| {scale:,} | {page} | {name} | {duck:.1f} | {pandas_ms:.1f} | {ratio:.0f}× | {cold:.0f} | "
                     f"{warm:.0f} | {change:.0f} |")
    payloads = [(s, p) for s, page, n, *_, p in page_rows if p]
    lines += ["", "## Map payload and memory", ""]
    for scale in scales:
        sizes = [p for s, p in payloads if s == scale]
        if sizes:
            lines.append(f"- {scale:,} enterprises: deck sent to the browser {max(sizes) / 1e6:.2f} MB (largest view)")
    lines.append(f"- peak memory of the benchmark process (all scales, AppTest pages included): {peak_memory_mb():.0f} MB")
    text = "\n".join(lines) + "\n"
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m industry.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="10000,100000,1000000", help="enterprises per stress database")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (the median is reported)")
    parser.add_argument("--out", type=Path, default=paths.ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--pages", default=",".join(PAGES), help="pages to measure")
    args = parser.parse_args(argv)
    scales = [int(s.replace("_", "")) for s in args.scales.split(",") if s.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        text = run(scales, args.runs, args.out, Path(tmp), tuple(p for p in args.pages.split(",") if p))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())


