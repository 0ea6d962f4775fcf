"""The map on a page: the deck, its legend beside it, and what a click selects (Streamlit side)."""

from __future__ import annotations

import html

import streamlit as st

from ..data import metrics
from ..data.context import Context
from ..figures import mapdeck as deckmod
from ..figures import provenance
from ..figures.mapdeck import site_table, village_table  # noqa: F401  (pages use them through maps)
from . import shell


def swatch(colour: str, label: str, shape: str = "square", outline: str = "#888", size: str = "14px") -> str:
    """One legend entry as HTML: a swatch of a constant colour and its label, escaped."""
    radius = "50%" if shape == "circle" else "2px"
    return (f"<div style='display:flex;align-items:center;gap:0.5em;margin:3px 0'>"
            f"<span style='display:inline-block;width:{size};height:{size};border-radius:{radius};"
            f"background:{colour};border:1.5px solid {outline}'></span>"
            f"<span>{html.escape(label)}</span></div>")


def legend(ctx: Context, indicator: str, breaks: list[float], layers: set[str]) -> None:
    """pydeck draws no legend: this one states what every colour means, with units and classes."""
    tr = ctx.tr
    parts = []
    if deckmod.INDICATORS[indicator][0]:
        parts.append(f"<div style='font-weight:600;margin-top:4px'>{html.escape(tr('map.legend_communes'))}</div>")
        parts.append(f"<div style='color:#5d6d7e;font-size:0.85em'>{html.escape(tr(f'map.ind_{indicator}_unit'))}</div>")
        parts += [swatch(c.colour, c.label) for c in deckmod.legend_for(indicator, breaks, tr)]
    if "sites" in layers:
        parts.append(f"<div style='font-weight:600;margin-top:10px'>"
                     f"{html.escape(tr('map.legend_sites', year=ctx.filters.year))}</div>")
        parts += [swatch(deckmod.STATUS_COLOURS[s], tr(f"status.{s}"), "circle", "#fff")
                  for s in deckmod.STATUS_ORDER]
        parts.append(swatch("#ffffff", tr("map.legend_park"), "circle", "#000"))
        parts.append(f"<div style='color:#5d6d7e;font-size:0.85em'>{html.escape(tr('map.legend_size'))}</div>")
    if "villages" in layers:
        parts.append(f"<div style='font-weight:600;margin-top:10px'>{html.escape(tr('map.legend_villages'))}</div>")
        parts.append(swatch("#CC79A7", tr("map.legend_recognised"), "circle", "#CC79A7"))
        parts.append(swatch("#CC79A780", tr("map.legend_not_recognised"), "circle", "#CC79A780"))
    parts.append(f"<div style='color:#5d6d7e;font-size:0.85em;margin-top:10px'>{html.escape(tr('map.legend_zoom'))}</div>")
    st.markdown("<div style='font-size:0.9em'>" + "".join(parts) + "</div>", unsafe_allow_html=True)


def _deck_spec(ctx: Context, indicator: str, layers: tuple[str, ...], focus: tuple[float, float] | None,
               only_selected: bool, fit: tuple[int, int, float] | None = None):
    """The deck as JSON, its tooltip and its breaks."""
    f = ctx.filters
    boundaries = metrics.with_shapes(ctx.query(metrics.map_communes, f.year, f.sector), ctx.query(metrics.commune_shapes))
    if only_selected and f.communes:
        boundaries = boundaries[boundaries["code"].isin(f.communes)]
    frames = (boundaries, ctx.query(metrics.map_sites, f.year, f.communes),
              ctx.query(metrics.map_villages, f.year, f.communes))
    the_deck, breaks = deckmod.build_deck(*frames, indicator=indicator, selected=f.communes, layers=set(layers),
                                          tr=ctx.tr, focus=focus, fit=fit,
                                          sources={t: provenance.known(ctx, t) for t in ("sites", "craft_villages")})
    return the_deck.to_json(), the_deck._tooltip, breaks


def deck(ctx: Context, indicator: str, layers: set[str], focus: tuple[float, float] | None = None,
         only_selected: bool = False, fit: tuple[int, int, float] | None = None):
    """A deck ready for st.pydeck_chart, and its choropleth breaks for the legend, built once per database version,
    language, filters, indicator, layers and focus and shared (``shell.shared``); with `only_selected`, only the
    chosen communes are drawn (a commune profile's small map), and with `fit` (width, height, margin) the view fits
    them and their sites in a map of that size."""
    f = ctx.filters
    ordered = tuple(sorted(layers))
    spec, tooltip, breaks = shell.shared(ctx, "deck", lambda: _deck_spec(ctx, indicator, ordered, focus, only_selected,
                                                                         fit),
                                         f.year, f.sector, f.communes, indicator, ordered, focus, only_selected, fit)
    return deckmod.PrebuiltDeck(spec, tooltip), breaks


def selected_object(event) -> tuple[str, dict] | None:
    """The layer and object a click selected, if any."""
    try:
        objects = event.selection.get("objects", {}) if event else {}
    except AttributeError:
        return None
    for layer in ("sites", "villages", "communes"):
        if objects.get(layer):
            return layer, objects[layer][0]
    return None


