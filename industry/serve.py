"""Several dashboard processes behind nginx: ``python -m industry.serve [--processes N] [--port P]``.

The code is industry/tools/serve.py.
"""

import sys

from .tools.serve import main

if __name__ == "__main__":
    sys.exit(main())
