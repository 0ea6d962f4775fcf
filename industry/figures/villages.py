"""Craft villages: the figure of villages by craft (the Craft villages page and the slide share it)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ..core import palette
from ..core.kept import kept


@kept
def craft_names(tr, crafts) -> list[str]:
    return [tr(f"craft.{c}") if tr.has(f"craft.{c}") else c for c in crafts]


def craft_figure(tr, by_craft: pd.DataFrame) -> go.Figure:
    """Villages by craft, recognised and not, the most common craft at the top."""
    names = craft_names(tr, by_craft["craft"])
    fig = go.Figure()
    fig.add_bar(y=names[::-1], x=list(by_craft["recognised_count"])[::-1], orientation="h",
                marker_color=palette.CRAFT, name=tr("villages.recognised"))
    fig.add_bar(y=names[::-1], x=list(by_craft["villages_count"] - by_craft["recognised_count"])[::-1],
                orientation="h", marker_color="rgba(204,121,167,0.4)", name=tr("villages.not_recognised"))
    fig.update_layout(barmode="stack", hovermode="y unified", height=max(300, 26 * len(by_craft) + 90))
    return fig


@kept
def craft_table(tr, by_craft: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({tr("col.craft"): craft_names(tr, by_craft["craft"]),
                         tr("villages.col_villages"): by_craft["villages_count"],
                         tr("villages.recognised"): by_craft["recognised_count"],
                         tr("col.households"): by_craft["households"], tr("col.workers"): by_craft["workers"]})


@kept
def finding(ctx, by_craft: pd.DataFrame, year: int) -> str:
    """The page's finding: how many villages, how many recognised, the most common craft (or that there are none)."""
    tr = ctx.tr
    total, recognised = int(by_craft["villages_count"].sum()), int(by_craft["recognised_count"].sum())
    if total == 0:
        return tr("villages.none", scope=ctx.scope())
    top = by_craft.iloc[0]
    return tr("villages.finding", n=ctx.number(total), scope=ctx.scope(), recognised=ctx.number(recognised),
              year=year, craft=tr(f"craft.{top['craft']}"), craft_n=ctx.number(top["villages_count"]))


@kept
def in_scope(by_commune: pd.DataFrame, communes: tuple[str, ...]) -> pd.DataFrame:
    """The communes ranked by villages, those chosen only when some are."""
    return by_commune if not communes else by_commune[by_commune["commune_code"].isin(communes)]


@kept
def commune_table(tr, ranked: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({tr("villages.col_rank"): range(1, len(ranked) + 1), tr("col.commune"): ranked["full_name_vi"],
                         tr("villages.col_villages"): ranked["villages_count"],
                         tr("villages.recognised"): ranked["recognised_count"],
                         tr("col.households"): ranked["households"], tr("col.workers"): ranked["workers"]})


@kept
def total(by_craft: pd.DataFrame) -> int:
    return int(by_craft["villages_count"].sum())


@dataclass(frozen=True)
class Clusters:
    """The craft-village industrial clusters of a year: how many, compliant and operating, and their table."""

    count: int
    compliant: int
    operating: int
    table: pd.DataFrame


@kept
def craft_village_clusters(ctx, sites: pd.DataFrame) -> Clusters:
    tr = ctx.tr
    cvc = sites[(sites["kind"] == "cluster") & sites["craft_village_cluster"].fillna(False).astype(bool)]
    statuses = [s or "not_operating" for s in cvc["year_status"]]
    table = pd.DataFrame({
        tr("col.name"): [tr.pick(e, v) for e, v in zip(cvc["name_en"], cvc["name_vi"], strict=True)],
        tr("col.commune"): cvc["commune_name_vi"],
        tr("col.status_year", year=ctx.filters.year): [tr(f"status.{s}") for s in statuses],
        tr("col.area_ha"): cvc["area_ha"], tr("col.capacity"): cvc["capacity_m3_per_day"]})
    return Clusters(len(cvc), sum(s == "compliant" for s in statuses),
                    sum(s not in palette.NOT_COUNTED for s in statuses), table)
