"""The canvas point layer (geo/map/static/geo/pointset.js) against Leaflet's own circle markers.

The same points must look the same (to rounding where edges overlap), and pointing at them
must find the same feature that Leaflet would: the topmost one under the pointer."""

from __future__ import annotations

import base64
import io
import json
import random

import numpy
import pytest
from PIL import Image, ImageChops

from geo.map.assets import standalone_html
from geo.map.basemap import SEA_COLOUR
from geo.map.explorer import make_map
from geo.map.packing import pack, unpack

pytestmark = pytest.mark.browser

MAP = ("Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])"
       ".find(v => v instanceof L.Map)")
KINDS = ("launch", "meeting", "journey", "salvage")


def _events(count: int, seed: int = 5) -> list[dict]:
    rng = random.Random(seed)
    return [{"type": "Feature", "id": f"p{i}",
             "geometry": {"type": "Point", "coordinates": [round(rng.uniform(123, 127), 5),
                                                           round(rng.uniform(37, 40), 5)]},
             "properties": {"id": f"p{i}", "name": f"Point {i}", "kind": rng.choice(KINDS),
                            "outcome": rng.choice(("success", "failure", "n/a")),
                            "time_utc": "2024-05-27", "date": "2024-05-27"}}
            for i in range(count)]


@pytest.fixture()
def map_page(browser):
    # The map itself about 900 x 700 px, beside the explorer's panels and timeline.
    page = browser.new_page(viewport={"width": 1240, "height": 860})
    page.set_content(standalone_html(make_map({"events": _events(400)})))
    page.wait_for_function("() => typeof geoFeatureLayer !== 'undefined'")
    page.wait_for_timeout(400)
    yield page
    page.close()


def _overlay(page) -> Image.Image:
    """The map's overlay canvas (vectors, without the basemap) as an image."""
    data = page.evaluate(f"() => {MAP}.getPanes().overlayPane.querySelector('canvas').toDataURL()")
    return Image.open(io.BytesIO(base64.b64decode(data.split(",", 1)[1]))).convert("RGBA")


def _as_leaflet_markers(page) -> None:
    """Replace the point layer by the same features as one L.circleMarker each, same styles."""
    page.evaluate(f"""() => {{
        const map = {MAP};
        map.eachLayer(l => {{
            if (!l.geoPoints) return;
            const markers = l.toGeoJSON().features.map((f, k) =>
                L.circleMarker([f.geometry.coordinates[1], f.geometry.coordinates[0]], l._styleOf(k)));
            map.removeLayer(l);
            markers.forEach(m => m.addTo(map));
        }});
    }}""")
    page.wait_for_timeout(300)


@pytest.mark.parametrize("zoom", [6, 8])
def test_points_look_exactly_like_leaflet_circle_markers(map_page, zoom):
    # Points on one spot are drawn as a stack; for this comparison, none is (-1 px).
    map_page.evaluate(f"() => {{ geoFeatureLayer.config.stackPx = -1; "
                      f"{MAP}.setView([38.5, 125], {zoom}, {{animate: false}}); "
                      "geoFeatureLayer.layers().forEach(l => l.points && l.points.restyled()); }")
    map_page.wait_for_timeout(300)
    ours = _overlay(map_page)
    _as_leaflet_markers(map_page)
    theirs = _overlay(map_page)
    assert ours.size == theirs.size
    # Seen over the sea: equal but for rounding where semi-transparent edges overlap.
    diff = numpy.asarray(ImageChops.difference(_over_sea(ours), _over_sea(theirs))).max(axis=2)
    assert diff.max() <= 6
    assert (diff > 1).mean() < 0.005


def _over_sea(image: Image.Image) -> Image.Image:
    sea = Image.new("RGBA", image.size, SEA_COLOUR)
    sea.alpha_composite(image)
    return sea.convert("RGB")


def test_the_pointer_finds_the_topmost_point_as_leaflet_does(map_page):
    """At random spots, our hit test names the feature Leaflet's own markers would."""
    map_page.evaluate("() => { geoFeatureLayer.config.stackPx = -1; geoFeatureLayer.layers()"
                      ".forEach(l => l.points && l.points.restyled()); }")
    spots = map_page.evaluate(f"""() => {{
        const map = {MAP}, set = [];
        map.eachLayer(l => {{ if (l.geoPoints) set.push(l); }});
        const points = set[0], out = [];
        for (let k = 0; k < points.size(); k++) {{
            const p = map.latLngToLayerPoint(points.proxy(k).getLatLng());
            for (const [dx, dy] of [[0, 0], [4, 3], [-6, 2], [8, 0], [0, -9]]) out.push([p.x + dx, p.y + dy]);
        }}
        return out;
    }}""")
    ours = map_page.evaluate(f"""(spots) => {{
        const map = {MAP};
        let points = null;
        map.eachLayer(l => {{ if (l.geoPoints) points = l; }});
        return spots.map(([x, y]) => points._containsPoint(L.point(x, y)) ? points.idOf(points._hit) : null);
    }}""", spots)
    _as_leaflet_markers(map_page)
    theirs = map_page.evaluate(f"""(spots) => {{
        const markers = [];
        {MAP}.eachLayer(l => {{ if (l instanceof L.CircleMarker && !l.feature) markers.push(l); }});
        return [markers.length, spots.map(([x, y]) => {{
            let hit = null;
            markers.forEach((m, k) => {{ if (m._containsPoint(L.point(x, y))) hit = k; }});
            return hit;
        }})];
    }}""", spots)
    count, theirs = theirs
    assert count == 400
    assert [None if t is None else f"p{t}" for t in theirs] == ours
    assert sum(hit is not None for hit in ours) > 400  # most spots hit something


