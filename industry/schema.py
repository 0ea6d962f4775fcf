"""The data model as Markdown; --readme updates docs/data-model.md's section: ``python -m industry.schema``.

The code is industry/data/schema.py.
"""

import sys

from .data.schema import main

if __name__ == "__main__":
    sys.exit(main())
