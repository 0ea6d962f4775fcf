"""Monitoring results as the department keeps them: a sample a row and a parameter a column, a row of the
standard's limits under the header, results written <0,5 and KPH, dates as 15/03/2024; built with the cluster list
they name, in .xlsx, .xls, .ods and CSV; the compliance the pages read equals an independent count from the files."""

from __future__ import annotations

import duckdb
import pytest

from industry.core.i18n import Translator
from industry.files import department, importer
from tests import independent
from tests.test_department import CLUSTERS, MERGES, _build
from tests.test_layouts import csv_1258, ods, xls, xlsx

TITLE = [["UBND THÀNH PHỐ HÀ NỘI"], ["SỞ CÔNG THƯƠNG"], [],
         ["KẾT QUẢ QUAN TRẮC NƯỚC THẢI SAU XỬ LÝ CỦA CÁC CỤM CÔNG NGHIỆP NĂM 2024"], []]
HEADER = [["STT", "Tên cụm công nghiệp", "Ngày lấy mẫu", "pH", "COD (mg/l)", "BOD5 (mg/l)", "TSS (mg/l)",
           "Amoni (tính theo N) (mg/l)", "Tổng phốt pho (tính theo P) (mg/l)"]]
LIMITS = ["", "QCVN 40:2011/BTNMT (cột B)", "", "5,5 - 9", "150", "50", "100", "10", "6"]
SAMPLES = [[1, "CCN Vân Hà", "15/03/2024", "7,2", "84,5", "30", "<5", "KPH", "1,2"],
           [2, "CCN Vân Hà", "16/09/2024", "7,4", "96", "35,5", "42", "<0,5", "0,8"],
           [3, "Cụm CN Cổ Loa", "20/03/2024", "7,0", "180", "40", "60", "8,1", "2,1"],
           [4, "Cụm công nghiệp Cổ Loa", "18/09/2024", "6,9", "120", "-", "55", "KPH", ""],
           ["Ghi chú: KPH: không phát hiện; <: nhỏ hơn giới hạn phát hiện của phương pháp"]]
MONITORING = TITLE + HEADER + [LIMITS] + SAMPLES
MAKERS = {"xlsx": lambda rows: xlsx(rows, []), "xls": lambda rows: xls(rows, []), "ods": ods, "csv": csv_1258}


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_monitoring_results_laid_out_wide_build_the_compliance_of_the_year(kind, tmp_path):
    status, out = _build(tmp_path, {"danh_sach_ccn.xlsx": xlsx(CLUSTERS, MERGES),
                                    f"quan_trac_2024.{kind}": MAKERS[kind](MONITORING)})
    assert status == 0
    with duckdb.connect(str(out), read_only=True) as con:
        samples = con.sql("select s.name_vi, w.sampled_on::varchar, w.parameter, w.value, w.unit, w.qualifier"
                          " from wastewater_samples w join sites s using (site_id)").fetchall()
        figures = con.sql("select count(*) filter (counted), count(*) filter (counted and compliant),"
                          " list(site_id order by site_id) filter (counted and not compliant and has_plant)"
                          " from site_year where year = 2024").fetchall()[0]
    # one measurement per filled cell (4 samples × 6 parameters, less the "-" and the empty cell)
    assert len(samples) == 22
    rows = {(name, day, prm): (value, unit, qualifier) for name, day, prm, value, unit, qualifier in samples}
    assert rows[("Cụm công nghiệp Vân Hà", "2024-03-15", "COD")] == (84.5, "mg/l", None)
    assert rows[("Cụm công nghiệp Vân Hà", "2024-03-15", "TSS")] == (5.0, "mg/l", "below")
    assert rows[("Cụm công nghiệp Vân Hà", "2024-03-15", "ammonium_n")] == (None, "mg/l", "not_detected")
    assert rows[("Cụm công nghiệp Vân Hà", "2024-09-16", "ammonium_n")] == (0.5, "mg/l", "below")
    assert rows[("Cụm công nghiệp Vân Hà", "2024-03-15", "pH")] == (7.2, None, None)
    assert ("Cụm công nghiệp Cổ Loa", "2024-09-18", "BOD5") not in rows  # "-": not measured
    # the limits row is no sample; compliance as counted independently from the database's own tables
    expected = independent.compliance(out, 2024)
    assert figures[0] == len(expected["counted"]) == 3
    assert figures[1] == len(expected["compliant"]) == 1  # Vân Hà: within every limit, <0,5 and KPH included
    assert set(figures[2]) == expected["failing"] == {"CCN-00454-co-loa"}
    assert {s: p for s, p in expected["failed_parameters"].items() if p} == {"CCN-00454-co-loa": {"COD"}}  # 180 > 150


