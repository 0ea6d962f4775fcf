"""The demonstration dataset: real geography, real named places and targets, flagged synthetic records.

Every synthetic record has ``is_demo = true``; every real, named record whose
missing attributes were filled in lists those columns in ``imputed``. Totals are
calibrated on the published figures in ``data/reference/headline_figures_*.csv``
(see PUBLISHED and ASSUMED); histories run from FIRST_YEAR to LAST_YEAR.

Sample values are drawn from log-normal distributions around each limit, per plant
and parameter, improving slowly over time; compliance is never drawn directly, it
follows from the samples.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

from ..core.i18n import Translator
from ..core.text import fold, nfc
from .geo import Commune
from .reference import Reference

FIRST_YEAR = 2018
LAST_YEAR = 2025
REPORTS_FROM = 2024  # the first year of the report forms of Circular 14/2024/TT-BCT
REPORTING_SHARE = 0.75  # demonstration: the share of clusters whose investor sends its Biểu số 02
REPORTED_MEETS = 0.8  # demonstration: the share of plants their investor reports as meeting the standard
DEMO_SOURCE, DEMO_SOURCE_VI = (Translator(lang)("chart.demo_record_source") for lang in ("en", "vi"))

# Published figures the generator aims for: (key, figure in headline_figures_*.csv, its as_of date)
PUBLISHED = (
    ("operating_clusters_2015", "operating_industrial_clusters", "2015-06"),  # VEN
    ("operating_clusters_2019", "operating_industrial_clusters", "2019-06"),  # Đại biểu Nhân dân
    ("under_construction_clusters", "clusters_under_construction_to_finish_2026", "2025-11"),  # VNS, Plan 305
    ("planned_clusters_2030", "planned_clusters_2030", "2018-03"),  # Decision 1292/QĐ-UBND master plan
    ("clusters_with_plant_2015", "clusters_with_central_wwtp", "2015"),
    ("clusters_with_plant_2019", "clusters_with_central_wwtp", "2019-06"),
    ("craft_villages", "craft_villages_and_villages_with_craft", "2026-03-10"),  # Department of Industry and Trade
)
# Assumptions of the demonstration data where no published figure exists.
ASSUMED = {
    "operating_clusters_last": 78,  # 70 in 2019 plus those opened since
    "clusters_with_plant_last": 52,  # about 5 plants a year since 2019
    # recognised villages by year, from the published series 281 (2013), 297 (2017), 318 (2022), 334 (2024)
    "recognised_by_year": {2012: 277, 2013: 281, 2017: 297, 2022: 318, 2024: 334, 2025: 336},
}


def calibration(ref: Reference) -> dict:
    """The figures the generator aims for: the published ones read from the reference files, then assumptions."""
    figures = {(r["figure"], r["as_of"]): r["value"] for r in ref.headline_sites + ref.headline_villages}
    out = {key: int(float(figures[(figure, as_of)])) for key, figure, as_of in PUBLISHED}
    return out | ASSUMED

SAMPLED_PARAMETERS = ("pH", "COD", "BOD5", "TSS", "ammonium_n", "total_nitrogen", "total_phosphorus", "mineral_oil")
CHRONIC_PARAMETERS = ("ammonium_n", "COD", "total_nitrogen", "total_phosphorus")

SI_SECTOR_WEIGHTS = {
    "precision_engineering": 20, "electronics": 15, "textiles_garments": 10, "electrical_equipment": 10,
    "information_technology": 8, "automation": 7, "new_materials": 6, "agro_forestry_fishery_processing": 6,
    "footwear": 4, "pharmaceuticals": 4, "artificial_intelligence": 4, "biotechnology": 3, "premium_cosmetics": 3,
}
PRIMARY_STANDARD = {
    "precision_engineering": ("ISO 9001", "IATF 16949"), "electronics": ("ISO 9001", "IATF 16949"),
    "automation": ("ISO 9001", "IATF 16949"), "electrical_equipment": ("ISO 9001",),
    "pharmaceuticals": ("GMP-WHO",), "biotechnology": ("ISO 13485", "GMP-WHO"), "premium_cosmetics": ("ISO 22716",),
    "agro_forestry_fishery_processing": ("ISO 22000", "HACCP"), "information_technology": ("ISO/IEC 27001", "ISO 9001"),
    "artificial_intelligence": ("ISO/IEC 27001",), "textiles_garments": ("ISO 9001",), "footwear": ("ISO 9001",),
    "new_materials": ("ISO 9001",), "other": ("ISO 9001",),
}
SECONDARY_STANDARDS = (("ISO 14001", 0.3), ("ISO 45001", 0.12))
CERT_VALID_YEARS = 3

CRAFT_WEIGHTS = {  # 2017 breakdown of recognised villages (baodautu.vn), mapped to craft codes
    "bamboo_rattan": (83, "mây tre đan", "bamboo and rattan"), "food_processing": (51, "chế biến nông sản thực phẩm", "food processing"),
    "embroidery": (29, "thêu ren", "embroidery"), "textile": (25, "dệt may", "textiles and garments"),
    "conical_hat": (20, "nón lá", "conical hats"), "furniture": (20, "mộc, đồ gỗ", "furniture"),
    "wood_carving": (15, "chạm khắc gỗ", "wood carving"), "metalwork": (13, "cơ kim khí", "metalwork"),
    "lacquer": (11, "sơn mài, khảm trai", "lacquer and inlay"), "leather_footwear": (9, "da giày", "leather and footwear"),
    "ceramics": (3, "gốm sứ", "ceramics"), "silk_weaving": (4, "dệt lụa", "silk weaving"), "incense": (4, "tăm hương", "incense"),
    "paper": (2, "làm giấy", "paper"), "horn": (2, "sừng mỹ nghệ", "horn craft"), "other": (25, "nghề khác", "other crafts"),
}
CRAFT_DISTRICTS = ("Chương Mỹ", "Phú Xuyên", "Thường Tín", "Ứng Hòa", "Thanh Oai", "Hoài Đức", "Thạch Thất",
                   "Quốc Oai", "Mỹ Đức", "Phúc Thọ", "Đan Phượng", "Gia Lâm")

ANNUAL_INDICATORS = {  # demo values, percent per year, 2018..2025
    "industry_added_value_growth": (7.9, 8.1, 3.6, 3.2, 7.3, 5.2, 6.9, 7.6),
    "export_turnover_growth": (9.5, 6.2, -2.1, 8.7, 6.9, 3.1, 5.3, 4.8),
    "retail_and_services_growth": (11.2, 11.5, 4.1, -3.9, 13.8, 10.4, 10.7, 10.9),
    "cpi_growth": (3.5, 3.2, 3.6, 1.8, 3.1, 3.2, 3.4, 3.3),
}
HANDICRAFT_INDICATORS = {  # demo values achieved per year, 2021..2025
    "enterprises_supported": (1650, 1900, 2150, 2200, 2300),
    "rural_jobs_created": (8200, 9600, 10400, 10900, 11300),
    "handicraft_export_growth": (4.2, 6.8, 5.1, 6.0, 6.5),
    "handicraft_turnover": (420, 455, 480, 505, 530),
    "new_design_samples": (360, 390, 410, 420, 440),
}
PROGRAMME_2026 = {  # demo values achieved in 2026 (first year of Decision 6069) that no activity record carries
    "giftshow_booths_per_edition": 540,
}
# 2026 activities of Decision 6069 (completed): what the scorecard counts from promotion_activities
ACTIVITIES_2026 = {"international_exhibition": (18, 15, 13), "digital_transformation": (1,) * 21,
                   "giftshow": (540,), "training": (95, 95)}
ACTIVITY_YEARS = range(2021, 2027)
# kind → (activities a year (low, high), state funds in million VND (low, high), counterpart / state, beneficiaries
# (low, high), local: delivered in a commune to an establishment or village, rather than a city-wide event)
ACTIVITY_PLAN = {
    "demonstration_model": ((5, 9), (300, 800), 0.6, (1, 1), True),
    "machinery_technology": ((10, 16), (100, 300), 2.5, (1, 1), True),
    "cleaner_production": ((2, 4), (150, 400), 1.0, (1, 1), True),
    "digital_transformation": ((3, 8), (50, 150), 0.4, (1, 1), True),
    "product_design": ((3, 5), (80, 200), 0.5, (1, 1), True),
    "trade_fair": ((2, 3), (500, 1500), 0.3, (80, 150), False),
    "international_exhibition": ((2, 2), (800, 2000), 0.5, (10, 20), False),
    "giftshow": ((1, 1), (3000, 5000), 0.8, (450, 560), False),
    "training": ((1, 2), (100, 200), 0.0, (60, 100), False),
}
ACTIVITY_TITLES = {  # (Vietnamese, English); {place} is the commune or village
    "demonstration_model": ("Mô hình trình diễn kỹ thuật sản xuất tại {place}", "Demonstration model of production technique, {place}"),
    "machinery_technology": ("Hỗ trợ ứng dụng máy móc, thiết bị tiên tiến tại {place}", "Advanced machinery for an establishment, {place}"),
    "cleaner_production": ("Hỗ trợ áp dụng sản xuất sạch hơn tại {place}", "Cleaner-production support, {place}"),
    "digital_transformation": ("Hỗ trợ chuyển đổi số cho cơ sở công nghiệp nông thôn tại {place}",
                               "Digital transformation for a rural industrial establishment, {place}"),
    "product_design": ("Hỗ trợ thiết kế mẫu sản phẩm thủ công mỹ nghệ tại {place}", "Handicraft product design, {place}"),
    "trade_fair": ("Hội chợ sản phẩm công nghiệp nông thôn tiêu biểu năm {year}", "Fair of outstanding rural industrial products {year}"),
    "international_exhibition": ("Hỗ trợ doanh nghiệp tham gia triển lãm quốc tế năm {year} (đợt {n})",
                                 "Businesses at an international exhibition {year} (round {n})"),
    "giftshow": ("Hội chợ quốc tế quà tặng hàng thủ công mỹ nghệ Hà Nội (Hanoi Giftshow) {year}",
                 "Hanoi Giftshow international handicraft and gift fair {year}"),
    "training": ("Lớp tập huấn cán bộ về chính sách khuyến công năm {year} (lớp {n})",
                 "Training course for officials on industrial-promotion policy {year} (course {n})"),
}


def _form_labels() -> dict[str, dict[str, str]]:
    """Each report form's name and rows as the form writes them (the first words kept for each code)."""
    import tomllib

    from ..core import paths

    with open(paths.ROOT / "industry" / "data" / "header_words.toml", "rb") as fh:
        forms = tomllib.load(fh)["forms"]
    return {name: {code: v if isinstance(v, str) else v[0] for code, v in rows.items()} for name, rows in forms.items()}


