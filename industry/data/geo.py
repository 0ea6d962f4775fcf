"""Commune geometry, done in Python at build time (DuckDB's spatial extension is not available offline)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import Point, mapping, shape
from shapely.prepared import prep

from ..core import paths

SIMPLIFY_TOLERANCE_DEG = 0.0002  # about 20 m at Hà Nội's latitude


@dataclass
class Commune:
    code: str
    props: dict
    geometry: shapely.Geometry

    @cached_property
    def prepared(self):
        return prep(self.geometry)

    def contains(self, lon: float, lat: float) -> bool:
        return self.prepared.covers(Point(lon, lat))

    def random_point(self, rng: np.random.Generator, tries: int = 10_000) -> tuple[float, float]:
        """A uniformly random point inside the polygon (rejection sampling in the bounding box)."""
        minx, miny, maxx, maxy = self.geometry.bounds
        for _ in range(tries // 64):
            xs = rng.uniform(minx, maxx, 64)
            ys = rng.uniform(miny, maxy, 64)
            for x, y in zip(xs, ys, strict=False):
                if self.contains(x, y):
                    return round(float(x), 6), round(float(y), 6)
        raise RuntimeError(f"could not place a point inside commune {self.code}")


def load_communes(path: Path | None = None) -> dict[str, Commune]:
    """The 126 commune polygons keyed by code."""
    with open(path or paths.GEO / "hanoi_communes_2025.geojson", encoding="utf-8") as fh:
        collection = json.load(fh)
    out = {}
    for feature in collection["features"]:
        props = feature["properties"]
        code = str(props["code"]).zfill(5)
        out[code] = Commune(code, props, shape(feature["geometry"]))
    return out


def to_geojson(geometry: shapely.Geometry, precision: int = 6) -> str:
    """Compact GeoJSON text with coordinates rounded to `precision` decimals."""
    geometry = shapely.set_precision(geometry, 10 ** -precision) if precision else geometry
    return json.dumps(mapping(geometry), separators=(",", ":"))


def simplified(geometry: shapely.Geometry) -> shapely.Geometry:
    return geometry.simplify(SIMPLIFY_TOLERANCE_DEG, preserve_topology=True)
