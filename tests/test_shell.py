"""The shell through the real app: URL state, bad links, languages, commune search."""

import pytest

from industry.app.shell import alternate_spelling, commune_label, shown
from industry.core.i18n import Translator
from tests.conftest import open_cards


def test_link_round_trip(app):
    at = app(commune=["00577", "00454"], year="2021", sector="electronics", lang="vi")
    assert not at.exception
    assert at.multiselect(key="commune").value == ["00577", "00454"]
    assert at.selectbox(key="year").value == 2021
    assert at.selectbox(key="sector").value == "electronics"
    assert at.segmented_control(key="lang").value == "vi"
    assert dict(at.query_params) == {"commune": ["00577", "00454"], "year": "2021", "sector": "electronics",
                                     "lang": "vi"}
    assert not at.warning[:-1]  # only the demo banner


def test_changing_a_filter_updates_the_link(app):
    at = app()
    assert dict(at.query_params) == {"year": "2025", "lang": "en"}
    at.selectbox(key="year").select(2019).run()
    at.multiselect(key="commune").select("00577").run()
    at.selectbox(key="sector").select("pharmaceuticals").run()
    assert dict(at.query_params) == {"year": "2019", "commune": "00577", "sector": "pharmaceuticals", "lang": "en"}
    at.multiselect(key="commune").unselect("00577").run()
    at.selectbox(key="sector").select("all").run()
    assert dict(at.query_params) == {"year": "2019", "lang": "en"}


def test_commune_by_name_without_diacritics(app):
    at = app(commune="dong-anh")
    assert at.multiselect(key="commune").value == ["00454"]
    assert dict(at.query_params)["commune"] == "00454"


def test_malformed_link_warns_and_falls_back(app):
    at = app(commune=["00577", "99999"], year="abc", sector="<script>alert(1)</script>", lang="xx")
    assert not at.exception
    messages = [w.value for w in at.warning]
    assert any("99999" in m for m in messages)
    assert any("abc" in m for m in messages)
    assert any("scriptalert(1)/script" in m for m in messages)  # shown without its markup
    assert not any("<script>" in m for m in messages)
    assert any("xx" in m for m in messages)
    assert at.multiselect(key="commune").value == ["00577"]
    assert at.selectbox(key="year").value == 2025
    assert at.selectbox(key="sector").value == "all"
    assert dict(at.query_params) == {"commune": "00577", "year": "2025", "lang": "en"}


def test_very_long_and_control_characters(app):
    at = app(commune="0" * 5000 + "\x00\x1b[31m", year="9" * 400)
    assert not at.exception
    assert all(len(w.value) < 400 for w in at.warning)


def test_old_name_search_offers_the_new_communes(app):
    at = app()
    at.text_input(key="old_name").input("co loa").run()  # Xã Cổ Loa, Huyện Đông Anh
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "Xã Đông Anh" in captions and "Cổ Loa" in captions
    at.button(key="old_name_add").click().run()
    assert at.multiselect(key="commune").value == ["00454"]
    at.text_input(key="old_name").input("gia lam").run()  # a former district: several communes
    assert "Bát Tràng" in " ".join(c.value for c in at.sidebar.caption)


def test_the_former_name_box_takes_a_whole_address_and_offers_every_candidate(app):
    """The same resolver as the Convert addresses page: a split former ward offers each commune it went into."""
    at = app()
    at.text_input(key="old_name").input("Số 5, ngõ 2, P. Dịch Vọng Hậu, Q. Cầu Giấy, HN").run()
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "Phường Cầu Giấy" in captions and "Phường Nghĩa Đô" in captions and "Phường Dịch Vọng Hậu" in captions
    at.button(key="old_name_add").click().run()
    assert sorted(at.multiselect(key="commune").value) == ["00160", "00166"]
    at.text_input(key="old_name").input("Quận 1, TP Hồ Chí Minh").run()
    assert not at.exception and "Hà Nội" in " ".join(c.value for c in at.sidebar.caption)


def test_a_name_merged_before_july_2025_is_found_by_the_former_name_box(app):
    """"Kim Lan", still written on addresses in Gia Lâm, joined Kim Đức on 1/1/2025, now in Xã Bát Tràng."""
    at = app(lang="vi")
    at.text_input(key="old_name").input("Kim Lan").run()
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "**Xã Bát Tràng** ← Xã Kim Lan, Huyện Gia Lâm; Xã Kim Đức, Huyện Gia Lâm" in captions, captions
    assert "Không có xã, phường" not in captions
    at.button(key="old_name_add").click().run()
    assert at.multiselect(key="commune").value == ["00577"]


