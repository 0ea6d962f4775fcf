"""Programme scorecard: how each target stands, from its row of programme_targets and its progress.

Status rule (closed list, computed, never typed in):
- ``no_data``: nothing achieved is on record;
- ``achieved``: the achieved value meets the target (``at_least``: ≥ low; ``more_than``: > low;
  ``below``: < low); for a range the low end is what must be met;
- ``not_started``: the latest data year is before the programme period;
- otherwise the share of the target achieved is compared with the share of the period elapsed:
  ``ahead`` when it is at least 1.1 times the elapsed share, ``on_track`` from 0.9 times, ``behind``
  below. Yearly targets (no period), ``below`` targets and targets whose period is over are
  ``behind`` when not met.
How progress adds up (a sum of yearly results, the latest level, or the mean of yearly rates) is a
property of the indicator, in AGGREGATION.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core import formats, palette
from ..core.kept import kept
from .style import style, target_line

STATUSES = ("achieved", "ahead", "on_track", "behind", "missed", "not_started", "no_data")
# the order a department head reads the scorecard in: what needs acting on first, what is met last
URGENCY = ("missed", "behind", "not_started", "no_data", "on_track", "ahead", "achieved")

# how the yearly values of an indicator add up to "achieved so far"
AGGREGATION = {
    "giftshow_editions": "sum", "businesses_at_international_fairs": "sum",
    "establishments_digital_transformation": "sum", "official_training_courses": "sum", "officials_trained": "sum",
    "giftshow_booths_per_edition": "mean", "si_enterprises": "latest", "si_international_standard_share": "latest",
    "wastewater_compliance_rate": "latest", "industry_added_value_growth": "latest", "export_turnover_growth": "latest",
    "retail_and_services_growth": "latest", "cpi_growth": "latest", "enterprises_supported": "sum",
    "rural_jobs_created": "sum", "handicraft_export_growth": "mean", "handicraft_turnover": "latest",
    "new_design_samples": "sum",
}


@dataclass(frozen=True)
class Score:
    achieved: float | None
    as_of: int | None  # latest year with a value
    elapsed: float | None  # share of the programme period elapsed at as_of (0–1); None for yearly targets
    progress: float | None  # achieved / target (low end), for at_least / more_than
    status: str


def achieved(values: dict[int, float], aggregation: str, period: tuple[int | None, int | None]) -> tuple[float | None, int | None]:
    """Achieved so far, and the latest year with a value, from {year: value} within the period."""
    start, end = period
    years = sorted(y for y in values if (start is None or y >= start) and (end is None or y <= end))
    if not years:
        return None, None
    if aggregation == "sum":
        return sum(values[y] for y in years), years[-1]
    if aggregation == "mean":
        return sum(values[y] for y in years) / len(years), years[-1]
    return values[years[-1]], years[-1]


def elapsed_share(as_of: int, start: int | None, end: int | None) -> float | None:
    if start is None or end is None:
        return None
    return max(0.0, min(1.0, (as_of - start + 1) / (end - start + 1)))


def score(*, low: float, comparison: str, period_start: int | None, target_year: int | None,
          values: dict[int, float], aggregation: str, latest_data_year: int | None = None) -> Score:
    """The status of one target given its yearly values."""
    end = target_year
    value, as_of = achieved(values, aggregation, (period_start, end))
    if value is None:
        # nothing inside the period yet: before it starts, or no data at all
        if values and period_start is not None and max(values) < period_start:
            last = max(values)
            return Score(values[last], last, 0.0, None, "not_started")
        if latest_data_year is not None and period_start is not None and latest_data_year < period_start:
            return Score(None, None, 0.0, None, "not_started")
        return Score(None, None, None, None, "no_data")
    if comparison == "below":
        met = value < low
    elif comparison == "more_than":
        met = value > low
    else:
        met = value >= low
    elapsed = elapsed_share(as_of, period_start, end)
    progress = value / low if comparison != "below" and low else None
    if met:
        return Score(value, as_of, elapsed, progress, "achieved")
    if end is not None and as_of >= end:
        return Score(value, as_of, elapsed, progress, "missed")  # the period is over and the target not met
    if comparison == "below" or elapsed is None or progress is None:
        return Score(value, as_of, elapsed, progress, "behind")  # a yearly target, judged on the latest year
    if elapsed == 0:
        return Score(value, as_of, elapsed, progress, "not_started")
    ratio = progress / elapsed
    status = "ahead" if ratio >= 1.1 else "on_track" if ratio >= 0.9 else "behind"
    return Score(value, as_of, elapsed, progress, status)


@kept
def finding(tr, card) -> str:
    """The page's (and the slide's) sentence on the current programmes' targets, counted by status."""
    counts = card["status"].value_counts()
    return tr("prog.finding", n=len(card), achieved=int(counts.get("achieved", 0)),
              ahead=int(counts.get("ahead", 0) + counts.get("on_track", 0)),
              behind=int(counts.get("behind", 0) + counts.get("missed", 0)), not_started=int(counts.get("not_started", 0)))


