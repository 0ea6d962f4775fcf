"""The machine a measurement ran on, said the same way by every report: its architecture, its cores, Python (and what
else a report names), and the day."""

from __future__ import annotations

import datetime as dt
import os
import platform


def described(*, python: bool = True, also: str = "", day: bool = True) -> str:
    """``x86_64, 2 cores, Python 3.11.7[, also], 2026-12-05``."""
    parts = [platform.machine(), f"{os.cpu_count()} cores"]
    if python:
        parts.append(f"Python {platform.python_version()}")
    if also:
        parts.append(also)
    if day:
        parts.append(dt.date.today().isoformat())
    return ", ".join(parts)
