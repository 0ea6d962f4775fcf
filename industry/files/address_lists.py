"""A list of addresses (CSV or Excel, as the department keeps it) with the new commune of each row.

    python -m industry.addresses FILE --column NAME [--out OUT] [--lang vi]

Every row and column of the file is kept as it was; four columns are added: ``commune_code``, ``commune_name``,
``candidates`` (the codes of every commune a split or repeated former unit may be in, separated by ``;``; empty
when there is one answer) and ``match`` (how the address was read: new, old_whole, old_split, old_several,
district_only, other_province, not_found). The list is written as CSV (UTF-8 with BOM) or Excel by the extension of
OUT, to standard output when there is none, and a summary goes to standard error. Unresolved rows are the report,
not an error: the exit status is 0; it is 2 for a file that cannot be read or a column it does not have.
Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core.i18n import Translator
from ..core.text import fold
from ..data import addresses
from . import downloads, sheets
from .problems import Problem

ADDED = ("commune_code", "commune_name", "candidates", "match")
# how the rows are counted for the reader, in the order they are shown: one commune, then what needs a decision
GROUPS = {"resolved": ("new", "old_whole", "site"), "split": ("old_split",),
          "several": ("old_several", "several_communes", "district_only"),
          "other": ("other_province",), "not_found": ("not_found",)}


class ListError(Exception):
    """The list cannot be converted: the file cannot be read, or has no such column."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.code for p in problems))
        self.problems = problems


@dataclass
class Converted:
    """The list as it was, with the four columns added, and how many rows were read each way."""

    table: pd.DataFrame
    counts: Counter
    column: str
    sheet: str | None
    numbers: list[int]  # each row's number in the file, as the reader sees it

    def groups(self) -> dict[str, int]:
        """How many rows in each of GROUPS."""
        return {group: sum(self.counts[m] for m in matches) for group, matches in GROUPS.items()}

    def summary(self, tr: Translator) -> str:
        return tr("addresses.summary", rows=len(self.table), **self.groups())

    def to_decide(self) -> pd.DataFrame:
        """The rows that are not one commune, in GROUPS' order (split, several candidates, another province, not
        found), each group in the file's order."""
        order = {m: i for i, matches in enumerate(list(GROUPS.values())[1:]) for m in matches}
        table = self.table[self.table["match"].isin(order)]
        return table.iloc[table["match"].map(order).argsort(kind="stable")]


def _column(header: list[str], wanted: str) -> int | None:
    """The position of the column named `wanted` (case, diacritics and spacing aside)."""
    exact = [i for i, h in enumerate(header) if h == wanted]
    if exact:
        return exact[0]
    folded = [i for i, h in enumerate(header) if fold(h) == fold(wanted)]
    return folded[0] if len(folded) == 1 else None


def columns(name: str, data: bytes) -> list[str]:
    """The headers of a list's first sheet (to choose the address column from); raises ListError when unreadable."""
    found, problems = sheets.read(name, data)
    if problems:
        raise ListError(problems)
    return [h for h in found[0].header if h]


def likely_column(headers: list[str]) -> int:
    """The header that most looks like an address ("Địa chỉ", "Địa chỉ trụ sở", "Address"), else the first."""
    for i, h in enumerate(headers):
        if any(w in fold(h) for w in ("dia chi", "address", "dia diem")):
            return i
    return 0


def readable(converted: Converted, tr: Translator, name_of: Callable[[str], str]) -> pd.DataFrame:
    """The rows to decide (Converted.to_decide) as a reader reads them: the row, the address, how it was read and
    the candidates by name (`name_of` a code)."""
    table = converted.to_decide()

    def named(codes: str) -> str:
        return "; ".join(f"{name_of(c)} ({c})" for c in codes.split(";") if c)

    return pd.DataFrame({
        tr("addresses.col_row"): [converted.numbers[i] for i in table.index],
        tr("addresses.col_address"): table[converted.column].astype(str),
        tr("addresses.col_match"): [tr(f"addresses.match_{m}") for m in table["match"]],
        tr("addresses.col_candidates"): [named(c) for c in table["candidates"]],
    })


