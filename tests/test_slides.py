"""The slides: built from the database for any filters and either language, with numbers that match the
base tables, and the presenter's plan read from links and deck files."""

import json

import pytest

from industry.core import formats
from industry.data import metrics
from industry.data.context import FilterError, open_context
from industry.outputs import slides
from tests import independent


@pytest.fixture(scope="module")
def contexts(demo_db):
    return {lang: open_context(demo_db, lang=lang) for lang in ("en", "vi")}


@pytest.mark.parametrize("communes", [(), ("00454",), ("00577", "09877")])
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_slide_builds_with_a_finding_and_a_source(demo_db, lang, communes):
    ctx = open_context(demo_db, lang=lang, year=2024, communes=communes)
    built = slides.build_all(ctx, slides.Plan())
    assert [s.key for s in built] == list(slides.SLIDES)
    demo = "Demonstration data" if lang == "en" else "Dữ liệu minh hoạ"
    for slide in built:
        assert slide.title and slide.source.endswith(".") and demo in slide.source, slide.key
        if slide.figure is not None:
            assert slide.unit, f"{slide.key}: a chart needs its unit"
            assert all(len(trace.x if trace.x is not None else trace.y) for trace in slide.figure.data), slide.key


def test_titles_are_in_the_chosen_language(contexts):
    en = {s.key: s.title for s in slides.build_all(contexts["en"], slides.Plan())}
    vi = {s.key: s.title for s in slides.build_all(contexts["vi"], slides.Plan())}
    for key in slides.SLIDES:
        assert en[key] != vi[key], key
    assert vi["title"] == "Khuyến công Hà Nội năm 2025"
    assert "cụm công nghiệp" in vi["map"] and "clusters" in en["map"]


@pytest.mark.parametrize("year,communes", [(2025, ()), (2022, ("00376", "10441", "09664", "10180"))])
def test_headline_numbers_equal_the_base_tables(demo_db, year, communes):
    ctx = open_context(demo_db, lang="vi", year=year, communes=communes)
    numbers = slides.build(ctx, "headline").numbers
    water = independent.compliance(demo_db, year, list(communes))
    si, certified = independent.supporting_series(demo_db, list(communes))[year]
    assert numbers[0].value == formats.number(len(water["counted"]), "vi")
    assert numbers[1].value == formats.percent(100 * len(water["compliant"]) / len(water["counted"]), "vi")
    assert numbers[2].value == formats.percent(100 * certified / si, "vi")
    assert numbers[2].note.startswith(f"trong tổng số {formats.number(si, 'vi')} doanh nghiệp")


def test_the_map_shows_every_cluster_once_by_status(contexts):
    ctx = contexts["en"]
    sites = ctx.query(metrics.map_sites, 2025, ())
    fig = slides.build(ctx, "map").figure
    clusters = sites[sites["kind"] == "cluster"]
    dots = {t.name: len(t.x) for t in fig.data if t.mode == "markers" and "(" in t.name}
    assert sum(dots.values()) == len(clusters)
    assert dots[f"Fails the standard ({(clusters['year_status'] == 'not_compliant').sum()})"] == (
        clusters["year_status"] == "not_compliant").sum()


def test_an_empty_commune_gets_a_sentence_not_a_chart(demo_db):
    con = __import__("duckdb").connect(str(demo_db), read_only=True)
    code = con.execute("""select code from communes where code not in (select commune_code from sites)
                          order by code limit 1""").fetchone()[0]
    con.close()
    ctx = open_context(demo_db, lang="en", communes=(code,))
    slide = slides.build(ctx, "wastewater")
    assert slide.figure is None and slide.title.startswith("No operating industrial cluster")


def test_plan_from_a_link():
    assert slides.Plan.from_text(None)[0].slides == list(slides.SLIDES)
    plan, bad = slides.Plan.from_text("map, wastewater,map,<script>,TITLE")
    assert plan.slides == ["map", "wastewater", "title"] and bad == ["<script>"]
    assert slides.Plan.from_text("nothing")[0].slides == list(slides.SLIDES)  # nothing valid: the whole deck


def test_deck_file_round_trip(contexts):
    plan = slides.Plan(["closing", "map"], {"map": "Nhấn mạnh Đông Anh", "title": "not shown, dropped"})
    text = plan.to_json(contexts["vi"].filters)
    again, filters = slides.Plan.from_json(text.encode("utf-8-sig"))
    assert again.slides == ["closing", "map"] and again.notes == {"map": "Nhấn mạnh Đông Anh"}
    assert filters == {"communes": [], "year": 2025, "sector": None, "lang": "vi"}


