"""Numbers, percentages and dates in the reader's language, through Babel with an explicit locale.

Never `locale.setlocale` (process-global, unsafe in a server) and never by hand.
Vietnamese: 1.234,5 and 83,3%; English: 1,234.5 and 83.3%.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LOCALES = {"en": "en_GB", "vi": "vi_VN"}
PLOTLY_SEPARATORS = {"en": ".,", "vi": ",."}  # plotly's (decimal, thousands)


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


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
    if not sign:
        return f"{number(abs(value), lang, digits)} {'điểm %' if lang == 'vi' else 'pp'}"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    unit = "điểm %" if lang == "vi" else "pp"
    return f"{sign}{number(abs(value), lang, digits)} {unit}"


def signed(value, lang: str, digits: int = 0) -> str:
    """A change with its sign: ``+12`` / ``−3``."""
    if _missing(value):
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{number(abs(value), lang, digits)}"


def date(value: dt.date | str, lang: str) -> str:
    """``2025-12-31`` → ``31 December 2025`` / ``31 tháng 12 năm 2025`` (as Vietnamese documents write it;
    CLDR's long form ``31 tháng 12, 2025`` follows the English order)."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if lang == "vi":
        return format_date(value, format="d 'tháng' M 'năm' y", locale=_locale(lang))
    return format_date(value, format="long", locale=_locale(lang))
