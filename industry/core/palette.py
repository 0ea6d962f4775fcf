"""One colour, one meaning, on every page and map (Okabe–Ito, safe for colour-blind readers)."""

from __future__ import annotations

ACTUAL = "#0072B2"  # a measured value: rates, counts, shares
PROJECTION = "#56B4E9"  # a projection of a measured value
OTHER_YEAR = "rgba(0, 114, 178, 0.35)"  # a measured value of a year other than the chosen one (ACTUAL, paler)
TARGET = "#000000"  # a target line (always dashed)
CONTEXT = "#999999"  # context: the city average, inactive units, other sectors
CRAFT = "#CC79A7"  # craft villages
MEETS = "#009E73"  # meets the standard / compliant / certified
FAILS = "#D55E00"  # fails the standard
NO_PLANT = "#E69F00"  # operating with no treatment plant
NOT_OPERATING = "#BBBBBB"  # planned or under construction
NOT_STATED = "#E4E4E4"  # a status the source does not state

STATUS = {
    "compliant": MEETS,
    "not_compliant": FAILS,
    "no_plant": NO_PLANT,
    "not_operating": NOT_OPERATING,
    "not_stated": NOT_STATED,
}
NOT_COUNTED = ("not_operating", "not_stated")  # a site's wastewater status in a year that leaves it out of the rate

SEQUENCE = (ACTUAL, MEETS, FAILS, NO_PLANT, CRAFT, PROJECTION, "#F0E442", CONTEXT)


def by_year(years, chosen: int) -> list[str]:
    """Bar colours of a yearly series: the chosen year in the measured colour, the other years paler."""
    return [ACTUAL if int(y) == chosen else OTHER_YEAR for y in years]


def rgb(hex_colour: str, alpha: int = 255) -> list[int]:
    """``'#0072B2'`` → ``[0, 114, 178, alpha]`` for pydeck."""
    value = hex_colour.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]
