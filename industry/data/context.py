"""What a page (or an export) is drawn for: the filters, the language, the database and its reference lists.

No Streamlit here: the app shell makes a :class:`Context` whose queries go through its cache, and
:func:`open_context` makes one straight on a database file for the command-line exports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..core import formats
from ..core.i18n import Translator
from ..core.kept import kept
from ..core.text import fold
from . import db, metrics, owners

# (name of a metrics function, positional arguments, sorted keyword arguments) → its result
Runner = Callable[[str, tuple, tuple], object]


@kept
def names_of_sectors(tr: Translator, sectors: pd.DataFrame) -> dict[str, str]:
    """Each sector's name in the reader's language, by its code (the pages, their tables and the sidebar's picker
    say a sector alike), made once per database version and language."""
    return {r.sector: tr.pick(r.name_en, r.name_vi) for r in sectors.itertuples()}


@dataclass(frozen=True)
class Filters:
    """What the reader has chosen; every value is plain and hashable, for cache keys."""

    communes: tuple[str, ...]
    year: int
    sector: str | None
    lang: str

    @property
    def whole_city(self) -> bool:
        """No commune and no sector chosen: the scope the city's enterprise-count targets are set for."""
        return not self.communes and not self.sector


@dataclass
class Context:
    filters: Filters
    tr: Translator
    info: dict[str, str]
    version: db.Version
    communes: pd.DataFrame
    sectors: pd.DataFrame
    years: tuple[int, int]
    warnings: list[str] = field(default_factory=list)
    runner: Runner | None = None
    page: str = ""  # the page drawn (its address: map, wastewater, …), whose datasets its source lines name

    @property
    def lang(self) -> str:
        return self.filters.lang

    @property
    def kept_key(self) -> tuple:
        """What this context stands for in a kept result's key (:mod:`industry.core.kept`): everything a figure
        reads of it follows from the database version, the filters and language, the page, and whether it can query
        (a context made without a runner names no dataset in its source lines)."""
        return (self.version, self.filters, self.page, self.runner is None)

    @property
    def is_demo(self) -> bool:
        return self.info.get("kind") != "official"

    def query(self, fn, *args, **kwargs):
        """Run a function of :mod:`industry.data.metrics` (through the runner: the app's runner caches per database
        version and arguments)."""
        if getattr(metrics, fn.__name__, None) is not fn:
            raise ValueError(f"{fn.__name__} is not a metrics function")
        return self.runner(fn.__name__, args, tuple(sorted(kwargs.items())))

    def targets(self) -> pd.DataFrame:
        """Every programme target, its source cited in the reader's language."""
        return self.query(metrics.targets, self.lang)

    def programme_progress(self) -> pd.DataFrame:
        """What has been achieved for each indicator by year, its source in the reader's language."""
        return self.query(metrics.programme_progress, self.lang)

    @cached_property
    def _commune_names(self) -> dict[str, str]:
        return dict(zip(self.communes["code"], self.communes["full_name_vi"], strict=True))

    def commune_name(self, code: str) -> str:
        return self._commune_names.get(code, code)

    @property
    def sector_names(self) -> dict[str, str]:
        """Each sector's name in the reader's language, by its code."""
        return names_of_sectors(self.tr, self.sectors)

    def sector_name(self, sector: str | None) -> str:
        if not sector:
            return self.tr("filter.all_sectors")
        return self.sector_names.get(sector, sector)

    @cached_property
    def _scope(self) -> str:
        if not self.filters.communes:
            return self.tr("scope.city")
        names = [self.commune_name(c) for c in self.filters.communes]
        if len(names) == 1:
            return names[0]
        shown = self.tr("scope.many", first=", ".join(names[:3]), n=len(names) - 3) if len(names) > 3 \
            else ", ".join(names)
        return self.tr("scope.combined", n=len(names), names=shown)

    def scope(self) -> str:
        """The filtered scope in words: 'Hà Nội (whole city)', the commune chosen, or the communes chosen said to be
        combined ('2 communes combined (Xã Gia Lâm, Xã Bát Tràng)'): figures over several communes are their sum."""
        return self._scope

    def number(self, value, digits: int = 0) -> str:
        return formats.number(value, self.lang, digits)

    def percent(self, value, digits: int = 1) -> str:
        return formats.percent(value, self.lang, digits)

    def date(self, value) -> str:
        return formats.date(value, self.lang)

    def data_date(self) -> str:
        return self.date(self.info.get("data_date", f"{self.years[1]}-12-31"))

    def records_note(self) -> str:
        """``; promotion activities to 2026`` when the activity records run past the data date (a programme's
        activities are reported in its current year), else nothing: said beside the data date."""
        span = self.query(metrics.activity_years)
        return self.tr("banner.activities_to", year=span[1]) if span and span[1] > self.years[1] else ""

    @kept
    def source_line(self, source: str) -> str:
        """``Source: … · Demonstration data · data as of …``: under every chart and slide."""
        kind = self.tr("chart.demo") if self.is_demo else self.tr("chart.official")
        line = self.tr("chart.source_line", source=source, kind=kind, data_date=self.data_date())
        kept = self.datasets()
        if kept:
            line += " " + self.tr("chart.keepers", list="; ".join(
                self.tr("chart.keeper", dataset=self.tr(f"dataset.{d.key}"), owner=d.owner, date=self.date(day))
                for d, day in kept))
        return line

    def datasets(self) -> list[tuple[owners.Dataset, str]]:
        """The datasets the page shows, each with its latest date (ISO)."""
        if not self.page or self.runner is None:
            return []
        dates = self.query(metrics.dataset_dates)
        return [(d, dates.get(d.key, "")) for d in owners.of_page(self.page)]

    def overdue(self, today=None) -> list[tuple[owners.Dataset, str]]:
        """The page's datasets older than their expected cycle."""
        return [(d, day) for d, day in self.datasets() if owners.overdue(d, day, today)]

    def filters_text(self) -> str:
        f = self.filters
        return self.tr("chart.filters_text", scope=self.scope(), year=f.year, sector=self.sector_name(f.sector))


