"""Imports: all or nothing, bad files named precisely, live readers undisturbed, round trip, rollback."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import shutil
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from openpyxl import Workbook

from industry import build  # the command: python -m industry.build
from industry.core.i18n import Translator
from industry.data import db, metrics
from industry.files import export, importer

FIXTURES = Path(__file__).parent / "fixtures" / "import_"
TODAY = dt.date(2026, 11, 23)

# each bad fixture folder: a problem the import must report, as (file, row, column, code)
BAD = {
    "missing_column": ("sites.csv", 1, "lat", "missing_column"),
    "extra_column": ("sites.csv", 1, "sourse", "unknown_column"),
    "wrong_type": ("enterprises.csv", 2, "founded_year", "type_integer"),
    "unknown_value": ("sites.csv", 2, "status", "not_allowed"),
    "duplicate_id": ("enterprises.csv", 3, "enterprise_id", "duplicate_key"),
    "missing_site": ("wastewater_plants.csv", 2, "site_id", "missing_ref"),
    "missing_enterprise": ("certifications.csv", 2, "enterprise_id", "missing_ref"),
    "outside_hanoi": ("sites.csv", 2, "lon, lat", "outside_city"),
    "other_commune": ("sites.csv", 2, "commune_code", "other_commune"),
    "future_date": ("wastewater_samples.csv", 2, "sampled_on", "future"),
    "negative": ("craft_villages.csv", 2, "households", "below_minimum"),
    "split_old_address": ("enterprises.csv", 2, "commune_code", "old_address_split"),
    "empty": ("sites.csv", None, None, "empty_file"),
    "binary": ("sites.csv", None, None, "unreadable_encoding"),
    "not_a_workbook": ("data.xlsx", None, None, "not_xlsx"),
    "old_excel": ("data.xls", None, None, "not_a_workbook"),  # .xls is read (python-calamine); this one is damaged
    "unknown_table": ("factories.csv", 1, None, "no_table_recognised"),  # neither a template nor a known layout
}


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture()
def live(demo_db, tmp_path) -> Path:
    """A copy of the demo database as the live file of an installation."""
    path = tmp_path / "live.duckdb"
    shutil.copy(demo_db, path)
    return path


def test_every_bad_fixture_has_a_case():
    assert sorted(p.name for p in (FIXTURES / "bad").iterdir()) == sorted(BAD)


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_file_is_refused_with_its_file_row_and_column_and_changes_nothing(case, live):
    before = digest(live)
    outcome = importer.import_files(importer.files_in([FIXTURES / "bad" / case]), live, "tester", today=TODAY)
    assert not outcome.ok
    found = [(p.file, p.row, p.column, p.code) for p in outcome.problems]
    assert BAD[case] in found
    for lang in ("en", "vi"):  # every problem has a message in both languages
        assert all(p.line(Translator(lang)) for p in outcome.problems)
    assert digest(live) == before and not live.is_symlink()
    (entry,) = importer.Store(live).history()
    assert entry["outcome"] == "rejected" and entry["who"] == "tester"
    assert entry["files"][0]["sha256"] == digest(next((FIXTURES / "bad" / case).iterdir()))


def test_messages_are_in_the_users_language():
    outcome = importer.check(importer.files_in([FIXTURES / "bad" / "negative"]), None, today=TODAY)
    problem = next(p for p in outcome.problems.listed() if p.code == "below_minimum")
    assert problem.line(Translator("en")) == ("craft_villages.csv, row 2, column households: Must be at least 0 "
                                              "(value: '-5')")
    assert problem.line(Translator("vi")) == ("craft_villages.csv, dòng 2, cột households: Phải lớn hơn hoặc bằng 0 "
                                              "(giá trị: '-5')")


def _metric_snapshot(path: Path) -> dict[str, pd.DataFrame]:
    """Every page's figures for a few filter combinations."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        communes = metrics.communes(con)["code"].head(5).tolist()
        out = {}
        for year in (2019, 2025):
            for scope in ((), tuple(communes[:1]), tuple(communes)):
                key = f"{year}-{len(scope)}"
                out[f"clusters {key}"] = metrics.clusters_by_year(con, scope)
                out[f"enterprises {key}"] = metrics.enterprises_by_year(con, scope, None)
                out[f"villages {key}"] = metrics.villages_by_year(con, scope)
                out[f"map_sites {key}"] = metrics.map_sites(con, year, scope)
                out[f"ww {key}"] = metrics.wastewater_by_commune(con, year, scope)
                out[f"failures {key}"] = metrics.wastewater_failures(con, year, scope)
                out[f"si_sector {key}"] = metrics.si_by_sector(con, year, scope)
                out[f"si_standard {key}"] = metrics.si_by_standard(con, year, scope, None)
                out[f"crafts {key}"] = metrics.villages_by_craft(con, year, scope)
            out[f"map_communes {year}"] = metrics.map_communes(con, year, None)
            out[f"si_commune {year}"] = metrics.si_by_commune(con, year, "textiles_garments")
            out[f"ranks {year}"] = metrics.commune_ranks(con, year, None)
        out["progress"] = metrics.programme_progress(con)
        out["targets"] = metrics.targets(con)
        out["years"] = pd.DataFrame([metrics.years(con)])
        return out
    finally:
        con.close()


