"""Readers' reports of a wrong figure ("Báo sai số liệu"), kept beside the live database.

SQLite from Python's standard library, in write-ahead-log mode, so that every process of ``industry.serve`` can write
at once; one file per live database (in its versions folder). A report says which page, filters, figure or record it
is about, what is wrong, the right value and its source if the reader knows them, and a contact if the reader wishes.
Its text is kept exactly as typed (Unicode NFC, control characters dropped, lengths bounded): nothing in it is ever
read as markup (the CSV of the reports is written by :func:`industry.files.downloads.csv_bytes`, which defuses
formulas). A browser may send a few reports in a few minutes (:data:`RATE`); administrators move each report through
``new → checking → corrected`` (with the import that corrected it) or ``not_error`` (with why), each change logged
with who and when.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import queries

FILE_NAME = "error_reports.sqlite"
STATUSES = ("new", "checking", "corrected", "not_error")
OPEN = ("new", "checking")
RATE = (5, 600)  # at most 5 reports from one browser in 600 seconds
LIMITS = {"what": 100_000, "right_value": 2_000, "source": 2_000, "contact": 300, "about": 500, "page": 100,
          "filters": 1_000, "record_id": 100, "dataset": 50, "note": 2_000}




class RateLimited(RuntimeError):
    """Too many reports from one browser in a short time."""


class Unknown(KeyError):
    """No report of that number."""


@dataclass
class Report:
    page: str
    filters: str
    about: str
    what: str
    record_id: str | None = None
    dataset: str | None = None
    right_value: str = ""
    source: str = ""
    contact: str = ""


def path_beside(live: Path) -> Path:
    live = Path(live).absolute()
    return live.with_name(live.name + ".versions") / FILE_NAME


def clean(text: str | None, field: str) -> str:
    """The text as typed: NFC, without control characters (line breaks and tabs kept), at most its field's length."""
    text = unicodedata.normalize("NFC", str(text or ""))
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return text.strip()[:LIMITS[field]]


@contextlib.contextmanager
def connect(live: Path):
    path = path_beside(live)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        con.execute("pragma journal_mode=wal")
        con.execute("pragma busy_timeout=30000")
        con.executescript(queries.sql("error_reports/create"))
        yield con
    finally:
        con.close()


def _log(con, number: int, who: str, old: str | None, new: str, note: str | None) -> None:
    con.execute(queries.sql("error_reports/log"), {"report_id": number, "at": _now(), "who": who, "old_status": old,
                                                   "new_status": new, "note": note})


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def add(live: Path, report: Report, client: str, now: dt.datetime | None = None) -> int:
    """Keep a reader's report; its number. Refused (:class:`RateLimited`) past :data:`RATE` from one browser."""
    what = clean(report.what, "what")
    if not what:
        raise ValueError("a report says what is wrong")
    now = now or dt.datetime.now(dt.UTC)
    since = (now - dt.timedelta(seconds=RATE[1])).replace(microsecond=0).isoformat()
    with connect(live) as con:
        con.execute("begin immediate")
        try:
            recent = con.execute(queries.sql("error_reports/recent"), {"client": client, "since": since}).fetchone()[0]
            if recent >= RATE[0]:
                raise RateLimited(client)
            cursor = con.execute(queries.sql("error_reports/insert"), {
                "created_at": now.replace(microsecond=0).isoformat(), "page": clean(report.page, "page"),
                "filters": clean(report.filters, "filters"), "about": clean(report.about, "about"),
                "record_id": clean(report.record_id, "record_id") or None,
                "dataset": clean(report.dataset, "dataset") or None, "what": what,
                "right_value": clean(report.right_value, "right_value"), "source": clean(report.source, "source"),
                "contact": clean(report.contact, "contact"), "client": client[:100]})
            number = cursor.lastrowid
            _log(con, number, "reader", None, "new", None)
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    return number


def set_status(live: Path, number: int, status: str, who: str, note: str = "", corrected_by: str | None = None) -> None:
    """Move a report to `status`, logged with who and when; "corrected" names the import (its version) that
    corrected it, "not_error" says why."""
    if status not in STATUSES:
        raise ValueError(status)
    with connect(live) as con:
        con.execute("begin immediate")
        try:
            row = con.execute(queries.sql("error_reports/status_of"), {"id": number}).fetchone()
            if row is None:
                raise Unknown(number)
            con.execute(queries.sql("error_reports/set_status"), {"status": status, "corrected_by": corrected_by,
                                                                   "note": clean(note, "note"), "id": number})
            _log(con, number, clean(who, "contact"), row[0], status, clean(note, "note"))
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise


def rows(live: Path) -> list[dict]:
    """Every report, newest first."""
    if not path_beside(live).is_file():
        return []
    with connect(live) as con:
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute(queries.sql("error_reports/every"))]


def history(live: Path, number: int) -> list[dict]:
    if not path_beside(live).is_file():
        return []
    with connect(live) as con:
        con.row_factory = sqlite3.Row
        return [dict(r) for r in con.execute(queries.sql("error_reports/history"), {"id": number})]


def open_counts(live: Path) -> dict[str, int]:
    """Reports still open (new or being checked), by dataset."""
    if not path_beside(live).is_file():
        return {}
    with connect(live) as con:
        return {d or "": n for d, n in con.execute(queries.sql("error_reports/open_counts"))}
