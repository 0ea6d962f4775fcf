"""Many viewers at once: a load test of the served dashboard: ``python -m industry.load``.

The code is industry/tools/load.py.
"""

import sys

from .tools.load import main

if __name__ == "__main__":
    sys.exit(main())
