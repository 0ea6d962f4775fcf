"""The presentation: one message per slide, built from the live data for the current filters and language.

No Streamlit here: the Present page draws these slides, and :mod:`industry.deck` writes the same
slides to PowerPoint and PNG. A slide is a finding in words (its title), what it covers, a chart or
a few big numbers, its unit and its source line (demonstration or official, data date).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from ..core import formats, palette
from ..data import metrics
from ..data.context import Context
from ..figures import programmes, villages
from ..figures import style as figures
from ..figures import supporting as si
from ..figures import wastewater as ww
from ..figures.mapdeck import STATUS_COLOURS, STATUS_ORDER, _rounded_geometry
from ..figures.overview import Overview

PROGRAMME_BARS = 10
TALL_HEIGHT = 880  # px of a tall chart on a 1920 × 1080 slide: the screen's height less the margins and controls
TALL_WIDTH = 760  # px of its figure: the map at that height (Hà Nội is about 0.83 times as wide as it is high)
SLIDES = ("title", "headline", "map", "wastewater", "supporting", "programmes", "villages", "closing")
MAX_NOTE = 2000  # characters of a presenter's note


@dataclass(frozen=True)
class Number:
    """A big number on a slide: its label, the value as shown, and one line saying what it is against."""

    label: str
    value: str
    note: str = ""
    change: formats.Change | None = None  # from the year before, as the Overview's card shows it


@dataclass
class Slide:
    key: str
    title: str  # the finding, in words
    subtitle: str = ""  # what, where, when
    figure: go.Figure | None = None
    numbers: list[Number] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    unit: str = ""
    source: str = ""  # the whole source line: source, demonstration or official, data date
    note: str = ""  # the presenter's note (not shown to the audience)
    tall: bool = False  # a chart as high as the slide, its words beside it (the map: Hà Nội is taller than wide)
    legend: list[Key] = field(default_factory=list)  # a tall chart's legend, drawn beside it with the words


@dataclass(frozen=True)
class Key:
    """One entry of a legend drawn beside its chart: a colour (a constant of the palette), its label, its shape."""

    colour: str  # its fill
    label: str
    shape: str = "circle"  # circle | square
    outline: str = "#ffffff"


# --- the presenter's choice: which slides, in which order, with which notes ------------------------------


@dataclass
class Plan:
    slides: list[str] = field(default_factory=lambda: list(SLIDES))
    notes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str | None) -> tuple[Plan, list[str]]:
        """Slides from ``title,map,wastewater`` (the link's ``slides=``); unknown names are returned, not kept."""
        if not text:
            return cls(), []
        keys, bad = [], []
        for part in str(text).split(","):
            key = part.strip().lower()
            if key in SLIDES and key not in keys:
                keys.append(key)
            elif key and key not in SLIDES:
                bad.append(part.strip())
        return cls(keys or list(SLIDES)), bad

    def text(self) -> str:
        return ",".join(self.slides)

    def to_json(self, filters=None) -> str:
        data = {"dashboard": "hanoi-industrial-promotion", "kind": "deck", "version": 1, "slides": self.slides,
                "notes": {k: v for k, v in self.notes.items() if v and k in self.slides}}
        if filters is not None:
            data["filters"] = {"communes": list(filters.communes), "year": filters.year, "sector": filters.sector,
                               "lang": filters.lang}
        return json.dumps(data, ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, raw: bytes | str) -> tuple[Plan, dict]:
        """A saved deck file: the plan and its filters (``{}`` when none). Raises ValueError saying what is wrong."""
        try:
            data = json.loads(raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"not a deck file (JSON): {exc}") from None
        if not isinstance(data, dict) or data.get("kind") != "deck" or not isinstance(data.get("slides"), list):
            raise ValueError("not a deck file: it has no list of slides")
        unknown = [s for s in data["slides"] if s not in SLIDES]
        if unknown:
            raise ValueError(f"unknown slides {', '.join(map(str, unknown))}: the slides are {', '.join(SLIDES)}")
        notes = data.get("notes") or {}
        if not isinstance(notes, dict) or not all(isinstance(v, str) for v in notes.values()):
            raise ValueError("the notes must be texts, one per slide")
        keys = list(dict.fromkeys(data["slides"])) or list(SLIDES)
        plan = cls(keys, {k: v[:MAX_NOTE] for k, v in notes.items() if k in SLIDES})
        filters = data.get("filters") if isinstance(data.get("filters"), dict) else {}
        return plan, filters


# --- the slides ---------------------------------------------------------------------------------------


_DOCUMENT = re.compile(r"^((?:Decision|Plan|Quyết định|Kế hoạch) \S*\d\S*(?: (?:of|ngày|năm) [\d/]+)?)")


def cited(source: str) -> str:
    """A target's citation as a slide has room for: the document, its number and date ("Quyết định 6126/QĐ-UBND
    ngày 10/12/2025"); the pages, the report and the downloads give it whole."""
    first = source.split(";")[0].strip()
    found = _DOCUMENT.match(first)
    return found.group(1) if found else first.split(" (")[0].split(",")[0]


def build(ctx: Context, key: str, note: str = "") -> Slide:
    slide = _BUILDERS[key](ctx)
    slide.note = note
    return slide


def build_all(ctx: Context, plan: Plan) -> list[Slide]:
    return [build(ctx, key, plan.notes.get(key, "")) for key in plan.slides]


def name(tr, key: str) -> str:
    return tr(f"present.slide_{key}")


def _title(ctx: Context) -> Slide:
    tr, f = ctx.tr, ctx.filters
    kind = tr("present.data_demo") if ctx.is_demo else tr("present.data_official")
    return Slide(
        "title", tr("present.title_title", year=f.year), subtitle=ctx.filters_text(),
        lines=[tr("present.title_data", kind=kind, data_date=ctx.data_date(), records=ctx.records_note()),
               tr("present.title_made", date=formats.date(dt.date.today().isoformat(), ctx.lang))],
        source=ctx.source_line(tr("present.dashboard_source")),
    )


def _headline(ctx: Context) -> Slide:
    tr, f = ctx.tr, ctx.filters
    clusters = ctx.query(metrics.clusters_by_year, f.communes)
    enterprises = ctx.query(metrics.enterprises_by_year, f.communes, f.sector)
    village_years = ctx.query(metrics.villages_by_year, f.communes)
    view = Overview(clusters, enterprises, village_years, ctx.targets(), f.year)
    rate, share = view.value(clusters, "compliance_pct"), view.value(enterprises, "si_certified_pct")
    t30, t35 = view.share_targets
    n30, n35 = view.count_targets
    if rate is not None and share is not None:
        title = tr("present.headline_title", rate=ctx.percent(rate), share=ctx.percent(share),
                   target=ctx.percent(t30.low, 0), target_year=t30.year, year=f.year)
    else:
        title = tr("present.headline_title_partial", scope=ctx.scope(), year=f.year)
    numbers = [
        Number(tr("overview.kpi_clusters"), ctx.number(view.value(clusters, "clusters_count") or 0),
               tr("overview.kpi_clusters_note", plants=ctx.number(view.value(clusters, "with_plant_count") or 0),
                  parks=ctx.number(view.value(clusters, "parks_count") or 0)), view.year_change(clusters, "clusters_count", ctx)),
        Number(tr("overview.kpi_compliance"), ctx.percent(rate) if rate is not None else "–",
               tr("overview.kpi_compliance_note", target=ctx.percent(view.compliance_target.low, 0),
                  short=ctx.number(view.clusters_short())), view.year_change(clusters, "compliance_pct", ctx, points=True)),
        Number(tr("overview.kpi_certified"), ctx.percent(share) if share is not None else "–",
               tr("present.certified_note" if ctx.filters.whole_city else "present.certified_note_scope",
                  si=ctx.number(view.value(enterprises, "si_enterprises_count") or 0),
                  t30=ctx.percent(t30.low, 0), n30=ctx.number(n30.low), t35=ctx.percent(t35.low, 0),
                  n35=ctx.number(n35.low)), view.year_change(enterprises, "si_certified_pct", ctx, points=True)),
        Number(tr("overview.kpi_villages"), ctx.number(view.value(village_years, "recognised_count") or 0),
               tr("overview.kpi_villages_note",
                  villages=ctx.number(view.value(village_years, "villages_count") or 0)),
               view.year_change(village_years, "recognised_count", ctx)),
    ]
    return Slide("headline", title, subtitle=ctx.filters_text(), numbers=numbers,
                 source=ctx.source_line(tr("present.headline_source", compliance=cited(view.compliance_target.source),
                                           certified=cited(t30.source))))


def map_figure(ctx: Context, communes: pd.DataFrame, sites: pd.DataFrame) -> go.Figure:
    """A static map (no tiles, no tooltips): commune outlines, the chosen communes shaded, clusters and
    parks coloured by their wastewater status, one legend entry per status."""
    selected = set(ctx.filters.communes)
    fig = go.Figure()
    for chosen in (False, True):
        xs: list = []
        ys: list = []
        for code, text in zip(communes["code"], communes["geometry_simplified"], strict=True):
            if (code in selected) != chosen:
                continue
            geometry = _rounded_geometry(text)
            parts = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            for rings in parts:
                ring = rings[0]
                xs += [p[0] for p in ring] + [None]
                ys += [p[1] for p in ring] + [None]
        if xs:
            fig.add_scatter(x=xs, y=ys, mode="lines", fill="toself", hoverinfo="skip", showlegend=chosen,
                            name=ctx.tr("present.map_chosen"),
                            fillcolor="rgba(11,92,138,0.12)" if chosen else "rgba(242,245,248,1)",
                            line=dict(color="#0b5c8a" if chosen else "#9aa5b1", width=2.5 if chosen else 0.8))
    for key, (xs, ys) in map_points(ctx, sites):
        if key.shape == "square":
            marker = dict(size=22, symbol="square-open", color=key.outline, line=dict(width=3))
        else:
            marker = dict(size=16, color=key.colour, line=dict(width=1.5, color="#ffffff"))
        fig.add_scatter(x=xs, y=ys, mode="markers", name=key.label, marker=marker)
    # the map as large as the figure allows: the plot area shrunk to the city's own shape, at the figure's left;
    # its legend goes beside it with the slide's words (Slide.legend)
    fig.update_xaxes(visible=False, rangemode="normal", constrain="domain", constraintoward="left")
    fig.update_yaxes(visible=False, rangemode="normal", scaleanchor="x", scaleratio=1.07,  # 1 / cos(21°): no stretch
                     constrain="domain", constraintoward="top")
    fig.update_layout(showlegend=False, hovermode=False, plot_bgcolor="#ffffff")
    return fig


def map_points(ctx: Context, sites: pd.DataFrame) -> list[tuple[Key, tuple[list, list]]]:
    """The map's points by what they mean: the clusters of each wastewater status (with their number), then the
    industrial parks, each with its legend entry."""
    out = []
    shown = sites[sites["kind"] == "cluster"]
    for status in STATUS_ORDER:
        rows = shown[(shown["year_status"].fillna("not_operating")) == status]
        if len(rows):
            out.append((Key(STATUS_COLOURS[status], f"{ctx.tr(f'status.{status}')} ({ctx.number(len(rows))})"),
                        (list(rows["lon"]), list(rows["lat"]))))
    parks = sites[sites["kind"] != "cluster"]
    if len(parks):
        out.append((Key("#ffffff", ctx.tr("present.map_parks"), "square", palette.TARGET),
                    (list(parks["lon"]), list(parks["lat"]))))
    return out


def _map(ctx: Context) -> Slide:
    tr, f = ctx.tr, ctx.filters
    communes = metrics.with_shapes(ctx.query(metrics.map_communes, f.year, f.sector), ctx.query(metrics.commune_shapes))
    sites = ctx.query(metrics.map_sites, f.year, f.communes)
    operating = sites[(sites["kind"] == "cluster") & ~sites["year_status"].fillna("not_operating").isin(palette.NOT_COUNTED)]
    title = tr("map.finding", n=ctx.number(len(operating)), scope=ctx.scope(), year=f.year,
               shortfall=ww.sites_shortfall(ctx, operating))
    figure = figures.present(map_figure(ctx, communes, sites), ctx, height=TALL_HEIGHT)
    figure.update_layout(margin=dict(l=0, r=0, t=0, b=0), showlegend=False)
    selected = [Key("rgba(11,92,138,0.12)", tr("present.map_chosen"), "square", "#0b5c8a")] if f.communes else []
    return Slide("map", title, subtitle=tr("present.map_subtitle", year=f.year), figure=figure,
                 unit=tr("present.map_unit"), source=ctx.source_line(tr("map.source")), tall=True,
                 legend=[key for key, _ in map_points(ctx, sites)] + selected)


def _wastewater(ctx: Context) -> Slide:
    tr, f = ctx.tr, ctx.filters
    clusters = ctx.query(metrics.clusters_by_year, f.communes)
    target = metrics.target(ctx.targets(), "wastewater_compliance_rate")
    row = ww.year_row(clusters, f.year)
    source = ctx.source_line(tr("overview.compliance_source", target_source=cited(target.source)))
    if not row or not row.get("clusters_count"):
        return Slide("wastewater", tr("wastewater.finding_none", scope=ctx.scope(), year=f.year),
                     subtitle=ctx.filters_text(), source=source)
    unit = tr("unit.percent_of_clusters")
    return Slide(
        "wastewater", ww.rate_title(ctx, clusters, row, target.low),
        subtitle=tr("wastewater.rate_subtitle", scope=ctx.scope(), first=ctx.years[0], last=ctx.years[1]),
        figure=figures.present(ww.rate_figure(ctx, clusters, target.low), ctx, y_title=unit),
        lines=[ww.finding(ctx, row), *ww.reported_lines(ctx, ctx.query(metrics.reported_wastewater, f.communes), row)],
        unit=unit, source=source,
    )


def _supporting(ctx: Context) -> Slide:
    tr, f = ctx.tr, ctx.filters
    enterprises = ctx.query(metrics.enterprises_by_year, f.communes, f.sector)
    share_targets, count_targets = si.goals(ctx.targets())
    source = ctx.source_line(tr("overview.certified_source", target_source=cited(share_targets[0].source)))
    if si.empty(enterprises, f.year):
        return Slide("supporting", tr("si.empty_title", scope=ctx.scope(), sector=ctx.sector_name(f.sector),
                                      year=f.year), subtitle=ctx.filters_text(), source=source)
    paces = si.paces(enterprises, f.year, share_targets, count_targets, f.whole_city)
    window = si.fit_years(enterprises, f.year)
    unit = tr("unit.percent_of_si")
    return Slide(
        "supporting", si.sentence(ctx, paces[0], window),
        subtitle=tr("si.subtitle", scope=ctx.scope(), sector=ctx.sector_name(f.sector), first=ctx.years[0],
                    last=f.year),
        figure=figures.present(si.share_figure(ctx, enterprises, f.year, share_targets), ctx, y_title=unit),
        lines=[si.target_note(ctx, share_targets, count_targets)], unit=unit, source=source,
    )


def _programmes(ctx: Context) -> Slide:
    """The targets still to reach, most urgent first; those already met are counted in the subtitle. A slide scaled
    to a laptop (1280 × 720) has room for about ten bars with a label each at slide type size."""
    tr = ctx.tr
    card = programmes.scorecard(ctx.targets(), ctx.programme_progress(), ctx.filters.year)
    current = card[card["programme"] != "handicraft_promotion_2021_2025"]
    title = programmes.finding(tr, current)
    unit = tr("present.programmes_unit")
    still = programmes.most_urgent_first(current[current["status"] != "achieved"])
    shown = (still if len(still) else current).head(PROGRAMME_BARS)
    subtitle = tr("present.programmes_subtitle", year=ctx.years[1])
    if len(shown) < len(current):
        subtitle += " · " + tr("present.programmes_left_out", shown=len(shown), met=len(current) - len(still))
        if len(still) > len(shown):
            subtitle += tr("present.programmes_more", more=len(still) - len(shown))
    fig = figures.present(programmes.progress_figure(shown, tr, status_in_text=True), ctx, x_title=unit, height=640)
    fig.update_layout(showlegend=False)  # each bar names its status: the height is left to the bars
    return Slide("programmes", title, subtitle=subtitle, figure=fig,
                 unit=unit, lines=[tr("prog.rule_short")], source=ctx.source_line(tr("prog.source")))


def _villages(ctx: Context) -> Slide:
    tr, f = ctx.tr, ctx.filters
    by_craft = ctx.query(metrics.villages_by_craft, f.year, f.communes)
    source = ctx.source_line(tr("villages.source_slide"))
    total, recognised = int(by_craft["villages_count"].sum()), int(by_craft["recognised_count"].sum())
    if total == 0:
        return Slide("villages", tr("villages.none", scope=ctx.scope()), subtitle=ctx.filters_text(), source=source)
    top = by_craft.iloc[0]
    shown = by_craft.head(12)
    return Slide(
        "villages",
        tr("villages.finding", n=ctx.number(total), scope=ctx.scope(), recognised=ctx.number(recognised), year=f.year,
           craft=tr(f"craft.{top['craft']}"), craft_n=ctx.number(top["villages_count"])),
        subtitle=tr("villages.craft_subtitle", scope=ctx.scope(), year=f.year)
        + (" · " + tr("present.villages_top", n=len(shown)) if len(by_craft) > len(shown) else ""),
        figure=figures.present(villages.craft_figure(tr, shown), ctx, x_title=tr("unit.villages")),
        unit=tr("unit.villages"), source=source,
    )


def _closing(ctx: Context) -> Slide:
    tr = ctx.tr
    targets = ctx.targets()
    # the programmes, each named with its decision, once each and in the slide's language
    decisions = [tr(f"programme.{p}") for p in dict.fromkeys(targets["programme"])]
    sources = tr("present.demo_sources") if ctx.is_demo else ctx.info.get("sources", "–")
    lines = [tr("present.closing_data", sources=sources)]
    lines += [tr("present.closing_targets", sources="; ".join(decisions[:6]))]
    lines += [tr("present.closing_kind_demo") if ctx.is_demo else tr("present.closing_kind_official"),
              tr("present.closing_live")]
    return Slide("closing", tr("present.closing_title"), subtitle=ctx.filters_text(), lines=lines,
                 source=ctx.source_line(tr("present.dashboard_source")))


_BUILDERS = {
    "title": _title, "headline": _headline, "map": _map, "wastewater": _wastewater, "supporting": _supporting,
    "programmes": _programmes, "villages": _villages, "closing": _closing,
}
