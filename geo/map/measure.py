"""The measuring tool, loaded the first time it is used, drawing its lines as SVG.

leaflet-measure is 100 KB of script that every page would otherwise load and run before
drawing anything. This control shows the same button at once and fetches the plugin when
the pointer first reaches it; `localise` and `standalone_html` treat its `lazy_js` like any
vendored link (the offline HTML carries it as a data: URI).
"""

from __future__ import annotations

from typing import Any

import folium.plugins
from folium.template import Template
from folium.utilities import remove_empty

from ..i18n.catalogue import DEFAULT, translate


class LazyMeasureControl(folium.plugins.MeasureControl):
    """folium's MeasureControl, with the plugin's script fetched on first use."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var options = {{ this.options|tojson }};
            var url = {{ this.lazy_js[0][1]|tojson }};
            var state = "idle", placeholder = null;
            var Placeholder = L.Control.extend({
                onAdd: function () {
                    var box = L.DomUtil.create("div", "leaflet-control-measure leaflet-bar leaflet-control");
                    var toggle = L.DomUtil.create("a", "leaflet-control-measure-toggle", box);
                    toggle.href = "#";
                    toggle.title = {{ this.toggle_title|tojson }};
                    toggle.textContent = {{ this.toggle_text|tojson }};
                    L.DomEvent.disableClickPropagation(box);
                    L.DomEvent.on(box, "mouseenter", load);
                    L.DomEvent.on(toggle, "click", function (e) { L.DomEvent.preventDefault(e); load(); });
                    return box;
                }
            });
            function load() {
                if (state !== "idle") return;
                state = "loading";
                // streamlit-folium reruns this script in the same page: the plugin may be there
                if (L.Control.Measure && L.Control.Measure.geoPatched) return show();
                var script = document.createElement("script");
                script.src = url;
                script.onload = function () {
                    // Workaround for leaflet-measure with Leaflet >= 1.8 (leaflet-measure#171),
                    // as folium's MeasureControl applies it.
                    L.Control.Measure.include({
                        _setCaptureMarkerIcon: function () {
                            this._captureMarker.options.autoPanOnFocus = false;
                            this._captureMarker.setIcon(
                                L.divIcon({iconSize: this._map.getSize().multiplyBy(2)}));
                        }
                    });
                    drawAsSvg(L.Control.Measure.prototype);
                    L.Control.Measure.geoPatched = true;
                    show();
                };
                script.onerror = function () { state = "idle"; };
                document.head.appendChild(script);
            }
            function show() {
                var control = new L.Control.Measure(options);
                map.removeControl(placeholder);
                map.addControl(control);
                control._expand();
                state = "ready";
            }
            // leaflet-measure styles its vertices through their SVG elements (_path), which
            // a map that draws on canvas does not have: its own layers get an SVG renderer.
            function drawAsSvg(proto) {
                Object.keys(proto).forEach(function (name) {
                    var method = proto[name];
                    if (typeof method !== "function" || name === "initialize") return;
                    proto[name] = function () {
                        var target = this._map;
                        if (!target) return method.apply(this, arguments);
                        var saved = target.options.renderer;
                        target.options.renderer = this._svgRenderer || (this._svgRenderer = L.svg());
                        try { return method.apply(this, arguments); }
                        finally { target.options.renderer = saved; }
                    };
                });
            }
            placeholder = new Placeholder({position: options.position}).addTo(map);
        })();
        {% endmacro %}
        """
    )
    default_js: list[tuple[str, str]] = []

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.toggle_title = translate(DEFAULT, "map.measure")  # the explorer gives its language's
        self.toggle_text = translate(DEFAULT, "map.measure_short")
        self._name = "LazyMeasureControl"
        self.lazy_js = list(folium.plugins.MeasureControl.default_js)
        self.options = remove_empty(**{_camel(k): v for k, v in self.options.items()})


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(part.capitalize() for part in rest)
