"""One chart pattern for every page.

A chart card is: a title that states the finding, a subtitle (what, where, when), the
chart in the one plotly style, its unit and one-line definition, the source line with
demo/official and the data date, and downloads of exactly the data shown (CSV with BOM
and XLSX whose second sheet says what the file is). No unit or source, no chart.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.basedatatypes import BaseFigure

from ..core import formats
from ..core.kept import kept
from ..core.text import slug  # noqa: F401  (pages name their files with it through charts)
from ..data.context import Context
from ..figures import tables
from ..figures.style import TEMPLATE, style, target_line  # noqa: F401  (pages use them through charts)
from ..files import downloads
from . import error_report, shell


def cached_figure(ctx: Context, name: str, builder, *key) -> go.Figure:
    """A figure built once per database version, language and `key`, shared by every rerun and session
    (``shell.shared``): the page passes it to :func:`chart_card` as it is and never changes it."""
    return shell.shared(ctx, name, builder, *key)


class _Sent(BaseFigure):
    """A figure as Streamlit sends it: the dictionary its figure gave the first time it was drawn, given again on
    every later run (Streamlit asks a figure for a fresh deep copy of itself on every run, then only reads it)."""

    def __init__(self, spec: dict):  # not BaseFigure's: nothing to validate, the figure was validated when built
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


def sent(fig: go.Figure) -> BaseFigure:
    """What to give ``st.plotly_chart`` for `fig`: its dictionary, made once per figure (a shared figure is drawn on
    every run and in every session and never changes)."""
    kept = getattr(fig, "_dashboard_sent", None)
    if kept is None:
        kept = _Sent(fig.to_dict())
        fig._dashboard_sent = kept
    return kept


def source_line(ctx: Context, source: str) -> str:
    return ctx.source_line(source)


@kept
def file_stem(ctx: Context, title: str) -> str:
    """A download's name: what it is (its title, whole words), where (the communes chosen, or Hà Nội) and when."""
    communes = ctx.filters.communes
    where = "-".join(slug(ctx.commune_name(c), 30) for c in communes[:3]) or "ha-noi"
    if len(communes) > 3:
        where = slug(ctx.tr("scope.many", first=where, n=len(communes) - 3), 120)
    return f"{slug(title, 60)}-{where}-{ctx.filters.year}"


