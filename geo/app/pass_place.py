"""Where the orbit tool lists passes: a catalogue site (in its own time zone) or a point typed as
LAT,LON or clicked on the map (in the time zone at that point, geo.orbits.place).

A clicked point comes from the browser as the map component's value; it is read and checked
exactly as a typed one is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from ..errors import GeoError
from ..orbits.place import read_point, zone_at
from .language import local_name, say, sayer
from .state import ORBIT_KEY, SESSION_KEY, ExplorerState

SITE_KEY = f"{ORBIT_KEY}_site"
POINT_KEY = f"{ORBIT_KEY}_point"
POINT = "(a point: type LAT,LON or click the map)"
"""The choice of a point among the sites (a value, never shown: the page says orbit.point_choice)."""


@dataclass(frozen=True)
class Place:
    """A place to list passes over."""

    name: str
    lat: float
    lon: float
    zone: str


def clicked(value: Any) -> tuple[int, str] | None:
    """(click number, 'LAT,LON') of the map component's value when it is a clicked point."""
    if not isinstance(value, dict) or not isinstance(value.get("click"), int):
        return None
    point = value.get("point")
    if not (isinstance(point, list) and len(point) == 2 and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in point)):
        return None
    return value["click"], f"{point[0]:.4f},{point[1]:.4f}"


def site_place(site: dict[str, Any], name: str | None = None) -> Place:
    """A catalogue site as a place (named name, or by its English name), in its own time zone."""
    lon, lat = site["geometry"]["coordinates"][:2]
    return Place(name or str(site["properties"].get("name") or site["id"]), float(lat), float(lon),
                 str(site["properties"].get("timezone") or zone_at(float(lat), float(lon))))


def point_place(text: str) -> Place:
    """A typed or clicked LAT,LON as a place, in the time zone at that point."""
    lat, lon = read_point(text, "The point")
    return Place(f"{lat:.4f}, {lon:.4f}", lat, lon, zone_at(lat, lon))


def render_place(state: ExplorerState, sites: list[dict[str, Any]]) -> Place | None:
    """The choice of a site or a point; the place chosen, or None (nothing chosen, or a point
    that cannot be read, said in words)."""
    names = {site["id"]: local_name(site["properties"]) or site["id"] for site in sites}
    words = sayer()
    choice = st.selectbox(say("orbit.passes_over"), [None, POINT, *names], key=SITE_KEY,
                          placeholder=say("app.choose"),
                          format_func=lambda sid: words("orbit.no_place") if sid is None else
                          words("orbit.point_choice") if sid == POINT else names[sid])
    state.pick_point = choice == POINT
    if choice is None:
        return None
    if choice != POINT:
        return site_place(next(s for s in sites if s["id"] == choice), names[choice])
    picked = clicked(st.session_state.get(SESSION_KEY))
    if picked is not None and picked[0] != state.last_click:  # a new click fills the box
        state.last_click = picked[0]
        st.session_state[POINT_KEY] = picked[1]
    text = st.text_input(say("orbit.point"), key=POINT_KEY, placeholder="39.0300,125.7500",
                         help=say("orbit.point_help"))
    if not text.strip():
        return None
    try:
        return point_place(text)
    except GeoError as exc:
        st.error(say("orbit.bad_point"))
        st.text(str(exc))
        return None