def test_commune_labels_let_the_widget_find_names_without_accents(app):
    at = app()
    options = at.multiselect(key="commune").options
    assert len(options) == 126
    assert "Xã Đông Anh · Dong Anh" in options
    assert "Phường Đống Đa · Dong Da" in options
    assert any(o.startswith("Xã Bát Tràng") and "Bat Trang" in o for o in options)
    hoa_lac = next(o for o in options if o.startswith("Xã Hoà Lạc"))
    assert "Hòa Lạc" in hoa_lac and "Hoa Lac" in hoa_lac  # both tone-mark spellings
    assert options[0].startswith("Xã An Khánh")  # Vietnamese alphabetical order of names


def test_alternate_spelling_and_safe_display():
    assert alternate_spelling("Hoà Lạc") == "Hòa Lạc"
    assert alternate_spelling("Ứng Hòa") == "Ứng Hoà"
    assert alternate_spelling("Thuỵ Lâm") == "Thụy Lâm"
    assert alternate_spelling("Đông Anh") == "Đông Anh"
    assert alternate_spelling("Hoàng Mai") == "Hoàng Mai"  # 'oà' inside a word is not a tone placement
    assert commune_label({"full_name_vi": "Xã Đông Anh", "name_vi": "Đông Anh", "name_en": "Dong Anh"}) == (
        "Xã Đông Anh · Dong Anh")
    assert shown("[x](http://evil)") == "x(http://evil)"
    assert len(shown("a" * 100)) == 41


def test_language_switch_changes_labels_and_numbers(app):
    at = app(lang="vi")
    assert at.title[0].value == "Tổng quan"
    assert at.multiselect(key="commune").label == "Xã / phường"
    values = [m.value for m in at.metric]
    assert "," in values[1] and "1.350 làng nghề" in " ".join(c.value for c in at.caption)  # 60,3%; 1.350
    at.segmented_control(key="lang").set_value("en").run()
    assert at.title[0].value == "Overview"
    assert [m.value for m in at.metric][1] == values[1].replace(",", ".")
    assert "of 1,350 craft villages" in " ".join(c.value for c in at.caption)


def test_a_rebuilt_database_shows_its_new_figures_without_a_restart(tmp_path, monkeypatch):
    """The caches are keyed on the database file's identity: replacing the file refreshes every page."""
    from streamlit.testing.v1 import AppTest

    from industry.data.build import build
    from tests.conftest import ROOT

    db = build(tmp_path / "live.duckdb", seed=1, enterprises=2000, quiet=True)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    before = [m.value for m in at.metric]
    build(db, seed=2, enterprises=5000, quiet=True)  # rebuilt in place, as an import would
    at.run()
    after = [m.value for m in at.metric]
    assert not at.exception
    assert before[2] != after[2]  # the certified share comes from the new enterprises
    fresh = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    fresh.run()
    assert [m.value for m in fresh.metric] == after


@pytest.mark.parametrize("text,number", [("2024", 2024), (" 7 ", 7), ("¹", None), ("٢٠٢٤", None), ("-1", None),
                                         ("1e3", None), ("1234567", None), ("", None)])
def test_whole_number_takes_ascii_digits_only(text, number):
    from industry.app.shell import whole_number

    assert whole_number(text) == number


@pytest.mark.parametrize(("lang", "date", "employees"), [("en", r"\d{1,2} [A-Z][a-z]{2} \d{4}", "1,378"),
                                                        ("vi", r"\d{2}/\d{2}/\d{4}", "1.378")])
def test_tables_show_dates_and_numbers_in_the_page_language_but_not_years(app, lang, date, employees):
    """What a table shows is written by the dashboard in the page's language (each number's text, each date's
    format), not by the browser: a Vietnamese page reads 1.378 and 14/03/2026 on a computer set to English."""
    import re

    from tests import cells

    at = open_cards(app("pages/supporting.py", lang=lang), "si_expiring", "si_uncertified")
    shown = {}  # column label → the texts its table shows
    for table in at.dataframe:
        frame = cells.drawn(table)
        shown |= {c: list(frame[c]) for c in frame.columns}
    tr = Translator(lang)
    assert all(re.fullmatch(date, v) for v in shown[tr("si.col_expires")])
    assert employees in shown[tr("col.employees")]  # 1,378 in English, 1.378 in Vietnamese, whatever the browser
    assert all(re.fullmatch(r"(19|20)\d\d", v) for v in shown[tr("si.col_founded")])  # 2019, never 2,019
    assert all(re.fullmatch(r"(20)\d\d", v) for v in shown[tr("si.col_target_year")])


