"""The Supporting-industry page's figures: progress, projection, required pace, breakdowns, action lists."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import plotly.graph_objects as go

from ..core import formats, palette
from ..core.kept import kept
from ..data import schema
from ..data.metrics import MIN_BASE, Target, target
from . import projection
from .style import vertical_line

FEW = 30  # below this many supporting-industry enterprises, a projection is said to be indicative only


def goals(targets: pd.DataFrame) -> tuple[tuple[Target, Target], tuple[Target, Target]]:
    """Decision 6126's goals: the certified share (2030, 2035) and the number of enterprises (2030, 2035)."""
    return ((target(targets, "si_international_standard_share", 2030),
             target(targets, "si_international_standard_share", 2035)),
            (target(targets, "si_enterprises", 2030), target(targets, "si_enterprises", 2035)))


@kept
def empty(enterprises: pd.DataFrame, year: int) -> bool:
    row = enterprises[enterprises["year"] == year]
    return row.empty or int(row["si_enterprises_count"].iloc[0]) == 0


def paces(enterprises: pd.DataFrame, year: int, share_targets: tuple[Target, Target],
          count_targets: tuple[Target, Target], whole_city: bool) -> list[projection.Pace]:
    """Required pace to each share target, from the chosen year (the city's count targets apply to the city only)."""
    df = enterprises[(enterprises["year"] <= year) & (enterprises["si_enterprises_count"] > 0)]
    years = [int(y) for y in df["year"]]
    out = []
    for share, count in zip(share_targets, count_targets, strict=True):
        out.append(projection.required_pace(
            years=years, certified=list(df["si_certified_count"]), enterprises=list(df["si_enterprises_count"]),
            now=year, target_year=share.year, target_share=share.low, strictly_more=share.comparison == "more_than",
            expected_enterprises=count.low if whole_city else None,
        ))
    return out


def recent_pace(value: float) -> float:
    """The recent pace as every page, slide and report shows it: enterprises a year, one decimal."""
    return round(value, 1)


def per_year(value: float, lang: str) -> str:
    """The recent pace written: one decimal (36,8), none when it is whole."""
    shown = recent_pace(value)
    return formats.number(shown, lang, 0 if shown == round(shown) else 1)


def enterprises_needed(per_year_: float) -> int:
    """Enterprises a year that a target needs, a count: 7.6 needed is 8 (rounded up, never down to too few); the
    card, the headline, the table, the slide and the report all show this one number."""
    return max(0, math.ceil(per_year_ - 1e-9))


def within_recent_pace(pace: projection.Pace) -> bool:
    """Whether the need is within the recent pace, compared on the numbers as shown (37 needed is not within
    36,8 a year)."""
    return enterprises_needed(pace.required_per_year) <= recent_pace(pace.recent_per_year)


@kept
def size_title(ctx, by_size: pd.DataFrame, year: int) -> str:
    """Which size class is most often certified, read from the data."""
    if by_size.empty:
        return ctx.tr("si.size_title_none", year=year)
    best = by_size.sort_values("si_certified_pct", ascending=False).iloc[0]
    return ctx.tr("si.size_title", size=ctx.tr(f"size.{best['size']}"),
                  value=formats.percent(best["si_certified_pct"], ctx.lang), year=year)


@kept
def commune_title(ctx, shown: pd.DataFrame, year: int) -> str:
    if len(shown) < 2:
        return ctx.tr("si.commune_title_few", year=year)
    best, worst = shown.iloc[0], shown.iloc[-1]
    return ctx.tr("si.commune_title", best=best["full_name_vi"], worst=worst["full_name_vi"], year=year,
                  best_value=formats.percent(best["si_certified_pct"], ctx.lang),
                  worst_value=formats.percent(worst["si_certified_pct"], ctx.lang))


@kept
def sentence(ctx, pace: projection.Pace, fit_years: tuple[int, int]) -> str:
    """The finding in one sentence, in the page's language."""
    tr, lang = ctx.tr, ctx.lang
    values = dict(first=fit_years[0], last=fit_years[1], year=pace.target_year,
                  share=formats.percent(pace.projected_share, lang),
                  target=formats.percent(pace.target_share, lang, 0),
                  needed=formats.number(enterprises_needed(pace.required_per_year), lang),
                  recent=per_year(pace.recent_per_year, lang))
    if pace.already_met:
        return tr("si.sentence_met", **values)
    if within_recent_pace(pace):
        return tr("si.sentence_on_track", **values)
    return tr("si.sentence_short", **values)


@kept
def fit_years(enterprises: pd.DataFrame, year: int) -> tuple[int, int]:
    df = enterprises[(enterprises["year"] <= year) & (enterprises["si_enterprises_count"] > 0)]
    f = projection.fit(list(df["year"]), list(df["si_certified_pct"]))
    return f.first_year, f.last_year


