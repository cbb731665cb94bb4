"""Debris footprints of failed launches, one per reported version that the fall model can
reconcile (layer footprints, derived); and how each version fared, for docs/model.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import geojson
from ..catalogue import Catalogue, FallModel
from ..catalogue.records import Version
from ..layers.registry import FOOTPRINT_KIND, FOOTPRINTS
from ..physics import footprint
from ..physics.flightpath import Route
from ..physics.geodesy import WGS84, area_km2, distance_azimuth
from .catalogue import cited_sources, feature
from .derived_names import named_after
from .tracks import launch_route

FELL_KINDS = ("debris_area", "salvage_area")  # zones that say where debris came down
ISSUER = "derived in this project (fall model, geo/physics/footprint.py)"
ROUND = {"thrust_to_weight": 2, "isp_s": 0, "burn_s": 0, "burnout_angle_deg": 0, "breakup_s": 0,
         "azimuth_deg": 1}


@dataclass(frozen=True)
class Fitted:
    """How one version fared: the Monte Carlo's outcome and its footprint, if it has one."""

    model: FallModel
    version: Version
    outcome: footprint.Outcome
    feature: dict[str, Any] | None

    @property
    def reconciled(self) -> bool:
        """Whether enough draws survived for a footprint."""
        return self.feature is not None


def vehicle_of(cat: Catalogue, model: FallModel, route: Route) -> footprint.Vehicle:
    """The Monte Carlo's ranges of a model record (the azimuth: the model's, or the bearings the
    first announced area spans from the pad)."""
    assert model.has_vehicle

    def need(value: tuple[float, float] | None) -> tuple[float, float]:
        assert value is not None
        return value

    return footprint.Vehicle(
        thrust_to_weight=need(model.thrust_to_weight), isp_s=need(model.isp_s),
        burn_s=need(model.burn_s), vertical_s=need(model.vertical_s),
        burnout_angle_deg=need(model.burnout_angle_deg),
        azimuth_deg=model.azimuth_deg or route.azimuth_span(),
        piece_ballistic_coefficient=need(model.piece_ballistic_coefficient),
        breakup_speed_ms=need(model.breakup_speed_ms))


def observations_of(cat: Catalogue, version: Version) -> footprint.Observations:
    """What a version reports, as the Monte Carlo checks it."""
    return footprint.Observations(
        breakup_s=version.breakup_s, before_burnout=version.before_burnout,
        breakup_altitude_km=version.breakup_altitude_km, apex_km=version.apex_km,
        fell_in=cat.zone_geometry[version.fell_in] if version.fell_in else None)


def fit_versions(cat: Catalogue) -> list[Fitted]:
    """Every version of every fall model, flown and conditioned, by launch and version."""
    cases = []
    for event_id in sorted(cat.models):
        model = cat.models[event_id]
        found = launch_route(cat, event_id)
        if not model.versions or found is None:
            continue
        route, area_ids = found
        vehicle = vehicle_of(cat, model, route)
        for version in model.versions:
            job = footprint.Job(f"{event_id}-footprint-{version.id}", vehicle,
                                observations_of(cat, version), route.pad)
            cases.append((model, version, route, area_ids, job))
    outcomes = footprint.condition([case[-1] for case in cases])
    out = []
    for (model, version, route, area_ids, job), outcome in zip(cases, outcomes, strict=True):
        item = None
        if outcome.count >= footprint.MIN_SURVIVORS:
            item = _footprint(cat, model, version, route, area_ids, outcome, job.vehicle)
        out.append(Fitted(model, version, outcome, item))
    return out


def footprint_features(cat: Catalogue) -> list[dict[str, Any]]:
    """A footprint for every version that enough draws survive."""
    return [fitted.feature for fitted in fit_versions(cat) if fitted.feature is not None]


def survival_text(outcome: footprint.Outcome) -> str:
    """'65 of 48,000 draws kept (0.1%)'."""
    share = outcome.count / outcome.draws if outcome.draws else 0.0
    return f"{outcome.count:,} of {outcome.draws:,} draws kept ({share:.1%})"


def rejected_text(outcome: footprint.Outcome) -> str:
    """The rejected draws by reason, in the order the checks are made."""
    return "; ".join(f"{reason}: {count:,}" for reason, count in outcome.rejected if count)


def survivor_ranges(outcome: footprint.Outcome) -> dict[str, tuple[float, float]]:
    """The 5th to 95th percentile of the surviving draws' figures."""
    draws = outcome.survivors
    values = {"thrust_to_weight": draws.ascent.thrust_to_weight, "isp_s": draws.ascent.isp_s,
              "burn_s": draws.ascent.burnout_s, "burnout_angle_deg": draws.ascent.burnout_angle_deg,
              "breakup_s": np.minimum(draws.breakup_s, draws.ascent.burnout_s),
              "azimuth_deg": draws.azimuth_deg}
    out = {}
    for name, array in values.items():
        lo, hi = np.percentile(array, [5, 95])
        digits = ROUND[name]
        out[name] = (round(float(lo), digits), round(float(hi), digits))
    return out


