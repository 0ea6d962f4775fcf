"""The map: a pydeck deck of commune boundaries, clusters and parks, craft villages, and its legend.

Everything is drawn from the database: commune polygons are the map, with no base map under them
(``map_provider=None``), so nothing is fetched from the internet, and the browser starts one WebGL
context for the map, not two (a base map's own cost the first draw of a page with a map, 1.5 s
in software rendering). A reader zooms with the wheel, a double click or, once the map has the
keyboard's focus, the + and − keys, and moves it by dragging or with the arrow keys. Only the
columns a layer needs travel to the browser.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import pydeck as pdk
from pydeck.bindings import json_tools
from shapely.geometry import shape

from ..core import formats, palette
from ..core.i18n import Translator
from ..core.kept import kept
from . import provenance

SEQUENTIAL = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")  # light → dark blue: more of a measured value
NO_DATA = "#f4f4f4"
STATUS_ORDER = ("compliant", "not_compliant", "no_data", "no_plant", "not_operating", "not_stated")
STATUS_COLOURS = dict(palette.STATUS, no_data="#F0E442")
PERCENT_BREAKS = (0, 20, 40, 60, 80, 100)

# indicator → (column in map_communes, kind of value)
INDICATORS = {
    "none": (None, None),
    "enterprises_per_km2": ("enterprises_per_km2", "density"),
    "compliance_pct": ("compliance_pct", "percent"),
    "si_certified_pct": ("si_certified_pct", "percent"),
    "villages_count": ("villages_count", "count"),
    "support_million_vnd": ("support_million_vnd", "count"),
}


@dataclass(frozen=True)
class LegendClass:
    colour: str
    label: str


def nice_breaks(values: pd.Series, classes: int = 5) -> list[float]:
    """Class breaks at rounded quantiles of the positive values (counts and densities are skewed)."""
    v = values.dropna()
    v = v[v > 0]
    if v.empty:
        return [0, 1]
    qs = [float(v.quantile(i / classes)) for i in range(classes + 1)]
    out = [0.0]
    for q in qs[1:]:
        step = 10 ** max(0, math.floor(math.log10(q)) - 1) if q > 0 else 1
        rounded = math.ceil(q / step) * step
        if rounded > out[-1]:
            out.append(float(rounded))
    return out


def classify(values: pd.Series, kind: str) -> tuple[list[float], pd.Series]:
    """Breaks and the class index (0…n-1, or -1 for no data) of every value."""
    breaks = list(PERCENT_BREAKS) if kind == "percent" else nice_breaks(values)
    index = []
    for value in values:
        if value is None or pd.isna(value):
            index.append(-1)
            continue
        k = 0
        while k < len(breaks) - 2 and value > breaks[k + 1]:
            k += 1
        index.append(k)
    return breaks, pd.Series(index, index=values.index)


def class_colour(k: int, n: int) -> str:
    if k < 0:
        return NO_DATA
    # spread n classes over the 5 colours, darkest for the top class
    return SEQUENTIAL[round(k * (len(SEQUENTIAL) - 1) / max(1, n - 1))]


def legend_for(indicator: str, breaks: list[float], tr: Translator) -> list[LegendClass]:
    column, kind = INDICATORS[indicator]
    n = len(breaks) - 1
    fmt = (lambda x: formats.percent(x, tr.lang, 0)) if kind == "percent" else (
        lambda x: formats.number(x, tr.lang, 0 if x >= 10 or x == int(x) else 1))
    out = []
    for k in range(n):
        low, high = breaks[k], breaks[k + 1]
        label = tr("map.class_range", low=fmt(low), high=fmt(high)) if k else tr("map.class_upto", high=fmt(high))
        out.append(LegendClass(class_colour(k, n), label))
    out.append(LegendClass(NO_DATA, tr("map.no_data")))
    return out


def view_for(geometries: list[str], width: int = 700, height: int = 600, *, margin: float = 0.0,
             points: list[tuple[float, float]] = ()) -> pdk.ViewState:
    """A view that fits the given GeoJSON geometries and `points` (lon, lat) in a map of `width` × `height` px, with
    `margin` (a share of the map's size) left clear on every side (web-mercator zoom from their bounds)."""
    boxes = [bounds(g) for g in geometries] + [(lon, lat, lon, lat) for lon, lat in points]
    minx, miny = min(b[0] for b in boxes), min(b[1] for b in boxes)
    maxx, maxy = max(b[2] for b in boxes), max(b[3] for b in boxes)

    def mercator_y(value):
        return math.log(math.tan(math.pi / 4 + math.radians(value) / 2))

    # the middle of the box as drawn (in web mercator), not of its degrees: the same margin above and below
    lon = (minx + maxx) / 2
    lat = math.degrees(2 * math.atan(math.exp((mercator_y(miny) + mercator_y(maxy)) / 2)) - math.pi / 2)

    lon_span = max(maxx - minx, 0.005)
    lat_span = max((mercator_y(maxy) - mercator_y(miny)) * 180 / math.pi, 0.005)
    # deck.gl's world is 512 px wide at zoom 0
    usable = 1 - 2 * margin
    zoom = min(math.log2(width * usable * 360 / (512 * lon_span)),
               math.log2(height * usable * 360 / (512 * lat_span))) - 0.05
    return pdk.ViewState(longitude=lon, latitude=lat, zoom=round(min(zoom, 14), 2), pitch=0, bearing=0)


class CompactDeck(pdk.Deck):
    """pydeck writes its JSON indented, which doubles what the browser downloads and, since an indent turns
    off the C encoder of ``json``, takes ten times longer; this one is compact (same keys, same order)."""

    def to_json(self):
        return json.dumps(self, sort_keys=True, default=json_tools.default_serialize, separators=(",", ":"),
                          ensure_ascii=False)


class PrebuiltDeck:
    """A deck already turned into JSON (cacheable): what st.pydeck_chart reads of a pydeck Deck."""

    layers: list = []

    def __init__(self, spec: str, tooltip: dict | None):
        self._spec = spec
        self._tooltip = tooltip

    def to_json(self) -> str:
        return self._spec


def _tooltip(lines: list[tuple[str, str]], title: str) -> str:
    """Plain text, one line per figure: Streamlit escapes values put into the tooltip, so no markup here;
    the tooltip's style keeps the line breaks."""
    return "\n".join([title] + [f"{k} {v}" for k, v in lines])


@lru_cache(maxsize=1024)  # the same 126 boundaries every year: parse and round them once (never mutated)
def _rounded_geometry(text: str) -> dict:
    geometry = json.loads(text)
    return {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])}


