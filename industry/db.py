"""Opening the database: which file, building the demo on first start, read-only connections."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from . import paths


class DatabaseError(RuntimeError):
    """The database cannot be opened; the message says why and what to do."""


@dataclass(frozen=True)
class Version:
    """Identity of the database file's contents, for cache keys: changes when the file is replaced."""

    path: str
    mtime_ns: int
    size: int


def ensure(path: Path | None = None, build_missing: bool | None = None) -> Path:
    """Return the database path, building the default demonstration database if it is missing.

    A missing file at a path given by ``DASHBOARD_DB`` is an error, not a reason to
    write demonstration data somewhere unexpected.
    """
    path = Path(path or paths.database_path())
    if path.is_file():
        return path
    if build_missing is None:
        build_missing = path.resolve() == paths.DEFAULT_DB.resolve()
    if not build_missing:
        raise DatabaseError(
            f"No database at {path}. Build one with `python -m industry.build --out {path}` "
            "or unset DASHBOARD_DB to use the bundled demonstration data."
        )
    from .build import build

    return build(path, quiet=True)


def version(path: Path) -> Version:
    st = os.stat(path)
    return Version(str(Path(path).resolve()), st.st_mtime_ns, st.st_size)


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection; the app never writes the live file."""
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise DatabaseError(f"Cannot open the database {path}: {exc}") from exc


def info(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    from . import queries

    return dict(queries.rows(con, "app/dataset_info"))


_LOCK = threading.Lock()
_SHARED: dict[str, tuple[Version, duckdb.DuckDBPyConnection]] = {}


def shared_connection(current: Version) -> duckdb.DuckDBPyConnection:
    """One read-only connection per database file, replaced when the file is.

    DuckDB keeps one database instance per path in a process: while any connection to the old
    file is open, a new connect() to the same path still sees the old data. So the connection to
    a replaced file is closed before the new one is opened. Callers take a cursor per use.
    """
    with _LOCK:
        held = _SHARED.get(current.path)
        if held and held[0] == current:
            return held[1]
        if held:
            held[1].close()
        con = connect(Path(current.path))
        _SHARED[current.path] = (current, con)
        return con
