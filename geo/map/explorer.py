"""make_map: the explorer — an offline folium map of the layers, with its panels and timeline.

The same page is the app's map (served by the app, in a frame) and the offline HTML download
(every file inlined). What a user does in it happens in the browser (geo/map/static/geo).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import folium
import xyzservices.providers as xyz

from ..geojson import read_geometry
from ..i18n.catalogue import LANGUAGES
from ..layers import registry
from ..layers.spec import LayerSpec
from . import basemap, controls
from .assets import STATIC_URL, localise
from .featurelayer import FeatureLayer
from .ui import TITLE, ExplorerUI

Features = list[dict[str, Any]]
DEFAULT_CENTER = (38.5, 126.5)
DEFAULT_ZOOM = 5


def _tiles(m: folium.Map) -> dict[str, folium.TileLayer]:
    """Online basemaps, offered in the explorer's layer control; the offline map is the default."""
    osm = xyz.OpenStreetMap.Mapnik
    imagery = xyz.Esri.WorldImagery
    out = {
        "osm": folium.TileLayer(osm.build_url(), attr=osm.html_attribution,
                                name="OpenStreetMap (online)", overlay=False, show=False,
                                control=False, max_zoom=19),
        "esri": folium.TileLayer(imagery.build_url(), attr=imagery.html_attribution,
                                 name="Satellite imagery, Esri (online)", overlay=False,
                                 show=False, control=False, max_zoom=18),
    }
    for tile in out.values():
        tile.add_to(m)
    return out


def wanted_fields(specs: Any) -> dict[str, set[str]]:
    """For each layer, the fields that popups of other layers list of its features."""
    wanted: dict[str, set[str]] = {}
    for spec in specs:
        for layer, via, shown in spec.popup.related():
            wanted.setdefault(layer, set()).update((via, *shown))
    return wanted


def home_bounds(layers: Mapping[str, Features]) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the registry's home features among layers; None when
    there are none (a map of the user's data alone opens on all of it)."""
    boxes = [read_geometry(item["geometry"]).bounds
             for name, kinds in registry.HOME.items() for item in layers.get(name, ())
             if item["properties"].get("kind") in kinds]
    if not boxes:
        return None
    west, south, east, north = zip(*boxes, strict=True)
    return [[min(south), min(west)], [max(north), max(east)]]


def make_map(
    layers: Mapping[str, Features],
    *,
    specs: Mapping[str, LayerSpec] | None = None,
    initial: Mapping[str, str] | None = None,
    made: str | None = None,
    download: str | None = None,
    tools: str | None = None,
    title: str = TITLE,
    static_url: str | None = STATIC_URL,
    languages: tuple[str, ...] = LANGUAGES,
) -> folium.Map:
    """The explorer: the layers on an offline basemap, with the layers and legend control, the
    timeline, the side panel for details, and the measuring tool.

    layers: features by layer name (built-in or user layer key). specs: the spec of a layer when
    not the registry's (user layers carry their titles). initial: the view as permalink
    parameters (event, from, to, layers, lat, lon, z) for a page that stands alone; in the app
    the page's own URL gives it. made: the date a standalone page was made (shown in it).
    download: where the app serves downloads of what is shown (None: no download menu).
    tools: where the app serves its tools (your data, notices, analysis), shown in a panel of
    this page (the app's front page); None: the explorer alone.
    static_url: where the vendored files are served (None: leave folium's).
    languages: the languages the page can show (the first screen's is the link's `lang`; an
    offline page carries only its own, and English, so it inlines no other script's fonts).
    """
    chosen = {name: (specs or {}).get(name) or registry.spec_of(name) for name in layers}
    m = folium.Map(location=DEFAULT_CENTER, zoom_start=DEFAULT_ZOOM, tiles=None, prefer_canvas=True,
                   control_scale=True, trackResize=True)
    root: Any = m.get_root()  # a branca Figure
    root.title = html.escape(title)  # the page's tab; a title can be the user's text
    # jQuery serves only folium.Popup, which this map does not use: one script less to load.
    m.default_js = [(name, url) for name, url in m.default_js if name != "jquery"]
    basemap.add_basemap(m)
    tiles = _tiles(m)
    wanted = wanted_fields(chosen.values())
    for name in sorted(layers, key=lambda n: (chosen[n].draw_order, n)):
        FeatureLayer(layers[name], chosen[name], show=chosen[name].visible,
                     wanted=wanted.get(name, ())).add_to(m)
    controls.MeasureControl(position="topleft", primary_length_unit="kilometers",
                            secondary_length_unit="miles", primary_area_unit="sqkilometers").add_to(m)
    ExplorerUI(tiles=tiles, initial=initial, made=made, download=download, tools=tools, title=title,
               home=home_bounds(layers), languages=languages).add_to(m)
    if static_url is not None:
        localise(m, static_url)
    return m
