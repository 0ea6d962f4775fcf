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


def execute(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> None:
    """Run a statement (or a script of several, when it takes no parameters)."""
    text = sql(name)
    if params:
        con.execute(text, params)
    else:
        con.execute(text)


def frame(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> pd.DataFrame:
    """Run a query and return its result as a pandas DataFrame."""
    return con.execute(sql(name), params or {}).df()


def rows(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> list[tuple]:
    return con.execute(sql(name), params or {}).fetchall()
