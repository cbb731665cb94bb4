"""The Streamlit page (the app's tools) without a browser (AppTest): the session's component it
mounts, which tells the map of the layers a session adds, and those layers, which the map loads
from the server's own route."""

from __future__ import annotations

import gc
import json

from streamlit.testing.v1 import AppTest

from geo.app import sessions

from ..conftest import ROOT

APP = str(ROOT / "geo" / "app" / "page.py")
NOTICE = "1. 36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E, 35-19N 124-30E"


def _run() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _args(at: AppTest) -> dict:
    (component,) = at.get("component_instance")
    assert component.proto.url == "/geo/bridge"
    return json.loads(component.proto.json_args)


def _payload(at: AppTest) -> dict:
    session = sessions.find(_args(at)["token"])
    assert session is not None
    return json.loads(session.payload())


def test_the_page_mounts_the_session_s_component():
    at = _run()
    args = _args(at)
    assert args["version"] == 0 and args["token"] and args["warn"] is False
    assert args["layers_url"] == f"/geo/session/{args['token']}/layers.json?v=0"
    assert _payload(at)["layers"] == []
    at.run()  # a rerun with nothing new keeps the version: the map is not told to reload
    assert _args(at)["version"] == 0


def test_a_pasted_notice_becomes_a_layer_of_the_session_and_is_compared():
    at = _run()
    at.text_area(key="notice_text").input(NOTICE).run()
    assert not at.exception and not at.error
    args, payload = _args(at), _payload(at)
    assert args["version"] == 1
    (layer,) = payload["layers"]
    assert layer["spec"]["name"] == "pasted-notice" and layer["spec"]["namespace"] == "pasted"
    assert layer["spec"]["title"] == "Pasted notice: your text"
    assert payload["focus"] == "pasted-notice"
    assert "February 2016" in payload["compare"]["areas"][0]["overlaps"][0]["name"]
    at.run()
    assert _args(at)["version"] == 1  # the same text: the same layer


def test_an_unreadable_notice_points_at_the_token_as_text():
    at = _run()
    at.text_area(key="notice_text").input("36-04X 124-30E, 36-04N 124-54E").run()
    assert at.error and "36-04X" in at.text[0].value
    assert _payload(at)["layers"] == []


def test_range_rings_become_a_layer_of_the_session():
    at = _run()
    at.selectbox(key="rings_site").select("sohae").run()
    (layer,) = _payload(at)["layers"]
    assert layer["spec"]["title"] == "Range rings: Sohae Satellite Launching Station"
    assert sorted(layer["data"]["ids"]) == ["sohae-ring-1000km", "sohae-ring-100km", "sohae-ring-500km"]


def test_a_session_is_freed_with_its_state():
    token = sessions.new_session().token  # held by nothing but the registry's weak reference
    gc.collect()
    assert sessions.find(token) is None
