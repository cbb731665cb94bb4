"""The explorer around the map: top bar, layers and legend, side panel, timeline.

One element added to the folium map after its layers. Its page parts are plain HTML; all it
does is in the browser, in the native ES modules of geo/map/static/geo/explorer/ (main.js
imports the others), which read the layers the FeatureLayers made. The modules import each
other by bare names (`geo-explorer/state.js`) that the page's import map resolves: to the
files the app serves, or to data: URIs in a page that stands alone (geo.map.assets), so the
same modules work in both without a bundler. Its text goes into the page as it is, never
compiled as a template (titles can be a user's).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import folium
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from ..i18n.catalogue import LANGUAGES, browser_messages, translate
from ..layers import registry
from .assets import EXPLORER_MODULES, FONT_FILES
from .featurelayer import SCRIPTS as FEATURE_SCRIPTS
from .featurelayer import RawText, script_json
from .places import places

TITLE = translate("en", "page.title")
MODULE_PREFIX = "geo-explorer/"
ENTRY = f"{MODULE_PREFIX}main.js"
DOWNLOAD_FORMATS = (("GeoJSON", "geojson"), ("GeoPackage", "gpkg"), ("KML", "kml"), ("CSV", "csv"))
_SKELETON = ('<script>document.body.classList.add("geo-explorer");'
             'if (geoHost.narrow()) document.body.classList.add("geo-narrow");</script>'
             '<div class="geo-top"></div><aside class="geo-side" aria-label="Details"></aside>'
             '<div class="geo-time"></div>')


def _choice_fields() -> list[str]:
    """The fields whose values are one of a few words (kind, outcome…): shown translated."""
    return sorted({prop.name for spec in registry.BUILTIN for prop in spec.properties if prop.choices})


class ExplorerUI(JSCSSMixin, MacroElement):
    """The explorer's page parts and its start, given what the map needs to know."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        geoHost.explore({{ this._parent.get_name() }}, {{ this.options_json }},
            { {%- for key, tile in this.tiles.items() -%}
              {{ key|tojson }}: {{ tile.get_name() }}{{ "," if not loop.last }}
              {%- endfor -%} });
        {% endmacro %}
        """
    )
    # classic scripts: the page's own script calls them as it runs (the layers' among them)
    default_js = [("geo-host", "geo/host.js"), ("geo-i18n", "geo/i18n.js"), *FEATURE_SCRIPTS,
                  ("geo-times", "geo/times.js"), ("geo-timeline-input", "geo/timeline-input.js"),
                  ("geo-timeline", "geo/timeline.js"),
                  ("geo-search", "geo/search.js"), ("geo-labels", "geo/labels.js"),
                  ("geo-satellite", "geo/satellite.js"), ("geo-pointpick", "geo/pointpick.js")]
    # The explorer's modules, by the names they import each other by; main.js is the one loaded.
    module_js = [(f"{MODULE_PREFIX}{path.name}", f"geo/explorer/{path.name}") for path in EXPLORER_MODULES]
    default_css = [("geo-explorer-css", "geo/explorer.css"),
                   *((f"geo-font-{k}", f) for k, f in enumerate(FONT_FILES))]
    # In the app's front page: the panel of the app's tools (its place named by a meta tag,
    # read by geo/host.js before the map is made).
    tools_js = [("geo-tools", "geo/tools.js")]
    tools_css = [("geo-tools-css", "geo/tools.css")]

    def __init__(self, *, tiles: Mapping[str, folium.TileLayer], initial: Mapping[str, str] | None,
                 made: str | None, download: str | None, tools: str | None = None,
                 title: str = TITLE, home: list[list[float]] | None = None,
                 languages: tuple[str, ...] = LANGUAGES) -> None:
        super().__init__()
        self._name = "ExplorerUI"
        self.tiles = dict(tiles)
        self.tools = tools
        if tools is not None:
            self.default_js = [*self.tools_js, *self.default_js]
            self.default_css = [*self.default_css, *self.tools_css]
        self.options_json = script_json({
            "title": title, "made": made, "download": download,
            "formats": [list(pair) for pair in DOWNLOAD_FORMATS],
            "layerOrder": list(registry.NAMES),
            "eventLayer": registry.EVENTS.name, "siteLayer": registry.SITES.name,
            "lanes": [[group, list(kinds)] for group, kinds, _ in registry.EVENT_GROUPS],
            "initial": dict(initial) if initial is not None else None, "home": home,
            "places": list(places()),
            "messages": browser_messages(languages), "defaultTitle": TITLE,
            "credit": translate("en", "map.attribution"),  # the basemap's, as its layer gives it
            "userTitles": dict(registry.USER_TITLES), "choiceFields": _choice_fields(),
        })

    def render(self, **kwargs: Any) -> str:
        """The page parts and the start script, as text (never compiled as a template)."""
        figure: Any = self.get_root()
        if self.tools is not None:
            figure.header.add_child(Element(f'<meta name="geo-tools" content="{html.escape(self.tools)}">'),
                                    name="geo-tools-url")
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        imports = dict(self.module_js)  # before the module: its imports resolve by this map
        import_map = f'<script type="importmap">{script_json({"imports": imports})}</script>'
        entry = f'<script type="module" src="{html.escape(imports[ENTRY])}"></script>'
        # every module asked for at once, while the page is read, not one import after another
        preloads = "".join(f'<link rel="modulepreload" href="{html.escape(u)}">' for u in imports.values())
        figure.header.add_child(RawText(import_map + preloads), name="geo-explorer-imports")
        figure.header.add_child(RawText(entry), name="geo-explorer-main")
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        figure.html.add_child(RawText(_SKELETON), name=self.get_name())
        script = str(self._template.module.__dict__["script"](self, kwargs))
        figure.script.add_child(RawText(script), name=self.get_name())
        return ""
