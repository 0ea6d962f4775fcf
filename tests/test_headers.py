"""Headers as departments write them, matched to the data model by meaning, with a confidence."""

import pytest

from industry.files import headers, layouts
from tests.test_layouts import csv_1258, xlsx


@pytest.mark.parametrize(("written", "table", "column"), [
    ("Tên cụm công nghiệp", "sites", "name_vi"), ("TÊN CCN", "sites", "name_vi"), ("ten ccn", "sites", "name_vi"),
    ("Diện tích (ha)", "sites", "area_ha"), ("Dien tich(ha)", "sites", "area_ha"),
    ("Năm đi vào hoạt động", "sites", "opened_year"), ("Tình trạng", "sites", "status"),
    ("Công suất (m³/ngày đêm)", "wastewater_plants", "capacity_m3_per_day"),
    ("Quy chuẩn áp dụng", "wastewater_plants", "standard"), ("Ngày lấy mẫu", "wastewater_samples", "sampled_on"),
    ("Tên làng nghề", "craft_villages", "name_vi"), ("Ngành nghề", "craft_villages", "craft_vi"),
    ("Số hộ", "craft_villages", "households"), ("Số lao động", "craft_villages", "workers"),
    ("Area (ha)", "sites", "area_ha"), ("Company name", "enterprises", "name"),
])
def test_the_words_departments_use(written, table, column):
    found = headers.fields(written, {table})
    assert found and (found[0].column, found[0].confidence) == (column, 1.0), found


def test_a_header_only_like_a_word_gets_a_confidence_below_one():
    (best, *_) = headers.fields("Tên các cụm công nghiệp", {"sites"})
    assert best.column == "name_vi" and 0.82 <= best.confidence < 1.0
    # what a header writes in brackets after its name (a unit, an abbreviation) is read apart
    assert headers.fields("Tên cụm công nghiệp (CCN)", {"sites"})[0].confidence == 1.0
    assert headers.fields("Amoni (tính theo N) (mg/l)")[0].column == "parameter:ammonium_n"
    assert headers.fields("Số điện thoại", {"sites"}) == []


def test_a_cluster_list_feeds_sites_and_their_plants():
    (layout,), _ = layouts.read("ccn.xlsx", xlsx())
    proposals = headers.propose(layout)
    assert [p.table for p in proposals] == ["sites", "wastewater_plants"]
    sites = {c: letter for letter, _, c, _ in proposals[0].described(layout)}
    assert sites == {"name_vi": "B", "old_commune": "C", "old_district": "D", "area_ha": "E"}
    plants = {c: letter for letter, _, c, _ in proposals[1].described(layout)}
    assert plants == {"has_plant": "F", "capacity_m3_per_day": "G"}


def test_a_village_list_from_an_older_office_pc_feeds_craft_villages():
    rows = [["Tên làng nghề", "Ngành nghề", "Xã (cũ)", "Huyện (cũ)", "Năm được công nhận", "Số hộ", "Số lao động"],
            ["Làng gốm Bát Tràng", "Gốm sứ", "Xã Bát Tràng", "Huyện Gia Lâm", "2003", "1.100", "1.533"],
            ["Cộng", "", "", "", "", "1.100", "1.533"]]
    (layout,), _ = layouts.read("lang_nghe.csv", csv_1258(rows))
    (proposal,) = headers.propose(layout)
    assert proposal.table == "craft_villages"
    assert {c: letter for letter, _, c, _ in proposal.described(layout)} == {
        "name_vi": "A", "craft_vi": "B", "old_commune": "C", "old_district": "D", "recognised_year": "E",
        "households": "F", "workers": "G"}


def test_an_enterprise_register_with_one_address_column():
    rows = [["STT", "Tên doanh nghiệp", "Mã số thuế", "Địa chỉ trụ sở", "Số lao động", "Năm thành lập"],
            [1, "Công ty A", "0101234567", "Số 5, P. Dịch Vọng Hậu, Q. Cầu Giấy, HN", 120, 2010]]
    (layout,), _ = layouts.read("dn.xlsx", xlsx(rows, []))
    (proposal,) = headers.propose(layout)
    assert proposal.table == "enterprises"
    assert {c: letter for letter, _, c, _ in proposal.described(layout)} == {
        "name": "B", "enterprise_id": "C", "address": "D", "employees": "E", "founded_year": "F"}


def test_english_headers_and_a_title_that_names_the_table():
    rows = [["LIST OF CRAFT VILLAGES (LÀNG NGHỀ)"], [], ["Village name", "Craft", "Commune", "Workers"],
            ["Bát Tràng", "Pottery", "Xã Bát Tràng", 1533]]
    (layout,), _ = layouts.read("v.xlsx", xlsx(rows, []))
    (proposal,) = headers.propose(layout)
    assert proposal.table == "craft_villages" and proposal.columns[0].column == "name_vi"


def test_the_importer_check_prints_the_proposed_mapping_of_a_department_file(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    path = tmp_path / "danh_sach_ccn.xlsx"
    path.write_bytes(xlsx())
    done = subprocess.run([sys.executable, "-m", "industry.importer", str(path), "--check", "--db",
                           str(tmp_path / "none.duckdb")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    out = done.stdout
    assert "danh_sach_ccn.xlsx, CCN: header on rows 7–8, 3 rows of data" in out
    assert "row 15 left out (total)" in out and "row 10 left out (section heading): I HUYỆN ĐÔNG ANH" in out
    assert "B “Tên cụm công nghiệp” → name_vi (1.00)" in out
    assert "G “Trạm xử lý nước thải tập trung – Công suất (m³/ngày đêm)” → capacity_m3_per_day (1.00)" in out
    assert done.returncode in (0, 1), done.stderr  # checked: 0 when it can go in, 1 with the problems listed
