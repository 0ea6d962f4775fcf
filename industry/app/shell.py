"""The app shell: the database, cached queries, the shared sidebar kept in the URL, and the banner.

``dashboard.py`` calls :func:`start` before running the page; pages call :func:`context`.
The sidebar lives in the entrypoint, so its widgets keep their state on every page, and the
link (``?commune=…&year=…&sector=…&lang=vi``) is rewritten from them on every run.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import re
import threading
import types
from collections import OrderedDict

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ..core import kept
from ..core.i18n import LANGUAGES, Translator, from_locale
from ..core.text import fold, sort_key
from ..data import addresses, db, metrics
from ..data.context import Context, Filters, commune_matches, names_of_sectors
from ..figures import mapdeck, profile  # noqa: F401 - imported whole once, here: sessions run their pages in threads,
from ..files import importer
from ..outputs import (
    opendata,
    pdf,  # noqa: F401 - and a first import of shapely from two of them at once fails half-done
)
from . import first_screen, frontend

importer.after_install(opendata.publish_beside)  # an import or return on the Import page writes the open data

_LOG = logging.getLogger("industry.app")

LANGUAGE_NAMES = {"en": "English", "vi": "Tiếng Việt"}
ALL_SECTORS = "all"
_CONTEXT_KEY = "_dashboard_context"


# --- database -----------------------------------------------------------------------------


def _query(name: str, version: db.Version, args: tuple, kwargs: tuple):
    cursor = db.shared_connection(version).cursor()
    try:
        return getattr(metrics, name)(cursor, *args, **dict(kwargs))
    finally:
        cursor.close()


@st.cache_resource(max_entries=2000, show_spinner=False)
def _kept_unhashable(name: str, version: db.Version, args: tuple, kwargs: tuple):
    return _query(name, version, args, kwargs)


@contextlib.contextmanager
def connection(ctx: Context):
    """A cursor on the database version the page reads (for what a page makes from it on a click, such as a
    workbook); closed after."""
    cursor = db.shared_connection(ctx.version).cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def _kept(name: str, version: db.Version, args: tuple, kwargs: tuple):
    key = (name, version, args, kwargs)
    try:
        hash(key)
    except TypeError:  # an argument Python cannot hash (a list): Streamlit's hasher can
        return _kept_unhashable(name, version, args, kwargs)
    return _QUERIES.get(key, lambda: _known(_query(name, version, args, kwargs), key))


def _known(value, key: tuple):
    """A query's table, known to kept functions (``core.kept``) by its query rather than by its identity, so that what
    a page derives from it is made once even after the table was let go and read again."""
    if isinstance(value, pd.DataFrame | pd.Series):
        object.__setattr__(value, "kept_key", ("query",) + key)  # an attribute, not a column
    return value


def _cached(name: str, version: db.Version, args: tuple, kwargs: tuple):
    """The result of a query of industry.data.metrics, asked of the database once per version and arguments. A table
    is the same object for every caller, on every run and in every session: read, never changed (pages make new
    tables from it; a copy for each caller cost a tenth of a page run, and ``tests/test_shell.py`` runs every page and
    checks that no query's table changed). Any other value is the caller's own copy."""
    value = _kept(name, version, args, kwargs)
    return value if isinstance(value, pd.DataFrame | pd.Series) else copy.copy(value)


@st.cache_data(max_entries=512, show_spinner=False)
def _built(_builder, key: tuple):
    return _builder()


def cached(ctx: Context, name: str, builder, *key):
    """What `builder()` returns, built once per database version, language and `key` (commune profiles,
    slides): later reruns get a copy from the cache, theirs to change."""
    return _built(builder, (name, ctx.version, ctx.lang) + key)


class _Kept:
    """What the processes' pages share, by key: at most `size` values, the least recently used let go first; a value
    is built once even when many sessions ask for it at the same moment (after an import, a hall's viewers all do).
    A plain dictionary of Python's own hashes: Streamlit's st.cache_resource hashes every key through its own hasher,
    which on pages asking for dozens of shared values was a tenth of a page view's time."""

    def __init__(self, size: int):
        self.size, self.values, self.lock, self.building = size, OrderedDict(), threading.Lock(), {}

    def get(self, key: tuple, builder):
        with self.lock:
            if key in self.values:
                self.values.move_to_end(key)
                return self.values[key]
            building = self.building.setdefault(key, threading.Lock())
        with building:
            try:
                with self.lock:
                    if key in self.values:
                        return self.values[key]
                value = builder()
                with self.lock:
                    self.values[key] = value
                    while len(self.values) > self.size:
                        self.values.popitem(last=False)
                return value
            finally:  # built or failed: the next asker builds it afresh, no lock left behind
                with self.lock:
                    self.building.pop(key, None)

    def clear(self) -> None:
        with self.lock:
            self.values.clear()


_SHARED = _Kept(512)
_QUERIES = _Kept(2000)


def _shared(builder, key: tuple):
    return _SHARED.get(key, builder)


def clear_shared() -> None:
    """Forget every shared value and query result (for measuring a page's first run)."""
    _SHARED.clear()
    _QUERIES.clear()
    kept.clear()


def shared(ctx: Context, name: str, builder, *key):
    """What `builder()` returns, built once per database version, language and `key`, then the same object on
    every later rerun and in every session, with no copy (unpickling a plotly figure costs about as much as
    building it). For what Streamlit only reads, such as figures: never change what it returns."""
    return _shared(builder, (name, ctx.version, ctx.lang) + key)


def _open_database(tr: Translator) -> db.Version:
    try:
        known = db.known()  # the file a run saw last, still the same: no spinner, no checks again
        if known is not None:
            return known
        with st.spinner(tr("app.building_database")):
            path = db.ensure()
        return db.version(path)
    except db.DatabaseError as exc:  # the reader is told in their language; the administrator's detail is in the log
        _LOG.error("the database cannot be opened: %s", exc)
        st.error(tr("app.database_error"), icon=":material/database_off:")
        st.stop()


# --- the URL and the sidebar --------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f`*_\[\]<>#|\\]")


_WHOLE = re.compile(r"\s*([0-9]{1,6})\s*")


def whole_number(value: str) -> int | None:
    """A whole number written in ASCII digits (``2024``), or None: ``str.isdigit`` accepts ``¹`` and ``٣``,
    which ``int`` refuses or reads as another number."""
    match = _WHOLE.fullmatch(str(value))
    return int(match.group(1)) if match else None


def shown(value: str, limit: int = 40) -> str:
    """A value from the URL made safe to show in a message: no markup, no control, format or surrogate
    characters (such as a right-to-left override), short."""
    clean = "".join(ch for ch in _CONTROL.sub("", str(value)) if ch.isprintable() or ch == " ")
    return (clean[:limit] + "…") if len(clean) > limit else clean


URL_KEYS = ("commune", "year", "sector", "lang")
SECTION_KEY = "section"  # a link to a named part of a page: see section_link
_LOADED = "_url_loaded"


def _read_url(communes: pd.DataFrame, years: list[int], sectors: set[str]) -> list[tuple[str, str]]:
    """On a session's first run, set the filters from the link; return the values it could not take.

    A commune may be given by code (``00454``) or by name without diacritics (``dong-anh``).
    """
    if st.session_state.get(_LOADED):
        return []
    st.session_state[_LOADED] = True
    bad: list[tuple[str, str]] = []
    params = st.query_params
    chosen = []
    for value in params.get_all("commune"):
        named = commune_matches(value, communes)
        if len(named) == 1:
            chosen.append(named[0])
        else:
            bad.append(("commune", value))
    st.session_state["commune"] = list(dict.fromkeys(chosen))
    def single(key: str, default, accept) -> None:
        """The last valid value of `key` in the link (accept() returns None for an invalid one)."""
        chosen = default
        for value in params.get_all(key):
            parsed = accept(value)
            if parsed is None:
                bad.append((key, value))
            else:
                chosen = parsed
        st.session_state[key] = chosen

    single("year", years[0], lambda v: whole_number(v) if whole_number(v) in years else None)
    single("sector", ALL_SECTORS, lambda v: v if v in sectors else None)
    single("lang", from_locale(getattr(st.context, "locale", None)), lambda v: v if v in LANGUAGES else None)
    return bad


def _write_url(f: Filters) -> None:
    """Keep the link in step with the filters: every change, and after a page switch dropped the query."""
    desired = {
        "commune": list(f.communes),
        "year": [str(f.year)],
        "sector": [f.sector] if f.sector else [],
        "lang": [f.lang],
    }
    for key, values in desired.items():
        if st.query_params.get_all(key) == values:
            continue
        if values:
            st.query_params[key] = values if len(values) > 1 else values[0]
        elif key in st.query_params:
            del st.query_params[key]


def _url_messages(tr: Translator, bad: list[tuple[str, str]], years: list[int]) -> list[str]:
    return [tr(f"url.bad_{key}", value=shown(value), first=years[-1], last=years[0]) for key, value in bad]


def commune_label(row) -> str:
    """``Xã Đông Anh · Dong Anh``: the accent-free name lets the widget's search find ``dong anh``;
    the other tone-mark spelling (Hoà/Hòa) is added when it differs."""
    parts = [row["full_name_vi"]]
    alternate = alternate_spelling(row["name_vi"])
    if alternate != row["name_vi"]:
        parts.append(alternate)
    parts.append(row["name_en"])
    return " · ".join(parts)


_NEW_TO_OLD = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "uỳ": "ùy", "uý": "úy",
               "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy", "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe"}
_OLD_TO_NEW = {v: k for k, v in _NEW_TO_OLD.items()}


def alternate_spelling(name: str) -> str:
    """The same name in the other tone-mark placement: ``Hoà`` ↔ ``Hòa``, ``Thuỵ`` ↔ ``Thụy``."""
    out = name
    for table in (_NEW_TO_OLD, _OLD_TO_NEW):
        candidate = name
        for a, b in table.items():
            candidate = re.sub(a + r"(?![a-zà-ỹ])", b, candidate)
            candidate = re.sub(a.capitalize() + r"(?![a-zà-ỹ])", b.capitalize(), candidate)
        if candidate != name:
            out = candidate
            break
    return out


def _commune_labels(version: db.Version, communes: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """The sidebar's 126 labels and kinds, made once per database version (not on every rerun)."""
    def make():
        rows = communes.to_dict("records")
        return {r["code"]: commune_label(r) for r in rows}, {r["code"]: r["kind"] for r in rows}

    return _shared(make, ("commune_labels", version))


@kept.kept
def _sector_labels(tr: Translator, sectors: pd.DataFrame) -> tuple[list[str], dict[str, str]]:
    """The sector picker's options and their names in the page's language, made once per database version."""
    names = names_of_sectors(tr, sectors)
    return [ALL_SECTORS] + list(sectors["sector"]), names | {ALL_SECTORS: tr("filter.all_sectors")}


def _former_names(tr: Translator, labels: dict[str, str], found: pd.DataFrame) -> None:
    """The new communes of the former units whose names start like the text typed, each with those units."""
    if found.empty:
        st.caption(tr("filter.old_name_none"))
        return
    codes = list(dict.fromkeys(found["code"]))
    for code in codes[:8]:
        olds = found[found["code"] == code]
        old_list = ", ".join(sorted({f"{o.old_name} ({o.old_district})" for o in olds.itertuples()}, key=sort_key))
        st.caption(f"**{labels[code].split(' · ')[0]}** ← {old_list}")
    _offer(tr, codes)


def _offer(tr: Translator, codes: list[str]) -> None:
    """The button that adds the communes found to the filter (not for more than 20: that is a district, not a place)."""
    st.button(tr("filter.old_name_add", n=len(codes)), on_click=_add_communes, args=(codes,), key="old_name_add",
              disabled=len(codes) > 20)


def commune_labels(ctx: Context) -> dict[str, str]:
    """Code → the label the sidebar shows (``Xã Bát Tràng · Bat Trang``), found typed with or without accents."""
    return _commune_labels(ctx.version, ctx.communes)[0]


def choose_commune(key: str) -> None:
    """A picker's commune becomes the filter's, before the sidebar's own picker is drawn again (a callback)."""
    if st.session_state.get(key):
        st.session_state["commune"] = [st.session_state[key]]


def _add_communes(codes: list[str]) -> None:
    current = list(st.session_state.get("commune", []))
    st.session_state["commune"] = current + [c for c in codes if c not in current]


def _sidebar(tr_holder: list, communes: pd.DataFrame, sectors: pd.DataFrame, years: list[int], version) -> Filters:
    with st.sidebar:
        # the select boxes come first and the language last: under the eleven pages' links, a select box at the
        # bottom edge of a 768-px screen opened its list off the screen. The language is known before it is drawn
        # (a click on it sets the session state before the rerun).
        lang = st.session_state.get("lang") if st.session_state.get("lang") in LANGUAGES else "en"
        tr = Translator(lang)
        tr_holder.append(tr)
        labels, kinds = _commune_labels(version, communes)
        year = st.selectbox(tr("filter.year"), options=years, key="year")
        sector_codes, names = _sector_labels(tr, sectors)
        sector = st.selectbox(tr("filter.sector"), options=sector_codes, format_func=names.get, key="sector",
                              help=tr("filter.sector_help"))
        selected = st.multiselect(
            tr("filter.commune"), options=list(labels), format_func=labels.get, key="commune",
            placeholder=tr("filter.commune_placeholder"), help=tr("filter.commune_help"),
            select_all=False,  # its English words, and all 126 codes (1,800 characters) in the link
        )
        with st.expander(tr("filter.old_name"), expanded=False):
            text = st.text_input(tr("filter.old_name_input"), key="old_name", max_chars=80,
                                 placeholder=tr("filter.old_name_placeholder"))
            if text and len(fold(text)) >= 2:
                place = addresses.resolve(text)  # a whole address, as the Convert addresses page reads it
                if place.candidates:
                    codes = [c for c in place.candidates if c in labels]
                    st.caption(tr("filter.address_read", how=tr(f"addresses.match_{place.match}"),
                                  matched=shown(place.matched, 80)))
                    former = f" ← {'; '.join(f'{u}, {d}' for u, d in place.former[:3])}" if place.former else ""
                    for code in codes[:8]:
                        st.caption(f"**{labels[code].split(' · ')[0]}**{former}")
                    _offer(tr, codes)
                elif place.match == "other_province":
                    st.caption(tr("addrpage.one_other", how=tr("addresses.match_other_province"),
                                  matched=shown(place.matched, 80)))
                else:
                    _former_names(tr, labels, _cached("search_predecessors", version, (text,), ()))
        if selected:
            n_xa = sum(kinds[c] == "xã" for c in selected)
            st.caption(tr("filter.selected", n=len(selected), xa=n_xa, phuong=len(selected) - n_xa))
        st.segmented_control("Language · Ngôn ngữ", options=list(LANGUAGES), format_func=LANGUAGE_NAMES.get, key="lang",
                             required=True)
        st.caption(open_data_line(tr))
    return Filters(tuple(selected), int(year), None if sector == ALL_SECTORS else sector, lang)


OPEN_DATA_ENV = "DASHBOARD_OPEN_DATA_URL"  # set by python -m industry.serve, whose nginx serves the package


def open_data_line(tr: Translator) -> str:
    """The open data's link (served by ``industry.serve`` at /data/), or, on a single ``streamlit run``, how to
    write it."""
    url = os.environ.get(OPEN_DATA_ENV)
    if url:
        return tr("opendata.link", url=url)
    return tr("opendata.where")


def _entrypoint_runs_the_page() -> None:
    """Make the run that is starting one of the entrypoint's, which draws the navigation and the sidebar and then
    runs the page.

    Streamlit 1.67 keeps the legacy multipage mode of a ``pages/`` folder beside the main script in one flag,
    ``PagesManager.uses_pages_directory``: it is set from the folder's mere existence when a process (and in AppTest,
    every ``run()``) first makes a PagesManager, and cleared only when ``st.navigation`` is called. While it is set,
    the script runner does not run ``dashboard.py`` but the page file that matches the requested page on its own
    (``_mpa_v1``): with no sidebar, no navigation and, on a session's second run, the context of its first run, so
    the page showed the figures of the database of that run after an import. Here the flag is cleared, the
    entrypoint is run in its place, as Streamlit runs a page (its code, a module of its own, the main script's
    hash for its widgets), and the legacy run stops there. Not a rerun: a button's click lasts one run only.
    """
    if not PagesManager.uses_pages_directory:
        return
    PagesManager.uses_pages_directory = False
    run = get_script_run_ctx()
    entrypoint = run.pages_manager.main_script_path
    module = types.ModuleType("__main__")
    module.__dict__["__file__"] = entrypoint
    with run.run_with_active_hash(run.pages_manager.main_script_hash):
        exec(run.pages_manager.get_page_script_byte_code(entrypoint), module.__dict__)  # noqa: S102
    st.stop()


def section_link(page: str, section: str, *, label: str, icon: str) -> None:
    """A link that opens `page` at the chart card whose key is `section` (not at the top of the page)."""
    st.page_link(page, label=label, icon=icon, query_params={SECTION_KEY: section})


def navigate(pages: list) -> None:
    """Run the page chosen among `pages`, its browser tab named in the reader's language; the context of this run is
    dropped after it, so that a page never reads the filters or the database version of an earlier run. A page
    that fails shows a sentence in the page's language, never a traceback; the error itself goes to the log."""
    ctx = st.session_state.get(_CONTEXT_KEY)
    try:
        page = st.navigation(pages, position="sidebar")
        if ctx is not None:
            st.set_page_config(page_title=f"{page.title} · {ctx.tr('app.tab_title')}")
            ctx.page = PAGE_NAMES.get(page.url_path, page.url_path)
            overdue_note(ctx)
        first_screen.new_run()
        page.run()
    except Exception:  # noqa: BLE001 - Streamlit's own stop and rerun are not Exceptions, and pass through
        if st.get_option("client.showErrorDetails") in ("full", "stacktrace", "type", True, "true"):
            raise  # a developer's server (or a test's) shows the error itself
        _LOG.exception("page %s failed", getattr(get_script_run_ctx(), "page_script_hash", "?"))
        tr = ctx.tr if ctx is not None else Translator("vi")
        st.error(tr("app.page_failed"), icon=":material/error:")
    finally:
        st.session_state.pop(_CONTEXT_KEY, None)


PAGE_NAMES = {"home": "overview"}  # a page's address → its name in data/settings/owners.toml


def overdue_note(ctx: Context) -> None:
    """Under the banner: each dataset the page shows that is older than its expected cycle, with its owner."""
    late = ctx.overdue()
    if not late:
        return
    st.container(key="banner_due").caption(" ".join(
        ctx.tr("banner.overdue", dataset=ctx.tr(f"dataset.{dataset.key}"), date=ctx.date(day),
               months=dataset.cycle_months, owner=dataset.owner) for dataset, day in late))


def start() -> Context:
    """Open the database, read the link, draw the sidebar, write the link, warn about bad values, show the banner."""
    _entrypoint_runs_the_page()
    linked = st.query_params.get("lang")  # the link is read once the database is open: its language is needed before
    version = _open_database(Translator(st.session_state.get("lang") or (linked if linked in LANGUAGES else None)
                                        or from_locale(getattr(st.context, "locale", None))))
    info = _cached("dataset_info", version, (), ())
    communes = _cached("communes", version, (), ())
    sectors = _cached("sectors", version, (), ())
    first, last = _cached("years", version, (), ())
    years = list(range(last, first - 1, -1))
    bad = _read_url(communes, years, set(sectors["sector"]))
    if st.session_state.get("year") not in years:  # the database changed under the session
        st.session_state["year"] = years[0]
    holder: list[Translator] = []
    filters = _sidebar(holder, communes, sectors, years, version)
    _write_url(filters)
    tr = holder[0]
    problems = _url_messages(tr, bad, years)
    ctx = Context(filters, tr, info, version, communes, sectors, (first, last), problems,
                  runner=lambda name, args, kwargs: _cached(name, version, args, kwargs))
    st.session_state[_CONTEXT_KEY] = ctx
    for message in problems:
        st.warning(message, icon=":material/link_off:")
    st.html(_CSS)
    section = st.query_params.get(SECTION_KEY)
    if section is not None:  # once: a later click stays where the reader is
        del st.query_params[SECTION_KEY]
    frontend.install(tr, section, (first, last))
    banner(ctx)
    return ctx


# a KPI's label wraps instead of ending in "…" (labels such as "More certified a year needed to 2030"); captions
# at 6:1 contrast (Streamlit's own grey, #767d83 on white, is 4.17:1, under WCAG AA's 4.5:1); the map, reached with
# Tab, shows that it has the keyboard (WCAG 2.4.7: deck.gl draws no focus outline of its own)
_CSS = """<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; height: auto !important; }
.st-key-streamlit_words, FOLD { display: none; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #58626c; opacity: 1; }
[data-testid="stDeckGlJsonChart"] { background: #eef2f5; }
[data-testid="stDeckGlJsonChart"] :focus-visible { outline: 3px solid #0b5c8a !important; outline-offset: -3px; }
</style>""".replace("FOLD", first_screen.SELECTOR)


def banner(ctx: Context) -> None:
    data_date = ctx.data_date()
    built = ctx.date(ctx.info.get("built_at", "")[:10]) if ctx.info.get("built_at") else "–"
    box = st.container(key="banner")  # the Present page hides it: there every slide says what the data is
    note = ctx.records_note()
    if ctx.is_demo:
        box.warning(ctx.tr("banner.demo", data_date=data_date, records=note, built=built), icon=":material/science:")
    else:
        box.caption(ctx.tr("banner.official", data_date=data_date, records=note, built=built))


def context() -> Context:
    """The context :func:`start` made for this run (pages call this)."""
    ctx = st.session_state.get(_CONTEXT_KEY)
    if ctx is None:  # the page was run on its own, without the entrypoint: start() runs the entrypoint instead
        ctx = start()
    return ctx


def made_on_click(ctx: Context, *, label: str, key: str, icon: str, building: str, failed: str, make, made_for,
                  errors: tuple[type[Exception], ...], help: str | None = None, disabled: bool = False):
    """A file made when the reader asks for it (a button, then a progress bar while `make(progress)` runs), kept in
    the session for what it was `made_for` (the data version and filters), and returned on every later rerun for
    the same; a failure is said with `failed` (its ``{detail}``). None until made."""
    if st.button(label, icon=icon, key=key, help=help, disabled=disabled):
        bar = st.progress(0.0, text=building)
        try:
            made = make(lambda fraction, _what: bar.progress(fraction, text=building))
        except errors as exc:
            bar.empty()
            st.error(ctx.tr(failed, detail=shown(str(exc), 300)), icon=":material/error:")
            return None
        bar.empty()
        st.session_state[f"{key}_made"] = (made_for, made)
    stored = st.session_state.get(f"{key}_made")
    return stored[1] if stored and stored[0] == made_for else None
