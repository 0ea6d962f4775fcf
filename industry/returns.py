"""The communes' return workbooks, out and back: ``python -m industry.returns make|take|board``.

The code is industry/files/returns.py.
"""

import sys

from .files.importer import after_install
from .files.returns import main
from .outputs.opendata import publish_beside

if __name__ == "__main__":
    after_install(publish_beside)  # the open-data package is written again after every import
    sys.exit(main())
