"""Two reference pages for measuring how fast the dashboard's pages draw (``python -m industry.firstdraw``): a bare
page (a heading and a sentence) and a one-chart page (the same, and one plotly chart in the dashboard's style), served
by the same Streamlit as the pages, with the same sidebar. They are added, hidden from the navigation, only when the
server is started with ``DASHBOARD_REFERENCE_PAGES=1``."""

from __future__ import annotations

import os

import plotly.graph_objects as go
import streamlit as st

from . import charts, shell

ENV_VAR = "DASHBOARD_REFERENCE_PAGES"


def bare() -> None:
    st.title("Reference: a bare page")
    st.write("A heading and a sentence.")


def one_chart() -> None:
    ctx = shell.context()
    st.title("Reference: one chart")
    fig = shell.shared(ctx, "reference_chart", lambda: charts.style(
        go.Figure(go.Bar(x=[str(y) for y in range(2019, 2026)], y=[3, 5, 4, 6, 8, 7, 9])), ctx, height=360))
    st.plotly_chart(fig, key="reference_chart", config={"displaylogo": False, "locale": ctx.lang})


def pages() -> list:
    """The reference pages when the server was asked for them, else none."""
    if os.environ.get(ENV_VAR) != "1":
        return []
    return [st.Page(bare, title="Reference: bare", url_path="reference_bare", visibility="hidden"),
            st.Page(one_chart, title="Reference: one chart", url_path="reference_chart", visibility="hidden")]
