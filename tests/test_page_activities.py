"""The Activities page, run by AppTest on the demonstration database."""

import duckdb
import pytest

from industry import activities, formats, metrics

PAGE = "app_pages/activities.py"


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("commune", [None, "09022"])
def test_runs_in_both_languages_with_and_without_a_commune(app, lang, commune):
    at = app(PAGE, lang=lang, **({"commune": commune} if commune else {}))
    assert not at.exception, at.exception
    assert at.title[0].value == ("Industrial promotion activities" if lang == "en" else "Hoạt động khuyến công")
    assert at.subheader and len(at.dataframe) >= 2


def test_the_finding_and_figures_come_from_the_data(app, demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as con:
        summary = activities.year_summary(metrics.activities_by_year(con), 2025)
        missing = activities.unreached(metrics.activities_by_commune(con, 2025))
        listed = metrics.activities_list(con, 2025)
    at = app(PAGE, lang="en", year="2025")
    assert at.subheader[0].value == (f"2025: {summary.activities} activities with {formats.number(summary.state, 'en')} "
                                     f"million VND of state funds; since 2021, {len(missing)} communes in need have "
                                     f"received no local support")
    assert at.metric[0].value == str(summary.activities)
    assert missing["full_name_vi"].iloc[0] in at.warning[-1].value
    assert len(at.dataframe[-1].value) == len(listed)


def test_a_commune_without_any_activity_says_so(app, demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as con:
        by_commune = metrics.activities_by_commune(con, 2025)
        ever = set(con.execute("select distinct commune_code from promotion_activities where commune_code is not null")
                   .df()["commune_code"])
    code = next(c for c in by_commune["code"] if c not in ever)
    at = app(PAGE, lang="vi", commune=code)
    assert not at.exception
    assert any("Chưa ghi nhận hoạt động khuyến công nào" in i.value for i in at.info)
    assert at.metric[0].value == "0"
