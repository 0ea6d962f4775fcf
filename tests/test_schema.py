"""The data model is documented in one place, and the README shows that documentation."""

from industry.data import schema
from tests.conftest import ROOT


def test_every_table_and_column_of_the_database_is_documented(con):
    actual = {}
    for table, column, dtype in con.execute(
        "select table_name, column_name, data_type from information_schema.columns order by table_name, ordinal_position"
    ).fetchall():
        actual.setdefault(table, []).append((column, dtype))
    documented = {t.name: [(c.name, c.type) for c in t.columns] for t in schema.TABLES}
    assert actual == documented


def test_every_column_has_a_unit_and_a_meaning_in_both_languages():
    for table in schema.TABLES:
        assert table.en and table.vi and table.grain
        for column in table.columns:
            assert column.unit and column.en and column.vi, f"{table.name}.{column.name}"


def test_readme_shows_the_current_data_model():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert schema.markdown() in readme, "README is stale: paste the output of `python -m industry.schema`"
