"""The import templates: which tables the department loads from files, and the rules of every column.

A template is one CSV file (or one sheet of a workbook) per table, named after the
table: ``sites.csv`` or a sheet ``sites``. Its first row names the columns; CSV
templates may open with comment lines starting with ``#`` that describe each column.
Meanings and units come from :mod:`industry.schema`; this module adds what an import
checks: required columns, allowed values, lower bounds, references, dates that may not
lie in the future, defaults for columns an office file may leave out, and an example.

    python -m industry.templates [--out DIR]      # writes data/templates/ (CSV + XLSX)
"""

from __future__ import annotations

import argparse
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..core import paths
from ..core.text import fold
from ..data import schema

TEMPLATES_DIR = paths.DATA / "templates"
OLD_ADDRESS = ("old_district", "old_commune")  # optional columns beside commune_code: a pre-2025 address
PLACE_COLUMNS = (*OLD_ADDRESS, "address")  # ... or the whole address as the office wrote it
WORKBOOK_NAME = "templates.xlsx"
COLUMNS_SHEET = "columns"


@dataclass(frozen=True)
class Rule:
    """What an import accepts in one column."""

    column: str
    required: bool = False
    allowed: tuple[str, ...] = ()
    minimum: float | None = None  # values below are refused (inclusive bound)
    positive: bool = False  # values must be above zero
    ref: str | None = None  # "table.column" the value must exist in
    past: bool = False  # a date or year that may not lie in the future
    default: str | None = None  # used when the cell is empty or the column is left out
    example: str = ""


@dataclass(frozen=True)
class Template:
    table: str
    key: tuple[str, ...]
    rules: tuple[Rule, ...]
    after: tuple[str, ...] = ()  # tables whose keys this one references (load order)
    checks: tuple[str, ...] = field(default_factory=tuple)  # named cross-column checks (see industry.validation)
    # what a file's rows cover: an import replaces the records of the database with the same values of these columns
    # and keeps every other (a monitoring table covers the measurements of its sites and dates); the key by default
    covers: tuple[str, ...] = ()

    @property
    def covered_by(self) -> tuple[str, ...]:
        return self.covers or self.key

    @property
    def columns(self) -> list[str]:
        return [r.column for r in self.rules]

    def rule(self, column: str) -> Rule:
        for r in self.rules:
            if r.column == column:
                return r
        raise KeyError(f"{self.table}.{column}")

    @property
    def has_commune(self) -> bool:
        return "commune_code" in self.columns


R = Rule
ACTIVITY_KINDS = ("demonstration_model", "machinery_technology", "cleaner_production", "digital_transformation",
                  "trade_fair", "international_exhibition", "giftshow", "training", "product_design")
_DEMO = R("is_demo", default="false", example="false")
_SOURCE = R("source", default="", example="Sở Công Thương Hà Nội, báo cáo năm 2025")
_SOURCE_VI = R("source_vi", default="", example="")  # the citation in Vietnamese, when `source` is in another language
_PRECISION = R("location_precision", allowed=("commune", "district", "city"), default="commune", example="commune")

