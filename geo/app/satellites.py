"""The catalogue's satellites in the orbit tool: choose one to see its record (NORAD and COSPAR
numbers, launch, decay, and the source of each) and to pick its element sets from a file of many.

The records are the events layer's launches that reached orbit: one description, the one the
event's card shows. Every text is shown with st.text, never as Markdown.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from .state import ORBIT_KEY

CATALOGUE_KEY = f"{ORBIT_KEY}_catalogue"


def catalogue_satellites(events: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """{NORAD id: the launch's properties} of every launch with a satellite in orbit (another
    source's version of a launch left out), in the order of their launches."""
    found = [f["properties"] for f in events
             if f["properties"].get("norad_id") and not f["properties"].get("version_of")]
    return {int(p["norad_id"]): p for p in sorted(found, key=lambda p: p["time_utc"])}


def record_text(props: dict[str, Any]) -> str:
    """The satellite's record in plain lines, as its card gives it."""
    decay = props.get("decay_date")
    lines = [f"{props.get('satellite_name') or props['name']}",
             f"NORAD {props['norad_id']} · COSPAR {props.get('cospar_id') or 'not in the catalogue'}",
             f"Launched {props['time_utc']} UTC from {props.get('site_name') or 'an unknown site'}"
             f" ({props['name']})",
             f"Decayed {decay}" if decay else "No decay in the catalogue: in orbit at the last report"]
    if props.get("satellite_sources"):
        lines.append(f"Sources of these numbers: {props['satellite_sources']}")
    return "\n".join(lines)


def sources_text(props: dict[str, Any]) -> str:
    """The launch's sources, one a line: publisher, date, title, address."""
    return "\n".join(f"{s['publisher']} ({s['date']}): {s['title']} {s['url']}"
                     for s in props.get("sources") or [])


def render_satellite_choice(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A choice of the catalogue's satellites; the chosen one's record shown as text."""
    satellites = catalogue_satellites(events)
    chosen = st.selectbox("Catalogue satellite", [None, *satellites], key=CATALOGUE_KEY,
                          format_func=lambda n: "(any in the element sets)" if n is None else
                          f"{satellites[n].get('satellite_name') or satellites[n]['name']}",
                          help="Its record, and its element sets when a file holds several "
                               "satellites. The project ships no current element sets: paste "
                               "or upload them (Space-Track, CelesTrak).")
    if chosen is None:
        return None
    props = satellites[chosen]
    st.text(record_text(props))
    with st.expander(f"Sources ({len(props.get('sources') or [])})"):
        st.text(sources_text(props))
    return props
