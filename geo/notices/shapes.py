"""Danger-area geometry from corners, centres, radii and bearings (WGS84, geodesic).

* `corner_polygon`: corners in the order given when they make a simple ring. When they cross
  themselves, a list whose order the notice states ("BACK TO START", "POINT CONNECTION",
  a ring closed on its first corner) is refused; a list given in no stated order is redrawn
  only when exactly one simple polygon passes through all its corners (every corner on their
  convex hull, as the four corners of a news report listed NW, NE, SW, SE), otherwise refused.
* `circle`, `sector`, `annulus`: geodesic, CIRCLE_POINTS vertices to a full turn.

Areas across the antimeridian (corners at 179°E and 179°W, a circle around 179.9°E) are built
in one continuous frame of longitudes, which may run past ±180° (the corners at 179°W become
181°), so that every check and clause works on them as on any other; `wrapped` then splits them
at ±180° into a MultiPolygon of parts within [-180°, 180°], as RFC 7946 asks, for the features.
Areas more than MAX_SPAN_KM across, corners spread over more than 180° of longitude whichever
way they are read, radii over MAX_RADIUS_M and circles around a pole are refused. Errors are
ShapeProblem, naming the corner at fault when there is one; the caller turns them into messages
pointing at the text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from pyproj import Geod
from shapely import validation
from shapely.affinity import translate
from shapely.geometry import MultiPoint, MultiPolygon, Point, Polygon, box
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

CIRCLE_POINTS = 64
MAX_RADIUS_M = 2_000_000.0
MAX_SPAN_KM = 10_000.0
"""Widest area accepted: launch corridors run about 2,000 km, but the re-entry and debris areas
of New Zealand and the South Pacific are over 4,000 km across; 10,000 km still refuses a
corner read in the wrong hemisphere."""

_GEOD = Geod(ellps="WGS84")

Corner = tuple[float, float]


@dataclass(frozen=True)
class ShapeProblem(Exception):
    """A shape that cannot be drawn; corner is the index of the corner at fault, if any."""

    message: str
    corner: int | None = None

    def __str__(self) -> str:
        return self.message


def corner_polygon(corners: Sequence[Corner], ordered: bool) -> Polygon:
    """A valid counter-clockwise polygon through the corners (see the module docstring)."""
    corners = _continuous(corners)
    unique = list(dict.fromkeys(corners))
    if len(unique) < 3:
        raise ShapeProblem(f"an area needs at least 3 distinct corners, found {len(unique)}")
    _check_span(unique, corners)
    given = Polygon(unique)
    if given.is_valid and given.area > 0:
        return orient(given, 1.0)
    hull = MultiPoint(unique).convex_hull
    if not isinstance(hull, Polygon) or hull.area == 0:
        raise ShapeProblem("the corners do not enclose an area")
    if ordered:
        raise ShapeProblem("the corners cross themselves in the order the notice gives",
                           _crossing_corner(given, corners))
    if len(hull.exterior.coords) - 1 != len(unique):
        raise ShapeProblem("the corners cross themselves in the order given, and can be joined "
                           "in more than one other way", _crossing_corner(given, corners))
    polygon = Polygon(_ring_order(unique))
    if not polygon.is_valid or polygon.area == 0:
        raise ShapeProblem("the corners do not enclose an area")
    return orient(polygon, 1.0)


def circle(lon: float, lat: float, metres: float) -> Polygon:
    """A geodesic circle (WGS84) of CIRCLE_POINTS vertices around (lon, lat)."""
    _check_radius(lon, lat, metres)
    azimuths = [i * 360.0 / CIRCLE_POINTS for i in range(CIRCLE_POINTS)]
    return _ring_polygon(_arc(lon, lat, metres, azimuths))


def sector(lon: float, lat: float, metres: float, start_deg: float, end_deg: float,
           inner_metres: float | None = None) -> Polygon:
    """The sector clockwise from start_deg to end_deg, to an inner radius when one is given."""
    _check_radius(lon, lat, metres)
    azimuths = _arc_azimuths(start_deg, end_deg)
    outer = _arc(lon, lat, metres, azimuths)
    if inner_metres:
        inner = _arc(lon, lat, inner_metres, azimuths)[::-1]
        return _ring_polygon(outer + inner)
    return _ring_polygon([(lon, lat), *outer])


def annulus(lon: float, lat: float, inner_metres: float, outer_metres: float) -> Polygon:
    """The ring between two geodesic circles."""
    outer = circle(lon, lat, outer_metres)
    inner = circle(lon, lat, inner_metres)
    return orient(Polygon(outer.exterior.coords, [inner.exterior.coords]), 1.0)


def union(parts: Sequence[Polygon]) -> Polygon:
    """Shapes around one centre (a circle and a sector) as one polygon."""
    if len(parts) == 1:
        return parts[0]
    merged = unary_union(list(parts))
    if not isinstance(merged, Polygon):
        raise ShapeProblem("the circle and sector around one centre do not make one area")
    return orient(merged, 1.0)


def wrapped(polygon: Polygon) -> Polygon | MultiPolygon:
    """The polygon within [-180°, 180°]: itself, or its parts split at the antimeridian."""
    west, _, east, _ = polygon.bounds
    if west >= -180.0 and east <= 180.0:
        return polygon
    parts: list[Polygon] = []
    for turn in (-360.0, 0.0, 360.0):
        piece = polygon.intersection(box(-180.0 + turn, -90.0, 180.0 + turn, 90.0))
        for part in getattr(piece, "geoms", [piece]):
            if isinstance(part, Polygon) and part.area > 0:
                parts.append(orient(translate(part, xoff=-turn), 1.0))
    return MultiPolygon(parts) if len(parts) > 1 else parts[0]


def pieces(polygon: Polygon) -> list[Polygon]:
    """The parts of the polygon within [-180°, 180°] (one, unless it crosses the antimeridian)."""
    within = wrapped(polygon)
    return list(within.geoms) if isinstance(within, MultiPolygon) else [within]


def _continuous(corners: Sequence[Corner]) -> list[Corner]:
    """The corners in one frame of longitudes: as given when they span at most 180°, else with
    the western hemisphere's moved past 180° (179°W is 181°); refused when both readings span
    more than 180° (no area of this size goes more than half way round)."""
    lons = [lon for lon, _ in corners]
    if not lons or max(lons) - min(lons) <= 180.0:
        return list(corners)
    moved = [(lon + 360.0 if lon < 0 else lon, lat) for lon, lat in corners]
    if max(lon for lon, _ in moved) - min(lon for lon, _ in moved) > 180.0:
        raise ShapeProblem("the corners spread over more than 180° of longitude whichever way round "
                           "they are read")
    return moved


def _check_span(unique: Sequence[Corner], corners: Sequence[Corner]) -> None:
    """Refuse an area wider than MAX_SPAN_KM (measured from its first corner: linear time)."""
    lon0, lat0 = unique[0]
    count = len(unique)
    _, _, distances = _GEOD.inv([lon0] * count, [lat0] * count,
                                [c[0] for c in unique], [c[1] for c in unique])
    farthest = max(range(count), key=lambda i: distances[i])
    if distances[farthest] > MAX_SPAN_KM * 1000.0:
        raise ShapeProblem(f"implausibly large area: this corner is {distances[farthest] / 1000:,.0f} km "
                           f"from the first (at most {MAX_SPAN_KM:,.0f} km across)",
                           list(corners).index(unique[farthest]))


def _crossing_corner(given: Polygon, corners: Sequence[Corner]) -> int | None:
    """The corner nearest to where the ring crosses itself, from shapely's explanation."""
    reason = validation.explain_validity(given)
    if "[" not in reason:
        return None
    try:
        x, y = (float(v) for v in reason.split("[", 1)[1].rstrip("]").split()[:2])
    except ValueError:
        return None
    where = Point(x, y)
    return min(range(len(corners)), key=lambda i: where.distance(Point(corners[i])))


