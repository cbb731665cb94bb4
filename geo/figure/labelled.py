"""What the map names: the features that matter (the pad, the areas, where debris fell, the
path), and the places in view (cities with a dot, seas), each to be placed by geo.figure.labels."""

from __future__ import annotations

import textwrap
from typing import Any

from matplotlib.lines import Line2D
from shapely.geometry import Point, shape

from ..layers import registry
from ..map.places import places
from . import names
from .decor import INK
from .draw import GEODETIC, PX, add_group
from .labels import LabelItem
from .projection import Fitted
from .selection import Selection

LABEL_BOX = {"boxstyle": "round,pad=0.18", "facecolor": "white", "alpha": 0.8, "edgecolor": "none"}
MAX_PLACES = 14


def anchor(fitted: Fitted, lon: float, lat: float) -> tuple[float, float]:
    """Where a lon/lat stands on the map, in its projection's metres."""
    x, y = fitted.crs.transform_point(lon, lat, GEODETIC)
    return float(x), float(y)


def size_px(ax: Any, fitted: Fitted, geom: Any) -> tuple[float, float]:
    """An area's width and height on the figure, in pixels."""
    projected = fitted.crs.project_geometry(geom, GEODETIC)
    if projected.is_empty:
        return (0.0, 0.0)
    x0, y0, x1, y1 = projected.bounds
    (a, b), (c, d) = ax.transData.transform([(x0, y0), (x1, y1)])
    return (abs(c - a), abs(d - b))


def feature_labels(ax: Any, selection: Selection, fitted: Fitted, lang: str, size: float) -> list[LabelItem]:
    """The labels of the drawn features that matter, most important first: each at its point, at
    a point inside the part of its area in view, or along its path (a short path is left to the
    legend)."""
    frame = fitted.seen()
    frame_px = ax.get_window_extent()
    items = []

    def needed(feature: dict[str, Any]) -> bool:  # the event's parts, and the launch sites
        return selection.event is not None or _label_rank(feature) < 1

    order = (registry.SITES.name, registry.ZONES.name, registry.TRACKS.name, registry.FOOTPRINTS.name,
             registry.SCENARIOS.name)
    style = {"fontsize": size, "color": INK, "bbox": LABEL_BOX}
    for name in [*order, *[n for n in selection.layers if n not in order]]:
        for feature in sorted(selection.layers.get(name, []), key=_label_rank):
            text = names.feature_label(name, feature, lang)
            if not text or not feature.get("geometry"):
                continue
            geom = shape(feature["geometry"])
            area = geom.geom_type in ("Polygon", "MultiPolygon")
            seen = geom if geom.within(frame) else geom.intersection(frame)
            if seen.is_empty:
                continue
            if geom.geom_type == "LineString":
                reach = size_px(ax, fitted, seen)
                if max(reach) < 0.2 * max(frame_px.width, frame_px.height):
                    continue  # a short path (a launch that failed at once): the legend names it
                point = seen.interpolate(0.62, normalized=True) if seen.geom_type == "LineString" \
                    else seen.representative_point()
            else:
                point = seen.representative_point() if area else seen.centroid
            weight = "bold" if name == registry.SITES.name else "normal"
            radius = float(registry.spec_of(name).style.resolve(feature.get("properties") or {})
                           .get("radius", 3)) * PX * size / 8
            items.append(LabelItem(textwrap.fill(text, 28), *anchor(fitted, point.x, point.y), area=area,
                                   area_px=size_px(ax, fitted, seen) if area else (0.0, 0.0),
                                   required=needed(feature), gid=f"label-{feature.get('id')}",
                                   style={**style, "fontweight": weight}, clear_pt=radius + 3,
                                   narrow=textwrap.fill(text, 14)))
    return items


_SITE_RANK = {"launch_site": 0, "city": 1, "launch_pad": 2, "control_center": 3, "border_station": 3}


def _label_rank(feature: dict[str, Any]) -> int:
    """Sites by what they are (as the map ranks its labels): launch sites, then cities, then pads."""
    return _SITE_RANK.get(str((feature.get("properties") or {}).get("kind")), 5)


def place_names(selection: Selection, fitted: Fitted, lang: str, size: float,
                known: dict[str, str] | None = None) -> list[LabelItem]:
    """The names of the places in view, larger first, as many as the map's zoom rule shows for a
    frame this size; known: names in lang by English name (the catalogue's own, for its cities)."""
    west, south, east, north = selection.bbox
    seen = fitted.seen()
    span = max(east - west, north - south)
    most_zoom = 4 if span > 25 else 5 if span > 12 else 6 if span > 6 else 8
    found = [p for p in places()
             if p.get("zoom", 9) <= most_zoom and seen.contains(Point(p["lon"], p["lat"]))]
    items = []
    for place in found[:MAX_PLACES]:
        sea = place["kind"] in ("sea", "ocean", "bay", "strait")
        style = {"fontsize": size * (1.05 if sea else 1.0), "color": "#3d6f8f" if sea else "#333333",
                 "fontstyle": "italic" if sea else "normal"}
        name = (known or {}).get(str(place["name"])) or names.local_name(place, lang)
        items.append(LabelItem(name, *anchor(fitted, place["lon"], place["lat"]),
                               area=sea, gid=f"place-{place['id']}", style=style))
    return items


def city_dots(ax: Any, notes: list[Any], selection: Selection) -> None:
    """A dot at each city whose name was placed (a name whose dot would stand alone is left out)."""
    cities = {f"place-{p['id']}": p for p in places() if p["kind"] == "city"}
    dots = []
    for note in notes:
        if str(note.get_gid()) in cities:
            x, y = note.xy
            dot = Line2D([x], [y], marker="o", markersize=2.6, markerfacecolor="#333333",
                         markeredgecolor="white", markeredgewidth=0.4, linestyle="none")
            dot.set_gid(str(note.get_gid()).replace("place-", "dot-"))
            dots.append(dot)
    add_group(ax, "places", dots, 1.5)
