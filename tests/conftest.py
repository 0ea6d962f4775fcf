"""Shared fixtures: real databases built by the project's own builder (no mocks)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from industry.build import build

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The default demonstration database (default seed and size)."""
    return build(tmp_path_factory.mktemp("db") / "demo.duckdb", quiet=True)


@pytest.fixture(scope="session")
def large_db(tmp_path_factory) -> Path:
    """A 100,000-enterprise database."""
    return build(tmp_path_factory.mktemp("db") / "large.duckdb", enterprises=100_000, quiet=True)


@pytest.fixture()
def con(demo_db):
    connection = duckdb.connect(str(demo_db), read_only=True)
    yield connection
    connection.close()
