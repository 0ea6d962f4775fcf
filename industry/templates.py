"""Write the empty import templates: ``python -m industry.templates``.

The code is industry/files/templates.py.
"""

import sys

from .files.templates import main

if __name__ == "__main__":
    sys.exit(main())
