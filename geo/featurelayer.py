"""FeatureLayer: a catalogue or imported layer on the map, drawn by geo/static/geo/featurelayer.js.

What makes thousands of features fast: the layer is packed (geo.packing: columns, each
repeated value sent once), points are drawn by one canvas layer instead of one Leaflet layer
each, styles come from a table, and popups are built in the browser when opened by
geo/static/geo/popups.js, the twin of geo/popups.py. Sites and flight paths, few and with
popups of their own, carry their popup HTML ready-made.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import folium
from branca.element import Element, JavascriptLink
from folium.elements import ElementAddToElement, JSCSSMixin
from jinja2 import Template

from . import packing, popups

# What each browser-built popup reads; everything else stays on the server.
POPUP_FIELDS = {
    "event": ("name", "kind", "time_utc", "time_approximate", "time_local", "site_name",
              "vehicle", "payload", "outcome", "summary", "sources"),
    "zone": ("name", "kind", "stage", "event_name", "geometry_method", "geometry_note",
             "confidence", "valid_from", "valid_to", "validity_note", "issuer", "area_km2",
             "raw_text", "sources"),
}
SOURCE_FIELDS = ("title", "publisher", "date", "url", "quote")
# The browser side, served from geo/static (localised like the vendored files).
SCRIPTS = [("geo-popups", "geo/popups.js"), ("geo-featurelayer", "geo/featurelayer.js")]

Style = Callable[[dict[str, Any]], dict[str, Any]]
Props = dict[str, Any]


def slim_properties(props: Props, kind: str) -> Props:
    """What the browser needs to build a popup of this kind ("event" or "zone")."""
    slim = {"id": props.get("id")}
    for field in POPUP_FIELDS[kind]:
        value = props.get(field)
        if value is None:
            continue
        if field == "sources" and isinstance(value, list):
            value = [{k: s[k] for k in SOURCE_FIELDS if s.get(k) is not None}
                     for s in value if isinstance(s, dict)]
        slim[field] = value
    return slim


def browser_properties(popup_kind: str | None, popup: Callable[[Props], str] | None,
                       style_keys: tuple[str, ...]) -> Callable[[Props], Props]:
    """What is sent of each feature: what its popup is built from, or the popup itself."""
    if popup_kind in POPUP_FIELDS:
        kind = popup_kind
        return lambda props: slim_properties(props, kind)
    if popup_kind == "generic":
        return lambda props: dict(popups.generic_rows(props))
    return lambda props: {"id": props["id"], "name": props.get("name"), "kind": props.get("kind"),
                          **{key: props.get(key) for key in style_keys},
                          "_popup": popup(props) if popup else ""}


class FeatureLayer(JSCSSMixin, folium.map.Layer):
    """A layer of features with styles from a table and popups built when opened.

    A JSCSSMixin, so that streamlit-folium loads its scripts (it collects the links of those)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = geoFeatureLayer.make({{ this.data_js }},
                {{ this.options_json }});
            {% if this.open_popup %}
            setTimeout(function () { geoFeatureLayer.openFirst({{ this.get_name() }}); }, 50);
            {% endif %}
        {% endmacro %}
        """
    )
    default_js = SCRIPTS

    def __init__(self, features: list[dict[str, Any]], name: str, style: Style,
                 style_keys: tuple[str, ...], popup_kind: str | None = None,
                 popup: Callable[[Props], str] | None = None, show: bool = True,
                 control: bool = True, open_popup: bool = False, auto_pan: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "FeatureLayer"
        self.data = packing.pack(features, browser_properties(popup_kind, popup, style_keys),
                                 style, style_keys)
        self.data_js = json_parse_call(self.data)
        self.options_json = script_json({"control": control, "popupKind": popup_kind or "",
                                         "autoPan": auto_pan})
        self.open_popup = open_popup

    def render(self, **kwargs: Any) -> str:
        """As folium's Layer.render, but the script goes into the page as raw text.

        folium wraps each rendered script in a new Element, which compiles it as a Jinja
        template: text such as "{{ 7*7 }}" in a feature would be evaluated on the server.
        Here the script is rendered once, data inserted as a value, and never compiled again.
        (streamlit-folium calls the script macro directly, without this compile step.)
        """
        parent: Any = self._parent
        figure: Any = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        if self.show:
            self.add_child(ElementAddToElement(element_name=self.get_name(),
                                               element_parent_name=parent.get_name()),
                           name=self.get_name() + "_add")
        script = str(self._template.module.__dict__["script"](self, kwargs))
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


def json_parse_call(value: Any) -> str:
    """JavaScript that rebuilds value: JSON.parse of a string literal, safe inside <script>.

    V8 parses a large JSON string much faster than the same object literal; single quotes
    leave the JSON's own double quotes unescaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    literal = (text.replace("\\", "\\\\").replace("'", "\\'").replace("<", "\\x3c")
               .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return f"JSON.parse('{literal}')"


def script_json(value: Any) -> str:
    """Compact JSON that is safe inside a <script> element (as Jinja's tojson, but fast)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("'", "\\u0027").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