def convert(name: str, data: bytes, column: str, gazetteer: addresses.Gazetteer | None = None,
            places: dict | None = None) -> Converted:
    """Read a list (CSV in any encoding the importer reads, or a workbook: its first sheet with `column`) and add the
    new commune of each row's address (an address that names a cluster, park or village of `places`,
    :func:`industry.data.addresses.place_index`, is placed where it is); raises ListError when it cannot."""
    found, problems = sheets.read(name, data)
    if problems:
        raise ListError(problems)
    for sheet in found:
        index = _column(sheet.header, column)
        if index is not None:
            break
    else:
        headers = ", ".join(h for h in found[0].header if h) if found else ""
        raise ListError([Problem(Path(name).name, "address_column_missing", found[0].sheet if found else None,
                                 found[0].header_row if found else None, column, column, {"columns": headers})])
    width = max([len(sheet.header), *(len(r) for r in sheet.rows)])
    header = list(sheet.header) + [f"column_{i + 1}" for i in range(len(sheet.header), width)]
    header = _unique(header)
    rows = [list(r) + [""] * (width - len(r)) for r in sheet.rows]
    table = pd.DataFrame(rows, columns=header, dtype=object)
    g = gazetteer or addresses.gazetteer()
    # the bundled gazetteer's answers are kept (addresses.resolve): an office's list repeats its streets and
    # communes, and differs mostly by house numbers, which decide nothing
    results = [addresses.at_named_site(addresses.resolve(str(v) if v not in (None, "") else "", gazetteer),
                                       places or {}, g)
               for v in table[header[index]]]
    for added in ADDED:  # an added column never overwrites one of the list's own
        while added in table.columns:
            table = table.rename(columns={added: f"{added}_0"})
    table["commune_code"] = [r.code or "" for r in results]
    table["commune_name"] = [r.name or "" for r in results]
    table["candidates"] = [";".join(r.candidates) if len(r.candidates) > 1 else "" for r in results]
    table["match"] = [r.match for r in results]
    return Converted(table, Counter(r.match for r in results), header[index], sheet.sheet, list(sheet.numbers))


def _unique(header: list[str]) -> list[str]:
    seen: Counter = Counter()
    out = []
    for h in header:
        h = h or "column"
        seen[h] += 1
        out.append(h if seen[h] == 1 else f"{h}_{seen[h]}")
    return out


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The list as CSV, as every download of the dashboard is written (UTF-8 with BOM, formulas made text)."""
    return downloads.csv_bytes(table)


def xlsx_bytes(table: pd.DataFrame, tr: Translator) -> bytes:
    """The list as a workbook, as every download of the dashboard is written: the list, then what it is."""
    about = [(tr("download.title"), tr("addrpage.title")), (tr("download.definition"), tr("addrpage.download_help")),
             (tr("download.source"), tr("addrpage.check_source")),
             (tr("download.created"), dt.datetime.now().strftime("%Y-%m-%d %H:%M"))]
    return downloads.xlsx_bytes(table, about, data_sheet="addresses", about_sheet=tr("download.about_sheet"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m industry.addresses", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="the list: .csv, .txt, .xlsx or .xlsm")
    parser.add_argument("--column", required=True, help="the header of the column that holds the addresses")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write the list: .csv (UTF-8 with BOM) or .xlsx; standard output when omitted")
    parser.add_argument("--lang", choices=("en", "vi"), default="en", help="language of the summary and messages")
    args = parser.parse_args(argv)
    tr = Translator(args.lang)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(tr("addresses.unreadable", file=str(args.file), detail=exc.strerror or str(exc)), file=sys.stderr)
        return 2
    try:
        converted = convert(args.file.name, data, args.column)
    except ListError as exc:
        for problem in exc.problems:
            print(problem.line(tr), file=sys.stderr)
        return 2
    if args.out is None:
        sys.stdout.buffer.write(csv_bytes(converted.table))
    elif args.out.suffix.lower() in (".xlsx", ".xlsm"):
        args.out.write_bytes(xlsx_bytes(converted.table, tr))
    else:
        args.out.write_bytes(csv_bytes(converted.table))
    print(converted.summary(tr), file=sys.stderr)
    return 0
