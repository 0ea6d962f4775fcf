"""Who keeps each dataset and how fresh it is: the owners and expected cycles of ``data/settings/owners.toml``, and
each dataset's latest date in a database (its latest measurement, else the last time an import or a commune's
return brought its records, else the database's data date)."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache

from ..core import paths

SETTINGS = paths.DATA / "settings" / "owners.toml"


@dataclass(frozen=True)
class Dataset:
    key: str
    owner: str
    tables: tuple[str, ...]
    cycle_months: int
    dated_by: str = ""


@cache
def settings() -> dict:
    return tomllib.loads(SETTINGS.read_text(encoding="utf-8")) if SETTINGS.is_file() else {}


@cache
def datasets() -> dict[str, Dataset]:
    return {key: Dataset(key, d["owner"], tuple(d["tables"]), int(d["cycle_months"]), d.get("dated_by", ""))
            for key, d in settings().get("datasets", {}).items()}


def of_page(page: str) -> list[Dataset]:
    every = datasets()
    return [every[k] for k in settings().get("pages", {}).get(page, []) if k in every]


def latest(dataset: Dataset, sampled: str | None, imported: dict[str, str], data_date: str) -> str:
    """A dataset's latest date (ISO): its latest measurement where it is dated by one, else the last import of its
    records, else the database's data date."""
    if dataset.dated_by == "sampled_on" and sampled:
        return str(sampled)[:10]
    dates = [imported[t][:10] for t in dataset.tables if imported.get(t)]
    return max(dates) if dates else str(data_date)[:10]


def overdue(dataset: Dataset, latest_date: str, today: dt.date | None = None) -> bool:
    """Whether the dataset is older than its cycle (a cycle of months after its latest date has passed)."""
    try:
        day = dt.date.fromisoformat(latest_date[:10])
    except ValueError:
        return False
    today = today or dt.date.today()
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    return months >= dataset.cycle_months
