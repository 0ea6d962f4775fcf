"""The part of a page below its first screen, drawn once the first screen is drawn.

A browser draws a page's plotly charts one after the other on one thread: four charts sent at once kept the first
screen (the title, the finding, the figures and the first charts) waiting for the charts below it. A page therefore
puts what is below its first screen in :func:`after`. On the first run of a page view that part is a line saying it
is being drawn, and a button nobody sees; the page's own script (``frontend``) clicks the button once every chart
and map on the page is drawn (or after a few seconds at most), and Streamlit draws that part alone (a fragment), so
the first screen is complete before the rest is sent. Every later run of the same page (a filter changed, a widget
in that part used) draws it at once, as before.

Without a browser to ask for the rest (Streamlit's AppTest, which starts no server) the part is drawn at once.
"""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.runtime import Runtime

from ..data.context import Context

_LOG = logging.getLogger(__name__)
_VIEW_KEY = "_fold_view"  # the page of the last full run, and whether that run began a page view
KEY_PREFIX = "fold_"  # the hidden buttons' keys: the page's script finds them by it (st-key-fold_…)


def new_run(page: str) -> None:
    """Note the page of a full run (the entrypoint calls this before running the page): a run of another page than
    the last one begins a page view."""
    last = st.session_state.get(_VIEW_KEY)
    st.session_state[_VIEW_KEY] = (page, last is None or last[0] != page)


def _view_begins() -> bool:
    view = st.session_state.get(_VIEW_KEY)
    # a server's session, which a browser opened (AppTest runs the script with a stand-in runtime, and no browser)
    return bool(view and view[1]) and type(Runtime.instance()) is Runtime


def after(ctx: Context, key: str, draw) -> None:
    """Draw `draw()` (what the page shows below its first screen) after the first screen on the first run of a page
    view, at once on every other run."""
    drawn = f"_fold_drawn_{key}"
    st.session_state[drawn] = not _view_begins()
    st.fragment(_part)(ctx, key, drawn, draw)


def _asked(drawn: str) -> None:
    st.session_state[drawn] = True


def _part(ctx: Context, key: str, drawn: str, draw) -> None:
    if not st.session_state.get(drawn):
        st.caption(ctx.tr("app.drawing_rest"))
        st.button(ctx.tr("app.draw_rest"), key=f"{KEY_PREFIX}{key}", on_click=_asked, args=(drawn,))
        return
    try:
        draw()
    except Exception:  # noqa: BLE001 - as shell.navigate: a sentence, never a traceback; Streamlit's own stop passes
        if st.get_option("client.showErrorDetails") in ("full", "stacktrace", "type", True, "true"):
            raise
        _LOG.exception("the part of page %s below its first screen failed", ctx.page)
        st.error(ctx.tr("app.page_failed"), icon=":material/error:")