TEMPLATES: tuple[Template, ...] = (
    Template("sites", ("site_id",), (
        R("site_id", required=True, example="CCN-TL-01"),
        R("kind", required=True, allowed=("cluster", "industrial_park", "high_tech_park"), example="cluster"),
        R("name_vi", required=True, example="Cụm công nghiệp Thư Lâm"),
        R("name_en", default="", example="Thu Lam Industrial Cluster"),
        R("commune_code", required=True, ref="communes.code", example="00475"),
        R("lon", required=True, example="105.878366"),
        R("lat", required=True, example="21.165561"),
        R("area_ha", positive=True, example="65.5"),
        R("status", allowed=("operating", "under_construction", "planned"), example="operating"),
        R("opened_year", past=True, minimum=1950, example="2015"),
        R("craft_village_cluster", example="false"),
        R("established", example="true"), R("note", example=""),
        _PRECISION, R("imputed", example=""), _DEMO, _SOURCE,
    ), checks=("coordinates",)),
    Template("wastewater_limits", ("standard", "parameter", "valid_from"), (
        R("standard", required=True, example="QCVN 40:2011/BTNMT B"),
        R("regulation", required=True, example="QCVN 40:2011/BTNMT"),
        R("column_class", required=True, allowed=("A", "B"), example="B"),
        R("parameter", required=True, example="COD"),
        R("parameter_vi", required=True, example="Nhu cầu ôxy hoá học"),
        R("min_value", example=""),
        R("max_value", example="150"),
        R("unit", example="mg/l"),
        R("valid_from", required=True, example="2012-01-15"),
    ), checks=("limits_order",)),
    Template("wastewater_plants", ("site_id",), (
        R("site_id", required=True, ref="sites.site_id", example="CCN-TL-01"),
        R("capacity_m3_per_day", positive=True, example="1200"),
        R("commissioned_year", required=True, past=True, minimum=1950, example="2018"),
        R("standard", required=True, ref="wastewater_limits.standard", example="QCVN 40:2011/BTNMT B"),
        _DEMO,
    ), after=("sites", "wastewater_limits")),
    Template("wastewater_samples", ("site_id", "sampled_on", "parameter"), covers=("site_id", "sampled_on"), rules=(
        R("site_id", required=True, ref="sites.site_id", example="CCN-TL-01"),
        R("sampled_on", required=True, past=True, example="2025-06-15"),
        R("parameter", required=True, example="COD"),
        R("value", minimum=0, example="84.5"),
        R("unit", example="mg/l"),
        R("qualifier", allowed=("below", "not_detected"), example=""),
        _DEMO,
    ), after=("sites",), checks=("value_unless_not_detected",)),
    Template("craft_villages", ("village_id",), (
        R("village_id", required=True, example="LN-0001"),
        R("name_vi", required=True, example="Làng gốm Bát Tràng"),
        R("name_en", default="", example="Bat Trang pottery village"),
        R("craft", required=True, example="ceramics"),
        R("craft_vi", example="Gốm sứ"),
        R("commune_code", required=True, ref="communes.code", example="00577"),
        R("lon", required=True, example="105.920697"),
        R("lat", required=True, example="20.989301"),
        R("recognised", example="true"),
        R("recognised_year", past=True, minimum=1950, example="2004"),
        R("households", minimum=0, example="1200"),
        R("workers", minimum=0, example="5000"),
        R("note", example=""),
        _PRECISION, R("imputed", example=""), _DEMO, _SOURCE,
    ), checks=("coordinates",)),
    Template("enterprises", ("enterprise_id",), (
        R("enterprise_id", required=True, example="100001"),
        R("name", required=True, example="Công ty TNHH Cơ khí Chính xác Đông Anh"),
        R("commune_code", required=True, ref="communes.code", example="00475"),
        R("site_id", ref="sites.site_id", example="CCN-TL-01"),
        R("sector", required=True, ref="sectors.sector", example="precision_engineering"),
        R("supporting_industry", required=True, example="true"),
        R("employees", minimum=0, example="85"),
        R("size", required=True, allowed=("micro", "small", "medium", "large"), example="small"),
        R("founded_year", required=True, past=True, minimum=1900, example="2012"),
        R("closed_year", past=True, minimum=1900, example=""),
        _DEMO,
    ), after=("sites",), checks=("closed_after_founded",)),
    Template("certifications", ("enterprise_id", "standard", "issued_on"), covers=("enterprise_id",), rules=(
        R("enterprise_id", required=True, ref="enterprises.enterprise_id", example="100001"),
        R("standard", required=True, example="ISO 9001"),
        R("issued_on", required=True, past=True, example="2023-03-01"),
        R("expires_on", example="2026-02-28"),
        _DEMO,
    ), after=("enterprises",), checks=("expires_after_issued",)),
    Template("programme_targets", ("target_id",), (
        R("target_id", required=True, example="industrial_promotion_2026_2030:businesses_at_international_fairs:2030"),
        R("programme", required=True, example="industrial_promotion_2026_2030"),
        R("decision", example="6069/QĐ-UBND"),
        R("period_start", minimum=1990, example="2026"),
        R("period_end", minimum=1990, example="2030"),
        R("indicator", required=True, example="businesses_at_international_fairs"),
        R("description_en", required=True, example="Craft businesses taking part in international exhibitions"),
        R("target_low", required=True, example="200"),
        R("target_high", required=True, example="300"),
        R("comparison", required=True, allowed=("at_least", "more_than", "below"), example="at_least"),
        R("unit", required=True, example="businesses"),
        R("target_year", minimum=1990, example="2030"),
        _SOURCE, _SOURCE_VI,
    ), checks=("target_range",)),
    Template("programme_progress", ("indicator", "year"), (
        R("indicator", required=True, ref="programme_targets.indicator", example="businesses_at_international_fairs"),
        R("year", required=True, past=True, minimum=1990, example="2026"),
        R("value", required=True, example="46"),
        R("unit", required=True, example="businesses"),
        _SOURCE, _SOURCE_VI, _DEMO,
    ), after=("programme_targets",)),
)

