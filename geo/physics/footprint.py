"""Debris footprints: a seeded Monte Carlo of ascent, break-up and fall, and the polygon it gives."""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from ..errors import GeoError
from .ballistics import Array, Ascent, State, ascend, fall
from .flightpath import Route
from .geodesy import WGS84, area_km2
from .land import land

SAMPLES = 2_000
SEED = 20_120_413
COVERAGE = 0.9
EDGE_STEP_M = 2_000.0  # the hull's edges get a point every 2 km before being mapped
COAST_GAP_DEG = 1e-5  # about a metre between a clipped footprint and the coast
ISP_GRID_S = np.arange(150.0, 501.0, 5.0)

Range = tuple[float, float]


@dataclass(frozen=True)
class FallRanges:
    """The ranges the Monte Carlo draws from (uniformly; the ballistic coefficient
    log-uniformly). breakup_s None: the vehicle came apart at first-stage burnout."""

    breakup_s: Range | None
    thrust_to_weight: Range
    propellant_fraction: Range
    vertical_s: Range
    burnout_angle_deg: Range
    piece_ballistic_coefficient: Range
    breakup_speed_ms: Range
    stage_ballistic_coefficient: float


@dataclass(frozen=True)
class Impacts:
    """Simulated impact points (ground distance and bearing from the pad) and what produced them."""

    distance_m: Array
    bearing_deg: Array
    isp_s: float
    nominal: State  # the nominal rocket at break-up (mid-range values)


_CACHE: dict[tuple[object, ...], Impacts] = {}


def simulate(ranges: FallRanges, route: Route, name: str) -> Impacts:
    """Impact points of SAMPLES draws over the ranges (seeded by name: the same every time)."""
    key = (ranges, route.pad, route.first_area_km(), route.azimuth_span(), name)
    if key not in _CACHE:
        _CACHE[key] = _simulate(ranges, route, name)
    return _CACHE[key]


def _simulate(ranges: FallRanges, route: Route, name: str) -> Impacts:
    isp = fit_isp(ranges, route.first_area_km())
    rng = np.random.default_rng([SEED, zlib.crc32(name.encode())])
    n = SAMPLES

    def draw(bounds: Range) -> Array:
        return rng.uniform(bounds[0], bounds[1], n)

    ascent = Ascent(draw(ranges.thrust_to_weight), np.full(n, isp), draw(ranges.propellant_fraction),
                    draw(ranges.vertical_s), draw(ranges.burnout_angle_deg))
    breakup = np.full(n, np.inf) if ranges.breakup_s is None else draw(ranges.breakup_s)
    lo_b, hi_b = ranges.piece_ballistic_coefficient
    beta = np.exp(rng.uniform(math.log(lo_b), math.log(hi_b), n))
    speed = draw(ranges.breakup_speed_ms)
    direction = rng.normal(size=(n, 3))
    direction /= np.linalg.norm(direction, axis=1, keepdims=True)
    span = route.azimuth_span()
    azimuth = rng.uniform(span[0], span[1], n)
    state = ascend(ascent, breakup)
    distance, offset = fall(state, beta, direction * speed[:, None])
    when = np.inf if ranges.breakup_s is None else float(np.mean(ranges.breakup_s))
    nominal = ascend(nominal_ascent(ranges, isp), np.array([when]))
    return Impacts(distance, (azimuth + offset) % 360.0, isp, nominal)


def fit_isp(ranges: FallRanges, planned_km: float) -> float:
    """Specific impulse at which the nominal first stage, left to fall at burnout, lands planned_km out."""
    n = len(ISP_GRID_S)
    mid = nominal_ascent(ranges, 1.0)
    ascent = Ascent(np.full(n, mid.thrust_to_weight[0]), ISP_GRID_S.copy(),
                    np.full(n, mid.propellant_fraction[0]), np.full(n, mid.vertical_s[0]),
                    np.full(n, mid.burnout_angle_deg[0]))
    state = ascend(ascent, np.full(n, np.inf))
    beta = np.full(n, float(ranges.stage_ballistic_coefficient))
    distance, _ = fall(state, beta, np.zeros((n, 3)))
    km = distance / 1000.0
    if not np.all(np.diff(km) > 0) or not km[0] <= planned_km <= km[-1]:
        raise GeoError(f"no specific impulse between {ISP_GRID_S[0]:g} and "
                       f"{ISP_GRID_S[-1]:g} s puts the first stage {planned_km:.0f} km out; "
                       "check the ascent ranges")
    return float(np.interp(planned_km, km, ISP_GRID_S))


def nominal_ascent(ranges: FallRanges, isp: float) -> Ascent:
    """The ascent with every range at its middle."""
    def mid(bounds: Range) -> Array:
        return np.array([sum(bounds) / 2.0])

    return Ascent(mid(ranges.thrust_to_weight), np.array([isp]), mid(ranges.propellant_fraction),
                  mid(ranges.vertical_s), mid(ranges.burnout_angle_deg))


def footprint_polygon(pad: tuple[float, float], azimuth_deg: float, impacts: Impacts,
                      coverage: float = COVERAGE) -> tuple[BaseGeometry, float]:
    """The hull of the inner coverage of impacts, at sea; and the km² of land clipped off it."""
    rel = np.radians(impacts.bearing_deg - azimuth_deg)
    xy = np.stack([impacts.distance_m * np.cos(rel), impacts.distance_m * np.sin(rel)], axis=1)
    mid = np.median(xy, axis=0)
    spread = np.subtract(*np.percentile(xy, [75, 25], axis=0))
    scaled = np.hypot(*((xy - mid) / np.maximum(spread, 1.0)).T)
    inner = xy[scaled <= np.quantile(scaled, coverage)]
    hull = shapely.multipoints(inner).convex_hull
    if not isinstance(hull, Polygon):
        raise GeoError("the simulated impact points do not enclose an area")
    ring = np.asarray(shapely.segmentize(hull, EDGE_STEP_M).exterior.coords)
    dist = np.hypot(ring[:, 0], ring[:, 1])
    bearing = azimuth_deg + np.degrees(np.arctan2(ring[:, 1], ring[:, 0]))
    lons, lats, _ = WGS84.fwd(np.full(len(ring), pad[0]), np.full(len(ring), pad[1]), bearing, dist)
    polygon = orient(shapely.make_valid(Polygon(zip(lons, lats, strict=True))), 1.0)
    if not land().intersects(polygon):
        return polygon, 0.0
    # clip, then keep a metre off the coast so that rounding cannot make it touch land again
    nearby_land = shapely.clip_by_rect(land(), *polygon.buffer(0.01).bounds)  # much less to cut
    at_sea = polygon.difference(nearby_land).buffer(-COAST_GAP_DEG, join_style="mitre")
    if at_sea.is_empty:
        raise GeoError("the debris footprint lies entirely on land")
    return at_sea, max(area_km2(polygon) - _area(at_sea), 0.0)


def _area(geometry: BaseGeometry) -> float:
    return sum(area_km2(part) for part in getattr(geometry, "geoms", [geometry]))
