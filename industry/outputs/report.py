"""The year's results as a Word report an official edits, signs and sends.

    python -m industry.report --out FILE.docx [--lang vi] [--year Y] [--commune …] [--sector S] [--db PATH]
                              [--agency TEXT] [--number TEXT] [--date DD/MM/YYYY]

For the chosen scope (the city, or chosen communes), year and sector, in Vietnamese or English: a title block with
fill-ins for the agency, the document number and the date; then one section per page of the dashboard (industrial
clusters and wastewater compliance, supporting industry, craft villages, promotion activities and funds, the
programme scorecard). Each section opens with the sentence its page states as its finding, and its tables are the
page's tables, written as real Word tables (editable), numbered, each with its unit, definition and source line,
which says whether the data are demonstration data. Its charts are pictures drawn as the slide deck draws them.
Every sentence, table and chart comes from the functions the pages call: there is no second computation to drift.

The layout is the Vietnamese administrative one of Decree 30/2020/NĐ-CP: A4, Times New Roman 13 pt (14 pt
headings), margins 2 cm top and bottom, 3 cm left, 2 cm right, numbered headings and tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core import paths
from ..core.text import unmarked
from ..data import db, metrics
from ..data.context import Context, FilterError, open_context
from ..figures import activities, programmes, tables, villages
from ..figures import supporting as si
from ..figures import wastewater as ww
from . import deck as deckfile
from . import slides as slidemaker

FONT = "Times New Roman"
BODY_PT, HEADING_PT, TABLE_PT, NOTE_PT = 13, 14, 11, 11
CHART_WIDTH_CM = 16.0  # the text's width on A4 with margins of 3 and 2 cm
LANDSCAPE_WIDTH_CM = 24.7  # on A4 turned, with the same margins
CHAR_CM = {11: 0.215, 9: 0.176}  # the width of a Times New Roman character at a table's size, generously (digits, ă)
PADDING_CM = 0.4  # a cell's two margins
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Table:
    """A table as the page shows it, with what every table says about itself."""

    title: str
    data: pd.DataFrame
    unit: str
    definition: str
    source: str
    shares: tuple[str, ...] = ()  # columns of 0–1 shares, read as percentages (the page's progress columns)


@dataclass
class Section:
    key: str
    heading: str
    finding: str  # the sentence the page states as its finding
    text: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    chart: str | None = None  # the slide whose chart the section shows


@dataclass(frozen=True)
class Fills:
    """The title block's fill-ins: left as dotted blanks when not given."""

    agency: str | None = None
    number: str | None = None
    date: dt.date | None = None


# --- the content: the pages' own findings and tables -----------------------------------------------------------


def wastewater_section(ctx: Context) -> Section:
    tr, f = ctx.tr, ctx.filters
    clusters = ctx.query(metrics.clusters_by_year, f.communes)
    row = ww.year_row(clusters, f.year)
    section = Section("wastewater", tr("report.h_wastewater"), ww.finding(ctx, row), [ww.definition(ctx)])
    if not row or not row.get("clusters_count"):
        return section
    target = metrics.target(ctx.targets(), "wastewater_compliance_rate")
    source = tr("overview.compliance_source", target_source=target.source)
    by_commune = ctx.query(metrics.wastewater_by_commune, f.year, f.communes)
    failures = ctx.query(metrics.wastewater_failures, f.year, f.communes)
    no_plant = ww.no_plant_sites(ctx.query(metrics.map_sites, f.year, f.communes))
    failing = failures["site_id"].nunique()
    section.text += ww.reported_lines(ctx, ctx.query(metrics.reported_wastewater, f.communes), row)
    unreported = ctx.query(metrics.wastewater_unreported, f.year, f.communes)
    section.tables = [
        Table(ww.commune_title(ctx, by_commune, f.year), ww.commune_table(ctx, by_commune),
              tr("unit.percent_of_clusters"), ww.definition(ctx), source),
        Table(tr("wastewater.failures_title", n=ctx.number(failing), year=f.year) if failing
              else tr("wastewater.failures_none", year=f.year), ww.failures_table(ctx, failures),
              tr("wastewater.failures_unit"), tr("wastewater.failures_definition"), tr("wastewater.samples_source")),
        Table(tr("wastewater.no_plant_title", n=ctx.number(len(no_plant)), year=f.year),
              ww.no_plant_table(ctx, no_plant), tr("wastewater.no_plant_unit"), tr("wastewater.no_plant_definition"),
              tr("map.source")),
        Table(ww.unreported_title(ctx, unreported), ww.unreported_table(ctx, unreported),
              tr("wastewater.unreported_unit"), tr("wastewater.unreported_definition"),
              tr("wastewater.unreported_source")),
    ]
    section.chart = "wastewater"
    return section


