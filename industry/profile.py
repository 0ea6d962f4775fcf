"""A commune's profile: its key figures beside the city's and its rank among the 126, its lists, its PDF.

No Streamlit here: the page and the PDF read the same figures.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass

import pandas as pd

from . import formats, metrics, paths
from .i18n import Translator

FONT_DIR = paths.ROOT / "static" / "fonts"
PERCENT = {"compliance_pct", "si_certified_pct"}


@dataclass
class Profile:
    code: str
    name: str
    kind: str
    year: int
    figures: pd.DataFrame  # label, commune value, city value, rank, of
    trends: pd.DataFrame  # year, compliance %, certified %, city compliance %, city certified %
    sites: pd.DataFrame
    villages: pd.DataFrame
    predecessors: pd.DataFrame
    geometry: dict
    points: list[tuple[float, float, str]]  # lon, lat, kind of point (site status or "village")


def city_values(clusters: pd.DataFrame, ents: pd.DataFrame, villages: pd.DataFrame, year: int) -> dict[str, float | None]:
    clusters = clusters.set_index("year").loc[year]
    ents = ents.set_index("year").loc[year]
    villages = villages.set_index("year").loc[year]
    return {
        "clusters_count": clusters["clusters_count"], "compliance_pct": clusters["compliance_pct"],
        "enterprises_count": ents["enterprises_count"], "si_enterprises_count": ents["si_enterprises_count"],
        "si_certified_pct": ents["si_certified_pct"], "villages_count": villages["villages_count"],
        "recognised_count": villages["recognised_count"],
    }


def build_profiles(query, codes: list[str], year: int, sector: str | None, tr: Translator,
                   scope: tuple[str, ...] | None = None) -> list[Profile]:
    """The profiles of `codes`. `query(fn, *args)` runs a function of industry.metrics; the city-wide figures,
    ranks, sites and villages are asked for once for all the communes, the sites and villages for the communes of
    `scope` (by default `codes`; the page passes its commune filter, so that its map shares the answer)."""
    ranks = metrics.ranked(query(metrics.map_communes, year, sector))  # shared with the map's cache
    city_c = query(metrics.clusters_by_year, ())
    city_e = query(metrics.enterprises_by_year, (), sector)
    city = city_values(city_c, city_e, query(metrics.villages_by_year, ()), year)
    city_c, city_e = city_c.set_index("year"), city_e.set_index("year")
    scope = tuple(codes) if scope is None else tuple(scope)
    all_sites = query(metrics.map_sites, year, scope)
    all_villages = query(metrics.map_villages, year, scope)
    geometries = query(metrics.commune_shapes).set_index("code")["geometry_simplified"]
    trends = query(metrics.commune_trends, tuple(codes), sector)
    predecessors = query(metrics.commune_predecessors, tuple(codes))
    return [_profile(code, year, tr, ranks, city, city_c, city_e, all_sites, all_villages, geometries,
                     trends[trends["commune_code"] == code].set_index("year"),
                     predecessors[predecessors["code"] == code].reset_index(drop=True)) for code in codes]


def build_profile(query, code: str, year: int, sector: str | None, tr: Translator) -> Profile:
    return build_profiles(query, [code], year, sector, tr)[0]


def _profile(code, year, tr, ranks, city, city_c, city_e, all_sites, all_villages, geometries, mine,
             predecessors) -> Profile:
    row = ranks[ranks["code"] == code].iloc[0]
    lang = tr.lang
    lines = []
    for column, _ in metrics.PROFILE_FIGURES:
        pct = column in PERCENT
        fmt = (lambda v: formats.percent(v, lang)) if pct else (lambda v: formats.number(v, lang))
        rank = row[f"{column}_rank"]
        ranked = int(ranks[column].notna().sum())
        lines.append({
            tr("profile.col_figure"): tr(f"profile.fig_{column}"),
            tr("profile.col_commune"): fmt(row[column]),
            tr("profile.col_city"): fmt(city[column]),
            tr("profile.col_rank"): "–" if pd.isna(rank) else tr("profile.rank", rank=int(rank), of=ranked),
        })
    trends = pd.DataFrame({
        tr("col.year"): mine.index,
        tr("profile.trend_compliance"): mine["compliance_pct"].to_numpy(),
        tr("profile.trend_compliance_city"): city_c["compliance_pct"].to_numpy(),
        tr("profile.trend_certified"): mine["si_certified_pct"].to_numpy(),
        tr("profile.trend_certified_city"): city_e["si_certified_pct"].to_numpy(),
    })
    sites = all_sites[all_sites["commune_code"] == code].reset_index(drop=True)
    villages = all_villages[all_villages["commune_code"] == code].reset_index(drop=True)
    geometry = json.loads(geometries.loc[code])
    points = [(s.lon, s.lat, s.year_status or "not_operating") for s in sites.itertuples()] + [
        (v.lon, v.lat, "village") for v in villages.itertuples()]
    return Profile(code, row["full_name_vi"], row["kind"], year, pd.DataFrame(lines), trends, sites, villages,
                   predecessors, geometry, points)


# --- the PDF ---------------------------------------------------------------------------------------


def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    return "DejaVu", "DejaVu-Bold"


def _map_drawing(profile: Profile, width: float, height: float):
    """The commune's boundary with its sites and villages, drawn as vectors (no browser, no network)."""
    from reportlab.graphics.shapes import Circle, Drawing, Polygon
    from reportlab.lib import colors

    from .mapdeck import STATUS_COLOURS
    from .palette import CRAFT

    geom = profile.geometry
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    xs = [x for poly in polys for ring in poly for x, _ in ring]
    ys = [y for poly in polys for ring in poly for _, y in ring]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    scale = min((width - 10) / max(maxx - minx, 1e-6), (height - 10) / max(maxy - miny, 1e-6))

    def xy(lon, lat):
        return 5 + (lon - minx) * scale, 5 + (lat - miny) * scale

    d = Drawing(width, height)
    for poly in polys:
        points = [c for lon, lat in poly[0] for c in xy(lon, lat)]
        d.add(Polygon(points, fillColor=colors.HexColor("#eff3ff"), strokeColor=colors.HexColor("#5a646e"),
                      strokeWidth=0.8))
    for lon, lat, kind in profile.points:
        x, y = xy(lon, lat)
        colour = CRAFT if kind == "village" else STATUS_COLOURS.get(kind, "#BBBBBB")
        d.add(Circle(x, y, 2.2 if kind == "village" else 4, fillColor=colors.HexColor(colour),
                     strokeColor=colors.white, strokeWidth=0.5))
    return d


