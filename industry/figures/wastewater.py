"""The Wastewater page's figures: findings in words, readable tables and the drill-down chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..core import formats, palette
from ..core.kept import kept
from ..core.text import sort_key
from ..data import schema
from .mapdeck import STATUS_COLOURS
from .style import target_line, vertical_line

STATUS_STACK = ("compliant", "not_compliant", "no_data", "no_plant")


@kept
def definition(ctx) -> str:
    return ctx.tr("wastewater.definition", counted=schema.describe("site_year", "counted", ctx.lang),
                  compliant=schema.describe("site_year", "compliant", ctx.lang))


@kept
def year_row(clusters: pd.DataFrame, year: int) -> dict:
    rows = clusters[clusters["year"] == year]
    return rows.iloc[0].to_dict() if len(rows) else {}


@kept
def shortfall(ctx, failed: int, no_sample: int, no_plant: int) -> str:
    """The clusters not compliant and why, in the one vocabulary every page, slide and document uses: *not
    compliant* is the sum of those that *failed a limit* (a plant, sampled, a measurement outside the limits), those
    *not sampled* (a plant, no sample in the year) and those *without a treatment plant*."""
    n = ctx.number
    return ctx.tr("wastewater.shortfall", short=n(failed + no_sample + no_plant), failed=n(failed), no_sample=n(no_sample),
                  no_plant=n(no_plant))


@kept
def sites_shortfall(ctx, operating: pd.DataFrame) -> str:
    """:func:`shortfall` of operating clusters listed with their status in the year (the map's sites)."""
    counts = {k: int((operating["year_status"] == k).sum()) for k in ("not_compliant", "no_data", "no_plant")}
    return shortfall(ctx, counts["not_compliant"], counts["no_data"], counts["no_plant"])


@kept
def finding(ctx, row: dict) -> str:
    if not row or not row.get("clusters_count"):
        return ctx.tr("wastewater.finding_none", scope=ctx.scope(), year=ctx.filters.year)
    return ctx.tr("wastewater.finding", rate=ctx.percent(row["compliance_pct"]), year=ctx.filters.year, scope=ctx.scope(),
                  compliant=ctx.number(row["compliant_count"]), counted=ctx.number(row["clusters_count"]),
                  shortfall=shortfall(ctx, row["not_compliant_count"], row["no_data_count"], row["no_plant_count"]))


@kept
def rate_title(ctx, clusters: pd.DataFrame, row: dict, target: float) -> str:
    """The trend in words: from the first year with clusters to the chosen year, and the gap left."""
    known = clusters[clusters["compliance_pct"].notna() & (clusters["year"] <= ctx.filters.year)]
    first = known.iloc[0]
    return ctx.tr("wastewater.rate_title", first_rate=formats.percent(first["compliance_pct"], ctx.lang),
                  first=int(first["year"]), rate=formats.percent(row["compliance_pct"], ctx.lang),
                  year=ctx.filters.year, gap=formats.points(target - row["compliance_pct"], ctx.lang, 0, sign=False),
                  target=formats.percent(target, ctx.lang, 0))


def rate_figure(ctx, clusters: pd.DataFrame, target: float) -> go.Figure:
    fig = go.Figure(go.Scatter(
        x=clusters["year"], y=clusters["compliance_pct"], mode="lines+markers+text",
        text=[formats.percent(v, ctx.lang) for v in clusters["compliance_pct"]], textposition="top center",
        line=dict(color=palette.ACTUAL, width=3), name=ctx.tr("wastewater.series_rate"),
        hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
    ))
    target_line(fig, target, ctx.tr("overview.target_label", value=formats.percent(target, ctx.lang, 0)))
    fig.update_yaxes(range=[0, 108])
    return fig


def status_figure(ctx, clusters: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for status in STATUS_STACK:
        column = "compliant_count" if status == "compliant" else f"{status}_count"
        fig.add_bar(x=clusters["year"], y=clusters[column], name=ctx.tr(f"status.{status}"),
                    marker_color=STATUS_COLOURS[status], hovertemplate="%{x}: %{y}<extra>%{fullData.name}</extra>")
    fig.update_layout(barmode="stack")
    return fig


def status_table(ctx, clusters: pd.DataFrame) -> pd.DataFrame:
    tr = ctx.tr
    return pd.DataFrame({
        tr("col.year"): clusters["year"],
        tr("col.clusters_count"): clusters["clusters_count"],
        tr("col.with_plant_count"): clusters["with_plant_count"],
        tr("col.compliant_count"): clusters["compliant_count"],
        tr("status.not_compliant"): clusters["not_compliant_count"],
        tr("status.no_data"): clusters["no_data_count"],
        tr("status.no_plant"): clusters["no_plant_count"],
        tr("col.compliance_pct"): clusters["compliance_pct"],
    })


def commune_figure(ctx, by_commune: pd.DataFrame, target: float) -> go.Figure:
    df = by_commune.iloc[::-1]  # worst at the top of a horizontal bar chart
    fig = go.Figure(go.Bar(
        x=df["compliance_pct"], y=df["full_name_vi"], orientation="h", marker_color=palette.ACTUAL,
        text=[ctx.tr("wastewater.bar_label", rate=formats.percent(r, ctx.lang), short=s, n=n) if n
              else ctx.tr("wastewater.no_cluster")
              for r, s, n in zip(df["compliance_pct"], df["short_count"], df["clusters_count"], strict=True)],
        textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
    ))
    vertical_line(fig, target, color=palette.TARGET, width=1.5, dash="dash")
    # room on the right for the bars' words, but a share's axis is marked no further than 100 %
    fig.update_xaxes(range=[0, 135], showgrid=True, gridcolor="#e5e8eb", tickvals=list(range(0, 101, 20)))
    fig.update_layout(hovermode="closest")
    return fig


@kept
def commune_title(ctx, by_commune: pd.DataFrame, year: int) -> str:
    """How many of the communes with operating clusters fall short; the chosen communes without one are named."""
    counted = by_commune[by_commune["clusters_count"] > 0]
    title = ctx.tr("wastewater.commune_title", n=ctx.number(int((counted["short_count"] > 0).sum())),
                   total=ctx.number(len(counted)), year=year)
    without = by_commune.loc[by_commune["clusters_count"] == 0, "full_name_vi"].tolist()
    if without:
        title += ctx.tr("wastewater.commune_title_without", n=len(without), names=", ".join(without))
    return title


def commune_table(ctx, by_commune: pd.DataFrame) -> pd.DataFrame:
    tr = ctx.tr
    return pd.DataFrame({
        tr("col.commune"): by_commune["full_name_vi"],
        tr("col.clusters_count"): by_commune["clusters_count"],
        tr("col.compliant_count"): by_commune["compliant_count"],
        tr("col.short_count"): by_commune["short_count"],
        tr("col.compliance_pct"): by_commune["compliance_pct"],
    })


def parameter_name(ctx, code: str, name_vi, unit=None) -> str:
    """A wastewater parameter as readers know it, with its unit when given: in Vietnamese its name in the limits
    table, in English its name in the locale (the code for a parameter neither knows)."""
    if ctx.lang == "vi" and isinstance(name_vi, str) and name_vi:
        name = name_vi
    else:
        name = ctx.tr(f"parameter.{code}") if ctx.tr.has(f"parameter.{code}") else code
    return f"{name} ({unit})" if isinstance(unit, str) and unit else name


def failures_table(ctx, failures: pd.DataFrame) -> pd.DataFrame:
    tr = ctx.tr
    order = sorted(range(len(failures)), key=lambda i: sort_key(failures["name_vi"].iloc[i]))
    f = failures.iloc[order]

    def limit(row) -> str:
        lo, hi = row["min_value"], row["max_value"]
        if pd.isna(row["parameter"]):
            return ""
        if not pd.isna(lo) and not pd.isna(hi):
            return f"{formats.number(lo, ctx.lang, 1)} – {formats.number(hi, ctx.lang, 1)}"
        return f"≤ {formats.number(hi, ctx.lang, 3 if hi < 1 else 0)}"

    def parameter(row) -> str:
        if pd.isna(row["parameter"]):
            return tr("wastewater.no_sample")
        return parameter_name(ctx, row["parameter"], row["parameter_vi"], row["unit"])

    return pd.DataFrame({
        tr("col.name"): [tr.pick(e, v) for e, v in zip(f["name_en"], f["name_vi"], strict=True)],
        tr("col.commune"): f["commune_name_vi"],
        tr("col.parameter"): [parameter(r) for _, r in f.iterrows()],
        tr("col.worst_value"): f["worst_value"],
        tr("col.limit"): [limit(r) for _, r in f.iterrows()],
        tr("col.times_limit"): f["ratio_to_limit"],
        tr("col.exceedances"): [None if pd.isna(p) else f"{e}/{n}" for p, e, n in
                                zip(f["parameter"], f["exceedances_count"], f["samples_count"], strict=True)],
        tr("col.last_compliant_year"): [tr("wastewater.never_compliant") if pd.isna(y) else str(int(y))
                                        for y in f["last_compliant_year"]],
        tr("col.capacity"): f["capacity_m3_per_day"],
    })


@kept
def count_sites(rows: pd.DataFrame) -> int:
    """How many sites `rows` name (a site may have several rows)."""
    return int(rows["site_id"].nunique())


@kept
def sampled_clusters(ctx, sites: pd.DataFrame) -> dict[str, str]:
    """The clusters with a discharge standard (whose samples can be drawn), site id → name in the page's language."""
    names = site_names(ctx, sites)
    return {site: names[site] for site in sites.loc[sites["standard"].notna() & (sites["kind"] == "cluster"), "site_id"]}


@kept
def operating_clusters(sites: pd.DataFrame) -> pd.DataFrame:
    """The clusters among `sites` operating in the year (counted for compliance)."""
    clusters = sites[sites["kind"] == "cluster"]
    return clusters[~clusters["year_status"].fillna("not_operating").isin(palette.NOT_COUNTED)]


@kept
def site_names(ctx, sites: pd.DataFrame) -> dict[str, str]:
    """Site id → the site's name in the page's language."""
    return dict(zip(sites["site_id"], [ctx.tr.pick(e, v) for e, v in zip(sites["name_en"], sites["name_vi"],
                                                                         strict=True)], strict=True))


@kept
def no_plant_sites(sites: pd.DataFrame) -> pd.DataFrame:
    """The operating clusters of the year without a treatment plant (of the map's sites of the year)."""
    return sites[(sites["kind"] == "cluster") & (sites["year_status"] == "no_plant")]


def no_plant_table(ctx, sites: pd.DataFrame) -> pd.DataFrame:
    tr = ctx.tr
    return pd.DataFrame({
        tr("col.name"): [tr.pick(e, v) for e, v in zip(sites["name_en"], sites["name_vi"], strict=True)],
        tr("col.commune"): sites["commune_name_vi"],
        tr("col.opened_year"): sites["opened_year"],
        tr("col.area_ha"): sites["area_ha"],
        tr("col.enterprises_count"): sites["enterprises_count"],
    })


@kept
def reported_lines(ctx, reported: pd.DataFrame, row: dict) -> list[str]:
    """What the report forms state for the chosen year, beside the measured rate, each named for what it is: the
    clusters' Biểu số 02 (their investors'), the city's Biểu số 04 (the Department's); or that none was imported."""
    year = ctx.filters.year
    rows = reported[reported["year"] == year]
    rep = rows.iloc[0] if len(rows) else None
    out = []
    if rep is None or not rep["reporting_count"]:
        out.append(ctx.tr("wastewater.reported_none", year=year))
    else:
        out.append(ctx.tr("wastewater.reported_line", reporting=ctx.number(rep["reporting_count"]),
                          counted=ctx.number(rep["clusters_count"]), year=year,
                          compliant=ctx.number(rep["reported_compliant_count"]), rate=ctx.percent(rep["reported_pct"]),
                          measured=ctx.percent(row.get("compliance_pct"))))
    if rep is not None and pd.notna(rep["city_pct"]):
        out.append(ctx.tr("wastewater.reported_city", year=year, who=rep["city_reported_by"] or "–",
                          compliant=ctx.number(rep["city_compliant_count"]),
                          operating=ctx.number(rep["city_operating_count"]), rate=ctx.percent(rep["city_pct"])))
    return out


@kept
def unreported_title(ctx, sites: pd.DataFrame) -> str:
    year = ctx.filters.year
    return ctx.tr("wastewater.unreported_title", n=ctx.number(len(sites)), year=year) if len(sites) else \
        ctx.tr("wastewater.unreported_none", year=year)


@kept
def reported_note(ctx, reported: pd.DataFrame) -> str:
    """The Overview card's short line: the rate the clusters' own forms report, beside the measured one."""
    rows = reported[reported["year"] == ctx.filters.year]
    if rows.empty or not rows.iloc[0]["reporting_count"]:
        return ctx.tr("overview.kpi_reported_none", year=ctx.filters.year)
    rep = rows.iloc[0]
    return ctx.tr("overview.kpi_reported_note", rate=ctx.percent(rep["reported_pct"]),
                  reporting=ctx.number(rep["reporting_count"]), counted=ctx.number(rep["clusters_count"]))


def unreported_table(ctx, sites: pd.DataFrame) -> pd.DataFrame:
    tr = ctx.tr
    return pd.DataFrame({
        tr("col.name"): [tr.pick(e, v) for e, v in zip(sites["name_en"], sites["name_vi"], strict=True)],
        tr("col.commune"): sites["commune_name_vi"],
        tr("wastewater.col_has_plant"): [tr("map.yes") if p else tr("map.no") for p in sites["has_plant"]],
    })


def samples_figure(ctx, samples: pd.DataFrame) -> go.Figure:
    """Small multiples: each parameter's measurements over time against its limit (dashed)."""
    parameters = list(dict.fromkeys(samples["parameter"]))
    cols = 2
    rows = max(1, -(-len(parameters) // cols))
    titles = []
    for p in parameters:
        first = samples[samples["parameter"] == p].iloc[0]
        titles.append(parameter_name(ctx, p, first["parameter_vi"], first["unit"]))
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, vertical_spacing=0.12 / max(1, rows / 4))
    for i, p in enumerate(parameters):
        r, c = i // cols + 1, i % cols + 1
        d = samples[samples["parameter"] == p]
        colours = [palette.FAILS if e else palette.ACTUAL for e in d["exceeds"]]
        fig.add_scatter(x=d["sampled_on"], y=d["value"], mode="lines+markers", row=r, col=c, showlegend=False,
                        line=dict(color=palette.ACTUAL, width=1.5), marker=dict(color=colours, size=7),
                        hovertemplate="%{x|%Y-%m-%d}: %{y}<extra></extra>")
        for column in ("max_value", "min_value"):
            limits = d[column].dropna()
            if len(limits):
                fig.add_scatter(x=d["sampled_on"], y=d[column], mode="lines", row=r, col=c, showlegend=False,
                                line=dict(color=palette.TARGET, dash="dash", width=1.2), hoverinfo="skip")
    fig.update_layout(height=max(320, 230 * rows), hovermode="closest")
    # months as numbers (01/2025): plotly's own month names are English whatever the page's language
    fig.update_xaxes(tickformat="%m/%Y")
    return fig


def samples_table(ctx, samples: pd.DataFrame) -> pd.DataFrame:
    tr = ctx.tr
    return pd.DataFrame({
        tr("col.date"): samples["sampled_on"],
        tr("col.parameter"): [parameter_name(ctx, p, v) for p, v in zip(samples["parameter"], samples["parameter_vi"],
                                                                       strict=True)],
        tr("col.value"): samples["value"],
        tr("col.unit"): samples["unit"],
        tr("col.min_limit"): samples["min_value"],
        tr("col.max_limit"): samples["max_value"],
        tr("col.outside"): [tr("map.yes") if e else tr("map.no") for e in samples["exceeds"]],
    })


def limits_table(ctx, limits: pd.DataFrame, standards: set[str]) -> pd.DataFrame:
    tr = ctx.tr
    df = limits[limits["standard"].isin(standards)] if standards else limits
    return pd.DataFrame({
        tr("col.standard"): df["standard"],
        tr("col.parameter"): [parameter_name(ctx, p, v) for p, v in zip(df["parameter"], df["parameter_vi"], strict=True)],
        tr("col.min_limit"): df["min_value"],
        tr("col.max_limit"): df["max_value"],
        tr("col.unit"): df["unit"],
        tr("col.valid_from"): df["valid_from"],
    })