@lru_cache(maxsize=1024)
def bounds(text: str) -> tuple[float, float, float, float]:
    return shape(json.loads(text)).bounds


def commune_features(df: pd.DataFrame, indicator: str, selected: tuple[str, ...], tr: Translator):
    """GeoJSON features of the communes, each with its fill colour and a tooltip in the reader's language."""
    column, kind = INDICATORS[indicator]
    if column:
        breaks, classes = classify(df[column], kind)
        n = len(breaks) - 1
    else:
        breaks, classes, n = [], pd.Series(-2, index=df.index), 0
    features = []
    for k, row in zip(classes.tolist(), df.to_dict("records"), strict=True):
        fill = "#ffffff" if k == -2 else class_colour(k, n)
        dimmed = bool(selected) and row["code"] not in selected
        lines = [
            (tr("map.tt_kind"), tr(f"map.kind_{'phuong' if row['kind'] == 'phường' else 'xa'}")),
            (tr("map.tt_clusters"), formats.number(row["clusters_count"], tr.lang)),
            (tr("map.tt_compliance"), formats.percent(row["compliance_pct"], tr.lang)),
            (tr("map.tt_enterprises"), formats.number(row["enterprises_count"], tr.lang)),
            (tr("map.tt_certified"), formats.percent(row["si_certified_pct"], tr.lang)),
            (tr("map.tt_villages"), formats.number(row["villages_count"], tr.lang)),
        ]
        features.append({
            "type": "Feature",
            "geometry": _rounded_geometry(row["geometry_simplified"]),
            "properties": {
                "code": row["code"],
                "name": row["full_name_vi"],
                "fill": palette.rgb(fill, 70 if dimmed else 190),
                "tooltip": _tooltip(lines, row["full_name_vi"]),
            },
        })
    return {"type": "FeatureCollection", "features": features}, breaks


