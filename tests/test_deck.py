"""The deck as files: a PowerPoint reopened with python-pptx, chart PNGs drawn in Chromium, the command line."""

import io
import json

import plotly.graph_objects as go
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from industry.data.context import open_context
from industry.outputs import deck, slides

W, H = deck.CHART_SIZE[0] * deck.SCALE, deck.CHART_SIZE[1] * deck.SCALE


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    image = Image.open(io.BytesIO(data))
    image.verify()
    return image.size


@pytest.fixture(scope="module")
def vi_deck(demo_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("deck") / "hoi-nghi.pptx"
    plan = tmp_path_factory.mktemp("plan") / "deck.json"
    plan.write_text(json.dumps({"kind": "deck", "slides": list(slides.SLIDES),
                                "notes": {"map": "Nhắc đến cụm Bát Tràng"}}), encoding="utf-8")
    code = deck.main(["--out", str(out), "--lang", "vi", "--year", "2024", "--db", str(demo_db), "--plan", str(plan)])
    assert code == 0
    return out


def test_the_pptx_has_every_slide_titled_in_the_chosen_language(vi_deck, demo_db):
    prs = Presentation(str(vi_deck))
    expected = slides.build_all(open_context(demo_db, lang="vi", year=2024), slides.Plan())
    assert len(prs.slides) == len(slides.SLIDES)
    assert [s.shapes.title.text for s in prs.slides] == [s.title for s in expected]
    assert prs.slides[0].shapes.title.text == "Khuyến công Hà Nội năm 2024"
    text = " ".join(shape.text_frame.text for s in prs.slides for shape in s.shapes if shape.has_text_frame)
    assert "Dữ liệu minh hoạ" in text and "Demonstration" not in text


def test_every_picture_is_a_png_of_the_chart_size(vi_deck):
    prs = Presentation(str(vi_deck))
    pictures = {i: [sh for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
                for i, s in enumerate(prs.slides)}
    charted = [i for i, key in enumerate(slides.SLIDES) if key in ("map", "wastewater", "supporting", "programmes",
                                                                   "villages")]
    assert [i for i, p in pictures.items() if p] == charted
    for i in charted:
        (picture,) = pictures[i]
        assert picture.image.content_type == "image/png"
        tall = slides.SLIDES[i] == "map"  # as high as the slide, the words beside it
        width, height = (slides.TALL_WIDTH, slides.TALL_HEIGHT) if tall else (W // 2, H // 2)
        assert png_size(picture.image.blob) == (2 * width, 2 * height)
        assert picture.top + picture.height <= prs.slide_height, "the chart runs off the slide"
        if tall:  # the map as large as the slide allows: from the top to the footer
            assert picture.height >= 0.85 * prs.slide_height and picture.width >= 0.4 * prs.slide_width
            title = prs.slides[i].shapes.title
            assert title.left >= picture.left + picture.width, "the title is beside the map, not over it"


def test_notes_carry_the_presenters_note_and_the_source(vi_deck):
    prs = Presentation(str(vi_deck))
    notes = prs.slides[slides.SLIDES.index("map")].notes_slide.notes_text_frame.text
    assert notes.startswith("Nhắc đến cụm Bát Tràng") and "Nguồn:" in notes


def test_every_chart_is_also_a_png_with_its_title(vi_deck):
    folder = vi_deck.with_name(vi_deck.stem + "-charts")
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["03-map.png", "04-wastewater.png", "05-supporting.png", "06-programmes.png", "07-villages.png"]
    for name in files:
        width, height = png_size((folder / name).read_bytes())
        chart = (2 * slides.TALL_WIDTH, 2 * slides.TALL_HEIGHT) if name == "03-map.png" else (W, H)
        assert width == chart[0] and height > chart[1]  # the chart with its title (and legend) above, source below


def test_a_chosen_set_of_slides_for_a_commune(demo_db, tmp_path):
    out = tmp_path / "two.pptx"
    assert deck.main(["--out", str(out), "--db", str(demo_db), "--slides", "wastewater,title",
                      "--commune", "bat-trang", "--png-dir", str(tmp_path / "png")]) == 0
    prs = Presentation(str(out))
    assert len(prs.slides) == 2
    assert "Bát Tràng" in prs.slides[0].shapes.title.text or "Bát Tràng" in prs.slides[0].shapes[1].text_frame.text
    assert prs.slides[1].shapes.title.text.startswith("Industrial promotion in Hà Nội")
    assert [p.name for p in (tmp_path / "png").iterdir()] == ["01-wastewater.png"]


@pytest.mark.parametrize("args,message", [
    (["--slides", "map,agenda"], "unknown slides agenda"),
    (["--commune", "atlantis"], "unknown or ambiguous commune"),
    (["--year", "1999"], "no data for 1999"),
])
def test_bad_options_exit_2_with_the_reason(demo_db, tmp_path, capsys, args, message):
    out = tmp_path / "x.pptx"
    assert deck.main(["--out", str(out), "--db", str(demo_db)] + args) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_a_missing_browser_is_an_error_that_says_so(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(deck.ExportError, match="no Chromium to draw the charts with"):
        deck.render([go.Figure()], [(100, 100)])


def test_the_headline_slide_shows_each_change_the_way_it_went(demo_db, tmp_path):
    """Xã Bát Tràng in 2025: the certified share fell, an arrow down in vermilion, as on the page."""
    out = tmp_path / "headline.pptx"
    assert deck.main(["--out", str(out), "--db", str(demo_db), "--slides", "headline", "--year", "2025",
                      "--commune", "00577", "--png-dir", str(tmp_path / "png")]) == 0
    runs = {r.text: r for shape in Presentation(str(out)).slides[0].shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for r in p.runs}
    fall = runs["▼ −4.2 pp on 2024"]
    assert str(fall.font.color.rgb) == deck.WORSE
    assert any(text.startswith("▲ +") and str(r.font.color.rgb) == deck.BETTER for text, r in runs.items())


def test_notes_and_slide_text_carry_no_markup(vi_deck):
    prs = Presentation(str(vi_deck))
    for slide in prs.slides:
        assert "**" not in slide.notes_slide.notes_text_frame.text
        assert all("**" not in shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_the_powerpoint_reads_as_well_as_it_looks(vi_deck):
    """Each picture's alternative text is its finding, not "image.png"; the headline's four numbers stand at one
    height whatever their labels; every source line ends above the slide's bottom edge; the title slide's title
    sits in the slide's middle."""
    prs = Presentation(str(vi_deck))
    for i, page in enumerate(prs.slides):
        for shape in page.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                descr = shape._element.nvPicPr.cNvPr.get("descr")
                assert descr and descr == page.shapes.title.text_frame.text and "image" not in descr.lower(), i
            if shape.has_text_frame and shape.text_frame.text.startswith("Nguồn"):
                assert shape.top + shape.height <= prs.slide_height - 100_000, (i, shape.text_frame.text[:60])
    headline = prs.slides[slides.SLIDES.index("headline")]
    values = [s for s in headline.shapes if s.has_text_frame and s.text_frame.paragraphs[0].runs
              and s.text_frame.paragraphs[0].runs[0].font.size and s.text_frame.paragraphs[0].runs[0].font.size.pt == 54]
    assert len(values) == 4 and len({v.top for v in values}) == 1
    title = prs.slides[0].shapes.title
    assert title.top > prs.slide_height * 0.2
