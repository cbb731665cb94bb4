"""A pasted notice's areas compared with the catalogue: overlaps, distances from the pads, and
the launch whose announced areas it matches best."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from ..i18n.catalogue import DEFAULT, translate
from ..layers import registry
from ..physics import geodesy

Feature = dict[str, Any]
PAD_KINDS = ("launch_pad", "launch_site")
SHOWN_OVERLAPS = 5
MATCH_IOU = 0.5  # the mean intersection over union from which areas are "the same areas"


@dataclass(frozen=True)
class Overlap:
    """How much of a pasted area an announced area of the catalogue covers."""

    zone_id: str
    name: str
    event_id: str
    share: float  # of the pasted area
    iou: float  # intersection over union


@dataclass(frozen=True)
class FromPad:
    """Distance and initial bearing from a launch pad to an area's centre."""

    site_id: str
    name: str
    distance_km: float
    bearing_deg: float


@dataclass(frozen=True)
class AreaComparison:
    """One pasted area against the catalogue."""

    feature_id: str
    name: str
    area_km2: float
    overlaps: tuple[Overlap, ...]
    pads: tuple[FromPad, ...]


@dataclass(frozen=True)
class NoticeComparison:
    """Every pasted area compared, and the launch whose areas match them best (if any overlap)."""

    areas: tuple[AreaComparison, ...]
    best_event: str | None = None
    best_event_name: str | None = None
    best_score: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        """Rows of text for the explorer's side panel."""
        best: dict[str, Any] | None = None  # a message of the catalogue: said in the explorer's language
        params = {"event": self.best_event_name, "score": f"{self.best_score:.2f}",
                  "needed": f"{MATCH_IOU:.2f}"}
        if self.best_event_name and self.best_score >= MATCH_IOU:
            best = {"key": "compare.best", "params": params}
        elif self.best_event_name:
            best = {"key": "compare.closest", "params": params}
        elif self.areas:
            best = {"key": "compare.no_area", "params": {}}
        return {"best": translate(DEFAULT, best["key"], **best["params"]) if best else None,
                "best_message": best, "areas": [{
            "name": area.name, "area": f"{area.area_km2:,.0f} km²",
            "overlaps": [{"name": o.name, "share": f"{o.share:.0%}", "iou": f"{o.iou:.2f}"}
                         for o in area.overlaps[:SHOWN_OVERLAPS]],
            "pads": [{"name": p.name, "distance": f"{p.distance_km:,.0f} km",
                      "bearing": f"{p.bearing_deg:.0f}°"} for p in area.pads],
        } for area in self.areas]}


def _area(geometry: BaseGeometry) -> float:
    return sum(geodesy.area_km2(part) for part in getattr(geometry, "geoms", [geometry]))


def compare_notice(pasted: Sequence[Feature], catalogue: Mapping[str, Sequence[Feature]]
                   ) -> NoticeComparison:
    """Each pasted area against the catalogue's announced danger areas and launch pads."""
    zones = [(f, shape(f["geometry"])) for f in catalogue.get(registry.ZONES.name, [])
             if f["properties"].get("kind") == "danger_area"]
    events = {f["id"]: f["properties"] for f in catalogue.get(registry.EVENTS.name, [])}
    pads = [f for f in catalogue.get(registry.SITES.name, [])
            if f["properties"].get("kind") in PAD_KINDS and f["properties"].get("country") == "KP"]
    areas = []
    best_by_event: dict[str, list[float]] = {}
    for item in pasted:
        geometry = shape(item["geometry"])
        size = _area(geometry)
        overlaps = []
        for zone, zone_shape in zones:
            if not geometry.intersects(zone_shape):
                continue
            inter = _area(geometry.intersection(zone_shape))
            union = size + _area(zone_shape) - inter
            props = zone["properties"]
            overlaps.append(Overlap(zone["id"], str(props.get("name")), str(props.get("event_id")),
                                    inter / size if size else 0.0, inter / union if union else 0.0))
        overlaps.sort(key=lambda o: (-o.iou, o.zone_id))
        for event_id in {o.event_id for o in overlaps}:
            best_by_event.setdefault(event_id, []).append(
                max(o.iou for o in overlaps if o.event_id == event_id))
        centre = geometry.representative_point() if not geometry.centroid.within(geometry) \
            else geometry.centroid
        from_pads = []
        for pad in pads:
            lon, lat = pad["geometry"]["coordinates"][:2]
            dist, bearing = geodesy.distance_azimuth(lon, lat, centre.x, centre.y)
            from_pads.append(FromPad(pad["id"], str(pad["properties"].get("name")), dist / 1000,
                                     bearing))
        areas.append(AreaComparison(str(item.get("id")), str(item["properties"].get("name")), size,
                                    tuple(overlaps), tuple(from_pads)))
    if not best_by_event:
        return NoticeComparison(tuple(areas))
    count = max(len(areas), 1)
    scores = {event_id: sum(values) / count for event_id, values in best_by_event.items()}
    top = max(scores.values())
    tied = sorted(event_id for event_id, score in scores.items() if top - score < 1e-9)
    names = " and ".join(str(events.get(event_id, {}).get("name", event_id)) for event_id in tied)
    return NoticeComparison(tuple(areas), tied[0], names, top)
