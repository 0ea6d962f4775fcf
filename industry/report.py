"""The year's results as an editable Word report: ``python -m industry.report --out FILE.docx``.

The code is industry/outputs/report.py.
"""

import sys

from .outputs.report import main

if __name__ == "__main__":
    sys.exit(main())
