"""Interface strings in English and Vietnamese, from ``industry/locales/<lang>.toml``.

Keys are ``section.name``; values may hold ``{placeholders}`` filled by keyword.
A noun that follows a count is written ``{n:plural:cluster:clusters}``: the first form
when the count shows as 1, the second otherwise (Vietnamese nouns do not change).
An unknown key is an error, never a silent fallback, and a test checks that both
languages have exactly the same keys.
"""

from __future__ import annotations

import string
import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "vi")
DEFAULT = "en"
LOCALE_DIR = Path(__file__).with_name("locales")


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    out = {}
    for key, value in tree.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, full + "."))
        else:
            out[full] = value
    return out


@cache
def strings(lang: str) -> dict[str, str]:
    with open(LOCALE_DIR / f"{lang}.toml", "rb") as fh:
        return _flatten(tomllib.load(fh))


def from_locale(locale: str | None) -> str:
    """The interface language for a browser locale: Vietnamese for ``vi``/``vi-VN``, English otherwise."""
    return "vi" if (locale or "").lower().replace("_", "-").split("-")[0] == "vi" else DEFAULT


class _Plurals(string.Formatter):
    """``{n:plural:one:other}`` → `one` when the value of `n` (a number, or a number already formatted) is 1."""

    def format_field(self, value, format_spec: str) -> str:
        if format_spec.startswith("plural:"):
            one, _, other = format_spec[len("plural:"):].partition(":")
            return one if str(value).strip() in ("1", "1.0") else other
        return super().format_field(value, format_spec)


_PLURALS = _Plurals()


class Translator:
    def __init__(self, lang: str):
        self.lang = lang if lang in LANGUAGES else DEFAULT
        self._strings = strings(self.lang)

    @property
    def kept_key(self) -> tuple:
        """What a translator stands for in a kept result's key (:mod:`industry.core.kept`): its language."""
        return ("translator", self.lang)

    def __call__(self, key: str, **values) -> str:
        text = self._strings[key]
        if not values:
            return text
        return _PLURALS.vformat(text, (), values) if ":plural:" in text else text.format(**values)

    def has(self, key: str) -> bool:
        return key in self._strings

    def pick(self, en: str | None, vi: str | None) -> str:
        """Choose between the English and Vietnamese variant of a data value."""
        return (vi if self.lang == "vi" else en) or en or vi or ""
