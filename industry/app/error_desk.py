"""The administrators' list of readers' error reports on the Import page: each moved on (being checked, corrected by
an import, not an error), logged with who and when, and a CSV of them all."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from ..data import error_reports
from ..data.context import Context
from ..files import downloads, importer
from . import charts, shell


def reports_csv(live: Path) -> bytes:
    """Every report as CSV, as every download is written (Excel keeps the diacritics; no cell is read as a formula);
    the browser's token is left out."""
    return downloads.csv_bytes(pd.DataFrame(error_reports.rows(live)).drop(columns=["client"], errors="ignore"))


def reports_frame(ctx: Context, every: list[dict]) -> pd.DataFrame:
    tr = ctx.tr
    return pd.DataFrame({
        tr("wrong.col_number"): [r["id"] for r in every],
        tr("wrong.col_received"): pd.to_datetime([r["created_at"][:10] for r in every]),
        tr("wrong.col_status"): [tr(f"wrong.status_{r['status']}") for r in every],
        tr("wrong.col_page"): [r["page"] for r in every],
        tr("wrong.col_about"): [r["about"] for r in every],
        tr("wrong.col_what"): [r["what"] if len(r["what"]) <= 300 else r["what"][:300] + "…" for r in every],
        tr("wrong.col_right"): [r["right_value"] for r in every],
        tr("wrong.col_source"): [r["source"] for r in every],
        tr("wrong.col_contact"): [r["contact"] for r in every],
        tr("wrong.col_corrected_by"): [r["corrected_by"] or r["why"] or "" for r in every],
    })


def desk(ctx: Context, live: Path, who: str) -> None:
    """The administrators' list of readers' reports: move each one on, logged with who and when; a CSV of them all."""
    tr = ctx.tr
    st.markdown(f"### {tr('wrong.desk_title')}")
    every = error_reports.rows(live)
    if not every:
        st.caption(tr("wrong.none"))
        return
    open_ = sum(r["status"] in error_reports.OPEN for r in every)
    charts.chart_card(ctx, key="error_reports", title=tr("wrong.desk_count", n=ctx.number(len(every)),
                                                          open=ctx.number(open_)),
                      subtitle=tr("wrong.desk_subtitle"), fig=None, data=reports_frame(ctx, every),
                      unit=tr("wrong.desk_unit"), definition=tr("wrong.desk_definition"),
                      source=tr("wrong.desk_source"))
    st.download_button(tr("wrong.csv"), lambda: reports_csv(live), file_name="bao-sai-so-lieu.csv",
                       mime="text/csv", icon=":material/download:", on_click="ignore", key="error_reports_every_csv")
    statuses = {s: tr(f"wrong.status_{s}") for s in error_reports.STATUSES}
    numbers = {r["id"]: f"{r['id']} · {shell.shown(r['about'], 60)} · {statuses[r['status']]}" for r in every}
    row = st.columns([2, 1, 2])
    number = row[0].selectbox(tr("wrong.which"), options=list(numbers), format_func=numbers.get,
                              key="error_report_pick")
    status = row[1].selectbox(tr("wrong.new_status"), options=list(error_reports.STATUSES),
                              format_func=lambda s: tr(f"wrong.status_{s}"), key="error_report_status")
    note = row[2].text_input(tr("wrong.note"), key="error_report_note", max_chars=error_reports.LIMITS["note"],
                             help=tr("wrong.note_help"))
    if st.button(tr("wrong.apply"), key="error_report_apply", icon=":material/published_with_changes:"):
        version = importer.Store(live).current()
        try:
            error_reports.set_status(live, number, status, who, note,
                                     corrected_by=(note or (version.name if version else None))
                                     if status == "corrected" else None)
        except error_reports.Unknown:
            st.error(tr("wrong.unknown", number=number))
            return
        st.session_state["error_report_said"] = tr("wrong.applied", number=number,
                                                   status=tr(f"wrong.status_{status}"))
        st.rerun()
    said = st.session_state.pop("error_report_said", None)
    if said:
        st.success(said, icon=":material/check_circle:")
