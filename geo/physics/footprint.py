"""Debris footprints conditioned on what was observed: a seeded Monte Carlo of ascent, break-up
and fall that keeps only the draws a report allows, and the polygon the survivors give.

A draw is one vehicle (first-stage figures drawn from ranges), broken up at a drawn time, and
one piece of it (a ballistic coefficient and a kick). It survives when every observation of
the version holds: the vehicle is plausible (its propellant fraction), it broke up before
burnout if the report says "during first-stage flight", at the reported altitude, it then
coasted to the reported highest altitude, and the piece fell inside the reported fall area.
"""

from __future__ import annotations

import functools
import math
import zlib
from dataclasses import dataclass, field, replace

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely import STRtree, contains_xy
from shapely.geometry import Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from ..errors import GeoError
from .ballistics import Array, Ascent, State, apex_m, ascend, fall, vacuum_range_m
from .geodesy import WGS84, area_km2
from .land import load_basemap

FIRST_ROUND = 8_000  # draws are made in seeded rounds, the first of this size, ...
ROUND_STEP = 4_000  # ... the next sized (in steps of this) for the survivors still wanted, ...
MAX_DRAWS = 48_000  # ... until TARGET_SURVIVORS survive or this many were drawn, ...
TARGET_SURVIVORS = 100  # ... or none of the first round passed the vehicle checks
MIN_SURVIVORS = 50  # fewer than this: the version cannot be reconciled with the model
SEED = 20_120_413
COVERAGE = 0.9
SCENARIO_DRAWS = 300
EDGE_STEP_M = 2_000.0  # the hull's edges get a point every 2 km before being mapped
COAST_GAP_DEG = 1e-5  # about a metre between a clipped footprint and the coast
PLAUSIBLE_PROPELLANT = (0.45, 0.85)  # first-stage propellant over lift-off mass of a multi-stage rocket

Range = tuple[float, float]
LonLat = tuple[float, float]
Mask = NDArray[np.bool_]


@dataclass(frozen=True)
class Vehicle:
    """The ranges a first stage and its pieces are drawn from (uniformly; the ballistic
    coefficient log-uniformly)."""

    thrust_to_weight: Range
    isp_s: Range
    burn_s: Range
    vertical_s: Range
    burnout_angle_deg: Range
    azimuth_deg: Range
    piece_ballistic_coefficient: Range
    breakup_speed_ms: Range


@dataclass(frozen=True)
class Observations:
    """What one version reports. breakup_s None: the vehicle stopped at first-stage burnout."""

    breakup_s: Range | None
    before_burnout: bool = False
    breakup_altitude_km: Range | None = None
    apex_km: Range | None = None
    fell_in: BaseGeometry | None = None  # lon/lat area the pieces fell in


@dataclass(frozen=True)
class Draws:
    """Draws of one vehicle: ascent, break-up time, azimuth, piece, kick; and the state at
    break-up of each."""

    ascent: Ascent
    breakup_s: Array
    azimuth_deg: Array
    ballistic_coefficient: Array
    kick_ms: Array  # n x 3: along, up, right
    state: State

    def take(self, keep: Mask) -> Draws:
        """The draws where keep is true."""
        a = self.ascent
        return Draws(Ascent(a.thrust_to_weight[keep], a.isp_s[keep], a.propellant_fraction[keep],
                            a.vertical_s[keep], a.burnout_angle_deg[keep]),
                     self.breakup_s[keep], self.azimuth_deg[keep], self.ballistic_coefficient[keep],
                     self.kick_ms[keep],
                     State(self.state.downrange_m[keep], self.state.altitude_m[keep],
                           self.state.speed_ms[keep], self.state.path_angle_deg[keep]))

    @staticmethod
    def join(parts: list[Draws]) -> Draws:
        """The draws of several batches, in order."""
        def cat(get: object) -> Array:
            return np.concatenate([get(p) for p in parts])  # type: ignore[operator]
        return Draws(
            Ascent(*(cat(lambda p, n=name: getattr(p.ascent, n)) for name in _ASCENT_FIELDS)),
            cat(lambda p: p.breakup_s), cat(lambda p: p.azimuth_deg),
            cat(lambda p: p.ballistic_coefficient), cat(lambda p: p.kick_ms),
            State(*(cat(lambda p, n=name: getattr(p.state, n)) for name in _STATE_FIELDS)))


