"""Time the import of a department-style enterprise register: ``python -m industry.importbench``.

The code is industry/tools/import_bench.py.
"""

import sys

from .tools.import_bench import main

if __name__ == "__main__":
    sys.exit(main())