def _ring_order(corners: list[Corner]) -> list[Corner]:
    """Corners sorted counter-clockwise by angle around their centroid (x scaled by cos lat)."""
    lon0 = sum(lon for lon, _ in corners) / len(corners)
    lat0 = sum(lat for _, lat in corners) / len(corners)
    scale = math.cos(math.radians(lat0))
    return sorted(corners, key=lambda c: math.atan2(c[1] - lat0, (c[0] - lon0) * scale))


def _check_radius(lon: float, lat: float, metres: float) -> None:
    """A radius above zero, at most MAX_RADIUS_M, not reaching a pole."""
    if not 0.0 < metres <= MAX_RADIUS_M:
        raise ShapeProblem(f"radius out of range: more than 0 and at most {MAX_RADIUS_M / 1000:,.0f} km")
    _, _, to_pole = _GEOD.inv(lon, lat, lon, math.copysign(90.0, lat))
    if to_pole <= metres:
        raise ShapeProblem("circles around a pole are not supported")


def _arc_azimuths(start_deg: float, end_deg: float) -> list[float]:
    """Azimuths clockwise from start to end, about CIRCLE_POINTS to a full turn."""
    sweep = (end_deg - start_deg) % 360.0 or 360.0
    steps = max(2, math.ceil(CIRCLE_POINTS * sweep / 360.0))
    return [start_deg + sweep * i / steps for i in range(steps + 1)]


def _arc(lon: float, lat: float, metres: float, azimuths: list[float]) -> list[Corner]:
    """Points at a distance along each azimuth, in the centre's frame of longitudes (a point
    across the antimeridian from the centre is given past ±180°)."""
    count = len(azimuths)
    lons, lats, _ = _GEOD.fwd([lon] * count, [lat] * count, azimuths, [metres] * count)
    near = [lon + (x - lon + 540.0) % 360.0 - 180.0 for x in lons]
    return list(zip(near, lats, strict=True))


def _ring_polygon(ring: list[Corner]) -> Polygon:
    """A counter-clockwise polygon, refused when it wraps the antimeridian or is invalid."""
    lons = [x for x, _ in ring]
    polygon = Polygon(ring)
    if max(lons) - min(lons) > 180.0 or not polygon.is_valid:
        raise ShapeProblem("circles around a pole are not supported")
    return orient(polygon, 1.0)
