"""The Overview page's figures: values for the chosen year, changes, trends, findings in words."""

from __future__ import annotations

import dataclasses

import pandas as pd
import plotly.graph_objects as go

from ..core import formats, palette
from ..core.kept import kept
from ..data import schema
from ..data.metrics import target
from .style import style, target_line
from .supporting import goals


class Overview:
    def __init__(self, clusters: pd.DataFrame, enterprises: pd.DataFrame, villages: pd.DataFrame,
                 targets: pd.DataFrame, year: int):
        self.clusters, self.enterprises, self.villages = clusters, enterprises, villages
        self.year = year
        self.compliance_target = target(targets, "wastewater_compliance_rate")
        self.share_targets, self.count_targets = goals(targets)

    @staticmethod
    @kept
    def _at(df: pd.DataFrame, column: str, year: int):
        rows = df.loc[df["year"] == year, column]
        if rows.empty or pd.isna(rows.iloc[0]):
            return None
        return rows.iloc[0].item() if hasattr(rows.iloc[0], "item") else rows.iloc[0]

    @kept
    def value(self, df: pd.DataFrame, column: str):
        return self._at(df, column, self.year)

    @kept
    def pair(self, df: pd.DataFrame, column: str):
        """The value in the chosen year and in the year before."""
        return self._at(df, column, self.year), self._at(df, column, self.year - 1)

    @kept
    def trend(self, df: pd.DataFrame, column: str) -> list:
        rows = df[df["year"] <= self.year]
        return [0 if pd.isna(v) else float(v) for v in rows[column]]

    @staticmethod
    def change(now, before, ctx, points: bool = False) -> formats.Change | None:
        """The change from the year before, its text in the page's words (``−4.2 pp on 2024``)."""
        found = formats.change(now, before, ctx.lang, in_points=points)
        if found is None:
            return None
        return dataclasses.replace(found, text=ctx.tr("overview.change", change=found.text, year=ctx.filters.year - 1))

    @kept
    def year_change(self, df: pd.DataFrame, column: str, ctx, points: bool = False) -> formats.Change | None:
        """The change of `column` from the year before to the chosen year, as the cards and the headline slide
        show it."""
        return self.change(*self.pair(df, column), ctx, points=points)

    @kept
    def clusters_short(self) -> int:
        counted = self.value(self.clusters, "clusters_count") or 0
        compliant = self.value(self.clusters, "compliant_count") or 0
        return int(counted - compliant)

    @staticmethod
    def definition(which: str, ctx) -> str:
        lang = ctx.lang
        if which == "clusters":
            return schema.describe("site_year", "counted", lang)
        if which == "compliance":
            return ctx.tr("overview.def_compliance", compliant=schema.describe("site_year", "compliant", lang))
        if which == "certified":
            return ctx.tr("overview.def_certified",
                          certified=schema.describe("enterprise_year", "si_certified_count", lang))
        if which == "villages":
            return schema.describe("craft_villages", None, lang)
        raise KeyError(which)

    @kept
    def compliance_title(self, ctx) -> str:
        rate = self.value(self.clusters, "compliance_pct")
        if rate is None:
            return ctx.tr("overview.compliance_title_none", year=self.year)
        return ctx.tr("overview.compliance_title", rate=ctx.percent(rate), year=self.year,
                      short=ctx.number(self.clusters_short()), target=ctx.percent(self.compliance_target.low, 0))

    @kept
    def certified_title(self, ctx) -> str:
        share = self.value(self.enterprises, "si_certified_pct")
        if share is None:
            return ctx.tr("overview.certified_title_none", year=self.year)
        t30 = self.share_targets[0]
        gap = t30.low - share
        key = "overview.certified_title_short" if gap >= 0 else "overview.certified_title_above"
        return ctx.tr(key, share=ctx.percent(share), year=self.year, target=ctx.percent(t30.low, 0),
                      target_year=t30.year, gap=formats.points(gap, ctx.lang, sign=False))

    @kept
    def compliance_table(self, ctx) -> pd.DataFrame:
        tr = ctx.tr
        df = self.clusters[["year", "clusters_count", "with_plant_count", "compliant_count", "compliance_pct"]]
        return df.rename(columns={
            "year": tr("col.year"), "clusters_count": tr("col.clusters_count"),
            "with_plant_count": tr("col.with_plant_count"), "compliant_count": tr("col.compliant_count"),
            "compliance_pct": tr("col.compliance_pct"),
        })

    @kept
    def certified_table(self, ctx) -> pd.DataFrame:
        tr = ctx.tr
        df = self.enterprises[["year", "si_enterprises_count", "si_certified_count", "si_certified_pct"]]
        return df.rename(columns={
            "year": tr("col.year"), "si_enterprises_count": tr("col.si_enterprises_count"),
            "si_certified_count": tr("col.si_certified_count"), "si_certified_pct": tr("col.si_certified_pct"),
        })

    def compliance_figure(self, ctx) -> go.Figure:
        """The compliance rate by year against the 100 % target."""
        tr, low = ctx.tr, self.compliance_target.low
        fig = go.Figure(go.Scatter(x=self.clusters["year"], y=self.clusters["compliance_pct"], mode="lines+markers",
                                   name=tr("overview.series_compliance"), line=dict(color=palette.ACTUAL, width=3)))
        target_line(fig, low, tr("overview.target_label", value=ctx.percent(low, 0)))
        fig.update_yaxes(range=[0, 105])
        return style(fig, ctx, y_title=tr("unit.percent_of_clusters"))

    def certified_figure(self, ctx) -> go.Figure:
        """The certified share of supporting-industry enterprises by year against the 2030 and 2035 targets."""
        tr = ctx.tr
        t30, t35 = self.share_targets
        fig = go.Figure(go.Scatter(x=self.enterprises["year"], y=self.enterprises["si_certified_pct"],
                                   mode="lines+markers", name=tr("overview.series_certified"),
                                   line=dict(color=palette.ACTUAL, width=3)))
        target_line(fig, t30.low, tr("overview.target_share_label", value=ctx.percent(t30.low, 0), year=t30.year))
        target_line(fig, t35.low, tr("overview.target_share_label_about", value=ctx.percent(t35.low, 0),
                                     year=t35.year))
        fig.update_yaxes(range=[0, max(50, t35.low + 5)])
        return style(fig, ctx, y_title=tr("unit.percent_of_si"))
