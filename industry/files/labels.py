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