TEMPLATES = TEMPLATES + (
    Template("reported_figures", ("site_id", "year", "period", "indicator"), covers=("site_id", "year", "period"), rules=(
        R("site_id", ref="sites.site_id", example="CCN-TL-01"),
        R("year", required=True, past=True, minimum=2000, example="2025"),
        R("period", required=True, allowed=("year", "half"), example="year"),
        R("indicator", required=True, example="wwtp_meets_standard"),
        R("label_vi", required=True, example="Cụm công nghiệp có hệ thống xử lý nước thải tập trung đạt tiêu chuẩn môi "
                                              "trường (có ghi 1, không ghi 0)"),
        R("value", example="1"),
        R("unit", example="Công trình"),
        R("form", required=True, example="Biểu số 02 (Thông tư 14/2024/TT-BCT)"),
        R("reported_by", example="Công ty cổ phần đầu tư hạ tầng Vân Hà"),
        _DEMO, _SOURCE,
    ), after=("sites",)),
    Template("promotion_activities", ("activity_id",), (
        R("activity_id", required=True, example="KC-2026-001"),
        R("programme", required=True, allowed=("industrial_promotion_2021_2025", "industrial_promotion_2026_2030"),
          example="industrial_promotion_2026_2030"),
        R("year", required=True, minimum=2000, example="2026"),
        R("kind", required=True, allowed=ACTIVITY_KINDS, example="digital_transformation"),
        R("title_vi", required=True, example="Hỗ trợ chuyển đổi số cho cơ sở công nghiệp nông thôn"),
        R("title_en", default="", example="Digital transformation support for a rural industrial establishment"),
        R("commune_code", ref="communes.code", example="00475"),
        R("enterprise_id", ref="enterprises.enterprise_id", example="100001"),
        R("village_id", ref="craft_villages.village_id", example=""),
        R("budget_state_million_vnd", minimum=0, example="150"),
        R("budget_counterpart_million_vnd", minimum=0, example="60"),
        R("beneficiaries", minimum=0, example="1"),
        R("status", required=True, allowed=("planned", "in_progress", "completed", "cancelled"), example="completed"),
        _DEMO, _SOURCE,
    ), after=("enterprises", "craft_villages")),
)

BY_TABLE = {t.table: t for t in TEMPLATES}
REFERENCE_TABLES = ("communes", "commune_predecessors", "sectors")  # loaded from data/, never imported


def table_name(name: str) -> str:
    """The table a file or sheet name claims to be (``Craft villages`` → ``craft_villages``), folded."""
    return fold(name).replace(" ", "_").replace("-", "_")


def template(table: str) -> Template:
    return BY_TABLE[table]


def load_order() -> list[str]:
    """Tables in an order where every referenced table comes first."""
    done: list[str] = []
    pending = [t.table for t in TEMPLATES]
    while pending:
        for name in pending:
            if all(dep in done for dep in BY_TABLE[name].after):
                done.append(name)
                pending.remove(name)
                break
        else:  # pragma: no cover - the definitions above are acyclic
            raise RuntimeError(f"cyclic references among {pending}")
    return done


def describe_rule(tpl: Template, rule: Rule, lang: str) -> str:
    """One line saying what a column accepts, in `lang`."""
    col = schema.table(tpl.table).column(rule.column)
    vi = lang == "vi"
    parts = [col.vi if vi else col.en, f"{col.type}, {col.unit}"]
    parts.append(("bắt buộc" if vi else "required") if rule.required else ("không bắt buộc" if vi else "optional"))
    if rule.allowed:
        parts.append(("giá trị: " if vi else "one of: ") + " | ".join(rule.allowed))
    if rule.ref:
        parts.append(("phải có trong " if vi else "must exist in ") + rule.ref)
    if rule.column in tpl.key and len(tpl.key) == 1:
        parts.append("không trùng" if vi else "unique")
    return "; ".join(parts)


def column_rows() -> list[dict[str, str]]:
    """The description of every template column, both languages (the `columns` sheet)."""
    out = []
    for tpl in TEMPLATES:
        for rule in tpl.rules:
            col = schema.table(tpl.table).column(rule.column)
            out.append({
                "table": tpl.table, "column": rule.column, "type": col.type, "unit": col.unit,
                "required": "yes" if rule.required else "no", "allowed": " | ".join(rule.allowed),
                "must_exist_in": rule.ref or "", "example": rule.example,
                "meaning_en": col.en, "meaning_vi": col.vi,
            })
        if tpl.has_commune:
            out.append({
                "table": tpl.table, "column": "address", "type": "VARCHAR", "unit": "text", "required": "no",
                "allowed": "", "must_exist_in": "", "example": "Số 5, P. Dịch Vọng Hậu, Q. Cầu Giấy, HN",
                "meaning_en": "Optional: the whole address as written (before or after July 2025), used when "
                              "commune_code and old_commune are empty; a split or unknown address is refused with its "
                              "candidates",
                "meaning_vi": "Không bắt buộc: cả địa chỉ như đã ghi (trước hay sau 1/7/2025), dùng khi để trống "
                              "commune_code và old_commune; địa chỉ thuộc đơn vị bị chia tách hoặc không tìm thấy bị "
                              "từ chối, kèm các xã, phường có thể",
            })
            for name in OLD_ADDRESS:
                out.append({
                    "table": tpl.table, "column": name, "type": "VARCHAR", "unit": "text", "required": "no",
                    "allowed": "", "must_exist_in": "", "example": "Huyện Đông Anh" if name == "old_district" else "Xã Cổ Loa",
                    "meaning_en": "Optional pre-July-2025 address, used when commune_code is empty: mapped to the new "
                                  "commune with the official conversion table",
                    "meaning_vi": "Địa chỉ cũ (trước 1/7/2025), không bắt buộc, dùng khi để trống commune_code: được "
                                  "chuyển sang xã/phường mới theo bảng chuyển đổi chính thức",
                })
    return out


