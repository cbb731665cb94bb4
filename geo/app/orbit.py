"""The tools panel's orbit tool: paste element sets, draw the ground track around a moment on the
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
from ..orbits.elements import ElementSet, of_one_satellite, read_elements
from ..orbits.history import DRAG_SHARE, INCLINATION_DEG, NOISE_KM, history, rows
from ..orbits.passes import passes
from ..orbits.track import ground_track, iso_ms
from .elements_file import MAX_SETS, render_elements_file, show_error
from .language import number, say, say_count
from .pass_place import Place, render_place
from .plain import plain
from .satellites import render_satellite_choice
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
                 "around": iso_ms(centre),  # where the map draws the satellite with no playhead
                 "geometry_note": props["note"]}
        out.append({**piece, "id": props["id"], "properties": props})
    return out


def render_orbit_tab(state: ExplorerState, sites: list[dict[str, Any]],
                     events: list[dict[str, Any]]) -> Features:
    """Element sets in, the track's features out (none when nothing is pasted or it failed);
    the catalogue satellite chosen, its record; the passes over the chosen site as a table."""
    state.pick_point = False  # until the passes are asked over a point
    satellite = render_satellite_choice(events, sites)
    found = _element_sets(state)
    if found is None:
        state.orbit = None
        return []
    sets, origin = found
    names = {es.norad_id: f"{es.name} ({es.norad_id})".strip() for es in sets}
    if satellite is not None:  # the catalogue's choice picks its sets from the file
        try:
            sets = of_one_satellite(sets, int(satellite["norad_id"]))
        except GeoError as exc:
            st.error(say("orbit.not_of_satellite"))
            st.text(str(exc))
            return []
    elif len(names) > 1:  # a group file: one satellite at a time, never a track that jumps
        chosen = st.selectbox(say("orbit.satellite"), sorted(names), key=f"{ORBIT_KEY}_norad",
                              placeholder=say("app.choose"),
                              format_func=lambda n: names[n])
        sets = of_one_satellite(sets, chosen)
    if len(sets) > MAX_SETS:
        st.error(say("orbit.too_many", count=number(len(sets)), norad=sets[0].norad_id,
                     most=number(MAX_SETS)))
        return []
    first = sets[0].epoch
    around = st.text_input(say("orbit.around"), key=f"{ORBIT_KEY}_at", placeholder=iso_ms(first))
    centre = _moment(around) if around.strip() else first
    if centre is None:
        st.error(say("orbit.bad_time"))
        return []
    hours = st.selectbox(say("orbit.hours"), HOURS_CHOICES, index=1, key=f"{ORBIT_KEY}_hours",
                         placeholder=say("app.choose"))
    place = render_place(state, sites)
    key = (origin, sets[0].norad_id, centre, hours)
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
    decay = satellite.get("decay_date") if satellite else None
    if decay and centre.date().isoformat() > decay:
        st.warning(say("orbit.decayed", date=decay))
    satellites = sorted({f"{es.name or 'NORAD'} ({es.norad_id})" for es in sets})
    st.caption(say_count("orbit.caption", len(sets), satellites=", ".join(satellites),
                         start=features[0]["properties"]["time_from"] if features else "-",
                         end=features[-1]["properties"]["time_to"] if features else "-"))
    if place is not None:
        _passes_table(sets, place, centre)
    if len(sets) > 1:
        _history_chart(sets)
    return features


def _element_sets(state: ExplorerState) -> tuple[list[ElementSet], str] | None:
    """The element sets of the file given, else of the pasted text, with what they came from
    (a key that changes with them); None, after saying why, when there are none to use."""
    text = st.text_area(say("orbit.label"), key=ORBIT_KEY, height=120, max_chars=MAX_CHARS,
                        help=say("orbit.help"),
                        placeholder="MALLIGYONG-1\n1 58400U 23179A   24158.19566690 …\n2 58400  97.4052 …")
    file = render_elements_file(state)
    if file is not None:
        if text and text.strip():
            st.caption(say("orbit.file_used"))
        if file.error is not None:
            show_error(file.name, file.error)
            return None
        assert file.sets is not None
        return file.sets, f"file:{state.orbit_file[0] if state.orbit_file else file.name}"
    if not text or not text.strip():
        return None
    try:
        return read_elements(text, "the element sets"), f"text:{text}"
    except DataError as exc:
        show_error(None, exc)
        return None


def _history_chart(sets: list) -> None:
    """Perigee and apogee against time, and the table with the manoeuvres the rule flags."""
    try:
        table = pd.DataFrame(rows(history(sets)))
    except GeoError as exc:
        st.error(say("orbit.history_failed"))
        st.text(str(exc))
        return
    flagged = int((table["manoeuvre"] != "").sum())
    table["manoeuvre"] = table["manoeuvre"].map(manoeuvre_words)
    with st.expander(say_count("orbit.history", len(table), flagged=flagged)):
        heights = table[["epoch", "perigee_km", "apogee_km"]].rename(columns={
            "perigee_km": say("orbit.perigee"), "apogee_km": say("orbit.apogee")}).melt(
            "epoch", var_name="height", value_name="km")
        heights["epoch"] = pd.to_datetime(heights["epoch"])
        heights["km"] = heights["km"].astype(float)
        # not from zero: the changes that matter are kilometres on 500
        # dates in the page's language; no ARIA descriptions, which Vega writes in English
        chart = alt.Chart(heights, height=180).mark_line(point=True).encode(
            x=alt.X("epoch:T", title=None, axis=alt.Axis(format=say("orbit.chart_date"))),
            y=alt.Y("km:Q", scale=alt.Scale(zero=False), title="km"),
            color=alt.Color("height:N", title=None, legend=alt.Legend(orient="bottom"))).configure(aria=False)
        st.altair_chart(chart, width="stretch")
        columns = ["epoch", "perigee_km", "apogee_km", "inclination_deg", "period_min", "residual_km",
                   "manoeuvre"]
        st.dataframe(table[columns], hide_index=True, width="stretch", column_config=_headers(columns))
        st.caption(say("orbit.manoeuvre_rule", noise=f"{NOISE_KM:g}", share=f"{DRAG_SHARE:g}",
                       inclination=f"{INCLINATION_DEG:g}"))


def _passes_table(sets: list, place: Place, centre: datetime) -> None:
    try:
        found = passes(sets, place.lat, place.lon, centre - timedelta(days=1),
                       centre + timedelta(days=1), 0.0, place.zone)
    except GeoError as exc:
        st.error(say("orbit.passes_failed"))
        st.text(str(exc))
        return
    st.caption(say_count("orbit.passes_caption", len(found), site=plain(place.name), zone=plain(place.zone)))
    columns = ["rise_local", "culminate_local", "set_local", "max_elevation_deg", "days_from_epoch"]
    st.dataframe(pd.DataFrame(found, columns=columns), hide_index=True, width="stretch",
                 column_config=_headers(columns))


# The tables' columns keep their names (as geo orbit's CSV has them); the page heads them in words.
HEADERS = {"epoch": "orbit.col_epoch", "perigee_km": "orbit.col_perigee", "apogee_km": "orbit.col_apogee",
           "inclination_deg": "orbit.col_inclination", "period_min": "orbit.col_period",
           "residual_km": "orbit.col_residual", "manoeuvre": "orbit.col_manoeuvre",
           "rise_local": "orbit.col_rise", "culminate_local": "orbit.col_culminate",
           "set_local": "orbit.col_set", "max_elevation_deg": "orbit.col_elevation",
           "days_from_epoch": "orbit.col_days"}


def _headers(columns: list[str]) -> dict[str, str]:
    """Each column's heading in the page's language (Streamlit's column_config)."""
    return {column: say(HEADERS[column]) for column in columns}


def manoeuvre_words(value: str) -> str:
    """A history row's manoeuvre ('raise, plane change', as geo.orbits.history writes it) in the
    page's language."""
    return ", ".join(say(f"orbit.manoeuvre_{part.replace(' ', '_')}") for part in value.split(", ")
                     if part)
