"""The data model: every table and column of the database, with its meaning and unit.

This module is the one place where the data model is documented. The "Data model" section of docs/data-model.md
(linked from the README) is generated from it (``python -m industry.schema --readme``), the app's definitions read
it, and ``tests/test_schema.py`` fails when a column of the built database is missing here or that section is stale.

The DDL itself lives in ``queries/build/create_tables.sql``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace

from .metrics import ACTIVITIES_FROM


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    unit: str
    en: str
    vi: str


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    en: str
    vi: str
    columns: tuple[Column, ...] = field(default_factory=tuple)
    derived: bool = False  # built from the other tables by the builder (a mart)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name}.{name}")


C = Column

IS_DEMO = C(
    "is_demo", "BOOLEAN", "true/false",
    "True when the record is synthetic demonstration data, not an official record",
    "Đúng khi bản ghi là dữ liệu minh hoạ tổng hợp, không phải số liệu chính thức",
)
SOURCE = C("source", "VARCHAR", "text", "Where the record comes from (publication and URL, or the demo generator)",
           "Nguồn của bản ghi (ấn phẩm và địa chỉ, hoặc bộ sinh dữ liệu minh hoạ)")
SOURCE_VI = C("source_vi", "VARCHAR", "text",
              "The same citation in Vietnamese, shown on Vietnamese pages; empty: `source` is shown in both languages",
              "Nguồn bằng tiếng Việt, hiển thị trên trang tiếng Việt; trống: hiển thị `source` ở cả hai ngôn ngữ")
NOTE = C("note", "VARCHAR", "text",
         "What the source wrote where a number was expected ('Area (ha): Đang GPMB'), kept as it was written",
         "Điều nguồn ghi ở chỗ của một con số ('Diện tích (ha): Đang GPMB'), giữ nguyên như đã ghi")
IMPUTED = C(
    "imputed", "VARCHAR", "comma-separated column names",
    "Columns of a real, named record that the demonstration generator filled in because the source gives none",
    "Các cột của một bản ghi thật mà bộ sinh dữ liệu minh hoạ điền vào vì nguồn không cho biết",
)
LOCATION_PRECISION = C(
    "location_precision", "VARCHAR", "commune | district | city",
    "How the point was placed: inside the commune the source names (commune), inside a commune of the "
    "former district it names (district), or anywhere in the city (city)",
    "Cách đặt vị trí: trong xã/phường nguồn nêu (commune), trong một xã/phường thuộc huyện/quận cũ nguồn nêu "
    "(district) hoặc bất kỳ đâu trong thành phố (city)",
)

# tables the next import adds to a database made before them (nothing in them is needed to draw a page)
ADDED_BY_IMPORT = frozenset({"record_sources"})

TABLES: tuple[Table, ...] = (
    Table(
        "communes", "one row per commune-level unit (126)",
        "Hà Nội's 126 commune-level units (51 phường, 75 xã) since 1 July 2025",
        "126 đơn vị hành chính cấp xã của Hà Nội (51 phường, 75 xã) từ 1/7/2025",
        (
            C("code", "VARCHAR", "5-digit code", "Official commune code, zero-padded text", "Mã đơn vị hành chính (5 chữ số)"),
            C("name_vi", "VARCHAR", "text", "Name in Vietnamese, without the unit word", "Tên tiếng Việt, không kèm cấp"),
            C("name_en", "VARCHAR", "text", "Name without diacritics, as used in English", "Tên không dấu dùng trong tiếng Anh"),
            C("full_name_vi", "VARCHAR", "text", "Full name with the unit word (Phường …, Xã …)", "Tên đầy đủ kèm cấp (Phường …, Xã …)"),
            C("kind", "VARCHAR", "phường | xã", "Kind of unit: phường (urban ward) or xã (rural commune)", "Loại đơn vị: phường hoặc xã"),
            C("area_km2", "DOUBLE", "km²", "Published area", "Diện tích công bố"),
            C("lon", "DOUBLE", "degrees (WGS84)", "Longitude of a point inside the unit", "Kinh độ một điểm nằm trong đơn vị"),
            C("lat", "DOUBLE", "degrees (WGS84)", "Latitude of a point inside the unit", "Vĩ độ một điểm nằm trong đơn vị"),
            C("name_folded", "VARCHAR", "text", "Name folded for accent-free search (lower case, no diacritics, đ→d)",
              "Tên đã bỏ dấu, chữ thường, dùng để tìm kiếm"),
            C("geometry", "VARCHAR", "GeoJSON", "Full-resolution boundary (MultiPolygon)", "Ranh giới đầy đủ (MultiPolygon)"),
            C("geometry_simplified", "VARCHAR", "GeoJSON", "Boundary simplified for maps (about 20 m tolerance)",
              "Ranh giới đã giản lược cho bản đồ (sai số khoảng 20 m)"),
        ),
    ),
    Table(
        "commune_predecessors", "one row per (new commune, old unit) pair of the official conversion table (795)",
        "Which pre-July-2025 communes and wards (and their districts) each new commune was formed from",
        "Các xã, phường, thị trấn cũ (và quận, huyện cũ) hợp thành mỗi xã, phường mới",
        (
            C("code", "VARCHAR", "5-digit code", "New commune code", "Mã xã/phường mới"),
            C("old_code", "VARCHAR", "5-digit code", "Old commune/ward code", "Mã xã/phường cũ"),
            C("old_name", "VARCHAR", "text", "Old unit's full name", "Tên đầy đủ đơn vị cũ"),
            C("old_district_code", "VARCHAR", "3-digit code", "Old district code", "Mã quận/huyện cũ"),
            C("old_district", "VARCHAR", "text", "Old district's full name", "Tên quận/huyện cũ"),
            C("is_partial", "BOOLEAN", "true/false", "True when only part of the old unit went into this commune (the old unit was split)",
              "Đúng khi chỉ một phần đơn vị cũ nhập vào xã/phường này (đơn vị cũ bị chia)"),
            C("merge_note", "VARCHAR", "text", "The conversion table's note", "Ghi chú của bảng chuyển đổi"),
            C("old_name_folded", "VARCHAR", "text", "Old name without the unit word, folded for search", "Tên cũ bỏ cấp và dấu, dùng để tìm kiếm"),
            C("old_district_folded", "VARCHAR", "text", "Old district without the unit word, folded for search",
              "Tên quận/huyện cũ bỏ cấp và dấu, dùng để tìm kiếm"),
        ),
    ),
    Table(
        "sectors", "one row per sector (13 priority sectors + other)",
        "The 13 priority supporting-industry sectors of Decision 6126/QĐ-UBND, and `other`",
        "13 ngành công nghiệp hỗ trợ ưu tiên theo Quyết định 6126/QĐ-UBND, và `other` (khác)",
        (
            C("sector", "VARCHAR", "code", "Sector code", "Mã ngành"),
            C("name_en", "VARCHAR", "text", "English name", "Tên tiếng Anh"),
            C("name_vi", "VARCHAR", "text", "Vietnamese name", "Tên tiếng Việt"),
            C("priority", "BOOLEAN", "true/false", "True for the 13 priority sectors", "Đúng với 13 ngành ưu tiên"),
        ),
    ),
    Table(
        "sites", "one row per industrial cluster or park",
        "Industrial clusters (cụm công nghiệp), industrial parks (khu công nghiệp) and the Hòa Lạc Hi-Tech Park",
        "Cụm công nghiệp, khu công nghiệp và Khu công nghệ cao Hòa Lạc",
        (
            C("site_id", "VARCHAR", "id", "Site identifier", "Mã khu/cụm"),
            C("kind", "VARCHAR", "cluster | industrial_park | high_tech_park", "Kind of site", "Loại"),
            C("name_vi", "VARCHAR", "text", "Name in Vietnamese", "Tên tiếng Việt"),
            C("name_en", "VARCHAR", "text", "Name in English", "Tên tiếng Anh"),
            C("commune_code", "VARCHAR", "5-digit code", "Commune the site lies in", "Xã/phường nơi đặt khu/cụm"),
            C("lon", "DOUBLE", "degrees (WGS84)", "Longitude of the site's point", "Kinh độ"),
            C("lat", "DOUBLE", "degrees (WGS84)", "Latitude of the site's point", "Vĩ độ"),
            C("area_ha", "DOUBLE", "ha", "Area", "Diện tích"),
            C("status", "VARCHAR", "operating | under_construction | planned | empty",
              "Status at the end of the latest data year; empty when the source does not state it (not counted as operating)",
              "Tình trạng vào cuối năm dữ liệu gần nhất; trống khi nguồn không nêu (không tính là đang hoạt động)"),
            C("opened_year", "INTEGER", "year", "Year the site started operating (empty unless operating)",
              "Năm bắt đầu hoạt động (trống nếu chưa hoạt động)"),
            C("craft_village_cluster", "BOOLEAN", "true/false/empty", "True for a craft-village industrial cluster; empty when unknown",
              "Đúng với cụm công nghiệp làng nghề; trống khi chưa rõ"),
            C("established", "BOOLEAN", "true/false/empty",
              "True when a decision has established the cluster (đã thành lập), false when it is only planned; empty when unknown",
              "Đúng khi cụm đã có quyết định thành lập, sai khi mới trong phương án; trống khi chưa rõ"),
            NOTE,
            LOCATION_PRECISION, IMPUTED, IS_DEMO, SOURCE,
        ),
    ),
    Table(
        "wastewater_plants", "one row per site with a central wastewater treatment plant",
        "Central wastewater treatment plants of industrial clusters and parks",
        "Trạm xử lý nước thải tập trung của cụm, khu công nghiệp",
        (
            C("site_id", "VARCHAR", "id", "Site the plant serves", "Khu/cụm mà trạm phục vụ"),
            C("capacity_m3_per_day", "DOUBLE", "m³/day", "Design capacity", "Công suất thiết kế"),
            C("commissioned_year", "INTEGER", "year", "Year the plant started operating", "Năm đưa vào vận hành"),
            C("standard", "VARCHAR", "key of wastewater_limits", "Limits its discharge must meet (regulation and column)",
              "Quy chuẩn và cột giới hạn áp dụng cho nước thải đầu ra"),
            IS_DEMO,
        ),
    ),
    Table(
        "wastewater_limits", "one row per (standard, parameter, valid_from)",
        "Published limit values of the national technical regulation on industrial wastewater",
        "Giá trị giới hạn của quy chuẩn kỹ thuật quốc gia về nước thải công nghiệp",
        (
            C("standard", "VARCHAR", "text", "Regulation and column, e.g. `QCVN 40:2011/BTNMT B`", "Quy chuẩn và cột, ví dụ `QCVN 40:2011/BTNMT B`"),
            C("regulation", "VARCHAR", "text", "Regulation", "Quy chuẩn"),
            C("column_class", "VARCHAR", "A | B", "Column of the regulation's table (A: discharge into drinking-water sources)",
              "Cột của bảng giới hạn (A: xả vào nguồn nước dùng cho cấp nước sinh hoạt)"),
            C("parameter", "VARCHAR", "code", "Parameter code (pH, COD, BOD5, TSS, ammonium_n, total_nitrogen, …)", "Mã thông số"),
            C("parameter_vi", "VARCHAR", "text", "Parameter name in Vietnamese", "Tên thông số"),
            C("min_value", "DOUBLE", "unit", "Lowest permitted value (inclusive); empty when none", "Giá trị nhỏ nhất cho phép (bao gồm)"),
            C("max_value", "DOUBLE", "unit", "Highest permitted value C (inclusive); the demonstration data applies C directly, "
              "without the receiving-water and flow coefficients Kq and Kf", "Giá trị lớn nhất cho phép C (bao gồm); dữ liệu minh hoạ áp "
              "dụng trực tiếp C, không nhân hệ số Kq, Kf"),
            C("unit", "VARCHAR", "text", "Unit of the parameter (mg/l, °C, Pt/Co; empty for pH)", "Đơn vị"),
            C("valid_from", "DATE", "date", "Date the limit came into force", "Ngày có hiệu lực"),
        ),
    ),
    Table(
        "wastewater_samples", "one row per (site, date, parameter) measurement",
        "Measurements of treated wastewater at each plant's discharge", "Kết quả quan trắc nước thải sau xử lý",
        (
            C("site_id", "VARCHAR", "id", "Site sampled", "Khu/cụm được lấy mẫu"),
            C("sampled_on", "DATE", "date", "Sampling date", "Ngày lấy mẫu"),
            C("parameter", "VARCHAR", "code", "Parameter code (as in wastewater_limits)", "Mã thông số"),
            C("value", "DOUBLE", "unit", "Measured value; for a result below the method's detection limit (written <0,5) the limit; "
              "empty when nothing was detected (KPH)", "Giá trị đo; với kết quả dưới giới hạn phát hiện (ghi <0,5) là giới hạn đó; "
              "trống khi không phát hiện (KPH)"),
            C("unit", "VARCHAR", "text", "Unit of the value", "Đơn vị"),
            C("qualifier", "VARCHAR", "below | not_detected | empty",
              "below: under the detection limit in value; not_detected: không phát hiện (KPH); both are within a maximum limit",
              "below: dưới giới hạn phát hiện ghi ở cột giá trị; not_detected: không phát hiện (KPH); cả hai đều đạt giới hạn tối đa"),
            IS_DEMO,
        ),
    ),
    Table(
        "craft_villages", "one row per craft village or village with a craft",
        "Craft villages (làng nghề) and villages with a craft (làng có nghề)", "Làng nghề và làng có nghề",
        (
            C("village_id", "VARCHAR", "id", "Village identifier", "Mã làng nghề"),
            C("name_vi", "VARCHAR", "text", "Name in Vietnamese", "Tên tiếng Việt"),
            C("name_en", "VARCHAR", "text", "Name in English", "Tên tiếng Anh"),
            C("craft", "VARCHAR", "code", "Craft group (ceramics, lacquer, bamboo_rattan, …)", "Nhóm nghề"),
            C("craft_vi", "VARCHAR", "text", "Craft in the source's own words", "Nghề theo cách gọi của nguồn"),
            C("commune_code", "VARCHAR", "5-digit code", "Commune the village lies in", "Xã/phường nơi có làng nghề"),
            C("lon", "DOUBLE", "degrees (WGS84)", "Longitude", "Kinh độ"),
            C("lat", "DOUBLE", "degrees (WGS84)", "Latitude", "Vĩ độ"),
            C("recognised", "BOOLEAN", "true/false/empty", "True when recognised by the city People's Committee; empty when unknown",
              "Đúng khi đã được UBND thành phố công nhận; trống khi chưa rõ"),
            C("recognised_year", "INTEGER", "year", "Year of recognition", "Năm được công nhận"),
            C("households", "INTEGER", "households", "Households practising the craft", "Số hộ làm nghề"),
            C("workers", "INTEGER", "people", "Workers in the craft", "Số lao động làm nghề"),
            NOTE,
            LOCATION_PRECISION, IMPUTED, IS_DEMO, SOURCE,
        ),
    ),
    Table(
        "enterprises", "one row per enterprise",
        "Industrial enterprises, with the supporting-industry flag and priority sector",
        "Doanh nghiệp công nghiệp, có đánh dấu công nghiệp hỗ trợ và ngành ưu tiên",
        (
            C("enterprise_id", "BIGINT", "id", "Enterprise identifier", "Mã doanh nghiệp"),
            C("name", "VARCHAR", "text", "Name", "Tên"),
            C("commune_code", "VARCHAR", "5-digit code", "Commune of the registered address", "Xã/phường theo địa chỉ đăng ký"),
            C("site_id", "VARCHAR", "id", "Cluster or park it operates in; empty when outside any", "Khu/cụm nơi hoạt động; trống nếu ngoài khu/cụm"),
            C("sector", "VARCHAR", "code", "Priority sector (key of sectors), `other` when none", "Ngành ưu tiên (mã ngành), `other` nếu không thuộc"),
            C("supporting_industry", "BOOLEAN", "true/false",
              "An enterprise that produces materials, components or spare parts for the manufacture of finished products "
              "(supporting industry as defined by Decree 111/2015/NĐ-CP)",
              "Doanh nghiệp sản xuất nguyên liệu, vật liệu, linh kiện, phụ tùng cung cấp cho sản xuất sản phẩm hoàn chỉnh "
              "(công nghiệp hỗ trợ theo Nghị định 111/2015/NĐ-CP)"),
            C("employees", "INTEGER", "people", "Employees", "Số lao động"),
            C("size", "VARCHAR", "micro | small | medium | large",
              "Size by employees (Decree 80/2021 for industry: micro ≤10, small ≤100, medium ≤200, large >200)",
              "Quy mô theo lao động (Nghị định 80/2021, lĩnh vực công nghiệp: siêu nhỏ ≤10, nhỏ ≤100, vừa ≤200, lớn >200)"),
            C("founded_year", "INTEGER", "year", "Year founded", "Năm thành lập"),
            C("closed_year", "INTEGER", "year", "Year it stopped operating; empty while active", "Năm ngừng hoạt động; trống nếu đang hoạt động"),
            IS_DEMO,
        ),
    ),
    Table(
        "certifications", "one row per certificate",
        "International-standard certificates held by enterprises", "Chứng nhận tiêu chuẩn quốc tế của doanh nghiệp",
        (
            C("enterprise_id", "BIGINT", "id", "Enterprise holding it", "Doanh nghiệp được cấp"),
            C("standard", "VARCHAR", "text", "Standard (ISO 9001, ISO 14001, ISO 45001, IATF 16949, ISO 13485, GMP-WHO, ISO 22000, …)", "Tiêu chuẩn"),
            C("issued_on", "DATE", "date", "Issue date", "Ngày cấp"),
            C("expires_on", "DATE", "date", "Expiry date; empty when it does not expire", "Ngày hết hạn; trống nếu không thời hạn"),
            IS_DEMO,
        ),
    ),
    Table(
        "programme_targets", "one row per target",
        "Targets of Decisions 6069/QĐ-UBND and 6126/QĐ-UBND, the annual industry-and-trade plan and the 2021–2025 handicraft programme",
        "Chỉ tiêu của Quyết định 6069/QĐ-UBND, 6126/QĐ-UBND, kế hoạch công thương hằng năm và chương trình thủ công mỹ nghệ 2021–2025",
        (
            C("target_id", "VARCHAR", "id", "Target identifier (programme:indicator:target year)", "Mã chỉ tiêu"),
            C("programme", "VARCHAR", "code", "Programme", "Chương trình"),
            C("decision", "VARCHAR", "text", "Decision number; empty when the source names none", "Số quyết định"),
            C("period_start", "INTEGER", "year", "First year of the programme period", "Năm đầu giai đoạn"),
            C("period_end", "INTEGER", "year", "Last year of the programme period", "Năm cuối giai đoạn"),
            C("indicator", "VARCHAR", "code", "Indicator code", "Mã chỉ tiêu"),
            C("description_en", "VARCHAR", "text", "What is measured", "Nội dung (tiếng Anh)"),
            C("target_low", "DOUBLE", "unit", "Target (lower end of a range)", "Chỉ tiêu (cận dưới)"),
            C("target_high", "DOUBLE", "unit", "Target (upper end of a range; equals target_low when the source gives one value)", "Chỉ tiêu (cận trên)"),
            C("comparison", "VARCHAR", "at_least | more_than | below", "How the achieved value is compared with the target", "Cách so sánh với chỉ tiêu"),
            C("unit", "VARCHAR", "text", "Unit of the target", "Đơn vị"),
            C("target_year", "INTEGER", "year", "Year by which the target applies; empty for yearly targets", "Năm phải đạt; trống với chỉ tiêu hằng năm"),
            SOURCE, SOURCE_VI,
        ),
    ),
    Table(
        "programme_progress", "one row per (indicator, year)",
        "What has been achieved for each indicator, by year", "Kết quả thực hiện từng chỉ tiêu theo năm",
        (
            C("indicator", "VARCHAR", "code", "Indicator code (as in programme_targets)", "Mã chỉ tiêu"),
            C("year", "INTEGER", "year", "Year", "Năm"),
            C("value", "DOUBLE", "unit", "Value achieved in the year (for counts: in that year alone)", "Giá trị đạt được trong năm"),
            C("unit", "VARCHAR", "text", "Unit", "Đơn vị"),
            SOURCE, SOURCE_VI, IS_DEMO,
        ),
    ),
    Table(
        "reported_figures", "one row per (site, year, period, indicator) a report form states; an empty site: the city",
        "Figures reported on the Ministry's cluster report forms (Circular 14/2024/TT-BCT): Biểu số 02 by each "
        "cluster's infrastructure investor, Biểu số 04 by the Department for the city; reported, not measured",
        "Số liệu báo cáo theo biểu mẫu của Bộ Công Thương (Thông tư 14/2024/TT-BCT): Biểu số 02 do chủ đầu tư hạ tầng "
        "từng cụm công nghiệp gửi, Biểu số 04 do Sở Công Thương tổng hợp cho thành phố; số liệu báo cáo, không phải đo",
        (
            C("site_id", "VARCHAR", "id", "Cluster the form reports on (Biểu 02); empty for the city's summary (Biểu 04)",
              "Cụm công nghiệp được báo cáo (Biểu 02); trống với báo cáo tổng hợp của thành phố (Biểu 04)"),
            C("year", "INTEGER", "year", "Year of the reporting period", "Năm của kỳ báo cáo"),
            C("period", "VARCHAR", "year | half", "Reporting period: the year (to 14 December) or its first half "
              "(to 14 June)", "Kỳ báo cáo: năm (đến 14/12) hoặc 6 tháng (đến 14/6)"),
            C("indicator", "VARCHAR", "code", "The form's row as a code (wwtp_meets_standard, operating_clusters, …); "
              "form_row:N for a row the dashboard does not name", "Dòng của biểu mẫu dưới dạng mã"),
            C("label_vi", "VARCHAR", "text", "The row's text as the form writes it", "Nội dung dòng như biểu mẫu ghi"),
            C("value", "DOUBLE", "unit", "The reported result (1/0 for yes/no rows)", "Kết quả báo cáo (1/0 với dòng có/không)"),
            C("unit", "VARCHAR", "text", "Unit as the form writes it", "Đơn vị tính như biểu mẫu ghi"),
            C("form", "VARCHAR", "text", "The form (Biểu số 02 / Biểu số 04, Circular 14/2024/TT-BCT)", "Biểu mẫu"),
            C("reported_by", "VARCHAR", "text", "Who reported it (Đơn vị gửi báo cáo)", "Đơn vị gửi báo cáo"),
            IS_DEMO, SOURCE,
        ),
    ),
    Table(
        "promotion_activities", "one row per supported activity (a project, fair, exhibition or training course)",
        "Industrial promotion activities: demonstration models, machinery and technology transfer, cleaner production, "
        "digital transformation, trade fairs, international exhibitions, Hanoi Giftshow, training and product design, "
        "and where they went, to whom, the funds and what they reached",
        "Hoạt động khuyến công: mô hình trình diễn, chuyển giao máy móc, công nghệ, sản xuất sạch hơn, chuyển đổi số, "
        "hội chợ, triển lãm quốc tế, Hanoi Giftshow, đào tạo, thiết kế sản phẩm; nơi thực hiện, đối tượng, kinh phí "
        "và kết quả",
        (
            C("activity_id", "VARCHAR", "id", "Activity identifier", "Mã hoạt động"),
            C("programme", "VARCHAR", "code", "Programme it belongs to (industrial_promotion_2021_2025, "
              "industrial_promotion_2026_2030 = Decision 6069/QĐ-UBND)", "Chương trình (Quyết định 6069/QĐ-UBND cho 2026–2030)"),
            C("year", "INTEGER", "year", "Year the activity was carried out (or planned)", "Năm thực hiện (hoặc kế hoạch)"),
            C("kind", "VARCHAR", "demonstration_model | machinery_technology | cleaner_production | digital_transformation | "
              "trade_fair | international_exhibition | giftshow | training | product_design",
              "Kind of support", "Loại hỗ trợ"),
            C("title_vi", "VARCHAR", "text", "Title in Vietnamese", "Tên hoạt động"),
            C("title_en", "VARCHAR", "text", "Title in English", "Tên tiếng Anh"),
            C("commune_code", "VARCHAR", "5-digit code", "Commune where it was delivered; empty for a city-wide event",
              "Xã/phường thực hiện; trống với sự kiện toàn thành phố"),
            C("enterprise_id", "BIGINT", "id", "Enterprise supported, when one is", "Doanh nghiệp được hỗ trợ (nếu có)"),
            C("village_id", "VARCHAR", "id", "Craft village supported, when one is", "Làng nghề được hỗ trợ (nếu có)"),
            C("budget_state_million_vnd", "DOUBLE", "million VND", "State industrial-promotion funds",
              "Kinh phí khuyến công của nhà nước"),
            C("budget_counterpart_million_vnd", "DOUBLE", "million VND", "Counterpart funds of the beneficiaries",
              "Kinh phí đối ứng của đơn vị thụ hưởng"),
            C("beneficiaries", "INTEGER", "establishments, businesses or people (by kind)",
              "What it reached: establishments helped (models, machinery, cleaner production, digital transformation, "
              "design), businesses exhibiting (fairs, exhibitions, Giftshow booths) or officials trained (training)",
              "Kết quả: số cơ sở được hỗ trợ, số doanh nghiệp tham gia hội chợ, triển lãm (gian hàng Giftshow) hoặc số "
              "cán bộ được đào tạo"),
            C("status", "VARCHAR", "planned | in_progress | completed | cancelled", "Status", "Tình trạng"),
            IS_DEMO, SOURCE,
        ),
    ),
    Table(
        "record_sources", "one row per record an import or a commune's return brought in (sites, villages, activities, …)",
        "Where each imported record came from: the file, sheet and row, who imported it and when, and for a commune's "
        "return, the commune that reported it and the period (records of the demonstration data have none)",
        "Nguồn của từng bản ghi được nhập: tệp, trang tính, dòng, người nhập và thời điểm nhập; với báo cáo của xã, "
        "phường: xã, phường báo cáo và kỳ báo cáo (bản ghi của dữ liệu minh hoạ không có)",
        (
            C("table_name", "VARCHAR", "table", "Table of the record", "Bảng chứa bản ghi"),
            C("record_id", "VARCHAR", "id", "The record's id in that table", "Mã bản ghi trong bảng đó"),
            C("file", "VARCHAR", "text", "File it came from, as named when imported", "Tệp nguồn, theo tên khi nhập"),
            C("sheet", "VARCHAR", "text", "Sheet of that file (empty for a CSV)", "Trang tính của tệp (trống với CSV)"),
            C("row", "INTEGER", "row number", "Row of that sheet, as a spreadsheet numbers it", "Dòng của trang tính"),
            C("imported_by", "VARCHAR", "text", "Who imported it", "Người nhập"),
            C("imported_at", "VARCHAR", "ISO 8601 time (UTC)", "When it was imported", "Thời điểm nhập"),
            C("reported_by", "VARCHAR", "5-digit code", "The commune whose return reported it; empty for an import",
              "Xã, phường báo cáo (với báo cáo của xã, phường); trống với tệp nhập"),
            C("period", "VARCHAR", "2026-H1 | 2026-Q3 | 2026", "The period of that return", "Kỳ báo cáo"),
        ),
    ),
    Table(
        "dataset_info", "one row per key",
        "What the database holds: demo or official data, when and how it was built",
        "Thông tin về cơ sở dữ liệu: minh hoạ hay chính thức, thời điểm và cách xây dựng",
        (
            C("key", "VARCHAR", "text", "Key (kind, built_at, builder_version, marts_version, seed, enterprises, first_year, last_year, …)", "Khoá"),
            C("value", "VARCHAR", "text", "Value", "Giá trị"),
        ),
    ),
    Table(
        "years", "one row per year, first to last data year",
        "The years the dashboard shows (dataset_info's first_year to last_year); the derived tables and the yearly "
        "series are built over them",
        "Các năm bảng điều khiển hiển thị (từ first_year đến last_year của dataset_info); các bảng tổng hợp và chuỗi "
        "số liệu theo năm được tính trên các năm này",
        (
            C("year", "INTEGER", "year", "Year", "Năm"),
        ),
        derived=True,
    ),
    Table(
        "sample_checks", "one row per measurement (as wastewater_samples)",
        "Every wastewater measurement judged against the limit of its plant's standard in force on the sampling date",
        "Mọi kết quả đo nước thải, so với giới hạn của quy chuẩn áp dụng cho trạm tại ngày lấy mẫu",
        (
            C("site_id", "VARCHAR", "id", "Site sampled", "Khu/cụm được lấy mẫu"),
            C("sampled_on", "DATE", "date", "Sampling date", "Ngày lấy mẫu"),
            C("year", "INTEGER", "year", "Year of the sampling date", "Năm lấy mẫu"),
            C("parameter", "VARCHAR", "code", "Parameter code", "Mã thông số"),
            C("value", "DOUBLE", "unit", "Measured value (as wastewater_samples)", "Giá trị đo"),
            C("unit", "VARCHAR", "text", "Unit of the value", "Đơn vị"),
            C("qualifier", "VARCHAR", "below | not_detected | empty", "As wastewater_samples", "Như wastewater_samples"),
            C("standard", "VARCHAR", "key of wastewater_limits", "Standard of the site's plant; empty without a plant",
              "Quy chuẩn áp dụng cho trạm; trống nếu không có trạm"),
            C("min_value", "DOUBLE", "unit", "Lowest permitted value in force on the date", "Giá trị nhỏ nhất cho phép tại ngày lấy mẫu"),
            C("max_value", "DOUBLE", "unit", "Highest permitted value in force on the date", "Giá trị lớn nhất cho phép tại ngày lấy mẫu"),
            C("judged", "BOOLEAN", "true/false", "True when a limit applies to the measurement", "Đúng khi có giới hạn áp dụng cho kết quả đo"),
            C("exceeds", "BOOLEAN", "true/false", "True when the value lies outside [min_value, max_value] (limits inclusive); a result "
              "below the detection limit or not detected is within a maximum, and below a minimum when its detection limit is",
              "Đúng khi giá trị nằm ngoài [min_value, max_value] (bao gồm giới hạn); kết quả dưới giới hạn phát hiện hoặc không "
              "phát hiện đạt giới hạn tối đa, và thấp hơn giới hạn tối thiểu khi giới hạn phát hiện thấp hơn"),
            C("ratio_to_limit", "DOUBLE", "times the limit", "value / max_value; empty for a result below the detection limit",
              "Số lần so với giới hạn: value / max_value; trống với kết quả dưới giới hạn phát hiện"),
        ),
        derived=True,
    ),
    Table(
        "site_year", "one row per (site, year), first to last data year",
        "Wastewater status of each industrial cluster and park in each year (derived from sites, plants, samples and "
        "limits); the city's compliance rate counts clusters only",
        "Tình trạng nước thải của từng cụm, khu công nghiệp theo năm (tính từ khu/cụm, trạm, mẫu và giới hạn); tỷ lệ "
        "đạt chuẩn của thành phố chỉ tính cụm công nghiệp",
        (
            C("site_id", "VARCHAR", "id", "Cluster or park", "Cụm hoặc khu công nghiệp"),
            C("year", "INTEGER", "year", "Year", "Năm"),
            C("kind", "VARCHAR", "cluster | industrial_park | high_tech_park", "Kind of site", "Loại"),
            C("commune_code", "VARCHAR", "5-digit code", "Commune of the site", "Xã/phường"),
            C("craft_village_cluster", "BOOLEAN", "true/false/empty", "Craft-village industrial cluster", "Cụm công nghiệp làng nghề"),
            C("counted", "BOOLEAN", "true/false",
              "Operating, and opened in or before the year (so counted in the year's rate)", "Đang hoạt động và đi vào hoạt động trong hoặc trước năm"),
            C("has_plant", "BOOLEAN", "true/false", "Has a plant commissioned in or before the year", "Có trạm xử lý vận hành trong hoặc trước năm"),
            C("sampled", "BOOLEAN", "true/false", "At least one sample taken in the year", "Có ít nhất một mẫu trong năm"),
            C("samples_count", "INTEGER", "measurements", "Measurements in the year", "Số lượt đo trong năm"),
            C("exceedances_count", "INTEGER", "measurements", "Measurements outside the limits in the year", "Số lượt đo vượt giới hạn"),
            C("compliant", "BOOLEAN", "true/false",
              "Counted, has a plant, was sampled, and every measurement of the year is within the limits of its plant's standard "
              "(min and max inclusive)",
              "Được tính, có trạm, có lấy mẫu và mọi kết quả đo trong năm nằm trong giới hạn của quy chuẩn áp dụng"),
            C("status", "VARCHAR", "compliant | not_compliant | no_data | no_plant | not_operating | not_stated",
              "Wastewater status in the year: no_data when a counted site with a plant was not sampled (not compliant); "
              "not_stated when the site's own status is not stated (not counted)",
              "Tình trạng nước thải trong năm: no_data khi khu/cụm có trạm nhưng không được lấy mẫu (tính là chưa đạt); "
              "not_stated khi nguồn không nêu tình trạng của khu/cụm (không được tính)"),
            C("enterprises_count", "BIGINT", "enterprises",
              "Active enterprises located in the site on 31 December (founded in or before the year, not closed)",
              "Số doanh nghiệp đang hoạt động đặt tại khu/cụm ngày 31/12"),
        ),
        derived=True,
    ),
    Table(
        "enterprise_year", "one row per (year, commune, sector, size) with at least one active enterprise",
        "Active enterprises and certified supporting-industry enterprises, aggregated once at build time",
        "Doanh nghiệp đang hoạt động và doanh nghiệp CNHT có chứng nhận, tổng hợp khi xây dựng CSDL",
        (
            C("year", "INTEGER", "year", "Year (status on 31 December)", "Năm (tình trạng ngày 31/12)"),
            C("commune_code", "VARCHAR", "5-digit code", "Commune", "Xã/phường"),
            C("sector", "VARCHAR", "code", "Sector", "Ngành"),
            C("size", "VARCHAR", "micro | small | medium | large", "Size class", "Quy mô"),
            C("enterprises_count", "BIGINT", "enterprises", "Active enterprises: founded in or before the year and not closed in or before it",
              "Doanh nghiệp đang hoạt động: thành lập trong/trước năm và chưa ngừng hoạt động"),
            C("si_enterprises_count", "BIGINT", "enterprises", "Active supporting-industry enterprises", "Doanh nghiệp CNHT đang hoạt động"),
            C("si_certified_count", "BIGINT", "enterprises",
              "Active supporting-industry enterprises holding a certificate valid on 31 December "
              "(issued on or before it, expiring on or after it or never)",
              "Doanh nghiệp CNHT đang hoạt động có chứng nhận còn hiệu lực ngày 31/12"),
        ),
        derived=True,
    ),
    Table(
        "certification_year", "one row per (year, commune, sector, standard) with at least one holder",
        "Active supporting-industry enterprises holding a valid certificate of each standard on 31 December",
        "Doanh nghiệp CNHT đang hoạt động có chứng nhận còn hiệu lực theo từng tiêu chuẩn ngày 31/12",
        (
            C("year", "INTEGER", "year", "Year", "Năm"),
            C("commune_code", "VARCHAR", "5-digit code", "Commune", "Xã/phường"),
            C("sector", "VARCHAR", "code", "Sector", "Ngành"),
            C("standard", "VARCHAR", "text", "Standard", "Tiêu chuẩn"),
            C("si_holders_count", "BIGINT", "enterprises", "Active supporting-industry enterprises holding a valid certificate of the standard",
              "Doanh nghiệp CNHT đang hoạt động có chứng nhận còn hiệu lực của tiêu chuẩn"),
        ),
        derived=True,
    ),
    Table(
        "certificate_expiry", "one row per (year, enterprise, standard) on the list",
        "Certificates of active supporting-industry enterprises that expire in the 12 months after 31 December of the "
        "year with no renewal issued by then (the latest certificate of the standard issued on or before that day)",
        "Chứng nhận của doanh nghiệp CNHT đang hoạt động hết hạn trong 12 tháng sau ngày 31/12 của năm mà chưa được "
        "cấp lại (chứng nhận mới nhất của tiêu chuẩn cấp đến ngày đó)",
        (
            C("year", "INTEGER", "year", "Year", "Năm"),
            C("enterprise_id", "BIGINT", "id", "Enterprise", "Doanh nghiệp"),
            C("name", "VARCHAR", "text", "Enterprise name", "Tên doanh nghiệp"),
            C("commune_code", "VARCHAR", "5-digit code", "Commune", "Xã/phường"),
            C("sector", "VARCHAR", "code", "Sector", "Ngành"),
            C("employees", "INTEGER", "people", "Employees", "Số lao động"),
            C("standard", "VARCHAR", "text", "Standard", "Tiêu chuẩn"),
            C("issued_on", "DATE", "date", "Issued on", "Ngày cấp"),
            C("expires_on", "DATE", "date", "Expires on", "Ngày hết hạn"),
        ),
        derived=True,
    ),
    Table(
        "uncertified_year", "one row per (year, enterprise) on the list",
        "Active supporting-industry enterprises of the priority sectors holding no valid certificate on 31 December "
        "of the year (whom to help toward certification)",
        "Doanh nghiệp CNHT đang hoạt động thuộc ngành ưu tiên chưa có chứng nhận còn hiệu lực ngày 31/12 của năm",
        (
            C("year", "INTEGER", "year", "Year", "Năm"),
            C("enterprise_id", "BIGINT", "id", "Enterprise", "Doanh nghiệp"),
            C("name", "VARCHAR", "text", "Enterprise name", "Tên doanh nghiệp"),
            C("commune_code", "VARCHAR", "5-digit code", "Commune", "Xã/phường"),
            C("sector", "VARCHAR", "code", "Sector", "Ngành"),
            C("size", "VARCHAR", "micro | small | medium | large", "Size class", "Quy mô"),
            C("employees", "INTEGER", "people", "Employees", "Số lao động"),
            C("founded_year", "INTEGER", "year", "Year founded", "Năm thành lập"),
        ),
        derived=True,
    ),
)

def _columns(table: str) -> tuple[Column, ...]:
    """Every column of `table` as documented above (a page mart that keeps a table's rows in another order)."""
    return next(t for t in TABLES if t.name == table).columns


def _like(table: str, column: str, name: str | None = None, **changes: str) -> Column:
    """The column `column` of `table` as documented above, under another `name` or with other fields."""
    found = next(t for t in TABLES if t.name == table).column(column)
    return replace(found, name=name or found.name, **changes)


YEAR = C("year", "INTEGER", "year", "Year (status on 31 December)", "Năm (tình trạng ngày 31/12)")
COMMUNE_NAME_VI = _like("communes", "full_name_vi", "commune_name_vi", en="Full name of the commune",
                        vi="Tên đầy đủ của xã/phường")
COMMUNE_NAME_EN = _like("communes", "name_en", "commune_name_en", en="Name of the commune without diacritics",
                        vi="Tên xã/phường không dấu")
CLUSTERS_COUNT = _like("site_year", "counted", "clusters_count", type="INTEGER", unit="clusters",
                       en="Operating industrial clusters counted in the year (opened in or before it)",
                       vi="Số cụm công nghiệp đang hoạt động được tính trong năm")
COMPLIANCE_PCT = C("compliance_pct", "DOUBLE", "percent (0–100)",
                   "Compliant clusters / counted clusters; empty without clusters",
                   "Cụm đạt chuẩn / cụm được tính; trống nếu không có cụm")
VILLAGES_COUNT = C("villages_count", "INTEGER", "villages", "Craft villages", "Số làng nghề")
RECOGNISED_COUNT = C("recognised_count", "INTEGER", "villages", "Craft villages recognised in or before the year",
                     "Số làng nghề được công nhận trong hoặc trước năm")

# What the pages over small tables show, joined once for every year by the builder (``build.PAGE_MARTS``): each
# such page reads one table per figure, filtered by year and commune, in the order the page shows.
PAGE_MART_TABLES: tuple[Table, ...] = (
    Table(
        "cluster_commune_year", "one row per (year, commune): every data year, all 126 communes",
        "Industrial clusters and parks counted in each commune in each year, by wastewater status (from site_year); "
        "in each year ranked lowest compliance first",
        "Số cụm, khu công nghiệp được tính ở từng xã/phường theo năm, theo tình trạng nước thải (từ site_year)",
        (
            YEAR, _like("communes", "code", "commune_code", en="Commune", vi="Xã/phường"),
            _like("communes", "full_name_vi"), _like("communes", "name_en"), CLUSTERS_COUNT,
            C("with_plant_count", "INTEGER", "clusters", "Counted clusters with a plant commissioned in or before the year",
              "Số cụm được tính có trạm xử lý vận hành trong hoặc trước năm"),
            C("compliant_count", "INTEGER", "clusters", "Compliant clusters (site_year.compliant)", "Số cụm đạt chuẩn"),
            C("not_compliant_count", "INTEGER", "clusters", "Counted clusters with a plant that exceeded a limit",
              "Số cụm có trạm nhưng vượt giới hạn"),
            C("no_data_count", "INTEGER", "clusters", "Counted clusters with a plant but no sample in the year",
              "Số cụm có trạm nhưng không có mẫu trong năm"),
            C("no_plant_count", "INTEGER", "clusters", "Counted clusters with no plant", "Số cụm chưa có trạm xử lý"),
            COMPLIANCE_PCT,
            C("parks_count", "INTEGER", "parks", "Industrial parks and the Hi-Tech Park operating in the year",
              "Số khu công nghiệp và khu công nghệ cao đang hoạt động"),
        ),
        derived=True,
    ),
    Table(
        "map_sites_year", "one row per (site, year): every data year",
        "Every industrial cluster and park in every year with its wastewater status, plant and enterprises, as the "
        "map and the Wastewater and Craft-villages pages show it",
        "Mọi cụm, khu công nghiệp theo từng năm với tình trạng nước thải, trạm xử lý và số doanh nghiệp, như bản đồ "
        "và các trang Nước thải, Làng nghề hiển thị",
        (
            YEAR, _like("sites", "site_id"), _like("sites", "kind"), _like("sites", "name_vi"), _like("sites", "name_en"),
            _like("sites", "commune_code"), COMMUNE_NAME_VI, COMMUNE_NAME_EN, _like("sites", "lon"),
            _like("sites", "lat"), _like("sites", "area_ha"), _like("sites", "status"), _like("sites", "opened_year"),
            _like("sites", "craft_village_cluster"), _like("site_year", "status", "year_status"),
            _like("site_year", "exceedances_count"),
            _like("wastewater_plants", "capacity_m3_per_day",
                  en="Design capacity of its plant; empty without a plant commissioned in or before the year",
                  vi="Công suất thiết kế của trạm; trống nếu chưa có trạm vận hành trong hoặc trước năm"),
            _like("wastewater_plants", "standard",
                  en="Limits its plant's discharge must meet; empty without a plant commissioned in or before the year",
                  vi="Quy chuẩn áp dụng cho trạm; trống nếu chưa có trạm vận hành trong hoặc trước năm"),
            _like("site_year", "enterprises_count"), _like("sites", "is_demo"), _like("sites", "location_precision"),
            C("position_approximate", "BOOLEAN", "true/false",
              "Coordinates not given: the site is drawn at a point of its commune",
              "Không có toạ độ: cụm được vẽ tại một điểm trong xã, phường của cụm"),
        ),
        derived=True,
    ),
    Table(
        "wastewater_failures_year",
        "one row per (year, cluster, parameter outside the limits); one row with an empty parameter for a cluster "
        "not sampled in the year",
        "Operating clusters with a plant that were not compliant in a year, and why: the parameters outside the "
        "limits (worst measurement of each), or no sample at all",
        "Cụm đang hoạt động có trạm xử lý nhưng chưa đạt chuẩn trong năm, và lý do: các thông số vượt giới hạn (kết "
        "quả xấu nhất của từng thông số) hoặc không có mẫu",
        (
            YEAR, _like("site_year", "site_id"), _like("sites", "name_vi"), _like("sites", "name_en"),
            _like("sites", "commune_code"), COMMUNE_NAME_VI, _like("site_year", "status"),
            _like("wastewater_limits", "parameter", en="Parameter outside the limits; empty for a cluster not sampled",
                  vi="Thông số vượt giới hạn; trống nếu cụm không được lấy mẫu"),
            _like("wastewater_limits", "parameter_vi"), _like("wastewater_limits", "unit"),
            C("worst_value", "DOUBLE", "unit", "The measurement furthest outside the limit in the year",
              "Kết quả đo vượt giới hạn nhiều nhất trong năm"),
            _like("sample_checks", "min_value"), _like("sample_checks", "max_value"),
            _like("sample_checks", "ratio_to_limit", en="worst_value / max_value; empty for a value below a minimum",
                  vi="Số lần so với giới hạn: worst_value / max_value; trống khi giá trị dưới mức tối thiểu"),
            C("exceedances_count", "INTEGER", "measurements", "Measurements of the parameter outside the limits in the year",
              "Số lượt đo thông số vượt giới hạn trong năm"),
            C("samples_count", "INTEGER", "measurements", "Measurements of the parameter in the year",
              "Số lượt đo thông số trong năm"),
            C("last_compliant_year", "INTEGER", "year", "The latest earlier year in which the cluster was compliant; "
              "empty if never", "Năm gần nhất trước đó cụm đạt chuẩn; trống nếu chưa từng"),
            _like("wastewater_plants", "capacity_m3_per_day"), _like("wastewater_plants", "standard"),
        ),
        derived=True,
    ),
    Table(
        "map_communes_year",
        "one row per (year, sector, commune): every data year, every sector and an empty one for all of them, "
        "all 126 communes",
        "Every commune in every year with the indicators the map can colour it by; the enterprise figures for one "
        "sector, or for all of them where the sector is empty",
        "Mọi xã/phường theo từng năm với các chỉ số để tô màu bản đồ; số doanh nghiệp của một ngành, hoặc của mọi "
        "ngành khi ngành để trống",
        (
            YEAR, _like("sectors", "sector", en="Sector of the enterprise figures; empty for all sectors",
                        vi="Ngành của số liệu doanh nghiệp; trống là mọi ngành"),
            _like("communes", "code"), _like("communes", "full_name_vi"), _like("communes", "name_en"),
            _like("communes", "kind"), _like("communes", "area_km2"), _like("communes", "lon"), _like("communes", "lat"),
            CLUSTERS_COUNT,
            C("not_compliant_count", "INTEGER", "clusters", "Counted clusters not compliant in the year (no plant, no "
              "data or a limit exceeded)", "Số cụm được tính chưa đạt chuẩn trong năm"),
            COMPLIANCE_PCT,
            C("enterprises_count", "BIGINT", "enterprises", "Active enterprises on 31 December",
              "Số doanh nghiệp đang hoạt động ngày 31/12"),
            C("enterprises_per_km2", "DOUBLE", "enterprises per km²", "enterprises_count / area_km2",
              "Mật độ doanh nghiệp: enterprises_count / area_km2"),
            _like("enterprise_year", "si_enterprises_count"),
            C("si_certified_pct", "DOUBLE", "percent (0–100)", "Certified / active supporting-industry enterprises; "
              "empty without any", "Tỷ lệ doanh nghiệp CNHT có chứng nhận; trống nếu không có doanh nghiệp CNHT"),
            VILLAGES_COUNT, RECOGNISED_COUNT,
            C("support_million_vnd", "DOUBLE", "million VND", "State industrial-promotion funds spent in the commune from "
              f"{ACTIVITIES_FROM} to the year (activities not cancelled)",
              f"Kinh phí khuyến công nhà nước chi tại xã/phường từ năm {ACTIVITIES_FROM} đến năm đó"),
        ),
        derived=True,
    ),
    Table(
        "map_villages_year", "one row per (year, craft village): every data year",
        "Every craft village in every year with whether it was recognised by the end of the year and its commune's "
        "names",
        "Mọi làng nghề theo từng năm, đã được công nhận đến cuối năm hay chưa, và tên xã/phường",
        (
            YEAR, _like("craft_villages", "village_id"), _like("craft_villages", "name_vi"),
            _like("craft_villages", "name_en"), _like("craft_villages", "craft"), _like("craft_villages", "craft_vi"),
            _like("craft_villages", "commune_code"), COMMUNE_NAME_VI, COMMUNE_NAME_EN, _like("craft_villages", "lon"),
            _like("craft_villages", "lat"), _like("craft_villages", "recognised"),
            C("recognised_in_year", "BOOLEAN", "true/false", "Recognised by the city in or before the year",
              "Được thành phố công nhận trong hoặc trước năm"),
            _like("craft_villages", "households"), _like("craft_villages", "workers"),
            C("figures_imputed", "BOOLEAN", "true/false",
              "The households and workers of a real village were made for the demonstration (illustrative)",
              "Số hộ và lao động của một làng có thật là số liệu minh hoạ"),
            _like("craft_villages", "is_demo"),
        ),
        derived=True,
    ),
    Table(
        "villages_commune_year", "one row per (year, commune with at least one craft village): every data year",
        "Craft villages by commune in each year, with recognition, households and workers; in each year ranked by "
        "villages",
        "Làng nghề theo xã/phường từng năm, với số được công nhận, số hộ và lao động",
        (
            YEAR, _like("communes", "code", "commune_code", en="Commune", vi="Xã/phường"),
            _like("communes", "full_name_vi"), VILLAGES_COUNT, RECOGNISED_COUNT,
            _like("craft_villages", "households", type="BIGINT"), _like("craft_villages", "workers", type="BIGINT"),
        ),
        derived=True,
    ),
    Table(
        "activities_commune_year", "one row per (year, commune): every data year, all 126 communes",
        f"Industrial-promotion support against need in every commune, from {ACTIVITIES_FROM} to each year:"
        " local activities not cancelled; the rural industrial establishments (active micro and small "
        "enterprises), craft villages and their workers",
        f"Hỗ trợ khuyến công so với nhu cầu ở mọi xã/phường, từ năm {ACTIVITIES_FROM} đến từng năm",
        (
            YEAR, _like("communes", "code"), _like("communes", "full_name_vi"), _like("communes", "name_en"),
            _like("communes", "kind"),
            C("activities_count", "INTEGER", "activities", "Activities delivered in the commune, not cancelled",
              "Số hoạt động tại xã/phường (không kể bị huỷ)"),
            C("state_million_vnd", "DOUBLE", "million VND", "State funds spent there", "Kinh phí nhà nước"),
            C("counterpart_million_vnd", "DOUBLE", "million VND", "Counterpart funds", "Kinh phí đối ứng"),
            C("establishments_count", "BIGINT", "establishments", "Active micro and small enterprises on 31 December",
              "Số cơ sở công nghiệp nông thôn: doanh nghiệp siêu nhỏ và nhỏ đang hoạt động ngày 31/12"),
            VILLAGES_COUNT,
            C("village_workers", "BIGINT", "people", "Workers of its craft villages", "Số lao động làng nghề"),
            C("state_per_100", "DOUBLE", "million VND", "State funds per 100 establishments and villages",
              "Kinh phí nhà nước trên 100 cơ sở và làng nghề"),
        ),
        derived=True,
    ),
    Table(
        "activity_list", "one row per activity",
        "Every promotion activity with the names of its commune, enterprise and craft village",
        "Mọi hoạt động khuyến công, kèm tên xã/phường, doanh nghiệp và làng nghề",
        (
            _like("promotion_activities", "activity_id"), _like("promotion_activities", "programme"),
            _like("promotion_activities", "year"), _like("promotion_activities", "kind"),
            _like("promotion_activities", "title_vi"), _like("promotion_activities", "title_en"),
            _like("promotion_activities", "commune_code"), COMMUNE_NAME_VI,
            _like("enterprises", "name", "enterprise_name", en="Enterprise supported, when one is",
                  vi="Doanh nghiệp được hỗ trợ (nếu có)"),
            _like("craft_villages", "name_vi", "village_name_vi", en="Craft village supported, when one is",
                  vi="Làng nghề được hỗ trợ (nếu có)"),
            _like("promotion_activities", "budget_state_million_vnd"),
            _like("promotion_activities", "budget_counterpart_million_vnd"),
            _like("promotion_activities", "beneficiaries"), _like("promotion_activities", "status"),
            _like("promotion_activities", "source"),
        ),
        derived=True,
    ),
    Table(
        "target_list", "one row per target",
        "Every programme target (programme_targets) in the order the pages list them: programme, indicator, target year",
        "Mọi chỉ tiêu chương trình (programme_targets) theo thứ tự các trang liệt kê: chương trình, chỉ tiêu, năm",
        _columns("programme_targets"),
        derived=True,
    ),
    Table(
        "limit_list", "one row per (standard, parameter, valid_from)",
        "The limit values of the standards (wastewater_limits) in the order the Wastewater page lists them: standard, "
        "parameter, date in force",
        "Giá trị giới hạn của các quy chuẩn (wastewater_limits) theo thứ tự trang Nước thải liệt kê: quy chuẩn, thông "
        "số, ngày có hiệu lực",
        _columns("wastewater_limits"),
        derived=True,
    ),
)
TABLES += PAGE_MART_TABLES


BY_NAME = {table.name: table for table in TABLES}


def table(name: str) -> Table:
    return BY_NAME[name]


def markdown() -> str:
    """The data-model section of docs/data-model.md."""
    lines = [
        "<!-- generated by `python -m industry.schema`; do not edit by hand -->",
    ]
    for tbl in TABLES:
        kind = " *(derived by the builder)*" if tbl.derived else ""
        lines += ["", f"#### `{tbl.name}`{kind}", "", f"{tbl.en}. Grain: {tbl.grain}.", "",
                  "| column | type | unit | meaning |", "|---|---|---|---|"]
        for col in tbl.columns:
            unit = col.unit.replace("|", "\\|")
            lines.append(f"| `{col.name}` | {col.type} | {unit} | {col.en.replace('|', chr(92) + '|')} |")
    lines.append("<!-- end of generated data model -->")
    return "\n".join(lines)


def describe(table_name: str, column_name: str | None, lang: str) -> str:
    """The documented meaning of a table or column in `lang` ('en' or 'vi'), for the app's definitions."""
    tbl = BY_NAME[table_name]
    item = tbl.column(column_name) if column_name else tbl
    return item.vi if lang == "vi" else item.en


def update_readme(path) -> bool:
    """Replace the generated data-model section of `path` (docs/data-model.md); return whether it changed."""
    from pathlib import Path

    path = Path(path)
    text = path.read_text(encoding="utf-8")
    start = text.index("<!-- generated by `python -m industry.schema`")
    end = text.index("<!-- end of generated data model -->") + len("<!-- end of generated data model -->")
    new = text[:start] + markdown() + text[end:]
    path.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str] | None = None) -> int:
    """The data model as Markdown on standard output; with ``--readme``, the section of docs/data-model.md (which the
    README links to) rewritten."""
    args = sys.argv[1:] if argv is None else argv
    if "--readme" in args:
        from ..core.paths import ROOT

        print("docs/data-model.md updated" if update_readme(ROOT / "docs" / "data-model.md")
              else "docs/data-model.md already current")
    else:
        sys.stdout.write(markdown() + "\n")
    return 0
