"""Where a record's figures come from, in the reader's words: the commune's return that reported it, or the file,
sheet and row an import read it from, with the date it went in ("Theo báo cáo của Xã Bát Tràng, kỳ 6 tháng đầu năm
2026, nhập ngày 15/07/2026")."""

from __future__ import annotations

import re

import pandas as pd

from ..data import metrics


def period_words(tr, code: str | None) -> str:
    """A period's code (2026-H1, 2026-Q3, 2026) in the reader's words."""
    match = re.fullmatch(r"(\d{4})(?:-(H[12]|Q[1-4]))?", str(code or ""))
    if not match:
        return str(code or "")
    return tr(f"period.{match.group(2) or 'Y'}", year=match.group(1))


def words(ctx, source: dict | None) -> str:
    tr = ctx.tr
    if not source:
        return tr("provenance.none")
    date = ctx.date(str(source.get("imported_at") or "")[:10]) if source.get("imported_at") else "–"
    if source.get("reported_by"):
        return tr("provenance.returned", commune=source.get("reported_by_name") or source["reported_by"],
                  period=period_words(tr, source.get("period")), date=date)
    sheet = tr("provenance.sheet", sheet=source["sheet"]) if source.get("sheet") else ""
    row = source.get("row")
    return tr("provenance.imported", file=source.get("file") or "–", sheet=sheet,
              row="–" if row is None or pd.isna(row) else int(row), date=date)


def known(ctx, table: str) -> dict[str, str]:
    """The source words of every record of `table` whose source is known (the map's tooltips, the tables)."""
    return {str(r["record_id"]): words(ctx, r) for r in ctx.query(metrics.record_sources, table).to_dict("records")}


def column(ctx, table: str, ids) -> list[str]:
    """The source words of each record of `ids`, in their order."""
    said = known(ctx, table)
    return [said.get(str(i), ctx.tr("provenance.none")) for i in ids]
