"""Debris footprints of failed launches from Sohae: a seeded Monte Carlo of ascent, break-up and fall."""

from __future__ import annotations

import json
import math
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from . import geojson
from .ballistics import Array, Ascent, State, ascend, fall
from .catalogue import Catalogue
from .errors import GeoError
from .geodesy import WGS84, area_km2, distance_azimuth
from .land import land
from .layers import cited_sources
from .model import Model, has_footprint
from .tracks import Plan, plan

KIND = "debris_footprint"
SAMPLES = 2_000
SEED = 20_120_413
COVERAGE = 0.9
EDGE_STEP_M = 2_000.0  # the hull's edges get a point every 2 km before being mapped
COAST_GAP_DEG = 1e-5  # about a metre between a clipped footprint and the coast
ISP_GRID_S = np.arange(150.0, 501.0, 5.0)
_CACHE: dict[str, Impacts] = {}


@dataclass(frozen=True)
class Impacts:
    """Simulated impact points (ground distance and bearing from the pad) and what produced them."""

    distance_m: Array
    bearing_deg: Array
    isp_s: float
    nominal: State  # the nominal rocket at break-up (mid-range values)


def footprint_features(cat: Catalogue, model: Model) -> list[dict[str, Any]]:
    """A debris footprint for every model record that gives a break-up time."""
    out = []
    for event_id in sorted(model):
        record = model[event_id]
        launch = plan(cat, event_id)
        if has_footprint(record) and launch is not None:
            out.append(footprint_feature(cat, record, launch))
    return out


def footprint_feature(cat: Catalogue, record: dict[str, Any], launch: Plan) -> dict[str, Any]:
    """One failure's footprint as a zones-layer Feature (kind debris_footprint, derived)."""
    impacts = simulate(record, launch, launch.azimuth_span(cat))
    polygon, land_km2 = footprint_polygon(launch.pad, launch.azimuth_deg, impacts)
    event = cat.events[launch.event_id]
    first = cat.zones[launch.area_ids[0]]
    note = (f"Convex hull of the {COVERAGE:.0%} of {SAMPLES:,} simulated impact points nearest "
            "their median point (distances scaled by the spread along and across the flight line), "
            "placed with geodesics from the pad (WGS84).")
    if land_km2 > 0:
        note += f" Clipped to the sea with the Natural Earth land, which removed {land_km2:,.0f} km²."
    props = {
        "name": f"{event['name']}: debris footprint (derived)",
        "kind": KIND,
        "stage": None,
        "event_id": launch.event_id,
        "event_name": event["name"],
        "issuer": "derived in this project (fall model, geo/footprint.py)",
        "valid_from": None,
        "valid_to": None,
        "validity_note": None,
        "geometry_method": "derived",
        "geometry_note": note,
        "confidence": "low",
        "area_km2": round(area_km2(polygon), 1),
        "raw_text": assumptions_text(cat, record, launch, impacts),
        "sources": cited_sources(cat, [*record["sources"], *first["sources"]]),
    }
    return geojson.feature(f"{launch.event_id}-debris-footprint", polygon, props)


def simulate(record: dict[str, Any], launch: Plan, span: tuple[float, float]) -> Impacts:
    """Impact points of SAMPLES draws over the record's ranges (seeded: the same every time)."""
    key = json.dumps([record, launch.pad, launch.first_area_km(), span], sort_keys=True, default=str)
    if key not in _CACHE:
        _CACHE[key] = _simulate(record, launch, span)
    return _CACHE[key]


def _simulate(record: dict[str, Any], launch: Plan, span: tuple[float, float]) -> Impacts:
    isp = fit_isp(record, launch.first_area_km())
    rng = np.random.default_rng([SEED, zlib.crc32(launch.event_id.encode())])
    n = SAMPLES

    def draw(name: str) -> Array:
        lo, hi = record[name]
        return rng.uniform(lo, hi, n)

    ascent = Ascent(draw("thrust_to_weight"), np.full(n, isp), draw("propellant_fraction"),
                    draw("vertical_s"), draw("burnout_angle_deg"))
    breakup = np.full(n, np.inf) if record.get("breakup_at_burnout") else draw("breakup_s")
    lo_b, hi_b = record["piece_ballistic_coefficient"]
    beta = np.exp(rng.uniform(math.log(lo_b), math.log(hi_b), n))
    speed = draw("breakup_speed_ms")
    direction = rng.normal(size=(n, 3))
    direction /= np.linalg.norm(direction, axis=1, keepdims=True)
    azimuth = rng.uniform(span[0], span[1], n)
    state = ascend(ascent, breakup)
    distance, offset = fall(state, beta, direction * speed[:, None])
    nominal = ascend(_nominal_ascent(record, isp), np.array(
        [np.inf if record.get("breakup_at_burnout") else float(np.mean(record["breakup_s"]))]))
    return Impacts(distance, (azimuth + offset) % 360.0, isp, nominal)


