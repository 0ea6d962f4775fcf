"""Addresses as offices write them, to the commune they are in since 1 July 2025.

``resolve("Số 12 ngõ 34, P. Dịch Vọng Hậu, Q. Cầu Giấy, HN")`` reads the administrative units an address names
(house numbers, lanes, streets, hamlets and cluster lots before them are passed over), and answers with the new
commune, or with every candidate when it cannot be one:

- a commune named straight under the city, by a name a new commune bears, is that commune (``new``);
- a former unit, named with its former district or by a name no new commune bears, goes through the official
  conversion table (``data/geo/hanoi_old_to_new_communes.csv``): the one new commune it went into whole
  (``old_whole``), or every new commune it was split between (``old_split``), never one of them alone;
- a former name that two former districts had, written without its district, gives the candidates of both
  (``old_several``);
- a former district alone gives its new communes as candidates (``district_only``); another province named says so
  (``other_province``); nothing recognisable in Hà Nội is ``not_found``.

Unit words may be written in full or abbreviated (Phường/P./F., Xã/X., Thị trấn/TT., Quận/Q., Huyện/H.,
Thị xã/TX., Thành phố/TP.), with or without diacritics, in any case, NFC or NFD, separated by commas, dashes or
spaces. A name after a street, hamlet or cluster word ("đường Ngọc Hà", "thôn Đông", "CCN Phú Nghĩa") is that
street's, hamlet's or cluster's, and decides nothing. Nothing leaves the machine: the tables are read from
``data/geo``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from ..core.text import fold, nfc, strip_unit
from .reference import Reference

MATCHES = ("new", "old_whole", "site", "old_split", "old_several", "several_communes", "district_only",
           "other_province", "not_found")
_NOW = re.compile(r"\(\s*nay\s+(?:là|thuộc|la|thuoc)\s*:?\s*([^()]+)\)", re.IGNORECASE)  # "(nay là xã Thư Lâm)"

# unit words, folded, longest first; the level each names
_UNITS = (
    (("thi", "tran"), "thị trấn"), (("thi", "xa"), "thị xã"), (("thanh", "pho"), "thành phố"),
    (("phuong",), "phường"), (("xa",), "xã"), (("quan",), "quận"), (("huyen",), "huyện"), (("tinh",), "tỉnh"),
    (("tt",), "thị trấn"), (("tx",), "thị xã"), (("tp",), "thành phố"), (("p",), "phường"), (("f",), "phường"),
    (("x",), "xã"), (("q",), "quận"), (("h",), "huyện"),
)
COMMUNE_UNITS = {"phường", "xã", "thị trấn"}
DISTRICT_UNITS = {"quận", "huyện", "thị xã"}
PROVINCE_UNITS = {"tỉnh", "thành phố"}
# words that start a street, lane, hamlet, cluster, building or lot: the name after them is theirs
_FEATURES = {
    "duong", "pho", "ngo", "ngach", "hem", "kiet", "thon", "xom", "ap", "ban", "lang", "to", "khu", "kdt", "kcn",
    "ccn", "cum", "cho", "so", "lo", "toa", "nha", "doi", "khoi", "tang", "phong", "can", "cty", "truong", "benh",
    "dt", "ql", "km", "xuong", "kho", "trai", "dia", "chi",
}
# the city as addresses end ("Hà Nội", "TP Hà Nội", "Thành phố Hà Nội", "HN"), longest first
_CITY = (("thanh", "pho", "ha", "noi"), ("tp", "ha", "noi"), ("ha", "noi"), ("tp", "hn"), ("hn",), ("tphn",))
_COUNTRY = (("viet", "nam"), ("vietnam",), ("vn",))
_BOUNDARY = re.compile(r"[,;/|()\[\]\n\r\t–—-]")
_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Address:
    """Where an address is since 1 July 2025."""

    text: str  # the address as given
    code: str | None  # the new commune's code, when there is exactly one
    name: str | None  # its full name (``Phường Cầu Giấy``)
    candidates: tuple[str, ...]  # every new commune it may be in (one when resolved; several for a split unit)
    match: str  # one of MATCHES
    matched: str  # the part of the text that decided it (``P. Dịch Vọng Hậu, Q. Cầu Giấy``)
    note: str = ""  # for not_found and other_province: what was read (``Quận 1, TP Hồ Chí Minh``)
    former: tuple[tuple[str, str], ...] = ()  # the former units it was read as: (``Xã Kim Chung``, ``Huyện Hoài Đức``)


@dataclass
class _Mention:
    level: str  # commune | district | city | province | country
    unit: str | None  # the unit word, as its level's full word
    tokens: tuple[str, ...]  # the folded name
    start: int  # in the original text
    end: int


class Gazetteer:
    """The names an address may hold: the 126 communes, the former units and districts, the other provinces."""

    def __init__(self, ref: Reference | None = None):
        ref = ref or Reference()
        self.new = {r["code"]: r for r in ref.commune_list}
        self.full_names = {code: r["full_name"] for code, r in self.new.items()}
        self.new_by_name: dict[tuple, list[str]] = defaultdict(list)
        for code, r in self.new.items():
            self.new_by_name[_words(r["name"])].append(code)
        self.old: dict[str, dict] = {}  # old_code → the unit (name, district, kind)
        self.successors: dict[str, set[str]] = defaultdict(set)
        for r in ref.conversion:
            kind = next(u for u in ("Thị trấn", "Phường", "Xã") if r["old_name"].startswith(u)).lower()
            self.old.setdefault(r["old_code"], {"name": strip_unit(r["old_name"]), "full_name": r["old_name"],
                                                "district": _district_key(r["old_district"]),
                                                "district_full": r["old_district"], "kind": kind})
            self.successors[r["old_code"]].add(r["new_code"])
        # units merged into another before July 2025 ("Xã Kim Lan" into Xã Kim Đức on 1/1/2025): read through the
        # unit they joined, whose new communes they share (a code is reused by the unit formed, so a key of their own)
        for r in ref.earlier_mergers:
            key = f"{r['old_code']}<{r['effective'][-4:]}"
            kind = next(u for u in ("Thị trấn", "Phường", "Xã") if r["old_name"].startswith(u)).lower()
            joined = self.old.get(r["joined_code"], {})
            if joined.get("full_name") != r["joined_name"]:
                raise ValueError(f"hanoi_earlier_mergers.csv: {r['old_name']} joined {r['joined_name']}, which the "
                                 f"conversion table does not have as {r['joined_code']}")
            self.old[key] = {"name": strip_unit(r["old_name"]), "full_name": r["old_name"],
                             "district": _district_key(r["old_district"]), "district_full": r["old_district"],
                             "kind": kind, "joined": r["joined_code"]}
            self.successors[key] = set(self.successors[r["joined_code"]])
        self.old_by_name: dict[tuple, list[str]] = defaultdict(list)
        for code, unit in self.old.items():
            self.old_by_name[_words(unit["name"])].append(code)
        self.districts: dict[tuple, str] = {}
        self.district_communes: dict[str, set[str]] = defaultdict(set)
        for r in ref.conversion:
            key = _district_key(r["old_district"])
            self.districts[_words(key)] = key
            self.district_communes[key].add(r["new_code"])
        self.provinces = {_words(p["name"]): p["name"] for p in ref.provinces
                          if fold(p["name"]) != "ha noi"}
        for alias, name in _PROVINCE_ALIASES.items():
            self.provinces[alias] = name
        self.commune_names = set(self.new_by_name) | set(self.old_by_name)
        # names written with a dash ("Văn Miếu - Quốc Tử Giám"): there the dash is part of the name, not a separator
        dashed = {fold(r["name"]) for r in ref.commune_list} | {fold(u["name"]) for u in self.old.values()}
        self.dashed = [re.compile(r"\s*[-–—]\s*".join(r"\s+".join(map(re.escape, part.split()))
                                                        for part in re.split(r"\s*[-–—]\s*", name)))
                       for name in sorted(dashed) if re.search(r"[-–—]", name)]
        self.longest = max(len(k) for k in [*self.commune_names, *self.districts, *self.provinces])


_PROVINCE_ALIASES = {("hcm",): "Hồ Chí Minh", ("tphcm",): "Hồ Chí Minh", ("sai", "gon"): "Hồ Chí Minh",
                     ("tp", "hcm"): "Hồ Chí Minh", ("ba", "ria"): "Bà Rịa - Vũng Tàu", ("vung", "tau"): "Bà Rịa - Vũng Tàu",
                     ("brvt",): "Bà Rịa - Vũng Tàu", ("tt", "hue"): "Huế"}


def _words(name: str) -> tuple[str, ...]:
    """A name as the words an address is read in: ``Văn Miếu - Quốc Tử Giám`` → ``van mieu quoc tu giam``."""
    return tuple(_TOKEN.findall(fold(name)))


def _district_key(name: str) -> str:
    """``Quận Ba Đình`` → ``Ba Đình`` (and ``Thị xã Sơn Tây`` → ``Sơn Tây``)."""
    return strip_unit(name)


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _undash(folded: str, g: Gazetteer) -> str:
    """The folded text with the dash inside a dashed name made a space (same length, so positions still hold)."""
    for pattern in g.dashed:
        folded = pattern.sub(lambda m: re.sub(r"[-–—]", " ", m.group()), folded)
    return folded


@cache
def _fold_char(ch: str) -> str:
    """One character folded: no diacritics, đ → d, lower case (possibly several characters, possibly none)."""
    out = []
    for part in unicodedata.normalize("NFD", ch):
        if not unicodedata.combining(part):
            out.append("d" if part in "đĐ" else part.lower())
    return "".join(out)


def _folded(text: str) -> tuple[str, list[int]]:
    """The text folded character by character (no diacritics, đ → d, lower case), with each folded character's
    position in `text`, so that a match can be shown as it was written."""
    out, where = [], []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        where.extend([i] * len(folded))
    return "".join(out), where


def _accents(text: str) -> str:
    """The diacritics of a name, kept for telling apart names that fold alike (Vạn Phúc, Vân Phúc), with the two
    tone placements (Hoà/Hòa, Thuỵ/Thụy) read as one."""
    lowered = unicodedata.normalize("NFC", text.lower())
    for old, new in (("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"), ("ùy", "uỳ"), ("úy", "uý"),
                     ("ủy", "uỷ"), ("ũy", "uỹ"), ("ụy", "uỵ"), ("òe", "oè"), ("óe", "oé"), ("ỏe", "oẻ"), ("õe", "oẽ"),
                     ("ọe", "oẹ")):
        lowered = lowered.replace(old, new)
    return " ".join(lowered.split())


def _segments(folded: str) -> list[list[tuple[str, int, int]]]:
    """Tokens (folded word, start, end in the folded text) grouped by the separators between them."""
    segments, current, last = [], [], 0
    for m in _TOKEN.finditer(folded):
        if current and _BOUNDARY.search(folded[last:m.start()]):
            segments.append(current)
            current = []
        current.append((m.group(), m.start(), m.end()))
        last = m.end()
    if current:
        segments.append(current)
    return segments


_PLACES = sorted(_CITY + _COUNTRY, key=len, reverse=True)


def _split_places(segments):
    """A segment that ends in the city or the country ("Gia Lâm Hà Nội") split before it, so that the words before
    it can be read as a name of their own."""
    out = []
    for seg in segments:
        tail = []
        words = [t[0] for t in seg]
        while words:
            place = next((p for p in _PLACES if len(p) < len(words) + 1 and tuple(words[-len(p):]) == p), None)
            if place is None or len(place) == len(words):
                break
            tail.insert(0, seg[-len(place):])
            seg, words = seg[:-len(place)], words[:-len(place)]
        out.append(seg)
        out.extend(tail)
    return out


def _unit_at(words: list[str], i: int) -> tuple[str, int] | None:
    for unit, level in _UNITS:
        if tuple(words[i:i + len(unit)]) == unit:
            return level, len(unit)
    return None


def _name_at(words: list[str], i: int, names, longest: int) -> int:
    """The length of the longest name of `names` that starts at `words[i]` (0 for none)."""
    for n in range(min(longest, len(words) - i), 0, -1):
        if tuple(words[i:i + n]) in names:
            return n
    return 0


def _mentions(text: str, g: Gazetteer) -> list[_Mention]:
    folded, where = _folded(text)
    folded = _undash(folded, g)
    out: list[_Mention] = []

    def span(tokens, a: int, b: int) -> tuple[int, int]:
        return where[tokens[a][1]], where[tokens[b - 1][2] - 1] + 1

    for seg in _split_places(_segments(folded)):
        words = [t[0] for t in seg]
        # the city, the country: anywhere
        i, feature = 0, False
        found_here = False
        while i < len(words):
            for city in _CITY:
                if tuple(words[i:i + len(city)]) == city:
                    out.append(_Mention("city", None, ("ha", "noi"), *span(seg, i, i + len(city))))
                    i += len(city)
                    found_here = True
                    break
            else:
                country = next((c for c in _COUNTRY if tuple(words[i:i + len(c)]) == c), None)
                if country:
                    out.append(_Mention("country", None, country, *span(seg, i, i + len(country))))
                    i += len(country)
                    continue
                unit = _unit_at(words, i)
                if unit:
                    level_word, size = unit
                    j = i + size
                    if level_word in COMMUNE_UNITS:
                        names, level = g.commune_names, "commune"
                    elif level_word in DISTRICT_UNITS:
                        names, level = g.districts, "district"
                    else:
                        names, level = g.provinces, "province"
                    n = _name_at(words, j, names, g.longest)
                    if n:
                        out.append(_Mention(level, level_word, tuple(words[j:j + n]), *span(seg, i, j + n)))
                        i, feature, found_here = j + n, False, True
                        continue
                    if level != "province" and j < len(words) and not feature:
                        # a unit word before a name we do not know: keep it, to say what was not found
                        k = j
                        while k < len(words) and not _unit_at(words, k) and words[k] not in _FEATURES:
                            k += 1
                        if k > j:
                            out.append(_Mention(level, level_word, tuple(words[j:k]), *span(seg, i, k)))
                            i, found_here = k, True
                            continue
                if words[i] in _FEATURES:
                    feature = True
                i += 1
        key = tuple(words)
        if not found_here and (key in g.districts or key in g.commune_names or key in g.provinces):
            # a whole segment that is a name, written without its unit word ("…, Gia Lâm, Hà Nội"): a former
            # district's name is read as the district (alone, "Gia Lâm" is not taken for Xã Gia Lâm)
            level = "district" if key in g.districts else "commune" if key in g.commune_names else "province"
            out.append(_Mention(level, None, key, *span(seg, 0, len(seg))))
    return out


def _with_accents(codes: list[str], text: str, name_of) -> list[str]:
    """Of units whose names fold alike, those written with the same diacritics as `text`, when it has any."""
    if fold(text) == " ".join(text.lower().split()):  # written without diacritics: every one is a candidate
        return codes
    wanted = _accents(text)
    same = [c for c in codes if _accents(name_of(c)) == wanted]
    return same or codes


def resolve(text: str | None, g: Gazetteer | None = None) -> Address:
    """The new commune of one address as written (see the module's text for the rules). A register's addresses
    differ mostly by their house numbers, which decide nothing (no unit's name has a digit): an address is read
    once for all those that differ from it only in their digits."""
    original = nfc(text) or ""
    if g is not None:
        return _resolved(original, g)
    found = _resolved_alike(_DIGITS.sub("0", original))
    if any(ch.isdigit() for ch in found.matched + found.note):
        return _resolved(original, gazetteer())  # its digits are in what is shown: read as written
    return replace(found, text=original) if found.text != original else found


_DIGITS = re.compile(r"\d")

# a cluster, park or village named in an address: its kind word, then its name up to the next separator
_SITE_KINDS = r"cum cong nghiep|cum cn|ccn|khu cong nghiep|khu cn|kcn|khu cong nghe cao|lang nghe truyen thong|lang nghe|lang"
_NAMED_SITE = re.compile(rf"(?:^|[\s,;(])(?:{_SITE_KINDS})\s+([a-z0-9][a-z0-9 ]*?)\s*(?=[,;()/|–-]|$)")
_KIND_WORDS = re.compile(rf"^(?:{_SITE_KINDS})\s+")


def place_key(name: str) -> str:
    """A site's or village's name without its kind word, folded: ``Cụm CN Phú Nghĩa`` → ``phu nghia``."""
    folded = fold(name)
    return _KIND_WORDS.sub("", re.sub(r"[^a-z0-9 ]+", " ", folded).strip()).strip()


def place_index(rows) -> dict[str, tuple[str, frozenset[str]]]:
    """Name key → (a name as the dashboard writes it, the communes of the sites of that name), from rows with
    ``name_vi`` and ``commune_code`` (:func:`industry.data.metrics.named_places`)."""
    found: dict[str, tuple[str, set[str]]] = {}
    for name, code in rows:
        key = place_key(name)
        if key:
            found.setdefault(key, (name, set()))[1].add(code)
    return {k: (n, frozenset(c)) for k, (n, c) in found.items()}


def at_named_site(found: Address, places: dict[str, tuple[str, frozenset[str]]], g: Gazetteer | None = None) -> Address:
    """An address the units it names do not place in one commune, placed by the cluster, park or village it names
    ("CCN Phú Nghĩa, Chương Mỹ") where the dashboard has that site, when the units it names do not disagree; a
    place is never guessed: a name two communes have, or a site outside the units named, leaves it as it was."""
    if found.code or not places or found.match == "other_province":
        return found
    for m in _NAMED_SITE.finditer(fold(found.text)):
        name, codes = places.get(" ".join(m.group(1).split()), (None, frozenset()))
        if len(codes) != 1:
            continue
        (code,) = codes
        if found.candidates and code not in found.candidates:
            return found  # the units named say otherwise: the reader is asked
        g = g or gazetteer()
        return Address(found.text, code, g.full_names.get(code), (code,), "site", name, former=found.former)
    return found


@lru_cache(maxsize=100_000)
def _resolved_alike(digits_as_zero: str) -> Address:
    return _resolved(digits_as_zero, gazetteer())


def _resolved(original: str, g: Gazetteer) -> Address:
    now = _NOW.search(original)
    if now:  # "(nay là …)", "(nay thuộc …)": the unit it is now, when that names one new commune
        found = _decide(now.group(1), _mentions(now.group(1), g), g)
        if found.code and found.match == "new":
            return replace(found, text=original)
        original_ = _NOW.sub(" ", original)
        return replace(_decide(original_, _mentions(original_, g), g), text=original)
    return _decide(original, _mentions(original, g) if original else [], g)


def resolve_former(commune: str | None, district: str | None = None, g: Gazetteer | None = None) -> Address:
    """The new commune of a former unit given in two fields, as the import templates' ``old_commune`` and
    ``old_district`` give it: always read through the conversion table (the fields say the unit is a former one)."""
    g = g or gazetteer()
    commune, district = nfc(commune) or "", nfc(district) or ""
    original = f"{commune}, {district}" if district else commune
    mentions = []
    if commune:
        unit = next((u.lower() for u in ("Thị trấn", "Phường", "Xã") if commune.lower().startswith(u.lower() + " ")),
                    None)
        mentions.append(_Mention("commune", unit, _words(strip_unit(commune)), 0, len(commune)))
    if district:
        start = len(commune) + 2 if commune else 0
        mentions.append(_Mention("district", None, _words(strip_unit(district)), start, start + len(district)))
    return _decide(original, mentions, g, former=True)


def _decide(original: str, mentions: list[_Mention], g: Gazetteer, former: bool = False) -> Address:
    """What the units an address names add up to. With `former`, the commune is a former unit whatever its name."""
    if not original:
        return Address(original, None, None, (), "not_found", "")

    def shown(*ms: _Mention) -> str:
        ms = [m for m in ms if m is not None]
        return original[min(m.start for m in ms):max(m.end for m in ms)] if ms else ""

    def answer(codes, match: str, *ms: _Mention, olds=()) -> Address:
        codes = tuple(sorted(set(codes)))
        code = codes[0] if len(codes) == 1 else None
        chain = [u for c in olds for u in (c, g.old[c].get("joined")) if u]  # a unit, then the one it joined
        return Address(original, code, g.full_names.get(code) if code else None, codes, match, shown(*ms),
                       former=tuple(dict.fromkeys((g.old[c]["full_name"], g.old[c]["district_full"]) for c in chain)))

    communes = [m for m in mentions if m.level == "commune"]
    districts = [m for m in mentions if m.level == "district"]
    provinces = [m for m in mentions if m.level == "province"]
    city = [m for m in mentions if m.level == "city"]
    known_commune = [m for m in communes if m.tokens in g.commune_names]
    district = districts[-1] if districts else None
    if district is not None and district.tokens not in g.districts:
        district = None
    if provinces and not city and not known_commune and district is None:
        return Address(original, None, None, (), "other_province", shown(*provinces), note=shown(*mentions))
    if len(known_commune) > 1 and known_commune[-1].unit is None and any(m.unit for m in known_commune[:-1]):
        # a bare name where the district is written, after a commune named with its unit word ("xã Tây Tựu, Từ Liêm":
        # Huyện Từ Liêm's name, and a ward's now): the commune named decides, the bare name does not
        known_commune = known_commune[:-1]
    if len({m.tokens for m in known_commune}) > 1 and not former:  # "Xã Bát Tràng, phường Yên Nghĩa": a question
        each = [_decide(shown(m), [replace(m, start=0, end=m.end - m.start)], g) for m in known_commune]
        codes = {c for a in each for c in (a.candidates or ((a.code,) if a.code else ()))}
        if len(codes) > 1:
            return answer(codes, "several_communes", *known_commune)
    commune = known_commune[-1] if known_commune else None
    if commune is None:
        if district is not None and not communes:
            return answer(g.district_communes[g.districts[district.tokens]], "district_only", district)
        return Address(original, None, None, (), "not_found", "", note=shown(*mentions))
    name_written = _name_part(original[commune.start:commune.end], commune)

    def old_units(in_district: str | None) -> list[str]:
        codes = g.old_by_name.get(commune.tokens, [])
        if in_district:
            codes = [c for c in codes if fold(g.old[c]["district"]) == fold(in_district)]
        if commune.unit:
            kind = [c for c in codes if g.old[c]["kind"] == commune.unit]
            codes = kind or codes  # "xã Trâu Quỳ" for the former thị trấn: the table still answers
        return _with_accents(codes, name_written, lambda c: g.old[c]["name"])

    def from_old(codes: list[str], *ms) -> Address:
        successors = set().union(*(g.successors[c] for c in codes))
        if len(codes) > 1:
            return answer(successors, "old_several", *ms, olds=codes)
        return answer(successors, "old_whole" if len(successors) == 1 else "old_split", *ms, olds=codes)

    if district is not None:  # the old form: a former district named
        codes = old_units(g.districts[district.tokens])
        if codes:
            return from_old(codes, commune, district)
        new = [c for c in g.new_by_name.get(commune.tokens, [])
               if c in g.district_communes[g.districts[district.tokens]] and _kind_fits(g, c, commune)]
        if new and not former:
            return answer(_with_accents(new, name_written, lambda c: g.new[c]["name"]), "new", commune, district)
        return Address(original, None, None, (), "not_found", "", note=shown(commune, district))
    new = [c for c in g.new_by_name.get(commune.tokens, []) if _kind_fits(g, c, commune)]
    if new and commune.unit != "thị trấn" and not former:  # a commune straight under the city, by a new name
        return answer(_with_accents(new, name_written, lambda c: g.new[c]["name"]), "new", commune)
    codes = old_units(None)
    if codes:
        return from_old(codes, commune)
    return Address(original, None, None, (), "not_found", "", note=shown(commune))


def _kind_fits(g: Gazetteer, code: str, mention: _Mention) -> bool:
    return mention.unit is None or mention.unit not in ("phường", "xã") or g.new[code]["type"] == mention.unit


def _name_part(written: str, mention: _Mention) -> str:
    """The name in a mention as written, without its unit word: ``P. Dịch Vọng Hậu`` → ``Dịch Vọng Hậu``."""
    folded, where = _folded(written)
    words = list(_TOKEN.finditer(folded))
    skip = len(words) - len(mention.tokens)
    return written[where[words[skip].start()]:] if 0 <= skip < len(words) else written
