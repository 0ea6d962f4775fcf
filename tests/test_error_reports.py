"""Readers' error reports: kept as typed whatever they hold, several processes writing at once, a browser limited to a
few in a few minutes, each change of status logged, a CSV no spreadsheet reads as formulas, open reports counted in
the open-data package; and, in Chromium through industry.serve, a report made on one process seen by the
administrator on the other."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import multiprocessing
import shutil
import unicodedata

import pytest

from industry.data import error_reports as er

HOSTILE = [
    "<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "**đậm** [link](http://example.com)",
    "=HYPERLINK(\"http://evil\",\"bấm\")", "+SUM(1,2)", "-1+2", "@cmd", "=1+1", "\tTab đầu", "'; drop table reports; --",
    "Diện tích sai: 65,5 → 75 ha", "面积错误", "مساحة خاطئة", "שגיאה", "ошибка площади", "🏭💧 sai", "e\u0301 tách dấu",
    "a" * 100_000, "dòng 1\ndòng 2", "\u202eđảo chiều",
]


def _report(i: int) -> er.Report:
    return er.Report(page="wastewater", filters="Hà Nội, 2025", about=HOSTILE[i % len(HOSTILE)][:80],
                     what=HOSTILE[i % len(HOSTILE)], right_value=HOSTILE[(i + 3) % len(HOSTILE)][:2000],
                     source=HOSTILE[(i + 5) % len(HOSTILE)][:2000], contact=HOSTILE[(i + 7) % len(HOSTILE)][:300],
                     dataset="monitoring", record_id=f"S{i:03d}")


def test_200_hostile_reports_are_kept_as_typed_and_change_nothing_else(demo_db, tmp_path):
    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    before = hashlib.sha256(live.read_bytes()).hexdigest()
    numbers = [er.add(live, _report(i), client=f"browser-{i}") for i in range(200)]
    assert numbers == list(range(1, 201))
    kept = {r["id"]: r for r in er.rows(live)}
    for i, number in enumerate(numbers):
        typed = HOSTILE[i % len(HOSTILE)]
        expected = "".join(ch for ch in unicodedata.normalize("NFC", typed)
                           if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()
        assert kept[number]["what"] == expected  # as typed: no markup read, no entity, no escape
        assert kept[number]["status"] == "new"
    assert len(kept[numbers[17]]["what"]) == 100_000
    assert kept[numbers[16]]["what"] == "é tách dấu"  # NFC
    assert hashlib.sha256(live.read_bytes()).hexdigest() == before  # the live database is untouched
    # a spreadsheet opening the CSV reads text, never a formula
    from industry.app.error_desk import reports_csv

    rows = list(csv.reader(io.StringIO(reports_csv(live).decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    what = header.index("what")
    assert all(not r[what].startswith(("=", "+", "-", "@", "\t", "\r")) for r in body)
    assert any(r[what] == "'=HYPERLINK(\"http://evil\",\"bấm\")" for r in body)
    assert "client" not in header


def test_a_browser_may_send_a_few_reports_in_a_few_minutes(tmp_path):
    live = tmp_path / "live.duckdb"
    now = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)
    for minute in range(er.RATE[0]):
        er.add(live, _report(10), client="one", now=now + dt.timedelta(minutes=minute))
    with pytest.raises(er.RateLimited):
        er.add(live, _report(10), client="one", now=now + dt.timedelta(minutes=er.RATE[0]))
    er.add(live, _report(10), client="another", now=now + dt.timedelta(minutes=er.RATE[0]))  # another browser may
    er.add(live, _report(10), client="one", now=now + dt.timedelta(seconds=er.RATE[1] + 1))  # and later, this one
    assert len(er.rows(live)) == er.RATE[0] + 2
    with pytest.raises(ValueError):
        er.add(live, er.Report(page="map", filters="", about="x", what="  \n "), client="three")


def _write_many(args) -> int:
    live, start = args
    for i in range(start, start + 25):
        er.add(live, _report(i), client=f"process-{start}-{i}")
    return 25


def test_four_processes_write_reports_at_once(tmp_path):
    live = tmp_path / "live.duckdb"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        assert sum(pool.map(_write_many, [(live, s) for s in (0, 100, 200, 300)])) == 100
    kept = er.rows(live)
    assert len(kept) == 100 and len({r["id"] for r in kept}) == 100


def test_each_change_of_status_is_logged_and_open_reports_are_counted_in_the_package(demo_db, tmp_path):
    from industry.outputs import opendata

    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    first = er.add(live, _report(10), client="a")
    second = er.add(live, er.Report(page="villages", filters="", about="Làng gốm Bát Tràng", what="Số hộ sai",
                                    dataset="craft_villages", record_id="V0001"), client="b")
    er.set_status(live, first, "checking", "Trần Thị B")
    er.set_status(live, first, "corrected", "Trần Thị B", corrected_by="20261205T080000Z-abc.duckdb")
    er.set_status(live, second, "not_error", "Lê Văn C", note="Số hộ theo Quyết định công nhận")
    log = er.history(live, first)
    assert [(e["old_status"], e["new_status"], e["who"]) for e in log] == [
        (None, "new", "reader"), ("new", "checking", "Trần Thị B"), ("checking", "corrected", "Trần Thị B")]
    kept = {r["id"]: r for r in er.rows(live)}
    assert kept[first]["corrected_by"] == "20261205T080000Z-abc.duckdb"
    assert kept[second]["why"] == "Số hộ theo Quyết định công nhận"
    third = er.add(live, er.Report(page="villages", filters="", about="Làng nghề", what="Thiếu làng",
                                   dataset="craft_villages"), client="c")
    assert er.open_counts(live) == {"craft_villages": 1}
    with pytest.raises(er.Unknown):
        er.set_status(live, 999, "checking", "x")
    package = json.loads(opendata.publish_beside(live).read_text(encoding="utf-8"))
    counts = {r["name"]: r.get("open_reports") for r in package["resources"]}
    assert counts["craft-villages"] == 1 and counts["clusters"] == 0
    assert third == 3


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_administrator_moves_a_report_on_from_the_import_page(demo_db, tmp_path, monkeypatch, lang):

    from industry.app import admin
    from industry.core.i18n import Translator
    from tests.test_page_import import _sign_in, run

    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    monkeypatch.setenv("DASHBOARD_DB", str(live))
    monkeypatch.setenv(admin.ENV_VAR, "right")
    monkeypatch.setattr(admin, "_failures", {})
    number = er.add(live, _report(3), client="reader")
    at = _sign_in(run(lang=lang), "Trần Thị B", "right")  # the Import page, signed in
    assert not at.exception, at.exception
    tr = Translator(lang)
    [listed] = [d.value for d in at.dataframe if tr("wrong.col_what") in d.value.columns]
    assert listed[tr("wrong.col_what")].tolist() == [HOSTILE[3]]  # shown as typed
    at.selectbox(key="error_report_status").set_value("not_error")
    at.text_input(key="error_report_note").input("Số liệu đúng theo Biểu số 02")
    at = at.button(key="error_report_apply").click().run()
    assert not at.exception, at.exception
    assert [m.value for m in at.success][-1] == tr("wrong.applied", number=number, status=tr("wrong.status_not_error"))
    [kept] = er.rows(live)
    assert kept["status"] == "not_error" and kept["why"] == "Số liệu đúng theo Biểu số 02"


def test_every_chart_card_offers_to_report_an_error(app):
    at = app("pages/wastewater.py", lang="vi")
    cards = [b for b in at.button if b.key and b.key.endswith("_report")]
    assert len(cards) >= 4 and {b.label for b in cards} == {"Báo sai số liệu"}
