"""No page shows a traceback, an exception's text or a path of the code: a failing page says so in the reader's
language and the error goes to the log (``client.showErrorDetails = "none"`` and :func:`industry.app.shell.navigate`);
the commune profile's own picker opens the profile it is given."""

from __future__ import annotations

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from industry.core.i18n import Translator


def _failing_page() -> None:
    import streamlit as st

    from industry.app import shell

    shell.start()

    def broken():
        st.write("before the fault")
        raise KeyError("/work/main/industry/secret.py: internal column commune_code")

    shell.navigate([st.Page(broken, title="Hỏng", url_path="broken", default=True)])


@pytest.fixture()
def as_served(demo_db, monkeypatch):
    """The dashboard's own configuration (the tests otherwise show errors in full)."""
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    config.set_option("client.showErrorDetails", "none")
    yield
    config.set_option("client.showErrorDetails", "full")


def test_the_dashboards_configuration_shows_no_error_details():
    import tomllib

    from tests.conftest import ROOT

    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["client"]["showErrorDetails"] == "none"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_failing_page_says_so_in_the_readers_language_and_logs_the_error(as_served, lang, caplog):
    at = AppTest.from_function(_failing_page, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [Translator(lang)("app.page_failed")]
    shown = " ".join(str(e.value) for e in (*at.markdown, *at.error, *at.caption))
    for word in ("secret.py", "KeyError", "commune_code", "Traceback"):
        assert word not in shown
    assert any("secret.py" in (r.exc_text or "") for r in caplog.records if r.name == "industry.app")


def test_with_details_asked_for_the_error_is_shown_as_it_is(demo_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_db))
    at = AppTest.from_function(_failing_page, default_timeout=60).run()
    assert at.exception and "secret.py" in at.exception[0].message


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_profiles_own_picker_offers_communes_only_found_with_or_without_accents(app, lang):
    """Its choice is tested in the browser (tests/test_browser_walk.py): AppTest does not run the sidebar again
    after a widget of a page it switched to."""
    at = app("pages/commune.py", lang=lang)
    picker = at.selectbox(key="profile_pick")
    assert picker.placeholder == Translator(lang)("profile.pick_placeholder")
    assert "Toàn thành phố" not in picker.placeholder and "Whole city" not in picker.placeholder
    assert picker.format_func("00577").startswith("Xã Bát Tràng · ") and "Bat Trang" in picker.format_func("00577")
    assert len(picker.options) == 126
