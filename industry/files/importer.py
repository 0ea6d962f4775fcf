"""Importing the department's files: all or nothing, beside the live database, with a log and a way back.

    python -m industry.importer FILE_OR_FOLDER... [--db PATH] [--who NAME] [--check] [--lang vi]
    python -m industry.importer --rollback [--db PATH] [--who NAME]
    python -m industry.importer --history [--db PATH]

An import reads the files (:mod:`industry.sheets`), checks them (:mod:`industry.validation`)
and, only when nothing is wrong, builds a complete new database with the project's builder:
the tables given replace the same tables, the others are kept from the live database, and
the derived tables are recomputed. The new file is written into ``<db>.versions/`` and the
live path, a symbolic link, is switched to it in one atomic rename. People viewing the
dashboard keep their open connection to the old file and see the new data on their next
rerun. Every attempt, accepted or refused, is appended to ``<db>.versions/import_log.jsonl``
(when, who, each file's name, size and SHA-256, rows per table, outcome). ``--rollback``
switches back to the version that was live before.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import getpass
import hashlib
import io
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from .. import __version__
from ..core import formats, paths
from ..core.i18n import Translator
from ..data import build, db, geo, queries
from ..data.reference import Reference
from . import changes, department, headers, layouts, sheets, templates, validation
from .problems import Problem

KEEP_VERSIONS = 5  # older version files are deleted (never the live one or the one before it)
LOG_NAME = "import_log.jsonl"
MAPPINGS_NAME = "mappings.json"  # the confirmed mappings of the department's own sheets, applied to the next file


def mappings_json(records: list[dict]) -> str:
    """Mappings as the file the Import page offers and ``--mapping`` reads."""
    return json.dumps({"version": 1, "sheets": records}, ensure_ascii=False, indent=1)


def load_mappings(data: bytes | str) -> list[dict]:
    """The sheets' mappings of a saved mapping file; ValueError when it is not one."""
    try:
        found = json.loads(data)
    except json.JSONDecodeError as exc:
        raise ValueError(str(exc)) from None
    if not isinstance(found, dict) or not isinstance(found.get("sheets"), list):
        raise ValueError("not a mapping file: no 'sheets' list")
    return [e for e in found["sheets"] if isinstance(e, dict) and "fingerprint" in e]


class ImportRefused(RuntimeError):
    """The import changed nothing; `problems` says why."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class Outcome:
    ok: bool
    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # rows per table of the new database
    replaced: list[str] = field(default_factory=list)  # tables the files give records of (added or updated)
    whole: list[str] = field(default_factory=list)  # of which replaced entirely, as the reader chose
    kept: list[str] = field(default_factory=list)  # tables kept from the live database
    skipped: list[str] = field(default_factory=list)  # tables whose file or sheet had no rows
    version: str | None = None
    seconds: float = 0.0
    problem_count: int = 0


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- reading and checking ----------------------------------------------------------------------------


def files_in(paths_: Iterable[Path]) -> list[tuple[str, bytes]]:
    """(name, bytes) of the given files and of the CSV/workbook files directly inside given folders."""
    out = []
    for path in map(Path, paths_):
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if sheets.is_data_file(child):
                    out.append((child.name, child.read_bytes()))
        else:
            out.append((path.name, path.read_bytes()))
    return out


def _existing(base: Path | None) -> dict[str, pd.DataFrame]:
    """Key and reference columns of the tables in `base`, to check references to kept tables."""
    if base is None or not Path(base).is_file():
        return {}
    referenced = [r.ref.split(".") for t in templates.TEMPLATES for r in t.rules if r.ref]
    out = {}
    with duckdb.connect(str(base), read_only=True) as con:
        for tpl in templates.TEMPLATES:
            wanted = list(dict.fromkeys([*tpl.key, *(r.column for r in tpl.rules if r.ref),
                                         *(column for table, column in referenced if table == tpl.table)]))
            out[tpl.table] = con.table(tpl.table).select(*wanted).df()
    return out


def _known(base: Path | None, enterprises: bool = False) -> dict[str, dict[tuple, str]]:
    """The ids of the records of `base` by (name key, commune): a department file without ids updates them, and
    a sheet naming them (monitoring results, certificates) finds them; the enterprises only when asked."""
    if base is None or not Path(base).is_file():
        return {}
    out: dict[str, dict[tuple, str]] = {}
    with duckdb.connect(str(base), read_only=True) as con:
        for table, (key, name_column) in department.NAMED.items():
            if table == "enterprises" and not enterprises:
                continue
            for id_, name, commune in con.table(table).select(key, name_column, "commune_code").fetchall():
                out.setdefault(table, {}).setdefault((department.name_key(name), commune), id_)
        out["status"] = dict(con.table("sites").select("site_id", "status").fetchall())  # kept when a list states none
    return out


def _site_names(base: Path | None) -> dict[str, str]:
    """Each site's name by its id in `base`, for the preview of what names them."""
    if base is None or not Path(base).is_file():
        return {}
    with duckdb.connect(str(base), read_only=True) as con:
        return dict(con.table("sites").select("site_id", "name_vi").fetchall())