def test_the_banner_says_when_the_activity_records_run_past_the_data_date(app, demo_db):
    import duckdb

    last = duckdb.connect(str(demo_db), read_only=True).execute(
        "select max(year) from promotion_activities").fetchall()[0][0]
    assert last == 2026  # the demonstration activities include the first year of Decision 6069
    banner = app().warning[-1].value
    assert "Data to 31 December 2025; promotion activities to 2026; built" in banner
    assert "Số liệu đến 31 tháng 12 năm 2025; hoạt động khuyến công đến năm 2026; tạo ngày" in app(lang="vi").warning[-1].value
    source = " ".join(c.value for c in app("pages/activities.py").caption)
    assert "Industrial-promotion activity records (records of 2021–2026)" in source


def test_no_note_when_the_activity_records_end_with_the_data(demo_db, tmp_path):
    import shutil

    import duckdb

    from industry.data.context import open_context

    path = tmp_path / "to2025.duckdb"
    shutil.copy(demo_db, path)
    con = duckdb.connect(str(path))
    con.execute("delete from programme_progress")  # nothing may refer to the activities deleted below
    con.execute("delete from promotion_activities where year > 2025")
    con.close()
    assert open_context(path).records_note() == ""
    assert open_context(demo_db, lang="vi").records_note() == "; hoạt động khuyến công đến năm 2026"
    from industry.outputs import slides

    title = slides.build_all(open_context(demo_db), slides.Plan())[0]
    assert title.lines[0] == "Demonstration data, to 31 December 2025; promotion activities to 2026"


@pytest.mark.parametrize("page", ["pages/programmes.py", "pages/map.py", None])
def test_every_run_of_a_page_goes_through_the_entrypoint(app, page):
    """With the pages in `pages/`, Streamlit 1.67's legacy multipage mode ran the page file on its own on every
    AppTest run (and on a server process's first run): the second run drew no sidebar and read the first run's
    filters and database version. Each run must draw the sidebar and read the filters it was given."""
    at = app(page, year="2023")
    for year in (2021, 2020):
        assert not at.exception
        assert at.sidebar.multiselect(key="commune").label and at.selectbox(key="year").value != year
        at.selectbox(key="year").select(year).run()
        assert at.selectbox(key="year").value == year
        assert dict(at.query_params)["year"] == str(year)


def test_a_table_cell_holds_its_number_as_written_and_a_missing_value_as_a_dash():
    """What the grid draws is what its cell holds, so what a screen reader reads of it: "1.234,5" on a Vietnamese
    page, never the raw 1234.5; a column's numbers line up on the decimal mark; years stay 2021; dates are dates
    drawn as the language writes them; nothing reads None, nan or NaT."""
    import datetime as dt

    import pandas as pd

    from industry.app import charts
    from industry.data.context import Filters
    from industry.figures.tables import FIGURE_SPACE

    ctx = type("Ctx", (), {"lang": "vi", "tr": Translator("vi"), "filters": Filters((), 2025, None, "vi")})()
    data = pd.DataFrame({"Tên": ["Cụm công nghiệp Phú Thị", None], "Năm": pd.array([2021, None], dtype="Int64"),
                         "Giá trị": [1234.5, float("nan")], "Ngày": pd.to_datetime(["2025-03-15", None]),
                         "Giới hạn": [0.005, 50.0], "Số lao động": pd.array([1533, None], dtype="Int64")})
    shown, config = charts.readable(ctx, data)
    assert isinstance(shown, pd.DataFrame)
    cells = {name: [str(v).replace(FIGURE_SPACE, " ") for v in shown[name]] for name in shown.columns}
    assert cells["Giá trị"] == ["1.234,5", "      –"]
    assert cells["Giới hạn"] == [" 0,005", "50    "]
    assert cells["Số lao động"] == ["1.533", "    –"]
    assert list(shown["Năm"].astype(object).where(shown["Năm"].notna(), None)) == [2021, None]
    assert list(shown["Ngày"]) == [dt.date(2025, 3, 15), None]
    assert config["Ngày"]["type_config"]["format"] == "DD/MM/YYYY"
    assert config["Giá trị"]["alignment"] == "right" and config["Tên"]["width"] == "large"
    assert list(shown["Tên"]) == ["Cụm công nghiệp Phú Thị", "–"]
    for value in shown.astype(str).to_numpy().ravel():
        assert value not in ("None", "nan", "NaT")
    english = type("Ctx", (), {"lang": "en", "tr": Translator("en"), "filters": Filters((), 2025, None, "en")})()
    assert list(charts.readable(english, data)[0]["Giá trị"])[0] == "1,234.5"
    words, _ = charts.readable(ctx, data[["Tên"]])
    assert list(words["Tên"]) == ["Cụm công nghiệp Phú Thị", "–"]