@pytest.mark.parametrize("raw,message", [
    (b"\xff\xfe not json", "not a deck file"),
    (b"[1, 2]", "no list of slides"),
    (json.dumps({"kind": "deck", "slides": ["map", "agenda"]}).encode(), "unknown slides agenda"),
    (json.dumps({"kind": "deck", "slides": ["map"], "notes": {"map": 3}}).encode(), "notes must be texts"),
])
def test_a_bad_deck_file_is_refused_with_a_reason(raw, message):
    with pytest.raises(ValueError, match=message):
        slides.Plan.from_json(raw)


def test_notes_are_cut_to_length():
    raw = json.dumps({"kind": "deck", "slides": ["map"], "notes": {"map": "x" * 10_000}})
    assert len(slides.Plan.from_json(raw)[0].notes["map"]) == slides.MAX_NOTE


@pytest.mark.parametrize("kwargs,message", [
    ({"communes": ("99999",)}, "unknown or ambiguous commune"),
    ({"sector": "spaceships"}, "unknown sector"),
    ({"year": 1990}, "no data for 1990"),
])
def test_a_context_refuses_unknown_filters(demo_db, kwargs, message):
    with pytest.raises(FilterError, match=message):
        open_context(demo_db, **kwargs)


def test_a_context_takes_a_commune_by_name_without_diacritics(demo_db):
    assert open_context(demo_db, communes=("bat-trang",)).filters.communes == ("00577",)


def test_the_closing_slide_names_the_demonstration_sources_in_the_slides_language(demo_db):
    vi = slides.build(open_context(demo_db, lang="vi"), "closing")
    assert any(line.startswith("Số liệu: Địa giới 126 xã, phường (2025):") and "mô phỏng" in line for line in vi.lines), vi.lines
    en = slides.build(open_context(demo_db, lang="en"), "closing")
    assert any(line.startswith("Data: The 126 communes' boundaries (2025):") for line in en.lines), en.lines
    # real sources named, never a licence or the dashboard itself; the programmes with their decisions
    said = " ".join(vi.lines)
    assert "MIT" not in said and "giấy phép" not in said and "Quyết định 6126/QĐ-UBND" in said


def _slide_text(slide) -> str:
    parts = [slide.title, slide.subtitle, slide.unit, slide.source, *slide.lines]
    parts += [x for n in slide.numbers for x in (n.label, n.value, n.note, n.change.text if n.change else "")]
    if slide.figure is not None:
        layout = slide.figure.layout
        parts += [t.name or "" for t in slide.figure.data]
        parts += [str(a.text) for a in layout.annotations or ()]
        parts += [str(getattr(getattr(layout, axis).title, "text", "") or "") for axis in ("xaxis", "yaxis")]
    return " ".join(parts)


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("communes", [(), ("00577",)])
def test_no_file_table_or_column_name_on_a_slide(demo_db, lang, communes):
    """A hall reads publications, not our files: no 'data/reference/…csv', 'programme_targets', 'is_demo' or
    repository name on any slide (they were on the sources, craft-village and programme slides)."""
    import re

    from industry.data import schema

    ctx = open_context(demo_db, lang=lang, year=2025, communes=communes)
    # names that are not also words: the tables and columns written with an underscore
    names = {n for t in schema.TABLES for n in (t.name, *(c.name for c in t.columns)) if "_" in n}
    for slide in slides.build_all(ctx, slides.Plan()):
        text = _slide_text(slide)
        words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
        assert not words & names, (slide.key, words & names)
        for bad in (".csv", "data/", "thanglequoc", "github"):
            assert bad not in text, (slide.key, bad)


def test_the_villages_are_named_for_what_they_are_on_the_slide_as_on_the_overview(demo_db, app):
    """1.350 is "làng nghề và làng có nghề" on the slide as on the Overview; the 336 villages recognised by the end of
    the year are not the 337 titles of March 2026, which the source line says are titles (7 of them crafts)."""
    slide = slides.build(open_context(demo_db, lang="vi", year=2025), "villages")
    assert "làng nghề và làng có nghề tại Hà Nội" in slide.title and "đến cuối năm 2025" in slide.title, slide.title
    assert "337 danh hiệu (330 làng và 7 nghề truyền thống)" in slide.source
    assert "tải về" not in slide.source and "hộ" not in slide.unit  # a deck has no download; a chart of villages
    overview = app("pages/overview.py", lang="vi", year="2025")
    assert "làng nghề và làng có nghề" in " ".join(c.value for c in overview.caption)
