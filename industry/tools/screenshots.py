"""Regenerate the README's screenshots from the demonstration data, in a real browser.

    python -m industry.screenshots [--out docs/screenshots] [--lang en]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from ..core import paths
from ..data.build import build
from .browser import DRAWN, launch, server, wait_for_app

# (file name, path and query, selector that shows the page has drawn[, fixed viewport: one screen, not the page])
SHOTS = [
    ("overview", "/?year=2025", ".js-plotly-plot .main-svg"),
    ("map", "/map?year=2025", '[data-testid="stDeckGlJsonChart"] canvas'),
    ("wastewater", "/wastewater?year=2025", ".js-plotly-plot .main-svg"),
    ("supporting", "/supporting?year=2025", ".js-plotly-plot .main-svg"),
    ("programmes", "/programmes?year=2025", '[data-testid="stDataFrame"]'),
    ("villages", "/villages?year=2025", ".js-plotly-plot .main-svg"),
    ("commune", "/commune?year=2025&commune=00577&commune=09877", ".js-plotly-plot .main-svg"),
    ("present", "/present?year=2025&slide=5", ".js-plotly-plot .main-svg", (1920, 1080)),
    ("present-headline", "/present?year=2025&slide=2", '[data-testid="stMetricValue"]', (1920, 1080)),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m industry.screenshots", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=paths.ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=["en", "vi"], default="en")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=1500)
    parser.add_argument("--only", nargs="*", help="only these shots (file names without .png)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = build(Path(tmp) / "demo.duckdb", quiet=True)
        with server(db) as url, sync_playwright() as pw:
            browser = launch(pw)
            for name, path, ready, *screen in SHOTS:
                if args.only and name not in args.only:
                    continue
                width, height = screen[0] if screen else (args.width, args.height)
                context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
                page = context.new_page()
                sep = "&" if "?" in path else "?"
                page.goto(f"{url}{path}{sep}lang={args.lang}")
                wait_for_app(page)
                page.wait_for_selector(ready, timeout=60_000)
                page.wait_for_function(DRAWN, timeout=60_000)  # what comes after the first screen too
                page.wait_for_timeout(1500)  # let charts finish their transitions
                target = args.out / f"{name}{'' if args.lang == 'en' else '-' + args.lang}.png"
                page.screenshot(path=str(target), full_page=not screen)
                context.close()
                print(f"  {target}", file=sys.stderr)
            browser.close()
    return 0
