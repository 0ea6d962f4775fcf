"""The communes' returns on the Import page: the period's workbooks out, the returned ones in, the board of the 126
communes, and each commune's changes accepted or set aside (administrators only)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import streamlit as st

from ..core.text import sort_key
from ..data.context import Context
from ..files import returns
from ..files.problems import frame as problems_frame
from . import charts, shell

MAX_LISTED = 12  # a return's problems said one by one; more are shown as a table
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def own_workbook(ctx: Context, code: str, period: returns.Period) -> bytes:
    """One commune's return workbook, from the database version the page reads."""
    name = ctx.commune_name(code)
    with shell.connection(ctx) as con:
        full = next((c for c in returns.communes(con) if c.code == code), returns.Commune(code, name))
        return returns.workbook(con, full, period, data_date=ctx.info.get("data_date", ""))


def own_button(ctx: Context, code: str) -> None:
    """The Commune profile's download of the commune's own return workbook for the current period."""
    period = returns.current_period()
    name = ctx.commune_name(code)
    st.download_button(ctx.tr("returns.own", commune=name, period=period.label),
                       lambda: own_workbook(ctx, code, period), file_name=returns.file_name(code, name, period),
                       mime=XLSX, icon=":material/assignment_return:", on_click="ignore", key="profile_return",
                       help=ctx.tr("returns.own_help"))


def not_returned(ctx: Context, live: Path) -> None:
    """The Overview's list of the communes whose return for the current period has not come in."""
    period = returns.current_period()
    register = returns.Register(live)
    stamp = register.path.stat().st_mtime_ns if register.path.is_file() else 0

    def missing_of() -> tuple[list[str], int]:
        every = [returns.Commune(r.code, r.full_name_vi) for r in ctx.communes.itertuples()]
        board = returns.board(every, register.entries(), period)
        return list(board.loc[board["status"] == "not_returned", "commune"]), len(board)

    missing, total = shell.shared(ctx, "returns_missing", missing_of, str(live), stamp, period.code)
    if not missing:
        return
    with st.expander(ctx.tr("returns.overview_missing", n=ctx.number(len(missing)), total=ctx.number(total),
                            period=period.label), icon=":material/pending_actions:"):
        st.caption(", ".join(missing))
        st.caption(ctx.tr("returns.overview_missing_note", due=ctx.date(period.due.isoformat())))


def _zip_of_all(ctx: Context, period: returns.Period, progress) -> bytes:
    out = io.BytesIO()
    with shell.connection(ctx) as con, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        every = returns.communes(con)
        for i, commune in enumerate(every):
            z.writestr(returns.file_name(commune.code, commune.name, period),
                       returns.workbook(con, commune, period, data_date=ctx.info.get("data_date", "")))
            progress((i + 1) / len(every), commune.name)
    return out.getvalue()


ORDER = ("problems", "pending", "set_aside", "no_change", "accepted", "not_returned")  # what needs doing first


def board_frame(ctx: Context, board: pd.DataFrame) -> pd.DataFrame:
    """The board as the administrator reads it: the returns to act on first, then by the commune's name."""
    tr = ctx.tr
    board = board.assign(_order=board["status"].map(ORDER.index), _name=board["commune"].map(sort_key))
    board = board.sort_values(["_order", "_name"]).drop(columns=["_order", "_name"])
    shown = board.assign(status=board["status"].map(lambda s: tr(f"returns.status_{s}")),
                         received=pd.to_datetime(board["received"].str[:10].replace("", None)))
    names = {c: tr(f"returns.col_{c}") for c in ("code", "commune", "status", "received", "file", "added", "changed",
                                                 "removed", "problems", "returns")}
    return shown.rename(columns=names)


