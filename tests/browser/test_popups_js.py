"""The browser builds event and zone popups (geo/static/geo/popups.js); they equal geo/popups.py."""

from __future__ import annotations

import pytest

from geo import popups
from geo.assets import standalone_html
from geo.featurelayer import slim_properties
from geo.mapview import make_map

pytestmark = pytest.mark.browser
HOSTILE = '<script>window.__xss=1</script>"\'&<img src=x onerror="window.__xss=2">'
ODD_EVENTS = [
    {"name": HOSTILE, "summary": HOSTILE, "kind": "launch", "outcome": "failure",
     "time_utc": "2024-05-27T13:44Z", "time_approximate": True, "time_local": "2024-05-27T22:44+09:00",
     "vehicle": HOSTILE, "payload": None, "site_name": "Sohae & <b>co</b>",
     "sources": [{"title": HOSTILE, "publisher": "P", "date": "2024", "url": "javascript:alert(1)"},
                 {"title": "T", "publisher": "P", "date": "2024", "url": " HTTPS://x.test/a?b=1&c='2' ",
                  "quote": HOSTILE},
                 {"title": "no url", "publisher": "", "date": ""}, "not a source"]},
    {"name": "minimal", "outcome": "n/a", "time_utc": "2023-09"},
    {"name": "", "outcome": "success", "time_utc": "", "vehicle": "", "payload": "P", "sources": []},
]
ODD_ZONES = [
    {"name": HOSTILE, "kind": "danger_area", "raw_text": HOSTILE, "area_km2": 1234.5,
     "valid_from": "2024-05-27", "validity_note": HOSTILE, "geometry_method": "digitised",
     "sources": [{"title": "t", "url": "data:text/html,<script>window.__xss=3</script>"}]},
    {"name": "z", "kind": "debris_area", "area_km2": 0.4, "valid_to": "2024-06-04"},
    {"name": "z2", "kind": "salvage_area", "area_km2": 12_345_678.49, "stage": "first stage"},
    {"name": "z3", "kind": "constructor", "geometry_method": "constructor", "raw_text": "r"},
    {"name": "z4", "kind": "debris_footprint", "geometry_method": "derived", "raw_text": "model"},
]


def _features(props_list, prefix):
    return [{"type": "Feature", "id": f"{prefix}{i}", "properties": {"id": f"{prefix}{i}", **props},
             "geometry": {"type": "Point", "coordinates": [124.7, 39.6]}}
            for i, props in enumerate(props_list)]


@pytest.fixture(scope="module")
def map_page(browser, layers):
    page = browser.new_page()
    page.set_content(standalone_html(make_map(layers)))
    page.wait_for_function("() => typeof geoPopups !== 'undefined'", polling=100)
    yield page
    page.close()


@pytest.mark.parametrize(("kind", "builder", "layer", "odd"),
                         [("event", popups.event_popup, "events", ODD_EVENTS),
                          ("zone", popups.zone_popup, "zones", ODD_ZONES)])
def test_browser_popups_equal_python_popups(map_page, layers, kind, builder, layer, odd):
    features = layers[layer] + _features(odd, f"odd-{kind}-")
    for full in features:
        slim = slim_properties({**full["properties"], "id": full["id"]}, kind)
        in_browser = map_page.evaluate(f"p => geoPopups.{kind}(p)", slim)
        assert in_browser == builder(full["properties"]), full["id"]


def test_hostile_popups_run_no_script(browser):
    page = browser.new_page()
    try:
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        layers = {"events": _features(ODD_EVENTS, "e"), "zones": []}
        page.set_content(standalone_html(make_map(layers)))
        page.wait_for_function("() => typeof geoFeatureLayer !== 'undefined'", polling=100)
        page.wait_for_timeout(300)  # the canvas draws at the next animation frame
        page.evaluate("""() => {
            const map = Object.keys(window).filter(k => k.startsWith("map_"))
                .map(k => window[k]).find(v => v instanceof L.Map);
            geoFeatureLayer.features(map)
                .forEach(f => f.layer.fire("click", {latlng: f.layer.getLatLng()}, true));
        }""")
        page.wait_for_timeout(500)
        assert page.evaluate("() => window.__xss") is None
        assert dialogs == []
        assert page.locator(".leaflet-popup-content").count() >= 1
    finally:
        page.close()
