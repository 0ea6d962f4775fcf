"""A database built from nothing but the department's own files, as they keep them (a cluster list, monitoring
results laid out wide, a craft-village list, an enterprise register, a certificate list and yearly figures with a
column per year): every page runs on it, and the figures the pages show equal what the files say, counted here
independently of the dashboard."""

from __future__ import annotations

import pytest

from industry.core.i18n import Translator
from industry.files import department, importer
from tests import cells
from tests.conftest import PAGES, ROOT
from tests.fixtures.import_.make import cp1258
from tests.test_department import CLUSTERS, MERGES, VILLAGES, _build
from tests.test_layouts import ods, xls, xlsx
from tests.test_monitoring import MONITORING
from tests.test_registers import CERTIFICATES, REGISTER

YEARLY = [["UBND THÀNH PHỐ HÀ NỘI"], ["SỞ CÔNG THƯƠNG"], [],
          ["KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU CHỦ YẾU NGÀNH CÔNG THƯƠNG"], [],
          ["STT", "Chỉ tiêu", "Đơn vị tính", 2021, 2022, "Năm 2023", "TH 2024", "Kế hoạch 2025", "Ghi chú"],
          [1, "Tốc độ tăng giá trị tăng thêm ngành công nghiệp", "%", "6,9", "7,2", "7,6", "7,8", "7 - 7,5", ""],
          [2, "Tăng trưởng xuất khẩu", "%", "4,1", "-", "4,8", "5,2", "4 - 5", ""],
          [3, "Số doanh nghiệp công nghiệp hỗ trợ", "DN", "950", "1.010", "1.060", "1.120", "1.200", ""],
          [4, "Số lớp tập huấn cho cán bộ", "lớp", "", "", "2", "3", "2", ""],
          ["Ghi chú: số liệu năm 2024 là ước thực hiện"]]
FILES = {"danh_sach_ccn.xlsx": lambda: xlsx(CLUSTERS, MERGES), "quan_trac_2024.ods": lambda: ods(MONITORING),
         "lang_nghe.csv": lambda: cp1258(VILLAGES), "doanh_nghiep_cnht.xls": lambda: xls(REGISTER, []),
         "chung_nhan.xlsx": lambda: xlsx(CERTIFICATES, []), "chi_tieu.xlsx": lambda: xlsx(YEARLY, [])}


@pytest.fixture(scope="module")
def department_db(tmp_path_factory):
    status, out = _build(tmp_path_factory.mktemp("department"), {name: make() for name, make in FILES.items()})
    assert status == 0
    return out


def test_yearly_figures_with_a_column_per_year_become_one_value_a_year():
    checked = importer.check([("chi_tieu.xlsx", FILES["chi_tieu.xlsx"]())])
    assert checked.ok, [p.line(Translator("en")) for p in checked.problems.listed()]
    rows = {(r.indicator, r.year): (r.value, r.unit) for r in checked.tables["programme_progress"].itertuples()}
    assert rows == {("industry_added_value_growth", 2021): (6.9, "%"), ("industry_added_value_growth", 2022): (7.2, "%"),
                    ("industry_added_value_growth", 2023): (7.6, "%"), ("industry_added_value_growth", 2024): (7.8, "%"),
                    ("export_turnover_growth", 2021): (4.1, "%"), ("export_turnover_growth", 2023): (4.8, "%"),
                    ("export_turnover_growth", 2024): (5.2, "%"), ("official_training_courses", 2023): (2.0, "lớp"),
                    ("official_training_courses", 2024): (3.0, "lớp")}  # "Kế hoạch 2025" is a plan, not a figure
    left = {o.row: o.reason for o in checked.readings[0].layout.left_out}
    assert left[9] == "computed"  # the supporting-industry count comes from the register, not typed in twice


def test_an_indicator_the_programmes_do_not_have_is_refused_with_those_they_do():
    rows = [list(r) for r in YEARLY]
    rows[7][1] = "Số chợ được xây mới"
    checked = importer.check([("chi_tieu.xlsx", xlsx(rows, []))])
    (line,) = [p.line(Translator("vi")) for p in checked.problems.listed()]
    assert "dòng 8" in line and "cột B (Chỉ tiêu)" in line and "Tăng trưởng kim ngạch xuất khẩu" in line
    assert department.indicator_of("Tăng trưởng xuất khẩu") == ("export_turnover_growth", 1.0)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_departments_own_files(department_db, monkeypatch, page):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DASHBOARD_DB", str(department_db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.switch_page(page)
    at.query_params["year"] = "2024"
    at.run()
    assert not at.exception, at.exception


def test_the_pages_show_the_files_figures(department_db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DASHBOARD_DB", str(department_db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.switch_page("pages/wastewater.py")
    at.query_params["year"] = "2024"
    at.query_params["lang"] = "en"
    at.run()
    text = " ".join(str(m.value) for m in at.metric) + " " + " ".join(s.value for s in at.subheader)
    # from the files: 3 clusters operating in 2024 (Vân Hà, Cổ Loa, Phú Nghĩa), Vân Hà within every limit
    # (its <5 and KPH included), Cổ Loa over the COD limit, Phú Nghĩa without a plant: 1 of 3
    assert "33.3" in text, text
    at.switch_page("pages/programmes.py")
    at.run()
    card = at.dataframe[0].value
    row = card[card["Indicator"].str.contains("industry added value", case=False)]
    assert cells.numbers(row["Achieved so far"]) == [7.8], card[["Indicator", "Achieved so far"]]