def _round(coords, digits: int = 4):
    """Coordinates to `digits` decimals (4 ≈ 11 m: invisible at city zoom, and a third less to download)."""
    if isinstance(coords, float):
        return round(coords, digits)
    return [_round(c, digits) for c in coords]


def polygon_records(features: dict) -> list[dict]:
    """One record per polygon part (rings as lists of [lon, lat]), carrying its commune's properties."""
    out = []
    for feature in features["features"]:
        geom = feature["geometry"]
        parts = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        props = feature["properties"]
        for rings in parts:
            out.append({"polygon": rings, "code": props["code"], "fill": props["fill"], "tooltip": props["tooltip"]})
    return out


def site_records(df: pd.DataFrame, tr: Translator, sources: dict[str, str] | None = None) -> list[dict]:
    """The sites as the map draws them, each with its tooltip (and where its figures come from, when known)."""
    out = []
    for row in df.itertuples():
        status = row.year_status or "not_operating"
        lines = [
            (tr("map.tt_kind"), tr(f"map.site_{row.kind}")),
            (tr("map.tt_commune"), row.commune_name_vi),
            (tr("map.tt_status"), tr(f"status.{status}")),
            (tr("map.tt_area"), tr("map.ha", value=formats.number(row.area_ha, tr.lang, 1))),
            (tr("map.tt_enterprises"), formats.number(row.enterprises_count, tr.lang)),
        ]
        if not pd.isna(row.capacity_m3_per_day):
            lines.append((tr("map.tt_plant"), tr("map.m3", value=formats.number(row.capacity_m3_per_day, tr.lang))))
        if getattr(row, "position_approximate", False):
            lines.append((tr("map.tt_position"), tr("map.position_approximate")))
        if sources and sources.get(str(row.site_id)):
            lines.append((tr("provenance.tt"), sources[str(row.site_id)]))
        out.append({
            "site_id": row.site_id,
            "position": [round(row.lon, 5), round(row.lat, 5)],
            "radius": round(120 * math.sqrt(row.area_ha if row.area_ha and not pd.isna(row.area_ha) else 10)),
            "fill": palette.rgb(STATUS_COLOURS[status], 235),
            "outline": [0, 0, 0, 255] if row.kind != "cluster" else [255, 255, 255, 255],
            "outline_m": 90 if row.kind != "cluster" else 20,
            "tooltip": _tooltip(lines, tr.pick(row.name_en, row.name_vi)),
        })
    return out


def village_records(df: pd.DataFrame, tr: Translator, sources: dict[str, str] | None = None) -> list[dict]:
    out = []
    for row in df.itertuples():
        lines = [
            (tr("map.tt_craft"), tr(f"craft.{row.craft}") if tr.has(f"craft.{row.craft}") else row.craft),
            (tr("map.tt_commune"), row.commune_name_vi),
            (tr("map.tt_households"), formats.number(row.households, tr.lang)),
        ]
        if sources and sources.get(str(row.village_id)):
            lines.append((tr("provenance.tt"), sources[str(row.village_id)]))
        out.append({
            "village_id": row.village_id,
            "position": [round(row.lon, 5), round(row.lat, 5)],
            "fill": palette.rgb(palette.CRAFT, 220 if row.recognised_in_year else 130),
            "tooltip": _tooltip(lines, tr.pick(row.name_en, row.name_vi)
                                + (f" ({tr('map.legend_recognised').lower()})" if row.recognised_in_year else "")),
        })
    return out