def supporting_section(ctx: Context) -> Section:
    tr, f = ctx.tr, ctx.filters
    enterprises = ctx.query(metrics.enterprises_by_year, f.communes, f.sector)
    share_targets, count_targets = si.goals(ctx.targets())
    if si.empty(enterprises, f.year):
        return Section("supporting", tr("report.h_supporting"), tr(
            "si.empty_title", scope=ctx.scope(), sector=ctx.sector_name(f.sector), year=f.year))
    paces = si.paces(enterprises, f.year, share_targets, count_targets, f.whole_city)
    window = si.fit_years(enterprises, f.year)
    source = tr("overview.certified_source", target_source=share_targets[0].source)
    now = enterprises[enterprises["year"] == f.year].iloc[0]
    count_title = tr("si.count_title", n=ctx.number(now["si_enterprises_count"]), year=f.year,
                     target=ctx.number(count_targets[0].low)) if f.whole_city else \
        tr("si.count_title_scope", n=ctx.number(now["si_enterprises_count"]), year=f.year)
    return Section(
        "supporting", tr("report.h_supporting"), si.sentence(ctx, paces[0], window),
        [si.definitions(ctx), si.target_note(ctx, share_targets, count_targets)],
        [Table(tr("si.pace_title"), si.pace_table(ctx, paces), tr("si.pace_unit"),
               tr("si.pace_definition", first=window[0], last=window[1])
               + ("" if f.whole_city else " " + tr("si.pace_scope_note")), source),
         Table(count_title, si.progress_table(ctx, enterprises, f.year), tr("unit.enterprises"), si.definitions(ctx),
               source)],
        "supporting")


def villages_section(ctx: Context) -> Section:
    tr, f = ctx.tr, ctx.filters
    by_craft = ctx.query(metrics.villages_by_craft, f.year, f.communes)
    section = Section("villages", tr("report.h_villages"), villages.finding(ctx, by_craft, f.year))
    if not by_craft["villages_count"].sum():
        return section
    top = by_craft.iloc[0]
    ranked = villages.in_scope(ctx.query(metrics.villages_by_commune, f.year), f.communes)
    first = ranked.iloc[0] if len(ranked) else None
    section.tables = [
        Table(tr("villages.craft_title", craft=tr(f"craft.{top['craft']}"), n=ctx.number(top["villages_count"])),
              villages.craft_table(tr, by_craft), tr("villages.unit"), tr("villages.definition"), tr("villages.source")),
        Table(tr("villages.commune_title", commune=first["full_name_vi"], n=ctx.number(first["villages_count"]))
              if first is not None else tr("villages.none", scope=ctx.scope()), villages.commune_table(tr, ranked),
              tr("villages.unit"), tr("villages.definition"), tr("villages.source")),
    ]
    section.chart = "villages"
    return section


def activities_section(ctx: Context) -> Section:
    tr, f = ctx.tr, ctx.filters
    first = metrics.ACTIVITIES_FROM
    by_year = ctx.query(metrics.activities_by_year, f.communes)
    by_commune = ctx.query(metrics.activities_by_commune, f.year)
    summary = activities.year_summary(by_year, f.year)
    span = ctx.query(metrics.activity_years)
    source = tr("act.source", records=tr("act.records", first=span[0], last=span[1]) if span else tr("act.no_records"))
    section = Section("activities", tr("report.h_activities"), activities.finding(ctx, summary, by_commune, first),
                      [activities.unreached_sentence(by_commune, tr, first, f.year, within=f.communes)])
    kinds = activities.kinds_of(by_year, f.year)
    if len(kinds):
        top = kinds.iloc[-1]
        section.tables.append(Table(
            tr("act.kinds_title", kind=tr(f"act.kind_{top['kind']}"), year=f.year,
               state=ctx.number(top["state_million_vnd"])), activities.kinds_table(kinds, tr), tr("act.kinds_unit"),
            tr("act.kinds_definition"), source))
    ranked = activities.ranked_within(by_commune, f.communes)
    section.tables.append(Table(tr("act.need_title", first=first, year=f.year), activities.commune_table(ranked, tr),
                                tr("act.need_unit"), tr("act.need_definition", first=first), source))
    return section


