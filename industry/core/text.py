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
    stripped = _MARKS.sub("", unicodedata.normalize("NFD", str(value))).replace("Đ", "D").replace("đ", "d")
    return _SPACES.sub(" ", stripped.lower()).strip()


def _marks() -> re.Pattern:
    """Every combining mark of the Basic Multilingual Plane, as one character class (matched in C, not per
    character in Python)."""
    codes = [c for c in range(0x10000) if unicodedata.combining(chr(c))]
    ranges, start = [], codes[0]
    for prev, code in zip(codes, codes[1:] + [None], strict=True):
        if code != prev + 1:
            ranges.append(f"\\u{start:04x}-\\u{prev:04x}" if prev > start else f"\\u{start:04x}")
            start = code
    return re.compile("[" + "".join(ranges) + "]")


_MARKS = _marks()


def strip_unit(name: str | None) -> str:
    """Drop a leading unit word (``Xã``, ``Phường``, ``Thị trấn``…) from an NFC name."""
    return _UNIT_PREFIX.sub("", nfc(name) or "")


def sort_key(value: str | None) -> tuple[str, str, str]:
    """Key that sorts Vietnamese names as a Vietnamese dictionary does (and DuckDB's ``collate vi``): by their letters
    first (a, ă, â … d, đ … o, ô, ơ … u, ư), then, between names of the same letters, by their tones (none, huyền,
    hỏi, ngã, sắc, nặng), not by code point: Bạch Mai, Bát Tràng, Bắc Từ Liêm, Bích Hòa, Bình Minh."""
    text = nfc(value) or ""
    letters, tones = _viet_collate(text.lower())
    return (letters, tones, text)


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_ORDER = {ch: i for i, ch in enumerate(_ALPHABET)}
_LETTER_MARKS = "\u0306\u0302\u031b"  # breve, circumflex, horn: they make a letter (ă, â, ơ), not a tone
_TONES = {"": "0", "\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}


def _viet_collate(text: str) -> tuple[str, str]:
    letters, tones = [], []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)
        letter, marks = base[0], base[1:]
        for mark in marks:
            if mark in _LETTER_MARKS:
                letter = unicodedata.normalize("NFC", letter + mark)
        if ch in "đĐ":
            letter = "đ"
        rank = _ORDER.get(letter.lower())
        letters.append(chr(0x3000 + rank) if rank is not None else letter)  # after spaces, digits and dashes
        tones.append(_TONES.get("".join(m for m in marks if m not in _LETTER_MARKS), "9"))
    return "".join(letters), "".join(tones)


_MARKED = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def unmarked(value):
    """Text without the page's Markdown emphasis (``**bold**``, ``*italic*``), for files that show it as it is:
    Excel cells, PowerPoint notes. Anything else is returned as it is."""
    if not isinstance(value, str):
        return value
    return _MARKED.sub(lambda m: m.group(2) or m.group(3), value)


def unaccented(text: str | None) -> str | None:
    """A Vietnamese name without its diacritics (đ as d), as the English columns write Vietnamese names."""
    if not text:
        return text
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return stripped.replace("Đ", "D").replace("đ", "d")


def slug(text: str, limit: int = 60) -> str:
    """`text` for a file name, accent-free, cut at a word boundary within `limit` characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(slug) > limit:
        slug = slug[:limit + 1].rsplit("-", 1)[0] if "-" in slug[:limit + 1] else slug[:limit]
    return slug or "data"
