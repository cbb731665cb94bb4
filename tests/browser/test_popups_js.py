"""The browser renders popup specs (geo/map/static/geo/popups.js) as geo/layers/popup.py does.

Every feature of every layer, as the map sends it, plus odd and hostile ones: the HTML is the
same byte for byte, as a card and in full; and no script in a feature ever runs.
"""

from __future__ import annotations

import pytest

from geo.layers import popup, registry
from geo.map.assets import standalone_html
from geo.map.explorer import make_map, wanted_fields
from geo.map.featurelayer import browser_properties

pytestmark = pytest.mark.browser
HOSTILE = '<script>window.__xss=1</script>"\'&<img src=x onerror="window.__xss=2">'
ODD = {
    "events": [
        {"name": HOSTILE, "summary": HOSTILE, "kind": "launch", "outcome": "failure",
         "time_utc": "2024-05-27T13:44Z", "time_approximate": True,
         "time_local": "2024-05-27T22:44+09:00", "vehicle": HOSTILE, "payload": None,
         "site_name": "Sohae & <b>co</b>",
         "sources": [{"title": HOSTILE, "publisher": "P", "date": "2024", "url": "javascript:alert(1)"},
                     {"title": "T", "publisher": "P", "date": "2024",
                      "url": " HTTPS://x.test/a?b=1&c='2' ", "quote": HOSTILE},
                     {"title": "no url", "publisher": "", "date": ""}, "not a source",
                     {"title": "long s", "url": "httpſ://x.test"}]},
        {"name": "minimal", "outcome": "n/a", "time_utc": "2023-09"},
        {"name": "", "outcome": "success", "time_utc": "", "vehicle": "", "payload": "P",
         "sources": []},
    ],
    "zones": [
        {"name": HOSTILE, "kind": "danger_area", "raw_text": HOSTILE, "area_km2": 1234.5,
         "valid_from": "2024-05-27", "validity_note": HOSTILE, "geometry_method": "digitised",
         "sources": [{"title": "t", "url": "data:text/html,<script>window.__xss=3</script>"}]},
        {"name": "z", "kind": "debris_area", "area_km2": 0.4, "valid_to": "2024-06-04"},
        {"name": "z2", "kind": "salvage_area", "area_km2": 12_345_678.49, "stage": "first stage"},
        {"name": "z3", "kind": "constructor", "geometry_method": "constructor", "raw_text": "r"},
        {"name": "z4", "kind": "debris_footprint", "geometry_method": "derived",
         "raw_text": "model", "area_km2": -0.2},
    ],
    "tracks": [
        {"name": "t", "azimuth_deg": 179.95, "inclination_deg": 90, "length_km": 1234567,
         "end_reason": HOSTILE, "geometry_note": "n"},
        {"name": "t2", "azimuth_deg": "south", "length_km": None},
    ],
    "sites": [
        {"name": "s", "names": {"en": "s", "ko": HOSTILE, "ru": "Р"}, "precision_m": 2.5,
         "kind": "launch_site"},
        {"name": "s2", "names": "not a mapping", "precision_m": 1e20},
    ],
    "footprints": [
        {"name": HOSTILE, "event_name": HOSTILE, "version": HOSTILE, "survival": HOSTILE,
         "observed": HOSTILE, "rejected": "", "area_km2": 1234.5, "raw_text": HOSTILE},
        {"name": "f", "area_km2": None, "observed": None},
    ],
    "scenarios": [
        {"name": HOSTILE, "breakup": HOSTILE, "distance_km": 166, "spread_km": 0.5,
         "vehicle_then": HOSTILE, "raw_text": "model"},
        {"name": "s", "distance_km": "far", "spread_km": None},
    ],
}


def _features(props_list, prefix):
    return [{"type": "Feature", "id": f"{prefix}{i}", "properties": {"id": f"{prefix}{i}", **props},
             "geometry": {"type": "Point", "coordinates": [124.7, 39.6]}}
            for i, props in enumerate(props_list)]


@pytest.fixture(scope="module")
def map_page(browser, layers):
    page = browser.new_page()
    page.set_content(standalone_html(make_map(layers)))
    page.wait_for_function("() => typeof geoFeatureLayer !== 'undefined'", polling=100)
    yield page
    page.close()


@pytest.mark.parametrize("name", registry.NAMES)
def test_browser_popups_equal_server_popups(map_page, layers, name):
    spec = registry.BY_NAME[name]
    sent = browser_properties(spec, wanted_fields(registry.BUILTIN).get(name, ()))
    related = popup.related_in(layers)
    for item in layers[name] + _features(ODD[name], f"odd-{name}-"):
        props = {**item["properties"], "id": item["id"]}
        for card in (False, True):
            in_browser = map_page.evaluate(
                "([spec, props, card]) => geoPopups.render(spec, props, "
                "{related: geoFeatureLayer.related}, card)", [spec.popup.to_json(), sent(props), card])
            assert in_browser == popup.render(spec.popup, props, related, card=card), (item["id"], card)


def test_hostile_popups_run_no_script(browser):
    page = browser.new_page()
    try:
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        layers = {name: _features(ODD[name], name[0]) for name in ("events", "sites")}
        page.set_content(standalone_html(make_map(layers)))
        page.wait_for_function("() => typeof geoFeatureLayer !== 'undefined'", polling=100)
        page.wait_for_timeout(300)  # the canvas draws at the next animation frame
        page.wait_for_function("() => geoExplorer.state().ready", polling=100)
        page.evaluate("""() => geoFeatureLayer.features(geoExplorer.map())
            .forEach(f => { geoExplorer.choose(f.id, "map");
                            document.querySelector(".geo-card-actions button").click(); })""")
        page.wait_for_timeout(500)
        assert page.evaluate("() => window.__xss") is None
        assert dialogs == []
        assert page.locator(".leaflet-popup-content").count() >= 1
    finally:
        page.close()
