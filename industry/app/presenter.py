"""The Present page's Streamlit side: the slide on screen at conference size, moving between slides
(buttons, ← →, ``?slide=N``), choosing and ordering slides with notes, saving and opening a deck file,
and exporting to PowerPoint. What a slide says comes from :mod:`industry.outputs.slides`.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from ..core.i18n import LANGUAGES
from ..data.context import Context
from ..outputs import deck as deckfile
from ..outputs import slides
from ..outputs.slides import MAX_NOTE, SLIDES, Plan, Slide, name
from . import charts, maps, shell

PLAN = "present_plan"
INDEX = "present_index"
BASE = "present_base"  # the frame the slide editor edits (kept still while it is edited)
EDITOR_VERSION = "present_editor_version"
_LOADED = "_present_url_loaded"

# Conference size: type at least 24 px at 1920 × 1080, the sidebar and Streamlit's own bars hidden.
CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], .st-key-banner, .st-key-banner_due { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 3rem 0.5rem 3rem; max-width: 100%; }
.st-key-slide h1 { font-size: 50px; line-height: 1.15; font-weight: 700; padding: 0 0 0.3rem 0; }
.st-key-slide p, .st-key-slide li { font-size: 28px; line-height: 1.4; }
.st-key-slide_subtitle p { font-size: 26px; color: #4a5560; }
.st-key-slide_legend [data-testid="stMarkdownContainer"] div { font-size: 26px; color: #1b2631; }
.st-key-slide [data-testid="stCaptionContainer"], .st-key-slide [data-testid="stCaptionContainer"] p {
  font-size: 24px; color: #3b4650 !important; opacity: 1; }
.st-key-slide [data-testid="stMetricLabel"], .st-key-slide [data-testid="stMetricLabel"] * {
  font-size: 30px !important; font-weight: 600; color: #1b2631; line-height: 1.2; }
.st-key-slide [data-testid="stMetricValue"], .st-key-slide [data-testid="stMetricValue"] * {
  font-size: 96px !important; line-height: 1.15; font-weight: 700; color: #0b5c8a; }
.st-key-slide [data-testid="stHorizontalBlock"] { margin: 2.5rem 0 1.5rem 0; }
.st-key-slide .st-key-slide_tall [data-testid="stHorizontalBlock"], .st-key-slide_tall { margin: 0; }
.st-key-present_bar p { font-size: 22px; }
/* A smaller screen shows the same slide scaled down to its height (1440 × 900, 1366 × 768, 1280 × 720); the chart
   is given its zoom back, as plotly sizes itself from the zoomed box (it would be drawn smaller twice). */
@media (max-height: 1040px) { [data-testid="stMainBlockContainer"] { zoom: 0.83; }
  .st-key-slide [data-testid="stPlotlyChart"] { zoom: 1.205; } }
@media (max-height: 880px) { [data-testid="stMainBlockContainer"] { zoom: 0.71; }
  .st-key-slide [data-testid="stPlotlyChart"] { zoom: 1.408; } }
@media (max-height: 750px) { [data-testid="stMainBlockContainer"] { zoom: 0.66; }
  .st-key-slide [data-testid="stPlotlyChart"] { zoom: 1.515; } }
</style>
"""


def hide_chrome() -> None:
    st.html(CSS)


# --- the plan and the position, from the link on arrival ---------------------------------------------


def start(ctx: Context) -> tuple[Plan, int]:
    """The plan and the slide index: from the link (``slides=…&slide=N``) on arrival, then from the session."""
    if not st.session_state.get(_LOADED):
        st.session_state[_LOADED] = True
        plan, bad = Plan.from_text(st.query_params.get("slides"))
        if bad:
            st.warning(ctx.tr("present.url_bad_slides", value=shell.shown(", ".join(bad))), icon=":material/link_off:")
        number = shell.whole_number(st.query_params.get("slide", "1")) or 1
        st.session_state[PLAN] = plan
        st.session_state[INDEX] = max(0, min(number, len(plan.slides)) - 1)
    plan = st.session_state.setdefault(PLAN, Plan())
    return plan, int(st.session_state.get(INDEX, 0))


def write_url(plan: Plan, index: int) -> None:
    st.query_params["slide"] = str(index + 1)
    if plan.slides != list(SLIDES):
        st.query_params["slides"] = plan.text()
    elif "slides" in st.query_params:
        del st.query_params["slides"]


def _language(lang: str) -> None:
    st.session_state["lang"] = lang  # the sidebar's language control, hidden here


def _move(step: int, total: int) -> None:
    st.session_state[INDEX] = max(0, min(total - 1, int(st.session_state.get(INDEX, 0)) + step))


# --- choosing, ordering, notes ------------------------------------------------------------------------


