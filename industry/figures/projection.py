"""Where a trend leads: a linear fit of recent years, its range, and the pace a target requires.

Method (stated on the page): ordinary least squares on the last `window` years of data; the
range is the 95 % prediction interval of that fit (±1.96 residual standard errors, widened
for the distance from the fitted years). With fewer than three points there is no range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WINDOW = 5


@dataclass(frozen=True)
class Fit:
    slope: float  # change per year
    intercept: float
    first_year: int
    last_year: int
    n: int
    mean_x: float
    sxx: float
    residual_se: float | None  # None with fewer than 3 points

    def value(self, year: float) -> float:
        return self.intercept + self.slope * year

    def interval(self, year: float, z: float = 1.96) -> tuple[float, float]:
        centre = self.value(year)
        if self.residual_se is None or self.sxx == 0:
            return centre, centre
        half = z * self.residual_se * math.sqrt(1 + 1 / self.n + (year - self.mean_x) ** 2 / self.sxx)
        return centre - half, centre + half


def fit(years: list[int], values: list[float], window: int = WINDOW) -> Fit:
    """Least-squares line through the last `window` (year, value) points that have a value."""
    points = [(int(y), float(v)) for y, v in zip(years, values, strict=True)
              if v is not None and not (isinstance(v, float) and math.isnan(v))]
    points = sorted(points)[-window:]
    if not points:
        raise ValueError("no data to fit")
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    slope = 0.0 if sxx == 0 else sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx
    intercept = mean_y - slope * mean_x
    se = None
    if n >= 3:
        rss = sum((y - (intercept + slope * x)) ** 2 for x, y in points)
        se = math.sqrt(rss / (n - 2))
    return Fit(slope, intercept, points[0][0], points[-1][0], n, mean_x, sxx, se)


@dataclass(frozen=True)
class Pace:
    target_year: int
    target_share: float  # percent
    expected_enterprises: float  # supporting-industry enterprises expected in the target year
    required_certified: int  # certified enterprises needed in the target year (strictly more for "more than")
    certified_now: int
    years_left: int
    required_per_year: float  # more certified enterprises a year needed from now
    recent_per_year: float  # certified enterprises added a year over the fitted years
    projected_share: float  # share in the target year at the recent pace (percent)
    projected_low: float
    projected_high: float
    already_met: bool


def required_pace(*, years: list[int], certified: list[float], enterprises: list[float], now: int,
                  target_year: int, target_share: float, strictly_more: bool,
                  expected_enterprises: float | None = None, window: int = WINDOW) -> Pace:
    """How many more certified enterprises a year are needed from `now` to reach the share target.

    The enterprises expected in the target year are the target's own count when given (the city's
    programme: about 1,200 in 2030), else the linear projection of the scope's own count.
    """
    cert_fit = fit(years, certified, window)
    ent_fit = fit(years, enterprises, window)
    now_index = years.index(now)
    # a scope's own count: its projection, but never fewer enterprises than it has now
    expected = expected_enterprises if expected_enterprises is not None else max(
        float(enterprises[now_index]), ent_fit.value(target_year))
    needed = target_share / 100 * expected
    required = math.floor(needed) + 1 if strictly_more else math.ceil(needed)
    certified_now = int(certified[now_index])
    years_left = max(1, target_year - now)
    share_fit = fit(years, [100 * c / e if e else None for c, e in zip(certified, enterprises, strict=True)], window)
    low, high = share_fit.interval(target_year)
    projected = share_fit.value(target_year)
    current_share = 100 * certified_now / enterprises[now_index] if enterprises[now_index] else 0.0
    met = current_share > target_share if strictly_more else current_share >= target_share
    return Pace(
        target_year=target_year, target_share=target_share, expected_enterprises=expected,
        required_certified=required, certified_now=certified_now, years_left=years_left,
        required_per_year=max(0.0, (required - certified_now) / years_left),
        recent_per_year=cert_fit.slope, projected_share=max(0.0, min(100.0, projected)),
        projected_low=max(0.0, min(100.0, low)), projected_high=max(0.0, min(100.0, high)), already_met=met,
    )
