"""The benchmark's baseline: every figure a page shows, computed the naive way in pandas.

The raw tables are loaded into pandas once (dates parsed then); each page run then filters, joins and
groups them, as an app without a database would. Each function returns the same rows and figures as
the ``industry.data.metrics`` function of the same name (``tests/test_baseline.py`` checks it), so that the
benchmark compares equal work. Within one page run, a figure two queries share (the wastewater status of
every site in a year, the enterprises active in a year) is computed once, as a naive page would too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import duckdb
import numpy as np
import pandas as pd

from ..data import metrics

COMMUNE = {"full_name_vi": "commune_name_vi"}  # the commune's name as the lists name it
COMMUNE_BOTH = {**COMMUNE, "name_en": "commune_name_en"}
TABLES = ("enterprises", "certifications", "sites", "wastewater_plants", "wastewater_samples", "wastewater_limits",
          "craft_villages", "communes", "sectors", "promotion_activities", "programme_targets",
          "commune_predecessors")


def _pct(part, whole):
    """100 × part / whole rounded to 0.1 half away from zero (as SQL's round), empty where whole is 0."""
    part = np.asarray(part, dtype=float)
    whole = np.asarray(whole, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(whole > 0, 100.0 * part / whole, np.nan)
    return np.sign(value) * np.floor(np.abs(value) * 10 + 0.5) / 10


def _day(year: int) -> pd.Timestamp:
    return pd.Timestamp(year, 12, 31)


class Tables:
    """The raw tables in memory: what the naive app loads once."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        frames = {name: con.table(name).df() for name in TABLES}
        for name, columns in (("certifications", ("issued_on", "expires_on")), ("wastewater_samples", ("sampled_on",)),
                              ("wastewater_limits", ("valid_from",))):
            for column in columns:
                frames[name][column] = pd.to_datetime(frames[name][column])
        self.__dict__.update(frames)
        self.first_year, self.last_year = metrics.years(con)


class Run:
    """One page run: the figures of ``industry.data.metrics``, from `tables`, with what a run shares kept for it."""

    def __init__(self, tables: Tables):
        self.t = tables
        self._memo: dict = {}

    def _once(self, key, make):
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    # --- shared within a run -------------------------------------------------------------

    def years(self) -> range:
        return range(self.t.first_year, self.t.last_year + 1)

    def active(self, year: int) -> pd.DataFrame:
        """Enterprises active on 31 December of `year`."""
        def make():
            e = self.t.enterprises
            return e[(e["founded_year"] <= year) & (e["closed_year"].isna() | (e["closed_year"] > year))]
        return self._once(("active", year), make)

    def supporting(self, year: int) -> pd.DataFrame:
        """Supporting-industry enterprises active in `year`, with whether each holds a valid certificate then."""
        def make():
            a = self.active(year)
            a = a[a["supporting_industry"]]
            return a.assign(certified=a["enterprise_id"].isin(self.holders(year)["enterprise_id"]))
        return self._once(("supporting", year), make)

    def holders(self, year: int) -> pd.DataFrame:
        """Distinct (enterprise, standard) with a certificate valid on 31 December of `year`."""
        def make():
            c = self.t.certifications
            day = _day(year)
            c = c[(c["issued_on"] <= day) & (c["expires_on"].isna() | (c["expires_on"] >= day))]
            return c[["enterprise_id", "standard"]].drop_duplicates()
        return self._once(("holders", year), make)

    def judged(self) -> pd.DataFrame:
        """Every measurement against the limit of its plant's standard in force on the sampling date."""
        def make():
            s = self.t.wastewater_samples.merge(self.t.wastewater_plants[["site_id", "standard"]], on="site_id",
                                                how="left")
            s = pd.merge_asof(s.sort_values("sampled_on"),
                              self.t.wastewater_limits[["standard", "parameter", "valid_from", "min_value",
                                                        "max_value"]].sort_values("valid_from"),
                              left_on="sampled_on", right_on="valid_from", by=["standard", "parameter"])
            plain = (s["value"] > s["max_value"]) | (s["value"] < s["min_value"])
            qualifier = s["qualifier"]
            s["exceeds"] = plain.where(qualifier.isna(), (qualifier == "not_detected") & (s["min_value"] > 0)
                                       | (qualifier == "below") & (s["value"] <= s["min_value"]))
            s["year"] = s["sampled_on"].dt.year
            return s
        return self._once("judged", make)

    def site_year(self, year: int) -> pd.DataFrame:
        """Every site's wastewater status in `year`."""
        def make():
            s = self.t.sites[["site_id", "kind", "commune_code", "status", "opened_year"]].copy()
            plants = self.t.wastewater_plants.set_index("site_id")["commissioned_year"]
            j = self.judged()
            j = j[j["year"] == year].groupby("site_id")["exceeds"].agg(["size", "sum"])
            s["counted"] = (s["status"] == "operating") & (s["opened_year"] <= year)
            s["has_plant"] = s["site_id"].map(plants) <= year
            s["samples_count"] = s["site_id"].map(j["size"]).fillna(0).astype(int)
            s["exceedances_count"] = s["site_id"].map(j["sum"]).fillna(0).astype(int)
            s["compliant"] = s["counted"] & s["has_plant"] & (s["samples_count"] > 0) & (s["exceedances_count"] == 0)
            s["year_status"] = np.select(
                [~s["counted"] & s["status"].isna(), ~s["counted"], ~s["has_plant"], s["samples_count"] == 0,
                 s["exceedances_count"] == 0],
                ["not_stated", "not_operating", "no_plant", "no_data", "compliant"], "not_compliant")
            return s
        return self._once(("site_year", year), make)

    @staticmethod
    def _scope(df: pd.DataFrame, communes: Sequence[str], column: str = "commune_code") -> pd.DataFrame:
        return df[df[column].isin(communes)] if communes else df

    @staticmethod
    def _sector(df: pd.DataFrame, sector: str | None) -> pd.DataFrame:
        return df[df["sector"] == sector] if sector else df

    def _names(self, df: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
        """`df` with the names of its commune (`commune_code`): the communes' columns named as `names` says."""
        names = names or {"full_name_vi": "full_name_vi"}
        communes = self.t.communes[["code", *names]].rename(columns=names)
        return df.merge(communes, left_on="commune_code", right_on="code", how="inner").drop(columns="code")

    # --- the figures, as in industry.data.metrics ----------------------------------------------

    def clusters_by_year(self, communes: Sequence[str] = ()) -> pd.DataFrame:
        rows = []
        sites = self._scope(self.t.sites, communes)
        parks = sites[sites["kind"].isin(["industrial_park", "high_tech_park"]) & (sites["status"] == "operating")]
        for year in self.years():
            s = self._scope(self.site_year(year), communes)
            s = s[s["kind"] == "cluster"]
            counted = int(s["counted"].sum())
            compliant = int(s["compliant"].sum())
            rows.append(dict(
                year=year, clusters_count=counted, with_plant_count=int((s["counted"] & s["has_plant"]).sum()),
                compliant_count=compliant, not_compliant_count=int((s["year_status"] == "not_compliant").sum()),
                no_data_count=int((s["year_status"] == "no_data").sum()),
                no_plant_count=int((s["year_status"] == "no_plant").sum()),
                compliance_pct=_pct(compliant, counted).item(), parks_count=int((parks["opened_year"] <= year).sum()),
            ))
        return pd.DataFrame(rows)

    def enterprises_by_year(self, communes: Sequence[str] = (), sector: str | None = None) -> pd.DataFrame:
        rows = []
        for year in self.years():
            a = self._sector(self._scope(self.active(year), communes), sector)
            si = self._si(year, communes, sector)
            rows.append(dict(year=year, enterprises_count=len(a), si_enterprises_count=len(si),
                             si_certified_count=int(si["certified"].sum()),
                             si_certified_pct=_pct(si["certified"].sum(), len(si)).item()))
        return pd.DataFrame(rows)

    def villages_by_year(self, communes: Sequence[str] = ()) -> pd.DataFrame:
        v = self._scope(self.t.craft_villages, communes)
        recognised = v[v["recognised"].fillna(False).astype(bool)]["recognised_year"]
        return pd.DataFrame([dict(year=y, villages_count=len(v), recognised_count=int((recognised <= y).sum()))
                             for y in self.years()])

    def targets(self) -> pd.DataFrame:
        return self.t.programme_targets.sort_values(["programme", "indicator"])

    def programme_progress(self) -> pd.DataFrame:
        """The indicators programme_progress derives from the base tables."""
        e = self.enterprises_by_year()
        c = self.clusters_by_year()
        return pd.concat([
            e.assign(indicator="si_enterprises", value=e["si_enterprises_count"].astype(float)),
            e.assign(indicator="si_international_standard_share", value=e["si_certified_pct"]),
            c.assign(indicator="wastewater_compliance_rate", value=c["compliance_pct"]),
        ])[["indicator", "year", "value"]].dropna()

    def map_communes(self, year: int, sector: str | None = None) -> pd.DataFrame:
        s = self.site_year(year)
        s = s[s["kind"] == "cluster"]
        clusters = s.groupby("commune_code").agg(clusters_count=("counted", "sum"),
                                                 compliant_count=("compliant", "sum"))
        a = self._sector(self.active(year), sector)
        si = self._si(year, (), sector)
        enterprises = pd.DataFrame({
            "enterprises_count": a.groupby("commune_code").size(),
            "si_enterprises_count": si.groupby("commune_code").size(),
            "si_certified_count": si.groupby("commune_code")["certified"].sum(),
        })
        v = self.t.craft_villages
        rec = v["recognised"].fillna(False).astype(bool) & (v["recognised_year"] <= year)
        villages = pd.DataFrame({"villages_count": v.groupby("commune_code").size(),
                                 "recognised_count": rec.groupby(v["commune_code"]).sum()})
        p = self.t.promotion_activities
        p = p[(p["status"] != "cancelled") & p["commune_code"].notna()
              & p["year"].between(metrics.ACTIVITIES_FROM, year)]
        support = p.groupby("commune_code")["budget_state_million_vnd"].sum().rename("support_million_vnd")
        c = self.t.communes[["code", "full_name_vi", "name_en", "kind", "area_km2", "lon", "lat"]].set_index("code")
        df = c.join(clusters).join(enterprises).join(villages).join(support)
        counts = ["clusters_count", "compliant_count", "enterprises_count", "si_enterprises_count",
                  "si_certified_count", "villages_count", "recognised_count", "support_million_vnd"]
        df["compliance_pct"] = _pct(df["compliant_count"], df["clusters_count"])
        df["si_certified_pct"] = _pct(df["si_certified_count"], df["si_enterprises_count"])
        df[counts] = df[counts].fillna(0)
        df["not_compliant_count"] = df["clusters_count"] - df["compliant_count"]
        df["enterprises_per_km2"] = (df["enterprises_count"] / df["area_km2"].replace(0, np.nan)).round(1)
        return df.reset_index().sort_values("code")

    def commune_shapes(self) -> pd.DataFrame:
        return self.t.communes[["code", "geometry_simplified"]].sort_values("code")

    def commune_ranks(self, year: int, sector: str | None = None) -> pd.DataFrame:
        return metrics.ranked(self.map_communes(year, sector))  # the same ranking rule, on pandas' frame

    def map_sites(self, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
        s = self._scope(self.t.sites, communes)
        s = self._names(s, COMMUNE_BOTH)
        sy = self.site_year(year)[["site_id", "year_status", "exceedances_count"]]
        a = self.active(year)
        inside = a[a["site_id"].notna()].groupby("site_id").size().rename("enterprises_count")
        s = s.merge(sy, on="site_id", how="left").merge(inside, left_on="site_id", right_index=True, how="left")
        s["enterprises_count"] = s["enterprises_count"].fillna(0)
        plants = self.t.wastewater_plants
        plants = plants[plants["commissioned_year"] <= year][["site_id", "capacity_m3_per_day", "standard"]]
        s = s.merge(plants, on="site_id", how="left")
        s["position_approximate"] = s["imputed"].fillna("").str.contains("lon")
        return s.sort_values(["kind", "name_vi"])

    def map_villages(self, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
        v = self._names(self._scope(self.t.craft_villages, communes), COMMUNE_BOTH)
        v["recognised_in_year"] = v["recognised"].fillna(False).astype(bool) & (v["recognised_year"] <= year)
        v["figures_imputed"] = v["imputed"].fillna("").astype(str).str.contains("households")
        return v.sort_values("name_vi")

    def wastewater_by_commune(self, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
        s = self._scope(self.site_year(year), communes)
        s = s[(s["kind"] == "cluster") & s["counted"]]
        df = s.groupby("commune_code").agg(clusters_count=("counted", "size"), compliant_count=("compliant", "sum"))
        if len(communes):  # a chosen commune without an operating cluster is a row of its own
            df = df.reindex(pd.Index(list(dict.fromkeys(communes)), name="commune_code"), fill_value=0)
        df["short_count"] = df["clusters_count"] - df["compliant_count"]
        df["compliance_pct"] = _pct(df["compliant_count"], df["clusters_count"])
        df = self._names(df.reset_index(), {"full_name_vi": "full_name_vi", "name_en": "name_en"})
        return df.sort_values(["compliance_pct", "short_count", "full_name_vi"], ascending=[True, False, True])

    def wastewater_failures(self, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
        s = self._scope(self.site_year(year), communes)
        failing = s[(s["kind"] == "cluster") & s["year_status"].isin(["not_compliant", "no_data"])]
        j = self.judged()
        j = j[(j["year"] == year) & j["site_id"].isin(failing["site_id"])].copy()
        j["badness"] = np.fmax((j["value"] / j["max_value"].replace(0, np.nan)).fillna(0),
                               (j["min_value"] / j["value"].replace(0, np.nan)).fillna(0))
        checks = j.groupby(["site_id", "parameter"]).agg(samples_count=("exceeds", "size"),
                                                           exceedances_count=("exceeds", "sum"))
        bad = j[j["exceeds"]].sort_values("badness").groupby(["site_id", "parameter"]).tail(1)
        checks = checks[checks["exceedances_count"] > 0].join(
            bad.set_index(["site_id", "parameter"])[["value", "unit", "min_value", "max_value"]].rename(
                columns={"value": "worst_value"})).reset_index()
        checks["ratio_to_limit"] = (checks["worst_value"] / checks["max_value"].replace(0, np.nan)).round(2)
        last = pd.concat([self.site_year(y)[["site_id", "compliant"]].assign(year=y) for y in self.years() if y < year]
                         or [pd.DataFrame(columns=["site_id", "compliant", "year"])])
        last = last[last["compliant"].astype(bool)].groupby("site_id")["year"].max().rename("last_compliant_year")
        df = failing[["site_id", "commune_code", "year_status"]].merge(
            self.t.sites[["site_id", "name_vi", "name_en"]], on="site_id")
        df = self._names(df, COMMUNE).rename(columns={"year_status": "status"}).merge(
            self.t.wastewater_plants[["site_id", "capacity_m3_per_day", "standard"]], on="site_id", how="left")
        df = df.merge(checks, on="site_id", how="left").merge(last, left_on="site_id", right_index=True, how="left")
        names = self.t.wastewater_limits[["standard", "parameter", "parameter_vi"]].drop_duplicates()
        df = df.merge(names, on=["standard", "parameter"], how="left")
        return df.sort_values(["name_vi", "ratio_to_limit", "parameter"], ascending=[True, False, True],
                              na_position="last")

    def _si(self, year: int, communes: Sequence[str] = (), sector: str | None = None) -> pd.DataFrame:
        return self._sector(self._scope(self.supporting(year), communes), sector)

    def _certified_by(self, df: pd.DataFrame, column: str) -> pd.DataFrame:
        g = df.groupby(column)["certified"].agg(["size", "sum"]).rename(
            columns={"size": "si_enterprises_count", "sum": "si_certified_count"})
        g = g[g["si_enterprises_count"] > 0]
        g["si_certified_pct"] = _pct(g["si_certified_count"], g["si_enterprises_count"])
        return g.reset_index()

    def si_by_sector(self, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
        g = self._certified_by(self._si(year, communes), "sector").merge(
            self.t.sectors[["sector", "name_en", "name_vi"]], on="sector")
        return g.sort_values(["si_certified_pct", "sector"], ascending=[False, True])

    def si_by_size(self, year: int, communes: Sequence[str] = (), sector: str | None = None) -> pd.DataFrame:
        g = self._certified_by(self._si(year, communes, sector), "size")
        order = {"micro": 1, "small": 2, "medium": 3}
        return g.sort_values("size", key=lambda s: s.map(order).fillna(4))

    def si_by_commune(self, year: int, sector: str | None = None) -> pd.DataFrame:
        g = self._names(self._certified_by(self._si(year, (), sector), "commune_code"))
        return g.sort_values(["si_certified_pct", "si_enterprises_count", "commune_code"],
                             ascending=[False, False, True])

    def si_by_standard(self, year: int, communes: Sequence[str] = (), sector: str | None = None) -> pd.DataFrame:
        h = self.holders(year).merge(self._si(year, communes, sector)[["enterprise_id"]], on="enterprise_id")
        g = h.groupby("standard").size().rename("si_holders_count").reset_index()
        return g.sort_values(["si_holders_count", "standard"], ascending=[False, True])

    def si_expiring(self, year: int, communes: Sequence[str] = (), sector: str | None = None,
                    today: dt.date | None = None, limit: int = metrics.ACTION_LIST_LIMIT) -> pd.DataFrame:
        c = self.t.certifications
        c = c[c["issued_on"] <= _day(year)]
        latest = c.groupby(["enterprise_id", "standard"]).agg(
            issued_on=("issued_on", "max"), expires_on=("expires_on", "max"), expires_count=("expires_on", "count"),
            count=("issued_on", "size")).reset_index()
        latest = latest[(latest["expires_count"] == latest["count"]) & (latest["expires_on"] >= _day(year))
                        & (latest["expires_on"] < _day(year + 1))]
        si = self._si(year, communes, sector)[["enterprise_id", "name", "commune_code", "sector", "employees"]]
        df = latest.drop(columns=["expires_count", "count"]).merge(si, on="enterprise_id")
        df = df.sort_values(["expires_on", "name", "enterprise_id", "standard"])
        lapsed = int((pd.to_datetime(df["expires_on"]) < pd.Timestamp(today or dt.date.today())).sum())
        return self._names(df.head(limit), COMMUNE).assign(total_count=len(df), lapsed_count=lapsed)

    def si_uncertified(self, year: int, communes: Sequence[str] = (), sector: str | None = None,
                       limit: int = metrics.ACTION_LIST_LIMIT) -> pd.DataFrame:
        priority = self.t.sectors.loc[self.t.sectors["priority"], "sector"]
        si = self._si(year, communes, sector)
        df = si[si["sector"].isin(priority) & ~si["certified"]]
        df = df.sort_values(["employees", "enterprise_id"], ascending=[False, True])
        listed = df.head(limit)[["enterprise_id", "name", "commune_code", "sector", "size", "employees", "founded_year"]]
        return self._names(listed, COMMUNE).assign(total_count=len(df))

    def _villages_by(self, v: pd.DataFrame, column: str, year: int) -> pd.DataFrame:
        v = v.assign(rec=v["recognised"].fillna(False).astype(bool) & (v["recognised_year"] <= year))
        return v.groupby(column).agg(villages_count=("village_id", "size"), recognised_count=("rec", "sum"),
                                     households=("households", "sum"), workers=("workers", "sum")).reset_index()

    def villages_by_craft(self, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
        g = self._villages_by(self._scope(self.t.craft_villages, communes), "craft", year)
        return g.sort_values(["villages_count", "craft"], ascending=[False, True])

    def villages_by_commune(self, year: int) -> pd.DataFrame:
        g = self._names(self._villages_by(self.t.craft_villages, "commune_code", year))
        return g.sort_values(["villages_count", "recognised_count", "commune_code"], ascending=[False, False, True])

    def activities_by_year(self, communes: Sequence[str] = ()) -> pd.DataFrame:
        p = self._scope(self.t.promotion_activities, communes)
        p = p[p["status"] != "cancelled"]
        return p.groupby(["year", "kind"]).agg(
            activities_count=("activity_id", "size"), state_million_vnd=("budget_state_million_vnd", "sum"),
            counterpart_million_vnd=("budget_counterpart_million_vnd", "sum"),
            beneficiaries=("beneficiaries", "sum")).reset_index()

    def activities_by_commune(self, year: int) -> pd.DataFrame:
        p = self.t.promotion_activities
        p = p[(p["status"] != "cancelled") & p["commune_code"].notna()
              & p["year"].between(metrics.ACTIVITIES_FROM, year)]
        support = p.groupby("commune_code").agg(activities_count=("activity_id", "size"),
                                                state_million_vnd=("budget_state_million_vnd", "sum"),
                                                counterpart_million_vnd=("budget_counterpart_million_vnd", "sum"))
        a = self.active(year)
        small = a[a["size"].isin(["micro", "small"])].groupby("commune_code").size().rename("establishments_count")
        v = self.t.craft_villages.groupby("commune_code").agg(villages_count=("village_id", "size"),
                                                               village_workers=("workers", "sum"))
        df = self.t.communes[["code", "full_name_vi", "name_en", "kind"]].set_index("code").join(support).join(
            small).join(v)
        counts = ["activities_count", "state_million_vnd", "counterpart_million_vnd", "establishments_count",
                  "villages_count", "village_workers"]
        df[counts] = df[counts].fillna(0)
        df["state_per_100"] = _pct(df["state_million_vnd"], df["establishments_count"] + df["villages_count"])
        return df.reset_index().sort_values("code")

    def activities_list(self, year: int, communes: Sequence[str] = ()) -> pd.DataFrame:
        p = self._scope(self.t.promotion_activities, communes)
        p = p[p["year"] == year]
        p = p.merge(self.t.communes[["code", "full_name_vi"]], left_on="commune_code", right_on="code", how="left")
        p = p.merge(self.t.enterprises[["enterprise_id", "name"]], on="enterprise_id", how="left")
        p = p.merge(self.t.craft_villages[["village_id", "name_vi"]], on="village_id", how="left")
        p = p.rename(columns={"full_name_vi": "commune_name_vi", "name": "enterprise_name", "name_vi": "village_name_vi"})
        return p.sort_values(["kind", "activity_id"])

    def commune_predecessors(self, communes: Sequence[str]) -> pd.DataFrame:
        p = self.t.commune_predecessors
        return p[p["code"].isin(list(communes))].sort_values(["code", "old_district", "old_name"])

    def commune_trends(self, communes: Sequence[str], sector: str | None = None) -> pd.DataFrame:
        """Each commune's clusters and supporting-industry enterprises by year: one grouping per year."""
        codes = sorted(set(communes) & set(self.t.communes["code"]))
        frames = []
        for year in self.years():
            s = self._scope(self.site_year(year), codes)
            s = s[s["kind"] == "cluster"].groupby("commune_code").agg(
                clusters_count=("counted", "sum"), compliant_count=("compliant", "sum"))
            si = self._si(year, codes, sector).groupby("commune_code")["certified"].agg(["size", "sum"])
            frames.append(pd.DataFrame({
                "commune_code": codes, "year": year,
                "clusters_count": s["clusters_count"].reindex(codes, fill_value=0).to_numpy(),
                "compliant_count": s["compliant_count"].reindex(codes, fill_value=0).to_numpy(),
                "si_enterprises_count": si["size"].reindex(codes, fill_value=0).to_numpy(),
                "si_certified_count": si["sum"].reindex(codes, fill_value=0).to_numpy()}))
        df = pd.concat(frames, ignore_index=True)
        df["compliance_pct"] = _pct(df["compliant_count"], df["clusters_count"])
        df["si_certified_pct"] = _pct(df["si_certified_count"], df["si_enterprises_count"])
        return df.sort_values(["commune_code", "year"])

    def wastewater_limits(self) -> pd.DataFrame:
        return self.t.wastewater_limits.sort_values(["standard", "parameter", "valid_from"])
