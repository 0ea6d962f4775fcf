"""Wastewater: where the city stands on its compliance target, where the gap is, which clusters fail and why."""

import streamlit as st

from industry.app import charts, first_screen, shell
from industry.data import metrics
from industry.figures import wastewater as ww

ctx = shell.context()
tr, f = ctx.tr, ctx.filters

clusters = ctx.query(metrics.clusters_by_year, f.communes)
by_commune = ctx.query(metrics.wastewater_by_commune, f.year, f.communes)
failures = ctx.query(metrics.wastewater_failures, f.year, f.communes)
sites = ctx.query(metrics.map_sites, f.year, f.communes)
limits = ctx.query(metrics.wastewater_limits)
reported = ctx.query(metrics.reported_wastewater, f.communes)
unreported = ctx.query(metrics.wastewater_unreported, f.year, f.communes)
target = metrics.target(ctx.targets(), "wastewater_compliance_rate")
row = ww.year_row(clusters, f.year)
status_table = shell.shared(ctx, "ww_status_table", lambda: ww.status_table(ctx, clusters), f.communes)

st.title(tr("wastewater.title"))
st.subheader(ww.finding(ctx, row))
st.info(ww.definition(ctx), icon=":material/rule:")

if not row or not row.get("clusters_count"):
    st.warning(tr("wastewater.empty", scope=ctx.scope(), year=f.year), icon=":material/search_off:")
    st.stop()

kpis = st.container(horizontal=True)  # one row of five: a block and its five figures, no column blocks
for label, value in (
    (tr("wastewater.kpi_rate"), ctx.percent(row["compliance_pct"])),
    (tr("col.clusters_count"), ctx.number(row["clusters_count"])),
    (tr("col.with_plant_count"), ctx.number(row["with_plant_count"])),
    (tr("col.compliant_count"), ctx.number(row["compliant_count"])),
    (tr("wastewater.kpi_short"), ctx.number(row["clusters_count"] - row["compliant_count"])),
):
    kpis.metric(label, value, border=True)
st.caption(" ".join(ww.reported_lines(ctx, reported, row)))

left, right = st.columns(2)
with left:
    charts.chart_card(
        ctx, key="ww_rate", title=ww.rate_title(ctx, clusters, row, target.low),
        subtitle=tr("wastewater.rate_subtitle", scope=ctx.scope(), first=ctx.years[0], last=ctx.years[1]),
        fig=charts.cached_figure(ctx, "ww_rate", lambda: charts.style(ww.rate_figure(ctx, clusters, target.low), ctx,
                                 y_title=tr("unit.percent_of_clusters")), f.communes),
        data=status_table, unit=tr("unit.percent_of_clusters"), definition=ww.definition(ctx),
        source=tr("overview.compliance_source", target_source=target.source),
    )
with right:
    charts.chart_card(
        ctx, key="ww_status", title=tr("wastewater.status_title", short=ctx.number(
            row["clusters_count"] - row["compliant_count"]), no_plant=ctx.number(row["no_plant_count"]), year=f.year),
        subtitle=tr("wastewater.status_subtitle", scope=ctx.scope(), first=ctx.years[0], last=ctx.years[1]),
        fig=charts.cached_figure(ctx, "ww_status", lambda: charts.style(ww.status_figure(ctx, clusters), ctx,
                                 y_title=tr("unit.clusters")), f.communes),
        data=status_table, unit=tr("unit.clusters"), definition=ww.definition(ctx),
        source=tr("overview.compliance_source", target_source=target.source),
    )


