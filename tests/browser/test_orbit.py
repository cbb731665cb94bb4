"""The orbit tool in a real browser: pasted element sets become a ground-track layer whose
pieces stay within -180..180 and are listed in the legend."""

from __future__ import annotations

import pytest

from ..conftest import DATA
from .helpers import SIDEBAR, assert_clean, explorer, wait_for, wait_ready
from .test_upload import _open_sidebar, _wait_for_layers

pytestmark = pytest.mark.browser
TLE = (DATA / "orbits" / "malligyong-1.tle").read_text()


def test_a_pasted_element_set_is_drawn_as_a_ground_track(server, page):
    page.goto(server + "/")
    frame = wait_ready(page)
    _open_sidebar(page)
    page.get_by_role("tab", name="Orbits").click()
    area = page.locator(f"{SIDEBAR} textarea[aria-label='Element sets']")
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


ORBIT_FILE = f'{SIDEBAR} .st-key-orbit_elements_file input[type="file"]'


def test_a_file_of_element_sets_is_drawn_and_a_bad_one_named_as_text(server, page):
    page.goto(server + "/")
    wait_ready(page)
    _open_sidebar(page)
    page.get_by_role("tab", name="Orbits").click()
    bad = TLE.replace("0  9999\n2 58400  97.4052", "0  9990\n2 58400  97.4052", 1)
    page.set_input_files(ORBIT_FILE, files=[
        {"name": "[x](http://example.com) *m*.tle", "mimeType": "text/plain", "buffer": bad.encode()}])
    sidebar = page.locator(SIDEBAR)
    sidebar.get_by_text("line 2, field 'checksum'", exact=False).wait_for(timeout=60_000)
    text = sidebar.inner_text().replace("\u2060", "")  # plain()'s word joiners stop autolinks
    assert "[x](http://example.com) *m*.tle could not be read" in text  # as typed, not Markdown
    links = sidebar.locator("a[href*='example.com']")
    assert links.count() == 0, links.evaluate_all("ls => ls.map(l => l.parentElement.outerHTML)")
    page.set_input_files(ORBIT_FILE, files=[
        {"name": "malligyong-1.tle", "mimeType": "text/plain", "buffer": TLE.encode()}])
    layers = _wait_for_layers(page, 1)
    assert layers.get("orbit-malligyong-1", 0) >= 2