def test_round_trip_export_then_import_leaves_every_metric_unchanged(demo_db, live, tmp_path):
    before = _metric_snapshot(demo_db)
    folder = tmp_path / "exported"
    export.export(live, folder, xlsx=False)
    outcome = importer.import_files(importer.files_in([folder]), live, "tester")
    assert outcome.ok, [p.line(Translator("en")) for p in outcome.problems]
    assert sorted(outcome.replaced) == sorted(importer.templates.BY_TABLE) and outcome.kept == []
    assert live.is_symlink()
    after = _metric_snapshot(live)
    assert before.keys() == after.keys()
    for name in before:
        pd.testing.assert_frame_equal(before[name], after[name], check_dtype=False, obj=name)
    info = db.info(duckdb.connect(str(live), read_only=True))
    assert info["kind"] == "demo" and info["imported_by"] == "tester"


def test_build_from_a_folder_and_the_command_line(demo_db, tmp_path):
    folder = tmp_path / "exported"
    assert export.main(["--db", str(demo_db), "--out", str(folder)]) == 0
    out = tmp_path / "from_csv.duckdb"
    assert build.main(["--from", str(folder), "--out", str(out), "--quiet"]) == 0
    with duckdb.connect(str(out), read_only=True) as con:
        assert con.table("enterprises").count("*").fetchall()[0][0] == 8000
    # the same data from the workbook alone
    only_xlsx = tmp_path / "xlsx"
    assert export.main(["--db", str(demo_db), "--out", str(only_xlsx), "--xlsx"]) == 0
    assert [p.name for p in only_xlsx.iterdir()] == ["data.xlsx"]
    out2 = tmp_path / "from_xlsx.duckdb"
    assert build.main(["--from", str(only_xlsx), "--out", str(out2), "--quiet"]) == 0
    from_csv, from_xlsx = _metric_snapshot(out), _metric_snapshot(out2)
    assert from_csv.keys() == from_xlsx.keys()
    for name, frame in from_csv.items():
        pd.testing.assert_frame_equal(frame, from_xlsx[name], check_dtype=False, obj=name)


def test_build_from_refuses_bad_files_with_exit_status_2(tmp_path, capsys):
    out = tmp_path / "x.duckdb"
    assert build.main(["--from", str(FIXTURES / "bad" / "negative"), "--out", str(out)]) == 2
    assert "craft_villages.csv, row 2, column households" in capsys.readouterr().err
    assert not out.exists()


