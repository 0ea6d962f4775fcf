"""Write a database out as filled import templates: ``python -m industry.export``.

The code is industry/files/export.py.
"""

import sys

from .files.export import main

if __name__ == "__main__":
    sys.exit(main())
