"""Numbers, percentages and dates in the reader's language, through Babel with an explicit locale.

Never `locale.setlocale` (process-global, unsafe in a server) and never by hand.
Vietnamese: 1.234,5 and 83,3%; English: 1,234.5 and 83.3%.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LOCALES = {"en": "en_GB", "vi": "vi_VN"}
PLOTLY_SEPARATORS = {"en": ".,", "vi": ",."}  # plotly's (decimal, thousands)


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


def marks(lang: str) -> tuple[str, str]:
    """The decimal mark and the group mark the language writes numbers with: ``(",", ".")`` in Vietnamese."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return get_decimal_symbol(_locale(lang)), get_group_symbol(_locale(lang))


def _missing(value) -> bool:
    """None, NaN, and pandas' NA and NaT (told by their type: formats does not import pandas)."""
    return value is None or (isinstance(value, float) and math.isnan(value)) \
        or type(value).__name__ in ("NAType", "NaTType")


def number(value, lang: str, digits: int = 0) -> str:
    """``1234.5`` → ``1,235`` / ``1.235`` (digits=0) or ``1,234.5`` / ``1.234,5`` (digits=1)."""
    if _missing(value):
        return "–"
    return _number(float(value), lang, digits)


@lru_cache(maxsize=65_536)  # maps and tables format the same values over and over; Babel is slow
def _number(value: float, lang: str, digits: int) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def percent(value_pct, lang: str, digits: int = 1) -> str:
    """A value in percent (0–100): ``83.33`` → ``83.3%`` / ``83,3%``."""
    if _missing(value_pct):
        return "–"
    return _percent(float(value_pct), lang, digits)


@lru_cache(maxsize=65_536)
def _percent(value_pct: float, lang: str, digits: int) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return format_percent(value_pct / 100, format=pattern, locale=_locale(lang))


def points(value, lang: str, digits: int = 1, sign: bool = True) -> str:
    """A change in percentage points, with its sign unless `sign` is false: ``+2.5 pp`` / ``+2,5 điểm %``."""
    if _missing(value):
        return "–"
    unit = "điểm %" if lang == "vi" else "pp"
    if not sign:
        return f"{number(abs(value), lang, digits)} {unit}"
    return f"{signed(value, lang, digits)} {unit}"


def signed(value, lang: str, digits: int = 0) -> str:
    """A change with its sign, as rounded for display: ``+12`` / ``−3`` / ``±0`` (−0.04 at one digit is ``±0.0``)."""
    if _missing(value):
        return "–"
    shown = round(float(value), digits)
    sign = "+" if shown > 0 else ("−" if shown < 0 else "±")
    return f"{sign}{number(abs(shown), lang, digits)}"


@dataclass(frozen=True)
class Change:
    """A change from one value to another as a reader is shown it: its text, which way it went once rounded as
    shown (``up``, ``down`` or ``none``) and whether that is for the better (None when unchanged, or when neither
    way is better). The text carries a typographic minus (U+2212), which widgets do not read as negative: the
    direction is stated, never read back from the text."""

    text: str
    direction: str
    better: bool | None

    @property
    def arrow(self) -> str:
        """Streamlit's ``delta_arrow``: the way it went, none when unchanged."""
        return self.direction if self.direction != "none" else "off"

    @property
    def colour(self) -> str:
        """Streamlit's ``delta_color``: green for the better, red for the worse, grey for neither."""
        return {True: "green", False: "red"}.get(self.better, "gray")


def change(now, before, lang: str, *, in_points: bool = False, digits: int | None = None,
           higher_is_better: bool | None = True) -> Change | None:
    """The change from `before` to `now` (a count, or percentage points with `in_points`), or None when either is
    missing. `higher_is_better` is False for an indicator that should fall (consumer prices), None for one that is
    neither better nor worse higher."""
    if _missing(now) or _missing(before):
        return None
    digits = (1 if in_points else 0) if digits is None else digits
    shown = round(float(now) - float(before), digits)
    direction = "up" if shown > 0 else ("down" if shown < 0 else "none")
    better = None if direction == "none" or higher_is_better is None else (direction == "up") == higher_is_better
    text = points(shown, lang, digits) if in_points else signed(shown, lang, digits)
    return Change(text, direction, better)


@lru_cache(maxsize=4096)  # a page writes the same data dates on every run
def date(value: dt.date | str, lang: str) -> str:
    """``2025-12-31`` → ``31 December 2025`` / ``31 tháng 12 năm 2025`` (as Vietnamese documents write it;
    CLDR's long form ``31 tháng 12, 2025`` follows the English order)."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if lang == "vi":
        return format_date(value, format="d 'tháng' M 'năm' y", locale=_locale(lang))
    return format_date(value, format="long", locale=_locale(lang))