def programmes_section(ctx: Context) -> Section:
    tr = ctx.tr
    card = programmes.scorecard(ctx.targets(), ctx.programme_progress(), ctx.filters.year)
    current = card[card["programme"] != "handicraft_promotion_2021_2025"]
    table = programmes.scorecard_table(programmes.most_urgent_first(current), tr)
    # on paper, the programme and the source of each target are said once under the table, not in two wide columns
    sources = "; ".join(dict.fromkeys(table[tr("prog.col_source")]))
    table = table.drop(columns=[tr("prog.col_source"), tr("prog.col_programme")])
    return Section("programmes", tr("report.h_programmes"), programmes.finding(tr, current), [tr("prog.rule")],
                   [Table(tr("prog.scorecard_title"), table, tr("prog.scorecard_unit"), tr("prog.rule_short"),
                          f"{tr('prog.source')}; {sources}", (tr("prog.col_progress"), tr("prog.col_elapsed")))],
                   "programmes")


SECTIONS: tuple[Callable[[Context], Section], ...] = (
    wastewater_section, supporting_section, villages_section, activities_section, programmes_section)


def sections(ctx: Context) -> list[Section]:
    return [make_section(ctx) for make_section in SECTIONS]


# --- the document ------------------------------------------------------------------------------------------------


def _font(run, size: float, bold: bool = False, italic: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name, run.font.size, run.font.bold, run.font.italic = FONT, Pt(size), bold, italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _paragraph(container, text: str, size: float = BODY_PT, *, bold: bool = False, italic: bool = False,
               align: str = "justify", indent: bool = False, after: float = 6):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    paragraph = container.add_paragraph()
    paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    paragraph.paragraph_format.space_after = Pt(after)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    _font(paragraph.add_run(unmarked(text)), size, bold, italic)
    return paragraph


def _setup(document, ctx: Context) -> None:
    from docx.shared import Cm, Pt, RGBColor

    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
    from docx.oxml.ns import qn

    for name, size in (("Normal", BODY_PT), ("Heading 1", HEADING_PT), ("Heading 2", BODY_PT)):
        style = document.styles[name]
        style.font.name, style.font.size = FONT, Pt(size)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)  # the theme's font would win over Times New Roman
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
        if name != "Normal":
            style.font.bold, style.font.italic = True, False
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(12), Pt(6)
    properties = document.core_properties
    properties.title = ctx.tr("report.title", year=ctx.filters.year)
    properties.language = "vi-VN" if ctx.lang == "vi" else "en-GB"
    properties.author = ctx.tr("report.agency_default")


def _title_block(document, ctx: Context, fills: Fills) -> None:
    """The agency and the document number on the left, the national motto and the place and date on the right."""
    tr = ctx.tr
    from docx.shared import Cm

    block = document.add_table(rows=1, cols=2)
    block.autofit = False
    left, right = block.rows[0].cells
    for column, cell, width in zip(block.columns, (left, right), (Cm(6.5), Cm(9.5)), strict=True):
        column.width = cell.width = width
    for cell, lines in (
        (left, [(tr("report.agency_parent"), False, False), (fills.agency or tr("report.agency_default"), True, False),
                (tr("report.number", number=fills.number or "……/BC-SCT"), False, False)]),
        (right, [(tr("report.nation"), True, False), (tr("report.motto"), True, False),
                 (tr("report.place_date", date=_date_words(ctx, fills.date)), False, True)]),
    ):
        cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
        for text, bold, italic in lines:
            _paragraph(cell, text, 12 if bold and cell is right else BODY_PT, bold=bold, italic=italic,
                       align="center", after=2)
    _paragraph(document, "", after=6)
    _paragraph(document, tr("report.kind"), HEADING_PT, bold=True, align="center", after=2)
    _paragraph(document, tr("report.title", year=ctx.filters.year), HEADING_PT, bold=True, align="center", after=2)
    _paragraph(document, tr("report.scope", scope=ctx.scope(), sector=ctx.sector_name(ctx.filters.sector),
                            data_date=ctx.data_date()), BODY_PT, italic=True, align="center", after=12)


