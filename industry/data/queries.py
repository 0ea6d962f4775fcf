"""Named SQL: every statement lives in ``queries/<name>.sql`` and is run with bound parameters only."""

from __future__ import annotations

from functools import cache

import duckdb
import numpy as np
import pandas as pd

from ..core import paths


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
    """Run a query and return its result as a pandas DataFrame (the frame DuckDB's ``.df()`` gives)."""
    return dataframe(con.execute(sql(name), _bound(params)))


ARRAY_TYPES = {"VARCHAR", "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE", "DATE", "TIMESTAMP"}


def dataframe(result: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The frame of a result, as DuckDB's ``.df()`` makes it (same columns, dtypes and values), built from
    ``fetchnumpy()``: about 0.1–0.2 ms less for each column that holds a NULL (10–20 % of a page's figures over the
    small tables, measured at 1,000,000 enterprises). A column with a NULL gets pandas' nullable type (Int32,
    boolean), NaN (DOUBLE) or NaT (DATE); text gets pandas' own inference (``str``, or ``object`` when there is no
    value). Results with another column type or with repeated column names go through ``.df()``.
    ``tests/test_queries.py`` compares the two for every app query."""
    names = [d[0] for d in result.description]
    if len(set(names)) < len(names) or not {str(d[1]) for d in result.description} <= ARRAY_TYPES:
        return result.df()
    return pd.DataFrame({name: _column(values) for name, values in result.fetchnumpy().items()})


def _column(values: np.ndarray):
    if not isinstance(values, np.ma.MaskedArray):
        return values
    mask, data = np.ma.getmaskarray(values), values.data
    if not mask.any():
        return data
    if data.dtype.kind in "iu":
        return pd.arrays.IntegerArray(data, mask)
    if data.dtype.kind == "b":
        return pd.arrays.BooleanArray(data, mask)
    if data.dtype.kind == "f":
        return np.where(mask, np.nan, data)
    if data.dtype.kind == "M":
        return np.where(mask, np.datetime64("NaT"), data)
    return np.where(mask, None, data)


def rows(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> list[tuple]:
    return con.execute(sql(name), _bound(params)).fetchall()
