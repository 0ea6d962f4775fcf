"""Opening the database: which file, building the demo on first start, read-only connections."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..core import paths


class DatabaseError(RuntimeError):
    """The database cannot be opened; the message says why and what to do."""


@dataclass(frozen=True)
class Version:
    """Identity of the database file's contents, for cache keys: changes when the file is replaced."""

    path: str
    mtime_ns: int
    size: int


def ensure(path: Path | None = None, build_missing: bool | None = None) -> Path:
    """Return the database path, building the default demonstration database if it is missing or was made by an
    earlier version of the dashboard (see :func:`outdated`).

    A missing file at a path given by ``DASHBOARD_DB`` is an error, not a reason to
    write demonstration data somewhere unexpected; so is an outdated one.
    """
    path = Path(path or paths.database_path())
    if build_missing is None:
        build_missing = path.resolve() == paths.DEFAULT_DB.resolve()
    if path.is_file():
        return _current(path, build_missing)
    if not build_missing:
        raise DatabaseError(
            f"No database at {path}. Build one with `python -m industry.build --out {path}` "
            "or unset DASHBOARD_DB to use the bundled demonstration data."
        )
    from .build import build

    return build(path, quiet=True)


_CHECKED: dict[Version, tuple[list[str], dict[str, str]]] = {}
MARTS_OF_THIS_VERSION = "up-to-date derived tables"  # derived tables computed as this version computes them


def outdated(path: Path) -> tuple[list[str], dict[str, str]]:
    """The tables of the data model that the file at `path` lacks, and the columns (``table.column``) its tables
    lack (a file made by an earlier version of the dashboard), with what its dataset_info says; checked once per
    version of the file."""
    from . import build, queries, schema

    current = version(path)
    if current not in _CHECKED:
        con = connect(path)
        try:
            present: dict[str, set[str]] = {}
            for table, column in queries.rows(con, "app/database_columns"):
                present.setdefault(table, set()).add(column)
            info = dict(queries.rows(con, "app/dataset_info")) if "dataset_info" in present else {}
        finally:
            con.close()
        missing = [t.name if t.name not in present else f"{t.name}.{c.name}"
                   for t in schema.TABLES for c in t.columns
                   if t.name not in schema.ADDED_BY_IMPORT and (t.name not in present or c.name not in present[t.name])]
        if info and info.get("marts_version") != build.marts_version():
            missing.append(MARTS_OF_THIS_VERSION)  # computed by an earlier builder: the figures could differ
        _CHECKED[current] = (list(dict.fromkeys(missing)), info)
    return _CHECKED[current]


def _current(path: Path, rebuild_demo: bool) -> Path:
    """`path`, once it holds every table of the data model: demonstration data made by an earlier version of the
    dashboard is built again (with the same seed and size) where `rebuild_demo`; anything else is an error that says
    how to bring it up to date."""
    missing, info = outdated(path)
    if not missing:
        return path
    again = {key: int(info[key]) for key in ("seed", "enterprises") if info.get(key, "").isdigit()}
    if info.get("kind") == "demo":
        if rebuild_demo:
            from .build import build

            return build(path, quiet=True, **again)
        options = "".join(f" --{key} {value}" for key, value in again.items())
        fix = f"Build it again: `python -m industry.build --out {path}{options}`."
    else:
        fix = (f"Write its data out and build it again: `python -m industry.export --db {path} --out DIR`, then "
               f"`python -m industry.build --from DIR --out {path}`.")
    raise DatabaseError(f"The database {path} was made by an earlier version of the dashboard: it has no "
                        f"{', '.join(missing)}. {fix}")


def known() -> Version | None:
    """The version the database path names now, when it was opened and checked before and found up to date (the
    same file, size and time): nothing to check or build again. None otherwise (see :func:`ensure`)."""
    try:
        current = version(paths.database_path())
    except OSError:
        return None
    checked = _CHECKED.get(current)
    return current if checked is not None and not checked[0] else None


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
