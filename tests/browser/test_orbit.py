"""The orbit tool in a real browser: pasted element sets become a ground-track layer whose
pieces stay within -180..180 and are listed in the legend."""

from __future__ import annotations

import pytest

from ..conftest import DATA
from .helpers import SIDEBAR, assert_clean, explorer, tools, wait_for, wait_ready
from .test_upload import _open_sidebar, _wait_for_layers

pytestmark = pytest.mark.browser
TLE = (DATA / "orbits" / "malligyong-1.tle").read_text()


def test_a_pasted_element_set_is_drawn_as_a_ground_track(server, page):
    page.goto(server + "/")
    frame = wait_ready(page)
    _open_sidebar(page)
    tools(page).get_by_role("tab", name="Orbits").click()
    area = tools(page).locator(f"{SIDEBAR} textarea[aria-label='Element sets']")
    area.fill(TLE)
    area.press("Control+Enter")
    layers = _wait_for_layers(page, 1)
    assert layers.get("orbit-malligyong-1", 0) >= 2
    spans = frame.evaluate("""() => {
        const layer = geoFeatureLayer.byName("orbit-malligyong-1");
        const out = [];
        for (let i = 0; i < layer.size(); i++) {
            const b = layer.boundsOf([i]);
            const shape = layer.shapes[i];
            out.push([b.getWest(), b.getEast(), !!shape && geoExplorer.map().hasLayer(shape)]);
        }
        return out;
    }""")
    # each piece drawn, within -180..180: split at the antimeridian, none runs off the world
    assert spans and all(-180 <= west <= east <= 180 and drawn for west, east, drawn in spans)
    style = frame.evaluate("() => geoFeatureLayer.byName('orbit-malligyong-1').packed.styleOf(0)")
    assert style["fill"] is False  # a track is a line: never filled between its ends
    legend = wait_for(lambda: explorer(page).locator(".geo-layers").inner_text(), what="the legend")
    assert "Ground track: MALLIGYONG-1" in legend
    assert_clean(page, "orbit-track.png")