def download_buttons(ctx: Context, *, key: str, data: pd.DataFrame, title: str, unit: str, definition: str,
                     source: str, subtitle: str = ""):
    """CSV and XLSX of exactly `data`, the XLSX with a sheet describing it."""
    tr = ctx.tr
    name = file_stem(ctx, title)

    def about() -> list[tuple[str, str]]:  # what the workbook's second sheet says, when it is made
        return [
            (tr("download.title"), title),
            (tr("download.subtitle"), subtitle),
            (tr("download.definition"), definition),
            (tr("download.unit"), unit),
            (tr("download.source"), source),
            (tr("download.kind"), tr("chart.demo") if ctx.is_demo else tr("chart.official")),
            (tr("download.filters"), ctx.filters_text()),
            (tr("download.data_date"), ctx.data_date()),
            (tr("download.created"), dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
            (tr("download.dashboard"), tr("app.title")),
        ]

    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    # deferred: the files are built when clicked, not on every rerun of the page
    row.download_button(
        tr("download.csv"), lambda: downloads.csv_bytes(data), file_name=f"{name}.csv", mime="text/csv",
        key=f"{key}_csv", icon=":material/download:", on_click="ignore",
    )
    row.download_button(
        tr("download.xlsx"),
        lambda: downloads.xlsx_bytes(data, about(), data_sheet=tr("download.data_sheet"),
                                     about_sheet=tr("download.about_sheet")),
        file_name=f"{name}.xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx", icon=":material/table:", on_click="ignore",
    )
    return row


DATE_FORMATS = {"en": "D MMM YYYY", "vi": "DD/MM/YYYY"}  # momentjs, as Streamlit's date columns take them


def column_formats(ctx: Context, data: pd.DataFrame, given: dict | None = None) -> dict:
    """How a table shows its columns: dates in the page's language, numbers with the reader's separators
    (the browser's locale: Streamlit's tables take no other), years as they are; `given` wins."""
    config = {}
    for name in data.columns:
        column = data[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            config[name] = st.column_config.DateColumn(format=DATE_FORMATS[ctx.lang])
        elif tables.is_number(column) and not tables.is_years(column):
            config[name] = st.column_config.NumberColumn(format="localized")
    return config | (given or {})


def _cell_formatter(ctx: Context, column: pd.Series, config: dict | None = None):
    """How one column's cells read once a table is shown through a Styler (which shows every cell as text); a
    column the page configured as a share (``format="percent"``, 0–1) reads as a percentage."""
    share = ((config or {}).get("type_config") or {}).get("format") == "percent"
    return tables.cell_formatter(ctx.lang, column, share)


def readable(ctx: Context, data: pd.DataFrame, given: dict | None = None) -> tuple[pd.DataFrame, dict]:
    """A table as a reader is shown it, and its column configuration.

    Each number is the text the page's language writes (1.234,5 on a Vietnamese page whatever the browser's
    locale), padded so that the column lines up on its decimal mark and sorts as numbers (:func:`tables.aligned`):
    the grid's cell then holds what it draws, so a screen reader reads "40,52" where the grid shows 40,52, never the
    raw "40.52"; a share the page configured as a percentage (``format="percent"``, 0–1, a progress bar) reads as
    its percentage the same way. Years stay numbers (2025, never 2.025). Dates are dates, drawn as the language
    writes them; the grid gives a screen reader a date as year-month-day (2025-03-15), the one text that also sorts
    in time order. A missing value is a dash; the first text column (the row's name) is wide, other text medium, so
    that names are not cut to 'Cụm côn'."""
    given = given or {}
    config = {}
    shown = data.copy(deep=False)
    if not shown.columns.is_unique:
        return shown, column_formats(ctx, data, given)
    first_text = True
    for name in shown.columns:
        column = shown[name]
        kept = {k: v for k, v in (given.get(name) or {}).items() if k in ("label", "help", "width", "pinned")}
        if pd.api.types.is_datetime64_any_dtype(column):
            shown[name] = column.dt.date.astype(object).where(column.notna(), None)
            config[name] = st.column_config.DateColumn(format=DATE_FORMATS[ctx.lang]) | kept
        elif tables.is_number(column) and not tables.is_years(column):
            written = tables.aligned(list(map(_cell_formatter(ctx, column, given.get(name)), column)), ctx.lang)
            if written is None:  # negative numbers: as numbers, in the reader's locale, which still sort
                config[name] = given.get(name) or st.column_config.NumberColumn(format="localized")
                continue
            shown[name] = written
            config[name] = st.column_config.TextColumn(alignment="right") | kept
        elif pd.api.types.is_bool_dtype(column) or tables.is_number(column):
            config[name] = given.get(name) or {}
        else:
            if column.isna().any():
                shown[name] = column.astype(object).where(column.notna(), tables.MISSING)
            config[name] = given.get(name) or st.column_config.TextColumn(width="large" if first_text else "medium")
            first_text = False
    return shown, config


def data_table(ctx: Context, data: pd.DataFrame, *, key: str, column_config: dict | None = None, **options) -> None:
    """An interactive table of `data`, read as :func:`readable` says; an empty one is a sentence instead. A table
    seen before (the same rows, in this language) is written once and shared (``shell.shared``), as an Arrow table,
    which Streamlit sends without converting it again."""
    if data.empty:
        st.caption(ctx.tr("chart.empty_table"))
        return
    fingerprint = _fingerprint(data)
    if fingerprint is None:
        shown, config = _arrow(*readable(ctx, data, column_config))
    else:
        shown, config = shell.shared(ctx, "table", lambda: _arrow(*readable(ctx, data, column_config)), key,
                                     fingerprint, repr(column_config))
    # a missing year or date is drawn as the dash too: the grid draws a missing cell as its placeholder ("None"
    # unless told)
    st.dataframe(shown, hide_index=True, key=key, column_config=dict(config), placeholder=tables.MISSING, **options)


def _arrow(shown: pd.DataFrame, config: dict):
    """The shown table as Arrow (what Streamlit would make of it on every run), when it converts."""
    import pyarrow as pa

    try:
        return pa.Table.from_pandas(shown, preserve_index=False), config
    except (pa.ArrowException, TypeError, ValueError):
        return shown, config


# a table's fingerprint, kept by the object it was taken of: the pages' tables come from shell.shared, the same object
# on every run, so its rows are hashed once (the object is held, so that its id is not reused while kept)
_PRINTS: OrderedDict[int, tuple[pd.DataFrame, str | None]] = OrderedDict()
_PRINTS_LOCK = threading.Lock()


def _fingerprint(data: pd.DataFrame) -> str | None:
    """What identifies a table's content: its columns, their types and every value (None when a cell cannot be
    hashed, as a list can't: the table is then written afresh)."""
    with _PRINTS_LOCK:
        kept = _PRINTS.get(id(data))
        if kept is not None and kept[0] is data:
            _PRINTS.move_to_end(id(data))
            return kept[1]
    printed = _hash(data)
    with _PRINTS_LOCK:
        _PRINTS[id(data)] = (data, printed)
        while len(_PRINTS) > 256:
            _PRINTS.popitem(last=False)
    return printed


def _hash(data: pd.DataFrame) -> str | None:
    import hashlib

    try:
        values = pd.util.hash_pandas_object(data, index=True).to_numpy().tobytes()
    except TypeError:
        return None
    head = repr((list(map(str, data.columns)), [str(t) for t in data.dtypes]))
    return hashlib.sha256(head.encode() + values).hexdigest()


_OPENED = "_cards_opened"  # the keys of the folded cards this session's reader has opened


def chart_card(ctx: Context, *, key: str, title: str, subtitle: str, fig: go.Figure | None, data: pd.DataFrame,
               unit: str, definition: str, source: str, table: bool = False,
               column_config: dict | None = None, dataset: str | None = None, folded: bool = False) -> None:
    """Draw one chart card. `data` is exactly what the chart shows, with readable column names. A `folded` card (a
    long list below the charts) is its finding on one line, opened with a click: what it holds is drawn only when
    open (each element of a page is a message of its own: Wastewater's four lists were a third of its server's time
    per view)."""
    if not (title and unit and definition and source):
        raise ValueError("a chart needs a title, a unit, a definition and a source")
    said = re.sub(r"[*_`#]", "", title)  # the title as words: the grid's name for a screen reader, a report's subject
    if folded:
        # Streamlit takes an expander whose label changed for a new one, closed: a card's finding changes with the
        # filters, so the session remembers which cards its reader opened, and they stay open
        opened = st.session_state.setdefault(_OPENED, set())
        box = st.expander(title, key=f"card_{key}", icon=":material/list:", on_change="rerun", expanded=key in opened)
        (opened.add if box.open else opened.discard)(key)
        if not box.open:
            return
    else:
        box = st.container(border=True, key=f"card_{key}")
    with box:
        # the finding (a folded card's is its label) and, in small type under it, what, where and when: one element
        # (each is a message of its own)
        heading = [] if folded else [f"#### {title}"]
        heading += [f":small[{_bracketed(subtitle)}]"] if subtitle else []
        if heading:
            st.markdown("\n\n".join(heading))
        if fig is not None:
            st.plotly_chart(sent(fig), key=f"{key}_chart", config={"displaylogo": False, "locale": ctx.lang})
        if table or fig is None:
            # the grid named by its finding, as a screen reader announces it
            data_table(ctx, data, key=f"{key}_table", column_config=column_config, alt=said[:200])
        # the unit, the definition and the source: one element, two lines (each element is a message of its own)
        st.caption(f"**{ctx.tr('chart.unit')}:** {unit} · **{ctx.tr('chart.definition')}:** {definition}  \n"
                   f"{source_line(ctx, source)}")
        row = download_buttons(ctx, key=key, data=data, title=title, unit=unit, definition=definition, source=source,
                               subtitle=subtitle)
        with row:  # beside the downloads: a reader who sees a wrong figure says so
            error_report.button(ctx, key=key, about=said, dataset=dataset)


def _bracketed(text: str) -> str:
    """Text to stand inside a ``:small[…]`` directive: its own square brackets escaped, so that none ends it."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def change_args(change: formats.Change | None) -> dict:
    """st.metric's delta arguments for a change: its text, the arrow the way the value went and the colour of
    whether that is for the better (stated, since st.metric reads a typographic minus as a rise)."""
    if change is None:
        return {"delta": None}
    return {"delta": change.text, "delta_color": change.colour, "delta_arrow": change.arrow}


def kpi(ctx: Context, *, label: str, value: str, delta: formats.Change | None, help: str,
        trend: list | None = None) -> None:
    """A big number with its change from the previous year and a small trend (no arrow for no change)."""
    st.metric(label, value, help=help, border=True, chart_data=trend, chart_type="line", **change_args(delta))
