"""The Streamlit script without a browser (AppTest): widgets, state and the map it sends."""

from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from geo.layers import registry

from ..conftest import ROOT
from ..map.mapdata import layer_visibility, packed_layers

APP = str(ROOT / "geo" / "app" / "page.py")
LAUNCH_2024 = "2024-05-27-malligyong-1-1"


def _run(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _map_ids(at: AppTest) -> set[str]:
    """Ids of catalogue features in the map script that st_folium received."""
    (component,) = at.get("component_instance")
    script = json.loads(component.proto.json_args)["script"]
    return {fid for packed in packed_layers(script) for fid in packed["ids"]}


@pytest.fixture(scope="module")
def default_app() -> AppTest:
    return _run()


def test_default_view_sends_every_feature(default_app, layers):
    assert _map_ids(default_app) == {f["id"] for feats in layers.values() for f in feats}


def test_the_map_component_loads_the_scripts_that_draw_the_layers(default_app):
    (component,) = default_app.get("component_instance")
    links = json.loads(component.proto.json_args)["js_links"]
    ours = [link for link in links if "/geo-assets/geo/" in link]
    assert ours == ["/geo-assets/geo/basemap.js", "/geo-assets/geo/basemap-layer.js",
                    "/geo-assets/geo/popups.js", "/geo-assets/geo/featurelayer.js"]
    assert links.index(ours[0]) > links.index("/geo-assets/vendor/leaflet/leaflet.js")
    (slider,) = default_app.sidebar.slider
    assert slider.value == (date(1998, 8, 31), date(2025, 10, 27))  # the last event
    assert default_app.sidebar.multiselect[0].value == ["sites", "events", "zones", "tracks"]


def test_narrowing_the_dates_drops_earlier_events_and_their_zones():
    at = _run()
    at.sidebar.slider[0].set_value((date(2023, 1, 1), date(2024, 5, 27))).run()
    ids = _map_ids(at)
    assert LAUNCH_2024 in ids and "2016-02-first-stage" not in ids
    assert "1998-08-31-kwangmyongsong-1" not in ids
    assert at.query_params["from"] in ("2023-01-01", ["2023-01-01"])


def test_choosing_an_event_shows_its_details_and_sources():
    at = _run()
    at.sidebar.selectbox[0].select(LAUNCH_2024).run()
    (details,) = at.get("html")
    assert "Malligyong-1-1" in details.proto.body and "href=" in details.proto.body
    assert at.query_params["event"] in (LAUNCH_2024, [LAUNCH_2024])


def test_a_permalink_restores_event_dates_and_layers():
    at = _run(event=LAUNCH_2024, **{"from": "2023-06-01"}, layers="events,zones")
    assert at.sidebar.selectbox[0].value == LAUNCH_2024
    assert at.sidebar.slider[0].value[0] == date(2023, 6, 1)
    assert at.sidebar.multiselect[0].value == ["events", "zones"]
    assert "Malligyong-1-1" in at.get("html")[0].proto.body


@pytest.mark.parametrize(
    "query",
    [{"event": "<script>"}, {"from": "yesterday", "to": "2999-99-99"}, {"layers": "../../etc"},
     {"lat": "nan", "lon": "1e999", "z": "-3"}, {"from": "2024-01-01", "to": "2000-01-01"}],
)
def test_bad_permalinks_fall_back_to_defaults(query):
    at = _run(**query)
    assert at.sidebar.selectbox[0].value is None
    assert not at.error


def test_hiding_a_layer_removes_it_from_the_map(layers):
    at = _run(layers="zones")
    script = json.loads(at.get("component_instance")[0].proto.json_args)["script"]
    assert at.sidebar.multiselect[0].value == ["zones"]
    assert layer_visibility(script) == {"sites": False, "events": False, "zones": True,
                                        "tracks": False, "footprints": False, "scenarios": False}
    assert _map_ids(at) >= {f["id"] for f in layers["zones"]}  # still there, to switch on
    at.sidebar.multiselect[0].set_value(["zones", "sites"]).run()
    script = json.loads(at.get("component_instance")[0].proto.json_args)["script"]
    assert layer_visibility(script)["sites"] is True
    assert at.query_params["layers"] in ("sites,zones", ["sites,zones"])


def test_downloads_are_offered_for_each_layer_and_all(default_app, layers):
    labels = [button.proto.label for button in default_app.get("download_button")]
    counts = {name: len(feats) for name, feats in layers.items()
              if registry.BY_NAME[name].visible}  # what is shown at first
    expected = [f"{name} ({count})" for name, count in counts.items()]
    for name in (*expected, f"all layers ({sum(counts.values())})"):
        assert any(label.startswith(name) for label in labels), labels
    assert "This view as an offline HTML map" in labels


def test_a_pasted_notice_is_drawn_next_to_the_catalogue():
    at = _run()
    at.text_area(key="notice_text").input(
        "1. 36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E, 35-19N 124-30E").run()
    assert not at.exception and not at.error
    script = json.loads(at.get("component_instance")[0].proto.json_args)["script"]
    assert "Pasted notice: your text" in script
    assert layer_visibility(script)["pasted-notice"] is True


def test_an_unreadable_notice_points_at_the_token():
    at = _run()
    at.text_area(key="notice_text").input("36-04X 124-30E, 36-04N 124-54E").run()
    assert at.error and "36-04X" in at.error[0].value


def test_range_rings_are_drawn_around_the_chosen_site():
    at = _run()
    at.selectbox(key="rings_site").select("sohae").run()
    script = json.loads(at.get("component_instance")[0].proto.json_args)["script"]
    assert "Range rings: Sohae Satellite Launching Station" in script
