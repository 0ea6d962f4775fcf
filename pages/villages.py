"""Craft villages: by craft and commune, recognised or not, findable by name, and their industrial clusters."""

import pandas as pd
import streamlit as st

from industry.app import charts, shell
from industry.data import metrics
from industry.figures import villages

ctx = shell.context()
tr, f = ctx.tr, ctx.filters

by_craft = ctx.query(metrics.villages_by_craft, f.year, f.communes)
by_commune = ctx.query(metrics.villages_by_commune, f.year)
sites = ctx.query(metrics.map_sites, f.year, f.communes)

st.title(tr("villages.title"))
st.subheader(villages.finding(ctx, by_craft, f.year))
if villages.total(by_craft) == 0:
    st.warning(tr("villages.empty"), icon=":material/search_off:")
    st.stop()
top = by_craft.iloc[0]
st.caption(tr("villages.sector_note") if f.sector else "")

charts.chart_card(
    ctx, key="villages_craft", title=tr("villages.craft_title", craft=tr(f"craft.{top['craft']}"),
                                        n=ctx.number(top["villages_count"])),
    subtitle=tr("villages.craft_subtitle", scope=ctx.scope(), year=f.year),
    fig=charts.cached_figure(ctx, "villages_craft", lambda: charts.style(
        villages.craft_figure(tr, by_craft), ctx, x_title=tr("unit.villages")), f.year, f.communes),
    data=shell.shared(ctx, "villages_craft_table", lambda: villages.craft_table(tr, by_craft), f.year, f.communes),
    unit=tr("villages.unit"), definition=tr("villages.definition"), source=tr("villages.source"),
)

ranked = villages.in_scope(by_commune, f.communes)
first = ranked.iloc[0] if len(ranked) else None
charts.chart_card(
    ctx, key="villages_commune",
    title=tr("villages.commune_title", commune=first["full_name_vi"], n=ctx.number(first["villages_count"]))
    if first is not None else tr("villages.none", scope=ctx.scope()),
    subtitle=tr("villages.commune_subtitle", year=f.year), fig=None,
    data=villages.commune_table(tr, ranked),
    unit=tr("villages.unit"), definition=tr("villages.definition"), source=tr("villages.source"),
)

st.markdown(f"### {tr('villages.search_title')}")
text = st.text_input(tr("villages.search"), key="village_search", max_chars=80,
                     placeholder=tr("villages.search_placeholder"))
if text:
    found = ctx.query(metrics.village_search, text, f.year, f.communes)
    if found.empty:
        st.caption(tr("villages.search_none"))
    for row in found.itertuples():
        link = f"map?village={row.village_id}&year={f.year}&lang={ctx.lang}"
        status = tr("villages.recognised_in", year=int(row.recognised_year)) if row.recognised_in_year else (
            tr("villages.recognition_unknown") if not row.is_demo and pd.isna(row.recognised_year)
            else tr("villages.not_recognised"))
        st.markdown(f"**{tr.pick(row.name_en, row.name_vi)}** · {row.commune_name_vi} · "
                    f"{tr(f'craft.{row.craft}') if tr.has(f'craft.{row.craft}') else row.craft} · {status} · "
                    f"[{tr('villages.on_map')}]({link})")

clusters = villages.craft_village_clusters(ctx, sites)
charts.chart_card(
    ctx, key="villages_clusters",
    title=tr("villages.clusters_title", n=ctx.number(clusters.count), compliant=ctx.number(clusters.compliant),
             operating=ctx.number(clusters.operating), year=f.year),
    subtitle=tr("villages.clusters_subtitle"), fig=None, data=clusters.table,
    unit=tr("map.table_unit"), definition=tr("villages.clusters_definition"), source=tr("map.source"),
)
