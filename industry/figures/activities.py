"""Industrial promotion activities: what a year delivered, and where support has not gone.

Support against need, per commune, from the first activity year to the chosen year:
a commune is *in need* when it is a rural commune (xã) with a craft village or with at least as
many rural industrial establishments (active micro and small enterprises) as the median xã;
one *in need* that received no local activity in the period is named in the page's finding.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core.i18n import Translator
from ..core.kept import kept
from ..core.text import sort_key

_EN = Translator("en")

LOCAL_KINDS = ("demonstration_model", "machinery_technology", "cleaner_production", "digital_transformation",
               "product_design")  # delivered to an establishment or village in a commune; the rest are city-wide
NAMED = 5  # communes named in the finding; the rest are counted


@dataclass(frozen=True)
class Year:
    activities: int
    state: float  # million VND
    counterpart: float  # million VND
    establishments: int  # establishments and villages reached by local activities
    businesses: int  # businesses at fairs, exhibitions and Giftshow
    officials: int  # officials trained


@kept
def year_summary(by_year: pd.DataFrame, year: int) -> Year:
    rows = by_year[by_year["year"] == year]
    reach = rows.groupby("kind")["beneficiaries"].sum()
    return Year(
        activities=int(rows["activities_count"].sum()),
        state=float(rows["state_million_vnd"].sum()),
        counterpart=float(rows["counterpart_million_vnd"].sum()),
        establishments=int(sum(reach.get(k, 0) for k in LOCAL_KINDS)),
        businesses=int(sum(reach.get(k, 0) for k in ("trade_fair", "international_exhibition", "giftshow"))),
        officials=int(reach.get("training", 0)),
    )


@kept
def funds_by_year(by_year: pd.DataFrame) -> pd.DataFrame:
    """State and counterpart funds and activities per year."""
    out = by_year.groupby("year", as_index=False)[["activities_count", "state_million_vnd",
                                                    "counterpart_million_vnd"]].sum()
    return out.sort_values("year")


@kept
def funds_table(funds: pd.DataFrame, tr: Translator) -> pd.DataFrame:
    """The funds chart's data, as its card's table and downloads give it."""
    return pd.DataFrame({tr("act.col_year"): funds["year"], tr("act.col_activities"): funds["activities_count"],
                         tr("act.col_state"): funds["state_million_vnd"],
                         tr("act.col_counterpart"): funds["counterpart_million_vnd"]})


@kept
def in_need(by_commune: pd.DataFrame) -> pd.Series:
    """Rural communes (xã) with a craft village or at least the median xã's number of establishments."""
    rural = by_commune["kind"] == "xã"
    counts = by_commune.loc[rural, "establishments_count"]
    threshold = float(counts.median()) if len(counts) else float("inf")
    return rural & ((by_commune["villages_count"] > 0) | (by_commune["establishments_count"] >= threshold))


@kept
def ranked(by_commune: pd.DataFrame) -> pd.DataFrame:
    """Communes in need first, least supported (funds per 100 establishments and villages) first."""
    out = by_commune.assign(in_need=in_need(by_commune),
                            need=by_commune["establishments_count"] + by_commune["villages_count"])
    out = out.sort_values(["in_need", "state_per_100", "need"], ascending=[False, True, False], na_position="last")
    return out.reset_index(drop=True)


@kept
def ranked_within(by_commune: pd.DataFrame, within: tuple[str, ...] = ()) -> pd.DataFrame:
    """:func:`ranked`, only the communes in `within` when given (judged among all communes)."""
    out = ranked(by_commune)
    return out[out["code"].isin(within)] if within else out


@kept
def unreached(by_commune: pd.DataFrame, within: tuple[str, ...] = ()) -> pd.DataFrame:
    """Communes in need (judged among all communes) with no local activity in the period, the neediest first
    (then by Vietnamese name); only those in `within` when given."""
    out = by_commune[in_need(by_commune) & (by_commune["activities_count"] == 0)].copy()
    if within:
        out = out[out["code"].isin(within)]
    out["need"] = out["establishments_count"] + out["villages_count"]
    out["_name"] = out["full_name_vi"].map(sort_key)
    return out.sort_values(["need", "_name"], ascending=[False, True]).drop(columns="_name")


@kept
def unreached_sentence(by_commune: pd.DataFrame, tr: Translator, first_year: int, year: int,
                       within: tuple[str, ...] = ()) -> str:
    missing = unreached(by_commune, within)
    if missing.empty:
        return tr("act.gap_none", first=first_year, year=year)
    names = list(missing["full_name_vi"].head(NAMED))
    more = len(missing) - len(names)
    listed = ", ".join(names) + (tr("act.gap_more", n=more) if more else "")
    return tr("act.gap_sentence", n=len(missing), first=first_year, year=year, names=listed)