def test_hover_and_click_with_a_real_mouse(map_page):
    """Moving between overlapping points changes the tooltip; a click opens the point's card."""
    map_page.evaluate(f"() => {MAP}.setView([38.5, 125], 9, {{animate: false}})")
    map_page.wait_for_timeout(300)
    target = map_page.evaluate(f"""() => {{
        const map = {MAP};
        const f = geoFeatureLayer.features(map).find(f => f.drawn &&
            map.getBounds().pad(-0.2).contains(f.layer.getLatLng()));
        const p = map.latLngToContainerPoint(f.layer.getLatLng());
        return [f.id, f.layer.feature.properties.name, p.x, p.y];
    }}""")
    fid, name, x, y = target
    box = map_page.evaluate(f"() => {MAP}.getContainer().getBoundingClientRect().toJSON()")
    x, y = x + box["left"], y + box["top"]
    map_page.mouse.move(x + 1, y + 1)
    map_page.wait_for_timeout(200)
    assert map_page.inner_text(".leaflet-tooltip") == name
    map_page.mouse.click(x + 1, y + 1)
    map_page.wait_for_timeout(300)
    assert map_page.inner_text(".leaflet-popup-content h4") == name
    box = map_page.evaluate(f"() => {MAP}.getContainer().getBoundingClientRect().toJSON()")
    map_page.mouse.move(box["left"] + 5, box["bottom"] - 40)  # open sea: no point, no tooltip
    map_page.wait_for_timeout(200)
    assert map_page.locator(".leaflet-tooltip").count() == 0


def test_a_pointer_that_comes_to_rest_quickly_still_gets_its_tooltip(map_page):
    """Leaflet's canvas handles one move per 32 ms; the last one, on the point, is not lost."""
    map_page.evaluate(f"() => {MAP}.setView([38.5, 125], 9, {{animate: false}})")
    map_page.wait_for_timeout(300)
    name, x, y = map_page.evaluate(f"""() => {{
        const map = {MAP}, box = map.getContainer().getBoundingClientRect();
        const f = geoFeatureLayer.features(map).find(f => f.drawn &&
            map.getBounds().pad(-0.2).contains(f.layer.getLatLng()));
        const p = map.latLngToContainerPoint(f.layer.getLatLng());
        return [f.layer.feature.properties.name, box.left + p.x, box.top + p.y];
    }}""")
    box = map_page.evaluate(f"() => {MAP}.getContainer().getBoundingClientRect().toJSON()")
    for _ in range(3):
        map_page.mouse.move(box["left"] + box["width"] / 2, box["top"] - 5)  # off the map
        map_page.wait_for_timeout(300)  # a closed tooltip fades out in 200 ms
        assert map_page.locator(".leaflet-tooltip").count() == 0
        map_page.mouse.move(x + 1, y + 1, steps=3)  # three moves well within 32 ms
        map_page.wait_for_timeout(150)
        assert map_page.inner_text(".leaflet-tooltip") == name


def test_the_browser_unpacks_what_python_unpacks(browser):
    features = [
        {"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [1.5, 2]},
         "properties": {"name": "A", "1": "one", "10": "ten", "__proto__": "p", "n": None, "list": [1, 2]}},
        {"type": "Feature", "id": "b", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
         "properties": {"10": "x", "name": "B", "t": True, "f": 1.25}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [3, 4]},
         "properties": {"name": "A"}},
    ]
    packed = pack(features, lambda p: p, lambda p: {"color": "#000"}, ())
    page = browser.new_page()
    try:
        page.set_content(standalone_html(make_map({"events": _events(1)})))
        page.wait_for_function("() => typeof geoFeatureLayer !== 'undefined'")
        # Through JSON text: Playwright's own transfer would drop a "__proto__" key.
        in_browser = json.loads(page.evaluate(
            "(packed) => JSON.stringify(geoFeatureLayer.unpack(packed))", packed))
        expected = unpack(packed)
        assert [item["feature"] for item in in_browser] == expected
        # The order of the fields, which a JavaScript object does not keep for keys like "10".
        assert [item["rows"] for item in in_browser] == [
            [[k, v] for k, v in f["properties"].items()] for f in expected]
    finally:
        page.close()