@kept
def until(progress, year: int | None):
    """The progress records of `year` and before: a year's figures never count a later year's records."""
    return progress if year is None else progress[progress["year"] <= year]


def scorecard(targets, progress, latest_data_year: int | None = None):
    """One row per target (a pandas DataFrame): the target row, and achieved, as_of, elapsed, progress, status; as of
    `latest_data_year` (the year chosen): no record of a later year counts."""
    import pandas as pd

    progress = until(progress, latest_data_year)
    rows = []
    for t in targets.itertuples(index=False):
        values = {int(y): float(v) for y, v in progress.loc[progress["indicator"] == t.indicator, ["year", "value"]]
                  .itertuples(index=False)}
        start = None if pd.isna(t.period_start) else int(t.period_start)
        year = None if pd.isna(t.target_year) else int(t.target_year)
        if year is None:  # a yearly target: judged on the latest year
            values = {max(values): values[max(values)]} if values else {}
        s = score(low=float(t.target_low), comparison=t.comparison, period_start=start, target_year=year,
                  values=values, aggregation=AGGREGATION.get(t.indicator, "latest"), latest_data_year=latest_data_year)
        rows.append(t._asdict() | {"achieved": s.achieved, "as_of": s.as_of, "elapsed": s.elapsed,
                                   "progress": s.progress, "status": s.status})
    out = pd.DataFrame(rows)
    out["status_order"] = out["status"].map({s: i for i, s in enumerate(URGENCY)})
    return out


@kept
def most_urgent_first(rows):
    """The scorecard's rows as the department head reads them: behind, not started, …, met (URGENCY), then by
    programme and indicator."""
    return rows.sort_values(URGENT_FIRST)


URGENT_FIRST = ["status_order", "programme", "indicator"]


def target_number(value: float, lang: str) -> str:
    """A target as written: decimals only where the source has them (7.5), none otherwise (5; 1,200)."""
    return formats.number(value, lang, 0 if value == int(value) else 1)


def indicator_labels(rows, tr) -> list[str]:
    """Each target's indicator in the reader's words, with its target year where the same indicator has several
    targets (the supporting-industry enterprises by 2030 and by 2035)."""
    import pandas as pd

    repeated = rows["indicator"].duplicated(keep=False)
    return [tr(f"indicator.{i}") + (f" ({int(y)})" if again and not pd.isna(y) else "")
            for i, y, again in zip(rows["indicator"], rows["target_year"], repeated, strict=True)]


def scorecard_table(rows, tr):
    """The scorecard as people read it: labels in their language, progress and time elapsed as fractions (0–1)."""
    import pandas as pd

    def target_text(r) -> str:
        low, high = target_number(r.target_low, tr.lang), target_number(r.target_high, tr.lang)
        sign = {"at_least": "≥", "more_than": ">", "below": "<"}[r.comparison]
        return f"{sign} {low}" if low == high else f"{low} – {high}"

    return pd.DataFrame({
        tr("prog.col_indicator"): indicator_labels(rows, tr),
        tr("prog.col_status"): [tr(f"pstatus.{s}") for s in rows["status"]],
        tr("prog.col_target"): [target_text(r) for r in rows.itertuples()],
        tr("prog.col_achieved"): rows["achieved"].round(1),
        tr("prog.col_progress"): rows["progress"].clip(upper=1.0).round(2),
        tr("prog.col_elapsed"): rows["elapsed"].round(2),
        tr("col.unit"): [tr(f"punit.{u.replace(' ', '_')}") for u in rows["unit"]],
        tr("prog.col_by"): [tr("prog.yearly") if pd.isna(y) else str(int(y)) for y in rows["target_year"]],
        tr("prog.col_as_of"): rows["as_of"],
        tr("prog.col_programme"): [tr(f"programme.{p}") for p in rows["programme"]],
        tr("prog.col_source"): rows["source"],
    })


STATUS_COLOURS = {"achieved": palette.MEETS, "ahead": palette.ACTUAL, "on_track": palette.ACTUAL,
                  "behind": palette.FAILS, "missed": palette.FAILS, "not_started": palette.CONTEXT,
                  "no_data": palette.CONTEXT}


def _bar(progress: float | None, status: str) -> float:
    """A target's bar, in % of the target: a met "below" target (no share to measure) is full, no data is empty."""
    if progress is None or progress != progress:
        return 100.0 if status == "achieved" else 0.0
    return min(100.0, 100 * progress)


