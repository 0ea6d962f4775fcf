"""The presentation as files: a PowerPoint deck and every chart as PNG, drawn with no internet.

    python -m industry.deck --out deck.pptx [--lang vi] [--year Y] [--commune CODE …] [--sector S]
                            [--slides title,map,…] [--plan deck.json] [--png-dir DIR] [--db PATH]

The slides are those of the Present page (:mod:`industry.outputs.slides`) for the same filters and
language: titles, numbers, sources and the presenter's notes are real text; charts are PNG images
rendered by plotly and kaleido in the Chromium on this machine, at twice the slide's resolution.
Each chart is also written as a PNG of its own that carries its title and source line.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import sys
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

from ..core import formats, palette, paths
from ..core.text import unmarked
from ..data import db
from ..data.context import Context, FilterError, open_context
from .background import run_async
from .slides import SLIDES, Plan, Slide, build_all

CHART_SIZE = (1600, 640)  # px of the chart area on a 1920 × 1080 slide
SCALE = 2  # images at twice that: sharp on a projector and when zoomed
RENDER_TIMEOUT = 60  # s for one chart; a hung browser fails the export instead of hanging the page
BROWSERS = threading.BoundedSemaphore(2)  # exports at once in one server process (each starts a Chromium)
INK, GREY, BLUE = "1B2631", "4A5560", "0B5C8A"
BETTER, WORSE = palette.MEETS.lstrip("#"), palette.FAILS.lstrip("#")  # a change for the better / the worse


def change_line(change: formats.Change) -> tuple[str, int, bool, str]:
    """A headline number's change from the year before as a line of the slide: an arrow the way the value went,
    in green for the better and vermilion for the worse, as the page's card shows it."""
    arrow = {"up": "▲ ", "down": "▼ "}.get(change.direction, "")
    colour = {True: BETTER, False: WORSE}.get(change.better, GREY)
    return f"{arrow}{change.text}", 18, True, colour


class ExportError(RuntimeError):
    """The deck could not be written; the message says why."""


@dataclass
class Deck:
    pptx: bytes
    charts: dict[str, bytes]  # file name → PNG of one chart with its title and source
    slides: int


# --- charts to PNG ------------------------------------------------------------------------------------


def render(figures: list[go.Figure], sizes: list[tuple[int, int]], scale: int = SCALE,
           timeout: float = RENDER_TIMEOUT) -> list[bytes]:
    """PNG images of `figures` at `sizes` (px before `scale`), one browser for all of them, each with a
    time limit."""
    if not figures:
        return []
    import kaleido

    async def draw() -> list[bytes]:
        out = []
        async with kaleido.Kaleido(n=1, timeout=timeout, mathjax=False) as k:
            for fig, (width, height) in zip(figures, sizes, strict=True):
                opts = {"format": "png", "width": width, "height": height, "scale": scale}
                out.append(await asyncio.wait_for(k.calc_fig(fig, opts=opts), timeout))
        return out

    try:
        with BROWSERS:
            return run_async(draw())
    except TimeoutError as exc:
        raise ExportError(f"a chart took more than {timeout:.0f} s to draw") from exc
    except Exception as exc:  # the browser is missing or refused to start
        if type(exc).__name__ == "ChromeNotFoundError":
            raise ExportError("no Chromium to draw the charts with: install it (apt-get install chromium) or set "
                              "BROWSER_PATH to a Chrome or Chromium") from exc
        raise ExportError(f"the charts could not be drawn ({type(exc).__name__}: {str(exc)[:200]})") from exc


FONTS = paths.ROOT / "static" / "fonts"  # DejaVu: every Vietnamese letter