_ASCENT_FIELDS = ("thrust_to_weight", "isp_s", "propellant_fraction", "vertical_s",
                  "burnout_angle_deg")
_STATE_FIELDS = ("downrange_m", "altitude_m", "speed_ms", "path_angle_deg")


@dataclass(frozen=True)
class Outcome:
    """The draws a version leaves: how many were made, why the others were rejected (in the
    order the checks are made) and where the survivors fell."""

    draws: int
    rejected: tuple[tuple[str, int], ...]
    survivors: Draws
    lon: Array
    lat: Array
    distance_m: Array = field(repr=False)
    bearing_deg: Array = field(repr=False)

    @property
    def count(self) -> int:
        """How many draws survived."""
        return len(self.lon)


def draw(vehicle: Vehicle, n: int, name: str, breakup_s: Range | Array | None) -> Draws:
    """n seeded draws of the vehicle (the same every time for the same name); breakup_s: a range
    drawn uniformly, the n times themselves, or None for first-stage burnout."""
    rng = np.random.default_rng([SEED, zlib.crc32(name.encode())])

    def uniform(bounds: Range) -> Array:
        return rng.uniform(bounds[0], bounds[1], n)

    tw, isp, burn = uniform(vehicle.thrust_to_weight), uniform(vehicle.isp_s), uniform(vehicle.burn_s)
    ascent = Ascent(tw, isp, burn * tw / isp, uniform(vehicle.vertical_s),
                    uniform(vehicle.burnout_angle_deg))
    azimuth = uniform(vehicle.azimuth_deg)
    lo_b, hi_b = vehicle.piece_ballistic_coefficient
    beta = np.exp(rng.uniform(math.log(lo_b), math.log(hi_b), n))
    direction = rng.normal(size=(n, 3))
    direction /= np.linalg.norm(direction, axis=1, keepdims=True)
    kick = direction * uniform(vehicle.breakup_speed_ms)[:, None]
    if breakup_s is None:
        when = np.full(n, np.inf)
    elif isinstance(breakup_s, tuple):
        when = uniform(breakup_s)
    else:
        when = np.asarray(breakup_s, dtype=float)
    return Draws(ascent, when, azimuth, beta, kick, ascend(ascent, when))


@dataclass(frozen=True)
class Job:
    """One version to condition: the vehicle's ranges, what the version observed, the pad."""

    name: str
    vehicle: Vehicle
    seen: Observations
    pad: LonLat


@dataclass
class _Progress:
    """Where the Monte Carlo of one job stands."""

    job: Job
    reach: _Reach | None
    made: int = 0
    rounds: int = 0
    candidate_rate: float = 1.0  # share of draws that pass the vehicle checks
    accepted: float = 1.0  # share of the flown draws that fall inside the reported area
    done: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    kept: list[tuple[Draws, Array, Array, Array, Array]] = field(default_factory=list)

    @property
    def survivors(self) -> int:
        return sum(len(k[1]) for k in self.kept)

    def next_round(self) -> int:
        """How many draws the next round makes."""
        if self.rounds == 0:
            return FIRST_ROUND
        want = (TARGET_SURVIVORS - self.survivors) / max(self.accepted, 0.01)
        size = want / max(self.candidate_rate, 1e-3)
        size = ROUND_STEP * math.ceil(size / ROUND_STEP)
        return int(min(max(size, ROUND_STEP), MAX_DRAWS - self.made))


