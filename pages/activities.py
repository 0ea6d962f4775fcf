"""Activities: what the industrial promotion programmes delivered, where, to whom, and where support has not gone."""

import streamlit as st

from industry.app import charts, first_screen, shell
from industry.data import metrics
from industry.figures import activities

ctx = shell.context()
tr, f = ctx.tr, ctx.filters
first = metrics.ACTIVITIES_FROM

by_year = ctx.query(metrics.activities_by_year, f.communes)
by_commune = ctx.query(metrics.activities_by_commune, f.year)
listed = ctx.query(metrics.activities_list, f.year, f.communes)
summary = activities.year_summary(by_year, f.year)
span = ctx.query(metrics.activity_years)
source = tr("act.source", records=tr("act.records", first=span[0], last=span[1]) if span else tr("act.no_records"))

st.title(tr("act.title"))
st.subheader(activities.finding(ctx, summary, by_commune, first))
if f.sector:
    st.caption(tr("act.sector_note"))
if by_year.empty:
    st.info(tr("act.empty", scope=ctx.scope(), first=first), icon=":material/search_off:")

cols = st.columns(4)
with cols[0]:
    charts.kpi(ctx, label=tr("act.kpi_activities", year=f.year), value=ctx.number(summary.activities), delta=None,
               help=tr("act.kpi_activities_help"))
with cols[1]:
    charts.kpi(ctx, label=tr("act.kpi_state"), value=ctx.number(summary.state), delta=None, help=tr("act.kpi_state_help"))
with cols[2]:
    charts.kpi(ctx, label=tr("act.kpi_counterpart"), value=ctx.number(summary.counterpart), delta=None,
               help=tr("act.kpi_counterpart_help"))
with cols[3]:
    charts.kpi(ctx, label=tr("act.kpi_reached"), value=ctx.number(summary.establishments), delta=None,
               help=tr("act.kpi_reached_help", businesses=ctx.number(summary.businesses),
                       officials=ctx.number(summary.officials)))

if not by_year.empty:
    funds = activities.funds_by_year(by_year)
    charts.chart_card(
        ctx, key="act_funds", title=tr("act.funds_title", state=ctx.number(summary.state), year=f.year),
        subtitle=tr("act.funds_subtitle", first=int(funds["year"].min()), last=int(funds["year"].max()), scope=ctx.scope()),
        fig=charts.cached_figure(ctx, "act_funds", lambda: activities.funds_figure(ctx, funds), f.communes, f.year),
        data=activities.funds_table(funds, tr),
        unit=tr("act.funds_unit"), definition=tr("act.funds_definition"), source=source,
    )


def below_first_screen():
    kinds = activities.kinds_of(by_year, f.year)
    if len(kinds):
        names = activities.kind_names(kinds, tr)
        top = kinds.iloc[-1]
        charts.chart_card(
            ctx, key="act_kinds", title=tr("act.kinds_title", kind=tr(f"act.kind_{top['kind']}"), year=f.year,
                                           state=ctx.number(top["state_million_vnd"])),
            subtitle=tr("act.kinds_subtitle", year=f.year, scope=ctx.scope()),
            fig=charts.cached_figure(ctx, "act_kinds", lambda: activities.kinds_figure(ctx, kinds, names), f.communes,
                                     f.year),
            data=activities.kinds_table(kinds, tr),
            unit=tr("act.kinds_unit"), definition=tr("act.kinds_definition"), source=source,
        )

    st.markdown(f"### {tr('act.need_title', first=first, year=f.year)}")
    st.warning(activities.unreached_sentence(by_commune, tr, first, f.year, within=f.communes),
               icon=":material/location_off:")
    ranked = activities.ranked_within(by_commune, f.communes)
    charts.chart_card(
        ctx, key="act_need", title=tr("act.need_title", first=first, year=f.year), subtitle=tr("act.need_subtitle"),
        fig=None, data=shell.shared(ctx, "act_need_table", lambda: activities.commune_table(ranked, tr), f.communes, f.year),
        unit=tr("act.need_unit"),
        definition=tr("act.need_definition", first=first), source=source,
    )

    charts.chart_card(
        ctx, key="act_list", title=tr("act.list_title", n=ctx.number(len(listed)), year=f.year),
        subtitle=tr("act.list_subtitle", scope=ctx.scope()), fig=None,
        data=shell.shared(ctx, "act_list_table", lambda: activities.activity_table(listed, tr), f.communes, f.year),
        unit=tr("act.list_unit"), definition=tr("act.list_definition"), source=source,
    )


first_screen.after(ctx, "activities", below_first_screen)