def fit_isp(record: dict[str, Any], planned_km: float) -> float:
    """Specific impulse at which the nominal first stage, left to fall at burnout, lands planned_km out."""
    n = len(ISP_GRID_S)
    mid = _nominal_ascent(record, 1.0)
    ascent = Ascent(np.full(n, mid.thrust_to_weight[0]), ISP_GRID_S.copy(),
                    np.full(n, mid.propellant_fraction[0]), np.full(n, mid.vertical_s[0]),
                    np.full(n, mid.burnout_angle_deg[0]))
    state = ascend(ascent, np.full(n, np.inf))
    beta = np.full(n, float(record["stage_ballistic_coefficient"]))
    distance, _ = fall(state, beta, np.zeros((n, 3)))
    km = distance / 1000.0
    if not np.all(np.diff(km) > 0) or not km[0] <= planned_km <= km[-1]:
        raise GeoError(f"seeds/model.yaml, id '{record['id']}': no specific impulse between "
                       f"{ISP_GRID_S[0]:g} and {ISP_GRID_S[-1]:g} s puts the first stage "
                       f"{planned_km:.0f} km out; check the ascent ranges")
    return float(np.interp(planned_km, km, ISP_GRID_S))


def _nominal_ascent(record: dict[str, Any], isp: float) -> Ascent:
    def mid(name: str) -> Array:
        return np.array([sum(record[name]) / 2.0])

    return Ascent(mid("thrust_to_weight"), np.array([isp]), mid("propellant_fraction"),
                  mid("vertical_s"), mid("burnout_angle_deg"))


def footprint_polygon(pad: tuple[float, float], azimuth_deg: float, impacts: Impacts,
                      coverage: float = COVERAGE) -> tuple[BaseGeometry, float]:
    """The hull of the inner coverage of impacts, at sea; and the km² of land clipped off it."""
    rel = np.radians(impacts.bearing_deg - azimuth_deg)
    xy = np.stack([impacts.distance_m * np.cos(rel), impacts.distance_m * np.sin(rel)], axis=1)
    centre = np.median(xy, axis=0)
    spread = np.subtract(*np.percentile(xy, [75, 25], axis=0))
    scaled = np.hypot(*((xy - centre) / np.maximum(spread, 1.0)).T)
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


def assumptions_text(cat: Catalogue, record: dict[str, Any], launch: Plan, impacts: Impacts) -> str:
    """The model behind one footprint, in plain words."""
    site = cat.sites[launch.pad_id]
    first = cat.zones[launch.area_ids[0]]
    span = launch.azimuth_span(cat)
    nominal = impacts.nominal
    if record.get("breakup_at_burnout"):
        when = "at first-stage burnout, when the upper stages were left without thrust"
    else:
        lo, hi = record["breakup_s"]
        when = f"between {lo:g} and {hi:g} s after lift-off"
    beta_lo, beta_hi = record["piece_ballistic_coefficient"]
    speed_lo, speed_hi = record["breakup_speed_ms"]
    text = (
        f"{record['assumptions']} The rocket leaves {site['name']} on an azimuth drawn between "
        f"{span[0]:.1f}° and {span[1]:.1f}° (the bearings the {first['name']} spans from the pad), "
        f"rises vertically for {_r(record['vertical_s'])} s, then pitches over steadily to "
        f"{_r(record['burnout_angle_deg'])}° above the horizon at first-stage burnout, with a "
        f"thrust-to-weight of {_r(record['thrust_to_weight'])} and {_r(record['propellant_fraction'])} "
        f"of its mass as first-stage propellant. Its specific impulse, {impacts.isp_s:.0f} s, is fitted "
        f"so that a nominal first stage left to fall at burnout (ballistic coefficient "
        f"{record['stage_ballistic_coefficient']:g} kg/m²) lands at the centre of that area, "
        f"{launch.first_area_km():.0f} km out. It breaks up {when}; the nominal rocket is then "
        f"{nominal.altitude_m[0] / 1000:.0f} km up and {nominal.downrange_m[0] / 1000:.0f} km "
        f"downrange at {nominal.speed_ms[0]:.0f} m/s. Pieces of {beta_lo:g} to {beta_hi:g} kg/m² "
        f"(drawn log-uniformly) are thrown apart at {speed_lo:g} to {speed_hi:g} m/s in random "
        "directions and fall through a still exponential atmosphere (no wind, no lift) onto a "
        f"spherical, non-rotating Earth. Every range is drawn uniformly unless said otherwise; "
        f"{SAMPLES:,} draws with a fixed seed, so the footprint is the same at every build."
    )
    return " ".join(text.split())


def _r(pair: Any) -> str:
    lo, hi = pair
    return f"{lo:g} to {hi:g}"


def check_against_reports(cat: Catalogue, model: Model, features: list[dict[str, Any]]
                          ) -> list[dict[str, Any]]:
    """For each footprint, how far its centroid and its edge lie from where the sources put the fall."""
    rows = []
    for item in features:
        record = model.get(item["properties"]["event_id"], {})
        if item["properties"]["kind"] != KIND or "fell_in" not in record:
            continue
        polygon = geojson.read_geometry(item["geometry"])
        reported = cat.zone_geometry[record["fell_in"]].centroid
        centre = polygon.centroid
        outline = [(x, y) for part in getattr(polygon, "geoms", [polygon]) for x, y in part.exterior.coords]
        lons, lats = np.array([p[0] for p in outline]), np.array([p[1] for p in outline])
        _, _, edge = WGS84.inv(lons, lats, np.full(len(lons), reported.x), np.full(len(lons), reported.y))
        rows.append({
            "event_id": item["properties"]["event_id"],
            "reported": cat.zones[record["fell_in"]]["name"],
            "centroid_km": distance_azimuth(centre.x, centre.y, reported.x, reported.y)[0] / 1000.0,
            "edge_km": 0.0 if polygon.covers(reported) else float(edge.min()) / 1000.0,
            "area_km2": item["properties"]["area_km2"],
        })
    return rows
