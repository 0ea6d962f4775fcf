"""The import templates: committed files current, every column documented, the examples valid."""

import csv
import io

from openpyxl import load_workbook

from industry.data import schema
from industry.files import importer, templates


def test_the_committed_csv_templates_are_current(tmp_path):
    templates.write_all(tmp_path)
    for tpl in templates.TEMPLATES:
        name = f"{tpl.table}.csv"
        assert (templates.TEMPLATES_DIR / name).read_text(encoding="utf-8-sig") == (tmp_path / name).read_text(
            encoding="utf-8-sig"), f"{name} is stale: run python -m industry.templates"
    assert (templates.TEMPLATES_DIR / "columns.csv").read_bytes() == (tmp_path / "columns.csv").read_bytes()


def test_the_workbook_has_a_sheet_per_table_and_a_bilingual_column_sheet():
    wb = load_workbook(templates.TEMPLATES_DIR / templates.WORKBOOK_NAME)
    assert wb.sheetnames == [t.table for t in templates.TEMPLATES] + [templates.COLUMNS_SHEET]
    for tpl in templates.TEMPLATES:
        assert [c.value for c in wb[tpl.table][1]] == tpl.columns
        assert wb[tpl.table].cell(1, 1).comment is not None
    rows = list(wb[templates.COLUMNS_SHEET].values)
    assert rows[0][-2:] == ("meaning_en", "meaning_vi")
    assert all(r[-1] and r[-2] for r in rows[1:])


def test_every_template_column_is_a_documented_column_of_its_table():
    for tpl in templates.TEMPLATES:
        documented = [c.name for c in schema.table(tpl.table).columns]
        assert tpl.columns == documented, tpl.table
        assert not schema.table(tpl.table).derived
    assert templates.load_order().index("sites") < templates.load_order().index("wastewater_plants")


def test_the_example_rows_together_pass_every_check():
    files = []
    for tpl in templates.TEMPLATES:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(tpl.columns)
        writer.writerow([r.example for r in tpl.rules])
        files.append((f"{tpl.table}.csv", buf.getvalue().encode()))
    checked = importer.check(files)
    assert checked.ok, [p.code for p in checked.problems.listed()]
    assert sorted(checked.tables) == sorted(templates.BY_TABLE)


def test_empty_templates_import_nothing_and_say_so():
    files = importer.files_in([templates.TEMPLATES_DIR])
    checked = importer.check(files)
    assert [p.code for p in checked.problems.listed()] == ["nothing_to_import"]
    assert sorted(checked.skipped) == sorted(templates.BY_TABLE)
