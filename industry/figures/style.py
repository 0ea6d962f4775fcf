"""The one plotly style and the way targets are drawn (no Streamlit: usable by exports too)."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from ..core import formats, palette

TEMPLATE = "dashboard"
FONT = "Inter, 'Source Sans Pro', 'Segoe UI', Arial, sans-serif"

pio.templates[TEMPLATE] = go.layout.Template(
    layout=dict(
        font=dict(family=FONT, size=14, color="#1b2631"),
        colorway=list(palette.SEQUENCE),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin=dict(l=8, r=8, t=16, b=8),
        # exponentformat none: 20,000 (20.000 in Vietnamese), not the English "20k"; years stay 2025
        xaxis=dict(showgrid=False, linecolor="#888", ticks="outside", tickcolor="#888", exponentformat="none"),
        yaxis=dict(gridcolor="#e5e8eb", zeroline=False, rangemode="tozero", exponentformat="none",
                   separatethousands=True),  # 5,000 beside 15,000 (value axes; year axes are x axes)
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, title_text=""),
        hoverlabel=dict(font_size=14),
        hovermode="x unified",
    )
)
pio.templates.default = TEMPLATE  # every figure starts in the one style (setting it on each figure cost ~4 ms)


def style(fig: go.Figure, ctx, *, y_title: str = "", x_title: str = "", height: int | None = None) -> go.Figure:
    """The one plotly style, with the reader's number separators (1.234,5 in Vietnamese); the height given, else
    the one the figure set for itself (a bar per commune needs room), else 340 px."""
    if fig.layout.template.layout.font.family != FONT:  # made before this module set the default template
        fig.update_layout(template=TEMPLATE)
    fig.update_layout(separators=formats.PLOTLY_SEPARATORS[ctx.lang], height=height or fig.layout.height or 340)
    if y_title:
        fig.update_yaxes(title_text=y_title)
    if x_title:
        fig.update_xaxes(title_text=x_title)
    return fig


def target_line(fig: go.Figure, value: float, label: str) -> None:
    """A target as a dashed black line with its label above its left end (the one way targets are drawn), on the
    first plot of the figure: what ``fig.add_hline`` draws, at a third of its cost."""
    fig.add_shape(type="line", xref="x domain", x0=0, x1=1, yref="y", y0=value, y1=value,
                  line=dict(color=palette.TARGET, dash="dash", width=1.5))
    fig.add_annotation(xref="x domain", x=0, yref="y", y=value, text=label, showarrow=False, xanchor="left",
                       yanchor="bottom", font=dict(color=palette.TARGET, size=13))


def vertical_line(fig: go.Figure, value: float, label: str = "", *, color: str = palette.CONTEXT, width: float = 2,
                  dash: str = "solid") -> None:
    """A vertical line at `value` on the x axis, its label above it (what ``fig.add_vline`` draws, for less)."""
    fig.add_shape(type="line", xref="x", x0=value, x1=value, yref="y domain", y0=0, y1=1,
                  line=dict(color=color, dash=dash, width=width))
    if label:
        fig.add_annotation(xref="x", x=value, yref="y domain", y=1, text=label, showarrow=False, xanchor="center",
                           yanchor="bottom")


PRESENT_FONT = 24  # px at 1920 × 1080: readable from the back of a hall


def present(fig: go.Figure, ctx, *, y_title: str = "", x_title: str = "", height: int = 640) -> go.Figure:
    """The one style at slide size: the same colours, type at least 24 px, no hover needed. The y axis's unit is
    read across on the chart's first line, the legend below it: turned along the axis, a long unit ("% số doanh
    nghiệp công nghiệp hỗ trợ") was longer than the plot is high on a slide scaled down to a smaller screen."""
    style(fig, ctx, x_title=x_title, height=height)
    fig.update_layout(font=dict(size=PRESENT_FONT), legend=dict(font=dict(size=PRESENT_FONT)),
                      margin=dict(l=16, r=40, t=60, b=16), paper_bgcolor="#ffffff", plot_bgcolor="#ffffff")
    if y_title:  # both at fixed places from the top (the figure's height is fixed); the legend pushes the plot down
        fig.update_layout(title=dict(text=y_title, x=0, xref="container", xanchor="left", pad=dict(l=2),
                                     y=1 - 8 / height, yref="container", yanchor="top", automargin=False,
                                     font=dict(size=PRESENT_FONT - 2)),
                          legend=dict(xref="container", x=0, yref="container", y=1 - 48 / height, yanchor="top"))
    fig.update_xaxes(tickfont=dict(size=PRESENT_FONT - 2), title_font=dict(size=PRESENT_FONT), automargin=True)
    fig.update_yaxes(tickfont=dict(size=PRESENT_FONT - 2), title_font=dict(size=PRESENT_FONT), automargin=True)
    fig.update_annotations(font_size=PRESENT_FONT - 2)
    fig.update_traces(textfont_size=PRESENT_FONT - 2, selector=lambda t: hasattr(t, "textfont"))
    return fig
