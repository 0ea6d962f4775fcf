"""Where the project's files are."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
GEO = DATA / "geo"
REFERENCE = DATA / "reference"
QUERIES = ROOT / "queries"
DEFAULT_DB = DATA / "industry.duckdb"


def database_path() -> Path:
    """The database the app reads: ``$DASHBOARD_DB`` if set, else ``data/industry.duckdb``."""
    value = os.environ.get("DASHBOARD_DB", "").strip()
    # absolute but not resolved: after an import the path is a link into its versions folder
    return Path(os.path.abspath(Path(value).expanduser())) if value else DEFAULT_DB
