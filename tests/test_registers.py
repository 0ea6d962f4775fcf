"""Enterprise registers and certificate lists as the department keeps them: one address column, the sector in words,
the number of employees written 1.250, founding dates and years, certificates written "ISO 9001:2015" with dates in
any of the common forms; built into a database in .xlsx, .xls, .ods and CSV, and the supporting-industry figures the
pages read equal an independent count from the files."""

from __future__ import annotations

import duckdb
import pytest

from industry.core.i18n import Translator
from industry.files import department, importer
from tests.test_department import CLUSTERS, MERGES, _build
from tests.test_layouts import csv_1258, ods, xls, xlsx

TITLE = [["UBND THÀNH PHỐ HÀ NỘI"], ["SỞ CÔNG THƯƠNG"], [],
         ["DANH SÁCH DOANH NGHIỆP CÔNG NGHIỆP HỖ TRỢ TRÊN ĐỊA BÀN THÀNH PHỐ"], []]
REGISTER = TITLE + [
    ["STT", "Tên doanh nghiệp", "Mã số thuế", "Địa chỉ", "Ngành sản xuất", "Số lao động", "Năm thành lập",
     "Khu, cụm công nghiệp"],
    [1, "Công ty TNHH Cơ khí Chính xác Vân Hà", "0101234567", "Thôn Vân Hà, xã Vân Hà, huyện Đông Anh, Hà Nội",
     "Cơ khí chính xác", "85", "2012", "CCN Vân Hà"],
    [2, "Công ty CP Điện tử Cổ Loa", "0109876543", "Xã Cổ Loa, Đông Anh", "Sản xuất linh kiện điện tử", "1.250",
     "15/03/2018", ""],
    [3, "Công ty TNHH May Phú Nghĩa", "", "Xã Phú Nghĩa, huyện Chương Mỹ", "Dệt may", "320", "2010",
     "Cụm công nghiệp Phú Nghĩa"],
    [4, "Hợp tác xã Gốm Phú Nghĩa", "0100000001", "Xã Phú Nghĩa, huyện Chương Mỹ", "Gốm sứ", "8", "2020", ""],
    ["", "Tổng cộng", "", "", "", "1.663", "", ""],
]
CERTIFICATES = [
    ["DANH SÁCH DOANH NGHIỆP ĐƯỢC CẤP CHỨNG NHẬN HỆ THỐNG QUẢN LÝ"], [],
    ["STT", "Tên doanh nghiệp", "Mã số thuế", "Chứng nhận", "Ngày cấp", "Ngày hết hạn"],
    [1, "Công ty TNHH Cơ khí Chính xác Vân Hà", "0101234567", "ISO 9001:2015", "15/03/2022", "14/03/2025"],
    [2, "Công ty CP Điện tử Cổ Loa", "", "ISO 14001:2015", "2023-01-10", "ngày 9 tháng 1 năm 2026"],
    [3, "Công ty TNHH May Phú Nghĩa", "", "IATF 16949:2016", "10.06.2021", "09.06.2024"],
]
MAKERS = {"xlsx": lambda rows: xlsx(rows, []), "xls": lambda rows: xls(rows, []), "ods": ods, "csv": csv_1258}


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_a_register_and_its_certificates_build_the_supporting_industry_figures(kind, tmp_path):
    status, out = _build(tmp_path, {"danh_sach_ccn.xlsx": xlsx(CLUSTERS, MERGES),
                                    f"doanh_nghiep_cnht.{kind}": MAKERS[kind](REGISTER),
                                    f"chung_nhan.{kind}": MAKERS[kind](CERTIFICATES)})
    assert status == 0
    with duckdb.connect(str(out), read_only=True) as con:
        firms = {r[0]: r[1:] for r in con.sql(
            "select name, enterprise_id, commune_code, site_id, sector, supporting_industry, employees, size,"
            " founded_year from enterprises").fetchall()}
        certificates = sorted(con.sql("select enterprise_id, standard, issued_on::varchar, expires_on::varchar"
                                      " from certifications").fetchall())
        by_year = dict(con.sql("select year, sum(si_certified_count) from enterprise_year where year in (2022, 2023)"
                               " group by year").fetchall())
    vanha, coloa, may, gom = (firms[n] for n in (
        "Công ty TNHH Cơ khí Chính xác Vân Hà", "Công ty CP Điện tử Cổ Loa", "Công ty TNHH May Phú Nghĩa",
        "Hợp tác xã Gốm Phú Nghĩa"))
    assert vanha == (101234567, "00475", "CCN-00475-van-ha", "precision_engineering", True, 85, "small", 2012)
    assert coloa[1:] == ("00454", None, "electronics", True, 1250, "large", 2018)  # 1.250 people, 15/03/2018
    assert may[1:4] == ("10030", "CCN-10030-phu-nghia", "textiles_garments") and may[5:7] == (320, "large")
    assert may[0] > 10**12  # no tax code: an id made from the name and the commune
    assert gom[3:] == ("other", True, 8, "micro", 2020)
    assert certificates == sorted([
        (101234567, "ISO 9001", "2022-03-15", "2025-03-14"),
        (109876543, "ISO 14001", "2023-01-10", "2026-01-09"),  # found by its name in the register
        (may[0], "IATF 16949", "2021-06-10", "2024-06-09"),
    ])
    # certified on 31 December, counted from the files (the years run to the last certificate issued, 2023):
    # 2022 two (Cổ Loa's came in January 2023), 2023 all three
    assert by_year == {2022: 2, 2023: 3}


