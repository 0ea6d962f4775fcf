"""Hostile input, generated: SQL fragments, markup, control characters, invalid Unicode, huge strings.

Nothing is executed, rendered as HTML or raised as a traceback: the query layer binds every value,
the URL parser falls back with a warning, the readers and converters only ever answer with problems.
"""

import datetime as dt

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from industry.app.shell import shown
from industry.data import metrics
from industry.files import sheets, validation

HOSTILE = st.sampled_from([
    "'; drop table enterprises; --", "00577' or '1'='1", "\" or 1=1 --", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "**bold** [link](http://x)", "\x00\x01\x1b[31m", "\ud800", "%00", "../../etc/passwd",
    "a" * 100_000, "Đông Anh", "dong anh", "💥" * 50, "=cmd|' /C calc'!A0", "$(rm -rf /)", "{{7*7}}", "${jndi:ldap://x}",
])
TEXT = st.one_of(HOSTILE, st.text(max_size=300))
# what a link can carry: a browser percent-encodes UTF-8, so no lone surrogates reach the app from a URL
URL_TEXT = st.one_of(HOSTILE.filter(lambda v: "\ud800" not in v and len(v) < 1000),
                     st.text(st.characters(exclude_categories=["Cs"]), max_size=40))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def db(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    yield con
    con.close()


def _tables(con) -> dict[str, int]:
    return {t: con.table(t).count("*").fetchall()[0][0] for t in ("enterprises", "sites", "communes")}


@SETTINGS
@given(text=TEXT, communes=st.lists(TEXT, max_size=4), year=st.integers(-10**6, 10**6))
def test_the_query_layer_binds_whatever_it_is_given(db, text, communes, year):
    before = _tables(db)
    for frame in (
        metrics.village_search(db, text, year, communes),
        metrics.search_predecessors(db, text),
        metrics.activities_list(db, year, communes),
        metrics.wastewater_failures(db, year, communes),
        metrics.si_by_commune(db, year, text),
        metrics.map_sites(db, year, communes),
    ):
        assert isinstance(frame, pd.DataFrame)
    unknown = [c for c in communes if c not in set(metrics.communes(db)["code"])]
    if communes and len(unknown) == len(communes):
        assert metrics.map_sites(db, 2025, communes).empty  # a made-up code matches nothing, and injects nothing
    assert _tables(db) == before


@SETTINGS
@given(value=TEXT)
def test_a_value_shown_back_from_a_link_carries_no_markup(value):
    out = shown(value)
    assert not any(ch in out for ch in "<>[]`*_#|\\")
    assert all(ch.isprintable() or ch == " " for ch in out)
    assert len(out) <= 41


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(TEXT, st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                       st.none(), st.dates(), st.datetimes()))
def test_converters_answer_with_a_value_or_a_problem_never_a_crash(value):
    for convert in validation.CONVERTERS.values():
        try:
            convert(value)
        except validation.BadValue:
            pass


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=5000), name=st.sampled_from(["sites.csv", "data.xlsx", "x.xls", "notes.txt", "a.pdf"]))
def test_readers_answer_with_sheets_or_problems_never_a_crash(data, name):
    found, problems = sheets.read(name, data)
    assert found or problems


@pytest.mark.parametrize("params", [
    {"commune": ["'; drop table communes; --", "<script>alert(1)</script>"], "year": "2024 or 1=1",
     "sector": "<b>x</b>", "lang": "\x00vi"},
    {"commune": ["\u202e00577", "a" * 5000], "year": "-1", "sector": "", "lang": "en"},
    {"commune": "00577", "year": "99999999999999999999", "lang": "vi", "sector": "${jndi:ldap://x}"},
    {"year": "¹", "lang": "en"},  # a digit to str.isdigit, not to int (found by the property test below)
    {"year": "٢٠٢٤", "lang": "en"},  # Arabic-Indic digits: int() would read them as 2024
])
def test_hostile_links_fall_back_with_a_plain_warning(app, params):
    at = app("pages/overview.py", **params)
    assert not at.exception
    assert at.warning, "the bad values are reported"
    for w in at.warning:  # a value is shown back as plain text, without markup characters
        assert not any(ch in w.value for ch in "<>`[]|\x00")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(commune=st.lists(URL_TEXT, max_size=3), year=URL_TEXT, sector=URL_TEXT, lang=URL_TEXT)
def test_any_link_runs_the_page_without_a_traceback(app, commune, year, sector, lang):
    at = app("pages/overview.py", commune=commune, year=year, sector=sector, lang=lang)
    assert not at.exception
    assert at.title


def test_today_is_not_the_future():
    assert validation.to_date(dt.date.today()) == dt.date.today()
