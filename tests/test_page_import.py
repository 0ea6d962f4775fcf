"""The Import page: closed without a password, sign-in with lockout, and pages that see an import at once."""

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from industry.app import admin
from industry.core.i18n import Translator
from industry.files import importer
from tests import cells
from tests.conftest import ROOT

PAGE = "pages/data_import.py"


@pytest.fixture()
def live(demo_db, tmp_path, monkeypatch):
    path = tmp_path / "live.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    monkeypatch.setattr(admin, "_failures", {})
    return path


def run(page: str = PAGE, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_without_a_password_the_page_explains_and_offers_no_import(live, monkeypatch, lang):
    monkeypatch.delenv(admin.ENV_VAR, raising=False)
    at = run(lang=lang)
    assert not at.exception
    # the official reads whom to ask, in words; the technical line is for the administrator, folded away
    assert admin.ENV_VAR not in at.info[0].value and "env" not in at.info[0].value.lower()
    assert at.info[0].value == Translator(lang)("admin.not_configured")
    folded = [e for e in at.main.expander if e.label == Translator(lang)("admin.for_admin")]
    assert len(folded) == 1 and admin.ENV_VAR in folded[0].markdown[0].value
    assert all(t.key != "admin_password_input" for t in at.text_input)
    assert all(b.key not in ("import_check", "rollback") for b in at.button)


def _sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="admin_who").input(name)
    at.text_input(key="admin_password_input").input(password)
    return at.button[0].click().run() if at.button else at


def test_sign_in_wrong_then_right_and_sign_out(live, monkeypatch):
    monkeypatch.setenv(admin.ENV_VAR, "mật-khẩu")
    at = run()
    assert not at.exception
    at = _sign_in(at, "Nguyễn Văn A", "wrong")
    assert [e.value for e in at.error] == ["Wrong password."]
    at = _sign_in(at, "Nguyễn Văn A", "mật-khẩu")
    assert "Nguyễn Văn A" in at.success[0].value
    assert at.button(key="rollback").disabled  # needs the confirmation first
    assert "Nothing has been imported" in " ".join(c.value for c in at.caption)
    assert all(t.key != "admin_password_input" for t in at.text_input)
    assert "mật-khẩu" not in repr(at.session_state)  # the password is not kept in the session
    at.button(key="admin_sign_out").click().run()
    assert any(t.key == "admin_password_input" for t in at.text_input)


def test_repeated_wrong_passwords_lock_the_sign_in(live, monkeypatch):
    monkeypatch.setenv(admin.ENV_VAR, "right")
    at = run()
    for _ in range(admin.MAX_FAILURES):
        at = _sign_in(at, "X", "wrong")
    assert "Too many wrong passwords" in at.error[0].value
    for again in (at.run(), run()):  # the next click, and a new session from the same computer
        assert "Too many wrong passwords" in again.error[0].value
        assert all(t.key != "admin_password_input" for t in again.text_input)  # no form while locked


def test_pages_show_imported_figures_and_the_log_without_a_restart(live, monkeypatch, tmp_path):
    monkeypatch.setenv(admin.ENV_VAR, "right")
    at = run("pages/programmes.py")
    before = at.dataframe[0].value
    progress = (tmp_path / "programme_progress.csv")
    progress.write_text("indicator,year,value,unit,source\n"  # of the year shown (a later year's is not counted)
                        "giftshow_booths_per_edition,2025,600,booths per edition,Sở Công Thương\n", encoding="utf-8")
    outcome = importer.import_files(importer.files_in([progress]), live, "Nguyễn Văn A")
    assert outcome.ok, [p.code for p in outcome.problems]
    at.run()  # the same session, the next click
    after = at.dataframe[0].value
    row = after[after["Indicator"].str.contains("booths", case=False)]
    assert not before.equals(after)
    assert cells.number(row["Achieved so far"].iloc[0]) == 600
    at = run()
    at = _sign_in(at, "B", "right")
    assert not at.exception, at.exception
    log = at.dataframe[0].value
    assert log["Who"].tolist() == ["Nguyễn Văn A"] and log["Outcome"].tolist() == ["installed"]


