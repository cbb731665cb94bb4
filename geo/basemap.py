"""Offline vector basemap (Natural Earth land and borders of East Asia) for folium maps.

The data file is made by scripts/make_basemap.py and covers lon 100..150 E, lat 10..60 N.
"""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

import folium
import folium.plugins
import shapely
from branca.element import MacroElement
from folium.template import Template
from shapely.geometry import mapping

from geo.land import land, load_basemap

LAYER_NAME = "Basemap (Natural Earth, offline)"
PANE = "basemap"
PANE_Z_INDEX = 150  # below Leaflet's tilePane (200): online tiles, when they load, cover it
LAND_COLOUR = "#efe9dc"
SEA_COLOUR = "#cfe3ef"
BORDER_COLOUR = "#8c8c8c"
LAND_STYLE = {"fillColor": LAND_COLOUR, "fillOpacity": 1, "color": LAND_COLOUR, "weight": 1}
BORDER_STYLE = {"color": BORDER_COLOUR, "weight": 1, "dashArray": "4 3", "fill": False}
MINIMAP_TOLERANCE = 0.05  # degrees; the minimap shows a coarser copy of the land


def add_basemap(m: folium.Map) -> None:
    """Add the basemap below everything else: land fill, dashed borders, sea as background."""
    if any(getattr(c, "layer_name", None) == LAYER_NAME for c in m._children.values()):
        return
    folium.map.CustomPane(PANE, z_index=PANE_Z_INDEX, pointer_events=False).add_to(m)
    folium.GeoJson(
        _styled_basemap(),
        name=LAYER_NAME,
        control=False,
        pane=PANE,
        interactive=False,
        attribution="Natural Earth",
    ).add_to(m)
    m.add_child(SeaBackground())


def _features(kind: str) -> list[dict[str, Any]]:
    """The basemap's features of one kind ('land' or 'border')."""
    return [f for f in load_basemap()["features"] if f["properties"]["kind"] == kind]


@functools.lru_cache(maxsize=1)
def _styled_basemap() -> dict[str, Any]:
    """A copy of the basemap whose features carry their Leaflet style."""
    data = copy.deepcopy(load_basemap())
    for feature in data["features"]:
        land_kind = feature["properties"]["kind"] == "land"
        feature["properties"]["style"] = LAND_STYLE if land_kind else BORDER_STYLE
    return data


class SeaBackground(MacroElement):
    """CSS that paints the map's background (the sea) light blue."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>
                #{{ this._parent.get_name() }}.leaflet-container,
                .leaflet-control-minimap.leaflet-container { background: {{ this.colour }}; }
            </style>
        {% endmacro %}
        """
    )

    def __init__(self, colour: str = SEA_COLOUR) -> None:
        super().__init__()
        self._name = "SeaBackground"
        self.colour = colour


class OfflineMiniMap(folium.plugins.MiniMap):
    """A folium MiniMap that shows a coarse copy of the offline land instead of web tiles."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }}_land = L.geoJson({{ this.land|tojson }}, {
                style: {{ this.land_style|tojson }}, interactive: false
            });
            var {{ this.get_name() }} = new L.Control.MiniMap(
                {{ this.get_name() }}_land,
                {{ this.options|tojavascript }}
            );
            {{ this._parent.get_name() }}.addControl({{ this.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, zoom_level_offset: int = -3, **kwargs: Any) -> None:
        super().__init__(zoom_level_offset=zoom_level_offset, **kwargs)
        self.land = _coarse_land()
        self.land_style = {**LAND_STYLE, "weight": 0.5}


@functools.cache
def _coarse_land_cached() -> str:
    """The land, simplified for the minimap, as GeoJSON text (cached)."""
    coarse = land().simplify(MINIMAP_TOLERANCE, preserve_topology=True)
    coarse = shapely.set_precision(coarse, 0.001)
    return json.dumps({"type": "Feature", "properties": {}, "geometry": mapping(coarse)})


def _coarse_land() -> dict[str, Any]:
    """A fresh copy of the minimap's land feature."""
    data: dict[str, Any] = json.loads(_coarse_land_cached())
    return data
