"""The view (centre and zoom) kept in the page's URL as the map moves, without a rerun."""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template


class UrlSync(MacroElement):
    """Keeps lat, lon and z of the page's URL current as the map moves.

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
