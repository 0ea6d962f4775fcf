"""The fields and value words of the import in the reader's words: what the Import page shows and offers instead of
the data model's names.

A column's field is shown as what it describes and what it is ("Khu, cụm công nghiệp · Diện tích (ha)"), chosen from
the same labels, with "không dùng" for a column left out; a word's code is shown by its meaning in the page's
language ("Đang đầu tư xây dựng hạ tầng → đang xây dựng"), chosen from the meanings of that field. The labels are
kept once, in both languages (``[field]`` and ``[value]`` of ``industry/core/locales``); the codes stay inside.
"""

from __future__ import annotations

from ..data.reference import Reference
from .headers import tables, words

GROUP = " · "  # between what a field describes and what it is


def field_label(value: str | None, tr) -> str:
    """The label of "table.field" (or "—" for none): "Khu, cụm công nghiệp · Diện tích (ha)"."""
    if not value or "." not in value:
        return tr("field.not_used")
    table, column = value.split(".", 1)
    return f"{tr(f'field.{table}')}{GROUP}{_column_label(table, column, tr)}"


def _column_label(table: str, column: str, tr) -> str:
    if "@" in column:  # an area split by establishment: "Diện tích (ha), đã thành lập"
        base, qualifier = column.split("@", 1)
        name, code = qualifier.split("=", 1)
        return tr("field.split", field=_column_label(table, base, tr), value=tr(f"field.{name}_{code}"))
    if column.startswith("parameter:"):
        code = column.split(":", 1)[1]
        names = {r["parameter"]: r["parameter_vi"] for r in Reference().limit_rows()}
        return tr("field.wastewater_samples_parameter", parameter=tr.pick(code, names.get(code, code)))
    if column.startswith("result:"):
        return tr("field.wastewater_samples_sample", sample=column.split(":", 1)[1])
    if column.startswith("year:"):
        return tr("field.programme_progress_year", year=column.split(":", 1)[1])
    key = f"field.{table}_{column}"
    return tr(key) if tr.has(key) else column


def field_options(tr, extra: tuple[str, ...] = ()) -> dict[str, str | None]:
    """Every field a column may be given, label → "table.field", "không dùng" first; `extra` are fields of the
    sheet's own that the list does not hold (a year, a sample)."""
    out: dict[str, str | None] = {tr("field.not_used"): None}
    values = [f"{t}.{c}" for t in tables() for c in words()[t]] + [e for e in extra if e]
    for value in values:
        out.setdefault(field_label(value, tr), value)
    return out


def value_label(field: str, code, tr) -> str:
    """The meaning of a code of `field` in the page's language: "operating" → "đang hoạt động"; "" for none."""
    if code is None or code == "" or (isinstance(code, float) and code != code):
        return ""
    code = str(code)
    column = field.split(".", 1)[1] if "." in field else field
    if code in ("true", "false"):
        return tr("value.yes" if code == "true" else "value.no")
    key = {"status": f"value.status_{code}", "size": f"size.{code}", "craft": f"craft.{code}",
           "indicator": f"indicator.{code}"}.get(column)
    if key is not None:
        return tr(key) if tr.has(key) else code
    if column == "sector":
        names = {r["sector"]: (r["name_en"], r["name_vi"]) for r in Reference().sectors}
        return tr.pick(*names[code]) if code in names else tr("craft.other")
    return code


def value_options(field: str, tr) -> dict[str, str]:
    """The meanings a word of `field` may be given, label → code."""
    column = field.split(".", 1)[1] if "." in field else field
    if field in ("wastewater_plants.has_plant", "enterprises.supporting_industry"):
        codes = ["true", "false"]
    elif column == "craft":
        codes = sorted({r["craft"] for r in Reference().villages if r["craft"]} | {"other"})
    elif column == "sector":
        codes = [r["sector"] for r in Reference().sectors] + ["other"]
    elif column == "indicator":
        codes = [r["indicator"] for r in Reference().targets]
    else:
        table = field.split(".", 1)[0]
        codes = list(words()["values"].get(table, {}).get(column, {}))
    return {value_label(field, c, tr): c for c in dict.fromkeys(codes)}


