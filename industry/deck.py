"""The presentation as a PowerPoint deck and chart pictures: ``python -m industry.deck``.

The code is industry/outputs/deck.py.
"""

import sys

from .outputs.deck import main

if __name__ == "__main__":
    sys.exit(main())
