"""The sidebar's orbit tool: paste element sets, draw the ground track around a moment on the
map, list the passes over a site.

Thin on purpose: the work is in geo.orbits. What the user pasted is shown back as text only
(st.text, st.dataframe), never as Markdown.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from ..errors import DataError, GeoError
from ..orbits.elements import of_one_satellite, read_elements
from ..orbits.history import MANOEUVRE_RULE, history, rows
from ..orbits.passes import passes
from ..orbits.track import ground_track, iso_ms
from .language import local_name, number, say, say_count
from .state import ORBIT_KEY, ExplorerState, Features

MAX_CHARS = 200_000
HOURS_CHOICES = (1.5, 3.0, 6.0, 12.0, 24.0)
FAR_DAYS = 3.0


def _moment(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def track_features(sets: list, centre: datetime, hours: float) -> Features:
    """The ground track from hours/2 before to hours/2 after centre, as the map's features: each
    piece with an id, its time span and the note on how it was derived."""
    half = timedelta(hours=hours / 2)
    pieces = ground_track(sets, centre - half, centre + half, 30.0)["features"]
    out = []
    for n, piece in enumerate(pieces):
        props = piece["properties"]
        props = {"id": f"track-{props['norad_id']}-{n + 1}", **props,
                 "kind": "ground_track", "time_from": props["times"][0], "time_to": props["times"][-1],
                 "geometry_note": props["note"]}
        out.append({**piece, "id": props["id"], "properties": props})
    return out


def render_orbit_tab(state: ExplorerState, sites: list[dict[str, Any]]) -> Features:
    """Element sets in, the track's features out (none when nothing is pasted or it failed);
    the passes over the chosen site as a table."""
    text = st.text_area(say("orbit.label"), key=ORBIT_KEY, height=120, max_chars=MAX_CHARS,
                        help=say("orbit.help"),
                        placeholder="MALLIGYONG-1\n1 58400U 23179A   24158.19566690 …\n2 58400  97.4052 …")
    if not text or not text.strip():
        state.orbit = None
        return []
    try:
        sets = read_elements(text, "the element sets")
    except DataError as exc:
        st.error(say("orbit.unread"))
        st.text("\n".join(str(p) for p in exc.problems[:20]))
        return []
    names = {es.norad_id: f"{es.name} ({es.norad_id})".strip() for es in sets}
    if len(names) > 1:  # a group file: one satellite at a time, never a track that jumps
        chosen = st.selectbox(say("orbit.satellite"), sorted(names), key=f"{ORBIT_KEY}_norad",
                              format_func=lambda n: names[n])
        sets = of_one_satellite(sets, chosen)
    first = sets[0].epoch
    around = st.text_input(say("orbit.around"), key=f"{ORBIT_KEY}_at", placeholder=iso_ms(first))
    centre = _moment(around) if around.strip() else first
    if centre is None:
        st.error(say("orbit.bad_time"))
        return []
    hours = st.selectbox(say("orbit.hours"), HOURS_CHOICES, index=1, key=f"{ORBIT_KEY}_hours")
    places = {site["id"]: local_name(site["properties"]) or site["id"] for site in sites}
    site_id = st.selectbox(say("orbit.passes_over"), [None, *places], key=f"{ORBIT_KEY}_site",
                           format_func=lambda sid: say("rings.none") if sid is None else places[sid])
    key = (text, sets[0].norad_id, centre, hours)
    if state.orbit is None or state.orbit[0] != key:
        try:
            state.orbit = (key, track_features(sets, centre, float(hours)))
        except GeoError as exc:
            st.error(say("orbit.failed"))
            st.text(str(exc))
            return []
    features = state.orbit[1]
    far = max((f["properties"]["days_from_epoch"] for f in features), default=0.0)
    if far > FAR_DAYS:
        st.warning(say("orbit.far", days=number(far, 1)))
    satellites = sorted({f"{es.name or 'NORAD'} ({es.norad_id})" for es in sets})
    st.caption(say_count("orbit.caption", len(sets), satellites=", ".join(satellites),
                         start=features[0]["properties"]["time_from"] if features else "-",
                         end=features[-1]["properties"]["time_to"] if features else "-"))
    if site_id is not None:
        _passes_table(sets, next(s for s in sites if s["id"] == site_id), centre)
    if len(sets) > 1:
        _history_chart(sets)
    return features


def _history_chart(sets: list) -> None:
    """Perigee and apogee against time, and the table with the manoeuvres the rule flags."""
    try:
        table = pd.DataFrame(rows(history(sets)))
    except GeoError as exc:
        st.error(say("orbit.history_failed"))
        st.text(str(exc))
        return
    flagged = int((table["manoeuvre"] != "").sum())
    with st.expander(say_count("orbit.history", len(table), flagged=flagged)):
        heights = table[["epoch", "perigee_km", "apogee_km"]].melt("epoch", var_name="height",
                                                                   value_name="km")
        heights["epoch"] = pd.to_datetime(heights["epoch"])
        heights["km"] = heights["km"].astype(float)
        # not from zero: the changes that matter are kilometres on 500
        chart = alt.Chart(heights, height=180).mark_line(point=True).encode(
            x=alt.X("epoch:T", title=None), y=alt.Y("km:Q", scale=alt.Scale(zero=False), title="km"),
            color=alt.Color("height:N", title=None, legend=alt.Legend(orient="bottom")))
        st.altair_chart(chart, width="stretch")
        st.dataframe(table[["epoch", "perigee_km", "apogee_km", "inclination_deg", "period_min",
                            "residual_km", "manoeuvre"]], hide_index=True, width="stretch")
        st.caption(MANOEUVRE_RULE)


def _passes_table(sets: list, site: dict[str, Any], centre: datetime) -> None:
    lon, lat = site["geometry"]["coordinates"][:2]
    zone = str(site["properties"].get("timezone") or "UTC")
    try:
        found = passes(sets, float(lat), float(lon), centre - timedelta(days=1), centre + timedelta(days=1),
                       0.0, zone)
    except GeoError as exc:
        st.error(say("orbit.passes_failed"))
        st.text(str(exc))
        return
    st.caption(say("orbit.passes_caption", site=local_name(site["properties"]), zone=zone))
    columns = ["rise_local", "culminate_local", "set_local", "max_elevation_deg", "days_from_epoch"]
    st.dataframe(pd.DataFrame(found, columns=columns), hide_index=True, width="stretch")
