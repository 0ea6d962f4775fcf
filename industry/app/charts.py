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
import weakref

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
import streamlit.elements.arrow as st_arrow

from ..core import formats
from ..data.context import Context
from ..figures import tables
from ..figures.style import TEMPLATE, style, target_line  # noqa: F401  (pages use them through charts)
from ..files import downloads
from . import shell


def cached_figure(ctx: Context, name: str, builder, *key) -> go.Figure:
    """A figure built once per database version, language and `key`, shared by every rerun and session
    (``shell.shared``): the page passes it to :func:`chart_card` as it is and never changes it."""
    return shell.shared(ctx, name, builder, *key)


def source_line(ctx: Context, source: str) -> str:
    return ctx.source_line(source)


def slug(text: str, limit: int = 60) -> str:
    """`text` for a file name, accent-free, cut at a word boundary within `limit` characters."""
    from ..core.text import fold

    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(slug) > limit:
        slug = slug[:limit + 1].rsplit("-", 1)[0] if "-" in slug[:limit + 1] else slug[:limit]
    return slug or "data"


def file_stem(ctx: Context, title: str) -> str:
    """A download's name: what it is (its title, whole words), where (the communes chosen, or Hà Nội) and when."""
    communes = ctx.filters.communes
    where = "-".join(slug(ctx.commune_name(c), 30) for c in communes[:3]) or "ha-noi"
    if len(communes) > 3:
        where = slug(ctx.tr("scope.many", first=where, n=len(communes) - 3), 120)
    return f"{slug(title, 60)}-{where}-{ctx.filters.year}"


def download_buttons(ctx: Context, *, key: str, data: pd.DataFrame, title: str, unit: str, definition: str,
                     source: str, subtitle: str = "") -> None:
    """CSV and XLSX of exactly `data`, the XLSX with a sheet describing it."""
    tr = ctx.tr
    name = file_stem(ctx, title)
    about = [
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
    row = st.container(horizontal=True, gap="small")
    # deferred: the files are built when clicked, not on every rerun of the page
    row.download_button(
        tr("download.csv"), lambda: downloads.csv_bytes(data), file_name=f"{name}.csv", mime="text/csv",
        key=f"{key}_csv", icon=":material/download:", on_click="ignore",
    )
    row.download_button(
        tr("download.xlsx"),
        lambda: downloads.xlsx_bytes(data, about, data_sheet=tr("download.data_sheet"),
                                     about_sheet=tr("download.about_sheet")),
        file_name=f"{name}.xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx", icon=":material/table:", on_click="ignore",
    )


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


def readable(ctx: Context, data: pd.DataFrame, given: dict | None = None):
    """A table as a reader is shown it, and its column configuration: numbers and dates written in the page's
    language whatever the browser's (through a Styler, whose display values Streamlit shows over the numeric
    column, which still sorts as numbers), a missing value as a dash, the first text column (the row's name) wide,
    other text medium, so that names are not cut to 'Cụm côn'."""
    config = column_formats(ctx, data, given)
    text_columns = [n for n in data.columns if not pd.api.types.is_numeric_dtype(data[n])
                    and not pd.api.types.is_datetime64_any_dtype(data[n])]
    for i, name in enumerate(text_columns):
        if name not in (given or {}):
            config[name] = st.column_config.TextColumn(width="large" if i == 0 else "medium")
    shown = data.copy(deep=False)
    for name in text_columns:
        if shown[name].isna().any():
            shown[name] = shown[name].astype(object).where(shown[name].notna(), tables.MISSING)
    written = [n for n in shown.columns if n not in text_columns and not pd.api.types.is_bool_dtype(shown[n])]
    if not written or not shown.columns.is_unique:  # a Styler needs one name per column
        return shown, config
    for name in written:  # the Styler's text, not the browser's locale, says how the number reads
        if name not in (given or {}):
            config.pop(name, None)
    return shown.style.format({n: _cell_formatter(ctx, shown[n], config.get(n)) for n in written}), config


def data_table(ctx: Context, data: pd.DataFrame, *, key: str, column_config: dict | None = None, **options) -> None:
    """An interactive table of `data`, read as :func:`readable` says; an empty one is a sentence instead. A table
    seen before (the same rows, in this language) is the same Styler object, whose display values Streamlit then
    takes from :func:`_marshall_once` instead of rendering every cell again."""
    if data.empty:
        st.caption(ctx.tr("chart.empty_table"))
        return
    fingerprint = _fingerprint(data)
    if fingerprint is None:
        shown, config = readable(ctx, data, column_config)
    else:
        shown, config = shell.shared(ctx, "table", lambda: readable(ctx, data, column_config), key, fingerprint,
                                     repr(column_config))
    # a missing number or date is drawn as the dash too: the grid draws a missing cell as its placeholder ("None"
    # unless told), whatever the Styler's display value says
    st.dataframe(shown, hide_index=True, key=key, column_config=dict(config), placeholder=tables.MISSING, **options)


def _fingerprint(data: pd.DataFrame) -> str | None:
    """What identifies a table's content: its columns, their types and every value (None when a cell cannot be
    hashed, as a list can't: the table is then written afresh)."""
    import hashlib

    try:
        values = pd.util.hash_pandas_object(data, index=True).to_numpy().tobytes()
    except TypeError:
        return None
    head = repr((list(map(str, data.columns)), [str(t) for t in data.dtypes]))
    return hashlib.sha256(head.encode() + values).hexdigest()


# --- a table's display values, rendered once per Styler ---------------------------------------------------------
# Streamlit renders a Styler's every cell through pandas on every rerun (pandas_styler_utils.marshall_styler): it was
# a third of the server's time per page view. The tables come from shell.shared, the same Styler object for the same
# content, so its marshalled display values are kept with it (weakly: they go when the Styler goes).
_MARSHALLED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_MARSHALLING = threading.Lock()
_render_styler = st_arrow.marshall_styler


def _marshall_once(proto, styler, default_uuid: str) -> None:
    with _MARSHALLING:
        kept = _MARSHALLED.setdefault(styler, {})
        if default_uuid not in kept:
            scratch = type(proto)()
            _render_styler(scratch, styler, default_uuid)
            kept[default_uuid] = scratch.SerializeToString()
        done = kept[default_uuid]
    proto.MergeFromString(done)


st_arrow.marshall_styler = _marshall_once


def chart_card(ctx: Context, *, key: str, title: str, subtitle: str, fig: go.Figure | None, data: pd.DataFrame,
               unit: str, definition: str, source: str, table: bool = False,
               column_config: dict | None = None) -> None:
    """Draw one chart card. `data` is exactly what the chart shows, with readable column names."""
    if not (title and unit and definition and source):
        raise ValueError("a chart needs a title, a unit, a definition and a source")
    with st.container(border=True, key=f"card_{key}"):
        st.markdown(f"#### {title}")
        if subtitle:
            st.caption(subtitle)
        if fig is not None:
            st.plotly_chart(fig, key=f"{key}_chart", config={"displaylogo": False, "locale": ctx.lang})
        if table or fig is None:
            # the grid named by its finding, as a screen reader announces it
            data_table(ctx, data, key=f"{key}_table", column_config=column_config, alt=re.sub(r"[*_`#]", "", title)[:200])
        st.caption(f"**{ctx.tr('chart.unit')}:** {unit} · **{ctx.tr('chart.definition')}:** {definition}")
        st.caption(source_line(ctx, source))
        download_buttons(ctx, key=key, data=data, title=title, unit=unit, definition=definition, source=source,
                         subtitle=subtitle)


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
