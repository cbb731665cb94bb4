"""The sidebar's analysis tools, run by Streamlit without a browser (AppTest)."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

NOTICE = "1. 36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E, 35-19N 124-30E\n" \
         "2. 33-16N 124-11E, 33-16N 125-09E, 32-22N 124-11E, 32-21N 125-08E"


def _notice_app() -> None:
    import streamlit as st

    from geo.app.analysis import render_notice_box
    from geo.app.state import ExplorerState

    state = st.session_state.setdefault("s", ExplorerState())
    features = render_notice_box(state)
    st.caption(f"features: {len(features) if features else 0}")


def _analysis_app() -> None:
    import streamlit as st

    from geo.app.analysis import render_distances, render_rings_control
    from geo.app.state import ExplorerState
    from geo.layers.files import read_layers
    from tests.conftest import LAYERS

    state = st.session_state.setdefault("s", ExplorerState())
    sites = read_layers(LAYERS, ("sites",))["sites"]
    render_distances(sites)
    rings = render_rings_control(state, sites)
    st.caption(f"rings: {[r['properties']['radius_km'] for r in rings]}")


def test_pasting_a_notice_draws_its_areas():
    at = AppTest.from_function(_notice_app).run()
    assert at.caption[0].value == "features: 0"
    at.text_area[0].input(NOTICE).run()
    assert not at.error
    assert "Pasted area 1" in at.caption[0].value and "Pasted area 2" in at.caption[0].value
    assert at.caption[1].value == "features: 2"


def test_a_bad_notice_shows_where_it_went_wrong_as_plain_text():
    at = AppTest.from_function(_notice_app).run()
    at.text_area[0].input("1. 36-04N 124-30E, 36-04N 124-54E, 35-19X 124-54E [x](javascript:y) **b**").run()
    assert at.error and "nothing from it is on the map" in at.error[0].value
    (shown,) = at.text  # the user's text, as text: never rendered as Markdown
    assert shown.value.startswith("notice:1:") and "35-19X" in shown.value
    assert at.caption[0].value == "features: 0"


def test_several_notices_are_drawn_and_a_refused_one_is_named():
    second = "NAVAREA XI 124/24\n1. 36-04N 124-30E, 36-04N 124-54E, 35-19X 124-54E, 35-19N 124-30E\n"
    at = AppTest.from_function(_notice_app).run()
    at.text_area[0].input("NAVAREA XI 123/24\n" + NOTICE + "\n\n" + second).run()
    assert at.warning and "1 of the notices could not be read" in at.warning[0].value
    (shown,) = at.text
    assert shown.value.startswith("notice:6:") and "35-19X" in shown.value
    shown = re.sub(r"\\(.)", r"\1", at.caption[0].value)  # Markdown escapes (geo.app.plain)
    assert shown.startswith("2 notices: 1 read (2 areas), 1 refused")
    assert at.caption[1].value == "features: 2"


def test_the_notice_box_has_the_parser_s_size_limit():
    from geo.notices import MAX_NOTICES_CHARS

    at = AppTest.from_function(_notice_app).run()
    assert at.text_area[0].max_chars == MAX_NOTICES_CHARS


def test_distances_and_rings_panels():
    at = AppTest.from_function(_analysis_app).run()
    (table,) = at.get("html")
    assert "<th>from</th>" in table.proto.body and "Pyongyang" in table.proto.body
    assert at.caption[0].value == "rings: []"
    at.selectbox[0].select("sohae").run()
    assert at.caption[0].value == "rings: [100.0, 500.0, 1000.0]"
