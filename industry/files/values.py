"""Values as the department writes them: status and yes/no words to codes, numbers in the file's own convention,
measurements below the method's detection limit.

The words are kept with the header words (``industry/data/header_words.toml``, ``[values.…]``), compared folded.
A file that writes ``15,59`` writes ``1.200`` for twelve hundred: :func:`convention` reads which separator a column
(or a file) uses for decimals from the values that can only be read one way, and :func:`number` reads every value by
it. ``<0,5`` is kept as 0.5 with the qualifier ``below`` (below the detection limit: within a maximum limit), and
``KPH`` (không phát hiện, not detected) as no value with the qualifier ``not_detected``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..core.text import fold
from .headers import words

_DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d{1,2}$|^[-+]?\d+,\d{4,}$|^[-+]?\d{1,3}(\.\d{3})+,\d+$")
_DECIMAL_POINT = re.compile(r"^[-+]?\d+\.\d{1,2}$|^[-+]?\d+\.\d{4,}$|^[-+]?\d{1,3}(,\d{3})+\.\d+$")
_NOT_DETECTED = {"kph", "khong phat hien", "nd", "n.d.", "not detected", "<ldl", "< ldl"}


class Unreadable(ValueError):
    """A value that cannot be read as asked."""


@dataclass(frozen=True)
class Measured:
    value: float | None
    qualifier: str | None = None  # None, "below" (below the detection limit) or "not_detected"


def code(field: str, text, table: str) -> str | None:
    """The code a word stands for in `table`'s `field` (``"Đang hoạt động"`` → ``operating``); None for an empty
    cell; Unreadable for a word that is not kept (said, never guessed)."""
    if text is None or str(text).strip() == "":
        return None
    key = fold(str(text)).strip(" .")
    for value, written in words()["values"].get(table, {}).get(field, {}).items():
        if key in {fold(w).strip(" .") for w in written}:
            return value
    raise Unreadable(str(text))


def yes(text) -> bool:
    """Yes or no as offices mark it: "Có", "x", "✓" or nothing (no)."""
    if text is None or str(text).strip() == "":
        return False
    if isinstance(text, bool):
        return text
    key = fold(str(text)).strip(" .")
    table = words()["values"]["yes_no"]
    if key in {fold(w) for w in table["true"]}:
        return True
    if key in {fold(w) for w in table["false"]}:
        return False
    raise Unreadable(str(text))


def convention(values) -> str | None:
    """``comma`` or ``point``: which separator the written numbers use for decimals, told by those that can only be
    read one way (``15,59``; ``1.234,5``); None when none tells."""
    comma = point = 0
    for v in values:
        if isinstance(v, str):
            text = v.strip().lstrip("<>≤≥ ")
            comma += bool(_DECIMAL_COMMA.match(text))
            point += bool(_DECIMAL_POINT.match(text))
    if comma > point:
        return "comma"
    if point > comma:
        return "point"
    return None


def number(value, decimals: str | None = "comma") -> float | None:
    """A number as written: a real number cell as it is; text by the file's convention (`decimals`: the separator
    for decimals, the other one then groups thousands); None for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise Unreadable(str(value))
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    thousands, decimal = (".", ",") if decimals != "point" else (",", ".")
    if text.count(decimal) > 1:
        raise Unreadable(str(value))
    text = text.replace(thousands, "").replace(decimal, ".")
    try:
        out = float(text)
    except ValueError:
        raise Unreadable(str(value)) from None
    if not math.isfinite(out):
        raise Unreadable(str(value))
    return out


def measured(value, decimals: str | None = "comma") -> Measured:
    """A monitoring result: a number, ``<0,5`` (below the detection limit, kept as its limit), ``KPH`` (not
    detected)."""
    if isinstance(value, str):
        text = value.strip()
        if fold(text) in _NOT_DETECTED:
            return Measured(None, "not_detected")
        if text.startswith(("<", "≤")):
            return Measured(number(text.lstrip("<≤ "), decimals), "below")
    return Measured(number(value, decimals))