def condition(jobs: list[Job]) -> list[Outcome]:
    """For each job, fly seeded rounds of draws, keeping those every observation allows, until
    TARGET_SURVIVORS survive or MAX_DRAWS were drawn (or none of the first round got past the
    vehicle checks); the others are counted by the first check they fail.

    Falls are the costly part: every job's draws that pass the vehicle checks in a round are
    flown down together."""
    progress = [_Progress(job, _reach(job.pad, job.seen.fell_in)
                          if job.seen.fell_in is not None else None) for job in jobs]
    while not all(p.done for p in progress):
        flying: list[tuple[_Progress, Draws]] = []
        for p in progress:
            if p.done:
                continue
            size = p.next_round()
            name = p.job.name if p.rounds == 0 else f"{p.job.name}-{p.rounds}"
            batch = draw(_drawn_from(p.job), size, name, p.job.seen.breakup_s)
            p.made, p.rounds = p.made + size, p.rounds + 1
            candidates = _vehicle_checks(batch, p.job.seen, p.reach, p.counts)
            p.candidate_rate = len(candidates.breakup_s) / size
            if len(candidates.breakup_s) == 0:
                p.done = p.rounds == 1 or p.made >= MAX_DRAWS
                continue
            flying.append((p, candidates))
        if not flying:
            continue
        every = Draws.join([c for _, c in flying])
        distance, offset = fall(every.state, every.ballistic_coefficient, every.kick_ms)
        start = 0
        for p, candidates in flying:
            stop = start + len(candidates.breakup_s)
            _keep_inside(p, candidates, distance[start:stop], offset[start:stop])
            start = stop
    return [_outcome(p) for p in progress]


def _drawn_from(job: Job) -> Vehicle:
    """The ranges a job draws from: when the break-up came before burnout, a burn shorter than
    the earliest reported break-up could never survive, so it is not drawn (the survivors are
    the same as with the whole range, for fewer draws)."""
    seen, burn = job.seen, job.vehicle.burn_s
    if seen.before_burnout and seen.breakup_s is not None and burn[0] < seen.breakup_s[0] < burn[1]:
        return replace(job.vehicle, burn_s=(seen.breakup_s[0], burn[1]))
    return job.vehicle


def _keep_inside(p: _Progress, flown: Draws, distance: Array, offset: Array) -> None:
    """Keep the flown draws that fell inside the job's area (all when it has none)."""
    bearing = (flown.azimuth_deg + offset) % 360.0
    lon, lat = _lon_lat(p.job.pad, bearing, distance)
    area = p.job.seen.fell_in
    inside = np.ones(len(lon), dtype=bool) if area is None else contains_xy(area, lon, lat)
    reason = "fell outside the reported fall area"
    if area is not None:
        p.counts[reason] = p.counts.get(reason, 0) + int((~inside).sum())
    p.accepted = float(inside.mean())
    p.kept.append((flown.take(inside), lon[inside], lat[inside], distance[inside],
                   bearing[inside]))
    p.done = area is None or p.survivors >= TARGET_SURVIVORS or p.made >= MAX_DRAWS


def _outcome(p: _Progress) -> Outcome:
    rejected = tuple(p.counts.items())
    if not p.kept:
        empty = np.zeros(0)
        nothing = draw(p.job.vehicle, 0, p.job.name, p.job.seen.breakup_s)
        return Outcome(p.made, rejected, nothing, empty, empty, empty, empty)
    return Outcome(p.made, rejected, Draws.join([k[0] for k in p.kept]),
                   *(np.concatenate([k[i] for k in p.kept]) for i in range(1, 5)))


def _vehicle_checks(draws: Draws, seen: Observations, reach: _Reach | None,
                    counts: dict[str, int]) -> Draws:
    """The draws of a batch that the observations of the vehicle allow (everything but where
    the pieces fell, except those that cannot reach the fall area even without air); counts gets
    the rejected by reason."""
    def keep_only(reason: str, keep: Mask) -> None:
        nonlocal draws
        counts[reason] = counts.get(reason, 0) + int((~keep).sum())
        draws = draws.take(keep)

    fraction = draws.ascent.propellant_fraction
    keep_only("implausible vehicle (first-stage propellant fraction outside "
              f"{PLAUSIBLE_PROPELLANT[0]:g}-{PLAUSIBLE_PROPELLANT[1]:g})",
              (fraction >= PLAUSIBLE_PROPELLANT[0]) & (fraction <= PLAUSIBLE_PROPELLANT[1]))
    if seen.before_burnout:
        keep_only("broke up after first-stage burnout", draws.breakup_s < draws.ascent.burnout_s)
    if seen.breakup_altitude_km is not None:
        lo, hi = seen.breakup_altitude_km
        km = draws.state.altitude_m / 1000
        keep_only(f"altitude at break-up outside {lo:g}-{hi:g} km", (km >= lo) & (km <= hi))
    if seen.apex_km is not None:
        lo, hi = seen.apex_km
        km = apex_m(draws.state) / 1000
        keep_only(f"highest altitude outside {lo:g}-{hi:g} km", (km >= lo) & (km <= hi))
    if reach is not None:
        farthest = vacuum_range_m(draws.state, np.linalg.norm(draws.kick_ms, axis=1))
        gamma = np.radians(draws.state.path_angle_deg)
        along = draws.state.speed_ms * np.cos(gamma) + draws.kick_ms[:, 0]
        turn = np.degrees(np.abs(np.arctan2(draws.kick_ms[:, 2], along)))  # the fall's heading
        off = np.abs((draws.azimuth_deg - reach.bearing_deg + 180.0) % 360.0 - 180.0)
        # a piece lands within its heading's angle of the azimuth, seen from the pad
        aimed = (turn >= 90.0) | (off <= reach.half_width_deg + turn + 0.5)
        keep_only("fell outside the reported fall area", (farthest >= reach.nearest_m) & aimed)
    return draws


