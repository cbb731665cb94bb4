"""The features of a view: the layers shown, the date range and the event, as the map chooses
them (geo.layers.filters, geo.layers.focus), and of those the ones inside the frame."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

from ..errors import GeoError
from ..layers import registry
from ..layers.filters import catalogue_range, filter_layers
from ..layers.focus import bounds_of, event_bounds, event_feature, focus_set
from ..map.explorer import home_bounds
from .view import Bounds, FigureView

Layers = dict[str, list[dict[str, Any]]]
MARGIN = 0.12  # of the frame's size, on each side: nothing drawn touches the edge
MIN_SPAN_DEG = 1.0  # a frame of one point gets this much around it


@dataclass(frozen=True)
class Selection:
    """What a figure draws: the features by layer (in the registry's order) and the frame.
    outside: features of the view left out of the frame, by layer (named in the figure)."""

    layers: Layers
    bbox: Bounds
    event: dict[str, Any] | None
    outside: Layers


def framed(selection: Selection, seen: BaseGeometry) -> Selection:
    """The selection with the features that lie in seen (the map's whole visible area, in lon/lat)
    inside, the others outside."""
    every = {name: [*selection.layers.get(name, []), *selection.outside.get(name, [])]
             for name in dict.fromkeys([*selection.layers, *selection.outside])}
    inside = {name: [f for f in features if shape(f["geometry"]).intersects(seen)]
              for name, features in every.items()}
    outside = {name: [f for f in features if f not in inside[name]] for name, features in every.items()}
    west, south, east, north = seen.bounds
    return Selection(inside, (west, south, east, north), selection.event,
                     {k: v for k, v in outside.items() if v})


def default_layers(available: Layers) -> tuple[str, ...]:
    """The layers the map shows at first: the built-in ones visible by default, and the rest."""
    return tuple(name for name in available
                 if not registry.is_builtin(name) or registry.spec_of(name).visible)


def select(available: Layers, view: FigureView) -> Selection:
    """The features of the view; GeoError naming what is wrong (unknown event or layer, nothing left)."""
    names = view.layers if view.layers is not None else default_layers(available)
    if not names:
        raise GeoError("no layer is shown: switch at least one layer on to draw a figure of it")
    unknown = [name for name in names if name not in available]
    if unknown:
        raise GeoError(f"no layer {unknown[0]!r}: choose from {', '.join(available)}")
    if view.event is not None and event_feature(available, view.event) is None:
        raise GeoError(f"no event {view.event!r} in the catalogue (see the events layer's ids)")
    full = catalogue_range(available)
    dated = filter_layers(available, view.start, view.end, full)
    event = event_feature(available, view.event) if view.event else None
    if view.event is not None:
        if event is not None and event not in dated.get(registry.EVENTS.name, []):
            raise GeoError(f"event {view.event!r} ({event['properties'].get('date')}) is outside "
                           f"the dates {view.start or full[0]} to {view.end or full[1]}")
        dated = focus_set(dated, view.event)
    shown = {name: dated.get(name, []) for name in available if name in names}
    frame = view.bbox or _frame(shown, available, view)
    area = box(*frame)
    inside = {name: [f for f in features if f.get("geometry") and shape(f["geometry"]).intersects(area)]
              for name, features in shown.items()}
    outside = {name: [f for f in features if f not in inside[name]] for name, features in shown.items()}
    if not any(inside.values()):
        raise GeoError("nothing of the view is inside the frame: widen the bbox or the dates, or "
                       "switch more layers on")
    return Selection(inside, frame, event, {k: v for k, v in outside.items() if v})


def _frame(shown: Layers, available: Layers, view: FigureView) -> Bounds:
    if view.event is not None:  # the event's own place anchors the frame, even with its layer off
        found = event_bounds({**shown, registry.EVENTS.name: available[registry.EVENTS.name]}, view.event)
    else:  # the map's first view: the launch sites and where debris came down (its HOME rule)
        home = home_bounds(available)
        found = (home[0][1], home[0][0], home[1][1], home[1][0]) if home else \
            bounds_of([f for features in shown.values() for f in features])
    if found is None:
        raise GeoError("nothing is shown in this view: switch at least one layer on")
    return padded(found)


def padded(bounds: Bounds) -> Bounds:
    """The bounds with a margin on each side (and at least MIN_SPAN_DEG across), on the globe."""
    west, south, east, north = bounds
    dx, dy = max(east - west, MIN_SPAN_DEG), max(north - south, MIN_SPAN_DEG)
    cx, cy = (west + east) / 2, (south + north) / 2
    half_x, half_y = dx * (0.5 + MARGIN), dy * (0.5 + MARGIN)
    return (max(cx - half_x, -180.0), max(cy - half_y, -89.0),
            min(cx + half_x, 180.0), min(cy + half_y, 89.0))
