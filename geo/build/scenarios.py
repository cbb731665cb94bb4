"""Break-up scenarios along each failed launch's path: where the pieces would have fallen had
the rocket broken up at T+60, 90 or 120 s (layer scenarios, derived)."""

from __future__ import annotations

from typing import Any

from shapely.geometry import Point

from ..catalogue import Catalogue
from ..layers.registry import SCENARIO_KIND, SCENARIOS
from ..physics import footprint
from .catalogue import cited_sources, feature
from .derived_names import named_after
from .footprints import vehicle_of
from .tracks import launch_route


def scenario_features(cat: Catalogue) -> list[dict[str, Any]]:
    """One point per failed launch with a fall model and a flight path, per scenario time."""
    cases, events = [], []
    for event_id in sorted(cat.models):
        model = cat.models[event_id]
        found = launch_route(cat, event_id)
        if not model.has_vehicle or found is None:
            continue
        route, _ = found
        planned = vehicle_of(cat, model, route)
        cases.append(footprint.ScenarioCase(f"{event_id}-scenario", planned, route.pad,
                                            route.azimuth_deg, model.scenario_s))
        events.append(event_id)
    out = []
    for event_id, case, results in zip(events, cases, footprint.scenarios(cases), strict=True):
        for result in results:
            out.append(_point(cat, event_id, case, result))
    return out


def _point(cat: Catalogue, event_id: str, case: footprint.ScenarioCase,
           result: footprint.Scenario) -> dict[str, Any]:
    event = cat.events[event_id]
    model = cat.models[event_id]
    seconds = round(result.breakup_s)
    burning = round(100 * result.burning_share)
    return feature(SCENARIOS, f"{event_id}-breakup-{seconds}s", Point(result.lon, result.lat), {
        **named_after(event, "derived.scenario", seconds=seconds),
        "kind": SCENARIO_KIND,
        "event_id": event_id,
        "event_name": event.name,
        "breakup_s": seconds,
        "breakup": f"T+{seconds} s, a scenario, not a report",
        "distance_km": round(result.distance_km),
        "spread_km": round(result.spread_km),
        "vehicle_then": (f"{result.altitude_km:.0f} km up, {result.downrange_km:.0f} km downrange, "
                         f"{result.speed_ms:,.0f} m/s; first stage still burning in {burning}% "
                         "of the draws"),
        "geometry_method": "derived",
        "geometry_note": (
            f"The median fall point of {footprint.SCENARIO_DRAWS} draws of the fall model broken "
            f"up at T+{seconds} s on the planned azimuth ({case.azimuth_deg:.1f}°, the bearing from "
            "the pad to the centre of the first announced area), placed with a geodesic from the "
            "pad. Half of the falls lie within the spread of it along the flight line."),
        "confidence": "low",
        "raw_text": (f"{model.vehicle} Break-up forced at T+{seconds} s (a vehicle whose first "
                     "stage had already burnt out falls from burnout); pieces of "
                     "{:g} to {:g} kg/m² thrown off at {:g} to {:g} m/s.".format(
                         *case.vehicle.piece_ballistic_coefficient,
                         *case.vehicle.breakup_speed_ms)),
        "sources": cited_sources(cat, model.sources),
    })
