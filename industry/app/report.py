"""The year's report as a Word document, offered on the Overview: written when asked, with a progress bar, then
downloaded. The document is :mod:`industry.outputs.report`'s, for the filters and language of the page."""

from __future__ import annotations

import streamlit as st

from ..data.context import Context
from ..outputs import deck as deckfile
from ..outputs import report as document
from . import shell


def offer(ctx: Context) -> None:
    tr = ctx.tr
    data = shell.made_on_click(ctx, label=tr("report.download"), key="report_build", icon=":material/description:",
                               building=tr("report.building"), failed="report.failed", help=tr("report.help"),
                               make=lambda progress: document.make(ctx, progress=progress),
                               made_for=(ctx.version, ctx.filters), errors=(deckfile.ExportError,))
    if data is not None:
        st.caption(tr("report.ready", sections=len(document.SECTIONS)))
        st.download_button(tr("report.save"), data, file_name=document.file_name(ctx), mime=document.MIME,
                           key="report_save", icon=":material/download:", on_click="ignore")
