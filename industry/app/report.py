"""The year's report as a Word document, offered on the Overview: written when asked, with a progress bar, then
downloaded. The document is :mod:`industry.outputs.report`'s, for the filters and language of the page."""

from __future__ import annotations

import streamlit as st

from ..data.context import Context
from ..outputs import deck as deckfile
from ..outputs import report as document
from . import shell

MADE = "report_made"  # session state: (what it was made for, the document)


def offer(ctx: Context) -> None:
    tr = ctx.tr
    made_for = (ctx.version, ctx.filters)
    if st.button(tr("report.download"), icon=":material/description:", key="report_build", help=tr("report.help")):
        bar = st.progress(0.0, text=tr("report.building"))
        try:
            data = document.make(ctx, progress=lambda fraction, what: bar.progress(fraction, text=tr("report.building")))
        except deckfile.ExportError as exc:
            bar.empty()
            st.error(tr("report.failed", detail=shell.shown(str(exc), 300)), icon=":material/error:")
            return
        bar.empty()
        st.session_state[MADE] = (made_for, data)
    stored = st.session_state.get(MADE)
    if stored and stored[0] == made_for:
        st.caption(tr("report.ready", sections=len(document.SECTIONS)))
        st.download_button(tr("report.save"), stored[1], file_name=document.file_name(ctx), mime=document.MIME,
                           key="report_save", icon=":material/download:", on_click="ignore")
