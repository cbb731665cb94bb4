"""The sidebar's orbit tool (AppTest, no browser): pasted element sets become a ground-track
layer of the session; the passes over a site are listed; bad sets are named as text."""

from __future__ import annotations

import json
from pathlib import Path

import sgp4
from streamlit.testing.v1 import AppTest

from geo.app import sessions
from geo.app.pass_place import POINT, clicked, point_place
from geo.app.satellites import catalogue_satellites, record_text, sources_text

from ..conftest import ROOT

APP = str(ROOT / "geo" / "app" / "page.py")
TLE = (ROOT / "tests" / "data" / "orbits" / "malligyong-1.tle").read_text()


def _run() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _payload(at: AppTest) -> dict:
    (component,) = at.get("component_instance")
    session = sessions.find(json.loads(component.proto.json_args)["token"])
    assert session is not None
    return json.loads(session.payload())


def test_pasted_element_sets_draw_the_ground_track_and_list_passes():
    at = _run()
    at.text_area(key="orbit_elements").input(TLE).run()
    at.text_input(key="orbit_elements_at").input("2024-06-07T05:01:07Z").run()
    assert not at.exception and not at.error
    (layer,) = _payload(at)["layers"]
    assert layer["spec"]["name"] == "orbit-malligyong-1" and layer["spec"]["namespace"] == "orbit"
    assert layer["spec"]["title"] == "Ground track: MALLIGYONG-1"
    assert len(layer["data"]["ids"]) >= 2 and all(i.startswith("track-58400-") for i in layer["data"]["ids"])
    assert not at.warning  # within a day of the 6 June set
    (history,) = at.dataframe
    assert list(history.value["manoeuvre"]) == ["", "raise", ""]  # the 6-12 June 2024 raise
    at.selectbox(key="orbit_elements_site").select("pyongyang-gscc").run()
    table = at.dataframe[0]
    assert len(table.value) >= 3 and table.value["rise_local"].str.endswith("+09:00").all()


def test_far_from_the_epochs_it_says_it_is_not_a_position():
    at = _run()
    at.text_area(key="orbit_elements").input(TLE).run()
    at.text_input(key="orbit_elements_at").input("2024-06-20T00:00Z").run()
    assert at.warning and "not a position" in at.warning[0].value
    assert _payload(at)["layers"]


def test_a_bad_element_set_is_named_as_text_and_nothing_is_drawn():
    at = _run()
    lines = TLE.splitlines()
    lines[1] = lines[1][:68] + "0"
    at.text_area(key="orbit_elements").input("\n".join(lines)).run()
    assert at.error and "line 2, field 'checksum'" in at.text[0].value
    assert _payload(at)["layers"] == []


def test_a_group_of_satellites_is_drawn_one_at_a_time():
    ver = (Path(sgp4.__file__).parent / "SGP4-VER.TLE").read_text().splitlines()
    i = next(n for n, line in enumerate(ver) if line.startswith("1 28057"))
    at = _run()
    at.text_area(key="orbit_elements").input(f"{TLE}\nCBERS 2\n{ver[i][:69]}\n{ver[i + 1][:69]}\n").run()
    assert not at.error
    at.selectbox(key="orbit_elements_norad").select(28057).run()
    (layer,) = _payload(at)["layers"]
    assert layer["spec"]["title"] == "Ground track: CBERS 2"


def test_the_catalogue_satellites_are_the_three_in_orbit_with_their_sources(layers):
    found = catalogue_satellites(layers["events"])
    assert list(found) == [39026, 41332, 58400]  # in the order of their launches
    kms3 = record_text(found[39026])
    assert "NORAD 39026 · COSPAR 2012-072A" in kms3 and "Decayed 2023-09-13" in kms3
    assert "Launched 2012-12-12T00:49Z UTC from Sohae" in kms3
    assert "decayed 2023-09-13: MBC" in kms3  # which source gives the decay
    assert "in orbit at the last report" in record_text(found[58400])
    assert "diver-osint-ctf/writeups" in sources_text(found[58400])


def test_choosing_a_catalogue_satellite_shows_its_record_and_picks_its_sets():
    at = _run()
    at.selectbox(key="orbit_elements_catalogue").select(41332).run()
    shown = "\n".join(t.value for t in at.text)
    assert "NORAD 41332 · COSPAR 2016-009A" in shown and "Decayed 2023-06-30" in shown
    assert "VOA Korean" in shown
    at.text_area(key="orbit_elements").input(TLE).run()  # sets of 58400, not 41332
    assert at.error and "not of the catalogue satellite" in at.error[0].value
    assert "no element set of NORAD 41332" in "\n".join(t.value for t in at.text)
    assert not _payload(at)["layers"]
    at.selectbox(key="orbit_elements_catalogue").select(58400).run()
    assert not at.error and _payload(at)["layers"]


def test_passes_over_a_typed_point_are_in_the_time_zone_there():
    at = _run()
    at.text_area(key="orbit_elements").input(TLE).run()
    at.text_input(key="orbit_elements_at").input("2024-06-07T05:01:07Z").run()
    at.selectbox(key="orbit_elements_site").select(POINT).run()
    at.text_input(key="orbit_elements_point").input("13.4443,144.7937").run()  # Guam
    assert not at.error
    table = at.dataframe[0].value
    assert len(table) >= 3 and table["rise_local"].str.endswith("+10:00").all()
    captions = " ".join(c.value.replace("\\", "") for c in at.caption)
    assert "passes over 13.4443, 144.7937 within a day of that time, local times in Pacific/Guam" in captions
    at.text_input(key="orbit_elements_point").input("91,0").run()
    assert at.error and at.error[0].value == "The point cannot be read."
    assert "latitude within ±90" in at.text[-1].value


def test_a_clicked_point_is_read_as_a_typed_one():
    assert clicked({"point": [13.4443, 144.7937], "click": 2}) == (2, "13.4443,144.7937")
    for bad in (None, {"point": [1, 2]}, {"point": ["1", 2], "click": 1}, {"point": [True, 2], "click": 1},
                {"point": [1], "click": 1}, [1, 2]):
        assert clicked(bad) is None
    assert point_place("13.4443,144.7937").zone == "Pacific/Guam"
