"""A file changes only what it covers: the department's monitoring results for a few clusters replace the
measurements of those clusters and dates and keep every other; a cluster list updates the clusters it names, adds
the new ones and keeps the parks and every cluster it does not name; replacing a whole table is the reader's choice."""

from __future__ import annotations

import re
import shutil

import duckdb
import pytest

from industry.core.i18n import Translator
from industry.files import importer
from tests.test_layouts import xlsx


@pytest.fixture()
def live(demo_db, tmp_path):
    path = tmp_path / "live.duckdb"
    shutil.copy(demo_db, path)
    return path


def _two_sampled_clusters(con) -> list[tuple[str, str]]:
    """Two named clusters with samples in 2025: (site_id, name_vi)."""
    return con.sql("""
        select s.site_id, s.name_vi from sites s
        where s.kind = 'cluster' and not s.is_demo
          and s.site_id in (select site_id from wastewater_samples where year(sampled_on) = 2025)
        order by s.site_id limit 2""").fetchall()


def test_monitoring_results_of_a_few_clusters_keep_every_other_measurement(live):
    with duckdb.connect(str(live), read_only=True) as con:
        clusters = _two_sampled_clusters(con)
        before = con.table("wastewater_samples").count("*").fetchall()[0][0]
        covered = con.execute("select count(*) from wastewater_samples where site_id in (?, ?) and sampled_on = ?",
                              [clusters[0][0], clusters[1][0], "2025-03-15"]).fetchall()[0][0]
        others = dict(con.execute("select site_id, status from site_year where year = 2025 and site_id not in (?, ?)",
                                  [clusters[0][0], clusters[1][0]]).fetchall())
    rows = [["KẾT QUẢ QUAN TRẮC NƯỚC THẢI SAU XỬ LÝ NĂM 2025"], [],
            ["STT", "Tên cụm công nghiệp", "Ngày lấy mẫu", "pH", "COD (mg/l)", "TSS (mg/l)"],
            ["", "QCVN 40:2011/BTNMT (cột B)", "", "5,5 - 9", "150", "100"],
            [1, clusters[0][1], "15/03/2025", "7,2", "84,5", "<5"],
            [2, clusters[1][1], "15/03/2025", "7,0", "180", "60"]]
    checked = importer.check([("quan_trac_2025.xlsx", xlsx(rows, []))], base=live)
    assert checked.ok, [p.line(Translator("en")) for p in checked.problems.listed()]
    assert checked.replace == frozenset()
    outcome = importer.import_files([("quan_trac_2025.xlsx", xlsx(rows, []))], live, "tester")
    assert outcome.ok and outcome.replaced == ["wastewater_samples"] and outcome.whole == []
    with duckdb.connect(str(live), read_only=True) as con:
        after = con.table("wastewater_samples").count("*").fetchall()[0][0]
        assert after == before - covered + 6  # the file's six measurements; every other kept
        assert dict(con.execute("select site_id, status from site_year where year = 2025 and site_id not in (?, ?)",
                                [clusters[0][0], clusters[1][0]]).fetchall()) == others
        second = con.execute("select status from site_year where year = 2025 and site_id = ?",
                             [clusters[1][0]]).fetchall()
        assert second == [("not_compliant",)]  # COD 180 > 150 on 15 March 2025


def test_a_cluster_list_updates_the_clusters_it_names_and_keeps_the_parks(live):
    with duckdb.connect(str(live), read_only=True) as con:
        before = dict(con.sql("select kind, count(*) from sites group by kind").fetchall())
        (site_id, name, commune), = con.sql(
            "select s.site_id, s.name_vi, c.full_name_vi from sites s join communes c on c.code = s.commune_code "
            "where s.kind = 'cluster' and not s.is_demo and s.name_vi like 'Cụm công nghiệp %' "
            "and s.site_id in (select site_id from wastewater_samples) order by s.site_id limit 1").fetchall()
    rows = [["DANH SÁCH CỤM CÔNG NGHIỆP"],
            ["TT", "Tên cụm công nghiệp", "Địa điểm", "Diện tích (ha)"],
            [1, name, commune, "99,9"],
            [2, "CCN Hoàn Toàn Mới", "Xã Bát Tràng", "12"]]
    outcome = importer.import_files([("ccn.xlsx", xlsx(rows, []))], live, "tester")
    assert outcome.ok, [p.line(Translator("en")) for p in outcome.problems]
    with duckdb.connect(str(live), read_only=True) as con:
        after = dict(con.sql("select kind, count(*) from sites group by kind").fetchall())
        assert after == before | {"cluster": before["cluster"] + 1}  # one new; parks and the hi-tech park kept
        assert con.execute("select area_ha from sites where site_id = ?", [site_id]).fetchall() == [(99.9,)]
        assert con.execute("select count(*) from wastewater_samples where site_id = ?", [site_id]).fetchall()[0][0] > 0