def share_figure(ctx, enterprises: pd.DataFrame, year: int, share_targets: tuple[Target, Target]) -> go.Figure:
    tr = ctx.tr
    df = enterprises[(enterprises["year"] <= year) & (enterprises["si_enterprises_count"] > 0)]
    fig = go.Figure(go.Scatter(x=df["year"], y=df["si_certified_pct"], mode="lines+markers",
                               name=tr("si.series_share"), line=dict(color=palette.ACTUAL, width=3),
                               hovertemplate="%{x}: %{y:.1f}%<extra></extra>"))
    f = projection.fit(list(df["year"]), list(df["si_certified_pct"]))
    horizon = list(range(year, max(t.year for t in share_targets) + 1))
    centre = [max(0, min(100, f.value(y))) for y in horizon]
    low = [max(0, f.interval(y)[0]) for y in horizon]
    high = [min(100, f.interval(y)[1]) for y in horizon]
    fig.add_scatter(x=horizon + horizon[::-1], y=high + low[::-1], fill="toself", fillcolor="rgba(86,180,233,0.18)",
                    line=dict(width=0), hoverinfo="skip", name=tr("si.series_range"))
    fig.add_scatter(x=horizon, y=centre, mode="lines", line=dict(color=palette.PROJECTION, dash="dash", width=2.5),
                    name=tr("si.series_projection", first=f.first_year, last=f.last_year),
                    hovertemplate="%{x}: %{y:.1f}%<extra></extra>")
    now = float(df.loc[df["year"] == year, "si_certified_pct"].iloc[0])
    fig.add_scatter(x=[year] + [t.year for t in share_targets], y=[now] + [t.low for t in share_targets],
                    mode="lines+markers+text", line=dict(color=palette.TARGET, dash="dot", width=1.5),
                    marker=dict(symbol="diamond", size=10, color=palette.TARGET), name=tr("si.series_target_path"),
                    text=[""] + [tr("si.target_marker", value=formats.percent(t.low, ctx.lang, 0), year=t.year)
                                 for t in share_targets], textposition="top left")
    fig.update_yaxes(range=[0, max(60, max(high) + 5)])
    return fig


def count_figure(ctx, enterprises: pd.DataFrame, year: int, count_targets: tuple[Target, Target],
                 whole_city: bool) -> go.Figure:
    tr = ctx.tr
    df = enterprises[(enterprises["year"] <= year)]
    fig = go.Figure()
    fig.add_bar(x=df["year"], y=df["si_enterprises_count"], name=tr("col.si_enterprises_count"),
                marker_color=palette.CONTEXT, hovertemplate="%{x}: %{y}<extra></extra>")
    fig.add_bar(x=df["year"], y=df["si_certified_count"], name=tr("col.si_certified_count"),
                marker_color=palette.ACTUAL, hovertemplate="%{x}: %{y}<extra></extra>")
    if whole_city:
        for t in count_targets:
            fig.add_scatter(x=[t.year], y=[t.low], mode="markers+text", marker=dict(symbol="diamond", size=11,
                            color=palette.TARGET), text=[tr("si.count_marker", value=formats.number(t.low, ctx.lang),
                                                              year=t.year)],
                            textposition="top left", showlegend=False, hoverinfo="skip")
    fig.update_layout(barmode="overlay")
    fig.update_traces(opacity=0.9, selector=dict(type="bar"))
    return fig


def progress_table(ctx, enterprises: pd.DataFrame, year: int) -> pd.DataFrame:
    tr = ctx.tr
    df = enterprises[enterprises["year"] <= year]
    return pd.DataFrame({
        tr("col.year"): df["year"], tr("col.si_enterprises_count"): df["si_enterprises_count"],
        tr("col.si_certified_count"): df["si_certified_count"], tr("col.si_certified_pct"): df["si_certified_pct"],
    })


def pace_table(ctx, paces_: list[projection.Pace]) -> pd.DataFrame:
    tr = ctx.tr
    return pd.DataFrame({
        tr("si.col_target_year"): [p.target_year for p in paces_],
        tr("si.col_target_share"): [p.target_share for p in paces_],
        tr("si.col_expected"): [round(p.expected_enterprises) for p in paces_],
        tr("si.col_required"): [p.required_certified for p in paces_],
        tr("si.col_now"): [p.certified_now for p in paces_],
        tr("si.col_needed"): [enterprises_needed(p.required_per_year) for p in paces_],
        tr("si.col_recent"): [recent_pace(p.recent_per_year) for p in paces_],
        tr("si.col_projected"): [round(p.projected_share, 1) for p in paces_],
        tr("si.col_range"): [f"{formats.number(p.projected_low, ctx.lang, 1)} – {formats.number(p.projected_high, ctx.lang, 1)}"
                             for p in paces_],
    })


