"""Supporting industry: will Hà Nội reach Decision 6126's goals, and what would it take?"""

import datetime as dt

import streamlit as st

from industry.app import charts, first_screen, shell
from industry.data import metrics
from industry.figures import supporting as si

ctx = shell.context()
tr, f = ctx.tr, ctx.filters

enterprises = ctx.query(metrics.enterprises_by_year, f.communes, f.sector)
share_targets, count_targets = shell.shared(ctx, "si_goals", lambda: si.goals(ctx.targets()))

st.title(tr("si.title"))
if si.empty(enterprises, f.year):
    st.subheader(tr("si.empty_title", scope=ctx.scope(), sector=ctx.sector_name(f.sector), year=f.year))
    st.warning(tr("si.empty", year=f.year), icon=":material/search_off:")
    st.stop()

paces, window, progress = shell.shared(ctx, "si_paces", lambda: (
    si.paces(enterprises, f.year, share_targets, count_targets, f.whole_city), si.fit_years(enterprises, f.year),
    si.progress_table(ctx, enterprises, f.year)), f.year, f.communes, f.sector)
st.subheader(si.sentence(ctx, paces[0], window))
now = si.year_row(enterprises, f.year)
if now["si_enterprises_count"] < si.FEW:
    st.warning(tr("si.few", n=ctx.number(now["si_enterprises_count"])), icon=":material/info:")
st.info(si.definitions(ctx) + "\n\n" + si.target_note(ctx, share_targets, count_targets), icon=":material/rule:")

kpis = st.container(horizontal=True)  # one row of four: a block and its four figures, no column blocks
kpis.metric(tr("si.kpi_share"), ctx.percent(now["si_certified_pct"]), border=True)
kpis.metric(tr("col.si_enterprises_count"), ctx.number(now["si_enterprises_count"]), border=True)
kpis.metric(tr("col.si_certified_count"), ctx.number(now["si_certified_count"]), border=True)
kpis.metric(tr("si.kpi_needed", year=paces[0].target_year), ctx.number(si.enterprises_needed(paces[0].required_per_year)),
               border=True, help=tr("si.kpi_needed_help", recent=si.per_year(paces[0].recent_per_year, ctx.lang)))

scope_line = tr("si.subtitle", scope=ctx.scope(), sector=ctx.sector_name(f.sector), first=ctx.years[0], last=f.year)
left, right = st.columns(2)
with left:
    charts.chart_card(
        ctx, key="si_share", title=si.sentence(ctx, paces[0], window), subtitle=scope_line,
        fig=charts.cached_figure(ctx, "si_share", lambda: charts.style(si.share_figure(
            ctx, enterprises, f.year, share_targets), ctx, y_title=tr("unit.percent_of_si")), f.year, f.communes, f.sector),
        data=progress, unit=tr("unit.percent_of_si"),
        definition=tr("si.projection_method", first=window[0], last=window[1]),
        source=tr("overview.certified_source", target_source=share_targets[0].source),
    )
with right:
    charts.chart_card(
        ctx, key="si_count",
        title=tr("si.count_title", n=ctx.number(now["si_enterprises_count"]), year=f.year,
                 target=ctx.number(count_targets[0].low)) if f.whole_city else
        tr("si.count_title_scope", n=ctx.number(now["si_enterprises_count"]), year=f.year),
        subtitle=scope_line,
        fig=charts.cached_figure(ctx, "si_count", lambda: charts.style(si.count_figure(
            ctx, enterprises, f.year, count_targets, f.whole_city), ctx, y_title=tr("unit.enterprises")),
            f.year, f.communes, f.sector),
        data=progress, unit=tr("unit.enterprises"),
        definition=si.definitions(ctx), source=tr("overview.certified_source", target_source=count_targets[0].source),
    )


