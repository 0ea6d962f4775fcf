"""The communes' returns: 126 workbooks out, 30 back (filled in as communes do, one through LibreOffice), the board,
what each changes and the database after they are accepted."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest

from industry.core.i18n import Translator
from industry.files import returns
from tests import cells

PERIOD = "2026-H1"


@pytest.fixture(scope="module")
def made(demo_db, tmp_path_factory):
    """The 126 workbooks made from the demonstration database by the command line, and a live copy to take them in."""
    folder = tmp_path_factory.mktemp("returns")
    live = folder / "live.duckdb"
    shutil.copy(demo_db, live)
    assert returns.main(["make", "--period", PERIOD, "--out", str(folder / "out"), "--db", str(live)]) == 0
    return folder, live


def _book(folder: Path, code: str) -> Path:
    return next((folder / "out").glob(f"bao-cao-{code}-*.xlsx"))


def _records(live: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(Path(live).resolve()), read_only=True) as con:
        return con.execute(sql).fetchall()


def _first_empty(sheet, column: int = 2) -> int:
    return next(r for r in range(4, sheet.max_row + 2) if sheet.cell(row=r, column=column).value is None)


def test_126_workbooks_and_a_zip_each_for_its_commune_with_locked_ids_and_drop_downs(made):
    folder, _live = made
    books = sorted((folder / "out").glob("*.xlsx"))
    assert len(books) == 126
    with zipfile.ZipFile(folder / "out" / f"bao-cao-xa-phuong-{PERIOD}.zip") as z:
        assert sorted(z.namelist()) == sorted(b.name for b in books)
    book = openpyxl.load_workbook(_book(folder, "00577"))
    assert book.sheetnames == ["Hướng dẫn", "Cụm công nghiệp", "Làng nghề", "Hoạt động khuyến công", "_ky_bao_cao"]
    assert book["_ky_bao_cao"].sheet_state == "veryHidden"
    info = {r[0]: r[1] for r in book["_ky_bao_cao"].iter_rows(values_only=True) if r[0] and ":" not in str(r[0])}
    assert info["commune_code"] == "00577" and info["commune"] == "Xã Bát Tràng" and info["period"] == PERIOD
    guide = [r[0] for r in book["Hướng dẫn"].iter_rows(values_only=True) if r[0]]
    assert guide[0] == "Báo cáo số liệu công nghiệp của Xã Bát Tràng, kỳ 6 tháng đầu năm 2026"
    assert "Hạn gửi lại: 15/07/2026." in guide and any(line.startswith("Cần hỏi: Phòng Quản lý công nghiệp")
                                                       for line in guide)
    villages = book["Làng nghề"]
    assert [c.value for c in villages[3]] == ["Mã làng nghề", "Tên làng nghề", "Ngành nghề", "Số hộ làm nghề",
                                             "Số lao động làm nghề", "Năm được công nhận", "Xóa khỏi danh sách",
                                             "Ghi chú, giải trình"]
    assert villages["B4"].value == "Làng gốm Bát Tràng" and villages["C4"].value == "Gốm sứ"
    assert villages.protection.sheet
    last = villages.max_row
    assert villages["A4"].protection.locked and villages[f"A{last}"].protection.locked  # the id column, blank rows too
    assert not villages["B4"].protection.locked and not villages[f"D{last}"].protection.locked
    rules = {str(dv.sqref): dv for dv in villages.data_validations.dataValidation}
    craft = rules[f"C4:C{last}"]
    assert craft.type == "list" and craft.showErrorMessage
    sheet, cells = craft.formula1.split("!")
    column = cells.split(":")[0].strip("$").rstrip("$0123456789").strip("$")
    listed = [c.value for c in book["_ky_bao_cao"][column] if c.value]
    assert "Gốm sứ" in listed and "Mây tre đan" in listed and sheet.strip("'") == "_ky_bao_cao"
    assert rules[f"F4:F{last}"].type == "whole"  # a year
    sites = book["Cụm công nghiệp"]
    status = next(dv for dv in sites.data_validations.dataValidation if str(dv.sqref).startswith("D4:"))
    col = status.formula1.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")
    assert [c.value for c in book["_ky_bao_cao"][col] if c.value] == [
        "Đang hoạt động", "Đang đầu tư xây dựng hạ tầng", "Quy hoạch, chưa đầu tư"]


def _fill(folder: Path, live: Path, tmp: Path) -> tuple[list[Path], dict]:
    """30 returns as communes fill them in; what each one should do."""
    codes = [r[0] for r in _records(live, "select code from communes order by code")]
    with_villages = [r[0] for r in _records(live, """
        select commune_code from craft_villages v
        where village_id not in (select village_id from promotion_activities where village_id is not null)
        group by 1 having count(*) >= 2 order by 1""")]
    with_sites = [r[0] for r in _records(live, "select distinct commune_code from sites order by 1")]
    out, expect = [], {"unchanged": [], "changed": {}, "added": {}, "removed": {}, "problem": None, "wrong": None}
    busy = [c for c in with_villages if c in with_sites]
    # 21 communes change something: an area, a status, a village added, a village removed
    for i, code in enumerate(busy[:21]):
        book = openpyxl.load_workbook(_book(folder, code))
        sites = book["Cụm công nghiệp"]
        site_id = sites["A4"].value
        sites["C4"] = 12.5 + i
        expect["changed"][site_id] = 12.5 + i
        if i % 3 == 0:
            sites["D4"] = "Đang đầu tư xây dựng hạ tầng"
        villages = book["Làng nghề"]
        if i % 2 == 0:
            row = _first_empty(villages)
            villages.cell(row=row, column=2, value=f"Làng nghề thêu Thử Nghiệm {i}")
            villages.cell(row=row, column=3, value="Thêu ren")
            villages.cell(row=row, column=4, value="1.200")  # as written in Vietnamese: one thousand two hundred
            expect["added"][code] = f"Làng nghề thêu Thử Nghiệm {i}"
        else:
            removable = {r[0] for r in _records(live, f"""select village_id from craft_villages where commune_code = '{code}'
                and village_id not in (select village_id from promotion_activities where village_id is not null)""")}
            row = next(r for r in range(4, villages.max_row + 1) if villages.cell(row=r, column=1).value in removable)
            villages.cell(row=row, column=7, value="Xóa")
            expect["removed"][code] = villages.cell(row=row, column=1).value
        path = tmp / _book(folder, code).name
        book.save(path)
        out.append(path)
    rest = [c for c in codes if c not in busy[:21]]
    for code in rest[:5]:  # sent back as they came
        path = tmp / _book(folder, code).name
        shutil.copy(_book(folder, code), path)
        out.append(path)
        expect["unchanged"].append(code)
    # one with a problem: a word where a number of households goes
    code = busy[21]
    book = openpyxl.load_workbook(_book(folder, code))
    book["Làng nghề"]["D4"] = "khoảng một trăm"
    path = tmp / _book(folder, code).name
    book.save(path)
    out.append(path)
    expect["problem"] = code
    # one for the wrong commune: a row of another commune's return pasted in
    code, other = rest[5], busy[22]
    book = openpyxl.load_workbook(_book(folder, code))
    theirs = openpyxl.load_workbook(_book(folder, other))["Làng nghề"]
    villages = book["Làng nghề"]
    row = _first_empty(villages)
    for c in range(1, 7):
        villages.cell(row=row, column=c, value=theirs.cell(row=4, column=c).value)
    path = tmp / _book(folder, code).name
    book.save(path)
    out.append(path)
    expect["wrong"] = code
    # two through LibreOffice: changed with openpyxl, then saved by LibreOffice as .xlsx and as .ods
    for code, kind in ((busy[23], "xlsx"), (busy[24], "ods")):
        book = openpyxl.load_workbook(_book(folder, code))
        site_id = book["Cụm công nghiệp"]["A4"].value
        book["Cụm công nghiệp"]["C4"] = 77.25
        expect["changed"][site_id] = 77.25
        staged = tmp / "staged" / _book(folder, code).name
        staged.parent.mkdir(exist_ok=True)
        book.save(staged)
        done = subprocess.run(["soffice", "--headless", "--convert-to", kind, "--outdir", str(tmp / kind), str(staged)],
                              capture_output=True, timeout=180)
        assert done.returncode == 0, done.stderr
        path = tmp / kind / staged.with_suffix(f".{kind}").name
        assert path.is_file()
        out.append(path)
    assert len(out) == 30
    return out, expect


def test_thirty_returns_back_the_board_and_the_database_after_they_are_accepted(made, tmp_path):
    folder, live = made
    files, expect = _fill(folder, live, tmp_path)
    others_before = _records(live, f"""select * from craft_villages
        where commune_code not in ({",".join(repr(p.name.split("-")[2]) for p in files)}) order by village_id""")
    received = returns.receive([(p.name, p.read_bytes()) for p in files], live, "thống kê")
    by_code = {r.ret.commune: r for r in received}
    assert len(by_code) == 30
    assert {by_code[c].status for c in expect["unchanged"]} == {"no_change"}
    problem = by_code[expect["problem"]]
    assert problem.status == "problems"
    [household] = [p for p in problem.ret.problems if p.code == "return_whole"]
    assert (household.sheet, household.row, household.column, household.value) == (
        "Làng nghề", 4, "D (Số hộ làm nghề)", "khoảng một trăm")
    wrong = by_code[expect["wrong"]]
    assert wrong.status == "problems" and [p.code for p in wrong.ret.problems] == ["return_record_of_other"]
    assert "thuộc" in wrong.ret.problems[0].message(Translator("vi"))
    pending = [c for c, r in by_code.items() if r.status == "pending"]
    assert len(pending) == 23  # 21 filled in with openpyxl, 2 saved again by LibreOffice
    ods = next(r for r in received if r.ret.file.endswith(".ods"))
    assert ods.status == "pending" and [c.kind for c in ods.changes] == ["changed"]
    # the board: 30 returned of 126
    with duckdb.connect(str(live.resolve()), read_only=True) as con:
        every = returns.communes(con)
    board = returns.board(every, returns.Register(live).entries(), returns.Period.parse(PERIOD))
    counts = board["status"].value_counts().to_dict()
    assert counts == {"not_returned": 96, "pending": 23, "no_change": 5, "problems": 2}
    # a return with problems cannot be accepted; the others are, in one new version
    with pytest.raises(returns.NotAcceptable):
        returns.accept([expect["problem"]], PERIOD, live, "thống kê")
    outcome = returns.accept(sorted(pending), PERIOD, live, "thống kê")
    assert outcome.ok, outcome.problems
    for site_id, area in expect["changed"].items():
        assert _records(live, f"select area_ha from sites where site_id = '{site_id}'") == [(area,)]
    for code, name in expect["added"].items():
        rows = _records(live, f"select craft, households, source from craft_villages where name_vi = '{name}'")
        assert rows == [("embroidery", 1200, f"Báo cáo của {board.set_index('code').loc[code, 'commune']}, "
                                             "kỳ 6 tháng đầu năm 2026")]
    for village_id in expect["removed"].values():
        assert _records(live, f"select count(*) from craft_villages where village_id = '{village_id}'") == [(0,)]
    # a return changes only its own commune's records
    assert _records(live, f"""select * from craft_villages
        where commune_code not in ({",".join(repr(p.name.split("-")[2]) for p in files)}) order by village_id""") == others_before
    board = returns.board(every, returns.Register(live).entries(), returns.Period.parse(PERIOD))
    assert board["status"].value_counts().to_dict() == {"not_returned": 96, "accepted": 23, "no_change": 5,
                                                        "problems": 2}


def test_a_return_without_its_hidden_sheet_is_told_plainly_and_changes_nothing(made, tmp_path):
    folder, live = made
    book = openpyxl.load_workbook(_book(folder, "00004"))
    del book["_ky_bao_cao"]
    path = tmp_path / "bao-cao-phuong-ba-dinh.xlsx"
    book.save(path)
    before = hashlib.sha256(live.resolve().read_bytes()).hexdigest()
    [item] = returns.receive([(path.name, path.read_bytes())], live, "thống kê")
    assert item.status == "unrecognised" and [p.code for p in item.ret.problems] == ["return_no_form"]
    assert "trang ẩn" in item.ret.problems[0].message(Translator("vi"))
    assert hashlib.sha256(live.resolve().read_bytes()).hexdigest() == before


def test_a_second_return_for_the_period_stands_and_the_first_is_kept(made, tmp_path):
    folder, live = made
    code = "00025"
    before = sum(1 for e in returns.Register(live).entries() if e.get("commune") == code and e["action"] == "received")
    first = openpyxl.load_workbook(_book(folder, code))
    first["Cụm công nghiệp"]["C4"] = 1.5 if first["Cụm công nghiệp"]["A4"].value else None
    path = tmp_path / _book(folder, code).name
    first.save(path)
    [one] = returns.receive([(path.name, path.read_bytes())], live, "a")
    shutil.copy(_book(folder, code), path)  # then the commune sends the workbook back unchanged
    [two] = returns.receive([(path.name, path.read_bytes())], live, "b")
    assert two.earlier is not None and two.earlier["sha256"] == one.ret.sha256
    with duckdb.connect(str(live.resolve()), read_only=True) as con:
        every = returns.communes(con)
    row = returns.board(every, returns.Register(live).entries(), returns.Period.parse(PERIOD)).set_index("code").loc[code]
    assert row["status"] == "no_change" and row["returns"] == before + 2


def test_a_return_may_not_remove_a_cluster_that_measurements_point_to(made, tmp_path):
    folder, live = made
    code, site_id = _records(live, """select s.commune_code, s.site_id from sites s join wastewater_plants p using (site_id)
                                      order by s.commune_code limit 1""")[0]
    book = openpyxl.load_workbook(_book(folder, code))
    sheet = book["Cụm công nghiệp"]
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == site_id)
    sheet.cell(row=row, column=8, value="Xóa")
    path = tmp_path / _book(folder, code).name
    book.save(path)
    [item] = returns.receive([(path.name, path.read_bytes())], live, "thống kê")
    [problem] = [p for p in item.ret.problems if p.code == "return_remove_referenced"]
    assert problem.row == row and "trạm xử lý nước thải" in problem.message(Translator("vi"))


def test_periods_are_written_as_the_department_writes_them():
    assert returns.Period.parse("2026-h1").label == "6 tháng đầu năm 2026"
    assert returns.Period.parse("2026-Q3").due.isoformat() == "2026-10-15"
    assert returns.Period.parse("2025").label == "năm 2025"
    with pytest.raises(ValueError):
        returns.Period.parse("H1 2026")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_import_page_shows_the_board_of_126_communes_and_a_return_taken_in(made, demo_db, monkeypatch, tmp_path,
                                                                               lang):
    from streamlit.testing.v1 import AppTest

    from industry.app import admin
    from tests.conftest import ROOT
    from tests.test_page_import import _sign_in, run

    folder, _live = made
    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)  # the database the workbooks were made from, with a register of its own
    monkeypatch.setenv("DASHBOARD_DB", str(live))
    monkeypatch.setenv(admin.ENV_VAR, "right")
    monkeypatch.setattr(admin, "_failures", {})
    book = openpyxl.load_workbook(_book(folder, "00577"))
    book["Làng nghề"]["D4"] = 75
    path = tmp_path / _book(folder, "00577").name
    book.save(path)
    returns.receive([(path.name, path.read_bytes())], live, "Trần Thị B")
    at = _sign_in(run(lang=lang), "Trần Thị B", "right")  # the Import page, signed in
    assert not at.exception, at.exception
    tr = Translator(lang)
    board = at.dataframe[-1].value
    assert len(board) == 126
    row = board[board[tr("returns.col_code")] == "00577"].iloc[0]
    assert row[tr("returns.col_status")] == tr("returns.status_pending") and row[tr("returns.col_commune")] == "Xã Bát Tràng"
    assert (board[tr("returns.col_status")] == tr("returns.status_not_returned")).sum() == 125
    title = tr("returns.board", period=returns.Period.parse(PERIOD).label, returned=1, total=126)
    assert any(title in m.value for m in at.markdown)
    picker = at.multiselect(key="returns_chosen")
    assert picker.options == ["Xã Bát Tràng · Bat Trang"]  # found typed with or without accents
    at = picker.set_value(["00577"]).run()
    at = at.button(key="returns_accept").click().run()
    assert not at.exception, at.exception
    assert _records(live, "select households from craft_villages where village_id = 'V0001'") == [(75,)]
    assert [m.value for m in at.success][-1] == tr("returns.accepted", communes="Xã Bát Tràng")
    board = at.dataframe[-1].value
    assert board[board[tr("returns.col_code")] == "00577"].iloc[0][tr("returns.col_status")] == tr(
        "returns.status_accepted")
    # the village's figures now say whose they are: on the Map page's table of villages
    import datetime as dt

    from industry.core import formats

    shown = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    shown.switch_page("pages/map.py")
    shown.query_params.update({"lang": lang, "commune": "00577"})
    shown.session_state["card_map_villages_table"] = True  # the list of villages, opened as a reader does
    shown.run()
    assert not shown.exception, shown.exception
    [villages] = [d.value for d in shown.dataframe if tr("col.households") in d.value.columns]
    reported = villages[villages[tr("provenance.col")] != tr("provenance.none")]
    assert len(reported) == 1  # the one village the return changed; no other says it was reported
    assert reported[tr("provenance.col")].iloc[0] == tr(
        "provenance.returned", commune="Xã Bát Tràng", period=tr("period.H1", year=2026),
        date=formats.date(dt.datetime.now(dt.UTC).date().isoformat(), lang))
    assert cells.number(reported[tr("col.households")].iloc[0]) == 75


def test_a_commune_profile_offers_the_communes_own_workbook(app):
    at = app("pages/commune.py", commune="00577", lang="vi")
    assert not at.exception, at.exception
    [button] = [b for b in at.get("download_button") if b.proto.label.startswith("Tải mẫu báo cáo của Xã Bát Tràng")]
    assert "kỳ 6 tháng" in button.proto.label


def test_a_dataset_is_overdue_once_its_cycle_has_passed():
    from industry.data import owners

    monitoring = owners.datasets()["monitoring"]
    assert monitoring.cycle_months == 3 and monitoring.owner.startswith("Phòng Kỹ thuật an toàn")
    assert not owners.overdue(monitoring, "2026-09-05", dt.date(2026, 12, 4))
    assert owners.overdue(monitoring, "2026-09-04", dt.date(2026, 12, 4))
    assert [d.key for d in owners.of_page("wastewater")] == ["monitoring", "clusters", "report_forms"]


def test_the_pages_name_each_datasets_owner_and_date_and_the_overview_the_communes_not_returned(made, demo_db,
                                                                                               monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    from industry.core import formats
    from tests.conftest import ROOT

    folder, _live = made
    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    monkeypatch.setenv("DASHBOARD_DB", str(live))
    tr = Translator("vi")

    def page(name: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.switch_page(name)
        at.query_params["lang"] = "vi"
        at.run()
        assert not at.exception, at.exception
        return at

    owner = "Phòng Quản lý công nghiệp, Sở Công Thương Hà Nội"
    old = formats.date("2025-12-31", "vi")
    villages = page("pages/villages.py")
    keeper = tr("chart.keeper", dataset=tr("dataset.craft_villages"), owner=owner, date=old)
    assert any(keeper in c.value for c in villages.caption)  # under every chart: whose list it is, and how fresh
    late = tr("banner.overdue", dataset=tr("dataset.clusters"), date=old, months=6, owner=owner)
    assert any(late in c.value for c in villages.caption)  # a cluster list is due every half-year
    overview = page("pages/overview.py")
    period = returns.current_period()
    missing = tr("returns.overview_missing", n=126, total=126, period=period.label)
    assert missing in [e.label for e in overview.expander]
    # a commune returns its workbook with a village changed; it is accepted: the village list is fresh again
    code = "00577"
    with duckdb.connect(str(live), read_only=True) as con:
        made_now = returns.workbook(con, returns.Commune(code, "Xã Bát Tràng"), period)
    book = openpyxl.load_workbook(io.BytesIO(made_now))
    book["Cụm công nghiệp"]["C4"] = 9.75
    path = tmp_path / returns.file_name(code, "Xã Bát Tràng", period)
    book.save(path)
    [item] = returns.receive([(path.name, path.read_bytes())], live, "Trần Thị B")
    assert item.status == "pending"
    assert returns.accept([code], period.code, live, "Trần Thị B").ok
    villages = page("pages/villages.py")
    today = formats.date(dt.datetime.now(dt.UTC).date().isoformat(), "vi")
    assert any(tr("chart.keeper", dataset=tr("dataset.clusters"), owner=owner, date=today) in c.value
               for c in villages.caption)
    assert not any(late in c.value for c in villages.caption)  # the cluster list is fresh again
    overview = page("pages/overview.py")
    assert tr("returns.overview_missing", n=125, total=126, period=period.label) in [e.label for e in overview.expander]


def test_a_reported_records_tooltip_on_the_map_says_whose_figures_they_are(demo_db, tmp_path):
    import datetime as dt_

    import duckdb as duck

    from industry.core import formats
    from industry.data import metrics
    from industry.figures import mapdeck

    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    period = returns.current_period()
    with duck.connect(str(live), read_only=True) as con:
        data = returns.workbook(con, returns.Commune("00577", "Xã Bát Tràng"), period)
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["Cụm công nghiệp"]["C4"] = 8.75
    site_id = book["Cụm công nghiệp"]["A4"].value
    path = tmp_path / returns.file_name("00577", "Xã Bát Tràng", period)
    book.save(path)
    returns.receive([(path.name, path.read_bytes())], live, "Trần Thị B")
    assert returns.accept(["00577"], period.code, live, "Trần Thị B").ok
    tr = Translator("vi")
    with duck.connect(str(live.resolve()), read_only=True) as con:
        sources = metrics.record_sources(con, "sites")
        sites = metrics.map_sites(con, 2025, ("00577",))

    class Ctx:  # what provenance.words reads of a page's context
        def __init__(self):
            self.tr = tr

        def date(self, value):
            return formats.date(value, "vi")

    from industry.figures import provenance

    said = {str(r["record_id"]): provenance.words(Ctx(), r) for r in sources.to_dict("records")}
    [record] = [r for r in mapdeck.site_records(sites, tr, said) if r["site_id"] == site_id]
    today = formats.date(dt_.datetime.now(dt_.UTC).date().isoformat(), "vi")
    assert (f"{tr('provenance.tt')} Theo báo cáo của Xã Bát Tràng, kỳ {period.label}, nhập ngày {today}"
            in record["tooltip"])


@pytest.mark.parametrize("edit", [
    {"period": "../../../tmp/x"}, {"commune_code": "../00577"}, {"commune_code": "99999"}, {"sent": "{not json"},
    {"form": "something else"},
])
def test_a_workbook_whose_hidden_sheet_was_edited_is_not_taken_for_a_communes_return(made, tmp_path, edit):
    folder, live = made
    book = openpyxl.load_workbook(_book(folder, "00577"))
    hidden = book["_ky_bao_cao"]
    for row in hidden.iter_rows():
        key = row[0].value
        if key in edit:
            row[1].value = edit[key]
        elif "sent" in edit and isinstance(key, str) and key.startswith("craft_villages:"):
            row[1].value = edit["sent"]
    path = tmp_path / "tra-lai.xlsx"
    book.save(path)
    before = sorted(p.relative_to(tmp_path.parent) for p in tmp_path.parent.rglob("*"))
    [item] = returns.receive([(path.name, path.read_bytes())], live, "thống kê")
    assert item.status == "unrecognised" and [p.code for p in item.ret.problems] == ["return_no_form"]
    added = set(p.relative_to(tmp_path.parent) for p in tmp_path.parent.rglob("*")) - set(before)
    assert all("returns" in p.parts and "unknown-" in p.name for p in added if p.is_file()), added


def test_the_command_line_speaks_the_officials_language(made, capsys):
    folder, live = made
    assert returns.main(["take", str(folder / "khong-co.xlsx"), "--db", str(live)]) == 2
    assert capsys.readouterr().err.strip() == f"Không có tệp: {folder / 'khong-co.xlsx'}"
    assert returns.main(["take", str(folder / "missing.xlsx"), "--db", str(live), "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith("No such file: ")


@pytest.mark.parametrize(("year", "programme"), [(2024, "industrial_promotion_2021_2025"), (2026, "industrial_promotion_2026_2030"),
                                                 (2031, "industrial_promotion_2026_2030"), (2019, "industrial_promotion_2021_2025")])
def test_a_new_activity_joins_the_programme_of_its_years(year, programme):
    assert returns.programme_of(year) == programme