def comment_block(tpl: Template) -> str:
    """The ``#`` lines that open a CSV template: what the table is and what each column accepts."""
    tbl = schema.table(tpl.table)
    lines = [f"# {tpl.table}: {tbl.en} / {tbl.vi}",
             "# One row per record after the header row; lines starting with # are ignored. "
             "/ Mỗi dòng sau dòng tiêu đề là một bản ghi; dòng bắt đầu bằng # được bỏ qua."]
    for rule in tpl.rules:
        lines.append(f"# {rule.column}: {describe_rule(tpl, rule, 'en')} / {describe_rule(tpl, rule, 'vi')}"
                     + (f" — e.g. {rule.example}" if rule.example else ""))
    if tpl.has_commune:
        lines.append("# old_district, old_commune (optional): a pre-July-2025 address, used when commune_code is empty "
                     "/ địa chỉ cũ trước 1/7/2025, dùng khi để trống commune_code")
        lines.append("# address (optional): the whole address as written, used when commune_code and old_commune are "
                     "empty / cả địa chỉ như đã ghi, dùng khi để trống commune_code và old_commune")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([r.example for r in tpl.rules])
    lines.append("# example row / dòng ví dụ: " + buf.getvalue().strip())
    return "\n".join(line.replace("\n", " ") for line in lines) + "\n"


def write_csv(tpl: Template, path: Path, rows=None) -> None:
    """A CSV template (UTF-8 with BOM, so Excel shows Vietnamese); `rows` is an optional pyarrow table.

    Text that a spreadsheet would run as a formula is written with a leading apostrophe, which an
    import removes again.
    """
    import pyarrow.csv as pacsv

    from .downloads import safe_arrow

    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(comment_block(tpl))
        if rows is None:
            csv.writer(fh, lineterminator="\n").writerow(tpl.columns)
    if rows is not None:
        with open(path, "ab") as fh:
            pacsv.write_csv(safe_arrow(rows.select(tpl.columns)), fh, pacsv.WriteOptions(quoting_style="needed"))


def write_workbook(path: Path) -> None:
    """All templates in one workbook: a sheet per table (header row) and a `columns` sheet describing them."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for tpl in TEMPLATES:
        ws = wb.create_sheet(tpl.table)
        ws.append(tpl.columns)
        for cell, rule in zip(ws[1], tpl.rules, strict=True):
            cell.font = Font(bold=True)
            cell.comment = Comment(f"{describe_rule(tpl, rule, 'en')}\n\n{describe_rule(tpl, rule, 'vi')}", "template")
            ws.column_dimensions[cell.column_letter].width = max(12, len(rule.column) + 4)
    info = wb.create_sheet(COLUMNS_SHEET)
    rows = column_rows()
    info.append(list(rows[0]))
    for cell in info[1]:
        cell.font = Font(bold=True)
    for row in rows:
        info.append(list(row.values()))
    wb.save(path)


def write_all(out: Path = TEMPLATES_DIR) -> list[Path]:
    """Empty templates: one CSV per table, `columns.csv`, and the workbook."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for tpl in TEMPLATES:
        path = out / f"{tpl.table}.csv"
        write_csv(tpl, path)
        written.append(path)
    rows = column_rows()
    with open(out / "columns.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    written.append(out / "columns.csv")
    write_workbook(out / WORKBOOK_NAME)
    written.append(out / WORKBOOK_NAME)
    return written


def zip_bytes() -> bytes:
    """The empty CSV templates and the column descriptions in one zip."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for tpl in TEMPLATES:
            zf.write(TEMPLATES_DIR / f"{tpl.table}.csv", f"{tpl.table}.csv")
        zf.write(TEMPLATES_DIR / "columns.csv", "columns.csv")
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m industry.templates", description="Write the empty import templates.")
    parser.add_argument("--out", type=Path, default=TEMPLATES_DIR, help="folder to write (default: %(default)s)")
    args = parser.parse_args(argv)
    for path in write_all(args.out):
        print(path)
    return 0
