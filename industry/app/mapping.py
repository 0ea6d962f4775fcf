"""The Import page's confirmation of how the department's own sheets are read: each sheet's columns and their
fields (changeable), the rows left out, the first rows as they will be stored, and the mapping to download."""

from __future__ import annotations

import streamlit as st

from ..data.context import Context
from ..figures import tables
from ..files import department, importer, labels
from . import charts


def confirm(ctx: Context, views: list[department.View]) -> list[dict] | None:
    """Draw every sheet's reading; the records with the reader's changes when they ask to check again, else None."""
    tr = ctx.tr
    st.markdown(f"### {tr('mapping.page_title')}")
    st.caption(tr("mapping.page_text"))
    changed: list[dict] = []
    field_col, letter_col = tr("mapping.col_field"), tr("mapping.col_letter")
    code_col, word_col = tr("mapping.col_code"), tr("mapping.col_word")
    for view in views:
        own = tuple(f"{t}.{c}" for t, cs in view.record.get("tables", {}).items() for c in cs.values())
        options = labels.field_options(tr, own)  # label → field, "không dùng" first
        with st.expander(view.where, expanded=True):
            if view.remembered:
                st.info(tr("mapping.page_remembered"), icon=":material/history:")
            st.markdown(f"**{tr('mapping.page_columns')}**")
            table = st.data_editor(view.columns, key=f"mapping_{view.key}", hide_index=True, width="stretch",
                                   placeholder=tables.MISSING,
                                   disabled=[c for c in view.columns.columns if c != field_col],
                                   column_config={field_col: st.column_config.SelectboxColumn(
                                       field_col, required=True, options=list(options))})
            words = []
            if len(view.words):
                st.markdown(f"**{tr('mapping.page_words')}**")
                for field_, rows in view.words.groupby("field", sort=False):
                    meanings = labels.value_options(field_, tr)  # label → code
                    shown = rows.drop(columns=["field"])
                    chosen = st.data_editor(shown, key=f"words_{view.key}_{field_}", hide_index=True, width="stretch",
                                            placeholder=tables.MISSING,
                                            disabled=[c for c in shown.columns if c != code_col],
                                            column_config={code_col: st.column_config.SelectboxColumn(
                                                code_col, options=list(meanings))})
                    words += [(field_, w, meanings.get(was), meanings.get(now)) for w, was, now in zip(
                        rows[word_col], rows[code_col], chosen[code_col], strict=True)]
            changed.append(department.edited(view.record, {letter: options.get(label) for letter, label in zip(
                table[letter_col], table[field_col], strict=True)}, words))
            if len(view.left_out):
                st.markdown(f"**{tr('mapping.page_left_out')}**")
                charts.data_table(ctx, view.left_out, key=f"left_out_{view.key}")
            for name, rows in view.preview.items():
                st.markdown(f"**{tr('mapping.page_preview', table=name)}**")
                charts.data_table(ctx, rows, key=f"preview_{view.key}_{name}")
    row = st.container(horizontal=True, gap="small")
    row.download_button(tr("mapping.page_download"), importer.mappings_json(changed).encode("utf-8"),
                        file_name=f"{tr('files.mapping')}.json", mime="application/json", icon=":material/download:",
                        on_click="ignore", key="mapping_download")
    if row.button(tr("mapping.page_apply"), icon=":material/refresh:", key="mapping_apply"):
        return changed
    return None


def uploaded_mapping(ctx: Context) -> list[dict]:
    """A saved mapping the reader gives (JSON), or none."""
    given = st.file_uploader(ctx.tr("mapping.page_upload"), type=["json"], key="mapping_file")
    if given is None:
        return []
    try:
        return importer.load_mappings(given.getvalue())
    except ValueError as exc:
        st.error(ctx.tr("mapping.page_bad_mapping", detail=str(exc)))
        return []
