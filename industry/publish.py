"""Write the open-data package (a Frictionless Data Package): ``python -m industry.publish --out DIR``.

The code is industry/outputs/opendata.py.
"""

import sys

from .outputs.opendata import main

if __name__ == "__main__":
    sys.exit(main())