def _footprint(cat: Catalogue, model: FallModel, version: Version, route: Route,
               area_ids: tuple[str, ...], outcome: footprint.Outcome,
               vehicle: footprint.Vehicle) -> dict[str, Any]:
    polygon, land_km2 = footprint.footprint_polygon(route.pad, route.azimuth_deg, outcome)
    event = cat.events[model.id]
    note = (f"Convex hull of the {footprint.COVERAGE:.0%} of the {outcome.count:,} surviving "
            "impact points nearest their median point (distances scaled by the spread along and "
            "across the flight line), placed with geodesics from the pad (WGS84).")
    if land_km2 > 0:
        note += f" Clipped to the sea with the Natural Earth land, which removed {land_km2:,.0f} km²."
    citations = [*version.sources, *model.sources]
    if version.fell_in:
        citations += list(cat.zones[version.fell_in].sources)
    return feature(FOOTPRINTS, f"{model.id}-footprint-{version.id}", polygon, {
        **named_after(event, "derived.footprint", account=version.label),
        "kind": FOOTPRINT_KIND,
        "event_id": model.id,
        "event_name": event.name,
        "version": version.label,
        "observed": version.observed,
        "fell_in_id": version.fell_in,
        "draws": outcome.draws,
        "survivors": outcome.count,
        "survival": survival_text(outcome),
        "rejected": rejected_text(outcome),
        "issuer": ISSUER,
        "geometry_method": "derived",
        "geometry_note": note,
        "confidence": "low",
        "area_km2": round(area_km2(polygon), 1),
        "raw_text": assumptions_text(cat, model, version, vehicle, outcome),
        "sources": cited_sources(cat, citations),
    })


def assumptions_text(cat: Catalogue, model: FallModel, version: Version,
                     vehicle: footprint.Vehicle, outcome: footprint.Outcome) -> str:
    """The model behind one footprint, in plain words."""
    event = cat.events[model.id]
    assert event.site is not None
    site = cat.sites[event.site]
    kept = survivor_ranges(outcome)
    checks = [f"{_r(version.breakup_s)} s after lift-off" if version.breakup_s
              else "at first-stage burnout"]
    if version.before_burnout:
        checks.append("before first-stage burnout")
    if version.breakup_altitude_km:
        checks.append("at {:g} to {:g} km altitude".format(*version.breakup_altitude_km))
    if version.apex_km:
        checks.append("after which it coasted to {:g} to {:g} km".format(*version.apex_km))
    place = (f"; the pieces must fall inside: {cat.zones[version.fell_in].name}"
             if version.fell_in else "; where the pieces fell is not conditioned on")
    text = (
        f"{model.vehicle} Each draw flies the rocket from {site.name} on an azimuth drawn between "
        f"{vehicle.azimuth_deg[0]:.1f}° and {vehicle.azimuth_deg[1]:.1f}°, with a thrust-to-weight "
        f"of {_r(vehicle.thrust_to_weight)}, a specific impulse of {_r(vehicle.isp_s)} s and a "
        f"first-stage burn of {_r(vehicle.burn_s)} s (a first-stage propellant fraction outside "
        f"{footprint.PLAUSIBLE_PROPELLANT[0]:g} to {footprint.PLAUSIBLE_PROPELLANT[1]:g} of the "
        f"lift-off mass is rejected as implausible), rising vertically for {_r(vehicle.vertical_s)} "
        f"s, then pitching over steadily to {_r(vehicle.burnout_angle_deg)}° above the horizon at "
        "burnout, without drag. It breaks up " + ", ".join(checks) + place + ". A piece of "
        f"{_r(vehicle.piece_ballistic_coefficient)} kg/m² (drawn log-uniformly) is thrown off at "
        f"{_r(vehicle.breakup_speed_ms)} m/s in a random direction and falls through a still "
        "exponential atmosphere (no wind, no lift) onto a spherical, non-rotating Earth. "
        f"Draws are made in seeded rounds until {footprint.TARGET_SURVIVORS} survive or "
        f"{footprint.MAX_DRAWS:,} were drawn, so the "
        f"footprint is the same at every build: {survival_text(outcome)}. The survivors had a "
        f"thrust-to-weight of {_r(kept['thrust_to_weight'])}, a specific impulse of "
        f"{_r(kept['isp_s'])} s, a first-stage burn of {_r(kept['burn_s'])} s and a burnout angle "
        f"of {_r(kept['burnout_angle_deg'])}° (5th to 95th percentile)."
    )
    return " ".join(text.split())


def _r(pair: tuple[float, float]) -> str:
    lo, hi = pair
    return f"{lo:g}" if lo == hi else f"{lo:g} to {hi:g}"


def fall_places(cat: Catalogue, event_id: str) -> list[str]:
    """The zones of a launch that say where debris came down (every version), by id."""
    return [zone.id for kind in FELL_KINDS for zone in cat.zones_of(event_id, kind)]


def check_against_reports(cat: Catalogue, features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each footprint, how far its centroid and its edge lie from the nearest reported fall
    place of the same launch (every version of every fall place counts)."""
    rows = []
    for item in features:
        props = item["properties"]
        polygon = geojson.read_geometry(item["geometry"])
        centre = polygon.centroid
        best: dict[str, Any] | None = None
        for zone_id in fall_places(cat, props["event_id"]):
            reported = cat.zone_geometry[zone_id].centroid
            km = distance_azimuth(centre.x, centre.y, reported.x, reported.y)[0] / 1000.0
            if best is None or km < best["centroid_km"]:
                best = {"zone_id": zone_id, "centroid_km": km, "reported": reported}
        if best is None:
            continue
        outline = [(x, y) for part in getattr(polygon, "geoms", [polygon])
                   for x, y in part.exterior.coords]
        lons, lats = np.array([p[0] for p in outline]), np.array([p[1] for p in outline])
        reported = best["reported"]
        _, _, edge = WGS84.inv(lons, lats, np.full(len(lons), reported.x),
                               np.full(len(lons), reported.y))
        rows.append({
            "id": item["id"],
            "event_id": props["event_id"],
            "version": props["version"],
            "reported": cat.zones[best["zone_id"]].name,
            "reported_id": best["zone_id"],
            "centroid_km": best["centroid_km"],
            "edge_km": 0.0 if polygon.covers(reported) else float(edge.min()) / 1000.0,
            "area_km2": props["area_km2"],
            "survival": props["survival"],
        })
    return rows
