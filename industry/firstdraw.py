"""How long each page takes to draw in Chromium, against a one-chart page: ``python -m industry.firstdraw``.

The code is industry/tools/firstdraw.py.
"""

import sys

from .tools.firstdraw import main

if __name__ == "__main__":
    sys.exit(main())
