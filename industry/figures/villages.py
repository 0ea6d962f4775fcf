"""Craft villages: the figure of villages by craft (the Craft villages page and the slide share it)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..core import palette


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


def craft_table(tr, by_craft: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({tr("col.craft"): craft_names(tr, by_craft["craft"]),
                         tr("villages.col_villages"): by_craft["villages_count"],
                         tr("villages.recognised"): by_craft["recognised_count"],
                         tr("col.households"): by_craft["households"], tr("col.workers"): by_craft["workers"]})