# what the preview shows of each table: its columns as the pages show them, in this order
PREVIEW = {
    "sites": ("name_vi", "commune_code", "area_ha", "status", "established", "note"),
    "wastewater_plants": ("site_id", "capacity_m3_per_day", "commissioned_year", "standard"),
    "wastewater_samples": ("site_id", "sampled_on", "parameter", "value", "unit"),
    "craft_villages": ("name_vi", "commune_code", "craft", "households", "workers", "recognised_year", "note"),
    "enterprises": ("name", "commune_code", "sector", "employees", "size", "supporting_industry"),
    "certifications": ("enterprise_id", "standard", "issued_on", "expires_on"),
    "programme_progress": ("indicator", "year", "value", "unit"),
    "reported_figures": ("site_id", "year", "label_vi", "value", "unit", "reported_by"),
}


def preview(table: str, frame, tr, names: dict[str, str] | None = None):
    """The first records of `table` as the pages will show them: names, the commune by its name (or why it is not
    known), words instead of codes, in the page's language; `names` gives a site's name by its id."""
    import pandas as pd

    from ..core import formats

    communes = {r["code"]: r["full_name"] for r in Reference().commune_list}
    columns = [c for c in PREVIEW.get(table, tuple(frame.columns)) if c in frame.columns]
    out = {}
    for column in columns:
        values = list(frame[column])
        heading = _preview_heading(table, column, tr)
        if column == "commune_code":
            shown = [communes.get(v) or tr("field.no_commune") for v in values]
        elif column == "site_id":
            shown = [(names or {}).get(v, v) if v else tr("field.the_city") for v in values]
        elif column in ("status", "craft", "sector", "size", "indicator", "established", "supporting_industry"):
            shown = [value_label(f"{table}.{column}", _code(v), tr) or "–" for v in values]
        elif column == "parameter":
            labels_ = {r["parameter"]: r["parameter_vi"] for r in Reference().limit_rows()}
            shown = [labels_.get(v, v) for v in values]
        elif column in ("sampled_on", "issued_on", "expires_on"):
            shown = [formats.date(v, tr.lang) if v is not None and not pd.isna(v) else "–" for v in values]
        elif column in ("area_ha", "value", "capacity_m3_per_day"):
            shown = [_amount(v, tr) for v in values]
            if column == "value" and "qualifier" in frame.columns:  # below the detection limit, not detected
                shown = [tr("field.not_detected") if q == "not_detected" else f"< {v}" if q == "below" else v
                         for v, q in zip(shown, frame["qualifier"], strict=True)]
        else:
            shown = ["–" if v is None or (isinstance(v, float) and v != v) else str(v) for v in values]
        out[heading] = shown
    return pd.DataFrame(out)


def _amount(value, tr) -> str:
    from ..core import formats

    if not _real(value):
        return "–"
    text = formats.number(value, tr.lang, 2)
    decimal = "," if tr.lang == "vi" else "."
    return text.rstrip("0").rstrip(decimal) if decimal in text else text


def _code(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _real(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _preview_heading(table: str, column: str, tr) -> str:
    key = {"commune_code": "field.commune_now", "label_vi": "field.form_row", "reported_by": "field.reported_by",
           "value": "field.value", "parameter": "field.parameter", "craft": f"field.{table}_craft_vi",
           "established": "field.established", "note": "field.note", "year": "field.year",
           "standard": f"field.{table}_standard", "commissioned_year": f"field.{table}_commissioned_year",
           "site_id": "field.site", "unit": "field.unit"}.get(column, f"field.{table}_{column}")
    return tr(key) if tr.has(key) else column
