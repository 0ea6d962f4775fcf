"""Who may change the data: the administrator's password, signing in, and a lockout after failures.

The password comes from ``DASHBOARD_ADMIN_PASSWORD`` or ``admin_password`` in
``.streamlit/secrets.toml``; without one, nobody can import. It is compared in
constant time, never stored in the session, the URL or a log. After
:data:`MAX_FAILURES` wrong passwords from one address, signing in is refused for
:data:`LOCKOUT_SECONDS`.
"""

from __future__ import annotations

import hmac
import os
import threading
import time

import streamlit as st

from ..core.i18n import Translator

ENV_VAR = "DASHBOARD_ADMIN_PASSWORD"
SECRET_KEY = "admin_password"
MAX_FAILURES = 5
LOCKOUT_SECONDS = 300
_SESSION_KEY = "admin_name"

_failures: dict[str, list[float]] = {}
_lock = threading.Lock()


def configured_password() -> str | None:
    value = os.environ.get(ENV_VAR)
    if value:
        return value
    try:
        value = st.secrets.get(SECRET_KEY)
    except Exception:  # noqa: BLE001 - no secrets file, or an unreadable one: no password configured
        return None
    return str(value) if value else None


def _client() -> str:
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - not in a browser session
        address = None
    return address if isinstance(address, str) and address else "local"


def locked_for(client: str, now: float | None = None) -> float:
    """Seconds until `client` may try again (0 when it may)."""
    now = now or time.time()
    with _lock:
        recent = [t for t in _failures.get(client, []) if now - t < LOCKOUT_SECONDS]
        if recent:
            _failures[client] = recent
        else:
            _failures.pop(client, None)
        if len(recent) < MAX_FAILURES:
            return 0.0
        return LOCKOUT_SECONDS - (now - recent[-MAX_FAILURES])


def check_password(client: str, given: str, expected: str) -> bool:
    ok = hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
    with _lock:
        if ok:
            _failures.pop(client, None)
        else:
            _failures.setdefault(client, []).append(time.time())
    return ok


def signed_in() -> str | None:
    return st.session_state.get(_SESSION_KEY)


def sign_out() -> None:
    st.session_state.pop(_SESSION_KEY, None)


def require(tr: Translator) -> str:
    """The signed-in administrator's name; otherwise draw what is needed (setup note or sign-in) and stop."""
    expected = configured_password()
    if not expected:
        st.info(tr("admin.not_configured"), icon=":material/lock:")
        with st.expander(tr("admin.for_admin")):
            st.markdown(tr("admin.setup", env=ENV_VAR, secret=SECRET_KEY))
        st.stop()
    name = signed_in()
    if name:
        cols = st.columns([4, 1], vertical_alignment="center")
        cols[0].success(tr("admin.signed_in_as", name=name), icon=":material/verified_user:")
        if cols[1].button(tr("admin.sign_out"), key="admin_sign_out", icon=":material/logout:"):
            sign_out()
            st.rerun()
        return name
    client = _client()
    wait = locked_for(client)
    if wait > 0:
        st.error(tr("admin.locked", minutes=max(1, round(wait / 60))), icon=":material/lock_clock:")
        st.stop()
    with st.form("admin_sign_in", clear_on_submit=True, border=True):
        st.markdown(f"#### {tr('admin.sign_in_title')}")
        who = st.text_input(tr("admin.name"), key="admin_who", max_chars=80)
        password = st.text_input(tr("admin.password"), type="password", key="admin_password_input", max_chars=200)
        submitted = st.form_submit_button(tr("admin.sign_in"), icon=":material/login:")
    if submitted:
        who = " ".join((who or "").split())
        if not who:
            st.error(tr("admin.name_required"))
        elif check_password(client, password or "", expected):
            st.session_state[_SESSION_KEY] = who
            st.rerun()
        elif (wait := locked_for(client)) > 0:
            st.error(tr("admin.locked", minutes=max(1, round(wait / 60))), icon=":material/lock_clock:")
        else:
            st.error(tr("admin.wrong_password"), icon=":material/key_off:")
    st.stop()
    raise AssertionError("unreachable")  # st.stop() ends the run
