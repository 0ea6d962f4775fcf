"""The department's own lists built into a database as they are kept: a cluster list with its plant columns in .xlsx,
.xls, .ods and CSV, and a craft-village CSV from an older office PC; the figures the pages read equal what the files
say, counted here independently; a bad row is refused in the file's own terms and nothing is written."""

from __future__ import annotations

import duckdb
import pytest

from industry.build import main as build_main
from industry.core.i18n import Translator
from industry.files import department, importer, labels
from tests.fixtures.import_.make import cp1258
from tests.test_layouts import LETTERHEAD, csv_1258, ods, xls, xlsx

HEADER = [["STT", "Tên cụm công nghiệp", "Địa điểm", "", "Diện tích (ha)", "Năm đi vào hoạt động", "Tình trạng",
           "Trạm xử lý nước thải tập trung", ""],
          ["", "", "Xã, phường", "Quận, huyện", "", "", "", "Có/Không", "Công suất (m³/ngày đêm)"]]
MERGES = [(6, 0, 7, 0), (6, 1, 7, 1), (6, 2, 6, 3), (6, 4, 7, 4), (6, 5, 7, 5), (6, 6, 7, 6), (6, 7, 6, 8)]
BODY = [["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
        ["I", "HUYỆN ĐÔNG ANH", "", "", "", "", "", "", ""],
        [1, "CCN Vân Hà", "Xã Vân Hà", "", "65,5", 2012, "Đang hoạt động", "Có", "1.200"],
        [2, "Cụm công nghiệp Cổ Loa", "Xã Cổ Loa", "", "15,59", 2018, "Đang hoạt động", "x", ""],
        ["II", "HUYỆN CHƯƠNG MỸ", "", "", "", "", "", "", ""],
        [3, "CCN Phú Nghĩa", "Xã Phú Nghĩa", "Huyện Chương Mỹ", "170", 2010, "Đang hoạt động", "", ""],
        [4, "CCN làng nghề Sơn Đồng", "Xã Sơn Đồng", "Huyện Hoài Đức", "10,2", "", "Đang đầu tư xây dựng hạ tầng",
         "", ""],
        ["", "Tổng cộng", "", "", "261,29", "", "", "", "1.200"],
        ["Ghi chú: số liệu đến 31/12/2024"]]
CLUSTERS = LETTERHEAD + HEADER + BODY
VILLAGES = ("DANH SÁCH LÀNG NGHỀ ĐƯỢC CÔNG NHẬN;;;;;;\n"
            "STT;Tên làng nghề;Ngành nghề;Xã (cũ);Huyện (cũ);Năm được công nhận;Số lao động\n"
            "1;Làng nghề điêu khắc Sơn Đồng;Điêu khắc;Xã Sơn Đồng;Huyện Hoài Đức;2004;1.533\n"
            "2;Làng nghề mây tre đan Phú Vinh;Mây tre đan;Xã Phú Nghĩa;Huyện Chương Mỹ;2010;2.100\n"
            "3;Làng gốm Vạn Phúc;Gốm;Xã Vạn Phúc;Huyện Thanh Trì;;300\n"
            ";Cộng;;;;;3.933\n")
MAKERS = {"xlsx": lambda: xlsx(CLUSTERS, MERGES), "xls": lambda: xls(CLUSTERS, MERGES), "ods": lambda: ods(CLUSTERS),
          "csv": lambda: csv_1258(CLUSTERS)}


def _build(tmp_path, files: dict[str, bytes], lang: str = "en") -> tuple[int, object]:
    folder = tmp_path / "files"
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    out = tmp_path / "dept.duckdb"
    return build_main(["--from", str(folder), "--out", str(out), "--quiet", "--lang", lang]), out


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_a_cluster_list_and_a_village_list_build_a_database_as_they_are(kind, tmp_path):
    status, out = _build(tmp_path, {f"danh_sach_ccn.{kind}": MAKERS[kind](), "lang_nghe.csv": cp1258(VILLAGES)})
    assert status == 0
    with duckdb.connect(str(out), read_only=True) as con:
        sites = {r[0]: r[1:] for r in con.sql(
            "select name_vi, kind, commune_code, area_ha, status, craft_village_cluster, location_precision, imputed,"
            " site_id from sites").fetchall()}
        plants = dict(con.sql("select s.name_vi, p.capacity_m3_per_day from wastewater_plants p join sites s"
                              " using (site_id)").fetchall())
        villages = con.sql("select commune_code, count(*), sum(workers), count(*) filter (recognised)"
                           " from craft_villages group by all order by 1").fetchall()
        limits = con.sql("select count(*) from wastewater_limits where standard = 'QCVN 40:2011/BTNMT B'").fetchall()[0]
    # names in full, kind from the name, statuses and numbers as written (decimal comma, thousands dot)
    assert set(sites) == {"Cụm công nghiệp Vân Hà", "Cụm công nghiệp Cổ Loa", "Cụm công nghiệp Phú Nghĩa",
                          "Cụm công nghiệp làng nghề Sơn Đồng"}
    assert sites["Cụm công nghiệp Vân Hà"][:5] == ("cluster", "00475", 65.5, "operating", None)  # not said: unknown
    assert sites["Cụm công nghiệp Cổ Loa"][1:3] == ("00454", 15.59)  # the section row gave the former district
    assert sites["Cụm công nghiệp làng nghề Sơn Đồng"][3:5] == ("under_construction", True)
    # no coordinates in the file: placed at the commune's point, said to be approximate
    assert {s[5:7] for s in sites.values()} == {("commune", "lon,lat")}
    assert sites["Cụm công nghiệp Vân Hà"][7] == "CCN-00475-van-ha"  # made from the name and the commune
    assert plants == {"Cụm công nghiệp Vân Hà": 1200.0, "Cụm công nghiệp Cổ Loa": None}
    assert limits[0] > 0  # the bundled regulation's limits for the standard the plants meet
    # the villages, counted by commune as the CSV says (Sơn Đồng 09871, Phú Nghĩa 10030, Vạn Phúc 00685)
    assert villages == [("00685", 1, 300, 0), ("09871", 1, 1533, 1), ("10030", 1, 2100, 1)]


def test_the_wastewater_figures_equal_the_file(tmp_path):
    status, out = _build(tmp_path, {"danh_sach_ccn.xlsx": xlsx(CLUSTERS, MERGES)})
    assert status == 0
    with duckdb.connect(str(out), read_only=True) as con:
        year = int(con.sql("select value from dataset_info where key = 'last_year'").fetchall()[0][0])
        counted, plant, compliant = con.sql(
            "select count(*) filter (counted), count(*) filter (counted and has_plant),"
            " count(*) filter (counted and compliant) from site_year where year = $y", params={"y": year}).fetchall()[0]
    # independently, from the file: three clusters in operation, two with a plant (Vân Hà, Cổ Loa; "Có" and
    # "x"), no monitoring sample, so none compliant
    assert (counted, plant, compliant) == (3, 2, 0)


def test_next_years_file_updates_the_same_records(tmp_path):
    status, out = _build(tmp_path, {"danh_sach_ccn.xlsx": xlsx(CLUSTERS, MERGES)})
    assert status == 0
    with duckdb.connect(str(out), read_only=True) as con:
        before = dict(con.sql("select name_vi, site_id from sites").fetchall())
    renamed = [list(r) for r in CLUSTERS]
    for row in renamed:
        if row[1:2] == ["CCN Vân Hà"]:
            row[1] = "Cụm CN Vân Hà"  # written another way next year
    known = importer._known(out)
    found, problems, readings = importer.read_files([("2025.xlsx", xlsx(renamed, MERGES))], out)
    assert not problems
    ids = {r[2]: r[0] for s in found if s.name == "sites" for r in s.rows}
    assert ids["Cụm công nghiệp Vân Hà"] == before["Cụm công nghiệp Vân Hà"]
    assert known["sites"][(department.name_key("CCN Vân Hà"), "00475")] == before["Cụm công nghiệp Vân Hà"]


def test_a_split_old_commune_and_an_unknown_word_are_refused_in_the_files_terms(tmp_path):
    bad = [list(r) for r in CLUSTERS]
    for row in bad:
        if row[1:2] == ["CCN Vân Hà"]:
            row[2] = "Xã Nguyên Khê"  # split in 2025 between Phúc Thịnh and Thư Lâm
        if row[1:2] == ["CCN Phú Nghĩa"]:
            row[6] = "Tạm dừng"  # a status word the dashboard does not know
    checked = importer.check([("danh_sach_ccn.xlsx", xlsx(bad, MERGES))])
    assert not checked.ok
    tr = Translator("vi")
    lines = [p.line(tr) for p in checked.problems.listed()]
    split = next(line for line in lines if "Nguyên Khê" in line)
    assert "dòng 11" in split and "cột C (Địa điểm – Xã, phường)" in split
    assert "Phúc Thịnh (00466)" in split and "Thư Lâm (00475)" in split
    word = next(line for line in lines if "Tạm dừng" in line)
    assert "dòng 14" in word and "cột G (Tình trạng)" in word and "Đang hoạt động" in word
    assert not any("cột lon" in line or "cột lat" in line for line in lines)  # said once, by the place
    assert len(checked.problems) == 2
    status, out = _build(tmp_path, {"danh_sach_ccn.xlsx": xlsx(bad, MERGES)})
    assert status == 2 and not out.exists()  # a refused build leaves no file


def test_names_kinds_and_standards_as_written():
    assert department.site_name("KCN Thăng Long") == ("Khu công nghiệp Thăng Long", "industrial_park", False)
    assert department.site_name("Khu công nghệ cao Hòa Lạc")[1] == "high_tech_park"
    assert department.name_key("CCN Hoà Lạc") == department.name_key("Cụm công nghiệp Hòa Lạc")
    assert department.standard_of("QCVN 40:2011/BTNMT, cột B") == "QCVN 40:2011/BTNMT B"
    assert department.standard_of("QCVN 40:2011/BTNMT (cột A)") == "QCVN 40:2011/BTNMT A"


def test_a_mapping_is_saved_changed_applied_and_remembered(tmp_path, capsys):
    import json

    status, live = _build(tmp_path, {"danh_sach_ccn.xlsx": xlsx(CLUSTERS, MERGES)})
    assert status == 0
    source = tmp_path / "2025.xlsx"
    source.write_bytes(xlsx(CLUSTERS, MERGES))
    saved = tmp_path / "mapping.json"
    assert importer.main([str(source), "--check", "--db", str(live), "--save-mapping", str(saved)]) == 0
    assert "B “Tên cụm công nghiệp” → name_vi (1.00)" in capsys.readouterr().out
    mapping = json.loads(saved.read_text(encoding="utf-8"))
    sheet = mapping["sheets"][0]
    assert sheet["tables"]["sites"]["B"] == "name_vi" and sheet["tables"]["wastewater_plants"]["I"] == \
        "capacity_m3_per_day"
    del sheet["tables"]["sites"]["E"]  # the reader says column E is not the area
    saved.write_text(json.dumps(mapping, ensure_ascii=False), encoding="utf-8")
    assert importer.main([str(source), "--check", "--db", str(live), "--mapping", str(saved)]) == 0
    assert "(read by the mapping confirmed" in capsys.readouterr().out
    checked = importer.check([("2025.xlsx", source.read_bytes())], live,
                             saved=importer.load_mappings(saved.read_bytes()))
    assert checked.ok and checked.tables["sites"]["area_ha"].isna().all()
    # an import remembers the mapping it used: the next file with the same header is read by it
    store_live = tmp_path / "live.duckdb"
    store_live.write_bytes(live.read_bytes())
    outcome = importer.import_files([("2025.xlsx", source.read_bytes())], store_live, "test",
                                    saved=importer.load_mappings(saved.read_bytes()))
    assert outcome.ok, outcome.problems
    remembered = importer.Store(store_live).mappings()
    assert [e["fingerprint"] for e in remembered] == [department.fingerprint(checked.readings[0].layout.header)]
    again = importer.check([("2026.xlsx", source.read_bytes())], store_live,
                           saved=importer.Store(store_live).mappings())
    assert again.readings[0].remembered and again.tables["sites"]["area_ha"].isna().all()
    with pytest.raises(ValueError):
        importer.load_mappings(b"[1, 2]")


def test_a_word_the_dashboard_does_not_know_is_given_its_code_once_and_remembered(tmp_path):
    bad = [list(r) for r in CLUSTERS]
    for row in bad:
        if row[1:2] == ["CCN Phú Nghĩa"]:
            row[6] = "Tạm dừng hoạt động"  # the office's own word for a cluster that stopped
    files = [("danh_sach_ccn.xlsx", xlsx(bad, MERGES))]
    checked = importer.check(files)
    assert [p.code for p in checked.problems.listed()] == ["unknown_word"]
    tr = Translator("vi")
    (view,) = department.views(checked, tr)
    words = {(f, w): c for f, _label, w, c in view.words.itertuples(index=False)}
    # in the reader's words: what each word is read as, never a code; an unknown word reads as nothing yet
    assert words[("sites.status", "Tạm dừng hoạt động")] == "" and words[("sites.status", "Đang hoạt động")] == \
        "đang hoạt động"
    assert words[("wastewater_plants.has_plant", "x")] == "có"
    assert set(view.columns["Cột này là"]) >= {"Khu, cụm công nghiệp · Tên", "Khu, cụm công nghiệp · Tình trạng",
                                                "— không dùng —", "Trạm xử lý của cụm · Công suất (m³/ngày đêm)"}
    assert "None" not in view.columns.to_string() and "sites." not in view.columns.to_string()
    # the reader says what the word means on the Import page: the check runs again with it, and it is kept
    options = labels.field_options(tr)
    letters = {letter: options[label] for letter, label in zip(view.columns["Cột"], view.columns["Cột này là"],
                                                                 strict=True)}
    record = department.edited(view.record, letters, [("sites.status", "Tạm dừng hoạt động", None, "planned")])
    assert record["words"] == {"sites.status": {"Tạm dừng hoạt động": "planned"}}
    again = importer.check(files, saved=[record])
    assert again.ok, [p.line(Translator("en")) for p in again.problems.listed()]
    sites = again.tables["sites"].set_index("name_vi")
    assert sites.loc["Cụm công nghiệp Phú Nghĩa", "status"] == "planned"
    assert department.record(again.readings[0])["words"] == record["words"]