def build_deck(communes: pd.DataFrame, sites: pd.DataFrame, villages: pd.DataFrame, *, indicator: str,
               selected: tuple[str, ...], layers: set[str], tr: Translator,
               focus: tuple[float, float] | None = None,
               fit: tuple[int, int, float] | None = None,
               sources: dict[str, dict[str, str]] | None = None) -> tuple[pdk.Deck, list[float]]:
    """The deck and the choropleth breaks (for the legend). With `fit` (width, height, margin), the view fits the
    chosen communes and their sites in a map of that size with that margin (a commune profile's small map); by
    default it fits them in the Map page's map."""
    features, breaks = commune_features(communes, indicator, selected, tr)
    # Communes are filled by a SolidPolygonLayer (a primitive layer) and outlined by a GeoJsonLayer that is not
    # pickable: a pickable GeoJsonLayer (a composite layer) stops Streamlit's click selection from working for
    # every layer of the deck (seen with Streamlit 1.67).
    deck_layers = [
        pdk.Layer(
            "SolidPolygonLayer", id="communes", data=polygon_records(features), pickable=True, filled=True,
            get_polygon="polygon", get_fill_color="fill", auto_highlight=True, highlight_color=[11, 92, 138, 60],
        ),
        pdk.Layer(
            "GeoJsonLayer", id="boundaries", data=[{"type": "Feature", "geometry": f["geometry"], "properties": {}}
                                                   for f in features["features"]], pickable=False, stroked=True,
            filled=False, get_line_color=[90, 100, 110, 200], line_width_min_pixels=0.6,
        ),
    ]
    if selected:
        chosen = [f for f in features["features"] if f["properties"]["code"] in selected]
        deck_layers.append(pdk.Layer(
            "GeoJsonLayer", id="selected", data=chosen, pickable=False, stroked=True, filled=False,
            get_line_color=[11, 92, 138, 255], line_width_min_pixels=2.5,
        ))
    if "villages" in layers and len(villages):
        deck_layers.append(pdk.Layer(
            "ScatterplotLayer", id="villages", data=village_records(villages, tr, (sources or {}).get("craft_villages")), pickable=True,
            get_position="position", get_fill_color="fill", get_radius=150, radius_min_pixels=2.5,
            radius_max_pixels=8,
        ))
    if "sites" in layers and len(sites):
        deck_layers.append(pdk.Layer(
            "ScatterplotLayer", id="sites", data=site_records(sites, tr, (sources or {}).get("sites")), pickable=True, stroked=True,
            get_position="position", get_fill_color="fill", get_line_color="outline", get_radius="radius",
            # line widths in metres with pixel bounds: line_width_units="pixels" blanks the canvas (deck.gl 9)
            get_line_width="outline_m", line_width_min_pixels=1, line_width_max_pixels=3,
            radius_min_pixels=4, radius_max_pixels=28,
        ))
    geoms = list(communes.loc[communes["code"].isin(selected), "geometry_simplified"]) if selected else list(
        communes["geometry_simplified"])
    if focus is not None:
        view = pdk.ViewState(longitude=focus[0], latitude=focus[1], zoom=13)
    elif fit is not None:
        points = list(zip(sites["lon"], sites["lat"], strict=True)) if "sites" in layers and len(sites) else []
        view = view_for(geoms, fit[0], fit[1], margin=fit[2], points=points)
    else:
        view = view_for(geoms)
    deck = CompactDeck(
        layers=deck_layers, initial_view_state=view, map_provider=None,
        tooltip={"text": "{tooltip}", "style": {"backgroundColor": "white", "color": "#1b2631", "fontSize": "13px",
                                                 "border": "1px solid #ccc", "padding": "6px 8px",
                                                 "whiteSpace": "pre-line", "maxWidth": "320px"}},
    )
    return deck, breaks


def site_table(ctx, sites: pd.DataFrame) -> pd.DataFrame:
    """The visible sites with readable columns, in the reader's language."""
    tr = ctx.tr
    return pd.DataFrame({
        tr("col.name"): [tr.pick(en, vi) for en, vi in zip(sites["name_en"], sites["name_vi"], strict=True)],
        tr("col.kind"): [tr(f"map.site_{k}") for k in sites["kind"]],
        tr("col.commune"): sites["commune_name_vi"],
        tr("col.status_year", year=ctx.filters.year): [tr(f"status.{s or 'not_operating'}") for s in sites["year_status"]],
        tr("col.area_ha"): sites["area_ha"],
        tr("col.capacity"): sites["capacity_m3_per_day"],
        tr("col.enterprises_count"): sites["enterprises_count"],
        tr("provenance.col"): provenance.column(ctx, "sites", sites["site_id"]),
        tr("col.demo_record"): [tr("map.yes") if d else tr("map.no") for d in sites["is_demo"]],
    })


