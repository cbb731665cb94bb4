"""The map loads nothing from a CDN: localise() and standalone_html() in geo.assets."""

from __future__ import annotations

import re
from pathlib import Path

import branca.colormap
import folium
import folium.plugins
import pytest
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from geo.errors import GeoError
from geo.map.assets import DROPPED, STATIC_DIR, VENDORED, localise, standalone_html, walk
from geo.map.basemap import add_basemap

SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]*)\"", re.I)
LINK_HREF = re.compile(r"<link\b[^>]*\bhref=\"([^\"]*)\"", re.I)
POINTS = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "Sohae", "note": "launch site"},
            "geometry": {"type": "Point", "coordinates": [124.705, 39.66]},
        }
    ],
}


class Legend(MacroElement):
    """A plain HTML legend, as the app draws it."""

    _template = Template(
        """{% macro html(this, kwargs) %}<div id="legend">launch site</div>{% endmacro %}"""
    )


class CdnPlugin(JSCSSMixin, MacroElement):
    """A plugin whose files are not vendored."""

    default_js = [("cdn_plugin", "https://cdn.example.org/plugin.min.js")]


def full_map() -> folium.Map:
    """A map with every kind of element the app uses."""
    m = folium.Map(location=[38.5, 126.0], zoom_start=5, tiles=None)
    add_basemap(m)
    folium.GeoJson(
        POINTS,
        name="Launches",
        marker=folium.CircleMarker(radius=6, fill=True),
        tooltip=folium.GeoJsonTooltip(["name"]),
        popup=folium.GeoJsonPopup(["name", "note"]),
    ).add_to(m)
    folium.CircleMarker([39.0194, 125.7381], popup=folium.Popup("Pyongyang"), tooltip="P").add_to(m)
    folium.LayerControl().add_to(m)
    folium.plugins.MeasureControl().add_to(m)
    Legend().add_to(m)
    return m


def links(html: str) -> list[str]:
    """Every <script src> and <link href> of a page."""
    return SCRIPT_SRC.findall(html) + LINK_HREF.findall(html)


def static_file(url: str, base: str = "/geo-assets") -> Path:
    """The file under STATIC_DIR that a localised URL names."""
    assert url.startswith(base + "/"), url
    return STATIC_DIR / url.removeprefix(base + "/")


def test_localised_map_loads_only_vendored_files() -> None:
    html = localise(full_map()).get_root().render()
    urls = links(html)
    assert urls, "the map should link its scripts and stylesheets"
    assert not [u for u in urls if re.match(r"(https?:)?//", u)]
    for url in urls:
        assert static_file(url).is_file(), url
    for name in ("leaflet.js", "jquery.min.js", "leaflet-measure.min.js"):
        assert any(u.endswith(name) for u in urls), name


def test_every_element_points_at_existing_files() -> None:
    m = localise(full_map(), "/base/")
    for element in walk(m):
        for _, url in getattr(element, "default_js", []) + getattr(element, "default_css", []):
            assert static_file(url, "/base").is_file(), (element, url)


def test_class_lists_are_left_alone() -> None:
    before = list(folium.Map.default_js), list(folium.plugins.MeasureControl.default_css)
    localise(full_map())
    assert (list(folium.Map.default_js), list(folium.plugins.MeasureControl.default_css)) == before
    assert folium.Map.default_js[0][1].startswith("https://")


def test_localise_can_move_to_another_base_url() -> None:
    m = localise(localise(full_map(), "/one"), "/two/static")
    urls = links(m.get_root().render())
    assert urls and all(u.startswith(("/two/static/vendor/", "/two/static/geo/")) for u in urls)


def test_links_left_by_an_earlier_render_are_dropped() -> None:
    m = full_map()
    assert "https://" in m.get_root().render()
    urls = links(localise(m).get_root().render())
    assert urls and not [u for u in urls if u.startswith("http")]


def test_unknown_cdn_plugin_is_refused() -> None:
    m = full_map()
    CdnPlugin().add_to(m)
    with pytest.raises(GeoError, match=r"CdnPlugin .*https://cdn\.example\.org/plugin\.min\.js"):
        localise(m)


def test_plugin_with_its_own_cdn_files_is_refused() -> None:
    m = full_map()
    folium.plugins.MarkerCluster().add_to(m)
    with pytest.raises(GeoError, match="MarkerCluster"):
        localise(m)


def test_awesome_marker_icons_are_refused() -> None:
    m = full_map()
    folium.Marker([39.0, 125.7], icon=folium.Icon(color="red")).add_to(m)
    with pytest.raises(GeoError, match="Icon"):
        localise(m)


def test_colormap_is_refused() -> None:
    m = full_map()
    branca.colormap.LinearColormap(["white", "red"]).add_to(m)
    with pytest.raises(GeoError, match="d3"):
        localise(m)


def test_vendored_files_and_licences_exist() -> None:
    for relative in VENDORED.values():
        path = STATIC_DIR / relative
        assert path.is_file() and path.stat().st_size > 0, relative
        assert sorted(path.parent.glob("LICENSE*")), f"no licence beside {relative}"
        if path.suffix == ".js":
            assert "sourceMappingURL" not in path.read_text(encoding="utf-8")
    assert not list(STATIC_DIR.rglob("*.map")) and not list(STATIC_DIR.rglob("node_modules"))
    assert not set(VENDORED) & DROPPED


def test_vendored_stylesheets_refer_to_vendored_images() -> None:
    for relative in VENDORED.values():
        if relative.endswith(".css"):
            css = (STATIC_DIR / relative).read_text(encoding="utf-8")
            for ref in re.findall(r"url\(\s*['\"]?([^'\")#]+)", css):
                assert (STATIC_DIR / relative).parent.joinpath(ref).is_file(), (relative, ref)


def test_standalone_html_has_no_network_links() -> None:
    m = localise(full_map())
    html = standalone_html(m)
    assert not re.search(r"<script\b[^>]*\bsrc=", html, re.I)
    assert not re.search(r"<link\b[^>]*\bhref=\"(https?:)?//", html, re.I)
    assert 'src="http' not in html
    assert "L.Control.Measure" in html
    assert 'url("data:image/png;base64,' in html  # Leaflet's layer-control icon, inlined
    assert 'id="legend"' in html


def test_standalone_html_leaves_the_map_as_it_was() -> None:
    m = localise(full_map())
    before = links(m.get_root().render())
    standalone_html(m)
    assert links(m.get_root().render()) == before


def test_standalone_html_refuses_unknown_cdn_plugin() -> None:
    m = full_map()
    CdnPlugin().add_to(m)
    with pytest.raises(GeoError, match="cdn.example.org"):
        standalone_html(m)
