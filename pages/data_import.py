"""Import: templates, upload and check, import all or nothing, roll back, and the log (administrators only)."""

import streamlit as st

from industry.app import admin, charts, error_desk, mapping, returns_desk, shell
from industry.files import changes, department, export, importer, templates
from industry.files.problems import frame as problems_frame

ctx = shell.context()
tr = ctx.tr
live = importer.live_path()

st.title(tr("importpage.title"))
st.caption(tr("importpage.intro"))

st.markdown(f"### {tr('importpage.templates_title')}")
st.caption(tr("importpage.templates_text"))
row = st.container(horizontal=True, gap="small")
row.download_button(tr("importpage.templates_xlsx"), (templates.TEMPLATES_DIR / templates.WORKBOOK_NAME).read_bytes,
                    file_name=f"{tr('files.templates_xlsx')}.xlsx", icon=":material/table:", on_click="ignore", key="tpl_xlsx",
                    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
row.download_button(tr("importpage.templates_csv"), templates.zip_bytes, file_name=f"{tr('files.templates_csv')}.zip",
                    mime="application/zip", icon=":material/folder_zip:", on_click="ignore", key="tpl_csv")

who = admin.require(tr)  # below: administrators only
row.download_button(tr("importpage.current_csv"), lambda: export.zip_bytes(live), file_name=f"{tr('files.current')}.zip",
                    mime="application/zip", icon=":material/download:", on_click="ignore", key="current_csv")

st.markdown(f"### {tr('importpage.upload_title')}")
uploaded = st.file_uploader(tr("importpage.upload_label"), type=["csv", "txt", "xlsx", "xlsm", "xls", "ods"],
                            accept_multiple_files=True, key="import_files")
files = [(u.name, u.getvalue()) for u in uploaded or []]
saved = (mapping.uploaded_mapping(ctx) if files else []) + st.session_state.get("import_mapping", [])
signature = importer.signature(files)
checked = st.session_state.get("import_checked")


whole = ["all"] if files and st.checkbox(tr("importpage.replace_whole"), key="import_replace_whole",
                                         help=tr("importpage.replace_whole_help")) else []
signature = (signature, tuple(whole))


def run_check(saved: list[dict]) -> tuple:
    with st.spinner(tr("importpage.checking", n=len(files))):
        result = importer.check(files, live, saved=importer.Store(live).mappings_with(saved), replace=whole)
        foreseen = importer.foresee(result, live if live.exists() else None)
    return signature, importer.summary(result), department.views(result, tr), foreseen


if files and st.button(tr("importpage.check"), icon=":material/fact_check:", key="import_check"):
    checked = st.session_state["import_checked"] = run_check(saved)

if files and checked and checked[0] == signature and checked[2]:
    edits = mapping.confirm(ctx, checked[2])
    if edits is not None:
        st.session_state["import_mapping"] = saved = edits
        checked = st.session_state["import_checked"] = run_check(saved)
        st.rerun()

if files and checked and checked[0] == signature:
    summary = checked[1]
    if summary.problems:
        problems = problems_frame(summary.problems, tr)
        charts.chart_card(ctx, key="import_problems", title=tr("importpage.problems_title", count=summary.problem_count),
                          subtitle=tr("importpage.problems_subtitle"), fig=None, data=problems,
                          unit=tr("importpage.problems_unit"), definition=tr("importpage.problems_definition"),
                          source=tr("importpage.problems_source"))
    else:
        if summary.whole:
            st.warning(tr("importpage.ready_whole", replaced=", ".join(tr(f"table.{t}") for t in summary.whole)),
                       icon=":material/warning:")
        else:
            st.success(tr("importpage.ready", replaced=", ".join(tr(f"table.{t}") for t in summary.replaced)))
        if summary.skipped:
            st.caption(tr("importpage.skipped", tables=", ".join(summary.skipped)))
        foreseen = checked[3]
        sure = True
        if foreseen is not None:
            shown = (lambda v: ctx.number(v)), (lambda v: ctx.percent(v))
            counts = {k: sum(getattr(t, k) for t in foreseen.tables) for k in ("added", "changed", "removed")}
            charts.chart_card(ctx, key="import_change", title=tr("changes.page_title", year=foreseen.year),
                              subtitle=tr("changes.page_subtitle"), fig=None,
                              data=changes.frame(foreseen, tr, *shown), unit=tr("changes.unit"),
                              definition=tr("changes.definition"), source=tr("changes.source"))
            charts.chart_card(ctx, key="import_records",
                              title=tr("changes.page_records", **{k: ctx.number(v) for k, v in counts.items()}),
                              subtitle=tr("changes.page_records_subtitle"), fig=None,
                              data=changes.records_frame(foreseen, tr, shown[0]), unit=tr("changes.col_table"),
                              definition=tr("changes.definition"), source=tr("changes.source"))
            if foreseen.removes_many:
                many = [tr(f"table.{t.table}") for t in foreseen.tables if t.removes_many]
                sure = st.checkbox(tr("changes.confirm_many", tables=", ".join(many)), key="import_confirm_many")
        if st.button(tr("importpage.import_now"), type="primary", icon=":material/publish:", key="import_now",
                     disabled=not sure):
            with st.status(tr("importpage.importing"), expanded=True) as status:
                outcome = importer.import_files(files, live, who, sink=status.write, saved=saved, replace=whole)
                status.update(state="complete" if outcome.ok else "error")
            st.session_state.pop("import_checked", None)
            st.session_state.pop("import_mapping", None)
            if outcome.ok:
                st.success(tr("importpage.imported", seconds=ctx.number(outcome.seconds, 1),
                              replaced=", ".join(tr(f"table.{t}") for t in outcome.replaced)),
                           icon=":material/check_circle:")
            else:
                st.error(tr("importpage.failed"))
                charts.chart_card(ctx, key="import_failed", title=tr("importpage.problems_title",
                                                                      count=outcome.problem_count),
                                  subtitle=tr("importpage.problems_subtitle"), fig=None,
                                  data=problems_frame(outcome.problems, tr),
                                  unit=tr("importpage.problems_unit"), definition=tr("importpage.problems_definition"),
                                  source=tr("importpage.problems_source"))

st.markdown(f"### {tr('importpage.rollback_title')}")
st.caption(tr("importpage.rollback_text"))
confirm = st.checkbox(tr("importpage.rollback_confirm"), key="rollback_confirm")
if st.button(tr("importpage.rollback"), disabled=not confirm, icon=":material/undo:", key="rollback"):
    outcome = importer.rollback(live, who)
    if outcome.ok:
        st.success(tr("importpage.rolled_back"))
    else:
        st.error(outcome.problems[0].message(tr))

history = importer.history_table(live, tr)
if history.empty:
    st.caption(tr("importpage.history_empty"))
else:
    charts.chart_card(ctx, key="import_history", title=tr("importpage.history_title"),
                      subtitle=tr("importpage.history_subtitle"), fig=None, data=history,
                      unit=tr("importpage.history_unit"), definition=tr("importpage.history_definition"),
                      source=tr("importpage.history_source"))

returns_desk.desk(ctx, live, who)
error_desk.desk(ctx, live, who)
