"""Flight paths of the launches from Sohae: geodesics from the pad through the announced areas."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from shapely.geometry import LineString, Point, shape
from shapely.geometry.base import BaseGeometry

from . import geojson
from .catalogue import Catalogue
from .geodesy import WGS84, distance_azimuth
from .land import load_basemap
from .layers import cited_sources
from .model import SOHAE_SITES, Model

STEP_M = 5_000.0  # spacing of the points along a path
EXIT_STEP_M = 1_000.0  # step used to find where a path leaves its last area
MAX_EXIT_M = 1_000_000.0
PAD_ALLOWANCE_M = 10_000.0  # a coastal pad: the first few km may be over land
MAINLAND_KM2 = 10_000.0  # land parts this big count as mainland (or a large island)
DOG_LEG_NOTE = {
    "2023-11-21-malligyong-1": (
        "Seradata reports a 'double dog leg' trajectory that avoided Chinese airspace; the path is "
        "drawn as straight geodesics between the announced areas, not as the turns flown."),
}

LonLat = tuple[float, float]


@dataclass(frozen=True)
class Plan:
    """What the path of one launch is built from: its pad and its announced areas in order."""

    event_id: str
    pad_id: str
    pad: LonLat
    area_ids: tuple[str, ...]
    centres: tuple[LonLat, ...]

    @property
    def azimuth_deg(self) -> float:
        """Launch azimuth: the bearing from the pad to the centre of the first announced area."""
        return distance_azimuth(*self.pad, *self.centres[0])[1]

    def azimuth_span(self, cat: Catalogue) -> tuple[float, float]:
        """Lowest and highest bearing from the pad to the first area's outline."""
        outline = _outline(cat.zone_geometry[self.area_ids[0]])
        bearings = [distance_azimuth(*self.pad, lon, lat)[1] for lon, lat in outline]
        centre = self.azimuth_deg
        offsets = [(b - centre + 180.0) % 360.0 - 180.0 for b in bearings]
        return centre + min(offsets), centre + max(offsets)

    def first_area_km(self) -> float:
        """Ground distance from the pad to the centre of the first area, in km."""
        return distance_azimuth(*self.pad, *self.centres[0])[0] / 1000.0


def inclination_deg(latitude_deg: float, azimuth_deg: float) -> float:
    """Orbit inclination reached by flying azimuth A from latitude φ: cos i = cos φ · sin A."""
    cos_i = math.cos(math.radians(latitude_deg)) * math.sin(math.radians(azimuth_deg))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos_i))))


def sohae_launches(cat: Catalogue) -> list[str]:
    """Ids of the launches from Sohae and its pads, by id."""
    return sorted(rid for rid, event in cat.events.items()
                  if event["kind"] == "launch" and event.get("site") in SOHAE_SITES)


def plan(cat: Catalogue, event_id: str) -> Plan | None:
    """The launch's pad and danger areas, nearest first; None when it has no announced area."""
    event = cat.events[event_id]
    site = cat.sites[event["site"]]
    pad = (site["lon"], site["lat"])
    areas = [zid for zid, zone in cat.zones.items()
             if zone["event_id"] == event_id and zone["kind"] == "danger_area"]
    if not areas:
        return None
    centres = {zid: _centre(cat.zone_geometry[zid]) for zid in areas}
    areas.sort(key=lambda zid: (distance_azimuth(*pad, *centres[zid])[0], zid))
    return Plan(event_id, site["id"], pad, tuple(areas), tuple(centres[z] for z in areas))


def track_features(cat: Catalogue, model: Model) -> list[dict[str, Any]]:
    """The flight-path feature of every launch from Sohae that has announced areas."""
    out = []
    for event_id in sohae_launches(cat):
        launch = plan(cat, event_id)
        if launch is not None:
            out.append(track_feature(cat, model, launch))
    return out


def track_feature(cat: Catalogue, model: Model, launch: Plan) -> dict[str, Any]:
    """One launch's derived flight path as a GeoJSON Feature."""
    event = cat.events[launch.event_id]
    record = model.get(launch.event_id, {})
    points = path_points(cat, launch, record.get("fell_in"))
    line = LineString(points)
    length_km = _length_km(points)
    azimuth = launch.azimuth_deg
    props = {
        "name": f"{event['name']}: flight path (derived)",
        "kind": "flight_path",
        "event_id": launch.event_id,
        "event_name": event["name"],
        "outcome": event["outcome"],
        "site_id": launch.pad_id,
        "azimuth_deg": round(azimuth, 1),
        "inclination_deg": round(inclination_deg(launch.pad[1], azimuth), 1),
        "length_km": round(length_km),
        "zone_ids": list(launch.area_ids),
        "end_reason": _end_reason(cat, launch, record),
        "geometry_method": "derived",
        "geometry_note": _note(cat, launch, points),
        "confidence": "low",
        "sources": _sources(cat, launch, record),
    }
    return geojson.feature(f"{launch.event_id}-flight-path", line, props)


