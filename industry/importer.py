"""Check and import the department's files, roll back, show the import log: ``python -m industry.importer``.

The code is industry/files/importer.py.
"""

import sys

from .files.importer import after_install, main
from .outputs.opendata import publish_beside

if __name__ == "__main__":
    after_install(publish_beside)  # the open-data package is written again after every import
    sys.exit(main())