def commune_matches(value: str, communes: pd.DataFrame) -> list[str]:
    """The communes a link or command-line value names: its code (``00454``), or every commune whose name without
    diacritics it is (``dong-anh``, ``dong_anh``, ``Đông Anh``). One match is a commune; more is ambiguous."""
    if value in set(communes["code"]):
        return [value]
    folded = fold(str(value).replace("-", " ").replace("_", " "))
    return list(communes.loc[communes["name_folded"] == folded, "code"])


class FilterError(ValueError):
    """A commune, sector or year the database does not know (the message names it)."""


def open_context(path: Path, *, lang: str = "en", year: int | None = None, communes: tuple[str, ...] = (),
                 sector: str | None = None) -> Context:
    """A context on the database at `path` with no app around it (each query on its own cursor, no cache).

    Communes may be codes or names without diacritics; an unknown commune, sector or year raises
    :class:`FilterError`.
    """
    version = db.version(path)
    connection = db.shared_connection(version)

    def run(name: str, args: tuple, kwargs: tuple):
        cursor = connection.cursor()
        try:
            return getattr(metrics, name)(cursor, *args, **dict(kwargs))
        finally:
            cursor.close()

    info = run("dataset_info", (), ())
    commune_table = run("communes", (), ())
    sector_table = run("sectors", (), ())
    first, last = run("years", (), ())
    codes = []
    for value in communes:
        named = commune_matches(value, commune_table)
        if len(named) != 1:
            raise FilterError(f"unknown or ambiguous commune {value!r}: give a code such as 00454"
                              + (f" (one of {', '.join(named)})" if named else " or a name such as dong-anh"))
        codes.append(named[0])
    if sector and sector not in set(sector_table["sector"]):
        raise FilterError(f"unknown sector {sector!r}: one of {', '.join(sector_table['sector'])}")
    year = last if year is None else year
    if not first <= year <= last:
        raise FilterError(f"no data for {year}: the database covers {first}–{last}")
    filters = Filters(tuple(dict.fromkeys(codes)), int(year), sector, lang)
    return Context(filters, Translator(lang), info, version, commune_table, sector_table, (first, last),
                   runner=run)
