"""What belongs to a chosen event, and which of it is near enough to frame.

The same rules as the explorer's (focusSet and eventView in geo/map/static/geo/explorer/focus.js):
an event is itself, its site, and every feature of a layer that follows the events layer and
names it; its view frames the parts within NEAR_KM of the event's place, the ones far away (a
second-stage area 2,000 km off) are left out of the frame rather than shrinking it to the ocean.
"""

from __future__ import annotations

from typing import Any

from pyproj import Geod
from shapely.geometry import shape

from . import registry

Layers = dict[str, list[dict[str, Any]]]
Bounds = tuple[float, float, float, float]  # lon min, lat min, lon max, lat max
NEAR_KM = 900.0
_GEOD = Geod(ellps="WGS84")


def event_feature(layers: Layers, event_id: str) -> dict[str, Any] | None:
    """The event of that id in the events layer, or None."""
    return next((f for f in layers.get(registry.EVENTS.name, []) if str(f.get("id")) == event_id), None)


def focus_set(layers: Layers, event_id: str) -> Layers:
    """The features of each layer that belong to the event (layers without any are left out)."""
    event = event_feature(layers, event_id)
    if event is None:
        return {}
    out: Layers = {registry.EVENTS.name: [event]}
    site_id = (event.get("properties") or {}).get("site_id")
    site = next((f for f in layers.get(registry.SITES.name, []) if site_id and f.get("id") == site_id), None)
    if site is not None:
        out[registry.SITES.name] = [site]
    for name, features in layers.items():
        follows = registry.spec_of(name).follows
        if not follows or follows[0] != registry.EVENTS.name:
            continue
        kept = [f for f in features if (f.get("properties") or {}).get(follows[1]) == event_id]
        if kept:
            out[name] = kept
    return out


def bounds_of(features: list[dict[str, Any]]) -> Bounds | None:
    """The lon/lat bounds of some features, or None when none has a geometry."""
    boxes = [shape(f["geometry"]).bounds for f in features if f.get("geometry")]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _reach_km(origin: tuple[float, float], box: Bounds) -> float:
    corners = [(box[0], box[1]), (box[2], box[3]), (box[2], box[1]), (box[0], box[3])]
    return max(_GEOD.inv(origin[0], origin[1], lon, lat)[2] for lon, lat in corners) / 1000.0


def event_bounds(layers: Layers, event_id: str) -> Bounds | None:
    """The frame of an event's view: its parts within NEAR_KM of the event, or all of them."""
    parts = focus_set(layers, event_id)
    event = event_feature(layers, event_id)
    everything = [f for features in parts.values() for f in features]
    if event is None or not event.get("geometry"):
        return bounds_of(everything)
    anchor = bounds_of([event])
    assert anchor is not None
    origin = ((anchor[0] + anchor[2]) / 2, (anchor[1] + anchor[3]) / 2)
    near = [f for f in everything if f.get("geometry")
            and _reach_km(origin, shape(f["geometry"]).bounds) <= NEAR_KM]
    return bounds_of(near) or bounds_of(everything)
