"""At 10,000 events the map still draws every feature and every card says what Python says."""

from __future__ import annotations

import random
import sys

import pytest

from geo.layers import popup, registry
from geo.map.assets import standalone_html
from geo.map.explorer import make_map

from ..conftest import ROOT

pytestmark = pytest.mark.browser
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_map import synthetic_events  # noqa: E402 - the benchmark's own generator

COUNT = 10_000
_FEATURES = ("geoFeatureLayer.features(Object.keys(window).filter(k => k.startsWith('map_'))"
             ".map(k => window[k]).find(v => v instanceof L.Map))")


def test_ten_thousand_events_are_drawn_with_their_popups(browser):
    events = synthetic_events(COUNT)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.set_content(standalone_html(make_map({"events": events})), timeout=120_000)
        page.wait_for_function(f"() => typeof geoFeatureLayer !== 'undefined' && {_FEATURES}"
                               ".length >= 1", polling=200)
        page.wait_for_timeout(300)  # the canvas draws at the next animation frame
        drawn = page.evaluate(f"() => {_FEATURES}.filter(f => f.control && f.drawn).map(f => f.id)")
        assert sorted(drawn) == sorted(e["id"] for e in events)
        for event in random.Random(3).sample(events, 25):
            shown = page.evaluate("""(fid) => {
                geoExplorer.choose(fid, "map");
                const open = document.querySelectorAll(".leaflet-popup-content .geo-popup");
                return open[open.length - 1].outerHTML;  // an earlier card may still fade out
            }""", event["id"])
            expected = page.evaluate("(html) => { const d = document.createElement('div'); "
                                     "d.innerHTML = html; return d.innerHTML; }",
                                     popup.render(registry.EVENTS.popup, event["properties"],
                                                  card=True))
            assert shown == expected, event["id"]
    finally:
        page.close()