def _lines(draw, text: str, font, width: int) -> list[str]:
    """`text` broken into lines no wider than `width` px in `font`."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def standalone_png(slide: Slide, chart: bytes) -> bytes:
    """The slide's chart with its finding, subtitle and source line written around it: a PNG that stands
    alone (in a report, a message, another deck)."""
    from PIL import Image, ImageDraw, ImageFont

    drawn = Image.open(io.BytesIO(chart)).convert("RGBA")
    picture = Image.alpha_composite(Image.new("RGBA", drawn.size, "#ffffff"), drawn).convert("RGB")
    width = picture.width
    pad, inner = 24 * SCALE, picture.width - 48 * SCALE
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 28 * SCALE)
    body = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 20 * SCALE)
    small = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 16 * SCALE)
    measure = ImageDraw.Draw(picture)
    blocks = [(_lines(measure, slide.title, bold, inner), bold, "#1b2631"),
              (_lines(measure, slide.subtitle, body, inner), body, "#4a5560")]
    source = (_lines(measure, slide.source, small, inner), small, "#4a5560")

    def height(block) -> int:
        lines, font, _ = block
        return int(len(lines) * font.size * 1.3)

    key_line = int(body.size * 1.4)  # a tall chart's legend, under the subtitle: the figure draws none
    keys = len(slide.legend) * key_line + (pad // 2 if slide.legend else 0)
    top = pad + sum(height(b) for b in blocks) + keys + pad // 2
    canvas = Image.new("RGB", (width, top + picture.height + height(source) + 2 * pad), "#ffffff")
    draw = ImageDraw.Draw(canvas)
    y = pad
    for block, y in ((blocks[0], pad), (blocks[1], pad + height(blocks[0])),
                     (source, top + picture.height + pad // 2)):
        lines, font, colour = block
        for line in lines:
            draw.text((pad, y), line, font=font, fill=colour)
            y += int(font.size * 1.3)
    y = pad + sum(height(b) for b in blocks) + pad // 2
    for key in slide.legend:
        mark = (pad, y + key_line // 2 - body.size // 2, pad + body.size, y + key_line // 2 + body.size // 2)
        if key.shape == "square":
            draw.rectangle(mark, outline=key.outline, width=3 * SCALE)
        else:
            draw.ellipse(mark, fill=key.colour)
        draw.text((pad + int(body.size * 1.5), y + (key_line - int(body.size * 1.2)) // 2), key.label, font=body,
                  fill="#1b2631")
        y += key_line
    canvas.paste(picture, (0, top))
    out = io.BytesIO()
    canvas.save(out, format="PNG", optimize=True)
    return out.getvalue()


# --- the PowerPoint ----------------------------------------------------------------------------------


def _text(frame, lines: list[tuple[str, float, bool, str]]) -> None:
    """Fill a text frame: (text, size in pt, bold, colour) per paragraph."""
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    frame.word_wrap = True
    for i, (text, size, bold, colour) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = text
        paragraph.space_after = Pt(size * 0.4)
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = RGBColor.from_string(colour)


def _lines_needed(text: str, size_pt: float, width_in: float) -> int:
    """About how many lines `text` takes at `size_pt` in a box `width_in` wide (an average letter is about
    half as wide as the type is high)."""
    per_line = max(10, int(width_in * 72 / (size_pt * 0.52)))
    return max(1, -(-len(text) // per_line))


def pptx_bytes(ctx: Context, slides: list[Slide], images: dict[str, bytes]) -> bytes:
    from pptx import Presentation
    from pptx.util import Emu, Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    prs.core_properties.title = ctx.tr("present.title_title", year=ctx.filters.year)
    prs.core_properties.language = "vi-VN" if ctx.lang == "vi" else "en-GB"
    layout = prs.slide_layouts[5]  # "Title Only": the title is the slide's real title (outline, screen readers)
    margin, width = Inches(0.5), Inches(12.333)
    for number, slide in enumerate(slides, start=1):
        page = prs.slides.add_slide(layout)
        big = slide.key in ("title", "closing")
        size = 54 if slide.key == "title" else 28 if big else 24
        title = page.shapes.title
        title_height = Inches(_lines_needed(slide.title, size, 12.333) * size * 1.3 / 72 + 0.15)
        # the title slide's words fill the slide's middle, not its top corner
        title_top = Inches(2.2) if slide.key == "title" else Inches(0.3)
        title.left, title.top, title.width, title.height = margin, title_top, width, title_height
        # the source line: up to three lines, kept clear of the slide's bottom edge, and the chart above it
        source_size = 12 if _lines_needed(slide.source, 12, 11.4) <= 2 else 10
        source_lines = min(3, _lines_needed(slide.source, source_size, 11.4))
        footer_top = Inches(7.5 - 0.2 - source_lines * source_size * 1.3 / 72 - 0.1)
        _text(title.text_frame, [(slide.title, size, True, INK)])
        title.text_frame.paragraphs[0].alignment = 1  # left
        top = title_top + title_height + Inches(0.05)
        if slide.subtitle and not slide.tall:
            sub_size = 24 if slide.key == "title" else 16
            sub_height = Inches(_lines_needed(slide.subtitle, sub_size, 12.333) * sub_size * 1.25 / 72 + 0.1)
            box = page.shapes.add_textbox(margin, top, width, sub_height)
            _text(box.text_frame, [(slide.subtitle, sub_size, False, GREY)])
            top = top + sub_height + Inches(0.1)
        if slide.tall and slide.key in images:  # the chart as high as the slide on the left, the words beside it
            _tall(page, slide, images[slide.key], title, footer_top)
            top = footer_top
        elif slide.key in images:
            w_px, h_px = CHART_SIZE
            height = min(Emu(int(width * h_px / w_px)), footer_top - Inches(0.05) - top)  # down to the source line
            picture = page.shapes.add_picture(io.BytesIO(images[slide.key]), margin, top,
                                              width=Emu(int(height * w_px / h_px)), height=height)
            described(picture, slide.title)
            top = top + height
        if slide.numbers:
            cell = Emu(int(width / len(slide.numbers)))
            for i, n in enumerate(slide.numbers):
                # each number in boxes of its own, at one height: a label of two lines does not push its value down
                x, w = margin + cell * i, cell - Inches(0.2)
                label = page.shapes.add_textbox(x, Inches(1.9), w, Inches(0.9))
                _text(label.text_frame, [(n.label, 20, True, GREY)])
                label.text_frame.vertical_anchor = 4  # bottom: the labels end on one line
                value = page.shapes.add_textbox(x, Inches(2.85), w, Inches(1.0))
                lines = [(n.value, 54, True, BLUE)] + ([change_line(n.change)] if n.change is not None else [])
                _text(value.text_frame, lines)
                note = page.shapes.add_textbox(x, Inches(4.45), w, Inches(1.9))
                _text(note.text_frame, [(n.note, 16, False, INK)])
            top = Inches(6.3)
        if slide.lines and not slide.figure:
            box = page.shapes.add_textbox(margin, top + Inches(0.3), width, Inches(3.5))
            _text(box.text_frame, [(unmarked(line), 22 if big else 20, False, INK) for line in slide.lines])
        footer = page.shapes.add_textbox(margin, footer_top, Inches(11.4), Inches(7.3) - footer_top)
        footer.text_frame.word_wrap = True
        _text(footer.text_frame, [(slide.source, source_size, False, GREY)])
        counter = page.shapes.add_textbox(Inches(12.0), Inches(6.85), Inches(0.85), Inches(0.45))
        _text(counter.text_frame, [(f"{number}/{len(slides)}", 12, False, GREY)])
        counter.text_frame.paragraphs[0].alignment = 3  # right
        notes = [slide.note] if slide.note else []
        notes += [line for line in slide.lines if slide.figure is not None]
        notes += [f"{ctx.tr('chart.unit')}: {slide.unit}"] if slide.unit else []
        notes.append(slide.source)
        page.notes_slide.notes_text_frame.text = unmarked("\n\n".join(notes))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def described(picture, finding: str) -> None:
    """A picture's alternative text is its finding (what a screen reader says), not its file name."""
    properties = picture._element.nvPicPr.cNvPr
    properties.set("descr", finding)
    properties.set("name", finding[:60])