def _template_named(sheet: sheets.Sheet) -> bool:
    name = templates.table_name(sheet.name)
    return name in templates.BY_TABLE or name == "dataset_info"


def _may_hold_templates(name: str, data: bytes) -> bool:
    """Whether a file may hold a template table (a CSV named after one, a workbook with a sheet named after one):
    a file that cannot is read only by its layout, once (a department register of 100,000 rows is not also read
    as a template)."""
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".txt"):
        return templates.table_name(Path(name).stem) in (*templates.BY_TABLE, "dataset_info")
    if suffix not in (".xlsx", ".xlsm"):
        return False  # .xls and .ods are read by their layout only
    try:
        from python_calamine import CalamineWorkbook

        names = CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names
    except Exception:  # noqa: BLE001 - a damaged workbook: the template reader says what is wrong with it
        return True
    return any(templates.table_name(n.strip()) in (*templates.BY_TABLE, "dataset_info") for n in names)


def read_files(files: list[tuple[str, bytes]], base: Path | None = None, saved: list[dict] | None = None,
               ) -> tuple[list[sheets.Sheet], list[Problem], list]:
    """Every sheet of `files` in template form: a template read as it is, a sheet the department laid out its own
    way read by its layout and its header words (:mod:`industry.files.department`); the problems of reading; and
    the department readings (for their mapping and for naming problems in the file's own terms). A sheet whose
    header has a mapping in `saved` (confirmed before, see :func:`department.record`) is read by it."""
    found: list[sheets.Sheet] = []
    problems: list[Problem] = []
    readings: list[department.Reading] = []
    laid_out: list[tuple[layouts.Layout, list[headers.Mapping], bool]] = []
    for name, data in files:
        got, trouble = sheets.read(name, data) if _may_hold_templates(name, data) else ([], [])
        kind_unknown = [p for p in trouble if p.code in ("xls_unsupported", "unknown_file_kind")]
        if trouble and not kind_unknown:
            problems += trouble
            continue
        templated = [s for s in got if _template_named(s)]
        found += templated
        if got and len(templated) == len(got):
            continue
        named = {s.sheet for s in templated}
        laid, trouble = layouts.read(name, data)
        problems += trouble
        for layout in laid:
            if layout.sheet in named or (layout.sheet and layout.sheet.lower() in sheets.IGNORED_SHEETS):
                continue
            remembered = department.applied(layout, saved or [])
            laid_out.append((layout, remembered if remembered is not None else headers.propose(layout),
                             remembered is not None))
    certificates = any(p and p[0].table == "certifications" for _, p, _ in laid_out)
    known = _known(base, enterprises=certificates) if laid_out else {}
    # the lists first, then what names their records (monitoring results name the clusters of a list beside them)
    for layout, proposals, remembered in sorted(laid_out, key=lambda x: department.reads_names(x[1], x[0])):
        reading = department.read(layout, proposals, known)
        reading.remembered = remembered
        readings.append(reading)
        found += reading.sheets
        problems += reading.problems
        department.learn(known, reading, enterprises=certificates)
    return found, problems, readings


def check(files: list[tuple[str, bytes]], base: Path | None = None, today: dt.date | None = None,
          ref: Reference | None = None, saved: list[dict] | None = None,
          replace: Iterable[str] = ()) -> validation.Checked:
    """Read and validate `files` (name, bytes) against the tables they would join in `base`; a sheet of the
    department's own layout by the mapping saved for its header in `saved`, else as its header words propose. The
    records the files hold are added to `base` or update those they cover; a table named in `replace` is replaced
    entirely (``all``: every table the files give)."""
    read_problems: list[Problem] = []
    if not files:
        read_problems.append(Problem("-", "no_files"))
    found, trouble, readings = read_files(files, base, saved)
    read_problems += trouble
    existing = _existing(base)
    whole = {templates.table_name(s.name) for s in found} if "all" in replace else set(replace)
    checked = validation.check(found, existing, ref=ref, today=today, replace=frozenset(whole))
    for problem in read_problems:
        checked.problems.add(problem)
    _check_kept(checked, existing)
    if not checked.tables and checked.ok:
        checked.problems.add(Problem("-", "nothing_to_import"))
    if readings:
        checked.problems.relabel(department.relabeller(checked.problems.items, readings))
        checked.readings = readings
        checked.names = _site_names(base)
    return checked


