"""Every SQL statement lives in queries/, lowercase, in named CTEs, with bound parameters only."""

import re

import pytest

from industry import queries
from tests.conftest import ROOT

ALL = queries.names()
DDL_OR_LOAD = {"build/create_tables", "build/load_enterprises", "build/progress_clear_derived"}


def test_there_are_queries():
    assert "build/create_tables" in ALL and "app/dataset_info" in ALL


@pytest.mark.parametrize("name", ALL)
def test_query_style(name):
    text = queries.sql(name)
    assert text.startswith(f"-- {name.split('/')[-1]}:"), "first line names the query and says what it does"
    code = "\n".join(line.split("--")[0] for line in text.splitlines())
    assert "{" not in code and "%s" not in code, "parameters are bound ($name), never formatted in"
    assert not re.search(r"\b(SELECT|FROM|WHERE|WITH|JOIN|GROUP BY|ORDER BY)\b", code), "lowercase SQL"
    if name not in DDL_OR_LOAD:
        assert re.search(r"\bfinal as \(", code) and re.search(r"select \* from final|from final\b", code)


def test_unknown_or_escaping_names_are_refused():
    for bad in ("nope", "../README", "/etc/passwd", ""):
        with pytest.raises(queries.UnknownQuery):
            queries.sql(bad)


def test_no_sql_outside_queries():
    pattern = re.compile(r"[\"'](select|insert|create|update|delete|with)\s", re.IGNORECASE)
    offenders = []
    for path in list((ROOT / "industry").rglob("*.py")) + list((ROOT / "app_pages").rglob("*.py")) + [ROOT / "dashboard.py"]:
        if path.exists() and pattern.search(path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
