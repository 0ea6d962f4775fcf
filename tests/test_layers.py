"""The layers stay one-way: the data side of the package never imports Streamlit, so the builder, the CLIs,
the exports, the benchmark and these tests run without a browser session."""

import subprocess
import sys

from industry.paths import ROOT

DATA_SIDE = ("build", "demo", "geo", "reference", "schema", "queries", "db", "metrics", "text", "formats", "i18n",
             "downloads", "palette", "templates", "sheets", "validation", "problems", "importer", "export",
             "activities", "context", "slides", "deck", "mapdeck", "figures", "overview", "supporting", "wastewater",
             "programmes", "villages", "profile", "projection", "bench", "baseline")


def test_the_data_side_never_imports_streamlit():
    code = ("import importlib, sys\n"
            f"for name in {DATA_SIDE!r}:\n"
            "    importlib.import_module('industry.' + name)\n"
            "print(sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"
