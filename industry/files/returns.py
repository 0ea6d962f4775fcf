"""The communes' returns: a workbook pre-filled with what the database holds for one commune, sent out for a
period, and the workbooks that come back, read as what they change.

A return workbook (:func:`workbook`) has a first sheet that says in plain Vietnamese what to check, by when and whom
to ask; one sheet per list the commune keeps (its clusters, its craft villages, the year's promotion activities) in
the department's headings, with drop-down lists, the record ids in a locked column and blank rows for new records;
and a hidden sheet that says which commune and period it is for and what was sent (``return_form.toml`` holds every
word of it). A returned workbook (:func:`read`) is compared with what was sent, not with the database as it is when it
comes back: a return changes only the fields its commune changed (:func:`changes_of`); the rest of a record, and
every record of other communes, stay as the database has them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
import tomllib
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from ..core import formats
from ..core.i18n import Translator, strings
from ..core.text import fold, slug, unaccented
from ..data import owners, queries
from . import layouts, values
from .importer import Store, append_line, install, live_path, read_lines
from .problems import Problem

FORM = tomllib.loads(Path(__file__).with_name("return_form.toml").read_text(encoding="utf-8"))
TABLES = tuple(s["table"] for s in FORM["sheets"])
ID = {"sites": "site_id", "craft_villages": "village_id", "promotion_activities": "activity_id"}
KEPT = ("remove", "comment", "plant", "capacity_m3_per_day")  # read, but not fields of the record the return changes
FILE_NAME = re.compile(r"bao-cao-(\d{5})-")

# --- periods ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    year: int
    part: str  # H1, H2, Q1–Q4, or Y (the whole year)

    @classmethod
    def parse(cls, text: str) -> Period:
        match = re.fullmatch(r"\s*(\d{4})(?:-(H[12]|Q[1-4]))?\s*", str(text).upper())
        if not match:
            raise ValueError(f"a period is written 2026-H1, 2026-H2, 2026-Q3 or 2026, not {text!r}")
        return cls(int(match.group(1)), match.group(2) or "Y")

    @property
    def code(self) -> str:
        return str(self.year) if self.part == "Y" else f"{self.year}-{self.part}"

    @property
    def label(self) -> str:
        """In the department's words: ``6 tháng đầu năm 2026``."""
        return Translator("vi")(f"period.{self.part}", year=self.year)

    @property
    def end(self) -> dt.date:
        month = {"H1": 6, "Q1": 3, "Q2": 6, "Q3": 9}.get(self.part, 12)
        return (dt.date(self.year, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)

    @property
    def due(self) -> dt.date:
        return self.end + dt.timedelta(days=int(FORM["periods"]["due_days"]))


def current_period(today: dt.date | None = None) -> Period:
    """The half-year whose returns are being asked for: the one that ended last (in July, the first half)."""
    today = today or dt.date.today()
    return Period(today.year, "H1") if today.month >= 7 else Period(today.year - 1, "H2")


# --- the words of the workbook -----------------------------------------------------------------------------------

def choices(name: str) -> dict[str, str]:
    """A drop-down's words by the code they stand for."""
    if name == "craft":
        return {k.split(".", 1)[1]: v for k, v in strings("vi").items() if k.startswith("craft.")}
    if name == "activity_kind":
        return {k.split(".kind_", 1)[1]: v for k, v in strings("vi").items() if k.startswith("act.kind_")}
    if name == "yes_no":
        return {"true": FORM["choices"]["yes_no"][0], "false": FORM["choices"]["yes_no"][1]}
    if name == "remove":
        return {"remove": FORM["choices"]["remove"][0]}
    return dict(FORM["choices"][name])


def _sheet(table: str) -> dict:
    return next(s for s in FORM["sheets"] if s["table"] == table)


def file_name(code: str, name: str, period: Period) -> str:
    return f"bao-cao-{code}-{slug(name)}-{period.code}.xlsx"


# --- making the workbooks ------------------------------------------------------------------------------------------

@dataclass
class Commune:
    code: str
    name: str  # the full name: Xã Bát Tràng


def communes(con: duckdb.DuckDBPyConnection) -> list[Commune]:
    return [Commune(r[0], r[2]) for r in queries.rows(con, "returns/communes")]


def sent_records(con: duckdb.DuckDBPyConnection, code: str, period: Period) -> dict[str, pd.DataFrame]:
    """What the database holds for a commune, as its workbook shows it."""
    params = {"commune": code}
    return {table: queries.frame(con, f"returns/{table}", params | ({"year": period.year}
                                                                    if table == "promotion_activities" else {}))
            for table in TABLES}


def _plain(value):
    """A cell's value as the hidden sheet keeps it and as a returned cell is compared with."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _shown(column: dict, value):
    """A field's value as the commune reads it in its cell: a code as its drop-down word, yes/no as Có/Không."""
    value = _plain(value)
    if value is None:
        return None
    if column.get("choices"):
        return choices(column["choices"]).get(str(value).lower() if isinstance(value, bool) else str(value), value)
    if column["field"] == "plant":
        return choices("yes_no")["true" if value else "false"]
    return value


def workbook(con: duckdb.DuckDBPyConnection, commune: Commune, period: Period, *, data_date: str = "",
             made: dt.date | None = None) -> bytes:
    """The return workbook of one commune for one period (.xlsx bytes)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    made = made or dt.date.today()
    owner = owners.settings().get("returns", {})
    book = Workbook()
    guide = book.active
    guide.title = FORM["guide_sheet"]
    words = {"commune": commune.name, "period": period.label, "year": period.year}
    guide["A1"] = FORM["guide"]["title"].format(**words)
    guide["A1"].font = Font(bold=True, size=14)
    lines = [line.format(**words) for line in FORM["guide"]["lines"]]
    lines.append(FORM["guide"]["due"].format(due=period.due.strftime("%d/%m/%Y")))
    ask = FORM["guide"]["ask"].format(owner=owner.get("owner", ""), contact=owner.get("contact", ""))
    lines.append(ask.replace(" ()", ""))
    shown_date = dt.date.fromisoformat(data_date[:10]).strftime("%d/%m/%Y") if re.match(r"\d{4}-\d\d-\d\d", data_date or "") \
        else (data_date or "–")
    lines.append(FORM["guide"]["made"].format(made=made.strftime("%d/%m/%Y"), data_date=shown_date))
    for i, line in enumerate(lines, start=3):
        guide.cell(row=i, column=1, value=f"{i - 2}. {line}" if i - 2 <= len(FORM["guide"]["lines"]) else line)
        guide.cell(row=i, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    guide.column_dimensions["A"].width = 110

    sent = sent_records(con, commune.code, period)
    hidden = book.create_sheet(FORM["hidden_sheet"])
    for key, value in (("form", FORM["form"]), ("version", FORM["version"]), ("commune_code", commune.code),
                       ("commune", commune.name), ("period", period.code), ("made", made.isoformat()),
                       ("data_date", data_date)):
        hidden.append([key, value])
    # lists for the drop-downs (a list of more than 255 characters cannot be written into the rule itself)
    lists = {}
    column_at = 3
    for name in ("site_status", "craft", "activity_kind", "activity_status", "remove"):
        words_ = list(choices(name).values())
        letter = get_column_letter(column_at)
        for r, word in enumerate(words_, start=1):
            hidden.cell(row=r, column=column_at, value=word)
        lists[name] = f"'{FORM['hidden_sheet']}'!${letter}$1:${letter}${len(words_)}"
        column_at += 1
    locked_fill = PatternFill("solid", fgColor="E8EAED")
    header_fill = PatternFill("solid", fgColor="D6E4F0")
    for spec in FORM["sheets"]:
        sheet = book.create_sheet(spec["name"], index=len(book.sheetnames) - 1)
        columns = spec["columns"]
        sheet["A1"] = spec["title"].format(**words)
        sheet["A1"].font = Font(bold=True, size=13)
        sheet["A2"] = spec["what"]
        sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(columns))
        sheet.row_dimensions[2].height = 48
        header = 3
        for c, column in enumerate(columns, start=1):
            cell = sheet.cell(row=header, column=c, value=column["heading"])
            cell.font, cell.fill = Font(bold=True), header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            sheet.column_dimensions[get_column_letter(c)].width = column.get("width", 16)
        frame = sent[spec["table"]]
        for r, record in enumerate(frame.to_dict("records"), start=header + 1):
            for c, column in enumerate(columns, start=1):
                if column["field"] in record:
                    sheet.cell(row=r, column=c, value=_shown(column, record[column["field"]]))
            hidden.append([f"{spec['table']}:{record[ID[spec['table']]]}",
                           json.dumps({k: _plain(v) for k, v in record.items()}, ensure_ascii=False)])
        last = header + len(frame) + int(FORM["blank_rows"])
        for c, column in enumerate(columns, start=1):
            letter = get_column_letter(c)
            for r in range(header + 1, last + 1):
                cell = sheet.cell(row=r, column=c)
                cell.protection = Protection(locked=bool(column.get("locked")))
                if column.get("locked"):
                    cell.fill = locked_fill
                if column.get("kind") in ("number", "whole"):
                    cell.number_format = "#,##0.##" if column["kind"] == "number" else "#,##0"
            if column.get("choices"):
                rule = DataValidation(type="list", formula1=lists[column["choices"]], allow_blank=True,
                                      showErrorMessage=True, errorTitle=column["heading"],
                                      error=FORM["checks"]["choice"])
                rule.add(f"{letter}{header + 1}:{letter}{last}")
                sheet.add_data_validation(rule)
            elif column.get("kind") == "year":
                rule = DataValidation(type="whole", operator="between", formula1="1900", formula2="2100",
                                      allow_blank=True, showErrorMessage=True, errorTitle=column["heading"],
                                      error=FORM["checks"]["year"])
                rule.add(f"{letter}{header + 1}:{letter}{last}")
                sheet.add_data_validation(rule)
            elif column.get("kind") in ("number", "whole"):
                rule = DataValidation(type="decimal" if column["kind"] == "number" else "whole",
                                      operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                      showErrorMessage=True, errorTitle=column["heading"],
                                      error=FORM["checks"]["number"])
                rule.add(f"{letter}{header + 1}:{letter}{last}")
                sheet.add_data_validation(rule)
        sheet.freeze_panes = sheet.cell(row=header + 1, column=2)
        # the id column is locked; every other cell of the list can be changed, rows and columns formatted
        sheet.protection.sheet = True
        sheet.protection.formatColumns = sheet.protection.formatRows = sheet.protection.formatCells = False
        sheet.protection.sort = sheet.protection.autoFilter = False
    hidden.sheet_state = "veryHidden"
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_all(con: duckdb.DuckDBPyConnection, period: Period, out: Path, *, data_date: str = "",
             progress=None) -> tuple[list[Path], Path]:
    """The 126 workbooks of a period in `out`, and a zip of them all."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    made = []
    every = communes(con)
    for i, commune in enumerate(every):
        path = out / file_name(commune.code, commune.name, period)
        path.write_bytes(workbook(con, commune, period, data_date=data_date))
        made.append(path)
        if progress:
            progress((i + 1) / len(every), commune.name)
    archive = out / f"bao-cao-xa-phuong-{period.code}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for path in made:
            z.write(path, path.name)
    return made, archive


# --- reading a returned workbook ----------------------------------------------------------------------------------

@dataclass
class Row:
    table: str
    sheet: str
    row: int  # as the commune sees it in its sheet
    record_id: str | None  # None: a record the commune added
    fields: dict  # field → value read (codes for drop-downs, numbers as numbers)
    remove: bool = False
    comment: str = ""


@dataclass
class Return:
    file: str
    sha256: str
    commune: str | None = None  # its code, from the hidden sheet
    commune_name: str = ""
    period: str | None = None
    made: str = ""
    rows: list[Row] = field(default_factory=list)
    sent: dict[tuple[str, str], dict] = field(default_factory=dict)  # (table, id) → the record as sent
    problems: list[Problem] = field(default_factory=list)


def _key(text) -> str:
    return fold(unicodedata.normalize("NFC", str(text or ""))).strip()


def _code_of(column: dict, text: str):
    """The code a drop-down word stands for (its own words, or the code itself), else None."""
    words = choices(column["choices"])
    wanted = _key(text)
    for code, word in words.items():
        if _key(word) == wanted or _key(code) == wanted:
            return code
    return None


def _value(ret: Return, sheet: str, r: int, c: int, column: dict, raw):
    """A cell read as its column says, or a problem said in the commune's terms (None then)."""
    text = str(raw).strip() if raw not in (None, "") else ""
    if not text:
        return None
    letter = layouts.column_letter(c)
    where = {"sheet": sheet, "row": r, "column": f"{letter} ({column['heading']})", "value": text}
    if column.get("choices"):
        code = _code_of(column, text)
        if code is None:
            ret.problems.append(Problem(ret.file, "return_choice", params={"choices": ", ".join(
                choices(column["choices"]).values())}, **where))
        return code
    kind = column.get("kind")
    if kind in ("number", "whole", "year"):
        try:
            number = raw if isinstance(raw, int | float) and not isinstance(raw, bool) else values.number(text)
        except values.Unreadable:
            number = None
        if number is None or number < 0 or (kind != "number" and float(number) != int(number)) or (
                kind == "year" and not 1900 <= number <= 2100):
            ret.problems.append(Problem(ret.file, f"return_{kind}", **where))
            return None
        return int(number) if kind != "number" or float(number).is_integer() else float(number)
    return unicodedata.normalize("NFC", text)


def read(name: str, data: bytes) -> Return:
    """A returned workbook (.xlsx or .ods), as what it says; its problems in the commune's terms."""
    import hashlib

    name = Path(unicodedata.normalize("NFC", name)).name
    ret = Return(name, hashlib.sha256(data).hexdigest())
    found, problems = layouts.grids(name, data)
    if problems:
        ret.problems.extend(problems)
        return ret
    sheets = {sheet: grid for sheet, grid, _merged, _encoding in found}
    hidden = sheets.get(FORM["hidden_sheet"])
    if hidden is None:
        ret.problems.append(Problem(name, "return_no_form"))
        return ret
    info = {}
    for row in hidden:
        if len(row) >= 2 and isinstance(row[0], str) and row[0]:
            if ":" in row[0] and row[0].split(":", 1)[0] in TABLES:
                table, record_id = row[0].split(":", 1)
                try:
                    sent = json.loads(row[1]) if isinstance(row[1], str) else None
                except json.JSONDecodeError:
                    sent = None
                if not isinstance(sent, dict):  # the hidden sheet was edited: whose return it is cannot be told
                    ret.problems.append(Problem(name, "return_no_form"))
                    return ret
                ret.sent[(table, record_id)] = sent
            else:
                info[row[0]] = row[1]
    code, period = str(info.get("commune_code") or ""), str(info.get("period") or "")
    try:
        period = Period.parse(period).code
    except ValueError:
        period = ""
    # the hidden sheet names a commune by its five digits and a period as written: anything else is not its form
    # (and never names a folder or a file: the returned file is kept under the commune's code and the period)
    if info.get("form") != FORM["form"] or not re.fullmatch(r"\d{5}", code) or not period:
        ret.problems.append(Problem(name, "return_no_form"))
        return ret
    ret.commune, ret.commune_name = code, str(info.get("commune") or "")[:100]
    ret.period, ret.made = period, str(info.get("made") or "")[:30]
    named = FILE_NAME.match(name)
    if named and named.group(1) != ret.commune:
        ret.problems.append(Problem(name, "return_other_commune", params={"named": named.group(1),
                                                                         "commune": ret.commune_name}))
    for spec in FORM["sheets"]:
        grid = sheets.get(spec["name"])
        if grid is None:
            ret.problems.append(Problem(name, "return_sheet_missing", sheet=spec["name"]))
            continue
        _read_sheet(ret, spec, grid)
    return ret


def _read_sheet(ret: Return, spec: dict, grid: list[list]) -> None:
    columns = spec["columns"]
    wanted = {_key(c["heading"]): c for c in columns}
    header, at = None, {}
    for r, row in enumerate(grid[:10]):
        found = {c: wanted[_key(v)] for c, v in enumerate(row) if _key(v) in wanted}
        if len(found) >= len(columns) // 2 + 1:
            header, at = r, found
            break
    if header is None:
        ret.problems.append(Problem(ret.file, "return_no_header", sheet=spec["name"]))
        return
    for column in columns:
        if column not in at.values():
            ret.problems.append(Problem(ret.file, "return_column_missing", sheet=spec["name"],
                                        column=column["heading"]))
    id_field = ID[spec["table"]]
    for r in range(header + 1, len(grid)):
        row = grid[r]
        cells = {column["field"]: (c, row[c] if c < len(row) else None) for c, column in at.items()}
        if all(v in (None, "") for _c, v in cells.values()):
            continue
        shown_row = r + 1
        fields, record_id, remove, comment = {}, None, False, ""
        for column in columns:
            if column["field"] not in cells:
                continue
            c, raw = cells[column["field"]]
            if column["field"] == id_field:
                record_id = str(raw).strip() or None if raw not in (None, "") else None
            elif column["field"] == "remove":
                remove = _value(ret, spec["name"], shown_row, c, column, raw) == "remove"
            elif column["field"] == "comment":
                comment = str(raw or "").strip()
            elif column["field"] not in KEPT:
                fields[column["field"]] = _value(ret, spec["name"], shown_row, c, column, raw)
        if record_id is None and not remove:
            for column in columns:
                if column.get("required") and fields.get(column["field"]) is None and column["field"] in cells:
                    c = cells[column["field"]][0]
                    ret.problems.append(Problem(ret.file, "return_required", sheet=spec["name"], row=shown_row,
                                                column=f"{layouts.column_letter(c)} ({column['heading']})"))
        if record_id is not None and (spec["table"], record_id) not in ret.sent:
            ret.problems.append(Problem(ret.file, "return_unknown_id", sheet=spec["name"], row=shown_row,
                                        column=f"{layouts.column_letter(cells[id_field][0])} "
                                               f"({_sheet(spec['table'])['columns'][0]['heading']})",
                                        value=record_id))
        ret.rows.append(Row(spec["table"], spec["name"], shown_row, record_id, fields, remove, comment))


# --- what a return changes ---------------------------------------------------------------------------------------

@dataclass
class Change:
    table: str
    kind: str  # added | changed | removed
    record_id: str | None
    name: str
    sheet: str
    row: int | None
    fields: dict = field(default_factory=dict)  # field → (sent, returned); a new record: field → value
    comment: str = ""


def _same(a, b) -> bool:
    a, b = _plain(a), _plain(b)
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 1e-9
    if isinstance(a, str) and isinstance(b, str):
        return unicodedata.normalize("NFC", a).strip() == unicodedata.normalize("NFC", b).strip()
    return a == b


def changes_of(ret: Return) -> list[Change]:
    """What the commune changed in what it was sent: records added, fields changed (sent → returned) and records
    removed (marked "Xóa", or their row deleted)."""
    out: list[Change] = []
    seen = set()
    for row in ret.rows:
        name = row.fields.get("name_vi") or row.fields.get("title_vi") or ""
        if row.record_id is None:
            if not row.remove:
                out.append(Change(row.table, "added", None, name, row.sheet, row.row,
                                  {k: v for k, v in row.fields.items() if v is not None}, row.comment))
            continue
        key = (row.table, row.record_id)
        if key not in ret.sent or key in seen:
            continue
        seen.add(key)
        sent = ret.sent[key]
        name = sent.get("name_vi") or sent.get("title_vi") or name
        if row.remove:
            out.append(Change(row.table, "removed", row.record_id, name, row.sheet, row.row, comment=row.comment))
            continue
        moved = {k: (sent.get(k), v) for k, v in row.fields.items() if k in sent and not _same(sent.get(k), v)}
        if moved:
            out.append(Change(row.table, "changed", row.record_id, name, row.sheet, row.row, moved, row.comment))
    for (table, record_id), sent in ret.sent.items():
        if (table, record_id) not in seen:
            out.append(Change(table, "removed", record_id, sent.get("name_vi") or sent.get("title_vi") or "",
                              _sheet(table)["name"], None))
    return out


def still_to_make(ret: Return, con: duckdb.DuckDBPyConnection) -> list[Change]:
    """The changes of a return that the database does not hold yet (a return taken in once already, or a figure
    the department corrected in the meantime, changes nothing more)."""
    if not ret.commune or not ret.period:
        return changes_of(ret)
    now = sent_records(con, ret.commune, Period.parse(ret.period))
    current = {t: {str(r[ID[t]]): r for r in frame.to_dict("records")} for t, frame in now.items()}
    names = {t: {_key(r.get("name_vi") or r.get("title_vi")) for r in rows.values()} for t, rows in current.items()}
    out = []
    for change in changes_of(ret):
        record = current[change.table].get(change.record_id or "")
        if change.kind == "removed" and record is None:
            continue
        if change.kind == "added" and _key(change.fields.get("name_vi") or change.fields.get("title_vi")) in names[
                change.table]:
            continue
        if change.kind == "changed" and record is not None:
            left = {k: v for k, v in change.fields.items() if not _same(record.get(k), v[1])}
            if not left:
                continue
            change.fields = left
        out.append(change)
    return out


def check_against(ret: Return, con: duckdb.DuckDBPyConnection) -> None:
    """What the live database says of a return: a record it names must be its commune's (one of another commune's
    records, a row copied from another commune's workbook, is a problem said with the commune it belongs to); and a
    record it removes must be one nothing else points to (a cluster with a plant, measurements or enterprises; a
    village with activities)."""
    owner = {(t, i): c for t, i, c in queries.rows(con, "returns/owners_of")}
    names = {r[0]: r[2] for r in queries.rows(con, "returns/communes")}
    if ret.commune not in names:  # five digits, but no commune's: not a form the department sent
        ret.problems.append(Problem(ret.file, "return_no_form"))
        ret.commune = None
        return
    ret.commune_name = names[ret.commune]  # the commune's name as the database has it, not as the sheet says
    for row in ret.rows:
        belongs = owner.get((row.table, row.record_id)) if row.record_id else None
        if belongs and belongs != ret.commune:  # said instead of "an id not sent": whose record it is
            ret.problems = [p for p in ret.problems if not (p.code == "return_unknown_id" and p.sheet == row.sheet
                                                            and p.row == row.row)]
            ret.problems.append(Problem(ret.file, "return_record_of_other", sheet=row.sheet, row=row.row,
                                        value=row.record_id,
                                        params={"owner": names.get(belongs, belongs), "commune": ret.commune_name}))
    pointed: dict[tuple[str, str], list[str]] = {}
    for table, record_id, by_table in queries.rows(con, "returns/referenced"):
        pointed.setdefault((table, record_id), []).append(by_table)
    for change in changes_of(ret):
        by = pointed.get((change.table, change.record_id or ""))
        if change.kind == "removed" and by:
            ret.problems.append(Problem(ret.file, "return_remove_referenced", sheet=change.sheet, row=change.row,
                                        value=change.record_id,
                                        params={"name": change.name} | {
                                            f"by_{lang}": ", ".join(Translator(lang)(f"returns.referrer_{b}") for b in by)
                                            for lang in ("en", "vi")}))


# --- applying accepted returns ------------------------------------------------------------------------------------

def _new_id(table: str, commune: str, period: Period, taken: set[str]) -> str:
    prefix = {"sites": "CCN", "craft_villages": "LN", "promotion_activities": "KC"}[table]
    n = 1
    while f"{prefix}-{commune}-{period.code}-{n:02d}" in taken:
        n += 1
    made = f"{prefix}-{commune}-{period.code}-{n:02d}"
    taken.add(made)
    return made


def applied(con: duckdb.DuckDBPyConnection, accepted: list[tuple[Return, list[Change]]]) -> dict[str, pd.DataFrame]:
    """The three tables as they are once the accepted returns' changes are made (every other record as it is)."""
    tables = {t: con.table(t).df() for t in TABLES}
    coords = {r[0]: (r[1], r[2]) for r in queries.rows(con, "returns/commune_points")}
    for ret, changes in accepted:
        period = Period.parse(ret.period)
        for change in changes:
            frame = tables[change.table]
            id_field = ID[change.table]
            if change.kind == "removed":
                tables[change.table] = frame[frame[id_field] != change.record_id]
            elif change.kind == "changed":
                at = frame.index[frame[id_field] == change.record_id]
                for name, (_sent, value) in change.fields.items():
                    frame[name] = frame[name].astype(object)
                    frame.loc[at, name] = value
            else:
                name_field = "title_vi" if change.table == "promotion_activities" else "name_vi"
                mine = frame[frame["commune_code"] == ret.commune][name_field].map(_key)
                if _key(change.fields.get(name_field)) in set(mine):  # taken in already (the same return again)
                    continue
                record = {c: None for c in frame.columns}
                record.update(change.fields)
                record[id_field] = change.record_id = _new_id(change.table, ret.commune, period,
                                                              set(frame[id_field].astype(str)))
                record["commune_code"] = ret.commune
                lon, lat = coords[ret.commune]
                source = FORM["records"]["source"].format(commune=ret.commune_name, period=period.label)
                extra = {"lon": lon, "lat": lat, "location_precision": "commune", "is_demo": False,
                         "source": source}
                english = unaccented(change.fields.get("name_vi") or change.fields.get("title_vi") or "")
                if change.table == "sites":
                    extra |= {"kind": "cluster", "name_en": english}
                elif change.table == "craft_villages":
                    extra |= {"craft_vi": choices("craft").get(change.fields.get("craft"), None), "name_en": english}
                else:
                    extra = {"is_demo": False, "source": source, "year": period.year, "title_en": english,
                             "programme": programme_of(period.year)}
                record.update({k: v for k, v in extra.items() if k in frame.columns})
                tables[change.table] = pd.concat([frame, pd.DataFrame([record])], ignore_index=True)
    # as the builder takes records: a missing value None, whatever pandas made of it
    return {t: f.reset_index(drop=True).astype(object).where(f.reset_index(drop=True).notna(), None)
            for t, f in tables.items()}


# --- the board of a period ----------------------------------------------------------------------------------------

STATUSES = ("not_returned", "problems", "no_change", "pending", "accepted", "set_aside")


def board(every: list[Commune], register: list[dict], period: Period) -> pd.DataFrame:
    """Every commune with where its return for `period` stands (the latest return stands; the register is the
    returns log, oldest first)."""
    latest: dict[str, dict] = {}
    for entry in register:
        if entry.get("period") == period.code:
            latest[entry["commune"]] = entry
    rows = []
    for commune in every:
        entry = latest.get(commune.code)
        rows.append({
            "code": commune.code, "commune": commune.name,
            "status": entry["status"] if entry else "not_returned",
            "received": entry.get("at", "") if entry else "",
            "file": entry.get("file", "") if entry else "",
            "added": entry.get("added", 0) if entry else 0,
            "changed": entry.get("changed", 0) if entry else 0,
            "removed": entry.get("removed", 0) if entry else 0,
            "problems": entry.get("problems", 0) if entry else 0,
            "returns": sum(1 for e in register if e.get("period") == period.code and e["commune"] == commune.code
                           and e.get("action") == "received"),
        })
    return pd.DataFrame(rows)


def status_of(ret: Return, changes: list[Change]) -> str:
    if ret.problems:
        return "problems"
    return "pending" if changes else "no_change"


def describe(change: Change, tr: Translator) -> str:
    """One line of what a return changes, in the reader's language."""
    def word(name, value):
        column = next((c for s in FORM["sheets"] for c in s["columns"] if c["field"] == name), {"field": name})
        shown = _shown(column, value)
        if isinstance(shown, int | float) and not isinstance(shown, bool):
            digits = 0 if float(shown).is_integer() else min(2, len(repr(float(shown)).split(".")[1]))
            return formats.number(shown, tr.lang, digits)
        return "–" if shown is None else str(shown)

    def heading(name):
        return next((c["heading"] for s in FORM["sheets"] for c in s["columns"] if c["field"] == name), name)

    if change.kind == "changed":
        parts = "; ".join(f"{heading(k)}: {word(k, a)} → {word(k, b)}" for k, (a, b) in change.fields.items())
        return tr("returns.line_changed", sheet=change.sheet, name=change.name, fields=parts)
    if change.kind == "added":
        parts = "; ".join(f"{heading(k)}: {word(k, v)}" for k, v in change.fields.items() if k not in ("name_vi",
                                                                                                     "title_vi"))
        return tr("returns.line_added", sheet=change.sheet, name=change.name, fields=parts)
    return tr("returns.line_removed", sheet=change.sheet, name=change.name)


# --- the register of a period's returns ---------------------------------------------------------------------------

REGISTER_NAME = "returns_log.jsonl"  # beside the import log, in the live database's versions folder


@dataclass
class Received:
    ret: Return
    changes: list[Change]
    status: str
    earlier: dict | None = None  # the return this one replaces (same commune and period)


class Register:
    """The returns received, accepted and set aside, one line each, oldest first; and the returned files, kept."""

    def __init__(self, live: Path):
        self.store = Store(live)
        self.path = self.store.dir / REGISTER_NAME
        self.files = self.store.dir / "returns"

    def entries(self) -> list[dict]:
        return read_lines(self.path)

    def lock(self):
        """One taking-in or acceptance of returns at a time, across processes (imports have their own lock)."""
        return self.store.lock(".returns.lock")

    def log(self, entry: dict) -> None:
        append_line(self.path, entry)

    def received(self, commune: str, period: str) -> dict | None:
        """The return that stands for a commune and period: the latest received."""
        found = [e for e in self.entries() if e.get("commune") == commune and e.get("period") == period
                 and e.get("action") == "received"]
        return found[-1] if found else None

    def kept_file(self, entry: dict) -> tuple[str, bytes]:
        return entry["file"], (self.store.dir / entry["kept"]).read_bytes()


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def receive(files: list[tuple[str, bytes]], live: Path, who: str) -> list[Received]:
    """Read each returned workbook, check it against the live database and record it as received: its commune,
    period, problems and what it would change. Nothing in the database changes (see :func:`accept`)."""
    register = Register(live)
    out = []
    with register.lock(), duckdb.connect(str(register.store.current()), read_only=True) as con:
        for name, data in files:
            ret = read(name, data)
            if ret.commune:
                check_against(ret, con)
            changes = still_to_make(ret, con) if ret.commune and not any(
                p.code in ("return_no_form", "return_sheet_missing") for p in ret.problems) else []
            status = status_of(ret, changes) if ret.commune else "unrecognised"
            earlier = register.received(ret.commune, ret.period) if ret.commune else None
            folder = register.files / (ret.period or "unrecognised")
            folder.mkdir(parents=True, exist_ok=True)
            suffix = Path(ret.file).suffix.lower() if Path(ret.file).suffix.lower() in (".xlsx", ".xlsm", ".ods") \
                else ".bin"
            kept = folder / f"{ret.commune or 'unknown'}-{ret.sha256[:12]}{suffix}"
            kept.write_bytes(data)
            register.log({
                "at": _now(), "who": who, "action": "received", "status": status, "file": ret.file,
                "sha256": ret.sha256, "kept": str(kept.relative_to(register.store.dir)), "commune": ret.commune,
                "commune_name": ret.commune_name, "period": ret.period, "made": ret.made,
                "added": sum(c.kind == "added" for c in changes), "changed": sum(c.kind == "changed" for c in changes),
                "removed": sum(c.kind == "removed" for c in changes), "problems": len(ret.problems),
                "replaces": earlier.get("at") if earlier else None,
            })
            out.append(Received(ret, changes, status, earlier))
    return out


class NotAcceptable(ValueError):
    """A commune's return that cannot be accepted (none received, or one with problems), said plainly."""


def accept(communes: list[str], period: str, live: Path, who: str, sink=None):
    """Make the changes of the communes' standing returns for `period`, all of one commune or none of it, in one
    new version of the database; each commune's acceptance is logged with the version it went into."""
    register = Register(live)
    with register.lock():
        taken, files = [], []
        with duckdb.connect(str(register.store.current()), read_only=True) as con:
            for code in communes:
                entry = register.received(code, period)
                if entry is None:
                    raise NotAcceptable(f"no return received from {code} for {period}")
                name, data = register.kept_file(entry)
                ret = read(name, data)
                check_against(ret, con)
                if ret.problems:
                    raise NotAcceptable(f"the return of {ret.commune_name} has {len(ret.problems)} problems")
                taken.append((ret, still_to_make(ret, con)))
                files.append((name, data))
            tables = applied(con, taken)
        note = {"returns": [{"commune": r.commune, "commune_name": r.commune_name, "period": r.period, "file": r.file}
                            for r, _c in taken]}
        sources = [{"table_name": c.table, "record_id": c.record_id, "file": r.file, "sheet": c.sheet, "row": c.row,
                    "reported_by": r.commune, "period": r.period}
                   for r, changes in taken for c in changes if c.kind in ("added", "changed") and c.record_id]
        outcome = install(tables, live, who, "return", files, note, sink, sources)
        if outcome.ok:
            for ret, changes in taken:
                register.log({"at": _now(), "who": who, "action": "accepted", "status": "accepted",
                               "commune": ret.commune, "commune_name": ret.commune_name, "period": ret.period,
                               "file": ret.file, "version": outcome.version,
                               "added": sum(c.kind == "added" for c in changes),
                               "changed": sum(c.kind == "changed" for c in changes),
                               "removed": sum(c.kind == "removed" for c in changes), "problems": 0})
        return outcome


def set_aside(commune: str, period: str, live: Path, who: str, why: str = "") -> None:
    """Leave a commune's standing return unapplied, saying why (it stays in the register, and can be taken again)."""
    register = Register(live)
    with register.lock():
        entry = register.received(commune, period)
        if entry is None:
            raise NotAcceptable(f"no return received from {commune} for {period}")
        register.log({"at": _now(), "who": who, "action": "set_aside", "status": "set_aside", "commune": commune,
                       "commune_name": entry.get("commune_name", ""), "period": period, "file": entry.get("file"),
                       "why": why[:500]})


# --- the command line ---------------------------------------------------------------------------------------------

def _print_received(item: Received, tr: Translator) -> None:
    ret = item.ret
    who = ret.commune_name or ret.file
    print(f"{ret.file}: {tr(f'returns.status_{item.status}')} — {who}, {ret.period or '–'}")
    if item.earlier:
        print("  " + tr("returns.replaces", at=item.earlier.get("at", "")))
    for problem in ret.problems:
        print("  " + problem.line(tr))
    for change in item.changes:
        print("  " + describe(change, tr))
    if not ret.problems and not item.changes:
        print("  " + tr("returns.no_change"))


def programme_of(year: int) -> str:
    """The promotion programme whose years cover `year` (return_form.toml); before the first, the first; after the
    last, the last."""
    spans = sorted(FORM["records"]["programmes"].items(), key=lambda item: item[1][0])
    for name, (first, last) in spans:
        if first <= year <= last:
            return name
    return spans[0][0] if year < spans[0][1][0] else spans[-1][0]


def main(argv: list[str] | None = None) -> int:
    import argparse

    from ..data import db as dbmod

    parser = argparse.ArgumentParser(prog="python -m industry.returns",
                                     description="The communes' return workbooks: make them, take them back.")
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("make", help="write the 126 return workbooks of a period, and a zip of them")
    make.add_argument("--period", required=True, help="2026-H1, 2026-H2, 2026-Q3 or 2026")
    make.add_argument("--out", type=Path, required=True)
    make.add_argument("--db", type=Path, default=None)
    make.add_argument("--lang", choices=("vi", "en"), default="vi")
    take = sub.add_parser("take", help="read returned workbooks: whose, for which period, what they change")
    take.add_argument("files", type=Path, nargs="+")
    take.add_argument("--db", type=Path, default=None, help="the live database (default: the dashboard's)")
    take.add_argument("--accept", action="store_true", help="then accept every return without problems")
    take.add_argument("--who", default=None)
    take.add_argument("--lang", choices=("vi", "en"), default="vi")
    board_ = sub.add_parser("board", help="where each commune's return for a period stands")
    board_.add_argument("--period", required=True)
    board_.add_argument("--db", type=Path, default=None)
    board_.add_argument("--lang", choices=("vi", "en"), default="vi")
    args = parser.parse_args(argv)
    try:
        period = Period.parse(args.period) if getattr(args, "period", None) else None
    except ValueError as exc:
        parser.error(str(exc))
    live = Path(args.db).absolute() if args.db else live_path()
    try:
        return _run(args, period, live)
    except dbmod.DatabaseError as exc:
        print(exc, file=sys.stderr)
        return 2


def _run(args, period: Period | None, live: Path) -> int:
    import getpass

    from ..data import db as dbmod

    tr = Translator(args.lang)
    if args.command == "make":
        path = dbmod.ensure(live)
        with duckdb.connect(str(path), read_only=True) as con:
            info = dict(queries.rows(con, "app/dataset_info"))
            made, archive = make_all(con, period, args.out, data_date=info.get("data_date", ""))
        print(tr("returns.cli_made", n=len(made), period=tr(f"period.{period.part}", year=period.year),
                 folder=args.out, archive=archive))
        return 0
    if args.command == "board":
        with duckdb.connect(str(dbmod.ensure(live)), read_only=True) as con:
            table = board(communes(con), Register(live).entries(), period)
        for status, count in table["status"].value_counts().items():
            print(f"{tr(f'returns.status_{status}')}: {count}")
        return 0
    dbmod.ensure(live)
    missing = [str(p) for p in args.files if not p.is_file()]
    if missing:
        print(tr("returns.cli_missing", files=", ".join(missing)), file=sys.stderr)
        return 2
    who = args.who or getpass.getuser()
    items = receive([(p.name, p.read_bytes()) for p in args.files], live, who)
    for item in items:
        _print_received(item, tr)
    if args.accept:
        ready = sorted({i.ret.commune for i in items if i.status == "pending"})
        if ready:
            by_period = {}
            for item in items:
                if item.ret.commune in ready:
                    by_period.setdefault(item.ret.period, set()).add(item.ret.commune)
            for code, codes in by_period.items():
                outcome = accept(sorted(codes), code, live, who)
                if not outcome.ok:
                    for problem in outcome.problems:
                        print(problem.line(tr), file=sys.stderr)
                    return 1
                said = Period.parse(code)
                print(tr("returns.cli_accepted", n=len(codes), period=tr(f"period.{said.part}", year=said.year),
                         version=outcome.version))
    return 1 if any(i.ret.problems for i in items) else 0
