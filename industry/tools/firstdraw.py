"""How long each page takes to draw in Chromium, against a one-chart page served beside it.

    python -m industry.firstdraw [--rounds 3] [--db PATH] [--lang vi] [--out FILE]

One Streamlit process serves the dashboard with its two reference pages (``industry/app/reference.py``: a bare page
and a one-chart page, with the same sidebar). Debian's Chromium (headless, 1366×768) opens every page in turn, the
reference pages among them, round after round in a rotating order, and times each load from the navigation to the
moment the page's script has finished, every plotly chart and map on it is drawn and nothing on it changes any more
(measured inside the page by ``performance.now()``: the time of its last change, once nothing has changed for
0.6 s). The report gives each page's median, its ratio to the one-chart page's median, and what the browser waited
for: the charts, maps and tables drawn and the bytes the server sent over the websocket.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .browser import launch, server

PAGES = {
    "reference_bare": "bare page (reference)",
    "reference_chart": "one-chart page (reference)",
    "": "Overview",
    "map": "Map",
    "wastewater": "Wastewater",
    "supporting": "Supporting industry",
    "programmes": "Programmes",
    "villages": "Craft villages",
    "activities": "Activities",
    "commune": "Commune profile",
}
QUERIES = {"commune": "commune=00577"}  # a profile (without one the page is a picker)

# watched from before the page's own scripts run: that its script ran (before it runs, the app reads "notRunning"
# too) and when the page last changed
WATCH = """(() => {
  window.__dwLast = 0;
  const watch = () => new MutationObserver((records) => {
    window.__dwLast = performance.now();
    for (const r of records) {  // the state now or before this change: a short run is not missed
      if (r.attributeName === 'data-test-script-state'
          && (r.oldValue === 'running' || r.target.getAttribute(r.attributeName) === 'running')) window.__dwRan = true;
    }
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true,
                                        attributeOldValue: true});
  if (document.documentElement) watch(); else document.addEventListener('DOMContentLoaded', watch);
})();"""

# drawn: the script has run and stopped, the page's heading is there, every plotly chart and map has drawn, and
# nothing on the page has changed for QUIET ms; the time is that of its last change
QUIET = 600
DRAWN = """(quiet) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!window.__dwRan || !app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  const maps = [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')];
  if (!charts.every(e => e.querySelector('.main-svg')) || !maps.every(e => e.querySelector('canvas'))) return false;
  if (performance.now() - window.__dwLast < quiet) return false;
  return {ms: window.__dwLast, charts: charts.length, maps: maps.length,
          tables: document.querySelectorAll('[data-testid="stDataFrame"], [data-testid="stTable"]').length};
}"""


@dataclass
class Draws:
    ms: dict[str, list[float]] = field(default_factory=dict)
    shape: dict[str, dict] = field(default_factory=dict)  # charts, maps, tables, bytes: of the last load

    def median(self, page: str) -> float:
        return statistics.median(self.ms[page])


def _load(context, url: str) -> tuple[float, dict]:
    page = context.new_page()
    received = [0]

    def on_socket(ws) -> None:
        ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

    page.on("websocket", on_socket)
    try:
        page.goto(url, wait_until="commit")
        handle = page.wait_for_function(DRAWN, arg=QUIET, timeout=120_000, polling=100)
        found = handle.json_value()
        return found["ms"], {"charts": found["charts"], "maps": found["maps"], "tables": found["tables"],
                             "bytes": received[0]}
    finally:
        page.close()


def measure(db: Path, rounds: int = 3, lang: str = "vi", pages: dict[str, str] = PAGES, browser=None) -> Draws:
    """Every page of `pages` loaded `rounds` times, in turns, in one run, from one server, in `browser` (a Playwright
    browser; Debian's Chromium, started here, by default)."""
    with contextlib.ExitStack() as stack:
        if browser is None:
            from playwright.sync_api import sync_playwright

            browser = launch(stack.enter_context(sync_playwright()))
            stack.callback(browser.close)
        return _measure(db, rounds, lang, pages, browser)


def _measure(db: Path, rounds: int, lang: str, pages: dict[str, str], browser) -> Draws:
    draws = Draws({p: [] for p in pages})
    names = list(pages)
    with server(db, env={"DASHBOARD_REFERENCE_PAGES": "1"}, error_details="none") as base:
        context = browser.new_context(viewport={"width": 1366, "height": 768},
                                      locale="vi-VN" if lang == "vi" else "en-GB")
        context.add_init_script(WATCH)
        for name in names:  # once each first: the browser's cache and the server's caches warm, not measured
            _load(context, f"{base}/{name}?lang={lang}&{QUERIES.get(name, '')}")
        for r in range(rounds):
            turn = names[r % len(names):] + names[:r % len(names)]
            for name in turn:
                ms, shape = _load(context, f"{base}/{name}?lang={lang}&{QUERIES.get(name, '')}")
                draws.ms[name].append(ms)
                draws.shape[name] = shape
        context.close()
    return draws


def report(draws: Draws, rounds: int, lang: str) -> str:
    floor = draws.median("reference_chart")
    lines = [f"First draw in Debian's Chromium (headless, 1366×768, {lang}), medians of {rounds} loads taking turns in "
             f"one run, {platform.machine()}, {os.cpu_count()} cores, {dt.date.today().isoformat()}: from the "
             f"navigation until the script has finished and every chart and map is drawn.", "",
             "| page | median (ms) | × one-chart page | charts | maps | tables | sent (kB) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, title in PAGES.items():
        if name not in draws.ms or not draws.ms[name]:
            continue
        shape = draws.shape.get(name, {})
        lines.append(f"| {title} | {draws.median(name):.0f} | {draws.median(name) / floor:.2f} | "
                     f"{shape.get('charts', 0)} | {shape.get('maps', 0)} | {shape.get('tables', 0)} | "
                     f"{shape.get('bytes', 0) / 1000:.0f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    from ..data import db as dbmod

    parser = argparse.ArgumentParser(prog="python -m industry.firstdraw", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=None, help="database (default: the demonstration database)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--out", type=Path, default=None, help="also write the report into this Markdown file")
    args = parser.parse_args(argv)
    db = dbmod.ensure(args.db) if args.db else dbmod.ensure()
    text = report(measure(db, args.rounds, args.lang), args.rounds, args.lang)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
