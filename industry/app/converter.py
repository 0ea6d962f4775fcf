"""The Convert addresses page's Streamlit side: one address read aloud, and a list's summary and downloads.

What an address resolves to comes from :mod:`industry.data.addresses`; a list from :mod:`industry.files.address_lists`.
"""

from __future__ import annotations

import streamlit as st

from ..data.addresses import Address
from ..data.context import Context
from ..files import address_lists


def one(ctx: Context, found: Address) -> None:
    """What one address resolves to, in a sentence: the commune, or every candidate, and the part that decided it."""
    tr = ctx.tr
    how = tr(f"addresses.match_{found.match}")
    names = dict(zip(ctx.communes["code"], ctx.communes["full_name_vi"], strict=True))
    if found.code:
        st.success(tr("addrpage.one_new", name=found.name, code=found.code, how=how, matched=found.matched),
                   icon=":material/where_to_vote:")
    elif found.candidates:
        listed = ", ".join(f"{names.get(c, c)} ({c})" for c in found.candidates)
        st.warning(tr("addrpage.one_candidates", how=how, names=listed, matched=found.matched),
                   icon=":material/alt_route:")
    elif found.match == "other_province":
        st.info(tr("addrpage.one_other", how=how, matched=found.matched), icon=":material/public:")
    else:
        st.info(tr("addrpage.one_none", how=how.capitalize()), icon=":material/location_off:")


def summary(ctx: Context, converted: address_lists.Converted) -> None:
    """How many rows were read each way, as five numbers."""
    tr, c = ctx.tr, converted.counts
    values = [("metric_resolved", c["new"] + c["old_whole"]), ("metric_split", c["old_split"]),
              ("metric_several", c["old_several"] + c["district_only"]), ("metric_other", c["other_province"]),
              ("metric_not_found", c["not_found"])]
    for col, (key, value) in zip(st.columns(len(values)), values, strict=True):
        col.metric(tr(f"addrpage.{key}"), ctx.number(value))


def downloads(ctx: Context, converted: address_lists.Converted, stem: str) -> None:
    """The whole list, every row and column as it came, with the new communes: CSV and Excel."""
    tr = ctx.tr
    row = st.container(horizontal=True, gap="small")
    row.download_button(tr("addrpage.download_csv"), address_lists.csv_bytes(converted.table),
                        file_name=f"{stem}-xa-phuong-moi.csv", mime="text/csv", icon=":material/download:",
                        on_click="ignore", key="addr_csv", help=tr("addrpage.download_help"))
    row.download_button(tr("addrpage.download_xlsx"), address_lists.xlsx_bytes(converted.table),
                        file_name=f"{stem}-xa-phuong-moi.xlsx", icon=":material/table:", on_click="ignore",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="addr_xlsx",
                        help=tr("addrpage.download_help"))
