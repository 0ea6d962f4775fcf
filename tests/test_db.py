"""Opening the database: defaults, a missing file, a replaced file."""

import pytest

from industry.core import paths
from industry.data import db
from industry.data.build import build


def test_dashboard_db_overrides_the_default(monkeypatch, tmp_path):
    monkeypatch.delenv("DASHBOARD_DB", raising=False)
    assert paths.database_path() == paths.DEFAULT_DB
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "x.duckdb"))
    assert paths.database_path() == tmp_path / "x.duckdb"


def test_a_missing_named_database_is_an_error_not_a_silent_demo(monkeypatch, tmp_path):
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "missing.duckdb"))
    with pytest.raises(db.DatabaseError, match="python -m industry.build --out"):
        db.ensure()
    assert not (tmp_path / "missing.duckdb").exists()


def test_the_default_database_is_built_when_missing(tmp_path):
    target = tmp_path / "fresh.duckdb"
    assert db.ensure(target, build_missing=True) == target and target.is_file()


def test_a_replaced_file_is_seen_through_the_shared_connection(tmp_path):
    path = build(tmp_path / "live.duckdb", seed=1, enterprises=1000, quiet=True)
    first = db.shared_connection(db.version(path))
    assert first.cursor().execute("select count(*) from enterprises").fetchall()[0][0] == 1000
    build(path, seed=1, enterprises=1500, quiet=True)
    second = db.shared_connection(db.version(path))
    assert second is not first
    assert second.cursor().execute("select count(*) from enterprises").fetchall()[0][0] == 1500
    assert db.shared_connection(db.version(path)) is second  # same file, same connection


def _made_by_an_earlier_version(path, kind="demo"):
    """`path` as an earlier version of the dashboard left it: without a table this version added."""
    import duckdb

    with duckdb.connect(str(path)) as con:
        con.execute("drop table years")
        con.execute("update dataset_info set value = ? where key = 'kind'", [kind])


def test_demonstration_data_from_an_earlier_version_is_built_again_with_its_seed_and_size(tmp_path):
    import duckdb

    path = build(tmp_path / "old.duckdb", seed=3, enterprises=1200, quiet=True)
    _made_by_an_earlier_version(path)
    assert db.outdated(path)[0] == ["years"]
    assert db.ensure(path, build_missing=True) == path
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("select count(*) from years").fetchall()[0][0] > 0
        assert con.execute("select count(*) from enterprises").fetchall()[0][0] == 1200
        assert con.execute("select value from dataset_info where key = 'seed'").fetchall()[0][0] == "3"


def test_an_outdated_database_is_named_with_what_it_lacks_and_how_to_update_it(tmp_path):
    demo = build(tmp_path / "demo.duckdb", seed=3, enterprises=1200, quiet=True)
    _made_by_an_earlier_version(demo)
    before = demo.read_bytes()
    with pytest.raises(db.DatabaseError, match=r"earlier version .* has no years\. Build it again: "
                                               r"`python -m industry.build --out .*demo.duckdb --seed 3 --enterprises 1200`"):
        db.ensure(demo, build_missing=False)  # a file named by DASHBOARD_DB is never written over
    assert demo.read_bytes() == before
    official = build(tmp_path / "official.duckdb", seed=3, enterprises=1200, quiet=True)
    _made_by_an_earlier_version(official, kind="official")
    with pytest.raises(db.DatabaseError, match=r"has no years\. Write its data out and build it again: "
                                               r"`python -m industry.export --db .*official.duckdb --out DIR`"):
        db.ensure(official, build_missing=True)  # official data is never replaced by demonstration data


def test_a_column_added_since_is_named_too(tmp_path):
    """A file that has every table but lacks a column this version added (programme_targets.source_vi) is told
    apart as well, not left to fail on the first query that reads the column."""
    import duckdb

    path = build(tmp_path / "official.duckdb", seed=3, enterprises=1200, quiet=True)
    with duckdb.connect(str(path)) as con:
        con.execute("alter table programme_targets drop column source_vi")
        con.execute("update dataset_info set value = 'official' where key = 'kind'")
    assert db.outdated(path)[0] == ["programme_targets.source_vi"]
    with pytest.raises(db.DatabaseError, match=r"has no programme_targets\.source_vi\. Write its data out"):
        db.ensure(path, build_missing=True)


def test_derived_tables_computed_another_way_make_the_database_outdated(tmp_path):
    """The derived tables hold figures the builder computed: a database whose builder computed them another way
    (its marts_version differs) is rebuilt when it is demonstration data and refused with the way to update it
    otherwise, so that no page shows figures computed by an earlier version."""
    import duckdb

    from industry.data.build import marts_version

    demo = build(tmp_path / "demo.duckdb", seed=3, enterprises=1200, quiet=True)
    official = build(tmp_path / "official.duckdb", seed=3, enterprises=1200, quiet=True)
    for path, kind in ((demo, "demo"), (official, "official")):
        with duckdb.connect(str(path)) as con:
            con.execute("update dataset_info set value = 'an earlier one' where key = 'marts_version'")
            con.execute("update dataset_info set value = ? where key = 'kind'", [kind])
        assert db.outdated(path)[0] == [db.MARTS_OF_THIS_VERSION]
    assert db.ensure(demo, build_missing=True) == demo
    with duckdb.connect(str(demo), read_only=True) as con:
        assert dict(con.execute("select key, value from dataset_info").fetchall())["marts_version"] == marts_version()
    with pytest.raises(db.DatabaseError, match=r"has no up-to-date derived tables\. "
                                               r"Write its data out and build it again"):
        db.ensure(official, build_missing=True)


def test_the_app_says_so_instead_of_failing_on_an_outdated_database(tmp_path, monkeypatch, caplog):
    """The reader is told in the page's language, with no path, table name or command; the administrator finds the
    file, what it lacks and the commands to type in the server's log."""
    from streamlit.testing.v1 import AppTest

    from industry.core.i18n import Translator
    from tests.conftest import ROOT

    path = build(tmp_path / "official.duckdb", seed=3, enterprises=1200, quiet=True)
    _made_by_an_earlier_version(path, kind="official")
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    for lang in ("en", "vi"):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.query_params["lang"] = lang
        at.run()
        assert not at.exception
        assert [e.value for e in at.error] == [Translator(lang)("app.database_error")]
        assert str(path) not in at.error[0].value and "python -m" not in at.error[0].value
    logged = " ".join(r.getMessage() for r in caplog.records if r.name == "industry.app")
    assert "earlier version of the dashboard" in logged and "python -m industry.export" in logged and str(path) in logged


def test_a_database_checked_before_is_known_until_its_file_changes(monkeypatch, demo_db, tmp_path):
    import os
    import shutil

    copy = tmp_path / "copy.duckdb"
    shutil.copy(demo_db, copy)
    monkeypatch.setenv("DASHBOARD_DB", str(copy))
    assert db.known() is None  # never opened: checked (and built if need be) first
    assert db.ensure() == copy
    assert db.known() == db.version(copy)
    os.utime(copy, ns=(1, 1))  # the file replaced (another time): checked again
    assert db.known() is None
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "gone.duckdb"))
    assert db.known() is None
