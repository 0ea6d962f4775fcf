"""How long each page takes to draw in Chromium, against a one-chart page served beside it.

    python -m industry.firstdraw [--rounds 3] [--db PATH] [--lang vi] [--out FILE] [--compare-root DIR]

One Streamlit process serves the dashboard with its two reference pages (``industry/app/reference.py``: a bare page
and a one-chart page, with the same sidebar). Debian's Chromium (headless, 1366×768) opens every page in turn, the
reference pages among them, round after round in a rotating order, and times each load from the navigation to the
moment the page's script has finished, every plotly chart and map on it is drawn and nothing on it changes any more
(measured inside the page by ``performance.now()``: the time of its last change, once nothing has changed for
0.6 s). Each load gives two times: the last change of the page's content (the main area and the sidebar) within the
first screen, 1366×768, which is what a reader waits for and what the target is measured on; and the last change of
the whole page, once what is drawn after the first screen (``industry/app/first_screen.py``) is drawn too. The report
gives each page's medians, their ratios to the one-chart page's, and what the browser waited for: the charts, maps
and tables drawn and the bytes the server sent over the websocket.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import machine
from .browser import DRAWN_NOW, launch, server

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
# too), when the page last changed, and what changed when (for the first screen's last change)
WATCH = """(() => {
  window.__dwLast = 0;
  window.__dwChanges = [];
  const watch = () => new MutationObserver((records) => {
    const now = performance.now();
    window.__dwLast = now;
    for (const r of records) {  // the state now or before this change: a short run is not missed
      if (r.attributeName === 'data-test-script-state'
          && (r.oldValue === 'running' || r.target.getAttribute(r.attributeName) === 'running')) window.__dwRan = true;
      window.__dwChanges.push([now, r.target]);
    }
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true,
                                        attributeOldValue: true});
  if (document.documentElement) watch(); else document.addEventListener('DOMContentLoaded', watch);
})();"""

# drawn: the script has run and stopped, the page has drawn as industry/tools/browser.py says (its heading, nothing left
# to draw after the first screen, every plotly chart and map), and nothing on the page has changed
# for QUIET ms; the time is that of its last change ("ms"), and that of the last change of the page's content (the
# main area and the sidebar) within the first screen, 1366×768 ("first"), followed at every poll
QUIET = 600
DRAWN = """(quiet) => {
  const w = window, changes = w.__dwChanges || [];
  w.__dwSeen = w.__dwSeen || 0; w.__dwFirst = w.__dwFirst || 0;
  for (; w.__dwSeen < changes.length; w.__dwSeen++) {
    const [t, node] = changes[w.__dwSeen];
    const el = node.nodeType === 1 ? node : node.parentElement;
    if (!el || !el.isConnected || !el.closest('[data-testid="stMain"], [data-testid="stSidebar"]')) continue;
    const box = el.getBoundingClientRect();
    if (box.bottom > 0 && box.top < w.innerHeight && (box.width || box.height)) w.__dwFirst = Math.max(w.__dwFirst, t);
  }
  const app = document.querySelector('[data-testid="stApp"]');
  if (!w.__dwRan || !app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!PAGE_DRAWN) return false;
  if (performance.now() - w.__dwLast < quiet) return false;
  return {ms: w.__dwLast, first: w.__dwFirst,
          charts: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
          maps: document.querySelectorAll('[data-testid="stDeckGlJsonChart"]').length,
          tables: document.querySelectorAll('[data-testid="stDataFrame"], [data-testid="stTable"]').length};
}""".replace("PAGE_DRAWN", DRAWN_NOW)


@dataclass
class Draws:
    first: dict[str, list[float]] = field(default_factory=dict)  # the first screen's last change
    ms: dict[str, list[float]] = field(default_factory=dict)  # the whole page's last change
    shape: dict[str, dict] = field(default_factory=dict)  # charts, maps, tables, bytes: of the last load

    def median(self, page: str) -> float:
        """The first screen's median: what the target is measured on."""
        return statistics.median(self.first[page])

    def median_whole(self, page: str) -> float:
        return statistics.median(self.ms[page])


def _load(context, url: str) -> tuple[float, float, dict]:
    page = context.new_page()
    received = [0]

    def on_socket(ws) -> None:
        ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

    page.on("websocket", on_socket)
    try:
        page.goto(url, wait_until="commit")
        handle = page.wait_for_function(DRAWN, arg=QUIET, timeout=120_000, polling=100)
        found = handle.json_value()
        return found["first"], found["ms"], {"charts": found["charts"], "maps": found["maps"], "tables": found["tables"],
                             "bytes": received[0]}
    finally:
        page.close()


