"""Named SQL: every statement lives in ``queries/<name>.sql`` and is run with bound parameters only."""

from __future__ import annotations

from functools import cache

import duckdb
import pandas as pd

from . import paths


class UnknownQuery(KeyError):
    pass


@cache
def sql(name: str) -> str:
    """The text of ``queries/<name>.sql`` (``name`` may include a folder: ``build/facts``)."""
    if not name or ".." in name or name.startswith("/"):
        raise UnknownQuery(name)
    path = paths.QUERIES / f"{name}.sql"
    if not path.is_file():
        raise UnknownQuery(name)
    return path.read_text(encoding="utf-8")


def names() -> list[str]:
    """Every query name, e.g. ``app/overview_sites`` or ``build/create_tables``."""
    return sorted(str(p.relative_to(paths.QUERIES).with_suffix("")) for p in paths.QUERIES.rglob("*.sql"))


def _valid(value):
    """Text that DuckDB can take: a lone surrogate (from a hostile link or form) becomes U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8") if not value.isascii() else value
    if isinstance(value, list | tuple):
        return [_valid(v) for v in value]
    return value


def _bound(params: dict | None) -> dict:
    return {k: _valid(v) for k, v in (params or {}).items()}


def execute(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> None:
    """Run a statement (or a script of several, when it takes no parameters)."""
    text = sql(name)
    if params:
        con.execute(text, _bound(params))
    else:
        con.execute(text)


def frame(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> pd.DataFrame:
    """Run a query and return its result as a pandas DataFrame."""
    return con.execute(sql(name), _bound(params)).df()


def rows(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> list[tuple]:
    return con.execute(sql(name), _bound(params)).fetchall()
