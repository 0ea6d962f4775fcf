"""Commune profile: one commune (or two to four side by side), its figures, ranks, lists and a PDF."""

import streamlit as st

from industry.app import charts, first_screen, maps, returns_desk, shell
from industry.figures import profile
from industry.figures.overview import Overview
from industry.outputs import pdf

ctx = shell.context()
tr, f = ctx.tr, ctx.filters

st.title(tr("profile.title"))
codes = list(f.communes)
if not codes:
    st.info(tr("profile.choose"), icon=":material/location_on:")
    labels = shell.commune_labels(ctx)  # "Xã Bát Tràng · Bat Trang": found as "bat trang" too
    st.selectbox(tr("profile.choose_one"), options=list(labels), format_func=labels.get, index=None,
                 key="profile_pick", placeholder=tr("profile.pick_placeholder"), on_change=shell.choose_commune,
                 args=("profile_pick",))
    st.stop()
if len(codes) > 4:
    st.warning(tr("profile.too_many", n=len(codes)))
    codes = codes[:4]

profiles = shell.cached(ctx, "profiles", lambda: profile.build_profiles(ctx.query, codes, f.year, f.sector, tr,
                                                                       scope=f.communes),
                        tuple(codes), f.year, f.sector)
st.subheader(tr("profile.subtitle_one", name=profiles[0].name, year=f.year) if len(profiles) == 1 else
             tr("profile.subtitle_many", names=", ".join(p.name for p in profiles), year=f.year))

pdf_name = tr("files.profile", names="-".join(charts.slug(p.name, 30) for p in profiles[:4]), year=f.year)
st.download_button(tr("profile.pdf"), lambda: pdf.pdf_bytes(profiles, tr, ctx.info),
                   file_name=f"{pdf_name}.pdf", mime="application/pdf",
                   icon=":material/picture_as_pdf:", on_click="ignore", type="primary", key="profile_pdf")
if len(codes) == 1:
    returns_desk.own_button(ctx, codes[0])

# fitted with a clear margin in the narrowest column it gets (1280 px wide): the whole commune and every cluster
the_deck, breaks = maps.deck(ctx, "none", {"sites", "villages"}, only_selected=True, fit=(560, 380, 0.1))
map_column, legend_column = st.columns([4, 1])
with map_column:
    st.pydeck_chart(the_deck, height=380, key="profile_map")
with legend_column:
    maps.legend(ctx, "none", breaks, {"sites", "villages"})
st.caption(charts.source_line(ctx, tr("map.source")))

if len(profiles) == 1:
    heading, figures = profiles[0].name, profiles[0].figures
    title = tr("profile.figures_title", name=heading, year=f.year)
else:  # two to four communes side by side in one table, as on paper
    heading = title = tr("profile.compare_title", names=", ".join(p.name for p in profiles), year=f.year)
    figures = profile.comparison(profiles, tr)
st.markdown(f"### {heading}")
st.table(figures.set_index(figures.columns[0]))
charts.download_buttons(ctx, key="profile_figures", data=figures, title=title, unit=tr("profile.figures_unit"),
                        definition=tr("profile.figures_definition"), source=tr("profile.figures_source"))


def below_first_screen():
    left, right = st.columns(2)
    for holder, title in ((left, "compliance"), (right, "certified")):
        unit = tr("unit.percent_of_clusters" if title == "compliance" else "unit.percent_of_si")
        with holder:
            charts.chart_card(
                ctx, key=f"profile_{title}", title=profile.trend_title(ctx, profiles, title, f.year),
                subtitle=tr("profile.trend_subtitle", first=ctx.years[0], last=ctx.years[1]),
                fig=charts.cached_figure(ctx, f"profile_{title}", lambda t=title, u=unit: profile.trend_figure(
                    ctx, profiles, t, u), tuple(codes), f.sector),  # the trends do not depend on the year
                data=profile.trend_data(profiles, title, tr), unit=unit, definition=Overview.definition(title, ctx),
                source=tr("map.source"),
            )

    # the lists of every chosen commune in one table each (the sites and villages tables name their commune)
    st.markdown(f"### {tr('profile.lists_title', name=', '.join(p.name for p in profiles))}")
    lists = shell.shared(ctx, "profile_lists", lambda: profile.list_tables(ctx, profiles), tuple(codes), f.year, f.sector)
    charts.chart_card(
        ctx, key="profile_predecessors", title=tr("profile.predecessors_title", n=len(lists.predecessors)),
        subtitle=tr("profile.predecessors_subtitle"), fig=None, data=lists.predecessors,
        unit=tr("profile.predecessors_unit"), definition=tr("profile.predecessors_definition"),
        source=tr("profile.predecessors_source"),
    )
    charts.chart_card(
        ctx, key="profile_sites", title=tr("profile.sites_title", n=len(lists.sites)), subtitle="", fig=None,
        data=lists.sites, unit=tr("map.table_unit"), definition=tr("map.table_definition"), source=tr("map.source"),
    )
    charts.chart_card(
        ctx, key="profile_villages", title=tr("profile.villages_title", n=len(lists.villages)), subtitle="", fig=None,
        data=lists.villages, unit=tr("villages.unit"), definition=tr("villages.definition"), source=tr("villages.source"),
    )


first_screen.after(ctx, "commune", below_first_screen)
