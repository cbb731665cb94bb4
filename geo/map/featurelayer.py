"""FeatureLayer: a layer on the map, drawn by geo/map/static/geo/featurelayer.js from its spec.

What makes thousands of features fast: the layer is packed (geo.map.packing: columns, each
repeated value sent once; read in the browser by packed.js), points are drawn by one canvas
layer (pointset.js) instead of one Leaflet layer each, styles come from a table, and popups
are built in the browser when opened, by geo/map/static/geo/popups.js from the layer's popup
spec (geo.layers.spec), with only the fields that spec reads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

import folium
from branca.element import Element, JavascriptLink
from folium.elements import ElementAddToElement, JSCSSMixin
from jinja2 import Template

from ..layers.popup import generic_rows
from ..layers.spec import LayerSpec
from . import packing

SOURCE_FIELDS = ("title", "publisher", "date", "url", "quote")
# The browser side, served with the vendored files (localised like them).
SCRIPTS = [("geo-popups", "geo/popups.js"), ("geo-packed", "geo/packed.js"),
           ("geo-pointstyle", "geo/pointstyle.js"), ("geo-pointstacks", "geo/pointstacks.js"),
           ("geo-pointset", "geo/pointset.js"), ("geo-featurelayer", "geo/featurelayer.js")]

Props = dict[str, Any]


def browser_fields(spec: LayerSpec, wanted: Iterable[str] = ()) -> tuple[str, ...]:
    """The fields of each feature the browser gets: what the popup, the style and the time
    filter read, and what other layers' popups want of this one (wanted)."""
    names = ["id", *spec.popup.fields(), *spec.style.keys, *spec.time_fields,
             *spec.follows[1:], *([spec.version_of] if spec.version_of else []), *spec.sent, *wanted]
    return tuple(dict.fromkeys(names))


def browser_properties(spec: LayerSpec, wanted: Iterable[str] = ()) -> Callable[[Props], Props]:
    """A function giving what is sent of a feature: the fields the browser reads, or, for a
    popup of every field, every field as text."""
    if spec.popup.every_field:
        return lambda props: dict(generic_rows(props))  # the browser lists them in this order
    fields = browser_fields(spec, wanted)

    def slim(props: Props) -> Props:
        out: Props = {}
        for name in fields:
            value = props.get(name)
            if value is None:
                continue
            if name == "sources" and isinstance(value, list):
                value = [{k: s[k] for k in SOURCE_FIELDS if s.get(k) is not None}
                         for s in value if isinstance(s, dict)]
            out[name] = value
        return out
    return slim


def plain_name(name: str) -> str:
    """A layer title safe in folium's templates (which compile it) and short enough to read."""
    return re.sub(r"[{}%#<>]", "", str(name))[:80] or "layer"


class FeatureLayer(JSCSSMixin, folium.map.Layer):
    """A layer of features with styles from a table and popups built when opened.

    A JSCSSMixin, so that streamlit-folium loads its scripts (it collects the links of those)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = geoFeatureLayer.make({{ this.data_js }},
                {{ this.options_json }});
        {% endmacro %}
        """
    )
    default_js = SCRIPTS

    def __init__(self, features: list[dict[str, Any]], spec: LayerSpec, *, show: bool = True,
                 control: bool = True, wanted: Iterable[str] = ()) -> None:
        super().__init__(name=plain_name(spec.title), overlay=True, control=control, show=show)
        self._name = "FeatureLayer"
        self.data = packing.pack(features, browser_properties(spec, wanted), spec.style.resolve,
                                 spec.style.keys)
        self.data_js = json_parse_call(self.data)
        self.options_json = script_json({"control": control, "layer": spec.name,
                                         "spec": spec.to_json(), "popup": spec.popup.to_json()})

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
