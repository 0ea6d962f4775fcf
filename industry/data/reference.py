"""The bundled reference data in ``data/``: read, NFC-normalised, and resolved to the 2025 communes.

Old addresses (a pre-2025 commune name and district) are resolved through the
official conversion table, joined on folded names since the sources give no codes.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..core import paths
from ..core.text import fold, nfc, strip_unit


def read_csv(path: Path) -> list[dict[str, str | None]]:
    """Rows of a UTF-8 CSV with every value NFC-normalised and empty strings as None."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [{k: (nfc(v) or None) for k, v in row.items()} for row in csv.DictReader(fh)]


@dataclass(frozen=True)
class Resolution:
    """Where an old address lands: the candidate new communes and how precise that is."""

    codes: tuple[str, ...]
    precision: str  # commune | district | city


class Reference:
    """All reference tables of ``data/``, loaded once."""

    def __init__(self, root: Path | None = None):
        self.root = root or paths.DATA

    def _csv(self, *parts: str) -> list[dict]:
        return read_csv(self.root.joinpath(*parts))

    @cached_property
    def commune_list(self) -> list[dict]:
        return self._csv("geo", "hanoi_communes_2025_list.csv")

    @cached_property
    def conversion(self) -> list[dict]:
        return self._csv("geo", "hanoi_old_to_new_communes.csv")

    @cached_property
    def earlier_mergers(self) -> list[dict]:
        """Communes merged into another before July 2025 (resolutions 1286/NQ-UBTVQH15 …), each with its source."""
        return self._csv("geo", "hanoi_earlier_mergers.csv")

    @cached_property
    def provinces(self) -> list[dict]:
        return self._csv("geo", "vietnam_provinces.csv")

    @cached_property
    def sites(self) -> list[dict]:
        return self._csv("reference", "hanoi_industrial_sites.csv")

    @cached_property
    def villages(self) -> list[dict]:
        return self._csv("reference", "hanoi_craft_villages.csv")

    @cached_property
    def limits(self) -> list[dict]:
        return self._csv("reference", "wastewater_limits_qcvn40_2011.csv")

    def limit_rows(self) -> list[dict]:
        """The bundled regulation table as rows of ``wastewater_limits`` (a standard is the regulation and its
        column: ``QCVN 40:2011/BTNMT B``): what a standard named by the files is judged by when they give no
        limits."""
        import datetime as dt

        return [dict(standard=f"{r['standard']} {r['column']}", regulation=r["standard"], column_class=r["column"],
                     parameter=r["parameter"], parameter_vi=r["parameter_vi"],
                     min_value=float(r["min_value"]) if r["min_value"] else None,
                     max_value=float(r["max_value"]) if r["max_value"] else None,
                     unit=r["unit"], valid_from=dt.date.fromisoformat(r["valid_from"])) for r in self.limits]

    def target_rows(self) -> list[dict]:
        """The bundled targets as rows of ``programme_targets`` (the decisions' own figures, never demonstration
        data): what yearly figures imported without a target table are judged against."""
        rows = []
        for r in self.targets:
            year = int(r["target_year"]) if r["target_year"] else None
            rows.append(dict(
                target_id=f"{r['programme']}:{r['indicator']}:{year or 'yearly'}", programme=r["programme"],
                decision=r["decision"], period_start=int(r["period_start"]) if r["period_start"] else None,
                period_end=int(r["period_end"]) if r["period_end"] else None, indicator=r["indicator"],
                description_en=r["description_en"], target_low=float(r["target_low"]),
                target_high=float(r["target_high"]), comparison=r["comparison"], unit=r["unit"], target_year=year,
                source=r["source"], source_vi=r.get("source_vi") or None,
            ))
        return rows

    @cached_property
    def sectors(self) -> list[dict]:
        return self._csv("reference", "supporting_industry_sectors.csv")

    @cached_property
    def targets(self) -> list[dict]:
        return self._csv("reference", "programme_targets.csv")

    @cached_property
    def headline_sites(self) -> list[dict]:
        return self._csv("reference", "headline_figures_sites.csv")

    @cached_property
    def headline_villages(self) -> list[dict]:
        return self._csv("reference", "headline_figures_villages.csv")

    # --- old → new resolution -------------------------------------------------

    @cached_property
    def _by_old_name(self) -> dict[str, list[dict]]:
        index = defaultdict(list)
        for row in self.conversion:
            index[fold(strip_unit(row["old_name"]))].append(row)
        return index

    @cached_property
    def _by_old_district(self) -> dict[str, set[str]]:
        index = defaultdict(set)
        for row in self.conversion:
            index[fold(strip_unit(row["old_district"]))].add(row["new_code"])
        return index

    @cached_property
    def new_names(self) -> dict[str, str]:
        return {row["code"]: row["name"] for row in self.commune_list}

    @cached_property
    def main_old_district(self) -> dict[str, str]:
        """For each new commune, the former district most of its predecessors belonged to."""
        counts: dict[str, Counter] = defaultdict(Counter)
        for row in self.conversion:
            counts[row["new_code"]][row["old_district"]] += 1
        return {code: c.most_common(1)[0][0] for code, c in counts.items()}

    def resolve(self, commune_hint: str | None, old_district: str | None) -> Resolution:
        """Resolve a source's commune hint (first named commune) and former district to new communes.

        A hint may carry its own district in brackets (``Thị trấn Quốc Oai (Huyện Quốc Oai)``).
        When the old commune was split, every successor is a candidate, but a successor that
        kept the old name is preferred. Without a usable hint, the former district's communes
        are the candidates; without either, the whole city.
        """
        district = (old_district or "").split(";")[0].strip()
        hint = (commune_hint or "").split(";")[0].strip()
        if "(" in hint:
            hint, _, inner = hint.partition("(")
            district = inner.rstrip(")").strip() or district
            hint = hint.strip()
        district_key = fold(strip_unit(district))
        if hint:
            rows = self._by_old_name.get(fold(strip_unit(hint)), [])
            if district_key:
                rows = [r for r in rows if fold(strip_unit(r["old_district"])) == district_key]
            codes = sorted({r["new_code"] for r in rows})
            if codes:
                same_name = [c for c in codes if fold(self.new_names[c]) == fold(strip_unit(hint))]
                return Resolution(tuple(same_name or codes), "commune")
        if district_key and district_key in self._by_old_district:
            return Resolution(tuple(sorted(self._by_old_district[district_key])), "district")
        return Resolution(tuple(sorted(self.new_names)), "city")