def below_first_screen():
    charts.chart_card(
        ctx, key="si_pace", title=tr("si.pace_title"), subtitle=tr("si.pace_subtitle", year=f.year),
        fig=None, data=shell.shared(ctx, "si_pace_table", lambda: si.pace_table(ctx, paces), f.year, f.communes, f.sector),
        unit=tr("si.pace_unit"),
        definition=tr("si.pace_definition", first=window[0], last=window[1]) + (
            "" if f.whole_city else " " + tr("si.pace_scope_note")),
        source=tr("overview.certified_source", target_source=share_targets[0].source),
    )

    average = float(now["si_certified_pct"])
    avg_label = tr("si.average", value=ctx.percent(average))
    left, right = st.columns(2)
    with left:
        by_sector = ctx.query(metrics.si_by_sector, f.year, f.communes)
        labels = si.sector_labels(ctx, by_sector)
        charts.chart_card(
            ctx, key="si_sector", title=tr("si.sector_title", best=labels[0] if labels else "–", year=f.year),
            subtitle=tr("si.sector_subtitle", scope=ctx.scope(), year=f.year),
            fig=charts.cached_figure(ctx, "si_sector", lambda: charts.style(si.bar_figure(
                ctx, labels, list(by_sector["si_certified_pct"]), average, avg_label), ctx, x_title=tr("unit.percent_of_si")),
                f.year, f.communes, f.sector),
            data=shell.shared(ctx, "si_sector_table", lambda: si.breakdown_table(
                ctx, by_sector, tr("col.sector"), labels), f.year, f.communes), unit=tr("unit.percent_of_si"),
            definition=si.definitions(ctx), source=tr("overview.certified_source", target_source=share_targets[0].source),
        )
    with right:
        by_size = ctx.query(metrics.si_by_size, f.year, f.communes, f.sector)
        labels = si.size_labels(tr, by_size)
        charts.chart_card(
            ctx, key="si_size", title=si.size_title(ctx, by_size, f.year),
            subtitle=tr("si.size_subtitle", scope=ctx.scope(), sector=ctx.sector_name(f.sector), year=f.year),
            fig=charts.cached_figure(ctx, "si_size", lambda: charts.style(si.bar_figure(
                ctx, labels, list(by_size["si_certified_pct"]), average, avg_label), ctx, x_title=tr("unit.percent_of_si")),
                f.year, f.communes, f.sector),
            data=shell.shared(ctx, "si_size_table", lambda: si.breakdown_table(
                ctx, by_size, tr("col.size"), labels), f.year, f.communes, f.sector), unit=tr("unit.percent_of_si"),
            definition=tr("si.size_definition"),
            source=tr("overview.certified_source", target_source=share_targets[0].source),
        )

    by_commune = ctx.query(metrics.si_by_commune, f.year, f.sector)
    shown = si.with_base(by_commune)
    city = ctx.query(metrics.enterprises_by_year, (), f.sector)
    city_now = si.year_row(city, f.year)
    charts.chart_card(
        ctx, key="si_commune",
        title=si.commune_title(ctx, shown, f.year),
        subtitle=tr("si.commune_subtitle", sector=ctx.sector_name(f.sector), year=f.year),
        fig=charts.cached_figure(ctx, "si_commune", lambda: charts.style(si.bar_figure(
            ctx, list(shown["full_name_vi"]), list(shown["si_certified_pct"]), float(city_now["si_certified_pct"]),
            tr("si.city_average", value=ctx.percent(city_now["si_certified_pct"])), 18), ctx,
            x_title=tr("unit.percent_of_si")), f.year, f.sector),
        data=shell.shared(ctx, "si_commune_table", lambda: si.breakdown_table(
            ctx, by_commune, tr("col.commune"), list(by_commune["full_name_vi"])), f.year, f.sector),
        unit=tr("unit.percent_of_si"), definition=tr("si.commune_definition"),
        source=tr("overview.certified_source", target_source=share_targets[0].source),
    )

    by_standard = ctx.query(metrics.si_by_standard, f.year, f.communes, f.sector)
    charts.chart_card(
        ctx, key="si_standard",
        title=tr("si.standard_title", first=by_standard["standard"].iloc[0] if len(by_standard) else "–",
                 n=ctx.number(by_standard["si_holders_count"].iloc[0] if len(by_standard) else 0), year=f.year),
        subtitle=tr("si.standard_subtitle", scope=ctx.scope(), sector=ctx.sector_name(f.sector), year=f.year),
        fig=None, data=shell.shared(ctx, "si_standards_table", lambda: si.standards_table(
            ctx, by_standard, int(now["si_enterprises_count"])), f.year, f.communes, f.sector),
        unit=tr("si.standard_unit"), definition=tr("si.standard_definition"),
        source=tr("overview.certified_source", target_source=share_targets[0].source), folded=True,
    )

    st.markdown(f"### {tr('si.actions_title')}")
    today = dt.date.today()  # the list is read on a day after its data date: it says where each certificate stands now
    expiring = ctx.query(metrics.si_expiring, f.year, f.communes, f.sector, today)
    total = int(expiring["total_count"].iloc[0]) if len(expiring) else 0
    charts.chart_card(
        ctx, key="si_expiring", title=tr("si.expiring_title", n=ctx.number(total), year=f.year, next=f.year + 1),
        subtitle=si.expiring_subtitle(ctx, expiring, f.year, today),
        fig=None, data=shell.shared(ctx, "si_expiring_table", lambda: si.expiring_table(ctx, expiring, today), f.year,
                                    f.communes, f.sector, today),
        unit=tr("si.list_unit"),
        definition=tr("si.expiring_definition", year=f.year), source=tr("si.list_source"),
        folded=True,
    )
    uncertified = ctx.query(metrics.si_uncertified, f.year, f.communes, f.sector)
    total = int(uncertified["total_count"].iloc[0]) if len(uncertified) else 0
    charts.chart_card(
        ctx, key="si_uncertified", title=tr("si.uncertified_title", n=ctx.number(total), year=f.year),
        subtitle=tr("si.list_limit", shown=ctx.number(len(uncertified)), total=ctx.number(total))
        if total > len(uncertified) else tr("si.uncertified_subtitle"),
        fig=None, data=shell.shared(ctx, "si_uncertified_table", lambda: si.uncertified_table(ctx, uncertified), f.year,
                                    f.communes, f.sector),
        unit=tr("si.list_unit"),
        definition=tr("si.uncertified_definition", year=f.year), source=tr("si.list_source"),
        folded=True,
    )


first_screen.after(ctx, "supporting", below_first_screen)