def _base_frame(plan: Plan, tr) -> pd.DataFrame:
    order = {key: i + 1 for i, key in enumerate(plan.slides)}
    keys = list(plan.slides) + [k for k in SLIDES if k not in plan.slides]
    return pd.DataFrame({
        "key": keys,
        "show": [k in order for k in keys],
        "order": [order.get(k, len(plan.slides) + 1 + i) for i, k in enumerate(keys)],
        "slide": [name(tr, k) for k in keys],
        "note": [plan.notes.get(k, "") for k in keys],
    })


def _plan_from_frame(frame: pd.DataFrame) -> Plan:
    rows = frame[frame["show"].fillna(False).astype(bool)].copy()
    rows["rank"] = pd.to_numeric(rows["order"], errors="coerce").fillna(len(SLIDES) + 1)
    rows["canonical"] = [SLIDES.index(k) for k in rows["key"]]
    keys = list(rows.sort_values(["rank", "canonical"])["key"])
    notes = {k: str(v)[:MAX_NOTE] for k, v in zip(frame["key"], frame["note"], strict=True)
             if isinstance(v, str) and v.strip()}
    return Plan(keys, notes)


def arrange(ctx: Context, plan: Plan) -> Plan:
    """The slide editor: tick, number, write a note. Returns the plan it describes."""
    tr = ctx.tr
    version = st.session_state.get(EDITOR_VERSION, 0)
    base = st.session_state.get(BASE)
    if base is None or base[0] != (version, ctx.lang):
        base = ((version, ctx.lang), _base_frame(plan, tr))
        st.session_state[BASE] = base
    st.caption(tr("present.arrange_help"))
    edited = st.data_editor(
        base[1], key=f"present_editor_{version}_{ctx.lang}", hide_index=True, disabled=["slide"],
        column_order=["show", "order", "slide", "note"], num_rows="fixed", width="stretch",
        column_config={
            "show": st.column_config.CheckboxColumn(tr("present.col_show"), width="small"),
            "order": st.column_config.NumberColumn(tr("present.col_order"), min_value=1, max_value=99, step=1,
                                                   width="small"),
            "slide": st.column_config.TextColumn(tr("present.col_slide")),
            "note": st.column_config.TextColumn(tr("present.col_note"), max_chars=MAX_NOTE, width="large"),
        },
    )
    new = _plan_from_frame(edited)
    if new != plan:
        st.session_state[PLAN] = new
    return new


def _open_deck(ctx: Context) -> None:
    """on_change of the deck-file uploader: runs before the script, so the sidebar's filters may be set here."""
    upload = st.session_state.get("present_upload")
    if upload is None:
        return
    try:
        plan, filters = Plan.from_json(upload.getvalue()[:1_000_000])
    except ValueError as exc:
        st.session_state["present_message"] = ("error", ctx.tr("present.deck_bad", name=shell.shown(upload.name),
                                                              detail=shell.shown(str(exc), 200)))
        return
    st.session_state[PLAN] = plan
    st.session_state[INDEX] = 0
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1
    codes = set(ctx.communes["code"])
    if isinstance(filters.get("communes"), list):
        st.session_state["commune"] = [c for c in filters["communes"] if c in codes]
    if filters.get("year") in range(ctx.years[0], ctx.years[1] + 1):
        st.session_state["year"] = filters["year"]
    if filters.get("sector") in set(ctx.sectors["sector"]):
        st.session_state["sector"] = filters["sector"]
    elif "sector" in filters and filters["sector"] is None:
        st.session_state["sector"] = shell.ALL_SECTORS
    if filters.get("lang") in LANGUAGES:
        st.session_state["lang"] = filters["lang"]
    st.session_state["present_message"] = ("success", ctx.tr("present.deck_opened", n=len(plan.slides)))


# --- exporting ------------------------------------------------------------------------------------------


def _signature(ctx: Context, plan: Plan) -> str:
    """What an export depends on: the data version, the filters and the plan."""
    text = repr((ctx.version, ctx.filters, plan.slides, sorted(plan.notes.items())))
    return hashlib.sha256(text.encode()).hexdigest()


def export(ctx: Context, plan: Plan) -> None:
    tr = ctx.tr
    building = tr("present.export_building", n=len(plan.slides))
    made = shell.made_on_click(ctx, label=tr("present.export_pptx"), key="present_build", icon=":material/slideshow:",
                               building=building, failed="present.export_failed",
                               make=lambda progress: deckfile.make(ctx, plan, progress),
                               made_for=_signature(ctx, plan), errors=(deckfile.ExportError,),
                               disabled=not plan.slides)
    if made is not None:
        st.caption(tr("present.export_ready", slides=made.slides, charts=len(made.charts)))
        stem = tr("files.deck", year=ctx.filters.year)
        st.download_button(tr("present.download_pptx"), made.pptx, file_name=f"{stem}.pptx", key="present_pptx",
                           mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           icon=":material/download:", on_click="ignore")
        st.download_button(tr("present.download_png"), lambda: deckfile.charts_zip(made.charts),
                           file_name=f"{tr('files.charts', year=ctx.filters.year)}.zip", mime="application/zip", key="present_png",
                           icon=":material/image:", on_click="ignore")


