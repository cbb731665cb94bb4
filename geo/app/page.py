"""The app's tools (Streamlit): your own data and the analysis tools, whose results are drawn
on the map.

Started by `geo serve` through geo/app/server.py. The app's front page is the explorer itself;
this page is its tools panel (a frame of that page, geo/map/static/geo/tools.js), connecting
beside the map without holding it back. A component of no size (geo/map/static/geo/bridge.js)
tells the map of the session's own layers, which the map fetches from the server's routes.
Everything a user does on the map (dates, layers, the chosen event, playback) happens in the
browser: it never reruns this script.
"""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

from geo.analysis.compare import compare_notice
from geo.app.analysis import render_distances, render_notice_box, render_rings_control
from geo.app.language import say
from geo.app.orbit import render_orbit_tab
from geo.app.routes import BRIDGE_URL, SESSION_URL, catalogue
from geo.app.state import SESSION_KEY, STATE_KEY, ExplorerState
from geo.app.upload import UserLayers, render_upload
from geo.errors import GeoError
from geo.layers import registry

# The panel is narrow: little padding, no header bar, and the session's component takes no room.
PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding: 0.75rem 1rem 2rem !important; max-width: none !important; }
[data-testid="stHeader"] { display: none !important; }
.st-key-geo_session, iframe[src^="/geo/bridge"] { display: none !important; }
</style>"""

session_component = components.declare_component("session", url=BRIDGE_URL)


def _state() -> ExplorerState:
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = ExplorerState()
    state: ExplorerState = st.session_state[STATE_KEY]
    return state


def _analysis(state: ExplorerState, sites: list[dict], layers: dict) -> tuple[UserLayers, dict | None]:
    """The notice, rings and distances tabs; the layers they draw and the notice's comparison."""
    notice_tab, rings_tab, distance_tab, orbit_tab = st.tabs(
        [say("app.tab_notice"), say("app.tab_rings"), say("app.tab_distances"), say("app.tab_orbits")])
    drawn: UserLayers = {}
    compared = None
    with notice_tab:
        pasted = render_notice_box(state)
        if pasted:
            key = registry.user_key(registry.PASTED, "notice")
            drawn[key] = (registry.user_spec(key, say("app.your_text")), pasted)
            compared = compare_notice(pasted, layers).to_json()
    with rings_tab:
        rings = render_rings_control(state, sites)
        if rings:
            site = str(rings[0]["properties"].get("site_id") or "site")
            key = registry.user_key(registry.RINGS, site)
            drawn[key] = (registry.user_spec(key, str(rings[0]["properties"]["site_name"])), rings)
    with distance_tab:
        render_distances(sites)
    with orbit_tab:
        track = render_orbit_tab(state, sites, layers[registry.EVENTS.name])
        if track:
            name = str(track[0]["properties"]["name"] or track[0]["properties"]["norad_id"])
            key = registry.user_key(registry.ORBIT, name)
            drawn[key] = (registry.user_spec(key, name), track)
    return drawn, compared


def main() -> None:
    """Lay out the panel: your data, the analysis tools, and the session's component."""
    st.set_page_config(page_title=say("app.page_title"), layout="wide",
                       initial_sidebar_state="collapsed")
    st.html(PAGE_CSS)
    try:
        found = catalogue()
    except (GeoError, OSError) as exc:
        st.error(say("app.cannot_load"))
        st.text(str(exc))
        st.stop()
    layers = found.layers
    if found.problem:
        st.warning(say("app.last_good"))
        st.text(found.problem)
    state = _state()
    uploaded = render_upload(state)
    st.subheader(say("app.analysis"))
    drawn, compared = _analysis(state, layers[registry.SITES.name], layers)
    session = state.session
    session.update({**uploaded, **drawn}, compared)
    # a warning about the layers opens the panel: the user must see it beside the map
    session_component(token=session.token, version=session.version,
                      layers_url=f"{SESSION_URL}/{session.token}/layers.json?v={session.version}",
                      warn=found.problem is not None, pick_point=state.pick_point,
                      key=SESSION_KEY, default=None)


main()