def test_excel_dates_and_numbers_stored_as_text(live):
    wb = Workbook()
    ws = wb.active
    ws.title = "certifications"
    ws.append(["enterprise_id", "standard", "issued_on", "expires_on"])
    ws.append(["17", "ISO 9001", dt.datetime(2023, 3, 1), "45716"])  # id as text, expiry as an Excel serial
    ws.append([18.0, "ISO 14001", "01/06/2022", None])
    buf = io.BytesIO()
    wb.save(buf)
    checked = importer.check([("chung_nhan.xlsx", buf.getvalue())], live, today=TODAY)
    assert checked.ok, [p.line(Translator("en")) for p in checked.problems.listed()]
    frame = checked.tables["certifications"]
    assert frame["enterprise_id"].tolist() == [17, 18]
    assert frame["issued_on"].tolist() == [dt.date(2023, 3, 1), dt.date(2022, 6, 1)]
    assert frame["expires_on"].tolist() == [dt.date(2025, 2, 28), None]


def test_a_partial_import_keeps_the_other_tables_and_rollback_restores(live, tmp_path):
    original = digest(live)
    with duckdb.connect(str(live), read_only=True) as con:
        first = con.execute("select enterprise_id from enterprises order by 1 limit 1").fetchall()[0][0]
        before = con.table("certifications").count("*").fetchall()[0][0]
        its_own = con.execute("select count(*) from certifications where enterprise_id = ?", [first]).fetchall()[0][0]
    certs = f"enterprise_id,standard,issued_on,expires_on\n{first},ISO 9001,2024-01-10,2027-01-09\n"
    outcome = importer.import_files([("certifications.csv", certs.encode())], live, "tester")
    assert outcome.ok and outcome.replaced == ["certifications"] and outcome.whole == []
    assert "enterprises" in outcome.kept
    with duckdb.connect(str(live), read_only=True) as con:
        # the file covers its one enterprise's certificates: those replaced by its row, every other kept
        assert con.table("certifications").count("*").fetchall()[0][0] == before - its_own + 1
        assert con.execute("select standard, issued_on::varchar from certifications where enterprise_id = ?",
                           [first]).fetchall() == [("ISO 9001", "2024-01-10")]
        assert con.table("enterprises").count("*").fetchall()[0][0] == 8000
        assert dict(con.table("dataset_info").fetchall())["kind"] == "demo"  # the kept enterprises are demo
    back = importer.rollback(live, "tester")
    assert back.ok
    assert digest(live) == original  # the very file that was live before
    assert [e["outcome"] for e in importer.Store(live).history()] == ["installed", "rolled_back"]
    assert importer.main(["--rollback", "--db", str(live)]) == 0  # and forward again from the command line
    with duckdb.connect(str(live), read_only=True) as con:
        assert con.table("certifications").count("*").fetchall()[0][0] == before - its_own + 1
    # replacing the whole table is the reader's knowing choice
    outcome = importer.import_files([("certifications.csv", certs.encode())], live, "tester", replace=["all"])
    assert outcome.ok and outcome.whole == ["certifications"]
    with duckdb.connect(str(live), read_only=True) as con:
        assert con.table("certifications").count("*").fetchall()[0][0] == 1


def test_no_roll_back_to_a_database_an_earlier_version_made(live, tmp_path):
    """After the first import on a new version of the dashboard, the version before is an earlier version's file:
    switching to it would leave every page unable to open, so the rollback is refused and nothing changes."""
    import duckdb

    from industry.data import db

    with duckdb.connect(str(live)) as con:
        con.execute("drop table activity_list")  # as the earlier version left it
    path = tmp_path / "programme_progress.csv"
    path.write_text("indicator,year,value,unit,source\ngiftshow_editions,2026,1,editions,Sở Công Thương\n",
                    encoding="utf-8")
    assert importer.import_files(importer.files_in([path]), live, "tester").ok  # the import builds a current file
    current = digest(live)
    outcome = importer.rollback(live, "tester")
    assert not outcome.ok and outcome.problems[0].code == "previous_outdated"
    assert "activity_list" in outcome.problems[0].message(Translator("en"))
    assert digest(live) == current and db.outdated(live)[0] == []


def test_nothing_to_roll_back_to(live):
    outcome = importer.rollback(live, "tester")
    assert not outcome.ok and outcome.problems[0].code == "nothing_to_roll_back"