def test_a_column_of_numbers_as_written_sorts_as_its_numbers():
    """The grid sorts a text column by the browser's collation: padded with figure spaces, the written numbers come
    in their numbers' order (checked in the browser's own localeCompare by tests/test_browser_walk.py); a column
    with a negative number is left as numbers."""
    from industry.figures.tables import FIGURE_SPACE, aligned

    written = aligned(["1.234,5", "58", "–", "0,005", "100", "9,5"], "vi")
    assert [w.replace(FIGURE_SPACE, "_") for w in written] == [
        "1.234,5__", "___58____", "________–", "____0,005", "__100____", "____9,5__"]
    assert aligned(["58%", "100%", "9,5%"], "vi") == ["\u200758\u2007\u2007%", "100\u2007\u2007%", "\u2007\u20079,5%"]
    assert aligned(["-3", "4"], "vi") is None and aligned(["ha", "4"], "vi") is None


def test_the_commune_list_is_in_vietnamese_order(app):
    """Letters first, then tones: Bạch Mai before Bát Tràng, Bắc … after every Ba…, not code-point order."""
    from industry.core.text import sort_key

    options = app().multiselect(key="commune").options
    names = [o.split(" · ")[0].split(" ", 1)[1] if o.startswith(("Xã ", "Phường ")) else o for o in options]
    assert names == sorted(names, key=sort_key)
    assert names.index("Bạch Mai") < names.index("Bát Tràng") < names.index("Bất Bạt") < names.index("Bình Minh")


def test_a_figure_is_sent_as_the_same_dictionary_on_every_run_and_as_plotly_would_send_it():
    import plotly.graph_objects as go
    import plotly.io as pio
    import plotly.tools

    from industry.app import charts

    fig = go.Figure(go.Bar(x=["Xã Bát Tràng", "Phường Ba Đình"], y=[3, 4]))
    first, again = charts.sent(fig), charts.sent(fig)
    assert first is again and first.to_dict() is again.to_dict()
    given = plotly.tools.return_figure_from_figure_or_data(first, validate_figure=True)  # as st.plotly_chart asks
    assert pio.to_json(given, validate=False) == pio.to_json(fig, validate=False)


def test_no_page_changes_a_query_table_that_every_run_shares(app):
    """A query's table is one object for every caller (no copy each): every page is run on several filter sets, in
    both languages, and each table kept must still equal what its query returns afresh, column for column."""
    import pandas as pd

    from industry.app import shell
    from tests.conftest import PAGES

    shell.clear_shared()
    for page in PAGES:
        for params in ({"lang": "vi"}, {"year": "2021", "commune": ["00454", "09022"], "sector": "electronics"}):
            at = app(page, **params)
            assert not at.exception, (page, params)
            for button in at.button:  # the part below a first screen, as the browser asks for it
                if button.key and button.key.startswith("fold_"):
                    button.click().run()
    kept = [(key, value) for key, value in shell._QUERIES.values.items() if isinstance(value, pd.DataFrame)]
    assert len(kept) > 30
    for (name, version, args, kwargs), value in kept:
        fresh = shell._query(name, version, args, kwargs)
        assert list(value.columns) == list(fresh.columns), name
        pd.testing.assert_frame_equal(value, fresh, obj=name)


def test_a_kept_function_is_made_once_per_context_and_table():
    import pandas as pd

    from industry.core import kept
    from industry.core.i18n import Translator

    calls = []

    @kept.kept
    def total(tr, rows: pd.DataFrame, column: str) -> str:
        calls.append(column)
        return tr("chart.unit") + str(rows[column].sum())

    rows, other = pd.DataFrame({"a": [1, 2]}), pd.DataFrame({"a": [1, 2]})
    first = total(Translator("vi"), rows, "a")
    assert total(Translator("vi"), rows, "a") is first and calls == ["a"]  # a new translator of the same language
    total(Translator("en"), rows, "a")
    total(Translator("vi"), other, "a")  # an equal table that is another object: made again
    assert calls == ["a", "a", "a"]
    object.__setattr__(other, "kept_key", ("query", "x"))
    again = pd.DataFrame({"a": [1, 2]})
    object.__setattr__(again, "kept_key", ("query", "x"))  # the same query's table read again: known by its query
    assert total(Translator("vi"), other, "a") is total(Translator("vi"), again, "a")
