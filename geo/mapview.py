"""make_map: the explorer's Folium map, built from layer features without Streamlit."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import folium
import folium.plugins
import xyzservices.providers as xyz
from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry import shape

from . import basemap, controls, popups, styles
from .assets import localise
from .featurelayer import FeatureLayer
from .times import event_date

Features = list[dict[str, Any]]
DEFAULT_CENTER = (38.5, 126.5)
DEFAULT_ZOOM = 5
LAYER_TITLES = {"zones": "Danger and debris zones", "events": "Events (launches, meetings)",
                "sites": "Sites", "tracks": "Flight paths (derived)"}


@dataclass(frozen=True)
class LayerSpec:
    """How one catalogue layer is drawn: its style, the keys the style reads, its popup."""

    style: Callable[[dict[str, Any]], dict[str, Any]]
    style_keys: tuple[str, ...]
    popup_kind: str | None = None
    popup: Callable[[dict[str, Any]], str] | None = None


class Legend(MacroElement):
    """A fixed legend in the map's bottom-left corner (static text only)."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="geo-legend leaflet-control">
          <b>Legend</b>
          {% for shape, colour, label in this.rows %}
          <div><span class="geo-swatch geo-{{ shape }}" style="--c: {{ colour }}"></span>{{ label|e }}</div>
          {% endfor %}
        </div>
        {% endmacro %}
        {% macro header(this, kwargs) %}
        <style>
          .geo-legend { position: absolute; bottom: 22px; right: 10px; z-index: 800;
            background: rgba(255,255,255,.9); padding: 4px 8px; border-radius: 4px;
            font: 10px/1.35 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
          .leaflet-control-layers { font-size: 12px; }
          .geo-swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px;
            vertical-align: -2px; }
          .geo-dot { border: 2px solid var(--c); border-radius: 50%; width: 9px; height: 9px; }
          .geo-disc { background: var(--c); border: 1px solid #222; border-radius: 50%;
            width: 10px; height: 10px; }
          .geo-box { background: var(--c); opacity: .6; }
          .geo-solid { border-top: 2px solid var(--c); height: 0; width: 20px; margin-bottom: 3px; }
          .geo-dashed { border-top: 2px dashed var(--c); height: 0; width: 20px; margin-bottom: 3px; }
          .geo-popup h4 { margin: 0 0 4px; font-size: 14px; }
          .geo-popup table { border-collapse: collapse; font-size: 12px; }
          .geo-popup th { text-align: left; padding-right: 8px; vertical-align: top;
            color: #555; font-weight: normal; white-space: nowrap; }
          .geo-popup pre { white-space: pre-wrap; font-size: 11px; background: #f4f4f4;
            padding: 4px; max-height: 8em; overflow: auto; }
          .geo-popup blockquote { margin: 2px 0 2px 6px; color: #444; font-style: italic; }
          .geo-sources ol { padding-left: 18px; margin: 2px 0; font-size: 12px; }
        </style>
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Legend"
        self.rows = styles.legend_entries()


class UrlSync(MacroElement):
    """Keeps lat, lon and z of the page's URL current as the map moves, without a rerun.

    The map runs in an iframe of the same origin as the page (Streamlit's component); the
    page's URL is the permalink, so the view is written there with history.replaceState.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            function sync() {
                try {
                    var page = window.parent;
                    var url = new URL(page.location.href);
                    var c = map.getCenter();
                    url.searchParams.set("lat", c.lat.toFixed(4));
                    url.searchParams.set("lon", c.lng.toFixed(4));
                    url.searchParams.set("z", String(map.getZoom()));
                    page.history.replaceState(page.history.state, "", url.toString());
                } catch (err) { /* a page of another origin: nothing to keep */ }
            }
            setTimeout(function () { map.on("moveend", sync); }, 300);
        })();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "UrlSync"


def filter_layers(layers: dict[str, Features], start: date | None, end: date | None
                  ) -> dict[str, Features]:
    """Events in [start, end] and the zones and flight paths of those events; sites stay."""
    if start is None and end is None:
        return dict(layers)
    low, high = start or date.min, end or date.max
    events = [f for f in layers.get("events", []) if low <= _feature_date(f) <= high]
    kept = {f["id"] for f in events}
    out = dict(layers)
    if "events" in layers:
        out["events"] = events
    if "zones" in layers:
        out["zones"] = [f for f in layers["zones"] if f["properties"].get("event_id") in kept]
    if "tracks" in layers:
        out["tracks"] = [f for f in layers["tracks"] if f["properties"].get("event_id") in kept]
    return out


def _feature_date(feature: dict[str, Any]) -> date:
    props = feature["properties"]
    return event_date(str(props.get("date") or props.get("time_utc")))


def _site_popups(layers: dict[str, Features]) -> Callable[[dict[str, Any]], str]:
    here: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in layers.get("events", []):
        if item["properties"].get("site_id"):
            here[item["properties"]["site_id"]].append(item["properties"])
    return lambda props: popups.site_popup(props, sorted(here[props["id"]],
                                                         key=lambda e: str(e.get("time_utc"))))


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


def make_map(
    layers: dict[str, Features],
    *,
    selected: str | None = None,
    visible: Iterable[str] | None = None,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    extra: dict[str, Features] | None = None,
    static_url: str | None = "/app/static",
    url_sync: bool = False,
) -> folium.Map:
    """The explorer map: offline basemap, layers with popups and a legend, measure, fullscreen.

    layers are already filtered; selected is an event or zone id to focus and open; visible
    names the layers switched on (default all); extra holds imported layers, drawn with
    generic popups. static_url is where the vendored assets are served (None: leave folium's);
    url_sync writes the view into the page's URL as the map moves (for permalinks).
    """
    shown = set(visible) if visible is not None else None
    focus = _find(layers, selected) if selected else None
    view_given = center is not None
    if focus is not None and center is None:
        center = _center_of(focus)
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
    layer_specs = {
        "zones": LayerSpec(styles.zone_style, ("kind", "geometry_method"), popup_kind="zone"),
        "events": LayerSpec(styles.event_style, ("kind", "outcome"), popup_kind="event"),
        "sites": LayerSpec(styles.site_style, ("kind",), popup=_site_popups(layers)),
        "tracks": LayerSpec(styles.track_style, ("outcome",), popup=popups.track_popup),
    }
    for name in ("zones", "tracks", "sites", "events"):
        if name in layers:
            spec = layer_specs[name]
            FeatureLayer(layers[name], name=LAYER_TITLES[name], style=spec.style,
                         style_keys=spec.style_keys, popup_kind=spec.popup_kind, popup=spec.popup,
                         show=shown is None or name in shown).add_to(m)
    for name, features in (extra or {}).items():
        FeatureLayer(features, name=f"Imported: {_plain_name(name)}", style=styles.imported_style,
                     style_keys=(), popup_kind="generic",
                     show=shown is None or name in shown).add_to(m)
    if focus is not None:
        layer_name, item = focus
        spec = layer_specs[layer_name]
        highlight = dict(spec.style(item["properties"]), color="#ffd700", weight=4, radius=11)
        FeatureLayer([item], name="Selected", style=lambda _p: highlight, style_keys=(),
                     popup_kind=spec.popup_kind, popup=spec.popup,
                     control=False, open_popup=True, auto_pan=not view_given).add_to(m)
    controls.Fullscreen(position="topleft").add_to(m)
    controls.MeasureControl(position="topleft", primary_length_unit="kilometers",
                            secondary_length_unit="miles", primary_area_unit="sqkilometers").add_to(m)
    Legend().add_to(m)
    if url_sync:
        UrlSync().add_to(m)
    controls.LayerControl(collapsed=False).add_to(m)
    if static_url is not None:
        localise(m, static_url)
    return m


def _plain_name(name: str) -> str:
    """A layer name safe in folium's templates (which compile it) and short enough to read."""
    return re.sub(r"[{}%#<>]", "", str(name))[:80] or "layer"


def _find(layers: dict[str, Features], fid: str | None) -> tuple[str, dict[str, Any]] | None:
    for name in ("events", "zones", "sites"):
        for item in layers.get(name, []):
            if item["id"] == fid:
                return name, item
    return None


def _bounds(layers: dict[str, Features]) -> list[list[float]] | None:
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


def _center_of(focus: tuple[str, dict[str, Any]]) -> tuple[float, float]:
    point = shape(focus[1]["geometry"]).representative_point()
    return (point.y, point.x)
