"""The communes' return workbooks, out and back: ``python -m industry.returns make|take|board``.

The code is industry/files/returns.py.
"""

import sys

from .files.returns import main
from .outputs.opendata import register

if __name__ == "__main__":
    register()  # the open-data package is written after every import
    sys.exit(main())
