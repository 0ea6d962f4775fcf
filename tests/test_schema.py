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


def test_the_docs_show_the_current_data_model_and_the_readme_links_there():
    model = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert schema.markdown() in model, "docs/data-model.md is stale: run `python -m industry.schema --readme`"
    assert "](docs/data-model.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_is_what_a_newcomer_needs():
    """What it is, the two commands, a tour with pictures, where to go next; the guides are in docs/."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 400
    assert readme.count("](docs/screenshots/") >= 5
    for guide in ("docs/import.md", "docs/data-model.md", "docs/deploy.md"):
        assert f"]({guide})" in readme and (ROOT / guide).is_file(), guide