@kept
def finding(ctx, summary: Year, by_commune: pd.DataFrame, first_year: int) -> str:
    """The page's finding: the year's activities and state funds, and (for the city) how many communes in need
    received nothing since the programme's first year."""
    tr, f = ctx.tr, ctx.filters
    if f.communes:
        return tr("act.finding_scope", year=f.year, scope=ctx.scope(), n=ctx.number(summary.activities),
                  state=ctx.number(summary.state))
    return tr("act.finding", year=f.year, n=ctx.number(summary.activities), state=ctx.number(summary.state),
              first=first_year, gaps=ctx.number(len(unreached(by_commune))))


@kept
def kinds_of(by_year: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's activities by kind, the least funded first (the chart draws the most funded on top)."""
    return by_year[by_year["year"] == year].sort_values("state_million_vnd")


@kept
def kind_names(kinds: pd.DataFrame, tr: Translator) -> list[str]:
    return [tr(f"act.kind_{k}") for k in kinds["kind"]]


@kept
def kinds_table(kinds: pd.DataFrame, tr: Translator) -> pd.DataFrame:
    """The year's activities by kind, the most funded first."""
    names = [tr(f"act.kind_{k}") for k in kinds["kind"]]
    return pd.DataFrame({tr("act.col_kind"): names[::-1], tr("act.col_activities"): list(kinds["activities_count"])[::-1],
                         tr("act.col_state"): list(kinds["state_million_vnd"])[::-1],
                         tr("act.col_reached"): list(kinds["beneficiaries"])[::-1]})


@kept
def commune_table(rows: pd.DataFrame, tr: Translator) -> pd.DataFrame:
    """Support against need as people read it."""
    return pd.DataFrame({
        tr("act.col_rank"): range(1, len(rows) + 1),
        tr("col.commune"): rows["full_name_vi"],
        tr("act.col_in_need"): [tr("act.yes") if v else tr("act.no") for v in rows["in_need"]],
        tr("act.col_establishments"): rows["establishments_count"],
        tr("act.col_villages"): rows["villages_count"],
        tr("col.workers"): rows["village_workers"],
        tr("act.col_activities"): rows["activities_count"],
        tr("act.col_state"): rows["state_million_vnd"],
        tr("act.col_counterpart"): rows["counterpart_million_vnd"],
        tr("act.col_per_100"): rows["state_per_100"],
    })


@kept
def activity_table(rows: pd.DataFrame, tr: Translator) -> pd.DataFrame:
    return pd.DataFrame({
        tr("act.col_id"): rows["activity_id"],
        tr("act.col_kind"): [tr(f"act.kind_{k}") for k in rows["kind"]],
        tr("act.col_title"): [tr.pick(en, vi) for en, vi in zip(rows["title_en"], rows["title_vi"], strict=True)],
        tr("col.commune"): rows["commune_name_vi"].fillna(tr("act.city_wide")),
        tr("act.col_enterprise"): rows["enterprise_name"].fillna(""),
        tr("act.col_village"): rows["village_name_vi"].fillna(""),
        tr("act.col_state"): rows["budget_state_million_vnd"],
        tr("act.col_counterpart"): rows["budget_counterpart_million_vnd"],
        tr("act.col_reached"): rows["beneficiaries"],
        tr("act.col_status"): [tr(f"act.status_{s}") for s in rows["status"]],
        tr("act.col_programme"): [tr(f"programme.{p}") if tr.has(f"programme.{p}") else p for p in rows["programme"]],
        # the demonstration generator's words are the dashboard's own, in the reader's language; a citation as written
        tr("act.col_source"): rows["source"].replace(_EN("chart.demo_record_source"), tr("chart.demo_record_source")),
    })


def funds_figure(ctx, funds: pd.DataFrame):
    """State funds by year, the chosen year in the measured colour."""
    import plotly.graph_objects as go

    from ..core import palette
    from .style import style

    tr = ctx.tr
    fig = go.Figure(go.Bar(x=funds["year"], y=funds["state_million_vnd"], name=tr("act.col_state"),
                           marker_color=palette.by_year(funds["year"], ctx.filters.year),
                           hovertemplate="%{x}: %{y:,.0f}<extra></extra>"))
    fig.update_xaxes(tickmode="linear", dtick=1, tickformat="d")
    return style(fig, ctx, y_title=tr("act.col_state"))


def kinds_figure(ctx, kinds: pd.DataFrame, names: list[str]):
    """State funds of the year by kind of activity, the largest at the top."""
    import plotly.graph_objects as go

    from ..core import palette
    from .style import style

    fig = go.Figure(go.Bar(y=names, x=kinds["state_million_vnd"], orientation="h", marker_color=palette.ACTUAL,
                           customdata=kinds["activities_count"],
                           text=[ctx.tr("act.kind_bar", n=ctx.number(n)) for n in kinds["activities_count"]],
                           textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{x:,.0f} (%{customdata})<extra></extra>"))
    fig.update_xaxes(range=[0, 1.3 * float(kinds["state_million_vnd"].max() or 1)])  # room for the labels
    return style(fig, ctx, x_title=ctx.tr("act.col_state"), height=max(260, 34 * len(kinds) + 80))