def test_a_register_without_an_id_keeps_its_ids_next_year(tmp_path):
    first, _, _ = importer.read_files([("dn.xlsx", xlsx(REGISTER, []))])
    again, _, _ = importer.read_files([("dn_2025.xlsx", xlsx(REGISTER, []))])
    assert [r[0] for r in first[0].rows] == [r[0] for r in again[0].rows]


def test_an_unknown_enterprise_a_split_address_and_no_supporting_industry_mark_are_said(tmp_path):
    register = [list(r) for r in REGISTER]
    register[3] = ["DANH SÁCH DOANH NGHIỆP"]  # the title no longer says "công nghiệp hỗ trợ"
    register[7][3] = "Số 12, P. Quan Hoa, Q. Cầu Giấy, HN"  # Quan Hoa was split in 2025
    certificates = [list(r) for r in CERTIFICATES] + [[4, "Công ty Không Có", "", "ISO 9001:2015", "01/02/2023", ""]]
    checked = importer.check([("dn.xlsx", xlsx(register, [])), ("cn.xlsx", xlsx(certificates, []))])
    lines = [p.line(Translator("vi")) for p in checked.problems.listed()]
    assert any("dn.xlsx" in line and "CNHT" in line for line in lines), lines
    split = next(line for line in lines if "Quan Hoa" in line)
    assert "dòng 8" in split and "cột D (Địa chỉ)" in split and "(00160)" in split and "(00166)" in split
    assert any("cn.xlsx" in line and "dòng 7" in line and "Công ty Không Có" in line and "mã số thuế" in line
               for line in lines), lines
    status, out = _build(tmp_path, {"dn.xlsx": xlsx(register, []), "cn.xlsx": xlsx(certificates, [])})
    assert status == 2 and not out.exists()


def test_standards_sectors_and_sizes_as_written():
    assert department.standard_name("ISO 9001:2015") == "ISO 9001"
    assert department.standard_name("iso14001") == "ISO 14001"
    assert department.standard_name("ISO 45001 : 2018") == "ISO 45001"
    assert department.standard_name("GMP-WHO") == "GMP-WHO"
    assert department.sector_of("Sản xuất linh kiện điện tử") == "electronics"
    assert department.sector_of("May mặc xuất khẩu") == "textiles_garments"
    assert department.sector_of("Kinh doanh bất động sản") == "other"
    assert [department._size(n) for n in (10, 11, 100, 101, 200, 201)] == [
        "micro", "small", "small", "medium", "medium", "large"]


def test_a_register_with_certificate_columns_feeds_both_tables():
    rows = [list(r) for r in REGISTER]
    rows[5] += ["Chứng nhận", "Ngày cấp", "Ngày hết hạn"]
    rows[6] += ["ISO 9001:2015", "15/03/2022", "14/03/2025"]
    rows[8] += ["ISO 14001:2015", "10.06.2021", ""]
    for row in rows[7:]:
        row += [""] * (len(rows[5]) - len(row))
    checked = importer.check([("danh_sach_ccn.xlsx", xlsx(CLUSTERS, MERGES)), ("dn.xlsx", xlsx(rows, []))])
    assert checked.ok, [p.line(Translator("en")) for p in checked.problems.listed()]
    assert [m.table for m in checked.readings[1].mappings] == ["enterprises", "certifications"]
    certificates = checked.tables["certifications"]
    assert list(certificates["standard"]) == ["ISO 9001", "ISO 14001"]
    assert certificates["enterprise_id"].iloc[0] == 101234567
    assert str(certificates["issued_on"].iloc[1]) == "2021-06-10"
