"""Check and import the department's files, roll back, show the import log: ``python -m industry.importer``.

The code is industry/files/importer.py.
"""

import sys

from .files.importer import main
from .outputs.opendata import register

if __name__ == "__main__":
    register()  # the open-data package is written after every import
    sys.exit(main())
