"""A list of addresses with the new commune of each row: ``python -m industry.addresses FILE --column NAME``.

The code is industry/files/address_lists.py (the list) and industry/data/addresses.py (one address).
"""

import sys

from .files.address_lists import main

if __name__ == "__main__":
    sys.exit(main())