def recognition_words(tr: Translator, villages: pd.DataFrame) -> list[str]:
    """Whether each village is recognised by the year shown, in words: yes, no, or not known (a real village whose
    recognition no source states)."""
    return [tr("map.yes") if r else tr("villages.recognition_unknown") if pd.isna(known) else tr("map.no")
            for r, known in zip(villages["recognised_in_year"], villages["recognised"], strict=True)]


def village_table(ctx, villages: pd.DataFrame) -> pd.DataFrame:
    tr = ctx.tr
    return pd.DataFrame({
        tr("col.name"): [tr.pick(en, vi) for en, vi in zip(villages["name_en"], villages["name_vi"], strict=True)],
        tr("col.craft"): [tr(f"craft.{c}") if tr.has(f"craft.{c}") else c for c in villages["craft"]],
        tr("col.commune"): villages["commune_name_vi"],
        tr("col.recognised_year", year=ctx.filters.year): recognition_words(tr, villages),
        tr("col.households"): villages["households"],
        tr("col.workers"): villages["workers"],
        tr("provenance.col"): provenance.column(ctx, "craft_villages", villages["village_id"]),
        tr("col.demo_record"): [tr("map.yes") if d else tr("villages.figures_illustrative") if i else tr("map.no")
                                for d, i in zip(villages["is_demo"], villages["figures_imputed"], strict=True)],
    })


def candidates_figure(shapes: pd.DataFrame, codes: tuple[str, ...], names: dict[str, str]):
    """The communes an address may be in, shaded and named, among the communes around them (a small static map
    for the Convert addresses page: which part of a split unit went where is for the reader to say)."""
    import plotly.graph_objects as go

    chosen = shapes[shapes["code"].isin(codes)]
    boxes = [bounds(t) for t in chosen["geometry_simplified"]]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad = max(x1 - x0, y1 - y0) * 0.15
    fig = go.Figure()
    for is_candidate in (False, True):
        xs: list = []
        ys: list = []
        for code, text in zip(shapes["code"], shapes["geometry_simplified"], strict=True):
            a, b, c, d = bounds(text)
            if (code in codes) != is_candidate or c < x0 - pad or a > x1 + pad or d < y0 - pad or b > y1 + pad:
                continue
            geometry = _rounded_geometry(text)
            for rings in [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]:
                xs += [p[0] for p in rings[0]] + [None]
                ys += [p[1] for p in rings[0]] + [None]
        fig.add_scatter(x=xs, y=ys, mode="lines", fill="toself", hoverinfo="skip", showlegend=False,
                        fillcolor="rgba(11,92,138,0.18)" if is_candidate else "rgba(242,245,248,1)",
                        line=dict(color="#0b5c8a" if is_candidate else "#9aa5b1", width=2 if is_candidate else 0.7))
    points = [shape(json.loads(t)).representative_point() for t in chosen["geometry_simplified"]]
    fig.add_scatter(x=[p.x for p in points], y=[p.y for p in points], mode="text", hoverinfo="skip",
                    text=[names.get(c, c) for c in chosen["code"]], textfont=dict(size=13, color="#1b2631"),
                    showlegend=False)
    fig.update_xaxes(visible=False, range=[x0 - pad, x1 + pad])
    fig.update_yaxes(visible=False, range=[y0 - pad, y1 + pad], scaleanchor="x", scaleratio=1.07)
    fig.update_layout(height=320, margin=dict(l=0, r=0, t=0, b=0), plot_bgcolor="#ffffff", hovermode=False)
    return fig


@kept
def village_place(villages: pd.DataFrame, village_id: str) -> tuple[float, float] | None:
    """A village's (longitude, latitude), None when `villages` has no such village."""
    row = villages[villages["village_id"] == village_id]
    return (float(row["lon"].iloc[0]), float(row["lat"].iloc[0])) if len(row) else None
