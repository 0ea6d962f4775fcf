"""Writing a database out as filled import templates.

    python -m industry.export [--db PATH] --out DIR [--xlsx]

One CSV per importable table (UTF-8 with BOM, the template's comment lines, a header
row, the records), plus ``dataset_info.csv`` with the years and data date the database
covers. ``python -m industry.build --from DIR`` (or an import of the folder) reads it back
into an equivalent database. With ``--xlsx``, one workbook ``data.xlsx`` instead, with a sheet
per table and one for ``dataset_info``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import duckdb

from ..core import paths
from ..data import build, queries
from . import downloads, templates, validation


def export(db: Path, out: Path, xlsx: bool = False) -> list[Path]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with duckdb.connect(str(db), read_only=True) as con:
        info = dict(queries.rows(con, "app/dataset_info"))
        info_rows = [(k, info[k]) for k in validation.INFO_KEYS if k in info]
        if xlsx:
            return [_workbook(con, out / "data.xlsx", info_rows)]
        for tpl in templates.TEMPLATES:
            path = out / f"{tpl.table}.csv"
            templates.write_csv(tpl, path, _records(con, tpl))
            written.append(path)
        path = out / "dataset_info.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(["key", "value"])
            writer.writerows(info_rows)
        written.append(path)
    return written


def zip_bytes(db: Path) -> bytes:
    """The database as filled CSV templates in one zip (the Import page's "current data" download)."""
    import io
    import tempfile
    import zipfile

    buf = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in export(db, Path(tmp)):
            zf.write(path, path.name)
    return buf.getvalue()


def _records(con: duckdb.DuckDBPyConnection, tpl: templates.Template):
    """The rows of the template's table in its columns, ordered by its key; a column the table lacks (a database
    made by an earlier version of the dashboard) is written empty."""
    rel = con.table(tpl.table)
    rel = rel.select(*[c for c in tpl.columns if c in rel.columns]).order(", ".join(tpl.key))
    return build.filled(rel.to_arrow_table(), build.model_schema(tpl.table, tpl.columns))


def _workbook(con: duckdb.DuckDBPyConnection, path: Path, info_rows: list[tuple[str, str]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for tpl in templates.TEMPLATES:
        ws = wb.create_sheet(tpl.table)
        ws.append(tpl.columns)
        for row in zip(*(column.to_pylist() for column in _records(con, tpl).columns), strict=True):
            ws.append([downloads.safe_cell(v) for v in row])
    ws = wb.create_sheet("dataset_info")
    ws.append(["key", "value"])
    for row in info_rows:
        ws.append(list(row))
    wb.save(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m industry.export", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=None, help="database to export (default: $DASHBOARD_DB or data/industry.duckdb)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the templates into")
    parser.add_argument("--xlsx", action="store_true", help="write data.xlsx, one workbook with a sheet per table, instead of CSV files")
    args = parser.parse_args(argv)
    db = Path(args.db or paths.database_path())
    if not db.is_file():
        print(f"error: no database at {db}", file=sys.stderr)
        return 1
    for path in export(db, args.out, args.xlsx):
        print(path)
    return 0