def deck_file(ctx: Context, plan: Plan) -> None:
    tr = ctx.tr
    st.download_button(tr("present.save_deck"), plan.to_json(ctx.filters), file_name=f"{tr('files.plan')}.json",
                       mime="application/json", key="present_save", icon=":material/save:", on_click="ignore")
    st.file_uploader(tr("present.open_deck"), type=["json"], key="present_upload", on_change=_open_deck, args=(ctx,))
    message = st.session_state.pop("present_message", None)
    if message:
        getattr(st, message[0])(message[1])


# --- the slide ---------------------------------------------------------------------------------------------


def slide(ctx: Context, key: str, note: str = "") -> Slide:
    """The slide `key` for the context's data version and filters (built once, then from the cache)."""
    built = shell.cached(ctx, "slide", lambda: slides.build(ctx, key), ctx.filters, key)  # a copy of the cached one
    built.note = note
    return built


def draw(ctx: Context, slide: Slide) -> None:
    if slide.tall:
        return _draw_tall(ctx, slide)
    with st.container(key="slide"):
        st.title(slide.title, anchor=False)
        if slide.subtitle:
            st.container(key="slide_subtitle").markdown(slide.subtitle)
        if slide.numbers:
            cols = st.columns(len(slide.numbers), gap="large")
            for col, number in zip(cols, slide.numbers, strict=True):
                col.metric(number.label, number.value, **charts.change_args(number.change))
                col.caption(number.note)
        if slide.figure is not None:
            # theme=None: the slide's own type sizes (Streamlit's theme would shrink them)
            st.plotly_chart(slide.figure, key=f"slide_{slide.key}", theme=None,
                            config={"displayModeBar": False, "locale": ctx.lang})
        for line in slide.lines if slide.figure is None else []:
            st.markdown(line)
        _source(ctx, slide)


def _source(ctx: Context, slide: Slide) -> None:
    unit = f"{ctx.tr('chart.unit')}: {slide.unit} · " if slide.unit else ""
    st.caption(unit + slide.source)


def _draw_tall(ctx: Context, slide: Slide) -> None:
    """A chart as high as the slide on the left (the map), its finding, subtitle and source on the right."""
    with st.container(key="slide"):
        chart, words = st.columns([slides.TALL_WIDTH, 1824 - slides.TALL_WIDTH], gap="large")
        with chart:
            st.plotly_chart(slide.figure, key=f"slide_{slide.key}", theme=None,
                            config={"displayModeBar": False, "locale": ctx.lang})
        with words:
            st.title(slide.title, anchor=False)
            if slide.subtitle:
                st.container(key="slide_subtitle").markdown(slide.subtitle)
            if slide.legend:  # constant colours, escaped labels
                st.container(key="slide_legend").markdown("".join(
                    maps.swatch(k.colour, k.label, k.shape, k.outline, "0.8em")
                    for k in slide.legend), unsafe_allow_html=True)
            _source(ctx, slide)


def controls(ctx: Context, plan: Plan, index: int) -> tuple[Plan, int]:
    """Previous, the counter, next; slides and notes; export; leave. Returns the plan and index as edited."""
    tr = ctx.tr
    with st.container(horizontal=True, key="present_bar", vertical_alignment="center", gap="small"):
        previous, counter, following = st.empty(), st.empty(), st.empty()  # filled once the plan is known
        st.caption(tr("present.keys_hint"))
        with st.popover(tr("present.arrange"), icon=":material/tune:"):
            plan = arrange(ctx, plan)
        total = len(plan.slides)
        index = max(0, min(index, total - 1))
        st.session_state[INDEX] = index
        with st.popover(tr("present.export"), icon=":material/download:"):
            export(ctx, plan)
            deck_file(ctx, plan)
        other = next(lang for lang in LANGUAGES if lang != ctx.lang)
        st.button(shell.LANGUAGE_NAMES[other], icon=":material/translate:", key="present_lang", on_click=_language,
                  args=(other,), type="tertiary")
        st.page_link("pages/overview.py", label=tr("present.exit"), icon=":material/close:")
        previous.button(tr("present.previous"), icon=":material/chevron_left:", key="present_prev",
                        shortcut="Left", on_click=_move, args=(-1, total), disabled=index <= 0)
        counter.markdown(tr("present.counter", n=index + 1 if total else 0, total=total))
        following.button(tr("present.next"), icon=":material/chevron_right:", icon_position="right",
                         key="present_next", shortcut="Right", on_click=_move, args=(1, total),
                         disabled=index >= total - 1, type="primary")
    return plan, index


def note(ctx: Context, slide: Slide) -> None:
    """The presenter's note for this slide, folded away under the controls (not part of the slide)."""
    if slide.note:
        with st.expander(ctx.tr("present.notes")):
            st.text(slide.note)
