"""Map outlines for the theatres, loaded from assets/map/theatres.json, or the map of another era's borders such
as assets/map/theatres_1969.json (both built by tools/build_map.py).

Standard library only (no pygame here), so the sim, the CLI and the tests can use it headless.

Coordinates are normalised per theatre: the theatre's lon/lat box maps to [0,1] x [0,1], x to the
right and y DOWN (screen convention). The box is not square: to draw a theatre in a rectangle of
height h pixels, scale x by `theatre.aspect * h` and y by `h`.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from game.paths import map_path

Point = tuple[float, float]


def point_in_polygon(x: float, y: float, polygon: tuple[Point, ...]) -> bool:
    """Even-odd ray casting; the polygon is an open ring of (x, y) points."""
    inside = False
    n = len(polygon)
    for i in range(n):
        ax, ay = polygon[i]
        bx, by = polygon[(i + 1) % n]
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    polygons: tuple[tuple[Point, ...], ...]
    label: Point
    clipped: bool = False  # cut by the map frame (Russia, edge slivers): the UI may skip its label
    # (min_x, min_y, max_x, max_y) over all polygons, for cheap rejection in contains()
    bounds: tuple[float, float, float, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        xs = [p[0] for poly in self.polygons for p in poly]
        ys = [p[1] for poly in self.polygons for p in poly]
        object.__setattr__(self, "bounds", (min(xs), min(ys), max(xs), max(ys)))

    def contains(self, x: float, y: float) -> bool:
        """True if the normalised point (x, y) is inside one of the country's polygons."""
        x0, y0, x1, y1 = self.bounds
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        return any(point_in_polygon(x, y, poly) for poly in self.polygons)


@dataclass(frozen=True)
class Theatre:
    id: str
    aspect: float                                # width / height of the map
    bbox_lonlat: tuple[float, float, float, float]  # west, south, east, north
    # Mercator extents of the box in radians: (x_min, x_max, y_min, y_max), see project()
    projection_params: tuple[float, float, float, float]
    countries: Mapping[str, Country] = field(compare=False, repr=False)

    def project(self, lon: float, lat: float) -> Point:
        """Normalised (x, y) of a lon/lat point; inside [0,1]x[0,1] iff the point is in the box."""
        x_min, x_max, y_min, y_max = self.projection_params
        lat = max(-85.0, min(85.0, lat))
        y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
        return ((math.radians(lon) - x_min) / (x_max - x_min), (y_max - y) / (y_max - y_min))

    def country_at(self, x: float, y: float) -> Country | None:
        """The country under a normalised point (for hover tooltips), or None over sea.

        Smallest country first, so an enclave wins over the country drawn around it."""
        hits = [c for c in self.countries.values() if c.contains(x, y)]
        if not hits:
            return None
        return min(hits, key=lambda c: ((c.bounds[2] - c.bounds[0]) * (c.bounds[3] - c.bounds[1]), c.iso3))


def load_theatres(path: str | Path | None = None, era: str = "today") -> dict[str, Theatre]:
    """Load every theatre from a map asset (default: the one shipped with the game for the era's borders)."""
    with open(path or map_path(era), encoding="utf-8") as f:
        doc = json.load(f)
    theatres = {}
    for tid, th in doc["theatres"].items():
        if th.get("projection") != "mercator":
            raise ValueError(f"theatre {tid!r}: unsupported projection {th.get('projection')!r}")
        p = th["projection_params"]
        countries = {
            iso: Country(
                iso3=iso,
                name=c["name"],
                polygons=tuple(tuple((pt[0], pt[1]) for pt in poly) for poly in c["polygons"]),
                label=(c["label"][0], c["label"][1]),
                clipped=bool(c.get("clipped", False)),
            )
            for iso, c in th["countries"].items()
        }
        theatres[tid] = Theatre(
            id=tid,
            aspect=th["aspect"],
            bbox_lonlat=tuple(th["bbox_lonlat"]),
            projection_params=(p["x_min"], p["x_max"], p["y_min"], p["y_max"]),
            countries=countries,
        )
    return theatres
