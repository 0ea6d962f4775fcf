"""Programmes: every target of the 2026–2030 programmes and the annual plan, against time."""

import streamlit as st

from industry.app import charts, shell
from industry.figures import programmes

ctx = shell.context()
tr, f = ctx.tr, ctx.filters

targets = ctx.targets()
progress = programmes.until(ctx.programme_progress(), f.year)  # as of the year chosen, never a later year's records
card = shell.shared(ctx, "prog_scorecard", lambda: programmes.scorecard(targets, progress, f.year), f.year)

current, previous = programmes.current_and_previous(card)

st.title(tr("prog.title"))
st.subheader(programmes.finding(tr, current))
st.info(tr("prog.rule"), icon=":material/rule:")
if not f.whole_city:
    st.caption(tr("prog.city_wide"))


progress_config = {
    tr("prog.col_progress"): st.column_config.ProgressColumn(tr("prog.col_progress"), format="percent"),
    tr("prog.col_elapsed"): st.column_config.ProgressColumn(tr("prog.col_elapsed"), format="percent"),
}
ordered = programmes.most_urgent_first(current)
charts.chart_card(
    ctx, key="prog_scorecard", title=tr("prog.scorecard_title"), subtitle=tr("prog.scorecard_subtitle"), fig=None,
    data=shell.shared(ctx, "prog_scorecard_table", lambda: programmes.scorecard_table(ordered, tr), f.year),
    unit=tr("prog.scorecard_unit"), definition=tr("prog.rule_short"),
    source=tr("prog.source"), column_config=progress_config,
)

st.markdown(f"### {tr('prog.indicator_title')}")
chosen = st.selectbox(tr("prog.indicator_choose"), programmes.indicators(current),
                      format_func=lambda i: tr(f"indicator.{i}"), key="prog_indicator")
shown = programmes.indicator(tr, chosen, progress, targets, current)
charts.chart_card(
    ctx, key="prog_indicator_chart",
    title=tr("prog.indicator_finding", indicator=tr(f"indicator.{chosen}"), status=tr(f"pstatus.{shown.status}")),
    subtitle=tr("prog.indicator_subtitle", aggregation=tr(f"prog.agg_{programmes.AGGREGATION.get(chosen, 'latest')}")),
    fig=charts.cached_figure(ctx, "prog_indicator", lambda: programmes.indicator_figure(
        ctx, chosen, shown.rows, shown.target_rows, shown.unit), chosen, f.year),
    data=shown.table, unit=shown.unit, definition=tr(f"indicator.{chosen}"), source=shown.source or tr("prog.source"),
)

st.markdown(f"### {tr('prog.previous_title')}")
charts.chart_card(
    ctx, key="prog_previous", title=tr("prog.previous_finding", achieved=programmes.achieved_count(previous),
                                       n=len(previous)),
    subtitle=tr("prog.previous_subtitle"), fig=None,
    data=shell.shared(ctx, "prog_previous_table", lambda: programmes.scorecard_table(previous, tr), f.year),
    unit=tr("prog.scorecard_unit"),
    definition=tr("prog.rule_short"), source=tr("prog.source"), column_config=progress_config, folded=True,
)