def test_an_import_rebuilds_the_tables_the_pages_read(live):
    """The pages over small tables read tables built with the database for every year (the page marts): an
    import rebuilds them, and the Activities page lists what was imported on the next click."""
    at = run("pages/activities.py", year="2025")
    assert not at.exception
    path = live.parent / "promotion_activities.csv"
    path.write_text(
        "activity_id,programme,year,kind,title_vi,commune_code,budget_state_million_vnd,status,source\n"
        "KC-2025-TEST,industrial_promotion_2021_2025,2025,training,Tập huấn an toàn hoá chất,00577,123,completed,"
        "Sở Công Thương\n", encoding="utf-8")
    outcome = importer.import_files(importer.files_in([path]), live, "Nguyễn Văn A", replace=["all"])
    assert outcome.ok, [p.code for p in outcome.problems]
    at.run()
    tables = [d.value for d in at.dataframe]
    listed = next(t for t in tables if "KC-2025-TEST" in t.to_string())
    assert len(listed) == 1 and "Tập huấn an toàn hoá chất" in listed.to_string()
    assert at.subheader[0].value.startswith("2025: 1 activity with 123 million VND of state funds")
    assert "#### 1 activity in 2025" in [m.value.split("\n\n")[0] for m in at.markdown]  # a title, then its subtitle


def _mapping_script(path: str, lang: str) -> None:
    """The Import page's mapping editor over the department's cluster list with one unrecognised column."""
    import streamlit as st

    from industry.app import mapping, shell
    from industry.files import department, importer
    from tests.test_layouts import xlsx

    rows = [["TT", "Tên gọi khác", "Xã, phường, thị trấn", "Quận, huyện, thị xã", "Diện tích (ha)", "Tình trạng"],
            [1, "CCN Hoàn Toàn Mới", "Xã Bát Tràng", "Huyện Gia Lâm", "12", "Đang đầu tư xây dựng hạ tầng"]]
    checked = importer.check([("ccn.xlsx", xlsx(rows, []))], path)
    ctx = shell.context()
    assert ctx.lang == lang
    edits = mapping.confirm(ctx, department.views(checked, ctx.tr))
    st.session_state["edits"] = edits


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_mapping_editor_speaks_the_readers_words(live, lang):
    """Fields by their labels grouped by what they describe, "not used" for the unrecognised column, values by
    their meaning in the page's language; no database name, no English code on the Vietnamese page, no None."""
    at = AppTest.from_function(_mapping_script, args=(str(live), lang), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    tr = Translator(lang)
    columns = at.dataframe[0].value  # the columns' grid, as drawn
    fields = list(columns[tr("mapping.col_field")])
    assert fields[1] == tr("field.not_used") and fields[2] != tr("field.not_used")  # B unrecognised; C the commune
    texts = [str(v) for frame in at.dataframe for v in frame.value.astype(str).to_numpy().ravel()]
    texts += [e.value for e in at.markdown] + [e.value for e in at.caption]
    said = " ".join(texts)
    for word in ("name_vi", "sites.", "commune_code", "site_id", "None", "nan"):
        assert word not in said, (word, said[:500])
    if lang == "vi":
        for code in ("under_construction", "operating", "planned"):
            assert code not in said, code
        assert "Đang đầu tư xây dựng hạ tầng" in said
    at.button(key="mapping_apply").click().run()
    assert at.session_state["edits"] is not None


def test_the_log_and_the_files_are_named_in_vietnamese_on_the_vietnamese_page(live, monkeypatch, tmp_path):
    monkeypatch.setenv(admin.ENV_VAR, "right")
    progress = tmp_path / "programme_progress.csv"
    progress.write_text("indicator,year,value,unit,source\n"
                        "giftshow_booths_per_edition,2026,600,booths per edition,Sở Công Thương\n", encoding="utf-8")
    assert importer.import_files(importer.files_in([progress]), live, "Nguyễn Văn A").ok
    assert importer.rollback(live, "Nguyễn Văn A").ok
    at = _sign_in(run(lang="vi"), "B", "right")
    assert not at.exception, at.exception
    [log] = [d.value for d in at.dataframe if Translator("vi")("importpage.col_who") in d.value.columns]  # the log
    said = " ".join(map(str, log.columns)) + " " + " ".join(map(str, log.to_numpy().ravel()))
    said += " ".join(str(c.value) for c in at.caption)
    for word in ("rollback", "rolled_back", "installed", "import ", ".duckdb", "import_log", "UTC", "None"):
        assert word not in said, word
    assert {"nhập", "quay lại"} <= set(log.iloc[:, 2])
