"""FeatureLayer: one L.geoJSON layer per catalogue layer, styled and with popups, drawn on canvas.

Large layers stay small and fast: features carry only the properties their popup shows;
styles come from a table keyed by a few properties; popups of events and zones are built in
the browser by geo/js/popups.js (the twin of geo/popups.py) when clicked. Small layers may
carry ready-made `_popup` HTML instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, MacroElement
from folium.elements import ElementAddToElement
from jinja2 import Template

POPUPS_JS = Path(__file__).resolve().parent / "js" / "popups.js"

# What each browser-built popup reads; everything else stays on the server.
POPUP_FIELDS = {
    "event": ("name", "kind", "time_utc", "time_approximate", "time_local", "site_name",
              "vehicle", "payload", "outcome", "summary", "sources"),
    "zone": ("name", "kind", "stage", "event_name", "geometry_method", "geometry_note",
             "confidence", "valid_from", "valid_to", "validity_note", "issuer", "area_km2",
             "raw_text", "sources"),
}
SOURCE_FIELDS = ("title", "publisher", "date", "url", "quote")

Style = Callable[[dict[str, Any]], dict[str, Any]]


@cache
def popups_js() -> str:
    """The browser side of the popups."""
    return POPUPS_JS.read_text(encoding="utf-8")


class PopupScript(MacroElement):
    """Defines geoPopups once, before the layers that use it."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()
        self._name = "PopupScript"
        self.code = popups_js()


def style_key(props: dict[str, Any], keys: Iterable[str]) -> str:
    """The style table's key of a feature: its key properties joined by '|'."""
    return "|".join("" if props.get(k) is None else str(props.get(k)) for k in keys)


def _slim(props: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    slim = {"id": props.get("id")}
    for field in fields:
        value = props.get(field)
        if value is None:
            continue
        if field == "sources" and isinstance(value, list):
            value = [{k: s[k] for k in SOURCE_FIELDS if s.get(k) is not None}
                     for s in value if isinstance(s, dict)]
        slim[field] = value
    return slim


def collection(features: list[dict[str, Any]], popup_kind: str | None,
               popup: Callable[[dict[str, Any]], str] | None = None,
               style_keys: Iterable[str] = ()) -> dict[str, Any]:
    """A FeatureCollection with what the browser needs: slim properties, or ready popups."""
    from html import escape

    out = []
    for index, item in enumerate(features):
        fid = item.get("id") or (item.get("properties") or {}).get("id") or f"feature-{index + 1}"
        props = {**(item.get("properties") or {}), "id": fid}
        if popup_kind is not None:
            slim = _slim(props, POPUP_FIELDS[popup_kind])
        else:
            slim = {"id": fid, "name": props.get("name"), "kind": props.get("kind"),
                    **{key: props.get(key) for key in style_keys},
                    "_popup": popup(props) if popup else "",
                    "_tooltip": escape(str(props.get("name")))}
        out.append({"type": "Feature", "id": fid, "geometry": item["geometry"],
                     "properties": slim})
    return {"type": "FeatureCollection", "features": out}


class FeatureLayer(folium.map.Layer):
    """An L.geoJSON layer: points as circle markers, styles from a table, popups on click."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }}_styles = {{ this.styles|tojson }};
            var {{ this.get_name() }}_keys = {{ this.keys|tojson }};
            function {{ this.get_name() }}_style(feature) {
                var p = feature.properties;
                var key = {{ this.get_name() }}_keys.map(function (k) {
                    return p[k] === null || p[k] === undefined ? "" : String(p[k]);
                }).join("|");
                var table = {{ this.get_name() }}_styles;
                return Object.prototype.hasOwnProperty.call(table, key) ? table[key]
                    : {{ this.fallback|tojson }};
            }
            var {{ this.get_name() }} = L.geoJSON(JSON.parse({{ this.data_json }}), {
                pointToLayer: function (feature, latlng) {
                    return L.circleMarker(latlng, {{ this.get_name() }}_style(feature));
                },
                style: {{ this.get_name() }}_style,
                onEachFeature: function (feature, layer) {
                    layer.geoFeature = {{ this.control|tojson }};  // not the highlight copy
                }
            });
            // One popup and one tooltip for the whole layer, built when needed: thousands of
            // features cost no more than their markers.
            function {{ this.get_name() }}_popup(layer) {
                var p = layer.feature.properties;
                return p._popup !== undefined ? p._popup : geoPopups[{{ this.popup_kind|tojson }}](p);
            }
            {{ this.get_name() }}.bindPopup({{ this.get_name() }}_popup, {
                maxWidth: 380, minWidth: 240, maxHeight: 300,
                autoPan: {{ this.auto_pan|tojson }}
            });
            {{ this.get_name() }}.bindTooltip(function (layer) {
                var p = layer.feature.properties;
                return p._tooltip !== undefined ? p._tooltip : geoPopups.esc(String(p.name));
            }, {sticky: true});
            {% if this.open_popup %}
            {{ this.get_name() }}.eachLayer(function (layer) {
                var at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
                setTimeout(function () { {{ this.get_name() }}.openPopup(at); }, 50);
            });
            {% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, features: list[dict[str, Any]], name: str, style: Style,
                 style_keys: tuple[str, ...], popup_kind: str | None = None,
                 popup: Callable[[dict[str, Any]], str] | None = None, show: bool = True,
                 control: bool = True, open_popup: bool = False, auto_pan: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "FeatureLayer"
        self.data = collection(features, popup_kind, popup, style_keys)
        # A JSON string parsed by JSON.parse loads much faster than the same object literal.
        self.data_json = script_json(script_json(self.data))
        self.keys = list(style_keys)
        self.styles = _style_table(features, style, style_keys)
        self.fallback = style({})
        self.popup_kind = popup_kind or ""
        self.open_popup = open_popup
        self.auto_pan = auto_pan


    def render(self, **kwargs: Any) -> str:
        """As folium's Layer.render, but the script goes into the page as raw text.

        folium wraps each rendered script in a new Element, which compiles it as a Jinja
        template: text such as "{{ 7*7 }}" in a feature would be evaluated on the server.
        Here the script is rendered once, data inserted as a value, and never compiled again.
        (streamlit-folium calls the script macro directly, without this compile step.)
        """
        parent: Any = self._parent
        if self.show:
            self.add_child(ElementAddToElement(element_name=self.get_name(),
                                               element_parent_name=parent.get_name()),
                           name=self.get_name() + "_add")
        script = str(self._template.module.__dict__["script"](self, kwargs))
        figure: Any = self.get_root()
        figure.script.add_child(RawText(script), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)
        return ""


class RawText(Element):
    """Text added to the page as it is, never compiled as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RawText"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        """The text itself."""
        return self.text


def script_json(value: Any) -> str:
    """Compact JSON that is safe inside a <script> element (as Jinja's tojson, but fast)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("'", "\\u0027").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _style_table(features: list[dict[str, Any]], style: Style,
                 keys: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """The style of every key combination present in the features."""
    table: dict[str, dict[str, Any]] = {}
    for item in features:
        props = item.get("properties") or {}
        key = style_key(props, keys)
        if key not in table:
            table[key] = style({k: props.get(k) for k in keys})
    return table
