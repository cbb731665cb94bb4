"""Derived debris footprints of failed launches, as features of the zones layer."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import geojson
from ..catalogue import Catalogue, FallModel
from ..errors import GeoError
from ..layers.registry import FOOTPRINT_KIND, ZONES
from ..physics.flightpath import Route
from ..physics.footprint import (
    COVERAGE,
    SAMPLES,
    FallRanges,
    Impacts,
    footprint_polygon,
    simulate,
)
from ..physics.geodesy import WGS84, area_km2, distance_azimuth
from .catalogue import Feature, cited_sources, feature
from .tracks import launch_route


def fall_ranges(model: FallModel) -> FallRanges:
    """The model record's ranges as the Monte Carlo takes them."""
    def need(value: Any) -> Any:
        assert value is not None  # the validator requires these when a footprint is modelled
        return value

    return FallRanges(
        breakup_s=None if model.breakup_at_burnout else need(model.breakup_s),
        thrust_to_weight=need(model.thrust_to_weight),
        propellant_fraction=need(model.propellant_fraction),
        vertical_s=need(model.vertical_s),
        burnout_angle_deg=need(model.burnout_angle_deg),
        piece_ballistic_coefficient=need(model.piece_ballistic_coefficient),
        breakup_speed_ms=need(model.breakup_speed_ms),
        stage_ballistic_coefficient=need(model.stage_ballistic_coefficient))


def footprint_features(cat: Catalogue) -> list[Feature]:
    """A debris footprint for every fall model that gives a break-up time."""
    out = []
    for event_id in sorted(cat.models):
        model = cat.models[event_id]
        found = launch_route(cat, event_id)
        if model.has_footprint and found is not None:
            out.append(footprint_feature(cat, model, found[0], found[1][0]))
    return out


def impacts_of(model: FallModel, route: Route) -> Impacts:
    """The simulated impacts of a launch's fall model; GeoError naming the record."""
    try:
        return simulate(fall_ranges(model), route, model.id)
    except GeoError as exc:
        raise GeoError(f"seeds/model.yaml, id '{model.id}': {exc}") from None


def footprint_feature(cat: Catalogue, model: FallModel, route: Route, first_area: str) -> Feature:
    """One failure's footprint (kind debris_footprint, derived)."""
    impacts = impacts_of(model, route)
    polygon, land_km2 = footprint_polygon(route.pad, route.azimuth_deg, impacts)
    event = cat.events[model.id]
    note = (f"Convex hull of the {COVERAGE:.0%} of {SAMPLES:,} simulated impact points nearest "
            "their median point (distances scaled by the spread along and across the flight line), "
            "placed with geodesics from the pad (WGS84).")
    if land_km2 > 0:
        note += f" Clipped to the sea with the Natural Earth land, which removed {land_km2:,.0f} km²."
    return feature(ZONES, f"{model.id}-debris-footprint", polygon, {
        "name": f"{event.name}: debris footprint (derived)",
        "kind": FOOTPRINT_KIND,
        "stage": None,
        "event_id": model.id,
        "event_name": event.name,
        "issuer": "derived in this project (fall model, geo/physics/footprint.py)",
        "valid_from": None,
        "valid_to": None,
        "validity_note": None,
        "geometry_method": "derived",
        "geometry_note": note,
        "confidence": "low",
        "area_km2": round(area_km2(polygon), 1),
        "raw_text": assumptions_text(cat, model, route, first_area, impacts),
        "sources": cited_sources(cat, [*model.sources, *cat.zones[first_area].sources]),
    })


def assumptions_text(cat: Catalogue, model: FallModel, route: Route, first_area: str,
                     impacts: Impacts) -> str:
    """The model behind one footprint, in plain words."""
    site = cat.sites[str(cat.events[model.id].site)]
    first = cat.zones[first_area]
    span = route.azimuth_span()
    ranges = fall_ranges(model)
    nominal = impacts.nominal
    if ranges.breakup_s is None:
        when = "at first-stage burnout, when the upper stages were left without thrust"
    else:
        when = f"between {ranges.breakup_s[0]:g} and {ranges.breakup_s[1]:g} s after lift-off"
    beta_lo, beta_hi = ranges.piece_ballistic_coefficient
    speed_lo, speed_hi = ranges.breakup_speed_ms
    text = (
        f"{model.assumptions} The rocket leaves {site.name} on an azimuth drawn between "
        f"{span[0]:.1f}° and {span[1]:.1f}° (the bearings the {first.name} spans from the pad), "
        f"rises vertically for {_r(ranges.vertical_s)} s, then pitches over steadily to "
        f"{_r(ranges.burnout_angle_deg)}° above the horizon at first-stage burnout, with a "
        f"thrust-to-weight of {_r(ranges.thrust_to_weight)} and {_r(ranges.propellant_fraction)} "
        f"of its mass as first-stage propellant. Its specific impulse, {impacts.isp_s:.0f} s, is fitted "
        f"so that a nominal first stage left to fall at burnout (ballistic coefficient "
        f"{ranges.stage_ballistic_coefficient:g} kg/m²) lands at the centre of that area, "
        f"{route.first_area_km():.0f} km out. It breaks up {when}; the nominal rocket is then "
        f"{nominal.altitude_m[0] / 1000:.0f} km up and {nominal.downrange_m[0] / 1000:.0f} km "
        f"downrange at {nominal.speed_ms[0]:.0f} m/s. Pieces of {beta_lo:g} to {beta_hi:g} kg/m² "
        f"(drawn log-uniformly) are thrown apart at {speed_lo:g} to {speed_hi:g} m/s in random "
        "directions and fall through a still exponential atmosphere (no wind, no lift) onto a "
        f"spherical, non-rotating Earth. Every range is drawn uniformly unless said otherwise; "
        f"{SAMPLES:,} draws with a fixed seed, so the footprint is the same at every build."
    )
    return " ".join(text.split())


def _r(pair: tuple[float, float]) -> str:
    return f"{pair[0]:g} to {pair[1]:g}"


def check_against_reports(cat: Catalogue, features: list[Feature]) -> list[dict[str, Any]]:
    """For each footprint, how far its centroid and its edge lie from where the sources put the fall."""
    rows = []
    for item in features:
        model = cat.models.get(item["properties"]["event_id"])
        if item["properties"]["kind"] != FOOTPRINT_KIND or model is None or model.fell_in is None:
            continue
        polygon = geojson.read_geometry(item["geometry"])
        reported = cat.zone_geometry[model.fell_in].centroid
        mid = polygon.centroid
        outline = [(x, y) for part in getattr(polygon, "geoms", [polygon]) for x, y in part.exterior.coords]
        lons, lats = np.array([p[0] for p in outline]), np.array([p[1] for p in outline])
        _, _, edge = WGS84.inv(lons, lats, np.full(len(lons), reported.x), np.full(len(lons), reported.y))
        rows.append({
            "event_id": model.id,
            "reported": cat.zones[model.fell_in].name,
            "centroid_km": distance_azimuth(mid.x, mid.y, reported.x, reported.y)[0] / 1000.0,
            "edge_km": 0.0 if polygon.covers(reported) else float(edge.min()) / 1000.0,
            "area_km2": item["properties"]["area_km2"],
        })
    return rows
