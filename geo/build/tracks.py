"""Flight paths of the launches that announced danger areas: geodesics from the pad through them."""

from __future__ import annotations

from typing import Any

from shapely.geometry import LineString

from ..catalogue import Catalogue, FallModel
from ..layers.registry import PATH_KIND, TRACKS
from ..physics.flightpath import (
    Route,
    flight_order,
    inclination_deg,
    length_km,
    mainland_crossings,
    path_points,
)
from .catalogue import cited_sources, feature

PAD_ALLOWANCE_KM = 10.0  # a coastal pad: the first few km may be over land
SOHAE_SITES = ("sohae", "sohae-lc1", "sohae-lc2")
DOG_LEG_NOTE = {
    "2023-11-21-malligyong-1": (
        "Seradata reports a 'double dog leg' trajectory that avoided Chinese airspace; the path is "
        "drawn as straight geodesics between the announced areas, not as the turns flown."),
}


def sohae_launches(cat: Catalogue) -> list[str]:
    """Ids of the launches from Sohae and its pads, by id."""
    return sorted(rid for rid, event in cat.events.items()
                  if event.kind == "launch" and event.site in SOHAE_SITES
                  and event.version_of is None)


def launch_route(cat: Catalogue, event_id: str) -> tuple[Route, tuple[str, ...]] | None:
    """The launch's route (pad and danger areas, nearest first) and the areas' ids; None when it
    announced no area."""
    event = cat.events[event_id]
    assert event.site is not None
    site = cat.sites[event.site]
    areas = {zone.id: cat.zone_geometry[zone.id]
             for zone in cat.zones_of(event_id, "danger_area", versions=False)}
    if not areas:
        return None
    pad = (site.lon, site.lat)
    order = flight_order(pad, areas)
    return Route(pad, tuple(areas[zid] for zid in order)), tuple(order)


def track_features(cat: Catalogue) -> list[dict[str, Any]]:
    """The flight-path feature of every launch from Sohae that has announced areas."""
    out = []
    for event_id in sohae_launches(cat):
        found = launch_route(cat, event_id)
        if found is not None:
            out.append(_track(cat, event_id, *found))
    return out


def fall_place(cat: Catalogue, model: FallModel | None) -> tuple[float, float] | None:
    """The centre of the zone where the sources put the fall, if the model names one."""
    if model is None or model.fell_in is None:
        return None
    point = cat.zone_geometry[model.fell_in].centroid
    return float(point.x), float(point.y)


def _track(cat: Catalogue, event_id: str, route: Route, area_ids: tuple[str, ...]) -> dict[str, Any]:
    event = cat.events[event_id]
    model = cat.models.get(event_id)
    points = path_points(route, fall_place(cat, model))
    azimuth = route.azimuth_deg
    assert event.site is not None
    return feature(TRACKS, f"{event_id}-flight-path", LineString(points), {
        "name": f"{event.name}: flight path (derived)",
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
    event = cat.events[event_id]
    if model is not None:
        reason = model.ending
    elif event.outcome == "success":
        reason = "reached orbit; the path ends where it leaves the last announced area"
    else:
        reason = "failed; no fall position is in the catalogue, so the path runs through every area"
    if model is not None and model.fell_in is not None:
        reason += ("; the path ends at its point nearest to the centre of: "
                   f"{cat.zones[model.fell_in].name}")
    return reason


def _note(cat: Catalogue, event_id: str, area_ids: tuple[str, ...], points: list[Any]) -> str:
    event = cat.events[event_id]
    assert event.site is not None
    site = cat.sites[event.site]
    names = ", ".join(cat.zones[zid].name for zid in area_ids)
    text = (f"Geodesic (WGS84) from {site.name} to the centres of the announced danger areas "
            f"in flight order ({names}), with a point every 5 km. The launch "
            f"azimuth is the bearing from the pad to the centre of the first area. Turns are drawn "
            "at the areas' centres, not where the rocket turned.")
    if site.kind == "launch_site":
        text += " The sources do not settle the pad, so the path starts at the site's position."
    text += " " + DOG_LEG_NOTE.get(event_id, "")
    for name, km, at_km in mainland_crossings(points):
        if at_km > PAD_ALLOWANCE_KM:
            text += (f" It crosses {name} for {km:.1f} km, {at_km:.0f} km from the pad, where a "
                     "rocket is already tens of km up.")
    return " ".join(text.split())


def _sources(cat: Catalogue, event_id: str, area_ids: tuple[str, ...],
             model: FallModel | None) -> list[dict[str, str]]:
    citations = list(cat.events[event_id].sources)
    for zid in area_ids:
        citations.extend(cat.zones[zid].sources)
    if model is not None:
        citations.extend(model.sources)
    seen: set[str] = set()
    unique = []
    for citation in citations:
        if citation.source not in seen:
            seen.add(citation.source)
            unique.append(citation)
    return cited_sources(cat, unique)