def _check_kept(checked: validation.Checked, existing: dict[str, pd.DataFrame]) -> None:
    """A kept table must not point at records that a table the files replace entirely no longer contains."""
    for tpl in templates.TEMPLATES:
        if tpl.table in checked.tables or tpl.table not in existing:
            continue
        for rule in tpl.rules:
            if not rule.ref or rule.ref.split(".")[0] not in checked.replace:
                continue
            table, column = rule.ref.split(".")
            present = set(checked.tables[table][column].dropna())
            values = existing[tpl.table][rule.column].dropna()
            lost = sorted(set(values) - present, key=str)
            if lost:
                examples = ", ".join(map(str, lost[:5])) + (", …" if len(lost) > 5 else "")
                said = {f"{k}_{lang}": Translator(lang)(f"table.{t}") for lang in ("en", "vi")
                        for k, t in (("table", tpl.table), ("ref", table))}
                checked.problems.add(Problem("", "kept_ref", None, None, None, examples, {"count": len(lost), **said}))


def summary(checked: validation.Checked) -> Outcome:
    """What a check found, as an :class:`Outcome` (nothing installed yet)."""
    replaced = sorted(checked.tables)
    return Outcome(checked.ok, checked.problems.listed(), replaced=replaced, whole=sorted(checked.replace & set(replaced)),
                   kept=[t for t in templates.load_order() if t not in checked.tables],
                   skipped=[t for t in checked.skipped if t not in checked.tables],
                   problem_count=len(checked.problems))


def signature(files: list[tuple[str, bytes]]) -> str:
    """Identity of a set of uploaded files (names and contents)."""
    return sha256("\n".join(f"{n}:{sha256(d)}" for n, d in files).encode())


def live_path() -> Path:
    """The database the dashboard reads, which an import replaces."""
    return Path(paths.database_path())


# --- building ------------------------------------------------------------------------------------------