def pdf_bytes(profiles: list[Profile], tr: Translator, info: dict[str, str]) -> bytes:
    """An A4 PDF: one profile per commune, in the reader's language, built on the server with no network."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=12)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=10, textColor=colors.HexColor("#5d6d7e"))
    h1 = ParagraphStyle("h1", parent=body, fontName=bold, fontSize=17, leading=21, spaceAfter=4)
    h2 = ParagraphStyle("h2", parent=body, fontName=bold, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4)
    demo = info.get("kind") != "official"
    data_date = formats.date(info.get("data_date", "2025-12-31"), tr.lang)

    def table(df: pd.DataFrame, widths=None, limit: int = 25):
        shown = df.head(limit)
        rows = [[Paragraph(f"<b>{c}</b>", small) for c in shown.columns]]
        rows += [[Paragraph(_cell(v, tr.lang), body) for v in r] for r in shown.itertuples(index=False)]
        t = Table(rows, colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#888888")),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f5f8")]),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        out = [t]
        if len(df) > limit:
            out.append(Paragraph(tr("profile.pdf_more", n=len(df) - limit), small))
        return out

    story = []
    for i, p in enumerate(profiles):
        if i:
            story.append(PageBreak())
        story.append(Paragraph(p.name, h1))
        story.append(Paragraph(tr("profile.pdf_subtitle", kind=tr(f"map.kind_{'phuong' if p.kind == 'phường' else 'xa'}"),
                                  code=p.code, year=p.year, data_date=data_date), body))
        if demo:
            story.append(Paragraph(tr("profile.pdf_demo"), small))
        story.append(Spacer(1, 4 * mm))
        figures = Table([[_map_drawing(p, 70 * mm, 60 * mm), table(p.figures, [38 * mm, 24 * mm, 24 * mm, 22 * mm])]],
                        colWidths=[74 * mm, 110 * mm])
        figures.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(figures)
        story.append(Paragraph(tr("profile.trends_title"), h2))
        story += table(p.trends)
        story.append(KeepTogether([Paragraph(tr("profile.predecessors_title", n=len(p.predecessors)), h2)] + table(
            pd.DataFrame({tr("profile.col_old_name"): p.predecessors["old_name"],
                          tr("profile.col_old_district"): p.predecessors["old_district"],
                          tr("profile.col_partial"): [tr("map.yes") if x else tr("map.no")
                                                      for x in p.predecessors["is_partial"]]}))))
        if len(p.sites):
            story.append(Paragraph(tr("profile.sites_title", n=len(p.sites)), h2))
            story += table(pd.DataFrame({
                tr("col.name"): [tr.pick(e, v) for e, v in zip(p.sites["name_en"], p.sites["name_vi"], strict=True)],
                tr("col.kind"): [tr(f"map.site_{k}") for k in p.sites["kind"]],
                tr("col.status_year", year=p.year): [tr(f"status.{s or 'not_operating'}") for s in p.sites["year_status"]],
                tr("col.enterprises_count"): p.sites["enterprises_count"]}))
        if len(p.villages):
            story.append(Paragraph(tr("profile.villages_title", n=len(p.villages)), h2))
            story += table(pd.DataFrame({
                tr("col.name"): [tr.pick(e, v) for e, v in zip(p.villages["name_en"], p.villages["name_vi"], strict=True)],
                tr("col.craft"): [tr(f"craft.{c}") if tr.has(f"craft.{c}") else c for c in p.villages["craft"]],
                tr("col.households"): p.villages["households"]}), limit=15)
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph(tr("profile.pdf_sources"), small))

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(regular, 7)
        canvas.drawString(15 * mm, 10 * mm, tr("profile.pdf_footer", date=formats.date(dt.date.today(), tr.lang),
                                               data_date=data_date))
        canvas.drawRightString(195 * mm, 10 * mm, str(doc.page))
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=13 * mm, rightMargin=13 * mm, topMargin=14 * mm,
                            bottomMargin=16 * mm, title=", ".join(p.name for p in profiles), author=tr("app.title"),
                            lang="vi" if tr.lang == "vi" else "en")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def _cell(value, lang: str) -> str:
    from xml.sax.saxutils import escape

    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "–"
    if isinstance(value, float):
        return formats.number(value, lang, 1)
    return escape(str(value))


TREND_COLUMNS = {"compliance": ("profile.trend_compliance", "profile.trend_compliance_city"),
                 "certified": ("profile.trend_certified", "profile.trend_certified_city")}


def trend_data(profiles: list[Profile], which: str, tr: Translator) -> pd.DataFrame:
    """The city's and each chosen commune's trend of `which` (compliance or certified), by year."""
    column, city_column = (tr(k) for k in TREND_COLUMNS[which])
    data = profiles[0].trends[[tr("col.year"), city_column]].copy()
    for p in profiles:
        data[p.name] = p.trends[column].to_numpy()
    return data


def trend_title(ctx, profiles: list[Profile], which: str, year: int) -> str:
    """The finding of a trend chart: each commune's value in `year` and the city's ("–" where there is none)."""
    tr = ctx.tr
    column, city_column = (tr(k) for k in TREND_COLUMNS[which])

    def at_year(trends: pd.DataFrame, col: str) -> str:
        value = trends.loc[trends[tr("col.year")] == year, col]
        return "–" if value.empty or pd.isna(value.iloc[0]) else formats.percent(value.iloc[0], ctx.lang)

    communes = "; ".join(f"{p.name} {at_year(p.trends, column)}" for p in profiles)
    return tr(f"profile.{which}_title", year=year, communes=communes, city=at_year(profiles[0].trends, city_column))


def trend_figure(ctx, profiles: list[Profile], which: str, unit: str):
    """The trends of `trend_data` on one 0–105 % scale: the city dotted, the communes in the page's colours."""
    import plotly.graph_objects as go

    from . import palette
    from .figures import style

    tr = ctx.tr
    column, city_column = (tr(k) for k in TREND_COLUMNS[which])
    first = profiles[0].trends
    fig = go.Figure()
    fig.add_scatter(x=first[tr("col.year")], y=first[city_column], name=tr("profile.city"), mode="lines",
                    line=dict(color=palette.CONTEXT, width=2, dash="dot"))
    for i, p in enumerate(profiles):
        fig.add_scatter(x=p.trends[tr("col.year")], y=p.trends[column], name=p.name, mode="lines+markers",
                        line=dict(color=palette.ACTUAL if i == 0 else palette.SEQUENCE[(i + 3) % 8], width=3))
    fig.update_yaxes(range=[0, 105])  # same scale for every commune
    return style(fig, ctx, y_title=unit)


@dataclass(frozen=True)
class Lists:
    """What is in the chosen communes, one readable table each: their former communes and wards, their
    industrial clusters and parks, their craft villages."""
    predecessors: pd.DataFrame
    sites: pd.DataFrame
    villages: pd.DataFrame


def list_tables(ctx, profiles: list[Profile]) -> Lists:
    from .mapdeck import site_table, village_table

    tr = ctx.tr
    columns = {"commune": tr("col.commune"), "old_code": tr("profile.col_old_code"),
               "old_name": tr("profile.col_old_name"), "old_district": tr("profile.col_old_district"),
               "is_partial": tr("profile.col_partial"), "merge_note": tr("profile.col_note")}
    predecessors = pd.concat([p.predecessors.assign(commune=p.name) for p in profiles], ignore_index=True)
    return Lists(predecessors=predecessors[list(columns)].rename(columns=columns),
                 sites=site_table(ctx, pd.concat([p.sites for p in profiles], ignore_index=True)),
                 villages=village_table(ctx, pd.concat([p.villages for p in profiles], ignore_index=True)))