def bar_figure(ctx, labels: list[str], values: list[float], average: float | None, average_label: str,
               height_per_bar: int = 24) -> go.Figure:
    """Horizontal bars, best at the top, with the scope's average as a grey line."""
    fig = go.Figure(go.Bar(x=values[::-1], y=labels[::-1], orientation="h", marker_color=palette.ACTUAL,
                           text=[formats.percent(v, ctx.lang) for v in values[::-1]], textposition="outside",
                           cliponaxis=False, hovertemplate="%{y}: %{x:.1f}%<extra></extra>"))
    if average is not None:
        vertical_line(fig, average, average_label)
    fig.update_layout(height=max(260, height_per_bar * len(labels) + 90), hovermode="closest")
    top = max([50] + [v * 1.15 for v in values])  # room for the bars' words; the axis marked no further than 100 %
    fig.update_xaxes(range=[0, top], tickvals=[t for t in range(0, 101, 10 if top <= 60 else 20) if t <= top])
    return fig


@kept
def breakdown_table(ctx, df: pd.DataFrame, label_column: str, labels: list[str]) -> pd.DataFrame:
    tr = ctx.tr
    return pd.DataFrame({
        label_column: labels, tr("col.si_enterprises_count"): df["si_enterprises_count"].to_numpy(),
        tr("col.si_certified_count"): df["si_certified_count"].to_numpy(),
        tr("col.si_certified_pct"): df["si_certified_pct"].to_numpy(),
    })


def standards_table(ctx, df: pd.DataFrame, si_total: int) -> pd.DataFrame:
    tr = ctx.tr
    return pd.DataFrame({
        tr("col.standard"): df["standard"], tr("si.col_holders"): df["si_holders_count"],
        tr("si.col_holders_pct"): [round(100 * h / si_total, 1) if si_total else None for h in df["si_holders_count"]],
    })


def expiring_table(ctx, df: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """The certificates to renew, with where each stands on the day the list is read ("lapsed", "30 days left")."""
    tr, names = ctx.tr, ctx.sector_names

    def standing(expires) -> str:
        days = (pd.Timestamp(expires).date() - today).days
        return tr("si.lapsed") if days < 0 else tr("si.days_left", n=ctx.number(days))

    return pd.DataFrame({
        tr("col.name"): df["name"], tr("col.commune"): df["commune_name_vi"],
        tr("col.sector"): [names.get(s, s) for s in df["sector"]], tr("col.standard"): df["standard"],
        tr("si.col_issued"): df["issued_on"], tr("si.col_expires"): df["expires_on"],
        tr("si.col_today", today=ctx.date(today)): [standing(e) for e in df["expires_on"]],
        tr("col.employees"): df["employees"],
    })


@kept
def expiring_subtitle(ctx, df: pd.DataFrame, year: int, today: dt.date) -> str:
    """Whom to call, or how much of the list is shown; and, when the list is read after the data date, that it is
    counted from the data date and how many have lapsed since."""
    tr = ctx.tr
    total = int(df["total_count"].iloc[0]) if len(df) else 0
    text = (tr("si.list_limit", shown=ctx.number(len(df)), total=ctx.number(total)) if total > len(df)
            else tr("si.expiring_subtitle"))
    data_date = dt.date(year, 12, 31)
    if today > data_date and total:
        text += " · " + tr("si.expiring_today", data_date=ctx.date(data_date), today=ctx.date(today),
                           lapsed=ctx.number(int(df["lapsed_count"].iloc[0])))
    return text


def uncertified_table(ctx, df: pd.DataFrame) -> pd.DataFrame:
    tr, names = ctx.tr, ctx.sector_names
    return pd.DataFrame({
        tr("col.name"): df["name"], tr("col.commune"): df["commune_name_vi"],
        tr("col.sector"): [names.get(s, s) for s in df["sector"]], tr("col.size"): [tr(f"size.{s}") for s in df["size"]],
        tr("col.employees"): df["employees"], tr("si.col_founded"): df["founded_year"],
    })


@kept
def definitions(ctx) -> str:
    return ctx.tr("si.definitions", si=schema.describe("enterprises", "supporting_industry", ctx.lang),
                  certified=schema.describe("enterprise_year", "si_certified_count", ctx.lang))


@kept
def target_note(ctx, share_targets, count_targets) -> str:
    return ctx.tr("si.target_note", t30=formats.percent(share_targets[0].low, ctx.lang, 0),
                  n30=formats.number(count_targets[0].low, ctx.lang), t35=formats.percent(share_targets[1].low, ctx.lang, 0),
                  n35=formats.number(count_targets[1].low, ctx.lang), source=share_targets[0].source)



@kept
def year_row(enterprises: pd.DataFrame, year: int) -> pd.Series:
    """The chosen year's row of the enterprises by year."""
    return enterprises[enterprises["year"] == year].iloc[0]


@kept
def with_base(by_commune: pd.DataFrame) -> pd.DataFrame:
    """The communes with enough supporting-industry enterprises for their share to be compared."""
    return by_commune[by_commune["si_enterprises_count"] >= MIN_BASE]


@kept
def sector_labels(ctx, rows: pd.DataFrame) -> list[str]:
    """The sector of each of `rows` in the page's language."""
    names = ctx.sector_names
    return [names.get(s, s) for s in rows["sector"]]


@kept
def size_labels(tr, rows: pd.DataFrame) -> list[str]:
    """The size class of each of `rows` in the page's language."""
    return [tr(f"size.{s}") for s in rows["size"]]