def _tall(page, slide: Slide, image: bytes, title, footer_top) -> None:
    """A tall chart's slide: the picture from the top to the footer on the left; the title, subtitle and legend
    (each entry's mark in its colour) on the right."""
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Inches, Pt

    height = min(Inches(6.4), footer_top - Inches(0.3))
    w_px, h_px = tall_size()
    picture_width = Emu(int(height * w_px / h_px))
    picture = page.shapes.add_picture(io.BytesIO(image), Inches(0.4), Inches(0.25), width=picture_width, height=height)
    described(picture, slide.title)
    left = Inches(0.4) + picture_width + Inches(0.3)
    words = Inches(13.333) - left - Inches(0.4)
    title.left, title.top, title.width = left, Inches(0.35), words
    title.height = Inches(_lines_needed(slide.title, 28, words / 914400) * 28 * 1.3 / 72 + 0.15)
    _text(title.text_frame, [(slide.title, 28, True, INK)])
    title.text_frame.paragraphs[0].alignment = 1  # left
    top = title.top + title.height + Inches(0.1)
    box = page.shapes.add_textbox(left, top, words, Inches(6.7) - top)
    _text(box.text_frame, [(slide.subtitle, 16, False, GREY)] if slide.subtitle else [])
    for key in slide.legend:
        paragraph = box.text_frame.add_paragraph()
        paragraph.space_before = Pt(4)
        mark, label = paragraph.add_run(), paragraph.add_run()
        mark.text, label.text = ("□ " if key.shape == "square" else "● "), key.label
        colour = key.outline if key.shape == "square" else key.colour
        for run, rgb in ((mark, colour), (label, "#" + INK)):
            run.font.size = Pt(18)
            run.font.color.rgb = RGBColor.from_string(rgb.lstrip("#")[:6])