@dataclass(frozen=True)
class _Reach:
    """An area seen from the pad: its nearest distance and the bearings it spans."""

    nearest_m: float
    bearing_deg: float  # the middle of the bearings it spans
    half_width_deg: float


def _reach(pad: LonLat, area: BaseGeometry) -> _Reach:
    """How far and in which directions an area lies from the pad (all around when inside)."""
    if area.covers(shapely.Point(pad)):
        return _Reach(0.0, 0.0, 180.0)
    parts = getattr(area, "geoms", [area])
    ring = np.concatenate([np.asarray(shapely.segmentize(p, 0.01).exterior.coords) for p in parts])
    n = len(ring)
    az, _, dist = WGS84.inv(np.full(n, pad[0]), np.full(n, pad[1]), ring[:, 0], ring[:, 1])
    first = float(az[0])
    rel = (np.asarray(az) - first + 180.0) % 360.0 - 180.0
    lo, hi = float(rel.min()), float(rel.max())
    return _Reach(float(np.min(dist)) - 2_000.0,  # slack for the outline's straight edges
                  (first + (lo + hi) / 2) % 360.0, (hi - lo) / 2)


@dataclass(frozen=True)
class Scenario:
    """Where the pieces fall if the vehicle broke up at one time: the median point, how far from
    the pad, the spread along the flight line, and the vehicle then (medians)."""

    breakup_s: float
    lon: float
    lat: float
    distance_km: float
    spread_km: float  # half the distance between the 25th and 75th percentile, along the line
    altitude_km: float
    downrange_km: float
    speed_ms: float
    burning_share: float  # share of the draws whose first stage was still burning


@dataclass(frozen=True)
class ScenarioCase:
    """One launch whose break-up at given times is imagined: its vehicle, pad and azimuth."""

    name: str
    vehicle: Vehicle
    pad: LonLat
    azimuth_deg: float
    times_s: tuple[float, ...]


def scenarios(cases: list[ScenarioCase], n: int = SCENARIO_DRAWS) -> list[list[Scenario]]:
    """For each case and time, where the pieces of n plausible draws broken up then fall (the
    median point), flying the planned azimuth. Every piece is flown down in one go."""
    if not cases:
        return []
    batches: list[tuple[ScenarioCase, float, Draws]] = []
    for case in cases:
        planned = replace(case.vehicle, azimuth_deg=(case.azimuth_deg, case.azimuth_deg))
        times = np.repeat(np.asarray(case.times_s, dtype=float), n)
        drawn = draw(planned, len(times), f"{case.name}-scenarios", times)
        fraction = drawn.ascent.propellant_fraction
        plausible = (fraction >= PLAUSIBLE_PROPELLANT[0]) & (fraction <= PLAUSIBLE_PROPELLANT[1])
        for seconds in case.times_s:
            one = drawn.take(plausible & (times == seconds))
            if len(one.breakup_s) == 0:
                raise GeoError(f"{case.name}: no plausible vehicle among {n} draws; "
                               "check the ranges")
            batches.append((case, seconds, one))
    every = Draws.join([b[2] for b in batches])
    distance, offset = fall(every.state, every.ballistic_coefficient, every.kick_ms)
    out: dict[str, list[Scenario]] = {case.name: [] for case in cases}
    start = 0
    for case, seconds, one in batches:
        stop = start + len(one.breakup_s)
        out[case.name].append(_median_fall(case, seconds, one, distance[start:stop],
                                           offset[start:stop]))
        start = stop
    return [out[case.name] for case in cases]


