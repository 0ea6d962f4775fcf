"""Figures recomputed straight from the base tables in Python, to check the SQL against."""

from __future__ import annotations

from collections import defaultdict

import duckdb


def compliance(db, year: int, communes: list[str] | None = None) -> dict:
    """Counted, compliant, failing (with a plant: outside the limits or not sampled) and no-plant clusters."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        limits = defaultdict(list)
        for std, prm, lo, hi, since in con.execute(
            "select standard, parameter, min_value, max_value, valid_from from wastewater_limits"
        ).fetchall():
            limits[(std, prm)].append((since, lo, hi))
        plants = {s: (y, std) for s, y, std in con.execute(
            "select site_id, commissioned_year, standard from wastewater_plants").fetchall()}
        samples = defaultdict(list)
        for site, day, prm, value, qualifier in con.execute(
            "select site_id, sampled_on, parameter, value, qualifier from wastewater_samples"
            " where year(sampled_on) = $y",
            {"y": year},
        ).fetchall():
            samples[site].append((day, prm, value, qualifier))
        clusters = con.execute(
            "select site_id, status, opened_year, commune_code from sites where kind = 'cluster'").fetchall()
    finally:
        con.close()
    out = {"counted": set(), "compliant": set(), "failing": set(), "no_data": set(), "no_plant": set(),
           "failed_parameters": defaultdict(set)}
    for site, status, opened, commune in clusters:
        if status != "operating" or opened > year or (communes and commune not in communes):
            continue
        out["counted"].add(site)
        plant = plants.get(site)
        if not plant or plant[0] > year:
            out["no_plant"].add(site)
            continue
        if not samples[site]:
            out["failing"].add(site)
            out["no_data"].add(site)
            continue
        for day, prm, value, qualifier in samples[site]:
            in_force = [lim for lim in limits.get((plant[1], prm), []) if lim[0] <= day]
            if in_force:
                _, lo, hi = max(in_force)
                if qualifier:  # below the detection limit or not detected: within a maximum
                    below_minimum = lo is not None and (value is None and lo > 0 or value is not None and value <= lo)
                    if below_minimum:
                        out["failed_parameters"][site].add(prm)
                elif (lo is not None and value < lo) or (hi is not None and value > hi):
                    out["failed_parameters"][site].add(prm)
        if out["failed_parameters"][site]:
            out["failing"].add(site)
        else:
            out["compliant"].add(site)
    return out


def supporting_series(db, communes: list[str] | None = None, sector: str | None = None,
                      years=range(2018, 2026)) -> dict[int, tuple[int, int]]:
    """Year → (active supporting-industry enterprises, of which certified on 31 December), from base tables."""
    import datetime as dt

    con = duckdb.connect(str(db), read_only=True)
    try:
        ents = con.execute("select enterprise_id, commune_code, sector, founded_year, closed_year from enterprises "
                           "where supporting_industry").fetchall()
        certs = defaultdict(list)
        for e, issued, expires in con.execute("select enterprise_id, issued_on, expires_on from certifications"
                                              ).fetchall():
            certs[e].append((issued, expires))
    finally:
        con.close()
    out = {}
    for year in years:
        day = dt.date(year, 12, 31)
        active = [e for e, c, s, f, x in ents if f <= year and (x is None or x > year)
                  and (not communes or c in communes) and (sector is None or s == sector)]
        certified = [e for e in active if any(i <= day and (x is None or x >= day) for i, x in certs[e])]
        out[year] = (len(active), len(certified))
    return out
