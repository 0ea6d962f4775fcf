"""Hà Nội industrial-promotion dashboard: navigation and the sidebar shared by every page.

    streamlit run dashboard.py
"""

from pathlib import Path

import streamlit as st

from industry.app import reference, shell

FAVICON = Path(__file__).with_name("static") / "favicon.png"  # local: a :material: icon would be fetched from Google
st.set_page_config(page_title="Khuyến công Hà Nội", page_icon=str(FAVICON), layout="wide")  # named per page below

ctx = shell.start()
tr = ctx.tr

pages = [
    st.Page("pages/overview.py", title=tr("nav.overview"), icon=":material/dashboard:", url_path="home",
            default=True),
    st.Page("pages/map.py", title=tr("nav.map"), icon=":material/map:", url_path="map"),
    st.Page("pages/wastewater.py", title=tr("nav.wastewater"), icon=":material/water_drop:",
            url_path="wastewater"),
    st.Page("pages/supporting.py", title=tr("nav.supporting"), icon=":material/precision_manufacturing:",
            url_path="supporting"),
    st.Page("pages/programmes.py", title=tr("nav.programmes"), icon=":material/flag:", url_path="programmes"),
    st.Page("pages/villages.py", title=tr("nav.villages"), icon=":material/storefront:", url_path="villages"),
    st.Page("pages/activities.py", title=tr("nav.activities"), icon=":material/handshake:", url_path="activities"),
    st.Page("pages/commune.py", title=tr("nav.commune"), icon=":material/location_on:", url_path="commune"),
    st.Page("pages/present.py", title=tr("nav.present"), icon=":material/slideshow:", url_path="present"),
    st.Page("pages/addresses.py", title=tr("nav.addresses"), icon=":material/move_location:", url_path="addresses"),
    st.Page("pages/data_import.py", title=tr("nav.import"), icon=":material/upload_file:", url_path="data_import"),
]


def to_overview() -> None:
    """Streamlit serves the default page at / only: /overview (a link written by hand) opens it, filters kept."""
    st.switch_page("pages/overview.py", query_params={key: st.query_params.get_all(key) for key in st.query_params})


pages.append(st.Page(to_overview, title=tr("nav.overview"), url_path="overview", visibility="hidden"))
pages += reference.pages()  # only for measuring (python -m industry.firstdraw)
shell.navigate(pages)
