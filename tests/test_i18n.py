"""Both languages have every interface string; Vietnamese numbers and dates are formatted by Babel."""

import datetime as dt
import re

import pytest

from industry.core import formats, i18n
from tests.conftest import ROOT


def test_both_languages_have_the_same_keys():
    en, vi = i18n.strings("en"), i18n.strings("vi")
    assert sorted(set(en) - set(vi)) == [], "missing in vi.toml"
    assert sorted(set(vi) - set(en)) == [], "missing in en.toml"


def test_placeholders_match_between_languages():
    en, vi = i18n.strings("en"), i18n.strings("vi")
    for key in en:
        assert set(re.findall(r"{(\w+)}", en[key])) == set(re.findall(r"{(\w+)}", vi[key])), key


def test_every_key_used_in_the_code_exists():
    used = set()
    for path in list((ROOT / "industry").rglob("*.py")) + list((ROOT / "pages").rglob("*.py")) + [
        ROOT / "dashboard.py"
    ]:
        used |= set(re.findall(r"\btr\(\s*[\"']([a-z_]+\.[a-z_0-9]+)[\"']", path.read_text(encoding="utf-8")))
    assert used, "no keys found: the pattern is wrong"
    missing = sorted(k for k in used if k not in i18n.strings("en"))
    assert missing == []


def test_unknown_key_is_an_error():
    with pytest.raises(KeyError):
        i18n.Translator("en")("no.such_key")


def test_browser_language():
    assert i18n.from_locale("vi-VN") == "vi"
    assert i18n.from_locale("vi") == "vi"
    assert i18n.from_locale("en-US") == "en"
    assert i18n.from_locale("fr") == "en"
    assert i18n.from_locale(None) == "en"


def test_vietnamese_number_formats():
    assert formats.number(1234.5, "vi", 1) == "1.234,5"
    assert formats.number(1234.5, "en", 1) == "1,234.5"
    assert formats.number(1234567, "vi") == "1.234.567"
    assert formats.percent(83.333, "vi") == "83,3%"
    assert formats.percent(83.333, "en") == "83.3%"
    assert formats.points(2.46, "vi") == "+2,5 điểm %"
    assert formats.points(-1.0, "en") == "−1.0 pp"
    assert formats.number(None, "vi") == "–"
    assert formats.number(float("nan"), "en") == "–"


def test_vietnamese_dates():
    assert formats.date(dt.date(2025, 12, 31), "vi") == "31 tháng 12 năm 2025"
    assert formats.date("2026-01-05", "vi") == "5 tháng 1 năm 2026"
    assert formats.date("2025-12-31", "en") == "31 December 2025"


def test_a_noun_after_a_count_agrees_with_it():
    tr = i18n.Translator("en")
    assert tr("wastewater.no_plant_title", n="1", year=2022) == "1 operating cluster had no central treatment plant in 2022"
    assert tr("wastewater.no_plant_title", n="12", year=2022).startswith("12 operating clusters had")
    assert tr("wastewater.status_title", short="1", no_plant=1, year=2022) == (
        "1 operating cluster was not compliant in 2022; 1 of them has no treatment plant")
    assert tr("importpage.problems_title", count="1,234").startswith("1,234 problems found")
    assert "{" not in i18n.Translator("vi")("wastewater.no_plant_title", n="1", year=2022)  # nouns do not change


def test_every_plural_form_names_a_placeholder_of_its_string():
    for key, text in i18n.strings("en").items():
        for name in re.findall(r"{(\w+):plural:[^:}]*:[^:}]*}", text):
            assert "{" + name + "}" in text, f"{key}: the plural of {name} follows no count"
        assert text.count(":plural:") == len(re.findall(r"{\w+:plural:[^:}]*:[^:}]*}", text)), key
