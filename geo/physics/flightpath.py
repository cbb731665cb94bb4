"""Flight paths: chains of geodesics from a pad through the centres of the announced areas."""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from shapely.geometry import LineString, Point, shape
from shapely.geometry.base import BaseGeometry

from .geodesy import WGS84, distance_azimuth
from .land import load_basemap

STEP_M = 5_000.0  # spacing of the points along a path
EXIT_STEP_M = 1_000.0  # step used to find where a path leaves its last area
MAX_EXIT_M = 1_000_000.0
MAINLAND_KM2 = 10_000.0  # land parts this big count as mainland (or a large island)

LonLat = tuple[float, float]


@dataclass(frozen=True)
class Route:
    """What a path is flown through: the pad and the announced areas, in flight order."""

    pad: LonLat
    areas: tuple[BaseGeometry, ...]

    @functools.cached_property
    def centres(self) -> tuple[LonLat, ...]:
        """The centre (centroid) of each area."""
        return tuple(centre(area) for area in self.areas)

    @property
    def azimuth_deg(self) -> float:
        """Launch azimuth: the bearing from the pad to the centre of the first area."""
        return distance_azimuth(*self.pad, *self.centres[0])[1]

    def azimuth_span(self) -> tuple[float, float]:
        """Lowest and highest bearing from the pad to the first area's outline."""
        bearings = [distance_azimuth(*self.pad, lon, lat)[1] for lon, lat in outline(self.areas[0])]
        mid = self.azimuth_deg
        offsets = [(b - mid + 180.0) % 360.0 - 180.0 for b in bearings]
        return mid + min(offsets), mid + max(offsets)


def flight_order(pad: LonLat, areas: Mapping[str, BaseGeometry]) -> list[str]:
    """The keys of the areas, nearest to the pad first (ties by key)."""
    return sorted(areas, key=lambda key: (distance_azimuth(*pad, *centre(areas[key]))[0], key))


def inclination_deg(latitude_deg: float, azimuth_deg: float) -> float:
    """Orbit inclination reached by flying azimuth A from latitude φ: cos i = cos φ · sin A."""
    cos_i = math.cos(math.radians(latitude_deg)) * math.sin(math.radians(azimuth_deg))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos_i))))


def path_points(route: Route, fell_at: LonLat | None = None) -> list[LonLat]:
    """Points every few km along the path: through every area (leaving the last one), or cut at
    the point nearest to where the flight came down."""
    nodes = [route.pad, *route.centres]
    if fell_at is None:
        nodes.append(_exit_point(route.areas[-1], nodes[-2], nodes[-1]))
    points = _densify(nodes)
    if fell_at is None:
        return points
    lons, lats = np.array([p[0] for p in points]), np.array([p[1] for p in points])
    _, _, dist = WGS84.inv(lons, lats, np.full(len(points), fell_at[0]), np.full(len(points), fell_at[1]))
    end = max(int(np.argmin(dist)), 1)
    return points[: end + 1]


def length_km(points: list[LonLat]) -> float:
    """Geodesic length of a polyline, in km."""
    return sum(_leg_lengths(points)) / 1000.0


def mainland_crossings(points: list[LonLat]) -> list[tuple[str, float, float]]:
    """(country, km over land, km from the start) for each stretch of large land the path crosses."""
    if len(points) < 2:
        return []
    out = []
    cum = np.concatenate([[0.0], np.cumsum(_leg_lengths(points))])
    line = LineString(points)
    for name, part in _mainland_parts():
        if not part.intersects(line):
            continue
        hit = part.intersection(line)
        for piece in getattr(hit, "geoms", [hit]):
            if piece.length == 0:
                continue
            start = Point(piece.coords[0])
            at = int(np.argmin([start.distance(Point(p)) for p in points]))
            out.append((name, WGS84.geometry_length(piece) / 1000.0, cum[at] / 1000.0))
    return sorted(out, key=lambda item: item[2])


def centre(geometry: BaseGeometry) -> LonLat:
    """The centroid of a shape as (lon, lat)."""
    point = geometry.centroid
    return float(point.x), float(point.y)


def outline(geometry: BaseGeometry) -> list[LonLat]:
    """Every vertex of the exterior rings of a (multi)polygon."""
    polygons = getattr(geometry, "geoms", [geometry])
    return [(float(x), float(y)) for polygon in polygons for x, y in polygon.exterior.coords]


@functools.cache
def _mainland_parts() -> list[tuple[str, BaseGeometry]]:
    parts = []
    for feature in load_basemap()["features"]:
        if feature["properties"]["kind"] != "land":
            continue
        geometry = shape(feature["geometry"])
        for part in getattr(geometry, "geoms", [geometry]):
            area_m2, _ = WGS84.geometry_area_perimeter(part)
            if abs(area_m2) / 1e6 >= MAINLAND_KM2:
                parts.append((str(feature["properties"]["name"]), part))
    return parts


def _densify(nodes: list[LonLat]) -> list[LonLat]:
    points = [nodes[0]]
    for (lon1, lat1), (lon2, lat2) in zip(nodes, nodes[1:], strict=False):
        dist, _ = distance_azimuth(lon1, lat1, lon2, lat2)
        count = max(int(math.ceil(dist / STEP_M)) - 1, 0)
        points.extend((float(x), float(y)) for x, y in WGS84.npts(lon1, lat1, lon2, lat2, count))
        points.append((lon2, lat2))
    return points


def _exit_point(area: BaseGeometry, before: LonLat, mid: LonLat) -> LonLat:
    """Where the geodesic from before through mid leaves the area."""
    _, back, _ = WGS84.inv(before[0], before[1], mid[0], mid[1])
    steps = int(MAX_EXIT_M / EXIT_STEP_M)
    path = WGS84.fwd_intermediate(mid[0], mid[1], back + 180.0, npts=steps,
                                  del_s=EXIT_STEP_M, return_back_azimuth=True)
    last = mid
    for lon, lat in zip(path.lons, path.lats, strict=True):
        if not area.covers(Point(lon, lat)):
            break
        last = (float(lon), float(lat))
    return last


def _leg_lengths(points: list[LonLat]) -> list[float]:
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    _, _, dist = WGS84.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    return [float(d) for d in dist]
