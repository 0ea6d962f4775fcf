"""Files people take away: CSV that Excel opens with Vietnamese intact, and XLSX that says what it is."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..core.text import unmarked

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PLAIN_NUMBER = r"^[+-]?[0-9]+([.,][0-9]+)?$"  # "-5" is a number, not a formula: left as it is


def safe_cell(value):
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str):
        value = _ILLEGAL.sub("", value)
        if value.startswith(_FORMULA_START) and not re.match(_PLAIN_NUMBER, value):
            return "'" + value
    return value


def safe_arrow(table):
    """`safe_cell` over every text column of a pyarrow table (for large CSV exports)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for col in table.columns:
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            col = pc.replace_substring_regex(col, r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "")
            guarded = pc.replace_substring_regex(col, r"^([=+\-@\t\r])", r"'\1")
            col = pc.if_else(pc.match_substring_regex(col, _PLAIN_NUMBER), col, guarded)
        columns.append(col)
    return pa.table(columns, names=table.column_names)


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel keeps the diacritics."""
    safe = df.map(safe_cell) if len(df) else df
    return safe.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(df: pd.DataFrame, about: list[tuple[str, str]], data_sheet: str = "data",
               about_sheet: str = "about") -> bytes:
    """The data on the first sheet; on the second, what it is: title, definition, unit, source, filters, date."""
    wb = Workbook()
    ws = wb.active
    ws.title = data_sheet[:31]
    ws.append([str(c) for c in df.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in df.itertuples(index=False):
        ws.append([safe_cell(_plain(v)) for v in row])
    for column in ws.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, dt.date):  # a date reads as a date, without 00:00:00
                cell.number_format = "dd/mm/yyyy" if not isinstance(cell.value, dt.datetime) or \
                    cell.value.time() == dt.time() else "dd/mm/yyyy hh:mm"
    for i, col in enumerate(df.columns, start=1):
        width = max([len(str(col))] + [len(str(v)) for v in df[col].head(200)]) + 2
        ws.column_dimensions[get_column_letter(i)].width = min(60, width)
    ws.freeze_panes = "A2"
    info = wb.create_sheet(about_sheet[:31])
    for label, value in about:
        info.append([label, safe_cell(unmarked(value))])
        info.cell(info.max_row, 1).font = Font(bold=True)
        info.cell(info.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _plain(value):
    """A cell value openpyxl accepts: missing values (None, NaN, pd.NA, NaT) become empty cells."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value
