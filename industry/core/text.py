"""Vietnamese text: normalise once on the way in, fold only for matching.

Display always uses the NFC original; matching uses `fold`, which removes tone
marks and diacritics (so ``Hòa`` and ``Hoà`` are equal), maps ``đ``/``Đ`` to
``d`` (Unicode does not treat Đ as an accented D) and lower-cases.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_UNIT_PREFIX = re.compile(
    r"^(phường|xã|thị trấn|quận|huyện|thị xã|thành phố|p\.|x\.|tt\.?)\s+",
    re.IGNORECASE,
)


def nfc(value: str | None) -> str | None:
    """Return `value` NFC-normalised with runs of whitespace collapsed and trimmed."""
    if value is None:
        return None
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()


def fold(value: str | None) -> str:
    """Fold text for accent-free, case-free matching: ``'Đông Anh'`` → ``'dong anh'``."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", str(value))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("Đ", "D").replace("đ", "d")
    return _SPACES.sub(" ", stripped.lower()).strip()


def strip_unit(name: str | None) -> str:
    """Drop a leading unit word (``Xã``, ``Phường``, ``Thị trấn``…) from an NFC name."""
    return _UNIT_PREFIX.sub("", nfc(name) or "")


def sort_key(value: str | None) -> tuple[str, str]:
    """Key that sorts Vietnamese names alphabetically (a, ă, â … đ after d), not by code point."""
    text = nfc(value) or ""
    return (_viet_collate(text.lower()), text)


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_ORDER = {ch: i for i, ch in enumerate(_ALPHABET)}


def _viet_collate(text: str) -> str:
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)
        letter = base[0]
        marks = base[1:]
        # Keep the letter-forming marks (breve, circumflex, horn) as part of the letter.
        for mark in marks:
            if mark in "\u0306\u0302\u031b":
                letter = unicodedata.normalize("NFC", letter + mark)
        if ch in "đĐ":
            letter = "đ"
        rank = _ORDER.get(letter.lower())
        out.append(chr(0x100 + rank) if rank is not None else letter)
        tone = "".join(m for m in marks if m not in "\u0306\u0302\u031b")
        out.append({"": "0", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0301": "5", "\u0323": "6"}.get(tone, "9"))
    return "".join(out)


_MARKED = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def unmarked(value):
    """Text without the page's Markdown emphasis (``**bold**``, ``*italic*``), for files that show it as it is:
    Excel cells, PowerPoint notes. Anything else is returned as it is."""
    if not isinstance(value, str):
        return value
    return _MARKED.sub(lambda m: m.group(2) or m.group(3), value)
