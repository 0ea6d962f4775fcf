"""Map: industrial clusters and parks by wastewater status, craft villages, communes by an indicator."""

import pandas as pd
import streamlit as st

from industry.app import charts, error_report, maps, shell
from industry.data import metrics
from industry.figures import mapdeck
from industry.figures import wastewater as ww

ctx = shell.context()
tr, f = ctx.tr, ctx.filters

communes = ctx.query(metrics.map_communes, f.year, f.sector)
sites = ctx.query(metrics.map_sites, f.year, f.communes)
villages = ctx.query(metrics.map_villages, f.year, f.communes)

operating = ww.operating_clusters(sites)
st.title(tr("map.title"))
st.subheader(tr("map.finding", n=ctx.number(len(operating)), scope=ctx.scope(), year=f.year,
                shortfall=ww.sites_shortfall(ctx, operating)))

controls = st.container(horizontal=True, gap="medium")
indicator = controls.selectbox(tr("map.colour_by"), options=list(mapdeck.INDICATORS), key="map_indicator", index=1,
                               format_func=lambda k: tr(f"map.ind_{k}"), width=320)
layer_names = {"sites": tr("map.layer_sites"), "villages": tr("map.layer_villages")}
layers = set(controls.pills(tr("map.layers"), options=list(layer_names), format_func=layer_names.get,
                            selection_mode="multi", default=list(layer_names), key="map_layers") or [])

focus_id = st.query_params.get("village")  # a link from the Craft villages page centres the map on a village
focus = mapdeck.village_place(villages, focus_id) if focus_id else None
the_deck, breaks = maps.deck(ctx, indicator, layers, focus)
left, right = st.columns([4, 1])
with left:
    event = st.pydeck_chart(the_deck, on_select="rerun", selection_mode="single-object", key="map", height=620)
with right:
    maps.legend(ctx, indicator, breaks, layers)
st.caption(charts.source_line(ctx, tr("map.source")))

picked = maps.selected_object(event)
names = ww.site_names(ctx, sites)
chosen = st.selectbox(tr("map.detail_of"), options=list(names), format_func=names.get, index=None, key="map_detail",
                      placeholder=tr("map.detail_placeholder"))
if not picked and chosen:
    picked = ("sites", {"site_id": chosen})
if not picked and focus:
    picked = ("villages", {"village_id": focus_id})
if picked:
    layer, obj = picked
    with st.container(border=True):
        if layer == "sites":
            row = sites[sites["site_id"] == obj.get("site_id")].iloc[0]
            st.markdown(f"#### {tr.pick(row['name_en'], row['name_vi'])}")
            st.caption(tr("map.site_detail", kind=tr(f"map.site_{row['kind']}"), commune=row["commune_name_vi"],
                          status=tr(f"status.{row['year_status'] or 'not_operating'}"), year=f.year))
            error_report.button(ctx, key="map_site", about=row["name_vi"], dataset="clusters", record_id=row["site_id"])
            inside = ctx.query(metrics.site_enterprises, row["site_id"], f.year)
            names = ctx.sector_names
            table = pd.DataFrame({
                tr("col.sector"): [names.get(s, s) for s in inside["sector"]],
                tr("col.size"): [tr(f"size.{s}") for s in inside["size"]],
                tr("col.enterprises_count"): inside["enterprises_count"],
                tr("col.si_enterprises_count"): inside["si_enterprises_count"],
                tr("col.employees"): inside["employees"],
            })
            charts.chart_card(ctx, key="map_site_inside", title=tr("map.inside_title", n=ctx.number(
                int(inside["enterprises_count"].sum()))), subtitle="", fig=None, data=table,
                unit=tr("unit.enterprises"), definition=tr("map.inside_definition"), source=tr("map.source"))
        elif layer == "villages":
            row = villages[villages["village_id"] == obj.get("village_id")].iloc[0]
            st.markdown(f"#### {tr.pick(row['name_en'], row['name_vi'])}")
            st.caption(tr("map.village_detail", craft=row["craft_vi"] or row["craft"], commune=row["commune_name_vi"],
                          households=ctx.number(row["households"]), workers=ctx.number(row["workers"])))
            error_report.button(ctx, key="map_village", about=row["name_vi"], dataset="craft_villages",
                                record_id=row["village_id"])
        else:
            code = obj.get("code")
            row = communes[communes["code"] == code].iloc[0]
            st.markdown(f"#### {row['full_name_vi']}")
            st.caption(tr("map.commune_detail", clusters=ctx.number(row["clusters_count"]),
                          compliance=ctx.percent(row["compliance_pct"]), enterprises=ctx.number(row["enterprises_count"]),
                          villages=ctx.number(row["villages_count"])))
            inside = sites[sites["commune_code"] == code] if f.communes else ctx.query(
                metrics.map_sites, f.year, (code,))
            inside_table = maps.site_table(ctx, inside)
            charts.data_table(ctx, inside_table, key="map_commune_sites")
            charts.download_buttons(ctx, key="map_commune_sites_dl", data=inside_table,
                                    title=tr("map.table_title", n=ctx.number(len(inside)), scope=row["full_name_vi"]),
                                    unit=tr("map.table_unit"), definition=tr("map.table_definition"),
                                    source=tr("map.source"))
            if st.button(tr("map.open_profile"), key="map_open_profile", icon=":material/location_on:"):
                st.session_state["commune"] = [code]
                st.switch_page("pages/commune.py")
else:
    st.caption(tr("map.click_hint"))

charts.chart_card(
    ctx, key="map_villages_table", title=tr("map.villages_title", n=ctx.number(len(villages)), scope=ctx.scope(),
                                           recognised=ctx.number(int(villages["recognised_in_year"].sum()))),
    subtitle=tr("map.villages_subtitle", year=f.year), fig=None, data=shell.shared(
        ctx, "map_villages_table", lambda: maps.village_table(ctx, villages), f.year, f.communes),
    unit=tr("map.villages_unit"), definition=tr("map.villages_definition"), source=tr("map.source"),
    folded=True,
)
charts.chart_card(
    ctx, key="map_sites_table", title=tr("map.table_title", n=ctx.number(len(sites)), scope=ctx.scope()),
    subtitle=tr("map.table_subtitle", year=f.year), fig=None, data=shell.shared(
        ctx, "map_sites_table", lambda: maps.site_table(ctx, sites), f.year, f.communes),
    unit=tr("map.table_unit"), definition=tr("map.table_definition"), source=tr("map.source"),
    folded=True,
)
