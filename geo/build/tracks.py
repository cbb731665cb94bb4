"""The flight-path layer: a derived path for each launch that announced danger areas."""

from __future__ import annotations

from typing import Any

from shapely.geometry import LineString

from ..catalogue import Catalogue, Citation, FallModel
from ..layers.registry import PATH_KIND, TRACKS
from ..physics.flightpath import (
    STEP_M,
    Route,
    centre,
    flight_order,
    inclination_deg,
    length_km,
    mainland_crossings,
    path_points,
)
from .catalogue import Feature, cited_sources, feature
from .derived_names import named_after

PAD_ALLOWANCE_M = 10_000.0  # a coastal pad: the first few km may be over land
ABOVE_ATMOSPHERE_KM = 500.0  # downrange, a satellite launcher is above ~100 km well before this
DOG_LEG_NOTE = {
    "2023-11-21-malligyong-1": (
        "Seradata reports a 'double dog leg' trajectory that avoided Chinese airspace; the path is "
        "drawn as straight geodesics between the announced areas, not as the turns flown."),
}


def launch_route(cat: Catalogue, event_id: str) -> tuple[Route, tuple[str, ...]] | None:
    """The route of a launch (its site and danger areas, nearest first) and the areas' ids;
    None when it announced no area."""
    event = cat.events[event_id]
    if event.kind != "launch" or event.site is None or event.version_of is not None:
        return None
    areas = {zone.id: cat.zone_geometry[zone.id]
             for zone in cat.zones_of(event_id, "danger_area", versions=False)}
    if not areas:
        return None
    site = cat.sites[event.site]
    pad = (site.lon, site.lat)
    order = tuple(flight_order(pad, areas))
    return Route(pad, tuple(areas[zid] for zid in order)), order


def launches_with_routes(cat: Catalogue) -> list[str]:
    """Ids of the launches that announced danger areas, by id."""
    return [rid for rid in sorted(cat.events) if launch_route(cat, rid) is not None]


def track_features(cat: Catalogue) -> list[Feature]:
    """The flight-path feature of every launch that announced danger areas."""
    return [track_feature(cat, rid) for rid in launches_with_routes(cat)]


def track_feature(cat: Catalogue, event_id: str) -> Feature:
    """One launch's derived flight path."""
    found = launch_route(cat, event_id)
    assert found is not None
    route, area_ids = found
    event = cat.events[event_id]
    model = cat.models.get(event_id)
    fell_at = centre(cat.zone_geometry[model.fell_in]) if model and model.fell_in else None
    points = path_points(route, fell_at)
    azimuth = route.azimuth_deg
    return feature(TRACKS, f"{event_id}-flight-path", LineString(points), {
        **named_after(event, "derived.track"),
        "kind": PATH_KIND,
        "event_id": event_id,
        "event_name": event.name,
        "outcome": event.outcome,
        "site_id": event.site,
        "azimuth_deg": round(azimuth, 1),
        "inclination_deg": round(inclination_deg(route.pad[1], azimuth), 1),
        "length_km": round(length_km(points)),
        "zone_ids": list(area_ids),
        "end_reason": _end_reason(cat, event_id, model),
        "geometry_method": "derived",
        "geometry_note": _note(cat, event_id, area_ids, points),
        "confidence": "low",
        "sources": _sources(cat, event_id, area_ids, model),
    })


def _end_reason(cat: Catalogue, event_id: str, model: FallModel | None) -> str:
    if model is not None:
        reason = model.ending
    elif cat.events[event_id].outcome == "success":
        reason = "reached orbit; the path ends where it leaves the last announced area"
    else:
        reason = "failed; no fall position is in the catalogue, so the path runs through every area"
    if model is not None and model.fell_in:
        reason += (f"; the path ends at its point nearest to the centre of: "
                   f"{cat.zones[model.fell_in].name}")
    return reason


def _note(cat: Catalogue, event_id: str, area_ids: tuple[str, ...], points: list[Any]) -> str:
    site = cat.sites[str(cat.events[event_id].site)]
    names = ", ".join(cat.zones[zid].name for zid in area_ids)
    text = (f"Geodesic (WGS84) from {site.name} to the centres of the announced danger areas "
            f"in flight order ({names}), with a point every {STEP_M / 1000:g} km. The launch "
            f"azimuth is the bearing from the pad to the centre of the first area. Turns are drawn "
            "at the areas' centres, not where the rocket turned.")
    if site.kind == "launch_site":
        text += " The sources do not settle the pad, so the path starts at the site's position."
    text += " " + DOG_LEG_NOTE.get(event_id, "")
    for name, km, at_km in mainland_crossings(points):
        if at_km > PAD_ALLOWANCE_M / 1000:
            height = "tens of km up" if at_km < ABOVE_ATMOSPHERE_KM else "above the atmosphere"
            text += (f" It crosses {name} for {km:.1f} km, {at_km:.0f} km from the pad, where a "
                     f"rocket is already {height}.")
    return " ".join(text.split())


def _sources(cat: Catalogue, event_id: str, area_ids: tuple[str, ...],
             model: FallModel | None) -> list[dict[str, str]]:
    citations: list[Citation] = list(cat.events[event_id].sources)
    for zid in area_ids:
        citations.extend(cat.zones[zid].sources)
    citations.extend(model.sources if model else ())
    return cited_sources(cat, citations)
