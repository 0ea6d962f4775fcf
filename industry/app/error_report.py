"""'Báo sai số liệu / Report an error': beside every chart card, site and village, a short form a reader fills in
(the administrators' list of the reports is :mod:`industry.app.error_desk`)."""

from __future__ import annotations

import hashlib

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ..data import error_reports, owners
from ..data.context import Context
from ..files import importer
from . import shell


def _client() -> str:
    """The browser, as a token (its Streamlit cookie, else its session), hashed: the rate limit counts by it."""
    try:
        token = st.context.cookies.get("_streamlit_xsrf") or ""
    except Exception:  # noqa: BLE001 - not in a browser session
        token = ""
    if not token:
        run = get_script_run_ctx()
        token = run.session_id if run is not None else "local"
    return hashlib.sha256(token.encode("utf-8")).hexdigest()[:32]


def button(ctx: Context, *, key: str, about: str, dataset: str | None = None, record_id: str | None = None) -> None:
    """The button that opens the report form about one figure or record (its form is drawn only when opened)."""
    if st.button(ctx.tr("wrong.open"), key=f"{key}_report", icon=":material/flag:", type="tertiary",
                 help=ctx.tr("wrong.open_help")):
        kept = owners.of_page(ctx.page)
        _form(ctx, about, dataset or (kept[0].key if kept else ""), record_id)


def _form(ctx: Context, about: str, dataset: str, record_id: str | None) -> None:
    tr = ctx.tr

    @st.dialog(tr("wrong.title"), width="large")
    def dialog() -> None:
        st.caption(tr("wrong.about", about=shell.shown(about, 300)))
        with st.form("error_report", clear_on_submit=False, border=False):
            what = st.text_area(tr("wrong.what"), max_chars=error_reports.LIMITS["what"], key="report_what",
                                placeholder=tr("wrong.what_placeholder"))
            right = st.text_input(tr("wrong.right"), max_chars=error_reports.LIMITS["right_value"], key="report_right")
            source = st.text_input(tr("wrong.source"), max_chars=error_reports.LIMITS["source"], key="report_source",
                                   placeholder=tr("wrong.source_placeholder"))
            contact = st.text_input(tr("wrong.contact"), max_chars=error_reports.LIMITS["contact"],
                                    key="report_contact", help=tr("wrong.contact_help"))
            sent = st.form_submit_button(tr("wrong.send"), type="primary", icon=":material/send:")
        if sent:
            if not (what or "").strip():
                st.error(tr("wrong.empty"), icon=":material/edit_note:")
                return
            report = error_reports.Report(page=ctx.page, filters=ctx.filters_text(), about=about, what=what,
                                          record_id=record_id, dataset=dataset, right_value=right, source=source,
                                          contact=contact)
            try:
                number = error_reports.add(importer.live_path(), report, _client())
            except error_reports.RateLimited:
                st.error(tr("wrong.too_many", n=error_reports.RATE[0], minutes=error_reports.RATE[1] // 60),
                         icon=":material/timer:")
                return
            st.success(tr("wrong.thanks", number=number), icon=":material/check_circle:")

    dialog()