def _arrow(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> pa.Table:
    schema = build.arrow_schema(con, table)
    return pa.table({name: pa.array(frame[name].tolist(), type=schema.field(name).type) for name in schema.names})


def foresee(checked: validation.Checked, base: Path | None) -> changes.Change | None:
    """What installing `checked` over `base` would change (:mod:`industry.files.changes`): the database the import
    would install is built beside the live one with the same builder, compared, and thrown away; None without a
    database to compare with or with nothing to install."""
    import tempfile

    if base is None or not Path(base).is_file() or not checked.ok or not checked.tables:
        return None
    with tempfile.TemporaryDirectory(prefix="foresee-", dir=Path(base).resolve().parent) as folder:
        after = Path(folder) / "after.duckdb"
        build_database(checked, after, base)
        with duckdb.connect(str(base), read_only=True) as old, duckdb.connect(str(after), read_only=True) as new:
            return changes.compare(old, new, sorted(checked.tables))


def _covered(con: duckdb.DuckDBPyConnection, name: str, current: pa.Table, given: pa.Table,
             derived: tuple[str, ...] | None = None) -> pa.Table:
    """The current records of a table the files do not cover, then the files' own: a monitoring table replaces the
    measurements of the sites and dates it holds and keeps every other; a cluster list updates the clusters it names
    and adds the new ones (``Template.covers``). A record of a department sheet (`derived` given) that the database
    has keeps what the database says where the sheet's cell is empty or its value was made rather than read (a
    cluster list without coordinates leaves a known cluster where it is)."""
    import pyarrow.compute as pc

    schema = build.arrow_schema(con, name)
    current, given = build.filled(current, schema), build.filled(given, schema)
    if derived is not None and len(given) and len(current):
        given = _keep_unsaid(current, given, templates.template(name).key, derived, schema)
    columns = templates.template(name).covered_by

    def keys(table: pa.Table) -> pa.Array:
        parts = [pc.fill_null(pc.cast(table[c], pa.string()), "\u0000") for c in columns]
        return parts[0] if len(parts) == 1 else pc.binary_join_element_wise(*parts, "\u001f")

    kept = current.filter(pc.invert(pc.is_in(keys(current), value_set=keys(given).combine_chunks().unique())))
    return pa.concat_tables([kept, given])


def _keep_unsaid(current: pa.Table, given: pa.Table, key: tuple[str, ...], derived: tuple[str, ...],
                 schema: pa.Schema) -> pa.Table:
    """`given` with, for the records `current` has, its empty and made values replaced by the current ones."""
    now = current.to_pandas(types_mapper=pd.ArrowDtype)
    new = given.to_pandas(types_mapper=pd.ArrowDtype)
    joined = new.merge(now, on=list(key), how="left", suffixes=("", "__now"), indicator=True)
    known = joined["_merge"].eq("both")
    for column in schema.names:
        if column in key:
            continue
        take = known & (joined[column].isna() | (column in derived))
        joined[column] = joined[column].where(~take, joined[column + "__now"])
    return pa.Table.from_pandas(joined[schema.names], preserve_index=False).cast(schema)


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether a database has a table (one an earlier version of the dashboard made may lack a newer one)."""
    return bool(queries.rows(con, "build/has_table", {"name": name})[0][0])


def _write_sources(con: duckdb.DuckDBPyConnection, checked: validation.Checked, base_con, extra: dict) -> None:
    """Where each record came from (``record_sources``): the files' records from their file, sheet and row, by who
    imported them and when; every other record as the database the files join says (a record no longer there, or
    replaced by the files', loses its line)."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    keyed = {name: templates.template(name).key[0] for name in checked.tables
             if len(templates.template(name).key) == 1}
    rows: dict[tuple[str, str], dict] = {}
    if base_con is not None and _has_table(base_con, "record_sources"):
        for record in base_con.table("record_sources").df().to_dict("records"):
            if record["table_name"] in checked.replace and checked.sources is None:
                continue
            rows[(record["table_name"], record["record_id"])] = record
    if checked.sources is not None:
        given = checked.sources
    else:
        given = []
        for name, key in keyed.items():
            frame, numbers = checked.tables[name], checked.numbers.get(name, [])
            places = checked.places.get(name) or [checked.origin.get(name, ("", None))] * len(frame)
            for i, record_id in enumerate(frame[key].tolist()):
                if record_id is None:
                    continue
                file, sheet = places[i] if i < len(places) else ("", None)
                given.append({"table_name": name, "record_id": str(record_id), "file": file, "sheet": sheet,
                              "row": numbers[i] if i < len(numbers) else None})
    for record in given:
        rows[(record["table_name"], str(record["record_id"]))] = {
            "imported_by": extra.get("imported_by"), "imported_at": now, "reported_by": None, "period": None,
        } | record | {"record_id": str(record["record_id"])}
    present = {}
    for name in {t for t, _i in rows}:
        key = templates.template(name).key[0] if name in templates.load_order() else None
        if key is None or not _has_table(con, name):
            continue
        present[name] = {str(v) for v in con.table(name).select(key).fetchnumpy()[key].tolist()}
    build.load_rows(con, "record_sources", [r for (t, i), r in rows.items() if i in present.get(t, ())])


def build_database(checked: validation.Checked, out: Path, base: Path | None = None,
                   progress: build.Progress | None = None, extra_info: dict[str, str] | None = None) -> Path:
    """Write a complete database at `out` (atomically) from checked tables, keeping the others from `base`."""
    out = Path(out)
    progress = progress or build.Progress(quiet=True)
    tmp = out.with_name(f".{out.name}.building-{os.getpid()}")
    for stale in (tmp, tmp.with_name(tmp.name + ".wal")):
        stale.unlink(missing_ok=True)
    ref = Reference()
    base_con = duckdb.connect(str(base), read_only=True) if base and Path(base).is_file() else None
    con = duckdb.connect(str(tmp))
    try:
        build.create_with_reference(con, ref, geo.load_communes(), progress)
        for name in templates.load_order():
            if name in checked.tables:
                given = _arrow(con, name, checked.tables[name])
                if base_con is not None and name not in checked.replace and _has_table(base_con, name):
                    given = _covered(con, name, base_con.table(name).to_arrow_table(), given,
                                     checked.derived.get(name))
                build.load_arrow(con, name, given)
            elif base_con is not None and _has_table(base_con, name) and (
                    name not in ("wastewater_limits", "programme_targets")
                    or base_con.table(name).count("*").fetchall()[0][0]):
                build.load_arrow(con, name, base_con.table(name).to_arrow_table())
            elif name == "wastewater_limits":  # none given or kept: the bundled regulation table
                build.load_rows(con, name, ref.limit_rows())
            elif name == "programme_targets":  # none given or kept: the decisions' targets, bundled
                build.load_rows(con, name, ref.target_rows())
            progress.table(con, name)
        _write_sources(con, checked, base_con, extra_info or {})
        base_info = dict(queries.rows(base_con, "app/dataset_info")) if base_con is not None else {}
        spans = queries.frame(con, "build/data_years").iloc[0]
        info_from = checked.info or {}
        # years and data date: as the files state them, else the database they join widened to the data's own
        first = int(info_from.get("first_year") or min(int(base_info.get("first_year") or 9999), int(spans["first_year"])))
        last = int(info_from.get("last_year") or max(int(base_info.get("last_year") or 0), int(spans["last_year"])))
        data_date = info_from.get("data_date") or max(base_info.get("data_date") or "", str(spans["data_date"])[:10])
        is_demo = int(queries.rows(con, "build/demo_rows")[0][0]) > 0
        build.build_marts(con, progress, first, last, is_demo=is_demo)
        info = {
            "kind": "demo" if is_demo else "official",
            "built_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "builder_version": __version__,
            "marts_version": build.marts_version(),
            "first_year": str(first),
            "last_year": str(last),
            "data_date": data_date,
            "sources": info_from.get("sources") or base_info.get("sources")
            or "Imported from the Department of Industry and Trade's files (each record's source column)",
        }
        if info_from.get("limits_note") or base_info.get("limits_note"):
            info["limits_note"] = info_from.get("limits_note") or base_info["limits_note"]
        info.update(extra_info or {})
        build.load_rows(con, "dataset_info", [{"key": k, "value": v} for k, v in info.items()])
        con.checkpoint()
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if base_con is not None:
            base_con.close()
    con.close()
    os.replace(tmp, out)
    return out


def build_from_folder(folder: Path, out: Path, progress: build.Progress | None = None) -> Outcome:
    """``python -m industry.build --from DIR``: a database from template files alone (missing tables empty)."""
    started = time.perf_counter()
    files = files_in([folder])
    kept = Path(folder) / MAPPINGS_NAME  # a folder of the department's files may hold their confirmed mapping
    checked = check(files, saved=load_mappings(kept.read_bytes()) if kept.is_file() else None)
    if not checked.ok:
        return Outcome(False, checked.problems.listed(), problem_count=len(checked.problems))
    progress = progress or build.Progress()
    build_database(checked, Path(out), None, progress,
                   {"import_files": ", ".join(f"{n} ({sha256(d)[:12]})" for n, d in files)})
    replaced = sorted(checked.tables)
    return Outcome(True, rows=dict(progress.rows), replaced=replaced,
                   kept=[], skipped=checked.skipped, version=str(out), seconds=time.perf_counter() - started)


# --- the live database and its versions --------------------------------------------------------------


def _alive(pid: int) -> bool:
    """Whether a process of this machine still runs (an import of another process holds its files)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def append_line(path: Path, entry: dict) -> None:
    """One entry at the end of a log of JSON lines (the import log, the returns' register)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")


def read_lines(path: Path) -> list[dict]:
    """A log of JSON lines, oldest first; a line a killed process left half-written is skipped."""
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(json.JSONDecodeError):
            out.append(json.loads(line))
    return out


class Store:
    """The live database path, the folder of its versions and the import log."""

    def __init__(self, live: Path):
        self.live = Path(live).absolute()
        self.dir = self.live.with_name(self.live.name + ".versions")
        self.log_path = self.dir / LOG_NAME

    @contextlib.contextmanager
    def lock(self, name: str = ".lock"):
        """One import or rollback at a time, across processes (another `name`: another kind of work, such as the
        communes' returns, one at a time among its own)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.dir / name, "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def current(self) -> Path | None:
        return self.live.resolve() if self.live.exists() else None

    def new_version_path(self, tag: str) -> Path:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        return self.dir / f"{stamp}-{tag}.duckdb"

    def adopt(self) -> None:
        """Make the live path a link into the versions folder (once: the first import of a plain file)."""
        if self.live.is_symlink() or not self.live.exists():
            return
        kept = self.new_version_path("initial")
        os.link(self.live, kept)
        self.point_to(kept)

    def point_to(self, version: Path) -> None:
        tmp = self.live.with_name(f".{self.live.name}.link-{os.getpid()}")
        tmp.unlink(missing_ok=True)
        os.symlink(os.path.relpath(version, self.live.parent), tmp)
        os.replace(tmp, self.live)

    def sweep(self) -> list[dict]:
        """Remove what an interrupted import left in the versions folder (a half-written database and its write-ahead
        log, whose process is gone) and record each interruption in the log with who started it, when and with
        which files; the entries logged are returned."""
        if not self.dir.is_dir():
            return []
        def gone(path: Path) -> bool:  # ".<version>.duckdb.building-<pid>[.wal|.import.json]": its process has ended
            pid = path.name.rsplit("building-", 1)[1].split(".", 1)[0]
            return pid.isdigit() and not _alive(int(pid))

        logged = []
        for marker in sorted(self.dir.glob(".*.building-*.import.json")):
            if not gone(marker):
                continue  # an import still running in another process
            with contextlib.suppress(OSError, json.JSONDecodeError):
                started = json.loads(marker.read_text(encoding="utf-8"))
                entry = {**started, "outcome": "interrupted",
                         "found": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()}
                self.log(entry)
                logged.append(entry)
            marker.unlink(missing_ok=True)
        for stale in sorted(self.dir.glob(".*.building-*")):
            if gone(stale):
                stale.unlink(missing_ok=True)
        return logged

    def log(self, entry: dict) -> None:
        append_line(self.log_path, entry)

    @property
    def mappings_path(self) -> Path:
        return self.dir / MAPPINGS_NAME

    def mappings(self) -> list[dict]:
        """The mappings confirmed with earlier imports of the department's own sheets, oldest first."""
        if not self.mappings_path.is_file():
            return []
        with contextlib.suppress(json.JSONDecodeError, OSError):
            return list(json.loads(self.mappings_path.read_text(encoding="utf-8")).get("sheets", []))
        return []

    def mappings_with(self, given: list[dict] | None) -> list[dict]:
        """The remembered mappings and then those `given` (a saved file, the reader's changes): the later wins."""
        return self.mappings() + list(given or [])

    def remember(self, records: list[dict]) -> None:
        if not records:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.mappings_path.with_suffix(".tmp")
        tmp.write_text(mappings_json(department.merged(self.mappings(), records)), encoding="utf-8")
        os.replace(tmp, self.mappings_path)

    def history(self) -> list[dict]:
        return read_lines(self.log_path)

    def previous(self) -> Path | None:
        """The version that was live before the current one, if it is still kept."""
        current = self.current()
        if current is None:
            return None
        for entry in reversed(self.history()):
            if entry.get("outcome") in ("installed", "rolled_back") and entry.get("version") == current.name:
                prev = entry.get("previous")
                return self.dir / prev if prev and (self.dir / prev).is_file() else None
        return None

    def prune(self) -> None:
        keep = {p.name for p in (self.current(), self.previous()) if p}
        versions = sorted(self.dir.glob("*.duckdb"), reverse=True)
        for old in versions[KEEP_VERSIONS:]:
            if old.name not in keep:
                old.unlink(missing_ok=True)


_AFTER_INSTALL: list[Callable[[Path], None]] = []


def after_install(fn: Callable[[Path], None]) -> None:
    """Call `fn(live)` after every version installed (an import, a return, a rollback): the open-data package is
    written so (``industry.outputs.opendata.register``). A failure is logged; the version stays installed."""
    if fn not in _AFTER_INSTALL:
        _AFTER_INSTALL.append(fn)


def _installed(live: Path) -> None:
    for fn in list(_AFTER_INSTALL):
        try:
            fn(live)
        except Exception:  # noqa: BLE001 - what follows an install never undoes it
            logging.getLogger(__name__).exception("after installing %s", live)


def _entry(action: str, who: str, files: list[tuple[str, bytes]] | None = None) -> dict:
    return {
        "at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "who": who,
        "action": action,
        "files": [{"name": n, "bytes": len(d), "sha256": sha256(d)} for n, d in files or []],
    }


def import_files(files: list[tuple[str, bytes]], live: Path, who: str,
                 sink: Callable[[str], None] | None = None, today: dt.date | None = None,
                 saved: list[dict] | None = None, replace: Iterable[str] = ()) -> Outcome:
    """Check `files` and, when nothing is wrong, install a new database built from them at `live`: the records the
    files hold added or updated, every other kept, and a table named in `replace` replaced entirely (``all``: every
    table the files give). A department sheet is read by the mapping given in `saved`, else by the one remembered
    for its header; the mappings used are remembered for the next file."""
    started = time.perf_counter()
    store = Store(live)
    entry = _entry("import", who, files)
    with store.lock():
        store.sweep()  # what an interrupted import left behind, removed and recorded
        base = store.current()
        say = sink or (lambda _text: None)
        say("checking")
        checked = check(files, base, today=today, saved=store.mappings_with(saved), replace=replace)
        if not checked.ok:
            entry.update(outcome="rejected", problems=len(checked.problems))
            store.log(entry)
            return Outcome(False, checked.problems.listed(), problem_count=len(checked.problems),
                           skipped=checked.skipped, seconds=time.perf_counter() - started)
        return _install(store, checked, files, entry, sink, started)


def install(tables: dict[str, pd.DataFrame], live: Path, who: str, action: str, files: list[tuple[str, bytes]],
            note: dict | None = None, sink: Callable[[str], None] | None = None,
            sources: list[dict] | None = None) -> Outcome:
    """Install a new version in which each table of `tables` is replaced by the frame given (every column of the
    data model's table), every other table kept: what accepting the communes' returns installs. Logged as
    `action`, with `note`, like an import; `sources` says where the records it brings came from (the others keep
    what the database said)."""
    started = time.perf_counter()
    store = Store(live)
    entry = _entry(action, who, files) | (note or {})
    with store.lock():
        store.sweep()
        checked = validation.Checked(tables=dict(tables), replace=frozenset(tables), sources=sources or [])
        return _install(store, checked, files, entry, sink, started)


def _install(store: Store, checked: validation.Checked, files: list[tuple[str, bytes]], entry: dict,
             sink: Callable[[str], None] | None, started: float) -> Outcome:
    """Build the checked tables into a new version beside the live one and switch to it (under the store's lock)."""
    store.adopt()
    base = store.current()
    target = store.new_version_path(sha256(b"".join(sha256(d).encode() for _, d in files))[:8])
    progress = build.Progress(sink=sink)
    extra = {"imported_by": entry["who"],
             "import_files": ", ".join(f"{n} ({sha256(d)[:12]})" for n, d in files)}
    # who started it, when and with which files, beside the half-written database: found by the next import or
    # start if this process is killed before it ends
    marker = target.with_name(f".{target.name}.building-{os.getpid()}.import.json")
    marker.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    try:
        build_database(checked, target, base, progress, extra)
    except (duckdb.Error, OSError, ValueError, pa.ArrowException) as exc:
        marker.unlink(missing_ok=True)
        entry.update(outcome="failed", problems=1, error=str(exc)[:500])
        store.log(entry)
        return Outcome(False, [Problem("-", "build_failed", params={"detail": str(exc)[:500]})], problem_count=1,
                       seconds=time.perf_counter() - started)
    marker.unlink(missing_ok=True)
    change = None
    if base is not None:
        with duckdb.connect(str(base), read_only=True) as old, duckdb.connect(str(target), read_only=True) as new:
            change = changes.compare(old, new, sorted(checked.tables))
    store.point_to(target)
    store.remember([department.record(r) for r in checked.readings])
    replaced = sorted(checked.tables)
    kept = [t for t in templates.load_order() if t not in checked.tables]
    whole = sorted(checked.replace & set(replaced))
    entry.update(outcome="installed", version=target.name, previous=base.name if base else None,
                 rows={t: progress.rows.get(t, 0) for t in templates.load_order()}, replaced=replaced,
                 replaced_entirely=whole, change=change.record() if change is not None else None)
    store.log(entry)
    store.prune()
    _installed(store.live)
    return Outcome(True, rows=entry["rows"], replaced=replaced, whole=whole, kept=kept, skipped=checked.skipped,
                   version=target.name, seconds=time.perf_counter() - started)


def rollback(live: Path, who: str) -> Outcome:
    """Switch the live database back to the version before the current one."""
    store = Store(live)
    with store.lock():
        current, previous = store.current(), store.previous()
        if previous is None:
            return Outcome(False, [Problem("-", "nothing_to_roll_back")], problem_count=1)
        lacking = db.outdated(previous)[0]
        if lacking:  # made by an earlier version of the dashboard: it would not open
            return Outcome(False, [Problem("-", "previous_outdated", params={"missing": ", ".join(lacking)})],
                           problem_count=1)
        store.point_to(previous)
        entry = _entry("rollback", who)
        entry.update(outcome="rolled_back", version=previous.name, previous=current.name if current else None)
        store.log(entry)
    _installed(store.live)
    return Outcome(True, version=previous.name)


def history_table(live: Path, tr: Translator) -> pd.DataFrame:
    """The import log, newest first, with column names in the user's language."""
    rows = []
    for entry in reversed(Store(live).history()):
        action, outcome = entry.get("action", ""), entry.get("outcome", "")
        rows.append({
            tr("importpage.col_at"): _local_time(entry.get("at", ""), tr),
            tr("importpage.col_who"): entry.get("who", ""),
            tr("importpage.col_action"): tr(f"importpage.action_{action}") if tr.has(f"importpage.action_{action}")
            else action,
            tr("importpage.col_outcome"): tr(f"importpage.outcome_{outcome}")
            if tr.has(f"importpage.outcome_{outcome}") else outcome,
            tr("importpage.col_files"): ", ".join(f"{f['name']} ({f['sha256'][:12]})" for f in entry.get("files", [])),
            tr("importpage.col_rows"): sum((entry.get("rows") or {}).values()) or None,
            tr("importpage.col_changed"): _changed_text(entry.get("change"), tr),
        })
    return pd.DataFrame(rows)


def _local_time(at: str, tr: Translator) -> str:
    """A log time (UTC) as Hà Nội reads it: ``15/03/2025 14:05``."""
    try:
        when = dt.datetime.fromisoformat(at).astimezone(dt.timezone(dt.timedelta(hours=7)))
    except ValueError:
        return at
    return when.strftime("%d/%m/%Y %H:%M") if tr.lang == "vi" else when.strftime("%Y-%m-%d %H:%M")


def _changed_text(change: dict | None, tr: Translator) -> str:
    """What an import changed, as the log kept it: records per table, and the measured compliance before → after."""
    if not change:
        return ""
    parts = [tr("importpage.changed_table", table=tr(f"table.{t}") if tr.has(f"table.{t}") else t,
                added=c["added"], changed=c["changed"], removed=c["removed"])
             for t, c in change.get("tables", {}).items()]
    for f in change.get("figures", []):
        if f.get("figure") == "compliance" and not f.get("commune") and f.get("before") != f.get("after"):
            parts.append(tr("importpage.changed_compliance", before=formats.percent(f.get("before"), tr.lang),
                            after=formats.percent(f.get("after"), tr.lang)))
    return "; ".join(parts)


# --- command line ----------------------------------------------------------------------------------------


def _print_problems(problems: list[Problem], total: int, tr: Translator) -> None:
    from .problems import grouped

    for problem in grouped(problems):
        print(problem.line(tr), file=sys.stderr)
    print(tr("import.refused", count=total), file=sys.stderr)


def mapping_lines(checked: validation.Checked, tr: Translator) -> list[str]:
    """For each sheet laid out the department's own way: its header, the rows left out, and the table and field of
    each column (proposed by the header words, or remembered from a confirmed import)."""
    lines: list[str] = []
    for reading in checked.readings:
        lines += headers.report(reading.layout, reading.mappings, tr)
        if reading.remembered:
            lines.append("  " + tr("mapping.remembered"))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m industry.importer", description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path, help="CSV or .xlsx files, or folders holding them")
    parser.add_argument("--db", type=Path, default=None, help="live database (default: $DASHBOARD_DB or data/industry.duckdb)")
    parser.add_argument("--who", default=None, help="name recorded in the import log (default: the login name)")
    parser.add_argument("--check", action="store_true", help="only check the files; change nothing")
    parser.add_argument("--rollback", action="store_true", help="switch back to the version live before")
    parser.add_argument("--history", action="store_true", help="print the import log")
    parser.add_argument("--lang", choices=("en", "vi"), default="en", help="language of the messages")
    parser.add_argument("--mapping", type=Path, default=None,
                        help="a saved mapping (JSON) for the department's own sheets, applied before the one remembered")
    parser.add_argument("--replace", action="append", default=[], metavar="TABLE",
                        help="replace TABLE entirely (its records not in the files are removed; 'all' for every table "
                             "the files give); without it the files' records are added or updated and the rest kept")
    parser.add_argument("--save-mapping", type=Path, default=None, metavar="FILE",
                        help="(with --check) write the mapping used for the department's own sheets to FILE (JSON)")
    args = parser.parse_args(argv)
    tr = Translator(args.lang)
    live = Path(args.db or paths.database_path())
    who = args.who or getpass.getuser()
    if args.history:
        for entry in Store(live).history():
            print(json.dumps(entry, ensure_ascii=False))
        return 0
    if args.rollback:
        outcome = rollback(live, who)
        if not outcome.ok:
            _print_problems(outcome.problems, outcome.problem_count, tr)
            return 2
        print(tr("import.rolled_back", version=outcome.version))
        return 0
    if not args.inputs:
        parser.error("give files or folders to import, or --rollback / --history")
    missing = [str(p) for p in args.inputs if not p.exists()]
    if missing:
        parser.error(f"not found: {', '.join(missing)}")
    files = files_in(args.inputs)
    saved: list[dict] = []
    if args.mapping:
        try:
            saved = load_mappings(args.mapping.read_bytes())
        except (OSError, ValueError) as exc:
            parser.error(f"{args.mapping}: {exc}")
    if args.check:
        checked = check(files, live if live.exists() else None, saved=Store(live).mappings_with(saved),
                        replace=args.replace)
        for line in mapping_lines(checked, tr):
            print(line)
        if args.save_mapping:
            args.save_mapping.write_text(mappings_json([department.record(r) for r in checked.readings]),
                                         encoding="utf-8")
        if not checked.ok:
            _print_problems(checked.problems.listed(), len(checked.problems), tr)
            return 1  # checked, and found problems: the files, not the command, are at fault
        print(tr("import.checked", tables=", ".join(sorted(checked.tables))))
        change = foresee(checked, live if live.exists() else None)
        if change is not None:
            for line in changes.lines(change, tr, lambda v: formats.number(v, args.lang),
                                      lambda v: formats.percent(v, args.lang)):
                print(line)
        return 0
    outcome = import_files(files, live, who, sink=lambda text: print(text, file=sys.stderr), saved=saved,
                           replace=args.replace)
    if not outcome.ok:
        _print_problems(outcome.problems, outcome.problem_count, tr)
        return 2
    print(tr("import.installed", version=outcome.version, seconds=f"{outcome.seconds:.1f}",
             tables=", ".join(outcome.replaced)))
    return 0
