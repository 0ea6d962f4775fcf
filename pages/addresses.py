"""Convert addresses: one address or a whole list, as offices wrote them, to the new communes (writes nothing)."""

import streamlit as st

from industry.app import charts, converter, shell
from industry.files import address_lists

ctx = shell.context()
tr = ctx.tr

st.title(tr("addrpage.title"))
st.caption(tr("addrpage.intro"))

st.markdown(f"### {tr('addrpage.one_title')}")
text = st.text_input(tr("addrpage.one_label"), key="addr_one", max_chars=300, placeholder=tr("addrpage.one_placeholder"))
if text.strip():
    converter.one(ctx, converter.resolve(ctx, text))

st.markdown(f"### {tr('addrpage.list_title')}")
uploaded = st.file_uploader(tr("addrpage.upload_label"), type=["csv", "txt", "xlsx", "xlsm"], key="addr_file")
if uploaded is not None:
    data = uploaded.getvalue()
    try:
        headers = converter.columns(uploaded.name, data)
        column = st.selectbox(tr("addrpage.column"), headers, index=address_lists.likely_column(headers),
                              key="addr_column")
        with st.spinner(tr("addrpage.converting", file=uploaded.name)):
            converted = converter.convert(ctx, uploaded.name, data, column)
    except address_lists.ListError as exc:
        for problem in exc.problems:
            st.error(problem.line(tr), icon=":material/error:")
        st.stop()
    converter.summary(ctx, converted)
    converter.downloads(ctx, converted, uploaded.name)
    check = address_lists.readable(converted, tr, ctx.commune_name)
    if check.empty:
        st.success(tr("addrpage.check_none"), icon=":material/task_alt:")
    else:
        charts.chart_card(ctx, key="addr_check", title=tr("addrpage.check_title", n=len(check)),
                          subtitle=tr("addrpage.check_subtitle"), fig=None, data=check,
                          unit=tr("addrpage.check_unit"), definition=tr("addrpage.check_definition"),
                          source=tr("addrpage.check_source"))
