"""Check and import the department's files, roll back, show the import log: ``python -m industry.importer``.

The code is industry/files/importer.py.
"""

import sys

from .files.importer import main

if __name__ == "__main__":
    sys.exit(main())
