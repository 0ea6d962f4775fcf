"""Measure every page at country scale against a pandas baseline: ``python -m industry.bench``.

The code is industry/tools/bench.py.
"""

import sys

from .tools.bench import main

if __name__ == "__main__":
    sys.exit(main())