def desk(ctx: Context, live: Path, who: str) -> None:
    tr = ctx.tr
    st.markdown(f"### {tr('returns.title')}")
    st.caption(tr("returns.intro"))
    text = st.text_input(tr("returns.period"), value=returns.current_period().code, key="returns_period",
                         help=tr("returns.period_help"), max_chars=10)
    try:
        period = returns.Period.parse(text)
    except ValueError:
        st.error(tr("returns.bad_period", value=shell.shown(text)), icon=":material/event_busy:")
        return
    made = shell.made_on_click(ctx, label=tr("returns.make_all"), key="returns_make", icon=":material/outbox:",
                               building=tr("returns.making"), failed="returns.failed",
                               make=lambda progress: _zip_of_all(ctx, period, progress),
                               made_for=(ctx.version, period.code), errors=(OSError, ValueError))
    if made is not None:
        st.download_button(tr("returns.made_zip"), made, file_name=f"bao-cao-xa-phuong-{period.code}.zip",
                           mime="application/zip", icon=":material/folder_zip:", key="returns_zip")

    # emptied once its files are taken in: the next files uploaded are read alone, not with those again
    round_ = st.session_state.get("returns_round", 0)
    uploaded = st.file_uploader(tr("returns.upload"), type=["xlsx", "ods"], accept_multiple_files=True,
                                key=f"returns_files_{round_}")
    files = [(u.name, u.getvalue()) for u in uploaded or []]
    if files and st.button(tr("returns.take", n=len(files)), icon=":material/move_to_inbox:", key="returns_take"):
        with st.spinner(tr("returns.taking", n=len(files))):
            st.session_state["returns_taken"] = returns.receive(files, live, who)
        st.session_state["returns_round"] = round_ + 1
        st.rerun()
    taken = st.session_state.get("returns_taken", [])
    for item in taken:
        _received(ctx, item, open_=len(taken) <= 5)

    said = st.session_state.pop("returns_said", None)
    if said:
        st.success(said, icon=":material/check_circle:")
    register = returns.Register(live)
    with shell.connection(ctx) as con:
        every = returns.communes(con)
    board = returns.board(every, register.entries(), period)
    returned = int((board["status"] != "not_returned").sum())
    charts.chart_card(ctx, key="returns_board", title=tr("returns.board", period=period.label, returned=returned,
                                                          total=len(board)),
                      subtitle=tr("returns.board_subtitle"), fig=None, data=board_frame(ctx, board),
                      column_config={tr("returns.col_code"): st.column_config.TextColumn(width="small"),
                                     # its dates whole (a date column is drawn narrow otherwise: "05/12/20…")
                                     tr("returns.col_received"): st.column_config.DateColumn(width="medium")},
                      unit=tr("returns.board_unit"), definition=tr("returns.board_definition"),
                      source=tr("returns.board_source"))
    pending = board[board["status"] == "pending"]
    if pending.empty:
        return
    names = dict(zip(pending["code"], pending["commune"], strict=True))
    labels = shell.commune_labels(ctx)  # "Xã Bát Tràng · Bat Trang": found typed with or without accents
    chosen = st.multiselect(tr("returns.choose"), options=list(names), format_func=lambda c: labels.get(c, names[c]),
                            key="returns_chosen", placeholder=tr("returns.choose_placeholder"))
    row = st.container(horizontal=True, gap="small")
    if row.button(tr("returns.accept_many", n=len(chosen)), type="primary", icon=":material/done_all:",
                  key="returns_accept", disabled=not chosen):
        with st.status(tr("returns.accepting", n=len(chosen)), expanded=False) as status:
            try:
                outcome = returns.accept(chosen, period.code, live, who, sink=status.write)
            except returns.NotAcceptable as exc:
                outcome, detail = None, str(exc)
            status.update(state="complete" if outcome is not None and outcome.ok else "error")
        if outcome is not None and outcome.ok:  # said above the board, drawn again with its new statuses
            st.session_state["returns_said"] = tr("returns.accepted", communes=", ".join(names[c] for c in chosen))
            st.session_state.pop("returns_taken", None)
            st.rerun()
        else:
            detail = detail if outcome is None else "; ".join(p.message(tr) for p in outcome.problems)
            st.error(tr("returns.failed", detail=shell.shown(detail, 300)), icon=":material/error:")
    why = row.text_input(tr("returns.why"), key="returns_why", max_chars=300, label_visibility="collapsed",
                         placeholder=tr("returns.why"))
    if row.button(tr("returns.set_aside"), icon=":material/block:", key="returns_set_aside", disabled=not chosen):
        for code in chosen:
            returns.set_aside(code, period.code, live, who, why)
        st.rerun()


def _received(ctx: Context, item: returns.Received, open_: bool) -> None:
    tr, ret = ctx.tr, item.ret
    label = tr("returns.received", file=ret.file, commune=ret.commune_name or "–",
               period=returns.Period.parse(ret.period).label if ret.period else "–")
    status = tr(f"returns.status_{item.status}")
    with st.expander(f"{label} — {status}", expanded=open_ or bool(ret.problems) or item.status == "pending"):
        if item.earlier:
            st.caption(tr("returns.replaces", at=ctx.date(item.earlier.get("at", "")[:10])))
        if ret.problems:  # a few, each in a sentence: where in the workbook, what is wrong, the value written
            st.markdown("\n".join(f"- {shell.shown(p.line(tr), 400)}" for p in ret.problems[:MAX_LISTED]))
            if len(ret.problems) > MAX_LISTED:
                st.dataframe(problems_frame(ret.problems, tr), hide_index=True)
        for change in item.changes:
            st.markdown(f"- {returns.describe(change, tr)}")
        if not ret.problems and not item.changes:
            st.caption(tr("returns.no_change"))
