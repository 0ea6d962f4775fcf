"""The part of a page below its first screen, drawn once the first screen is drawn.

A browser draws a page's plotly charts one after the other on one thread: four charts sent at once kept the first
screen (the title, the finding, the figures and the first charts) waiting for the charts below it. A page therefore
puts what is below its first screen in :func:`after`. On the first run of a session (a page opened from a link, a
bookmark or a reload, when the browser also has the charts' code to load) that part is a line saying it is being
drawn, and a button nobody sees; the page's own script (``frontend``) clicks the button once every chart and map on
the page is drawn (or after a few seconds at most), and Streamlit draws that part alone (a fragment), so the first
screen is complete before the rest is sent. Every later run draws it at once, as before: another page chosen in the
same tab (its browser has the code ready by then), a filter changed, a widget in that part used. Deferring every
page view made each view two runs, and under a hall's load each run waits its turn: the 300-viewer run's p95 went
from 0.45 s to 1.2 s (docs/reliability.md).

Without a browser to ask for the rest (Streamlit's AppTest, which starts no server) the part is drawn at once.
"""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.runtime import Runtime

from ..data.context import Context

_LOG = logging.getLogger(__name__)
_FIRST_KEY = "_fold_first_run"  # whether the session's full run under way is its first
KEY_PREFIX = "fold_"  # the hidden buttons' keys: the page's script finds them by it (st-key-fold_…)
# the hidden buttons' containers in the browser (Streamlit gives an element keyed k the class st-key-k): the page's
# script, the CSS that hides them, the load generator and the measures find them by this one selector
SELECTOR = f'[class*="st-key-{KEY_PREFIX}"]'


def new_run() -> None:
    """Note a full run (the entrypoint calls this before running the page): the session's first run draws its
    page's first screen first."""
    st.session_state[_FIRST_KEY] = _FIRST_KEY not in st.session_state


def _view_begins() -> bool:
    # a server's session, which a browser opened (AppTest runs the script with a stand-in runtime, and no browser)
    return bool(st.session_state.get(_FIRST_KEY)) and Runtime.exists() and type(Runtime.instance()) is Runtime


def after(ctx: Context, key: str, draw) -> None:
    """Draw `draw()` (what the page shows below its first screen) after the first screen on the session's first run,
    at once on every other run."""
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
