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
    """The file `path` names now (following the link an import switches), with its size and time."""
    real = Path(path).resolve()  # resolve once, then stat that file: the link may switch in between
    st = os.stat(real)
    return Version(str(real), st.st_mtime_ns, st.st_size)


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
_KEEP_OPEN = 4  # files with a connection held open (the live one and a few recent versions)


def shared_connection(current: Version) -> duckdb.DuckDBPyConnection:
    """One read-only connection per database file, replaced when the file is.

    An import writes each version to a file of its own and switches a symbolic link, so a new
    version has a new resolved path: the connection to the old file is dropped without closing
    it, and cursors still running on it finish (DuckDB closes the file when the last one goes).
    A file rebuilt in place (same path) is different: DuckDB keeps one database instance per
    path in a process, and while any connection to the old file is open a new connect() still
    sees the old data, so that connection is closed before the new one is opened.
    Callers take a cursor per use.
    """
    with _LOCK:
        held = _SHARED.get(current.path)
        if held and held[0] == current:
            return held[1]
        if held:
            held[1].close()
            del _SHARED[current.path]
        con = connect(Path(current.path))
        _SHARED[current.path] = (current, con)
        while len(_SHARED) > _KEEP_OPEN:
            _SHARED.pop(next(iter(_SHARED)))
        return con
