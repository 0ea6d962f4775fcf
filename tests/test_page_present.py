"""The Present page under AppTest: every slide in both languages, the slide in the link, choosing and
ordering slides with notes, deck files, and the PowerPoint export."""

import json

import pandas as pd
import pytest

from industry.app import presenter
from industry.data.context import open_context
from industry.outputs import slides

PAGE = "pages/present.py"


def titles(at) -> list[str]:
    return [t.value for t in at.title]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_walk_every_slide_with_the_next_button(app, demo_db, lang):
    expected = slides.build_all(open_context(demo_db, lang=lang, year=2023), slides.Plan())
    at = app(PAGE, lang=lang, year="2023")
    seen = []
    while True:
        assert not at.exception, at.exception
        seen.append(titles(at)[0])
        assert at.query_params["slide"] == str(len(seen))
        counter = "Slide {} of 8" if lang == "en" else "Trang {}/8"
        assert any(m.value == counter.format(len(seen)) for m in at.markdown)
        if at.button(key="present_next").disabled:
            break
        at.button(key="present_next").click().run()
    assert seen == [s.title for s in expected]
    at.button(key="present_prev").click().run()
    assert titles(at)[0] == expected[-2].title and at.query_params["slide"] == "7"


def test_the_headline_slide_shows_the_figures(app, demo_db):
    at = app(PAGE, slide="2", year="2025", lang="vi")
    expected = slides.build(open_context(demo_db, lang="vi", year=2025), "headline").numbers
    assert [m.value for m in at.metric] == [n.value for n in expected]
    assert [m.label for m in at.metric] == [n.label for n in expected]


@pytest.mark.parametrize("params,key,number", [
    ({"slide": "3"}, "map", 3),
    ({"slides": "wastewater,map", "slide": "2"}, "map", 2),
    ({"slide": "99"}, "closing", 8),
    ({"slide": "abc"}, "title", 1),
    ({"slide": "-2"}, "title", 1),
    ({"slide": "²"}, "title", 1),
])
def test_the_link_opens_the_slide(app, demo_db, params, key, number):
    at = app(PAGE, lang="en", **params)
    assert not at.exception
    assert titles(at)[0] == slides.build(open_context(demo_db, lang="en"), key).title
    assert at.query_params["slide"] == str(number)


def test_unknown_slides_in_the_link_are_named_and_left_out(app):
    at = app(PAGE, lang="en", slides="map,<b>agenda</b>")
    assert not at.exception
    assert any("agenda" in w.value and "<b>" not in w.value for w in at.warning)
    assert at.query_params["slides"] == "map"
    assert any(m.value == "Slide 1 of 1" for m in at.markdown)


def test_the_presenter_chooses_orders_and_annotates_slides(app):
    at = app(PAGE, lang="en")
    editor = "present_editor_0_en"
    rows = {key: i for i, key in enumerate(slides.SLIDES)}
    at.session_state[editor] = {"edited_rows": {
        rows["headline"]: {"show": False}, rows["programmes"]: {"show": False},
        rows["closing"]: {"order": 2, "note": "Thank the districts"}, rows["title"]: {"order": 1},
        rows["map"]: {"order": 3}, rows["wastewater"]: {"order": 4}, rows["supporting"]: {"order": 5},
        rows["villages"]: {"order": 6},
    }, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert at.query_params["slides"] == "title,closing,map,wastewater,supporting,villages"
    at.button(key="present_next").click().run()
    assert titles(at)[0] == "Sources and definitions"
    assert any(t.value == "Thank the districts" for t in at.text)  # the note, under the slide


def test_no_slide_chosen_says_so(app):
    at = app(PAGE, lang="vi")
    at.session_state["present_editor_0_vi"] = {
        "edited_rows": {i: {"show": False} for i in range(len(slides.SLIDES))}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert any("Chưa chọn trang nào" in i.value for i in at.info)


def test_a_saved_deck_reopens_with_its_filters(app):
    saved = {"kind": "deck", "slides": ["villages", "title"], "notes": {"villages": "Bát Tràng gốm"},
             "filters": {"communes": ["00577"], "year": 2022, "sector": None, "lang": "vi"}}
    at = app(PAGE, lang="en")
    at.file_uploader(key="present_upload").set_value(("deck.json", json.dumps(saved).encode(), "application/json"))
    at.run()
    assert not at.exception
    assert at.session_state["year"] == 2022 and at.session_state["commune"] == ["00577"]
    assert at.query_params["slides"] == "villages,title" and at.query_params["lang"] == "vi"
    assert "làng nghề và làng có nghề tại Xã Bát Tràng" in titles(at)[0]


def test_a_bad_deck_file_is_refused_and_changes_nothing(app):
    at = app(PAGE, lang="en", year="2024")
    at.file_uploader(key="present_upload").set_value(("deck.json", b"{\"kind\": \"deck\", \"slides\": [\"x\"]}",
                                                      "application/json"))
    at.run()
    assert not at.exception
    assert any("deck.json could not be opened: unknown slides x" in e.value for e in at.error)
    assert at.session_state["year"] == 2024 and "slides" not in at.query_params


def test_export_builds_a_powerpoint_from_the_page(app):
    at = app(PAGE, lang="vi", slides="title,wastewater")
    at.button(key="present_build").click().run(timeout=120)
    assert not at.exception
    assert any("Đã xong: 2 trang chiếu, trong đó 1 trang có biểu đồ" in c.value for c in at.caption)
    labels = [b.label for b in at.get("download_button")]
    assert "Tải tệp PowerPoint" in labels and "Tải các biểu đồ (PNG, zip)" in labels


def test_the_plan_from_the_editor_frame():
    plan = slides.Plan(["map", "title"], {"map": "a"})
    frame = presenter._base_frame(plan, type("T", (), {"__call__": lambda self, k: k})())
    assert list(frame["key"][:2]) == ["map", "title"] and list(frame["show"]) == [True, True] + [False] * 6
    assert presenter._plan_from_frame(frame) == plan
    frame.loc[frame["key"] == "closing", ["show", "order"]] = [True, None]  # no number: last
    frame.loc[frame["key"] == "title", "note"] = "  "  # a blank note is no note
    assert presenter._plan_from_frame(frame) == slides.Plan(["map", "title", "closing"], {"map": "a"})
    assert presenter._plan_from_frame(pd.DataFrame(frame.assign(show=False))).slides == []


def test_the_language_switches_without_the_sidebar(app, demo_db):
    at = app(PAGE, lang="en", slide="4")
    at.button(key="present_lang").click().run()
    assert at.query_params["lang"] == "vi" and at.query_params["slide"] == "4"
    assert titles(at)[0] == slides.build(open_context(demo_db, lang="vi"), "wastewater").title


def test_the_headline_slide_compares_with_the_year_before_as_the_overview_does(app):
    """Xã Bát Tràng in 2025: the certified share fell 4.2 points, a red arrow down on the slide and on the card."""
    slide = app(PAGE, slide="2", year="2025", lang="vi", commune="00577")
    card = app(None, year="2025", lang="vi", commune="00577")
    assert [m.proto.delta for m in slide.metric] == [m.proto.delta for m in card.metric]
    assert [(m.proto.direction, m.proto.color) for m in slide.metric] == \
        [(m.proto.direction, m.proto.color) for m in card.metric]
    assert slide.metric[2].proto.delta == "−4,2 điểm % so với 2024"
