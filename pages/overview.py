"""Overview: where the city stands this year, in four figures and two trends."""

import streamlit as st

from industry.app import charts, report, returns_desk, shell
from industry.data import metrics
from industry.figures import wastewater as ww
from industry.figures.overview import Overview
from industry.files import importer

ctx = shell.context()
tr, f = ctx.tr, ctx.filters

clusters = ctx.query(metrics.clusters_by_year, f.communes)
enterprises = ctx.query(metrics.enterprises_by_year, f.communes, f.sector)
villages = ctx.query(metrics.villages_by_year, f.communes)
targets = ctx.targets()
view = shell.shared(ctx, "overview", lambda: Overview(clusters, enterprises, villages, targets, f.year), f.communes,
                    f.sector, f.year)

st.title(tr("overview.title"))
st.caption(tr("overview.subtitle", scope=ctx.scope(), year=f.year, sector=ctx.sector_name(f.sector)))

cols = st.columns(4)
with cols[0]:
    now = view.value(clusters, "clusters_count")
    charts.kpi(ctx, label=tr("overview.kpi_clusters"), value=ctx.number(now),
               delta=view.year_change(clusters, "clusters_count", ctx), help=view.definition("clusters", ctx),
               trend=view.trend(clusters, "clusters_count"))
    st.caption(tr("overview.kpi_clusters_note", plants=ctx.number(view.value(clusters, "with_plant_count")),
                  parks=ctx.number(view.value(clusters, "parks_count"))))
    st.page_link("pages/map.py", label=tr("overview.see_map"), icon=":material/map:")
with cols[1]:
    now = view.value(clusters, "compliance_pct")
    charts.kpi(ctx, label=tr("overview.kpi_compliance"), value=ctx.percent(now),
               delta=view.year_change(clusters, "compliance_pct", ctx, points=True), help=view.definition("compliance", ctx),
               trend=view.trend(clusters, "compliance_pct"))
    st.caption(tr("overview.kpi_compliance_note", target=ctx.percent(view.compliance_target.low, 0),
                  short=ctx.number(view.clusters_short())))
    st.caption(ww.reported_note(ctx, ctx.query(metrics.reported_wastewater, f.communes)))
    shell.section_link("pages/wastewater.py", "ww_failures", label=tr("overview.see_wastewater"),
                       icon=":material/water_drop:")
with cols[2]:
    now = view.value(enterprises, "si_certified_pct")
    charts.kpi(ctx, label=tr("overview.kpi_certified"), value=ctx.percent(now),
               delta=view.year_change(enterprises, "si_certified_pct", ctx, points=True), help=view.definition("certified", ctx),
               trend=view.trend(enterprises, "si_certified_pct"))
    t30, t35 = view.share_targets
    n30, n35 = view.count_targets
    note = "overview.kpi_certified_note" if f.whole_city else "overview.kpi_certified_note_scope"
    st.caption(tr(note, si=ctx.number(view.value(enterprises, "si_enterprises_count")),
                  t30=ctx.percent(t30.low, 0), n30=ctx.number(n30.low), t35=ctx.percent(t35.low, 0),
                  n35=ctx.number(n35.low)))
    shell.section_link("pages/supporting.py", "si_pace", label=tr("overview.see_supporting"),
                       icon=":material/precision_manufacturing:")
with cols[3]:
    now = view.value(villages, "recognised_count")  # the number that changes, and its own trend
    charts.kpi(ctx, label=tr("overview.kpi_villages"), value=ctx.number(now),
               delta=view.year_change(villages, "recognised_count", ctx), help=view.definition("villages", ctx),
               trend=view.trend(villages, "recognised_count"))
    st.caption(tr("overview.kpi_villages_note", villages=ctx.number(view.value(villages, "villages_count"))))
    st.page_link("pages/villages.py", label=tr("overview.see_villages"), icon=":material/storefront:")

if f.sector:
    st.caption(tr("overview.sector_note"))

left, right = st.columns(2)
with left:
    charts.chart_card(
        ctx, key="overview_compliance", title=view.compliance_title(ctx),
        subtitle=tr("overview.compliance_subtitle", scope=ctx.scope(), first=ctx.years[0], last=ctx.years[1]),
        fig=charts.cached_figure(ctx, "overview_compliance", lambda: view.compliance_figure(ctx), f.communes, f.year),
        data=view.compliance_table(ctx), unit=tr("unit.percent_of_clusters"),
        definition=view.definition("compliance", ctx),
        source=tr("overview.compliance_source", target_source=view.compliance_target.source),
    )
with right:
    charts.chart_card(
        ctx, key="overview_certified", title=view.certified_title(ctx),
        subtitle=tr("overview.certified_subtitle", scope=ctx.scope(), sector=ctx.sector_name(f.sector),
                    first=ctx.years[0], last=ctx.years[1]),
        fig=charts.cached_figure(ctx, "overview_certified", lambda: view.certified_figure(ctx), f.communes, f.sector,
                                 f.year),
        data=view.certified_table(ctx), unit=tr("unit.percent_of_si"), definition=view.definition("certified", ctx),
        source=tr("overview.certified_source", target_source=t30.source),
    )

report.offer(ctx)
returns_desk.not_returned(ctx, importer.live_path())
