"""Regenerate the README's screenshots in a real browser: ``python -m industry.screenshots``.

The code is industry/tools/screenshots.py.
"""

import sys

from .tools.screenshots import main

if __name__ == "__main__":
    sys.exit(main())
