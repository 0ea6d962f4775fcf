"""How fast a list of addresses is converted: ``python -m industry.addressbench``.

The code is industry/tools/address_bench.py.
"""

import sys

from .tools.address_bench import main

if __name__ == "__main__":
    sys.exit(main())