def test_readers_in_threads_never_fail_while_imports_swap_the_database(live, tmp_path):
    full = tmp_path / "full"
    export.export(live, full)
    half = tmp_path / "half"  # the first 4,000 enterprises and their certificates, replacing the whole tables
    half.mkdir()
    for name in ("enterprises.csv", "certifications.csv"):
        lines = (full / name).read_text(encoding="utf-8-sig").splitlines(keepends=True)
        kept = [line for line in lines if line.startswith(("#", '"')) or int(line.split(",")[0]) <= 4000]
        (half / name).write_text("".join(kept), encoding="utf-8")
    text = (full / "promotion_activities.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    with open(half / "promotion_activities.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(r for r in rows if not r["enterprise_id"] or int(r["enterprise_id"]) <= 4000)
    errors: list[BaseException] = []
    seen: set[tuple[int, int]] = set()
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                cursor = db.shared_connection(db.version(live)).cursor()
                try:
                    assert len(metrics.clusters_by_year(cursor, ())) > 0
                    seen.add(cursor.execute("select count(*), max(enterprise_id) from enterprises").fetchall()[0])
                finally:
                    cursor.close()
            except BaseException as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        for _ in range(2):
            assert importer.import_files(importer.files_in([half]), live, "tester", replace=["all"]).ok
            time.sleep(0.3)
            assert importer.rollback(live, "tester").ok
            time.sleep(0.3)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors, errors[:3]
    assert seen == {(8000, 8000), (4000, 4000)}  # each read saw one whole version, both were seen


def test_the_log_records_files_rows_and_outcome(live, tmp_path):
    folder = tmp_path / "exported"
    export.export(live, folder)
    importer.import_files(importer.files_in([folder / "programme_targets.csv", folder / "programme_progress.csv"]),
                          live, "Nguyễn Văn A")
    (entry,) = importer.Store(live).history()
    assert entry["who"] == "Nguyễn Văn A" and entry["outcome"] == "installed"
    assert {f["name"] for f in entry["files"]} == {"programme_targets.csv", "programme_progress.csv"}
    assert entry["rows"]["programme_targets"] == 20
    assert all(len(f["sha256"]) == 64 for f in entry["files"])
    raw = (importer.Store(live).log_path).read_text(encoding="utf-8")
    assert "Nguyễn Văn A" in raw and json.loads(raw.splitlines()[0])["version"].endswith(".duckdb")



def test_a_database_of_an_earlier_version_is_written_out_and_built_again(demo_db, tmp_path):
    """The way the dashboard tells to update a database made before a column was added (source_vi): export writes
    that column empty, in CSV and in Excel, and the database built from the export has it."""
    import shutil

    import duckdb

    from industry.data import metrics
    from industry.files import export

    old = tmp_path / "old.duckdb"
    shutil.copy(demo_db, old)
    with duckdb.connect(str(old)) as con:
        con.execute("alter table programme_targets drop column source_vi")
        con.execute("alter table programme_progress drop column source_vi")
    out = tmp_path / "out"
    export.export(old, out)
    assert (out / "programme_targets.csv").read_text(encoding="utf-8-sig").splitlines()[-21].endswith('"source","source_vi"')
    assert export.export(old, tmp_path / "xlsx", xlsx=True)
    outcome = importer.build_from_folder(out, tmp_path / "new.duckdb")
    assert outcome.ok, [p.code for p in outcome.problems]
    with duckdb.connect(str(tmp_path / "new.duckdb"), read_only=True) as con:
        vi, en = metrics.targets(con, "vi"), metrics.targets(con, "en")
    assert len(vi) == 20 and list(vi["source"]) == list(en["source"])  # cited as written, in both languages


def test_an_import_killed_half_way_leaves_nothing_behind_and_is_recorded(tmp_path, demo_db):
    """A real import in its own process, killed while it writes the new database: the live database is untouched;
    the next import removes the half-written file and its write-ahead log and the log says who was interrupted,
    when and with which files; the Import page's history says so in words."""
    import os
    import signal
    import subprocess
    import sys

    from industry.core.i18n import Translator
    from tests.conftest import ROOT

    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    good = tmp_path / "certifications.csv"
    with duckdb.connect(str(live), read_only=True) as con:
        first = con.execute("select min(enterprise_id) from enterprises").fetchall()[0][0]
    good.write_text(f"enterprise_id,standard,issued_on,expires_on\n{first},ISO 9001,01/02/2024,31/01/2027\n",
                    encoding="utf-8")
    store = importer.Store(live)
    before = live.resolve().read_bytes()[:4096]
    killed = False
    for _attempt in range(3):  # until the process is caught while it writes
        proc = subprocess.Popen([sys.executable, "-m", "industry.importer", str(good), "--db", str(live), "--who",
                                 "Lê Văn C"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if list(store.dir.glob(".*.building-*.import.json")) if store.dir.is_dir() else []:
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
                break
            time.sleep(0.02)
        proc.wait()
        if killed:
            break
    assert killed, "the import was never caught writing"
    assert list(store.dir.glob(".*.building-*")), "a half-written database is left by the killed import"
    assert live.resolve().read_bytes()[:4096] == before or live.resolve().exists()
    outcome = importer.import_files(importer.files_in([good]), live, "Trần Thị B")
    assert outcome.ok
    assert list(store.dir.glob(".*.building-*")) == []
    (interrupted,) = [e for e in store.history() if e["outcome"] == "interrupted"]
    assert interrupted["who"] == "Lê Văn C" and interrupted["files"][0]["name"] == "certifications.csv"
    assert interrupted["at"] and interrupted["found"]
    table = importer.history_table(live, Translator("vi"))
    assert "bị ngắt giữa chừng; không thay đổi gì, tệp dở dang đã được xoá" in set(table.iloc[:, 3])


def test_each_imported_record_says_its_file_sheet_and_row_and_the_others_keep_theirs(live, tmp_path):
    from tests.test_layouts import xlsx

    rows = [["TT", "Tên cụm công nghiệp", "Xã, phường", "Quận, huyện", "Diện tích (ha)", "Tình trạng"],
            [1, "CCN Thử Nghiệm Nguồn", "Xã Cổ Loa", "Huyện Đông Anh", "12,5", "Đang hoạt động"],
            [2, "CCN Thử Nghiệm Nguồn Hai", "Xã Cổ Loa", "Huyện Đông Anh", "8", "Đang hoạt động"]]
    first = importer.import_files([("danh-sach-ccn.xlsx", xlsx(rows, []))], live, "Lê Văn C", today=TODAY)
    assert first.ok, [p.code for p in first.problems]
    with duckdb.connect(str(live.resolve()), read_only=True) as con:
        said = con.execute("""select s.name_vi, r.file, r.sheet, r."row", r.imported_by, r.reported_by
                              from record_sources r join sites s on s.site_id = r.record_id
                              where r.table_name = 'sites' order by r."row" """).fetchall()
    sheet = said[0][2]
    assert said == [("Cụm công nghiệp Thử Nghiệm Nguồn", "danh-sach-ccn.xlsx", sheet, 2, "Lê Văn C", None),
                    ("Cụm công nghiệp Thử Nghiệm Nguồn Hai", "danh-sach-ccn.xlsx", sheet, 3, "Lê Văn C", None)]
    # a later file of other records leaves these as they were
    path = tmp_path / "promotion_activities.csv"
    path.write_text("activity_id,programme,year,kind,title_vi,commune_code,status,source\n"
                    "KC-2025-SRC,industrial_promotion_2021_2025,2025,training,Tập huấn,00577,completed,Sở\n",
                    encoding="utf-8")
    assert importer.import_files(importer.files_in([path]), live, "Lê Văn D", today=TODAY).ok
    with duckdb.connect(str(live.resolve()), read_only=True) as con:
        kept = con.execute("""select table_name, file, "row", imported_by from record_sources
                              order by table_name, "row" """).fetchall()
    assert kept == [("promotion_activities", "promotion_activities.csv", 2, "Lê Văn D"),
                    ("sites", "danh-sach-ccn.xlsx", 2, "Lê Văn C"), ("sites", "danh-sach-ccn.xlsx", 3, "Lê Văn C")]