def tall_size() -> tuple[int, int]:
    """px of a tall chart's picture (as drawn on a 1920 × 1080 slide)."""
    from .slides import TALL_HEIGHT, TALL_WIDTH

    return TALL_WIDTH, TALL_HEIGHT


def chart_file_name(position: int, slide: Slide) -> str:
    return f"{position:02d}-{slide.key}.png"


def make(ctx: Context, plan: Plan, progress: Callable[[float, str], None] | None = None) -> Deck:
    """The deck for `ctx` and `plan`; `progress(fraction, what)` is told how far it has got."""
    progress = progress or (lambda fraction, what: None)
    progress(0.05, "slides")
    slides = build_all(ctx, plan)
    charted = [(i, s) for i, s in enumerate(slides, start=1) if s.figure is not None]
    progress(0.2, "charts")
    images = render([s.figure for _, s in charted], [tall_size() if s.tall else CHART_SIZE for _, s in charted])
    progress(0.8, "charts")
    loose = [standalone_png(s, png) for (_, s), png in zip(charted, images, strict=True)]
    progress(0.9, "pptx")
    pptx = pptx_bytes(ctx, slides, {s.key: png for (_, s), png in zip(charted, images, strict=True)})
    charts = {chart_file_name(i, s): png for (i, s), png in zip(charted, loose, strict=True)}
    progress(1.0, "done")
    return Deck(pptx, charts, len(slides))


def charts_zip(charts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:  # PNG is compressed already
        for file_name, data in charts.items():
            zf.writestr(file_name, data)
    return out.getvalue()


# --- command line ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m industry.deck", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="the .pptx to write")
    parser.add_argument("--db", type=Path, help="database (default: DASHBOARD_DB or the demonstration database)")
    parser.add_argument("--lang", choices=("en", "vi"), help="language of the slides (default en)")
    parser.add_argument("--year", type=int, help="year shown (default: the latest)")
    parser.add_argument("--commune", nargs="*", default=None, help="commune codes or names without diacritics")
    parser.add_argument("--sector", help="sector code (default: all sectors)")
    parser.add_argument("--slides", help=f"which slides, in order, comma-separated (default: {','.join(SLIDES)})")
    parser.add_argument("--plan", type=Path, help="a deck file saved from the Present page (slides, notes, filters)")
    parser.add_argument("--png-dir", type=Path, help="where the chart PNGs go (default: <out>-charts/)")
    args = parser.parse_args(argv)
    plan, saved = Plan(), {}
    try:
        if args.plan:
            plan, saved = Plan.from_json(args.plan.read_bytes())
        if args.slides:
            chosen, bad = Plan.from_text(args.slides)
            if bad:
                raise ValueError(f"unknown slides {', '.join(bad)}: the slides are {', '.join(SLIDES)}")
            plan = Plan(chosen.slides, plan.notes)
        path = db.ensure(args.db or paths.database_path())
        ctx = open_context(path, lang=args.lang or saved.get("lang") or "en",
                           year=args.year if args.year is not None else saved.get("year"),
                           communes=tuple(args.commune if args.commune is not None else saved.get("communes") or ()),
                           sector=args.sector or saved.get("sector"))
        deck = make(ctx, plan, lambda fraction, what: print(f"{fraction:4.0%} {what}", file=sys.stderr))
    except (OSError, ValueError, FilterError, ExportError, db.DatabaseError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(deck.pptx)
    png_dir = args.png_dir or args.out.with_name(args.out.stem + "-charts")
    png_dir.mkdir(parents=True, exist_ok=True)
    for file_name, data in deck.charts.items():
        (png_dir / file_name).write_bytes(data)
    print(f"{args.out}: {deck.slides} slides ({ctx.lang}, {ctx.filters_text()}); {len(deck.charts)} charts in "
          f"{png_dir}{os.sep}")
    return 0
