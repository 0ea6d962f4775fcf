"""A commune's profile as an A4 PDF, built on the server (reportlab: no browser print, no network).

The figures are those of industry.figures.profile, which the Commune profile page shows.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd

from ..core import formats, paths
from ..core.i18n import Translator
from ..figures.mapdeck import recognition_words
from ..figures.profile import Profile, joined_words

FONT_DIR = paths.ROOT / "static" / "fonts"


def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    return "DejaVu", "DejaVu-Bold"


KM_PER_DEGREE = 111.32  # of latitude; of longitude, times the cosine of the latitude


def _polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _map_drawing(profile: Profile, width: float, height: float, tr: Translator, regular: str):
    """The commune's boundary with its sites and villages, the communes around it outlined and named, a scale bar
    and a legend, drawn as vectors (no browser, no network)."""
    import math

    from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
    from reportlab.lib import colors
    from shapely.geometry import box, shape

    from ..core.palette import CRAFT
    from ..figures.mapdeck import STATUS_COLOURS

    legend_h = 30
    polys = _polygons(profile.geometry)
    xs = [x for poly in polys for ring in poly for x, _ in ring]
    ys = [y for poly in polys for ring in poly for _, y in ring]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    squeeze = math.cos(math.radians((miny + maxy) / 2))  # a degree of longitude is shorter than one of latitude
    pad = 0.12
    spanx, spany = (maxx - minx) * squeeze, maxy - miny
    minx, maxx = minx - spanx * pad / squeeze, maxx + spanx * pad / squeeze
    miny, maxy = miny - spany * pad, maxy + spany * pad
    scale = min(width / max((maxx - minx) * squeeze, 1e-6), (height - legend_h) / max(maxy - miny, 1e-6))

    def xy(lon, lat):
        return (lon - minx) * squeeze * scale, legend_h + (lat - miny) * scale

    d = Drawing(width, height)
    inside = Group()
    frame = box(minx, miny, maxx, maxy)
    for _name, _lon, _lat, geometry in profile.neighbours:  # around it, in grey, cut to the map's frame
        cut = shape(geometry).intersection(frame)
        for part in getattr(cut, "geoms", [cut]):
            if part.geom_type != "Polygon" or part.is_empty:
                continue
            points = [c for lo, la in part.exterior.coords for c in xy(lo, la)]
            inside.add(Polygon(points, fillColor=colors.HexColor("#f6f7f8"), strokeColor=colors.HexColor("#b5bcc3"),
                               strokeWidth=0.5))
    for poly in polys:
        points = [c for lon, lat in poly[0] for c in xy(lon, lat)]
        inside.add(Polygon(points, fillColor=colors.HexColor("#eff3ff"), strokeColor=colors.HexColor("#5a646e"),
                           strokeWidth=0.9))
    for name, lon, lat, _geometry in profile.neighbours:
        x, y = xy(lon, lat)
        if 14 < x < width - 14 and legend_h + 6 < y < height - 4:
            inside.add(String(x, y, name.split(" ", 1)[-1], fontName=regular, fontSize=5.5, textAnchor="middle",
                              fillColor=colors.HexColor("#5d6d7e")))
    for lon, lat, kind in profile.points:
        x, y = xy(lon, lat)
        colour = CRAFT if kind == "village" else STATUS_COLOURS.get(kind, "#BBBBBB")
        inside.add(Circle(x, y, 2.2 if kind == "village" else 4, fillColor=colors.HexColor(colour),
                          strokeColor=colors.white, strokeWidth=0.5))
    d.add(inside)
    d.add(Rect(0, 0, width, legend_h, fillColor=colors.white, strokeColor=None))  # what runs under the legend, hidden
    # the scale: a round number of km about a quarter of the width
    km_wide = width / scale * KM_PER_DEGREE  # the map's width in km (1 km is scale / 111,32 points either way)
    km = next((k for k in (0.5, 1, 2, 5, 10, 20) if k >= km_wide / 5), 20)
    bar = km / KM_PER_DEGREE * scale
    d.add(Line(2, 4, 2 + bar, 4, strokeColor=colors.HexColor("#1b2631"), strokeWidth=1.2))
    d.add(Line(2, 2.5, 2, 5.5, strokeColor=colors.HexColor("#1b2631"), strokeWidth=1))
    d.add(Line(2 + bar, 2.5, 2 + bar, 5.5, strokeColor=colors.HexColor("#1b2631"), strokeWidth=1))
    d.add(String(2 + bar + 3, 2.5, tr("profile.map_scale", km=formats.number(km, tr.lang, 1 if km < 1 else 0)),
                 fontName=regular, fontSize=6))
    d.add(Circle(6, 24, 3, fillColor=colors.HexColor(STATUS_COLOURS.get("compliant", "#009E73")),
                 strokeColor=colors.white))
    d.add(String(12, 22, tr("profile.map_legend_site"), fontName=regular, fontSize=6))
    d.add(Circle(6, 14, 2.2, fillColor=colors.HexColor(CRAFT), strokeColor=colors.white))
    d.add(String(12, 12, tr("profile.map_legend_village"), fontName=regular, fontSize=6))
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
    if len(profiles) > 1:  # two to four communes side by side in one table first, as on the page
        from ..figures.profile import comparison

        names = ", ".join(p.name for p in profiles)
        story.append(Paragraph(tr("profile.compare_title", names=names, year=profiles[0].year), h1))
        if demo:
            story.append(Paragraph(tr("profile.pdf_demo"), small))
        story.append(Spacer(1, 3 * mm))
        compared = comparison(profiles, tr)
        first = 40 * mm
        rest = (184 * mm - first) / (len(compared.columns) - 1)
        story += table(compared, [first] + [rest] * (len(compared.columns) - 1))
        story.append(PageBreak())
    for i, p in enumerate(profiles):
        if i:
            story.append(PageBreak())
        story.append(Paragraph(p.name, h1))
        story.append(Paragraph(tr("profile.pdf_subtitle", kind=tr(f"map.kind_{'phuong' if p.kind == 'phường' else 'xa'}"),
                                  code=p.code, year=p.year, data_date=data_date), body))
        if demo:
            story.append(Paragraph(tr("profile.pdf_demo"), small))
        story.append(Spacer(1, 4 * mm))
        figures = Table([[_map_drawing(p, 70 * mm, 66 * mm, tr, regular),
                          table(p.figures, [34 * mm, 21 * mm, 21 * mm, 32 * mm])]], colWidths=[74 * mm, 110 * mm])
        figures.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(figures)
        story.append(Paragraph(tr("profile.trends_title"), h2))
        story += table(p.trends)
        story.append(KeepTogether([Paragraph(tr("profile.predecessors_title", n=len(p.predecessors)), h2)] + table(
            pd.DataFrame({tr("profile.col_old_name"): p.predecessors["old_name"],
                          tr("profile.col_old_district"): p.predecessors["old_district"],
                          tr("profile.col_joined"): joined_words(tr, p.predecessors["is_partial"])}))))
        if len(p.sites):  # a list's title stays with its first rows
            story.append(KeepTogether([Paragraph(tr("profile.sites_title", n=len(p.sites)), h2)] + table(pd.DataFrame({
                tr("col.name"): [tr.pick(e, v) for e, v in zip(p.sites["name_en"], p.sites["name_vi"], strict=True)],
                tr("col.kind"): [tr(f"map.site_{k}") for k in p.sites["kind"]],
                tr("col.status_year", year=p.year): [tr(f"status.{s or 'not_operating'}") for s in p.sites["year_status"]],
                tr("col.enterprises_count"): p.sites["enterprises_count"]}))))
        if len(p.villages):
            story.append(KeepTogether([Paragraph(tr("profile.villages_title", n=len(p.villages)), h2)] + table(pd.DataFrame({
                tr("col.name"): [tr.pick(e, v) for e, v in zip(p.villages["name_en"], p.villages["name_vi"], strict=True)],
                tr("col.craft"): [tr(f"craft.{c}") if tr.has(f"craft.{c}") else c for c in p.villages["craft"]],
                tr("col.recognised_year", year=p.year): recognition_words(tr, p.villages),
                tr("col.households"): p.villages["households"]}), limit=15)))
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
