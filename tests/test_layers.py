"""The layers stay one-way: the data side of the package never imports Streamlit, so the builder, the CLIs,
the exports, the benchmark and these tests run without a browser session."""

import subprocess
import sys

from industry.paths import ROOT

STREAMLIT_SIDE = {"shell", "charts", "maps", "presenter", "admin", "load"}  # the modules that draw the app
DATA_SIDE = sorted(p.stem for p in (ROOT / "industry").glob("*.py") if p.stem not in STREAMLIT_SIDE | {"__init__"})


def test_the_data_side_is_every_other_module():
    assert {"build", "metrics", "baseline", "bench", "mapdeck", "profile"} <= set(DATA_SIDE)


def test_the_data_side_never_imports_streamlit():
    code = ("import importlib, sys\n"
            f"for name in {DATA_SIDE!r}:\n"
            "    importlib.import_module('industry.' + name)\n"
            "print(sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"