def _date_words(ctx: Context, date: dt.date | None) -> str:
    if date is None:
        return ctx.tr("report.date_blank")
    return ctx.tr("report.date", day=f"{date.day:02d}", month=f"{date.month:02d}", year=date.year)


def _table(document, table: Table, number: int, ctx: Context) -> None:
    """A numbered, editable Word table: its title above, its unit, definition and source line below."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr = ctx.tr
    turned = False
    if not table.data.empty:
        rows = tables.texts(table.data, ctx.lang, table.shares)
        header = [str(c) for c in table.data.columns]
        width, size, widths = _layout(header, rows)
        turned = width > CHART_WIDTH_CM
        if turned:  # a wide table gets a landscape page of its own, so that no number or word is broken
            _orient(document, landscape=True)
    _paragraph(document, tr("report.table_caption", n=number, title=table.title), BODY_PT, bold=True, align="left",
               after=4)
    if table.data.empty:
        _paragraph(document, tr("chart.empty_table"), BODY_PT, italic=True, align="left")
    else:
        grid = document.add_table(rows=1 + len(rows), cols=table.data.shape[1])
        grid.style, grid.alignment, grid.autofit = "Table Grid", WD_TABLE_ALIGNMENT.CENTER, False
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width  # the grid's width, which LibreOffice reads, and each cell's, which Word reads
            for cell in column.cells:
                cell.width = width
        numeric = [tables.is_number(table.data.iloc[:, i]) or table.data.columns[i] in table.shares
                   for i in range(table.data.shape[1])]
        for i, name in enumerate(table.data.columns):
            cell = grid.rows[0].cells[i]
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(cell.paragraphs[0].add_run(str(name)), size, bold=True)
        first = grid.rows[0]._tr.get_or_add_trPr()  # the header row repeats on every page the table runs onto
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        first.append(repeat)
        for r, values in enumerate(rows, start=1):
            cells = grid.rows[r].cells
            for i, text in enumerate(values):
                paragraph = cells[i].paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if numeric[i] else WD_ALIGN_PARAGRAPH.LEFT
                _font(paragraph.add_run(text), size)
    _paragraph(document, f"{tr('chart.unit')}: {table.unit}. {tr('chart.definition')}: {table.definition}", NOTE_PT,
               italic=True, align="left", after=2)
    _paragraph(document, ctx.source_line(table.source), NOTE_PT, italic=True, align="left", after=10)
    if turned:
        _orient(document, landscape=False)


def _minimum_cm(header: list[str], rows: list[list[str]], i: int, size: int) -> float:
    """The narrowest a column may be with every number and every word of it whole: its longest unbroken word (a
    header's words are bold, a little wider)."""
    words = [len(w) * 1.08 for w in header[i].split()] + [len(w) for r in rows[:500] for w in r[i].split()]
    return max(words or [1]) * CHAR_CM[size] + PADDING_CM


def _layout(header: list[str], rows: list[list[str]]):
    """The table's width on the page (16 cm, or a landscape page's 24,7 cm when its words need it), its text size
    (11 pt, or 9 pt when even that is too narrow) and each column's width: at least its longest word, the rest of the
    page shared by how much text each column holds (a name wide, a number narrow)."""
    from docx.shared import Cm

    for page, size in ((CHART_WIDTH_CM, 11), (LANDSCAPE_WIDTH_CM, 11), (LANDSCAPE_WIDTH_CM, 9)):
        minimum = [_minimum_cm(header, rows, i, size) for i in range(len(header))]
        if sum(minimum) <= page:
            break
    longest = [max([len(header[i]) / 3, *(len(r[i]) for r in rows[:200])]) for i in range(len(header))]
    weights = [min(max(n, 7), 40) for n in longest]
    spare = max(0.0, page - sum(minimum))
    widths = [m + spare * w / sum(weights) for m, w in zip(minimum, weights, strict=True)]
    return page, size, [Cm(w) for w in widths]


def _orient(document, landscape: bool) -> None:
    """A new section turned to landscape (or back to portrait), on A4 with the same margins."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))


def _chart(document, slide: slidemaker.Slide, png: bytes, number: int, ctx: Context) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    _paragraph(document, ctx.tr("report.figure_caption", n=number, title=slide.title), BODY_PT, bold=True,
               align="left", after=4)
    document.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture = document.inline_shapes[-1]._inline.docPr  # a text alternative: the chart's finding
    picture.set("descr", slide.title)
    if slide.unit:
        _paragraph(document, f"{ctx.tr('chart.unit')}: {slide.unit}", NOTE_PT, italic=True, align="left", after=2)
    _paragraph(document, slide.source, NOTE_PT, italic=True, align="left", after=10)


def docx_bytes(ctx: Context, parts: list[Section], charts: dict[str, tuple[slidemaker.Slide, bytes]],
               fills: Fills = Fills()) -> bytes:
    from docx import Document

    tr = ctx.tr
    document = Document()
    _setup(document, ctx)
    _title_block(document, ctx, fills)
    if ctx.is_demo:
        _paragraph(document, tr("report.demo_notice"), BODY_PT, bold=True, align="left", after=10)
    tables_done = figures_done = 0
    for number, part in enumerate(parts, start=1):
        document.add_heading(f"{number}. {part.heading}", level=1)
        _paragraph(document, part.finding, BODY_PT, bold=True, indent=True)
        for text in part.text:
            _paragraph(document, text, BODY_PT, indent=True)
        if part.chart in charts:
            figures_done += 1
            _chart(document, *charts[part.chart], figures_done, ctx)
        for table in part.tables:
            tables_done += 1
            _table(document, table, tables_done, ctx)
    _signature(document, ctx)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _signature(document, ctx: Context) -> None:
    """Where the report goes and who signs it, as fill-ins."""
    tr = ctx.tr
    block = document.add_table(rows=1, cols=2)
    left, right = block.rows[0].cells
    left.paragraphs[0].text = right.paragraphs[0].text = ""
    _font(left.paragraphs[0].add_run(tr("report.recipients")), 12, bold=True, italic=True)
    for line in tr("report.recipients_list").split("\n"):
        _paragraph(left, line, 11, align="left", after=0)
    _font(right.paragraphs[0].add_run(tr("report.signer")), BODY_PT, bold=True)
    right.paragraphs[0].alignment = 1
    _paragraph(right, tr("report.sign_note"), BODY_PT, italic=True, align="center", after=48)


def make(ctx: Context, fills: Fills = Fills(), progress: Callable[[float, str], None] | None = None) -> bytes:
    """The report for `ctx`; `progress(fraction, what)` is told how far it has got."""
    progress = progress or (lambda fraction, what: None)
    progress(0.05, "sections")
    parts = sections(ctx)
    progress(0.3, "charts")
    wanted = [slidemaker.build(ctx, p.chart) for p in parts if p.chart]
    wanted = [s for s in wanted if s.figure is not None]
    pictures = deckfile.render([s.figure for s in wanted], [deckfile.CHART_SIZE] * len(wanted))
    charts = {s.key: (s, png) for s, png in zip(wanted, pictures, strict=True)}
    progress(0.85, "document")
    out = docx_bytes(ctx, parts, charts, fills)
    progress(1.0, "done")
    return out


def file_name(ctx: Context) -> str:
    return f"{ctx.tr('files.report', year=ctx.filters.year)}.docx"


# --- command line ------------------------------------------------------------------------------------------------


def _day(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text}: a date as DD/MM/YYYY") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m industry.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="the .docx to write")
    parser.add_argument("--db", type=Path, help="database (default: DASHBOARD_DB or the demonstration database)")
    parser.add_argument("--lang", choices=("en", "vi"), default="vi", help="language of the report (default vi)")
    parser.add_argument("--year", type=int, help="year reported (default: the latest)")
    parser.add_argument("--commune", nargs="*", default=(), help="commune codes or names without diacritics")
    parser.add_argument("--sector", help="sector code (default: all sectors)")
    parser.add_argument("--agency", help="the agency in the title block (default: Sở Công Thương)")
    parser.add_argument("--number", help="the document number (default: a blank to fill in)")
    parser.add_argument("--date", type=_day, help="the document's date, DD/MM/YYYY (default: a blank to fill in)")
    args = parser.parse_args(argv)
    try:
        path = db.ensure(args.db or paths.database_path())
        ctx = open_context(path, lang=args.lang, year=args.year, communes=tuple(args.commune), sector=args.sector)
        data = make(ctx, Fills(args.agency, args.number, args.date),
                    lambda fraction, what: print(f"{fraction:4.0%} {what}", file=sys.stderr))
    except (OSError, ValueError, FilterError, deckfile.ExportError, db.DatabaseError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"{args.out}: {len(SECTIONS)} sections ({ctx.lang}, {ctx.filters_text()})")
    return 0
