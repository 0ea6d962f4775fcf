"""Hà Nội industrial-promotion dashboard: navigation and the sidebar shared by every page.

    streamlit run dashboard.py
"""

import streamlit as st

from industry import shell

st.set_page_config(page_title="Hà Nội · Industrial promotion", page_icon=":material/factory:", layout="wide")

ctx = shell.start()
tr = ctx.tr

pages = [
    st.Page("app_pages/overview.py", title=tr("nav.overview"), icon=":material/dashboard:", url_path="overview",
            default=True),
]
st.navigation(pages, position="sidebar").run()
