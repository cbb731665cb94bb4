"""Offline vector basemap (Natural Earth land and borders of East Asia) for folium maps.

The data file is made by scripts/make_basemap.py and covers lon 100..150 E, lat 10..60 N.
The browser gets it as a static script, geo/map/static/geo/basemap.js (made from the data file by
`browser_script`, cached by the browser across reruns), with a coarser copy that is drawn
below DETAIL_ZOOM: within a pixel there (south of 55°N), with 40 % fewer vertices to draw.
"""

from __future__ import annotations

import json
import re
from typing import Any

import folium
import folium.plugins
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template
from shapely.geometry import shape

from ..i18n.catalogue import DEFAULT, translate
from ..physics.land import load_basemap
from .assets import STATIC_DIR

PANE = "basemap"
PANE_Z_INDEX = 150  # below Leaflet's tilePane (200): online tiles, when they load, cover it
LAND_COLOUR = "#efe9dc"
SEA_COLOUR = "#cfe3ef"
BORDER_COLOUR = "#8c8c8c"
LAND_STYLE = {"fillColor": LAND_COLOUR, "fillOpacity": 1, "color": LAND_COLOUR, "weight": 1}
BORDER_STYLE = {"color": BORDER_COLOUR, "weight": 1, "dashArray": "4 3", "fill": False}
COARSE_TOLERANCE = 0.02  # degrees, about 2 km: within a pixel at zoom 5 south of 55°N
WORLD_TOLERANCE = 0.1  # degrees: the world outside the region is drawn from 1:110m data
DETAIL_ZOOM = 6
SCRIPT_PATH = STATIC_DIR / "geo" / "basemap.js"


def add_basemap(m: folium.Map) -> None:
    """Add the basemap below everything else: land fill, dashed borders, sea as background."""
    if any(isinstance(c, OfflineBasemap) for c in m._children.values()):
        return
    m.add_child(OfflineBasemap())
    m.add_child(SeaBackground())


class OfflineBasemap(JSCSSMixin, MacroElement):
    """The land and borders in their own pane, coarse below DETAIL_ZOOM and detailed above."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var pane = map.createPane({{ this.pane|tojson }});
            pane.style.zIndex = {{ this.z_index }};
            pane.style.pointerEvents = "none";
            geoBasemap.layer({{ this.options|tojson }}).addTo(map);
        })();
        {% endmacro %}
        """
    )
    default_js = [("geo-basemap", "geo/basemap.js"), ("geo-basemap-layer", "geo/basemap-layer.js")]

    def __init__(self) -> None:
        super().__init__()
        self._name = "OfflineBasemap"
        self.pane = PANE
        self.z_index = PANE_Z_INDEX
        self.options = {"pane": PANE, "detailZoom": DETAIL_ZOOM, "land": LAND_STYLE,
                        "border": BORDER_STYLE, "interactive": False,
                        "attribution": translate(DEFAULT, "map.attribution")}


def browser_script() -> str:
    """The text of geo/map/static/geo/basemap.js: the region's land and borders, coarse and
    detailed, and the world's coarse land and borders outside the region.

    Each ring or line is [x0, y0, dx1, dy1, ...] in 1e-5 degrees (basemap-layer.js decodes
    it); the detailed copy stays a string until the browser needs it."""
    world, coarse, detailed = (json.dumps(_browser_data(kinds, tolerance), separators=(",", ":"))
                               for kinds, tolerance in ((WORLD_KINDS, WORLD_TOLERANCE),
                                                        (REGION_KINDS, COARSE_TOLERANCE),
                                                        (REGION_KINDS, None)))
    assert re.fullmatch(r'[-0-9,\[\]{}":a-z]*', world + coarse + detailed)  # safe in '…'
    return ("/* Natural Earth land and borders (public domain) for the offline basemap.\n"
            "   Made from geo/data/basemap.geojson by scripts/make_basemap.py: do not edit. */\n"
            f"var geoBasemapData = {{world: JSON.parse('{world}'),\n  coarse: JSON.parse('{coarse}'),"
            f"\n  detailed: '{detailed}'}};\n")


REGION_KINDS = {"land": "land", "border": "border"}
WORLD_KINDS = {"world-land": "land", "world-border": "border"}


def _browser_data(kinds: dict[str, str], tolerance: float | None) -> dict[str, list[list[int]]]:
    data: dict[str, list[list[int]]] = {"land": [], "border": []}
    for feature in load_basemap()["features"]:
        kind = kinds.get(feature["properties"]["kind"])
        if kind is None:
            continue
        geom = shape(feature["geometry"])
        if tolerance is not None:
            geom = geom.simplify(tolerance, preserve_topology=True)
        for part in getattr(geom, "geoms", [geom]):
            lines = [part.exterior, *part.interiors] if kind == "land" else [part]
            data[kind] += [_delta_encoded(line.coords) for line in lines]
    return data


def _delta_encoded(coords: Any) -> list[int]:
    out: list[int] = []
    last_x = last_y = 0
    for lon, lat in coords:
        x, y = round(lon * 1e5), round(lat * 1e5)
        out += [x - last_x, y - last_y]
        last_x, last_y = x, y
    return out


class SeaBackground(MacroElement):
    """CSS that paints the map's background (the sea) light blue."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>
                #{{ this._parent.get_name() }}.leaflet-container { background: {{ this.colour }}; }
            </style>
        {% endmacro %}
        """
    )

    def __init__(self, colour: str = SEA_COLOUR) -> None:
        super().__init__()
        self._name = "SeaBackground"
        self.colour = colour