class Generator:
    def __init__(self, ref: Reference, communes: dict[str, Commune], seed: int, enterprises: int):
        self.ref = ref
        self.cal = calibration(ref)
        self.communes = communes
        self.seed = seed
        self.n_enterprises = enterprises
        self.rng = np.random.default_rng(seed)
        self.codes = sorted(communes)
        self.kind = {row["code"]: row["type"] for row in ref.commune_list}

    def rng_for(self, name: str) -> np.random.Generator:
        """An independent stream per table, so one table's size never shifts another's draws."""
        key = sum((i + 1) * ord(ch) for i, ch in enumerate(name))
        return np.random.default_rng([self.seed, key])

    # --- places -------------------------------------------------------------------------

    def _place(self, rng, hint, district) -> tuple[str, float, float, str]:
        res = self.ref.resolve(hint, district)
        code = res.codes[int(rng.integers(len(res.codes)))]
        lon, lat = self.communes[code].random_point(rng)
        return code, lon, lat, res.precision

    def sites(self) -> list[dict]:
        rng = self.rng_for("sites")
        rows = []
        for i, src in enumerate(self.ref.sites, start=1):
            imputed = ["lon", "lat"]
            code, lon, lat, precision = self._place(rng, src["commune_hint"], src["old_district"])
            status = src["status"]
            if not status:
                imputed.append("status")
                if src["kind"] == "cluster":
                    status = "operating" if rng.random() < 0.6 else "under_construction"
                elif "worldbank" in (src["source_url"] or ""):
                    status = "planned"  # c. 2010 inventory; present status unverified
                else:
                    status = "operating"
            area = float(src["area_ha"]) if src["area_ha"] else None
            if area is None and src["kind"] == "cluster":
                area = round(float(rng.lognormal(np.log(15), 0.6)), 1)
                imputed.append("area_ha")
            cvc = None if src["craft_village_cluster"] is None else src["craft_village_cluster"] == "1"
            source = src["source_url"] or src["source_note"]
            rows.append(dict(
                site_id=f"S{i:03d}", kind=src["kind"], name_vi=src["name_vi"], name_en=src["name_en"],
                commune_code=code, lon=lon, lat=lat, area_ha=area, status=status, opened_year=None,
                craft_village_cluster=cvc, location_precision=precision, imputed=imputed, is_demo=False,
                source=source,
            ))
        named_clusters = [r for r in rows if r["kind"] == "cluster"]
        counts = {s: sum(1 for r in named_clusters if r["status"] == s) for s in ("operating", "under_construction", "planned")}
        wanted = {
            "operating": self.cal["operating_clusters_last"],
            "under_construction": self.cal["under_construction_clusters"],
        }
        wanted["planned"] = self.cal["planned_clusters_2030"] - wanted["operating"] - wanted["under_construction"]
        cluster_weights = np.array([
            (3.0 if self.kind[c] == "xã" else 0.6) * np.sqrt(self.communes[c].props.get("areaKm2") or 1) for c in self.codes
        ])
        cluster_weights /= cluster_weights.sum()
        n = len(rows)
        for status in ("operating", "under_construction", "planned"):
            for _ in range(max(0, wanted[status] - counts[status])):
                n += 1
                code = self.codes[int(rng.choice(len(self.codes), p=cluster_weights))]
                lon, lat = self.communes[code].random_point(rng)
                cvc = bool(rng.random() < 0.3)
                label_vi = "Cụm công nghiệp làng nghề minh hoạ" if cvc else "Cụm công nghiệp minh hoạ"
                label_en = "Demonstration craft-village industrial cluster" if cvc else "Demonstration industrial cluster"
                rows.append(dict(
                    site_id=f"S{n:03d}", kind="cluster", name_vi=f"{label_vi} {n:03d}",
                    name_en=f"{label_en} {n:03d}", commune_code=code, lon=lon, lat=lat,
                    area_ha=round(float(rng.lognormal(np.log(15), 0.6)), 1), status=status, opened_year=None,
                    craft_village_cluster=cvc, location_precision="commune", imputed=[], is_demo=True, source=DEMO_SOURCE,
                ))
        self._opened_years(rng, rows)
        for r in rows:
            if r["is_demo"]:
                r["imputed"] = None
            else:
                if r["opened_year"] is not None:
                    r["imputed"].append("opened_year")
                r["imputed"] = ",".join(r["imputed"]) or None
        return rows

    def _opened_years(self, rng, rows):
        """Opening years so that 42 clusters operated by 2015 and 70 by 2019 (published counts)."""
        operating = [r for r in rows if r["kind"] == "cluster" and r["status"] == "operating"]
        # named clusters first: the published sources are older
        order = sorted(operating, key=lambda r: (r["is_demo"], rng.random()))
        n15, n19 = self.cal["operating_clusters_2015"], self.cal["operating_clusters_2019"]
        for i, r in enumerate(order):
            if i < n15:
                r["opened_year"] = int(rng.integers(1998, 2016))
            elif i < n19:
                r["opened_year"] = int(rng.integers(2016, 2020))
            else:
                r["opened_year"] = int(rng.integers(2020, LAST_YEAR + 1))
        for r in rows:
            if r["kind"] != "cluster" and r["status"] == "operating":
                r["opened_year"] = int(rng.integers(1995, 2012))

    def plants(self, sites: list[dict]) -> list[dict]:
        rng = self.rng_for("plants")
        plants = []
        operating = [s for s in sites if s["kind"] == "cluster" and s["status"] == "operating"]
        early_names = ("Phú Thị", "Lại Yên", "Ninh Hiệp", "Quất Động", "Hapro", "Bình Phú", "Thanh Oai")
        early = [s for s in operating if any(fold(n) in fold(s["name_vi"]) for n in early_names)]
        rest = [s for s in operating if s not in early]
        rng.shuffle(rest)
        rest.sort(key=lambda s: s["opened_year"] > 2019)  # the 2019 plants served clusters open by then
        with_plant = (early + rest)[: self.cal["clusters_with_plant_last"]]
        n15, n19 = self.cal["clusters_with_plant_2015"], self.cal["clusters_with_plant_2019"]
        for i, s in enumerate(with_plant):
            if i < n15:
                year = int(rng.integers(2010, 2016))
            elif i < n19:
                year = int(rng.integers(2016, 2020))
            else:
                year = int(rng.integers(2020, LAST_YEAR + 1))
            year = max(year, s["opened_year"])
            if i < n19 and year > 2019:  # keep the 2019 count: move the opening back instead
                s["opened_year"] = min(s["opened_year"], 2019)
                year = 2019
            plants.append(dict(
                site_id=s["site_id"], capacity_m3_per_day=float(round(rng.lognormal(np.log(600), 0.5), -1)),
                commissioned_year=year, standard="QCVN 40:2011/BTNMT " + ("A" if rng.random() < 0.15 else "B"),
                is_demo=True,
            ))
        for s in sites:
            if s["kind"] != "cluster" and s["status"] == "operating":
                plants.append(dict(
                    site_id=s["site_id"], capacity_m3_per_day=float(round(rng.lognormal(np.log(4000), 0.5), -2)),
                    commissioned_year=int(s["opened_year"]) + int(rng.integers(1, 6)), standard="QCVN 40:2011/BTNMT B",
                    is_demo=True,
                ))
        return plants

    def limits(self) -> list[dict]:
        return self.ref.limit_rows()

    def reports(self, sites: list[dict], plants: list[dict]) -> list[dict]:
        """Report forms as the clusters' investors (Biểu số 02, rows 13 and 14) and the Department (Biểu số 04, rows
        15, 26 and 27) would send them, from REPORTS_FROM: reported, not measured, and demonstration data."""
        rng = self.rng_for("reports")
        labels = _form_labels()
        plant_year = {p["site_id"]: p["commissioned_year"] for p in plants}
        rows = []

        def add(site_id, year, form, code, value, unit, by):
            rows.append(dict(site_id=site_id, year=year, period="year", indicator=code, label_vi=labels[form][code],
                             value=float(value), unit=unit, form=labels[form]["form"], reported_by=by, is_demo=True,
                             source=DEMO_SOURCE))

        for year in range(REPORTS_FROM, LAST_YEAR + 1):
            operating = [s for s in sites if s["kind"] == "cluster" and s["status"] == "operating"
                         and s["opened_year"] is not None and s["opened_year"] <= year]
            invested = meets = 0
            for s in operating:
                has = plant_year.get(s["site_id"], LAST_YEAR + 1) <= year
                good = has and rng.random() < REPORTED_MEETS
                invested, meets = invested + has, meets + good
                if rng.random() < REPORTING_SHARE:
                    for code, value in (("wwtp_invested", has), ("wwtp_meets_standard", good)):
                        add(s["site_id"], year, "bieu02", code, value, "Công trình", "Chủ đầu tư hạ tầng (minh hoạ)")
            for code, value in (("operating_clusters", len(operating)), ("wwtp_invested_clusters", invested),
                                ("wwtp_meets_standard_clusters", meets)):
                add(None, year, "bieu04", code, value, "Cụm", "Sở Công Thương (minh hoạ)")
        return rows

    def samples(self, sites, plants, limits) -> pa.Table:
        rng = self.rng_for("samples")
        lim = {(r["standard"], r["parameter"]): r for r in limits}
        site_by_id = {s["site_id"]: s for s in sites}
        commune_effect = {c: float(rng.normal(0, 0.18)) for c in self.codes}
        cols = {k: [] for k in ("site_id", "sampled_on", "parameter", "value", "unit")}
        for p in plants:
            site = site_by_id[p["site_id"]]
            quality = float(rng.normal(-0.76, 0.22)) + commune_effect[site["commune_code"]]
            offsets = {prm: float(rng.normal(0, 0.12)) for prm in SAMPLED_PARAMETERS}
            chronic = None
            if rng.random() < 0.2:  # a few plants fail on one parameter for several years
                start = int(rng.integers(max(FIRST_YEAR, p["commissioned_year"]), LAST_YEAR + 1))
                chronic = (CHRONIC_PARAMETERS[int(rng.integers(len(CHRONIC_PARAMETERS)))], start,
                           start + int(rng.integers(3, 7)))
            for year in range(max(FIRST_YEAR, p["commissioned_year"]), LAST_YEAR + 1):
                if rng.random() < 0.03:
                    continue  # not sampled that year
                drift = -0.035 * (year - FIRST_YEAR)
                for quarter in range(4):
                    month = 3 * quarter + int(rng.integers(1, 4))
                    day = int(rng.integers(1, 29))
                    date = dt.date(year, month, day)
                    for prm in SAMPLED_PARAMETERS:
                        limit = lim[(p["standard"], prm)]
                        if prm == "pH":
                            value = round(float(rng.normal(7.2, 0.45)), 2)
                        else:
                            mu = quality + offsets[prm] + drift
                            if chronic and prm == chronic[0] and chronic[1] <= year < chronic[2]:
                                mu += 0.6
                            value = float(limit["max_value"] * np.exp(mu + 0.25 * rng.normal()))
                            value = round(value, 3 if limit["max_value"] < 1 else 2)
                        cols["site_id"].append(p["site_id"])
                        cols["sampled_on"].append(date)
                        cols["parameter"].append(prm)
                        cols["value"].append(value)
                        cols["unit"].append(limit["unit"])
        n = len(cols["site_id"])
        return pa.table({
            "site_id": pa.array(cols["site_id"], pa.string()),
            "sampled_on": pa.array(cols["sampled_on"], pa.date32()),
            "parameter": pa.array(cols["parameter"], pa.string()),
            "value": pa.array(cols["value"], pa.float64()),
            "unit": pa.array(cols["unit"], pa.string()),
            "is_demo": pa.array(np.ones(n, dtype=bool)),
        })

    def villages(self) -> list[dict]:
        rng = self.rng_for("villages")
        rows = []
        for i, src in enumerate(self.ref.villages, start=1):
            code, lon, lat, precision = self._place(rng, src["commune_hint"], src["old_district"])
            recognised = None if src["recognised"] is None else src["recognised"] == "1"
            published = src.get("recognised_year")  # the year of a published recognition, with its source
            rows.append(dict(
                village_id=f"V{i:04d}", name_vi=src["name_vi"], name_en=src["name_en"], craft=src["craft"],
                craft_vi=src["craft_vi"], commune_code=code, lon=lon, lat=lat, recognised=recognised,
                recognised_year=int(published) if published else None, location_precision=precision,
                imputed=["lon", "lat", "households", "workers"],
                is_demo=False, source=src["source_url"] or src["source_note"],
            ))
        crafts = list(CRAFT_WEIGHTS)
        craft_p = np.array([CRAFT_WEIGHTS[c][0] for c in crafts], dtype=float)
        craft_p /= craft_p.sum()
        weights = []
        for c in self.codes:
            w = (1.0 if self.kind[c] == "xã" else 0.06) * np.sqrt(self.communes[c].props.get("areaKm2") or 1)
            if any(fold(d) in fold(self.ref.main_old_district.get(c, "")) for d in CRAFT_DISTRICTS):
                w *= 2.5
            weights.append(w)
        weights = np.array(weights) / sum(weights)
        n = len(rows)
        while len(rows) < self.cal["craft_villages"]:
            n += 1
            code = self.codes[int(rng.choice(len(self.codes), p=weights))]
            craft = crafts[int(rng.choice(len(crafts), p=craft_p))]
            _, craft_vi, craft_en = CRAFT_WEIGHTS[craft]
            lon, lat = self.communes[code].random_point(rng)
            rows.append(dict(
                village_id=f"V{n:04d}", name_vi=f"Làng nghề minh hoạ {n:04d} ({craft_vi})",
                name_en=f"Demonstration craft village {n:04d} ({craft_en})", craft=craft, craft_vi=craft_vi,
                commune_code=code, lon=lon, lat=lat, recognised=False, recognised_year=None,
                location_precision="commune", imputed=None, is_demo=True, source=DEMO_SOURCE,
            ))
        # recognition: the named recognised ones, then synthetic ones up to the published count
        target = self.cal["recognised_by_year"]
        recognised = [r for r in rows if r["recognised"]]
        synthetic = [r for r in rows if r["is_demo"]]
        order = rng.permutation(len(synthetic))
        for j in order[: max(0, target[LAST_YEAR] - len(recognised))]:
            synthetic[j]["recognised"] = True
            recognised.append(synthetic[j])
        years = []
        prev_year, prev_total = 2000, 0
        for year, total in sorted(target.items()):
            span = list(range(prev_year + 1, year + 1)) if prev_total else list(range(2000, year + 1))
            years += [int(rng.choice(span)) for _ in range(total - prev_total)]
            prev_year, prev_total = year, total
        dated = [r for r in recognised if r["recognised_year"] is not None]  # published: kept as published
        for r in dated:
            years.remove(min(years, key=lambda y, r=r: abs(y - r["recognised_year"])))
        recognised = [r for r in recognised if r["recognised_year"] is None]
        rng.shuffle(recognised)
        for r, y in zip(recognised, sorted(years)[: len(recognised)], strict=False):
            r["recognised_year"] = y
            if not r["is_demo"]:
                r["imputed"].append("recognised_year")
        for r in rows:
            households = int(rng.lognormal(np.log(140), 0.7)) + 5
            r["households"] = households
            r["workers"] = int(households * rng.uniform(1.4, 3.2))
            if not r["is_demo"]:
                r["imputed"] = ",".join(r["imputed"])
        return rows

    # --- enterprises and certifications (vectorised: a million rows in seconds) --------------

    def enterprises(self, sites: list[dict]) -> tuple[pa.Table, pa.Table]:
        rng = self.rng_for("enterprises")
        n = self.n_enterprises
        codes = np.array(self.codes)
        sectors = list(SI_SECTOR_WEIGHTS)
        operating = [s for s in sites if s["status"] == "operating"]
        sites_in = {}
        for s in operating:
            sites_in.setdefault(s["commune_code"], []).append(s["site_id"])
        w = np.array([(6.0 if c in sites_in else 1.0) * (1.3 if self.kind[c] == "phường" else 0.7) for c in self.codes])
        commune_idx = rng.choice(len(codes), size=n, p=w / w.sum())
        commune = codes[commune_idx]

        si = rng.random(n) < 0.175
        p_sec = np.array([SI_SECTOR_WEIGHTS[s] for s in sectors], dtype=float)
        si_sector = rng.choice(len(sectors), size=n, p=p_sec / p_sec.sum())
        other_sector = np.where(rng.random(n) < 0.75, len(sectors), rng.integers(0, len(sectors), n))
        sector_idx = np.where(si, si_sector, other_sector)
        sector = np.array(sectors + ["other"])[sector_idx]

        age = np.floor(rng.exponential(14.0, n)).astype(int)
        founded = np.maximum(LAST_YEAR - age, 1986)
        life = rng.geometric(0.028, n)
        closed = founded + life
        closed_valid = closed <= LAST_YEAR
        employees = np.maximum(1, np.round(rng.lognormal(np.where(si, np.log(55), np.log(22)), 1.0))).astype(int)
        size = np.select([employees <= 10, employees <= 100, employees <= 200], ["micro", "small", "medium"], "large")

        site_pick = np.full(n, None, dtype=object)
        in_site = rng.random(n) < 0.55
        for code, ids in sites_in.items():
            mask = in_site & (commune == code)
            k = int(mask.sum())
            if k:
                site_pick[mask] = np.array(ids, dtype=object)[rng.integers(0, len(ids), k)]

        enterprises = pa.table({
            "enterprise_id": pa.array(np.arange(1, n + 1, dtype=np.int64)),
            "commune_code": pa.array(commune.astype(object), pa.string()),
            "site_id": pa.array(site_pick, pa.string()),
            "sector": pa.array(sector.astype(object), pa.string()),
            "supporting_industry": pa.array(si),
            "employees": pa.array(employees.astype(np.int32)),
            "size": pa.array(size.astype(object), pa.string()),
            "founded_year": pa.array(founded.astype(np.int32)),
            "closed_year": pa.array(closed.astype(np.int32), mask=~closed_valid),
        })
        certs = self._certifications(rng, commune_idx, sector, size, founded, np.where(closed_valid, closed, 9999))
        return enterprises, certs

    def _certifications(self, rng, commune_idx, sector, size, founded, closed) -> pa.Table:
        n = len(founded)
        commune_effect = rng.normal(0, 0.55, len(self.codes))[commune_idx]
        size_effect = np.select([size == "micro", size == "small", size == "medium"], [-1.6, -0.4, 0.5], 1.1)
        logit = -5.2 + size_effect + commune_effect
        base = 1 / (1 + np.exp(-logit))
        first = np.full(n, 0, dtype=int)
        for year in range(2000, LAST_YEAR + 1):
            trend = np.exp(0.11 * (year - 2000))
            eligible = (first == 0) & (founded < year) & (closed > year)
            hit = eligible & (rng.random(n) < base * trend)
            first[hit] = year
        holder = np.flatnonzero(first)
        ids, stds, issued, expires = [], [], [], []
        primary = np.empty(len(holder), dtype=object)
        for sec, options in PRIMARY_STANDARD.items():
            mask = sector[holder] == sec
            k = int(mask.sum())
            if k:
                primary[mask] = np.array(options, dtype=object)[rng.integers(0, len(options), k)]
        chains = [(primary, np.ones(len(holder), dtype=bool))]
        for std, p in SECONDARY_STANDARDS:
            chains.append((np.full(len(holder), std, dtype=object), rng.random(len(holder)) < p))
        day0 = np.array([dt.date(int(y), 1, 1).toordinal() for y in range(1900, 2101)])
        for std_arr, has in chains:
            idx = np.flatnonzero(has)
            start = day0[first[holder[idx]] - 1900] + rng.integers(0, 365, len(idx))
            alive = np.ones(len(idx), dtype=bool)
            while alive.any():
                cur = np.flatnonzero(alive)
                end = start[cur] + 365 * CERT_VALID_YEARS
                ids.append(holder[idx[cur]] + 1)
                stds.append(std_arr[idx[cur]])
                issued.append(start[cur])
                expires.append(end)
                renew_year = np.array([dt.date.fromordinal(int(d)).year for d in end]) if len(end) < 5000 else (
                    1900 + np.searchsorted(day0, end, side="right") - 1)
                keep = (rng.random(len(cur)) < 0.86) & (renew_year <= LAST_YEAR) & (closed[holder[idx[cur]]] > renew_year)
                start[cur] = end + 1
                alive[cur] = keep
        if ids:
            ids_a = np.concatenate(ids)
            stds_a = np.concatenate(stds)
            iss = np.concatenate(issued)
            exp = np.concatenate(expires)
        else:
            ids_a, stds_a, iss, exp = (np.array([], dtype=np.int64), np.array([], dtype=object),
                                       np.array([], dtype=int), np.array([], dtype=int))
        order = np.lexsort((stds_a.astype(str), iss, ids_a))
        epoch = dt.date(1970, 1, 1).toordinal()
        return pa.table({
            "enterprise_id": pa.array(ids_a[order].astype(np.int64)),
            "standard": pa.array(stds_a[order], pa.string()),
            "issued_on": pa.array((iss[order] - epoch).astype(np.int32), pa.date32()),
            "expires_on": pa.array((exp[order] - epoch).astype(np.int32), pa.date32()),
            "is_demo": pa.array(np.ones(len(order), dtype=bool)),
        })

    # --- programmes -----------------------------------------------------------------------------

    def targets(self) -> list[dict]:
        return self.ref.target_rows()

    def progress(self) -> list[dict]:
        units = {r["indicator"]: r["unit"] for r in self.ref.targets}
        rows = []
        for indicator, values in ANNUAL_INDICATORS.items():
            for year, value in zip(range(FIRST_YEAR, LAST_YEAR + 1), values, strict=False):
                rows.append(dict(indicator=indicator, year=year, value=value, unit=units[indicator],
                                 source=DEMO_SOURCE, source_vi=DEMO_SOURCE_VI, is_demo=True))
        for indicator, values in HANDICRAFT_INDICATORS.items():
            for year, value in zip(range(2021, 2026), values, strict=False):
                rows.append(dict(indicator=indicator, year=year, value=value, unit=units[indicator],
                                 source=DEMO_SOURCE, source_vi=DEMO_SOURCE_VI, is_demo=True))
        for indicator, value in PROGRAMME_2026.items():
            rows.append(dict(indicator=indicator, year=2026, value=value, unit=units[indicator],
                             source=DEMO_SOURCE, source_vi=DEMO_SOURCE_VI, is_demo=True))
        return rows


    def activities(self, villages: list[dict], enterprises: pa.Table) -> list[dict]:
        """Industrial promotion activities from 2021: local support goes to communes in proportion to their
        craft villages and small establishments, unevenly, so that some communes in need receive none."""
        rng = self.rng_for("activities")
        ent = enterprises.select(["enterprise_id", "commune_code", "size", "founded_year", "closed_year"]).to_pandas()
        small = ent[ent["size"].isin(["micro", "small"])]
        by_commune = {c: g for c, g in small.groupby("commune_code")}
        villages_in: dict[str, list[str]] = {}
        for v in villages:
            villages_in.setdefault(v["commune_code"], []).append(v["village_id"])
        need = np.array([len(villages_in.get(c, ())) + 0.05 * len(by_commune.get(c, ())) for c in self.codes])
        luck = rng.gamma(1.0, 1.0, len(self.codes))  # uneven reach: a few communes get much, some nothing
        weights = np.sqrt(need) * luck * np.array([1.0 if self.kind[c] == "xã" else 0.3 for c in self.codes])
        weights = weights / weights.sum()
        names = {row["code"]: row["name"] for row in self.ref.commune_list}
        names_en = {row["code"]: row["name_en"] for row in self.ref.commune_list}
        rows: list[dict] = []

        def add(year, kind, beneficiaries, status="completed"):
            counts, (lo, hi), counterpart, _, local = ACTIVITY_PLAN[kind]
            n_kind = sum(1 for r in rows if r["year"] == year and r["kind"] == kind) + 1
            state = float(round(rng.uniform(lo, hi), -1))
            row = dict(activity_id=f"KC{year}-{len(rows) + 1:04d}",
                       programme="industrial_promotion_2026_2030" if year >= 2026 else "industrial_promotion_2021_2025",
                       year=year, kind=kind, commune_code=None, enterprise_id=None, village_id=None,
                       budget_state_million_vnd=state,
                       budget_counterpart_million_vnd=float(round(state * counterpart * rng.uniform(0.8, 1.2), -1)),
                       beneficiaries=int(beneficiaries), status=status, is_demo=True, source=DEMO_SOURCE)
            place = place_en = ""
            if local:
                code = self.codes[int(rng.choice(len(self.codes), p=weights))]
                row["commune_code"] = code
                place = f"xã {names[code]}" if self.kind[code] == "xã" else f"phường {names[code]}"
                place_en = f"{names_en[code]} {'commune' if self.kind[code] == 'xã' else 'ward'}"
                if kind in ("demonstration_model", "product_design") and villages_in.get(code):
                    row["village_id"] = villages_in[code][int(rng.integers(len(villages_in[code])))]
                else:
                    pool = by_commune.get(code)
                    if pool is not None:
                        alive = pool[(pool["founded_year"] <= year) & (pool["closed_year"].isna() | (pool["closed_year"] > year))]
                        if len(alive):
                            row["enterprise_id"] = int(alive["enterprise_id"].iloc[int(rng.integers(len(alive)))])
            vi, en = ACTIVITY_TITLES[kind]
            row["title_vi"] = vi.format(place=place, year=year, n=n_kind)
            row["title_en"] = en.format(place=place_en, year=year, n=n_kind)
            rows.append(row)

        for year in ACTIVITY_YEARS:
            if year == 2026:  # the first year of Decision 6069: the counts the demo scorecard shows
                for kind, reached in ACTIVITIES_2026.items():
                    for value in reached:
                        add(year, kind, value)
                for kind in ("demonstration_model", "machinery_technology", "product_design"):
                    for _ in range(int(rng.integers(2, 5))):
                        add(year, kind, 1, status=str(rng.choice(["completed", "in_progress", "planned"])))
                continue
            for kind, ((lo, hi), _, _, (b_lo, b_hi), _) in ACTIVITY_PLAN.items():
                for _ in range(int(rng.integers(lo, hi + 1))):
                    status = "cancelled" if kind == "giftshow" and year == 2021 else "completed"  # 2021: COVID-19
                    add(year, kind, rng.integers(b_lo, b_hi + 1), status)
        return rows


def sectors_rows(ref: Reference) -> list[dict]:
    rows = [dict(sector=r["sector"], name_en=r["name_en"], name_vi=r["name_vi"], priority=True) for r in ref.sectors]
    rows.append(dict(sector="other", name_en="Other sectors", name_vi="Ngành khác", priority=False))
    return rows


def clean(rows: list[dict]) -> list[dict]:
    """NFC-normalise every text value of generated rows."""
    return [{k: (nfc(v) if isinstance(v, str) else v) for k, v in r.items()} for r in rows]
