"""Opening the database: defaults, a missing file, a replaced file."""

import pytest

from industry import db, paths
from industry.build import build


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