def measure(db: Path, rounds: int = 3, lang: str = "vi", pages: dict[str, str] = PAGES, browser=None,
            other_root: Path | None = None) -> Draws:
    """Every page of `pages` loaded `rounds` times, in turns, in one run, from one server, in `browser` (a Playwright
    browser; Debian's Chromium, started here, by default). With `other_root`, that checkout is served too (on the
    demonstration database as it builds it) and its pages, named ``before:<page>``, take their turns among these."""
    with contextlib.ExitStack() as stack:
        if browser is None:
            from playwright.sync_api import sync_playwright

            browser = launch(stack.enter_context(sync_playwright()))
            stack.callback(browser.close)
        bases = {"": stack.enter_context(server(db, env={"DASHBOARD_REFERENCE_PAGES": "1"}, error_details="none"))}
        if other_root is not None:
            copy = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "before.duckdb"
            subprocess.run([sys.executable, "-m", "industry.build", "--out", str(copy), "--quiet"], cwd=other_root,
                           env=dict(os.environ, PYTHONPATH=str(other_root)), check=True, capture_output=True)
            bases["before:"] = stack.enter_context(server(copy, env={"DASHBOARD_REFERENCE_PAGES": "1"},
                                                          error_details="none", root=Path(other_root)))
        return _measure(bases, rounds, lang, pages, browser)


def _measure(bases: dict[str, str], rounds: int, lang: str, pages: dict[str, str], browser) -> Draws:
    contexts = {}
    for label in bases:  # a browser of its own for each server, as a reader's
        contexts[label] = browser.new_context(viewport={"width": 1366, "height": 768},
                                              locale="vi-VN" if lang == "vi" else "en-GB")
        contexts[label].add_init_script(WATCH)
    names = [label + name for name in pages for label in bases]
    draws = Draws({n: [] for n in names}, {n: [] for n in names})

    def url(named: str) -> tuple[object, str]:
        label = "before:" if named.startswith("before:") else ""
        name = named.removeprefix(label)
        return contexts[label], f"{bases[label]}/{name}?lang={lang}&{QUERIES.get(name, '')}"

    for named in names:  # once each first: the browser's cache and the server's caches warm, not measured
        _load(*url(named))
    for r in range(rounds):
        turn = names[r % len(names):] + names[:r % len(names)]
        for named in turn:
            first, ms, shape = _load(*url(named))
            draws.first[named].append(first)
            draws.ms[named].append(ms)
            draws.shape[named] = shape
    for context in contexts.values():
        context.close()
    return draws


def report(draws: Draws, rounds: int, lang: str) -> str:
    floor, floor_whole = draws.median("reference_chart"), draws.median_whole("reference_chart")
    lines = [f"First draw in Debian's Chromium (headless, 1366×768, {lang}), medians of {rounds} loads taking turns in "
             f"one run, {machine.described(python=False)}: from the "
             f"navigation to the last change of the page's content within the first screen (the target), and until "
             f"the script has finished, every chart and map is drawn and nothing changes any more (the whole page).",
             "", "| page | first screen (ms) | × one-chart page | whole page (ms) | × one-chart page | charts | maps | "
             "tables | sent (kB) |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, title in PAGES.items():
        if name not in draws.ms or not draws.ms[name]:
            continue
        shape = draws.shape.get(name, {})
        lines.append(f"| {title} | {draws.median(name):.0f} | {draws.median(name) / floor:.2f} | "
                     f"{draws.median_whole(name):.0f} | {draws.median_whole(name) / floor_whole:.2f} | "
                     f"{shape.get('charts', 0)} | {shape.get('maps', 0)} | {shape.get('tables', 0)} | "
                     f"{shape.get('bytes', 0) / 1000:.0f} |")
    if any(name.startswith("before:") for name in draws.ms):
        lines += ["", "Side by side in the same run, each against its own server's one-chart page: the checkout "
                  "compared with (before) and this one (after).", "",
                  "| page | first screen before | first screen after | whole page before | whole page after |",
                  "|---|---:|---:|---:|---:|"]
        floors = {label: (draws.median(label + "reference_chart"), draws.median_whole(label + "reference_chart"))
                  for label in ("before:", "")}
        for name, title in PAGES.items():
            if not draws.ms.get(name) or not draws.ms.get("before:" + name):
                continue
            cells = [f"{draws.median(label + name) / floors[label][0]:.2f}" for label in ("before:", "")]
            cells += [f"{draws.median_whole(label + name) / floors[label][1]:.2f}" for label in ("before:", "")]
            lines.append(f"| {title} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    from ..data import db as dbmod

    parser = argparse.ArgumentParser(prog="python -m industry.firstdraw", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=None, help="database (default: the demonstration database)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--out", type=Path, default=None, help="also write the report into this Markdown file")
    parser.add_argument("--compare-root", type=Path, default=None,
                        help="also serve the checkout at this folder and measure its pages in the same turns")
    args = parser.parse_args(argv)
    db = dbmod.ensure(args.db) if args.db else dbmod.ensure()
    text = report(measure(db, args.rounds, args.lang, other_root=args.compare_root), args.rounds, args.lang)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