def test_the_limits_row_and_the_note_are_left_out_with_their_rows():
    checked = importer.check([("danh_sach_ccn.xlsx", xlsx(CLUSTERS, MERGES)),
                              ("quan_trac_2024.xlsx", xlsx(MONITORING, []))])
    assert checked.ok, [p.line(Translator("en")) for p in checked.problems.listed()]
    reading = next(r for r in checked.readings if r.mappings[0].table == "wastewater_samples")
    reasons = {o.row: o.reason for o in reading.layout.left_out}
    assert reasons[7] == "limits" and reasons[12] == "note"
    lines = "\n".join(importer.mapping_lines(checked, Translator("en")))
    assert "row 7 left out (limits of the standard)" in lines
    assert "E “COD (mg/l)” → parameter:COD (1.00)" in lines
    assert "H “Amoni (tính theo N) (mg/l)” → parameter:ammonium_n (1.00)" in lines


def test_a_site_the_files_do_not_name_a_bad_result_and_a_wrong_unit_are_refused(tmp_path):
    bad = [list(r) for r in MONITORING]
    bad[5][6] = "TSS (g/l)"  # another unit than the standard's
    bad[7][1] = "CCN Không Có"  # no such cluster
    bad[9][4] = "cao"  # no result
    checked = importer.check([("danh_sach_ccn.xlsx", xlsx(CLUSTERS, MERGES)), ("qt.xlsx", xlsx(bad, []))])
    lines = [p.line(Translator("vi")) for p in checked.problems.listed()]
    assert any("dòng 8" in line and "cột B (Tên cụm công nghiệp)" in line and "CCN Không Có" in line
               for line in lines), lines
    assert any("dòng 10" in line and "cột E (COD (mg/l))" in line and "'cao'" in line for line in lines), lines
    assert any("cột G (TSS (g/l))" in line and "mg/l" in line for line in lines), lines
    assert len(checked.problems) == 3, lines
    status, out = _build(tmp_path, {"danh_sach_ccn.xlsx": xlsx(CLUSTERS, MERGES), "qt.xlsx": xlsx(bad, [])})
    assert status == 2 and not out.exists()


def test_results_name_the_sites_of_the_database_they_join(tmp_path):
    status, base = _build(tmp_path, {"danh_sach_ccn.xlsx": xlsx(CLUSTERS, MERGES)})
    assert status == 0
    checked = importer.check([("quan_trac_2024.ods", ods(MONITORING))], base)
    assert checked.ok
    assert set(checked.tables["wastewater_samples"]["site_id"]) == {"CCN-00475-van-ha", "CCN-00454-co-loa"}


def test_two_sites_of_one_name_are_never_guessed_between():
    known = {"sites": {(department.name_key("CCN Thanh Oai"), "10237"): "CCN-A",
                       (department.name_key("Cụm công nghiệp Thanh Oai"), "10240"): "CCN-B"}}
    rows = TITLE + HEADER + [[1, "CCN Thanh Oai", "15/03/2024", "7", "80", "", "", "", ""]]
    from industry.files import headers, layouts

    layout = layouts.read("qt.xlsx", xlsx(rows, []))[0][0]
    reading = department.read(layout, headers.propose(layout), known)
    assert [(p.code, p.params["candidates"]) for p in reading.problems] == [("site_ambiguous", "CCN-A, CCN-B")]