def path_points(cat: Catalogue, launch: Plan, fell_in: str | None = None) -> list[LonLat]:
    """Points every few km along the path: through every area, or cut where the flight came down."""
    nodes = [launch.pad, *launch.centres]
    if fell_in is None:
        nodes.append(_exit_point(cat.zone_geometry[launch.area_ids[-1]], nodes[-2], nodes[-1]))
    points = _densify(nodes)
    if fell_in is None:
        return points
    target = _centre(cat.zone_geometry[fell_in])
    lons, lats = np.array([p[0] for p in points]), np.array([p[1] for p in points])
    _, _, dist = WGS84.inv(lons, lats, np.full(len(points), target[0]), np.full(len(points), target[1]))
    end = max(int(np.argmin(dist)), 1)
    return points[: end + 1]


def mainland_crossings(points: list[LonLat]) -> list[tuple[str, float, float]]:
    """(country, km over land, km from the pad) for each stretch of large land the path crosses."""
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


def _centre(geometry: BaseGeometry) -> LonLat:
    point = geometry.centroid
    return float(point.x), float(point.y)


def _outline(geometry: BaseGeometry) -> list[LonLat]:
    polygons = getattr(geometry, "geoms", [geometry])
    return [(float(x), float(y)) for polygon in polygons for x, y in polygon.exterior.coords]


def _densify(nodes: list[LonLat]) -> list[LonLat]:
    points = [nodes[0]]
    for (lon1, lat1), (lon2, lat2) in zip(nodes, nodes[1:], strict=False):
        dist, _ = distance_azimuth(lon1, lat1, lon2, lat2)
        count = max(int(math.ceil(dist / STEP_M)) - 1, 0)
        points.extend((float(x), float(y)) for x, y in WGS84.npts(lon1, lat1, lon2, lat2, count))
        points.append((lon2, lat2))
    return points


def _exit_point(area: BaseGeometry, before: LonLat, centre: LonLat) -> LonLat:
    """Where the geodesic from before through centre leaves the area."""
    _, back, _ = WGS84.inv(before[0], before[1], centre[0], centre[1])
    steps = int(MAX_EXIT_M / EXIT_STEP_M)
    path = WGS84.fwd_intermediate(centre[0], centre[1], back + 180.0, npts=steps,
                                  del_s=EXIT_STEP_M, return_back_azimuth=True)
    last = centre
    for lon, lat in zip(path.lons, path.lats, strict=True):
        if not area.covers(Point(lon, lat)):
            break
        last = (float(lon), float(lat))
    return last


def _leg_lengths(points: list[LonLat]) -> list[float]:
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    _, _, dist = WGS84.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    return [float(d) for d in dist]


def _length_km(points: list[LonLat]) -> float:
    return sum(_leg_lengths(points)) / 1000.0


def _end_reason(cat: Catalogue, launch: Plan, record: dict[str, Any]) -> str:
    event = cat.events[launch.event_id]
    if "ending" in record:
        reason = str(record["ending"])
    elif event["outcome"] == "success":
        reason = "reached orbit; the path ends where it leaves the last announced area"
    else:
        reason = "failed; no fall position is in the catalogue, so the path runs through every area"
    if record.get("fell_in"):
        zone = cat.zones[record["fell_in"]]
        reason += f"; the path ends at its point nearest to the centre of: {zone['name']}"
    return reason


def _note(cat: Catalogue, launch: Plan, points: list[LonLat]) -> str:
    site = cat.sites[launch.pad_id]
    names = ", ".join(cat.zones[zid]["name"] for zid in launch.area_ids)
    text = (f"Geodesic (WGS84) from {site['name']} to the centres of the announced danger areas "
            f"in flight order ({names}), with a point every {STEP_M / 1000:g} km. The launch "
            f"azimuth is the bearing from the pad to the centre of the first area. Turns are drawn "
            "at the areas' centres, not where the rocket turned.")
    if site["kind"] == "launch_site":
        text += " The sources do not settle the pad, so the path starts at the site's position."
    text += " " + DOG_LEG_NOTE.get(launch.event_id, "")
    for name, km, at_km in mainland_crossings(points):
        if at_km > PAD_ALLOWANCE_M / 1000:
            text += (f" It crosses {name} for {km:.1f} km, {at_km:.0f} km from the pad, where a "
                     "rocket is already tens of km up.")
    return " ".join(text.split())


def _sources(cat: Catalogue, launch: Plan, record: dict[str, Any]) -> list[dict[str, str]]:
    citations = list(cat.events[launch.event_id]["sources"])
    for zid in launch.area_ids:
        citations.extend(cat.zones[zid]["sources"])
    citations.extend(record.get("sources", []))
    seen: set[str] = set()
    unique = []
    for citation in citations:
        if citation["source"] not in seen:
            seen.add(citation["source"])
            unique.append(citation)
    return cited_sources(cat, unique)
