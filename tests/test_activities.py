"""Industrial promotion activities: totals, support against need, programme progress counted from activities."""

import duckdb
import pandas as pd
import pytest

from industry.core.i18n import Translator
from industry.data import metrics
from industry.figures import activities, programmes

SIXTY_NINE = ("businesses_at_international_fairs", "establishments_digital_transformation", "giftshow_editions",
              "official_training_courses", "officials_trained")


@pytest.fixture()
def raw(con) -> pd.DataFrame:
    return con.table("promotion_activities").df()


def test_the_demo_has_activities_from_2021_flagged_as_demo(raw):
    assert raw["year"].min() == 2021 and raw["is_demo"].all()
    assert set(raw["kind"]) == set(activities.LOCAL_KINDS) | {"trade_fair", "international_exhibition", "giftshow",
                                                              "training"}
    assert raw.loc[~raw["kind"].isin(activities.LOCAL_KINDS), "commune_code"].isna().all()  # city-wide events


@pytest.mark.parametrize("communes", [(), ("00577", "09022", "10015")])
def test_totals_by_year_and_kind_equal_an_independent_count(con, raw, communes):
    got = metrics.activities_by_year(con, communes).set_index(["year", "kind"])
    rows = raw[raw["status"] != "cancelled"]
    if communes:
        rows = rows[rows["commune_code"].isin(communes)]
    expected = rows.groupby(["year", "kind"]).agg(activities_count=("activity_id", "count"),
                                                  state_million_vnd=("budget_state_million_vnd", "sum"),
                                                  beneficiaries=("beneficiaries", "sum"))
    assert len(got) == len(expected)
    for column in expected:
        assert got[column].sort_index().tolist() == pytest.approx(expected[column].sort_index().tolist())


def test_support_by_commune_equals_an_independent_count(con, raw):
    got = metrics.activities_by_commune(con, 2025).set_index("code")
    assert len(got) == 126
    rows = raw[(raw["status"] != "cancelled") & raw["commune_code"].notna() & raw["year"].between(2021, 2025)]
    expected = rows.groupby("commune_code").agg(n=("activity_id", "count"), state=("budget_state_million_vnd", "sum"))
    for code, row in got.iterrows():
        assert row["activities_count"] == (expected.loc[code, "n"] if code in expected.index else 0), code
        assert row["state_million_vnd"] == pytest.approx(expected.loc[code, "state"] if code in expected.index else 0)
    small = con.execute("""select commune_code, count(*) from enterprises where size in ('micro', 'small')
                           and founded_year <= 2025 and (closed_year is null or closed_year > 2025)
                           group by all""").fetchall()
    for code, count in small:
        assert got.loc[code, "establishments_count"] == count


def test_the_map_colours_communes_by_the_same_funds(con):
    on_map = metrics.map_communes(con, 2025).set_index("code")["support_million_vnd"]
    on_page = metrics.activities_by_commune(con, 2025).set_index("code")["state_million_vnd"]
    assert on_map.sort_index().tolist() == pytest.approx(on_page.sort_index().tolist())


def test_communes_in_need_without_support_are_named_neediest_first(con):
    by_commune = metrics.activities_by_commune(con, 2025)
    missing = activities.unreached(by_commune)
    assert len(missing) > 0 and (missing["activities_count"] == 0).all() and (missing["kind"] == "xã").all()
    needs = (missing["establishments_count"] + missing["villages_count"]).tolist()
    assert needs == sorted(needs, reverse=True)
    sentence = activities.unreached_sentence(by_commune, Translator("en"), 2021, 2025)
    assert sentence.startswith(f"{len(missing)} communes in need") and missing["full_name_vi"].iloc[0] in sentence
    assert activities.unreached_sentence(by_commune, Translator("vi"), 2021, 2025).startswith(f"{len(missing)} xã")


def test_decision_6069_progress_is_counted_from_activities(con, raw):
    progress = metrics.programme_progress(con)
    done = raw[(raw["programme"] == "industrial_promotion_2026_2030") & (raw["status"] == "completed")]
    expected = {
        "businesses_at_international_fairs": done.loc[done["kind"] == "international_exhibition", "beneficiaries"].sum(),
        "establishments_digital_transformation": done.loc[done["kind"] == "digital_transformation", "beneficiaries"].sum(),
        "giftshow_editions": (done["kind"] == "giftshow").sum(),
        "official_training_courses": (done["kind"] == "training").sum(),
        "officials_trained": done.loc[done["kind"] == "training", "beneficiaries"].sum(),
    }
    for indicator, value in expected.items():
        row = progress[(progress["indicator"] == indicator) & (progress["year"] == 2026)]
        assert row["value"].tolist() == [value], indicator
        assert "industrial-promotion activities on record" in row["source"].iloc[0]
    card = programmes.scorecard(metrics.targets(con), progress, 2026).set_index("indicator")
    assert card.loc["businesses_at_international_fairs", "achieved"] == expected["businesses_at_international_fairs"]
    # the year 2025 counts none of 2026's activities: the period has not begun
    before = programmes.scorecard(metrics.targets(con), progress, 2025).set_index("indicator")
    assert before.loc["businesses_at_international_fairs", "status"] == "not_started"


def test_imported_progress_of_those_indicators_is_kept_without_activities(tmp_path, demo_db):
    """Without any 2026–2030 activity, the values in programme_progress are not replaced by zero."""
    import shutil

    from industry.data import build

    path = tmp_path / "db.duckdb"
    shutil.copy(demo_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("delete from promotion_activities")
        con.execute("insert into programme_progress (indicator, year, value, unit, source, is_demo) "
                    "values ('giftshow_editions', 2027, 1, 'editions', 'official', false)")
        build.build_marts(con, build.Progress(quiet=True), 2018, 2025, is_demo=True)
        assert con.execute("select count(*) from programme_progress where indicator = 'giftshow_editions'").fetchall() \
            == [(2,)]
