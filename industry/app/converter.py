"""The Convert addresses page's Streamlit side: one address read aloud, and a list's summary and downloads.

What an address resolves to comes from :mod:`industry.data.addresses`; a list from :mod:`industry.files.address_lists`.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ..data import addresses, metrics
from ..data.addresses import Address
from ..data.context import Context
from ..figures import mapdeck
from ..files import address_lists
from . import charts, shell


def one(ctx: Context, found: Address) -> None:
    """What one address resolves to, in a sentence: the commune, or every candidate, and the part that decided it
    (as typed, without markup)."""
    tr = ctx.tr
    how = tr(f"addresses.match_{found.match}")
    matched = shell.shown(found.matched, 120)
    if found.code:
        st.success(tr("addrpage.one_new", name=found.name, code=found.code, how=how, matched=matched),
                   icon=":material/where_to_vote:")
    elif found.candidates:
        listed = ", ".join(f"{ctx.commune_name(c)} ({c})" for c in found.candidates)
        st.warning(tr("addrpage.one_candidates", how=how, names=listed, matched=matched),
                   icon=":material/alt_route:")
        if len(found.candidates) <= 12:  # where they are: a small map, and what the official table does not say
            if found.match == "old_split":
                st.caption(tr("addrpage.split_parts"))
            names = {c: ctx.commune_name(c) for c in found.candidates}
            st.plotly_chart(shell.shared(ctx, "candidates_map", lambda: mapdeck.candidates_figure(
                ctx.query(metrics.commune_shapes), found.candidates, names), found.candidates),
                key="addr_candidates_map", config={"displaylogo": False, "staticPlot": True})
    elif found.match == "other_province":
        st.info(tr("addrpage.one_other", how=how, matched=matched), icon=":material/public:")
    else:
        st.info(tr("addrpage.one_none", how=how.capitalize()), icon=":material/location_off:")


@st.cache_data(max_entries=8, show_spinner=False)
def columns(name: str, data: bytes) -> list[str]:
    """The list's headers, read once per file (address_lists.columns)."""
    return address_lists.columns(name, data)


def places(ctx: Context) -> dict:
    """The real clusters, parks and villages by name, for addresses that name one (once per database version)."""
    return shell.shared(ctx, "named_places", lambda: addresses.place_index(
        ctx.query(metrics.named_places)[["name_vi", "commune_code"]].itertuples(index=False)))


def resolve(ctx: Context, text: str) -> Address:
    """One address as the page reads it: its units, then a site it names."""
    return addresses.at_named_site(addresses.resolve(text), places(ctx))


def convert(ctx: Context, name: str, data: bytes, column: str) -> address_lists.Converted:
    """The list with its communes, resolved once per file, column and database, not again on every click."""
    return _convert(name, data, column, str(ctx.version), places(ctx))


@st.cache_data(max_entries=8, show_spinner=False)
def _convert(name: str, data: bytes, column: str, version: str, _places: dict) -> address_lists.Converted:
    """`version` keys the cache (the places are the database's, not hashed); it is not read here."""
    return address_lists.convert(name, data, column, places=_places)


def summary(ctx: Context, converted: address_lists.Converted) -> None:
    """How many rows were read each way (address_lists.GROUPS), as five numbers."""
    counts = converted.groups()
    for col, (group, value) in zip(st.columns(len(counts)), counts.items(), strict=True):
        col.metric(ctx.tr(f"addrpage.metric_{group}"), ctx.number(value))


def downloads(ctx: Context, converted: address_lists.Converted, name: str) -> None:
    """The whole list, every row and column as it came, with the new communes: CSV and Excel, made when clicked."""
    tr = ctx.tr
    stem = charts.slug(Path(name).stem, 60) + "-" + tr("files.converted")
    row = st.container(horizontal=True, gap="small")
    row.download_button(tr("addrpage.download_csv"), lambda: address_lists.csv_bytes(converted.table),
                        file_name=f"{stem}.csv", mime="text/csv", icon=":material/download:",
                        on_click="ignore", key="addr_csv", help=tr("addrpage.download_help"))
    row.download_button(tr("addrpage.download_xlsx"), lambda: address_lists.xlsx_bytes(converted.table, tr),
                        file_name=f"{stem}.xlsx", icon=":material/table:", on_click="ignore",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="addr_xlsx",
                        help=tr("addrpage.download_help"))
