"""A commune's profile: its key figures beside the city's and its rank among the 126, its trends and its lists.

No Streamlit here: the Commune profile page and its PDF (industry.outputs.pdf) read the same figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import pandas as pd

from ..core import formats
from ..core.i18n import Translator
from ..data import metrics

PERCENT = {"compliance_pct", "si_certified_pct"}


@dataclass
class Profile:
    code: str
    name: str
    kind: str
    year: int
    figures: pd.DataFrame  # label, commune value, city value, rank, of
    trends: pd.DataFrame  # year, compliance %, certified %, city compliance %, city certified %
    sites: pd.DataFrame
    villages: pd.DataFrame
    predecessors: pd.DataFrame
    geometry: dict
    points: list[tuple[float, float, str]]  # lon, lat, kind of point (site status or "village")
    bases: dict[str, dict[int, int]] | None = None  # a rate's base by year: {"clusters_count": {2025: 2}, …}
    neighbours: tuple = ()  # the communes around it: (full name, label lon, label lat, geometry), for its map


def city_values(clusters: pd.DataFrame, ents: pd.DataFrame, villages: pd.DataFrame, year: int) -> dict[str, float | None]:
    clusters = clusters.set_index("year").loc[year]
    ents = ents.set_index("year").loc[year]
    villages = villages.set_index("year").loc[year]
    return {
        "clusters_count": clusters["clusters_count"], "compliance_pct": clusters["compliance_pct"],
        "enterprises_count": ents["enterprises_count"], "si_enterprises_count": ents["si_enterprises_count"],
        "si_certified_pct": ents["si_certified_pct"], "villages_count": villages["villages_count"],
        "recognised_count": villages["recognised_count"],
    }


def build_profiles(query, codes: list[str], year: int, sector: str | None, tr: Translator,
                   scope: tuple[str, ...] | None = None) -> list[Profile]:
    """The profiles of `codes`. `query(fn, *args)` runs a function of industry.data.metrics; the city-wide figures,
    ranks, sites and villages are asked for once for all the communes, the sites and villages for the communes of
    `scope` (by default `codes`; the page passes its commune filter, so that its map shares the answer)."""
    ranks = metrics.ranked(query(metrics.map_communes, year, sector))  # shared with the map's cache
    city_c = query(metrics.clusters_by_year, ())
    city_e = query(metrics.enterprises_by_year, (), sector)
    city = city_values(city_c, city_e, query(metrics.villages_by_year, ()), year)
    city_c, city_e = city_c.set_index("year"), city_e.set_index("year")
    scope = tuple(codes) if scope is None else tuple(scope)
    all_sites = query(metrics.map_sites, year, scope)
    all_villages = query(metrics.map_villages, year, scope)
    geometries = query(metrics.commune_shapes).set_index("code")["geometry_simplified"]
    trends = query(metrics.commune_trends, tuple(codes), sector)
    predecessors = query(metrics.commune_predecessors, tuple(codes))
    labels = ranks.set_index("code")[["full_name_vi"]].join(query(metrics.communes).set_index("code")[["lon", "lat"]])
    return [replace(_profile(code, year, tr, ranks, city, city_c, city_e, all_sites, all_villages, geometries,
                             trends[trends["commune_code"] == code].set_index("year"),
                             predecessors[predecessors["code"] == code].reset_index(drop=True)),
                    neighbours=_neighbours(code, geometries, labels)) for code in codes]


def _neighbours(code: str, geometries: pd.Series, labels: pd.DataFrame) -> tuple:
    """The communes whose outline comes within the commune's own box (widened by a tenth): drawn around it, named
    (the boxes are the map's, kept per geometry)."""
    from .mapdeck import bounds

    x0, y0, x1, y1 = bounds(geometries.loc[code])
    dx, dy = (x1 - x0) * 0.1, (y1 - y0) * 0.1
    out = []
    for other, raw in geometries.items():
        if other == code or other not in labels.index:
            continue
        a, b, c, d = bounds(raw)
        if a <= x1 + dx and c >= x0 - dx and b <= y1 + dy and d >= y0 - dy:
            row = labels.loc[other]
            out.append((row["full_name_vi"], float(row["lon"]), float(row["lat"]), json.loads(raw)))
    return tuple(out)


def few_units(tr: Translator, base: str, n: int) -> str:
    """" (chỉ 2 cụm)" after a rate resting on fewer than MIN_BASE clusters or enterprises; nothing otherwise."""
    return tr(f"profile.few_{base}", n=n) if 0 < n < metrics.MIN_BASE else ""


def joined_words(tr: Translator, is_partial) -> list[str]:
    """Whether each former unit went into the commune whole or in part, in words."""
    return [tr("profile.joined_part") if x else tr("profile.joined_whole") for x in is_partial]


def build_profile(query, code: str, year: int, sector: str | None, tr: Translator) -> Profile:
    return build_profiles(query, [code], year, sector, tr)[0]


def commune_profile(con, code: str, year: int, sector: str | None, lang: str) -> Profile:
    """A commune's profile with labels in `lang`, asked straight of a connection (the exports and the tests)."""
    return build_profile(lambda fn, *args: fn(con, *args), code, year, sector, Translator(lang))


def _profile(code, year, tr, ranks, city, city_c, city_e, all_sites, all_villages, geometries, mine,
             predecessors) -> Profile:
    row = ranks[ranks["code"] == code].iloc[0]
    lang = tr.lang
    lines = []
    for column, _ in metrics.PROFILE_FIGURES:
        pct = column in PERCENT
        fmt = (lambda v: formats.percent(v, lang)) if pct else (lambda v: formats.number(v, lang))
        rank, last = row[f"{column}_rank"], row[f"{column}_rank_last"]
        ranked = int(ranks[f"{column}_rank"].notna().sum())
        base = metrics.RATE_BASES.get(column)
        few = few_units(tr, base, int(row[base])) if base else ""  # a rate of 2 or 3 units says so, and is not ranked
        lines.append({
            tr("profile.col_figure"): tr(f"profile.fig_{column}"),
            tr("profile.col_commune"): fmt(row[column]) + few,
            tr("profile.col_city"): fmt(city[column]),
            tr("profile.col_rank"): tr("profile.rank_few", n=metrics.MIN_BASE) if few else "–" if pd.isna(rank)
            else tr("profile.rank", rank=int(rank), of=ranked)
            if rank == last else tr("profile.rank_tied", rank=int(rank), last=int(last), of=ranked),
        })
    trends = pd.DataFrame({
        tr("col.year"): mine.index,
        tr("profile.trend_compliance"): mine["compliance_pct"].to_numpy(),
        tr("profile.trend_compliance_city"): city_c["compliance_pct"].to_numpy(),
        tr("profile.trend_certified"): mine["si_certified_pct"].to_numpy(),
        tr("profile.trend_certified_city"): city_e["si_certified_pct"].to_numpy(),
    })
    sites = all_sites[all_sites["commune_code"] == code].reset_index(drop=True)
    villages = all_villages[all_villages["commune_code"] == code].reset_index(drop=True)
    geometry = json.loads(geometries.loc[code])
    points = [(s.lon, s.lat, s.year_status or "not_operating") for s in sites.itertuples()] + [
        (v.lon, v.lat, "village") for v in villages.itertuples()]
    bases = {b: {int(y): int(n) for y, n in mine[b].items()} for b in metrics.RATE_BASES.values()}
    return Profile(code, row["full_name_vi"], row["kind"], year, pd.DataFrame(lines), trends, sites, villages,
                   predecessors, geometry, points, bases)


TREND_COLUMNS = {"compliance": ("profile.trend_compliance", "profile.trend_compliance_city"),
                 "certified": ("profile.trend_certified", "profile.trend_certified_city")}


def trend_data(profiles: list[Profile], which: str, tr: Translator) -> pd.DataFrame:
    """The city's and each chosen commune's trend of `which` (compliance or certified), by year."""
    column, city_column = (tr(k) for k in TREND_COLUMNS[which])
    data = profiles[0].trends[[tr("col.year"), city_column]].copy()
    for p in profiles:
        data[p.name] = p.trends[column].to_numpy()
    return data


def trend_title(ctx, profiles: list[Profile], which: str, year: int) -> str:
    """The finding of a trend chart: each commune's value in `year` and the city's ("–" where there is none)."""
    tr = ctx.tr
    column, city_column = (tr(k) for k in TREND_COLUMNS[which])

    def at_year(trends: pd.DataFrame, col: str) -> str:
        value = trends.loc[trends[tr("col.year")] == year, col]
        return "–" if value.empty or pd.isna(value.iloc[0]) else formats.percent(value.iloc[0], ctx.lang)

    base = metrics.RATE_BASES["compliance_pct" if which == "compliance" else "si_certified_pct"]

    communes = "; ".join(f"{p.name} {at_year(p.trends, column)}"
                         f"{few_units(tr, base, (p.bases or {}).get(base, {}).get(year, 0))}" for p in profiles)
    return tr(f"profile.{which}_title", year=year, communes=communes, city=at_year(profiles[0].trends, city_column))


def trend_figure(ctx, profiles: list[Profile], which: str, unit: str):
    """The trends of `trend_data` on one 0–105 % scale: the city dotted, the communes in the page's colours."""
    import plotly.graph_objects as go

    from ..core import palette
    from .style import style

    tr = ctx.tr
    column, city_column = (tr(k) for k in TREND_COLUMNS[which])
    first = profiles[0].trends
    fig = go.Figure()
    fig.add_scatter(x=first[tr("col.year")], y=first[city_column], name=tr("profile.city"), mode="lines",
                    line=dict(color=palette.CONTEXT, width=2, dash="dot"))
    for i, p in enumerate(profiles):
        fig.add_scatter(x=p.trends[tr("col.year")], y=p.trends[column], name=p.name, mode="lines+markers",
                        line=dict(color=palette.ACTUAL if i == 0 else palette.SEQUENCE[(i + 3) % 8], width=3))
    fig.update_yaxes(range=[0, 105])  # same scale for every commune
    return style(fig, ctx, y_title=unit)


def comparison(profiles: list[Profile], tr: Translator) -> pd.DataFrame:
    """Two to four communes side by side, one table: each figure a row, each commune its value and rank, then the
    city's value."""
    first = profiles[0].figures
    figure, city = tr("profile.col_figure"), tr("profile.col_city")
    out = pd.DataFrame({figure: first[figure]})
    for p in profiles:
        out[p.name] = p.figures[tr("profile.col_commune")].to_numpy()
        out[tr("profile.col_rank_of", name=p.name)] = p.figures[tr("profile.col_rank")].to_numpy()
    out[city] = first[city].to_numpy()
    return out


@dataclass(frozen=True)
class Lists:
    """What is in the chosen communes, one readable table each: their former communes and wards, their
    industrial clusters and parks, their craft villages."""
    predecessors: pd.DataFrame
    sites: pd.DataFrame
    villages: pd.DataFrame


def list_tables(ctx, profiles: list[Profile]) -> Lists:
    from .mapdeck import site_table, village_table

    tr = ctx.tr
    # the former unit first (on a phone the first column is what is seen), whether it came whole or in part in words;
    # the new commune's own name only when several are profiled
    columns = {"old_name": tr("profile.col_old_name"), "old_district": tr("profile.col_old_district"),
               "joined": tr("profile.col_joined"), "old_code": tr("profile.col_old_code")}
    if len(profiles) > 1:
        columns = {"commune": tr("col.commune"), **columns}
    predecessors = pd.concat([p.predecessors.assign(commune=p.name) for p in profiles], ignore_index=True)
    predecessors["joined"] = joined_words(tr, predecessors["is_partial"])
    return Lists(predecessors=predecessors[list(columns)].rename(columns=columns),
                 sites=site_table(ctx, pd.concat([p.sites for p in profiles], ignore_index=True)),
                 villages=village_table(ctx, pd.concat([p.villages for p in profiles], ignore_index=True)))
