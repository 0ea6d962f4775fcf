"""A table cell as the grid draws it ("1.234,5" padded with figure spaces) read back as its number, for tests."""

from __future__ import annotations

import math

from industry.core import formats
from industry.figures.tables import FIGURE_SPACE, MISSING


def number(text, lang: str = "en") -> float:
    """``"  1.234,5"`` (vi) or ``"1,234.5"`` (en) → 1234.5; a dash → nan; a number stays itself."""
    if not isinstance(text, str):
        return float(text)
    plain = text.replace(FIGURE_SPACE, "").strip().rstrip("%").strip()
    if plain == MISSING:
        return math.nan
    decimal, group = formats.marks(lang)
    return float(plain.replace(group, "").replace(decimal, "."))


def numbers(column, lang: str = "en") -> list[float]:
    return [number(v, lang) for v in column]


_MOMENT = {"DD/MM/YYYY": "%d/%m/%Y", "D MMM YYYY": "%-d %b %Y"}


def drawn(element):
    """A table element of an AppTest as its grid draws it, every cell a text: a number as written without the
    blanks that line its column up, a date in its column's format, a missing value as the dash."""
    import datetime as dt
    import json

    import pandas as pd

    frame = element.value
    config = json.loads(element.proto.columns or "{}")
    out = {}
    for name in frame.columns:
        fmt = ((config.get(name) or {}).get("type_config") or {}).get("format")

        def text(v, fmt=fmt):
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                return MISSING
            if isinstance(v, dt.date) and fmt in _MOMENT:
                return v.strftime(_MOMENT[fmt])
            return str(v).replace(FIGURE_SPACE, "").strip()

        out[name] = [text(v) for v in frame[name]]
    return pd.DataFrame(out, columns=frame.columns)
