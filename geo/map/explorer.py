"""make_map: the explorer's Folium map, built from layer features and their specs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

import folium
import folium.plugins
import xyzservices.providers as xyz
from shapely.geometry import shape

from ..layers import registry
from ..layers.spec import LayerSpec, Style
from . import basemap, controls
from .assets import STATIC_URL, localise
from .featurelayer import FeatureLayer
from .legend import Legend
from .urlsync import UrlSync

Features = list[dict[str, Any]]
DEFAULT_CENTER = (38.5, 126.5)
DEFAULT_ZOOM = 5
HIGHLIGHT = {"color": "#ffd700", "weight": 4, "radius": 11}


def _add_tiles(m: folium.Map) -> None:
    """Online basemaps as extra choices; the offline Natural Earth map stays the default."""
    folium.FeatureGroup(name="Natural Earth (offline)", overlay=False).add_to(m)
    osm = xyz.OpenStreetMap.Mapnik
    folium.TileLayer(osm.build_url(), attr=osm.html_attribution, name="OpenStreetMap (online)",
                     overlay=False, show=False, max_zoom=19).add_to(m)
    imagery = xyz.Esri.WorldImagery
    folium.TileLayer(imagery.build_url(), attr=imagery.html_attribution,
                     name="Satellite imagery, Esri (online)", overlay=False, show=False,
                     max_zoom=18).add_to(m)


def wanted_fields(specs: Iterable[LayerSpec]) -> dict[str, set[str]]:
    """For each layer, the fields that popups of other layers list of its features."""
    wanted: dict[str, set[str]] = {}
    for spec in specs:
        for layer, via, shown in spec.popup.related():
            wanted.setdefault(layer, set()).update((via, *shown))
    return wanted


def make_map(
    layers: Mapping[str, Features],
    *,
    specs: Mapping[str, LayerSpec] | None = None,
    selected: str | None = None,
    visible: Iterable[str] | None = None,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    static_url: str | None = STATIC_URL,
    url_sync: bool = False,
) -> folium.Map:
    """The explorer map: offline basemap, layers with popups and a legend, measure, fullscreen.

    layers: features by layer name (built-in or user layer key), already filtered. specs:
    the spec of a layer when not the registry's (user layers carry their titles). selected:
    an event, zone or site id to focus and open. visible: the layers switched on (default:
    all). static_url: where the vendored assets are served (None: leave folium's). url_sync:
    keep the view in the page's URL as the map moves (for permalinks).
    """
    chosen = {name: (specs or {}).get(name) or registry.spec_of(name) for name in layers}
    shown = set(visible) if visible is not None else None
    focus = _find(layers, chosen, selected) if selected else None
    view_given = center is not None
    if focus is not None and center is None:
        center = _center_of(focus[1])
        zoom = zoom or 7
    m = folium.Map(location=center or DEFAULT_CENTER, zoom_start=zoom or DEFAULT_ZOOM,
                   tiles=None, prefer_canvas=True, control_scale=True)
    # jQuery serves only folium.Popup, which this map does not use: one script less to load.
    m.default_js = [(name, url) for name, url in m.default_js if name != "jquery"]
    if center is None:
        bounds = _bounds(layers)
        if bounds is not None and bounds[0] != bounds[1]:  # a single spot has no extent to fit
            fit = folium.map.FitBounds(bounds, padding=(10, 10))
            fit.options["animate"] = False  # else the map pans across once it has drawn
            m.add_child(fit)
        elif bounds is not None:
            m.location = bounds[0]
    basemap.add_basemap(m)
    _add_tiles(m)
    wanted = wanted_fields(chosen.values())
    for name in sorted(layers, key=lambda n: (chosen[n].draw_order, n)):
        FeatureLayer(layers[name], chosen[name], show=shown is None or name in shown,
                     wanted=wanted.get(name, ())).add_to(m)
    if focus is not None:
        spec, item = focus
        style = Style(dict(spec.style.resolve(item["properties"]), **HIGHLIGHT))
        highlight = replace(spec, title="Selected", style=style)
        FeatureLayer([item], highlight, control=False, open_popup=True, auto_pan=not view_given,
                     wanted=wanted.get(spec.name, ())).add_to(m)
    controls.Fullscreen(position="topleft").add_to(m)
    controls.MeasureControl(position="topleft", primary_length_unit="kilometers",
                            secondary_length_unit="miles", primary_area_unit="sqkilometers").add_to(m)
    Legend(chosen[name] for name in layers).add_to(m)
    if url_sync:
        UrlSync().add_to(m)
    controls.LayerControl(collapsed=False).add_to(m)
    if static_url is not None:
        localise(m, static_url)
    return m


def _find(layers: Mapping[str, Features], specs: Mapping[str, LayerSpec], fid: str | None
          ) -> tuple[LayerSpec, dict[str, Any]] | None:
    """The feature of that id, searched in the built-in layers (events first)."""
    order = [registry.EVENTS.name, registry.ZONES.name, registry.SITES.name]
    for name in order:
        for item in layers.get(name, []):
            if item["id"] == fid:
                return specs[name], item
    return None


def _bounds(layers: Mapping[str, Features]) -> list[list[float]] | None:
    """[[south, west], [north, east]] of every feature, or None when there is none."""
    west = south = float("inf")
    east = north = float("-inf")
    for features in layers.values():
        for item in features:
            for lon, lat in _positions(item["geometry"]["coordinates"]):
                west, east = min(west, lon), max(east, lon)
                south, north = min(south, lat), max(north, lat)
    return None if west == float("inf") else [[south, west], [north, east]]


def _positions(coordinates: Any) -> Iterable[tuple[float, float]]:
    """Every (lon, lat) of a GeoJSON coordinates array, however deeply nested."""
    if coordinates and isinstance(coordinates[0], int | float):
        yield coordinates[0], coordinates[1]
    else:
        for part in coordinates or ():
            yield from _positions(part)


def _center_of(item: dict[str, Any]) -> tuple[float, float]:
    point = shape(item["geometry"]).representative_point()
    return (point.y, point.x)
