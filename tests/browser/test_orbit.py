"""The orbit tool in a real browser: pasted or uploaded element sets become a ground-track
layer whose pieces stay within -180..180 and are listed in the legend; the satellite is drawn on
it at the playhead (computed in the browser from the track's times); passes over a clicked
point are in the time zone there."""

from __future__ import annotations

import json
import math
from datetime import datetime

import pytest

from geo.orbits.elements import read_elements
from geo.orbits.track import nearest, position

from ..conftest import DATA
from .helpers import SIDEBAR, assert_clean, explorer, map_point, tools, wait_for, wait_ready
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


ORBIT_FILE = f'{SIDEBAR} .st-key-orbit_elements_file input[type="file"]'


def test_a_file_of_element_sets_is_drawn_and_a_bad_one_named_as_text(server, page):
    page.goto(server + "/")
    wait_ready(page)
    _open_sidebar(page)
    tools(page).get_by_role("tab", name="Orbits").click()
    bad = TLE.replace("0  9999\n2 58400  97.4052", "0  9990\n2 58400  97.4052", 1)
    tools(page).set_input_files(ORBIT_FILE, files=[
        {"name": "[x](http://example.com) *m*.tle", "mimeType": "text/plain", "buffer": bad.encode()}])
    sidebar = tools(page).locator(SIDEBAR)
    sidebar.get_by_text("line 2, field 'checksum'", exact=False).wait_for(timeout=60_000)
    text = sidebar.inner_text().replace("\u2060", "")  # plain()'s word joiners stop autolinks
    assert "[x](http://example.com) *m*.tle could not be read" in text  # as typed, not Markdown
    links = sidebar.locator("a[href*='example.com']")
    assert links.count() == 0, links.evaluate_all("ls => ls.map(l => l.parentElement.outerHTML)")
    tools(page).set_input_files(ORBIT_FILE, files=[
        {"name": "malligyong-1.tle", "mimeType": "text/plain", "buffer": TLE.encode()}])
    layers = _wait_for_layers(page, 1)
    assert layers.get("orbit-malligyong-1", 0) >= 2


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = (tuple(math.radians(v) for v in p) for p in (a, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _sgp4_at(iso: str) -> tuple[float, float]:
    when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    lon, lat, _ = position(nearest(read_elements(TLE), when), when)
    return lat, lon


def _paste(page, text: str, around: str) -> None:
    tools(page).get_by_role("tab", name="Orbits").click()
    area = tools(page).locator(f"{SIDEBAR} textarea[aria-label='Element sets']")
    area.fill(text)
    area.press("Control+Enter")
    _wait_for_layers(page, 1)
    moment = tools(page).locator(f"{SIDEBAR} input[aria-label='Track around (ISO UTC)']")
    moment.fill(around)
    moment.press("Enter")


def test_the_satellite_moves_on_its_track_with_the_playhead(server, page):
    page.goto(server + "/")
    frame = wait_ready(page)
    _open_sidebar(page)
    hostile = TLE.replace("MALLIGYONG-1", "M-1 <img src=x onerror=window.__xss=1>", 1)  # a name line
    _paste(page, hostile, "2024-06-07T05:01:07Z")
    _wait_for_layers(page, 1)
    drawn = wait_for(lambda: "at 2024-06-07T05:01:07Z" in json.dumps(
        frame.evaluate("() => geoSatellite.drawn()")) and frame.evaluate("() => geoSatellite.drawn()"),
        30, what="the satellite on the track around the moment asked")
    ((name, at),) = drawn.items()
    # no playhead: at the moment the track is around, where SGP4 puts it (and where pyorbital
    # put it for the DIVER OSINT CTF write-up: 31.4519 N, 100.6058 W)
    assert _km((at["lat"], at["lon"]), _sgp4_at("2024-06-07T05:01:07Z")) < 1.0
    assert _km((at["lat"], at["lon"]), (31.4519, -100.6058)) < 5.0
    assert at["text"].startswith("M-1 <img src=x onerror=window.__xss=1> at 2024-06-07T05:01:07Z")
    for iso in ("2024-06-07T05:11:22Z", "2024-06-07T04:00:00Z", "2024-06-07T06:29:45Z"):
        frame.evaluate("(t) => geoExplorer.setPlayhead(Date.parse(t))", iso)
        at = frame.evaluate("() => geoSatellite.drawn()")[name]
        assert _km((at["lat"], at["lon"]), _sgp4_at(iso)) < 1.0, iso  # between vertices, in the browser
        assert iso.replace("Z", "") in at["text"]
    lanes = frame.evaluate("() => geoExplorer.timeline().lanes")
    assert any(lane.startswith("Ground track") for lane in lanes)  # the track is on the timeline
    frame.evaluate("() => geoExplorer.setPlayhead(Date.parse('2024-06-07T03:20:00Z'))")
    assert frame.evaluate("() => geoSatellite.drawn()") == {}  # before the track: not drawn
    frame.evaluate("() => geoExplorer.setPlayhead(Date.parse('2024-06-07T09:00:00Z'))")
    assert frame.evaluate("() => geoSatellite.drawn()") == {}  # beyond the track: not drawn
    frame.evaluate("() => geoExplorer.setPlayhead(Date.parse('2024-06-07T05:01:07Z'))")
    assert frame.evaluate("() => Object.keys(geoSatellite.drawn())") == [name]
    frame.evaluate(f"() => geoExplorer.setVisible({json.dumps(name)}, false)")
    assert frame.evaluate("() => geoSatellite.drawn()") == {}  # its track hidden, so is it
    assert frame.evaluate("() => window.__xss") is None
    assert frame.evaluate("() => document.querySelectorAll('.geo-satellite-label img').length") == 0


def test_passes_over_a_clicked_point_in_its_time_zone(server, page):
    page.goto(server + "/")
    frame = wait_ready(page)
    _open_sidebar(page)
    _paste(page, TLE, "2024-06-07T05:01:07Z")
    _wait_for_layers(page, 1)
    choice = tools(page).get_by_role("combobox", name="Passes over")
    choice.click()
    choice.press_sequentially("a point")
    choice.press("Enter")
    box = tools(page).locator(f"{SIDEBAR} input[aria-label='Point (LAT,LON)']")
    box.wait_for(timeout=30_000)
    frame.evaluate("() => geoExplorer.map().setView([13.44, 144.79], 7, {animate: false})")  # Guam
    page.mouse.click(*map_point(page, 13.4443, 144.7937))
    wait_for(lambda: box.input_value() != "", 30, what="the clicked point in the box")
    lat, lon = (float(v) for v in box.input_value().split(","))
    assert abs(lat - 13.4443) < 0.02 and abs(lon - 144.7937) < 0.02
    sidebar = tools(page).locator(SIDEBAR)
    sidebar.get_by_text("local times in Pacific/Guam", exact=False).wait_for(timeout=30_000)
    assert frame.evaluate("() => !!geoPointPick.picked()")
    assert_clean(page, "orbit-passes-point.png")