def below_first_screen():
    charts.chart_card(
        ctx, key="ww_communes",
        title=ww.commune_title(ctx, by_commune, f.year),
        subtitle=tr("wastewater.commune_subtitle", scope=ctx.scope(), year=f.year),
        fig=charts.cached_figure(ctx, "ww_communes", lambda: charts.style(
            ww.commune_figure(ctx, by_commune, target.low), ctx, x_title=tr("unit.percent_of_clusters"),
            height=max(300, 26 * len(by_commune) + 80)), f.year, f.communes),
        data=shell.shared(ctx, "ww_communes_table", lambda: ww.commune_table(ctx, by_commune), f.year,
                          f.communes), unit=tr("unit.percent_of_clusters"), definition=ww.definition(ctx),
        source=tr("overview.compliance_source", target_source=target.source),
    )

    failing_sites = ww.count_sites(failures)
    charts.chart_card(
        ctx, key="ww_failures",
        title=tr("wastewater.failures_title", n=ctx.number(failing_sites), year=f.year) if failing_sites
        else tr("wastewater.failures_none", year=f.year),
        subtitle=tr("wastewater.failures_subtitle"), fig=None, data=shell.shared(
            ctx, "ww_failures_table", lambda: ww.failures_table(ctx, failures), f.year, f.communes),
        unit=tr("wastewater.failures_unit"), definition=tr("wastewater.failures_definition"),
        source=tr("wastewater.samples_source"),
    )

    no_plant = ww.no_plant_sites(sites)
    charts.chart_card(
        ctx, key="ww_no_plant", title=tr("wastewater.no_plant_title", n=ctx.number(len(no_plant)), year=f.year),
        subtitle=tr("wastewater.no_plant_subtitle"), fig=None, data=shell.shared(
            ctx, "ww_no_plant_table", lambda: ww.no_plant_table(ctx, no_plant), f.year, f.communes),
        unit=tr("wastewater.no_plant_unit"), definition=tr("wastewater.no_plant_definition"),
        source=tr("map.source"),
        folded=True,
    )

    charts.chart_card(
        ctx, key="ww_unreported", title=ww.unreported_title(ctx, unreported),
        subtitle=tr("wastewater.unreported_subtitle"), fig=None, data=shell.shared(
            ctx, "ww_unreported_table", lambda: ww.unreported_table(ctx, unreported), f.year, f.communes),
        unit=tr("wastewater.unreported_unit"), definition=tr("wastewater.unreported_definition"),
        source=tr("wastewater.unreported_source"),
        folded=True,
    )

    st.markdown(f"### {tr('wastewater.drill_title')}")
    names = ww.sampled_clusters(ctx, sites)
    default = failures["site_id"].iloc[0] if len(failures) else (next(iter(names)) if names else None)
    options = list(names)
    site_id = st.selectbox(tr("wastewater.drill_choose"), options=options, format_func=names.get, key="ww_site",
                           index=options.index(default) if default in options else None)
    if site_id:
        samples = ctx.query(metrics.cluster_samples, site_id)
        if samples.empty:
            st.info(tr("wastewater.drill_empty"))
        else:
            outside = int(samples["exceeds"].sum())
            charts.chart_card(
                ctx, key="ww_drill", title=tr("wastewater.drill_finding", name=names[site_id], n=ctx.number(len(samples)),
                                              outside=ctx.number(outside)),
                subtitle=tr("wastewater.drill_subtitle", standard=samples["standard"].iloc[0]),
                fig=charts.cached_figure(ctx, "samples", lambda: charts.style(
                    ww.samples_figure(ctx, samples), ctx, height=max(320, 230 * -(-samples["parameter"].nunique() // 2))),
                    site_id),
                data=shell.shared(ctx, "ww_samples_table", lambda: ww.samples_table(ctx, samples), site_id),
                unit=tr("wastewater.samples_unit"),
                definition=tr("wastewater.samples_definition"), source=tr("wastewater.samples_source"),
            )

    charts.chart_card(
        ctx, key="ww_limits", title=tr("wastewater.limits_title"), subtitle=tr("wastewater.limits_subtitle"), fig=None,
        data=shell.shared(ctx, "ww_limits_table", lambda: ww.limits_table(
            ctx, limits, set(sites["standard"].dropna())), f.year, f.communes), unit=tr("wastewater.limits_unit"),
        definition=tr("wastewater.limits_definition"), source=tr("wastewater.limits_source"),
        folded=True,
    )


first_screen.after(ctx, "wastewater", below_first_screen)
