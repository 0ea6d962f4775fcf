"""How a table's cells read, in the page's language whatever the reader's browser: one place for the pages'
tables, the Word report's tables and the downloads' readers.

Numbers are written by Babel in the page's language (1.234,5 on a Vietnamese page, 1,234.5 on an English one),
with as few decimals as show the value as it is; years as they are (2025, never 2.025); dates as the language
writes them; a share (0–1) as a percentage; a missing value as a dash, never None, nan or NaT.
"""

from __future__ import annotations

import re

import pandas as pd

from ..core import formats

MISSING = "–"  # what a reader sees for a missing value: never None, nan, NaT or "empty"
DATE_STRFTIME = {"en": "%d %b %Y", "vi": "%d/%m/%Y"}


def is_years(column: pd.Series) -> bool:
    """Whole numbers that are all years (1900–2100): shown as they are, never as 2,025."""
    values = column.dropna()
    return bool(len(values)) and bool(values.between(1900, 2100).all()) and bool((values == values.round()).all())


def fewest_digits(value: float) -> int:
    """The fewest decimals (up to 3) that show `value` as it is: 50, 0.005, 33.3."""
    return next((d for d in range(3) if abs(value - round(value, d)) < 1e-9), 3)


def is_number(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def cell_formatter(lang: str, column: pd.Series, share: bool = False):
    """How one column's cells read: a function of the cell's value to its text. `share`: a 0–1 share shown as a
    percentage (a progress column)."""
    if share:
        return lambda v: MISSING if pd.isna(v) else formats.percent(100 * float(v), lang, 0)
    if pd.api.types.is_datetime64_any_dtype(column):
        return lambda v: MISSING if pd.isna(v) else v.strftime(DATE_STRFTIME[lang])
    if not is_number(column):
        return lambda v: MISSING if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)
    if is_years(column):
        return lambda v: MISSING if pd.isna(v) else str(int(v))
    return lambda v: MISSING if pd.isna(v) else formats.number(v, lang, fewest_digits(float(v)))


FIGURE_SPACE = "\u2007"  # a blank as wide as a digit


def aligned(cells: list[str], lang: str) -> list[str] | None:
    """One column's numbers as written (``"1.234,5"``, ``"58%"``, ``"–"``) padded with figure spaces so that they
    line up on the decimal mark and, compared as text, come in the numbers' order: the integer parts right-aligned to
    one width, the decimals left-aligned to one width, a missing value blank but for its dash (first in order).

    A table's grid sorts a text column by its text and a screen reader reads a cell's text, so a number kept as its
    written text reads as it is shown ("40,52", not the raw "40.52") and still sorts as a number. None when the
    column holds a negative number or a text that is not a number as written: it cannot be ordered by its text."""
    decimal, group = formats.marks(lang)
    shape = re.compile(rf"^(\d[\d{re.escape(group)}]*)({re.escape(decimal)}\d+)?(\D*)$")
    parts = []
    for cell in cells:
        if cell == MISSING:
            parts.append(None)
            continue
        match = shape.match(cell)
        if match is None:
            return None
        parts.append(match.groups(""))
    numbers = [p for p in parts if p is not None]
    if not numbers:
        return list(cells)
    whole = max(len(p[0]) for p in numbers)
    fraction = max(len(p[1]) for p in numbers)
    suffix = max(len(p[2]) for p in numbers)
    return [FIGURE_SPACE * (whole + fraction + suffix - 1) + MISSING if p is None
            else p[0].rjust(whole, FIGURE_SPACE) + p[1].ljust(fraction, FIGURE_SPACE) + p[2] for p in parts]


def texts(frame: pd.DataFrame, lang: str, shares: tuple[str, ...] = ()) -> list[list[str]]:
    """Every cell of `frame` as it reads, row by row (the header not included)."""
    columns = [[cell_formatter(lang, frame.iloc[:, i], frame.columns[i] in shares)(v) for v in frame.iloc[:, i]]
               for i in range(frame.shape[1])]
    return [list(row) for row in zip(*columns, strict=True)] if columns else []
