"""The communes' return workbooks, out and back: ``python -m industry.returns make|take|board``.

The code is industry/files/returns.py.
"""

import sys

from .files.returns import main

if __name__ == "__main__":
    sys.exit(main())