def bar_text(progress: float, status: str, tr, with_status: bool) -> str:
    """A bar's words: its share of the target; a target whose period has not begun says so instead of "0 %"."""
    if status in ("not_started", "no_data"):
        return tr(f"pstatus.{status}")
    return formats.percent(progress, tr.lang, 0) + (f" · {tr(f'pstatus.{status}')}" if with_status else "")


def progress_figure(rows, tr, *, status_in_text: bool = False):
    """Share of each target achieved (bars, coloured by status) against the share of its period elapsed
    (a black tick): a bar short of its tick is behind. With `status_in_text` each bar's number also names its status
    ("60% · ▼ Behind schedule"), for a slide that has no room for a legend."""
    import plotly.graph_objects as go

    rows = rows.sort_values(URGENT_FIRST, ascending=False)  # drawn from the bottom up: the most urgent on top
    names = indicator_labels(rows, tr)
    progress = [_bar(v, s) for v, s in zip(rows["progress"], rows["status"], strict=True)]
    fig = go.Figure()
    for status in STATUSES:
        mask = [s == status for s in rows["status"]]
        if not any(mask):
            continue
        fig.add_bar(y=[n for n, m in zip(names, mask, strict=True) if m],
                    x=[p for p, m in zip(progress, mask, strict=True) if m], orientation="h",
                    marker_color=STATUS_COLOURS[status], name=tr(f"pstatus.{status}"), hoverinfo="x+name")
    elapsed = [None if e != e or e is None else 100 * e for e in rows["elapsed"]]
    # each bar's words after its end and after its tick, never on the tick (19 % beside a tick at 20 %)
    fig.add_scatter(y=names, x=[max(p, e or 0) + 2.5 for p, e in zip(progress, elapsed, strict=True)], mode="text",
                    text=[bar_text(p, s, tr, status_in_text) for p, s in zip(progress, rows["status"], strict=True)],
                    textposition="middle right", cliponaxis=False, showlegend=False, hoverinfo="skip")
    fig.add_scatter(y=names, x=elapsed, mode="markers", name=tr("prog.col_elapsed"),
                    marker=dict(symbol="line-ns", size=26, line=dict(width=4, color=palette.TARGET)))
    fig.update_layout(barmode="overlay", hovermode="y unified", height=max(320, 34 * len(rows) + 110))
    # every bar keeps its label (plotly drops every other one when they would touch)
    fig.update_yaxes(categoryorder="array", categoryarray=names, tickmode="array", tickvals=names)
    fig.update_xaxes(range=[0, 115])
    return fig


def indicator_figure(ctx, indicator: str, rows, target_rows, unit: str):
    """One indicator's values by year (the chosen year highlighted) against its targets."""
    import pandas as pd
    import plotly.graph_objects as go

    tr = ctx.tr
    fig = go.Figure(go.Bar(x=rows["year"], y=rows["value"], marker_color=palette.by_year(rows["year"], ctx.filters.year),
                           name=tr(f"indicator.{indicator}"), hovertemplate="%{x}: %{y}<extra></extra>"))
    fig.update_xaxes(tickmode="linear", dtick=1, tickformat="d")
    for t in target_rows.itertuples():
        label = tr("prog.target_line", value=target_number(t.target_low, ctx.lang),
                   year=tr("prog.yearly") if pd.isna(t.target_year) else int(t.target_year))
        target_line(fig, float(t.target_low), label)
    return style(fig, ctx, y_title=unit)


PREVIOUS = "handicraft_promotion_2021_2025"  # the programme that ended, shown apart


@kept
def current_and_previous(card) -> tuple:
    """The scorecard's rows of the current programmes, and of the one that ended."""
    return card[card["programme"] != PREVIOUS], card[card["programme"] == PREVIOUS]


@kept
def indicators(card) -> list[str]:
    return list(dict.fromkeys(card["indicator"]))


@dataclass(frozen=True)
class Indicator:
    """One indicator as its card shows it: its records, its targets, its unit and source, its status, its table."""

    rows: object
    target_rows: object
    unit: str
    source: str
    status: str
    table: object


@kept
def indicator(tr, chosen: str, progress, targets, current) -> Indicator:
    import pandas as pd

    rows = progress[progress["indicator"] == chosen]
    target_rows = targets[targets["indicator"] == chosen]
    unit = tr(f"punit.{target_rows['unit'].iloc[0].replace(' ', '_')}")
    source = "; ".join(dict.fromkeys(list(target_rows["source"]) + list(rows["source"])))
    status = current[current["indicator"] == chosen]["status"].iloc[0]
    table = pd.DataFrame({tr("col.year"): rows["year"], tr("col.value"): rows["value"], tr("col.unit"): unit})
    return Indicator(rows, target_rows, unit, source, status, table)


@kept
def achieved_count(card) -> int:
    return int((card["status"] == "achieved").sum())