def _median_fall(case: ScenarioCase, seconds: float, draws: Draws, distance: Array,
                 offset: Array) -> Scenario:
    rel = np.radians(offset)
    along, across = distance * np.cos(rel), distance * np.sin(rel)
    mid_along, mid_across = float(np.median(along)), float(np.median(across))
    reach = math.hypot(mid_along, mid_across)
    bearing = case.azimuth_deg + math.degrees(math.atan2(mid_across, mid_along))
    lon, lat = _lon_lat(case.pad, np.array([bearing]), np.array([reach]))
    q1, q3 = np.percentile(along, [25, 75])
    return Scenario(float(seconds), float(lon[0]), float(lat[0]), reach / 1000,
                    float(q3 - q1) / 2000, float(np.median(draws.state.altitude_m)) / 1000,
                    float(np.median(draws.state.downrange_m)) / 1000,
                    float(np.median(draws.state.speed_ms)),
                    float(np.mean(seconds < draws.ascent.burnout_s)))


def footprint_polygon(pad: LonLat, azimuth_deg: float, outcome: Outcome,
                      coverage: float = COVERAGE) -> tuple[BaseGeometry, float]:
    """The hull of the inner coverage of the survivors' impacts, at sea; and the km² of land
    clipped off it."""
    rel = np.radians(outcome.bearing_deg - azimuth_deg)
    xy = np.stack([outcome.distance_m * np.cos(rel), outcome.distance_m * np.sin(rel)], axis=1)
    mid = np.median(xy, axis=0)
    spread = np.subtract(*np.percentile(xy, [75, 25], axis=0))
    scaled = np.hypot(*((xy - mid) / np.maximum(spread, 1.0)).T)
    inner = xy[scaled <= np.quantile(scaled, coverage)]
    hull = shapely.multipoints(inner).convex_hull
    if not isinstance(hull, Polygon):
        raise GeoError("the surviving impact points do not enclose an area")
    ring = np.asarray(shapely.segmentize(hull, EDGE_STEP_M).exterior.coords)
    dist = np.hypot(ring[:, 0], ring[:, 1])
    bearing = azimuth_deg + np.degrees(np.arctan2(ring[:, 1], ring[:, 0]))
    lons, lats = _lon_lat(pad, bearing, dist)
    polygon = orient(shapely.make_valid(Polygon(zip(lons, lats, strict=True))), 1.0)
    tree, parts = _land_parts()
    touching = tree.query(polygon, predicate="intersects")
    if len(touching) == 0:
        return polygon, 0.0
    # clip, then keep a metre off the coast so that rounding cannot make it touch land again
    nearby_land = shapely.clip_by_rect(shapely.union_all(parts[touching]),
                                       *polygon.buffer(0.01).bounds)
    at_sea = polygon.difference(nearby_land).buffer(-COAST_GAP_DEG, join_style="mitre")
    if at_sea.is_empty:
        raise GeoError("the debris footprint lies entirely on land")
    return at_sea, max(area_km2(polygon) - _area(at_sea), 0.0)


@functools.cache
def _land_parts() -> tuple[STRtree, NDArray[np.object_]]:
    """The basemap's land polygons one by one, in a search tree (cheaper than their union)."""
    parts = [part for feature in load_basemap()["features"]
             if feature["properties"]["kind"] == "land"
             for part in getattr(shape(feature["geometry"]), "geoms",
                                 [shape(feature["geometry"])])]
    array = np.asarray(parts, dtype=object)
    return STRtree(array), array


def _lon_lat(pad: LonLat, bearing_deg: Array, distance_m: Array) -> tuple[Array, Array]:
    n = len(distance_m)
    lons, lats, _ = WGS84.fwd(np.full(n, pad[0]), np.full(n, pad[1]), bearing_deg, distance_m)
    return np.asarray(lons), np.asarray(lats)


def _area(geometry: BaseGeometry) -> float:
    return sum(area_km2(part) for part in getattr(geometry, "geoms", [geometry]))