def test_replacing_a_whole_table_is_a_choice_said_before_it_is_made(live):
    rows = [["TT", "Tên cụm công nghiệp", "Địa điểm", "Diện tích (ha)"], [1, "CCN Hoàn Toàn Mới", "Xã Bát Tràng", "12"]]
    checked = importer.check([("ccn.xlsx", xlsx(rows, []))], base=live, replace=["all"])
    # the plants, samples and enterprises of the clusters the whole list removes would point nowhere: said
    assert {p.code for p in checked.problems.listed()} >= {"kept_ref"}
    for lang in ("en", "vi"):  # in the reader's words: what is kept and what would be removed, no database names
        said = " ".join(p.message(Translator(lang)) for p in checked.problems.listed() if p.code == "kept_ref")
        assert ("clusters and parks" if lang == "en" else "khu, cụm công nghiệp") in said
        assert not re.search(r"\bsites\b|site_id|wastewater_", said), said
    assert importer.check([("ccn.xlsx", xlsx(rows, []))], base=live).ok  # added beside the others, it goes in


def test_what_the_import_will_change_is_said_before_and_kept_after(live, capsys):
    from industry.data import metrics

    with duckdb.connect(str(live), read_only=True) as con:
        clusters = _two_sampled_clusters(con)
    rows = [["STT", "Tên cụm công nghiệp", "Ngày lấy mẫu", "pH", "COD (mg/l)"],
            [1, clusters[0][1], "15/03/2025", "7,2", "300"], [2, clusters[1][1], "15/03/2025", "7,0", "310"]]
    path = live.parent / "quan_trac.xlsx"
    path.write_bytes(xlsx(rows, []))
    assert importer.main([str(path), "--check", "--db", str(live), "--lang", "vi"]) == 0
    printed = capsys.readouterr().out
    assert "Nhập sẽ thay đổi (số liệu năm 2025):" in printed
    assert "kết quả quan trắc nước thải: thêm" in printed
    foreseen = importer.foresee(importer.check([("quan_trac.xlsx", path.read_bytes())], base=live), live)
    city = {f.key: (f.before, f.after) for f in foreseen.figures if not f.scope}
    with duckdb.connect(str(live), read_only=True) as con:
        before = metrics.clusters_by_year(con).set_index("year").loc[2025, "compliance_pct"]
    assert city["compliance"][0] == before
    outcome = importer.import_files([("quan_trac.xlsx", path.read_bytes())], live, "tester")
    assert outcome.ok
    with duckdb.connect(str(live), read_only=True) as con:
        after = metrics.clusters_by_year(con).set_index("year").loc[2025, "compliance_pct"]
    assert city["compliance"][1] == after < before  # COD 300 and 310 fail the limit of 150: what was said happened
    (entry,) = [e for e in importer.Store(live).history() if e["outcome"] == "installed"]
    assert entry["change"]["figures"][1] == {"figure": "compliance", "commune": None, "before": before, "after": after}
    assert entry["change"]["tables"]["wastewater_samples"]["added"] + entry["change"]["tables"][
        "wastewater_samples"]["changed"] > 0


def test_an_import_that_removes_much_says_so(live):
    with duckdb.connect(str(live), read_only=True) as con:
        clusters = _two_sampled_clusters(con)
    rows = [["STT", "Tên cụm công nghiệp", "Ngày lấy mẫu", "pH"], [1, clusters[0][1], "15/03/2025", "7,2"]]
    data = xlsx(rows, [])
    assert not importer.foresee(importer.check([("qt.xlsx", data)], base=live), live).removes_many
    whole = importer.foresee(importer.check([("qt.xlsx", data)], base=live, replace=["all"]), live)
    (samples,) = whole.tables
    assert samples.removes_many and samples.after == 1 and samples.removed > 0.9 * samples.before


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_change_tables_have_a_name_for_each_column(live, lang):
    from industry.core import formats
    from industry.files import changes

    rows = [["TT", "Tên cụm công nghiệp", "Địa điểm", "Diện tích (ha)"], [1, "CCN Hoàn Toàn Mới", "Xã Bát Tràng", "12"]]
    foreseen = importer.foresee(importer.check([("ccn.xlsx", xlsx(rows, []))], base=live), live)
    tr = Translator(lang)
    for frame in (changes.frame(foreseen, tr, lambda v: formats.number(v, lang), lambda v: formats.percent(v, lang)),
                  changes.records_frame(foreseen, tr, lambda v: formats.number(v, lang))):
        assert frame.columns.is_unique and len(frame), list(frame.columns)
