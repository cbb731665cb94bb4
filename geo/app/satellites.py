"""The catalogue's satellites in the orbit tool: choose one to see its record (NORAD and COSPAR
numbers, launch, decay, and the source of each) and to pick its element sets from a file of many.

The records are the events layer's launches that reached orbit: one description, the one the
event's card shows. Every text is shown with st.text, never as Markdown; its words are the
catalogue's (geo.i18n), its values the record's.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ..i18n.catalogue import DEFAULT, translate
from .language import current, local_name, say, sayer
from .state import ORBIT_KEY

CATALOGUE_KEY = f"{ORBIT_KEY}_catalogue"


def catalogue_satellites(events: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """{NORAD id: the launch's properties} of every launch with a satellite in orbit (another
    source's version of a launch left out), in the order of their launches."""
    found = [f["properties"] for f in events
             if f["properties"].get("norad_id") and not f["properties"].get("version_of")]
    return {int(p["norad_id"]): p for p in sorted(found, key=lambda p: p["time_utc"])}


def record_text(props: dict[str, Any], lang: str = DEFAULT, site: str | None = None) -> str:
    """The satellite's record in plain lines, as its card gives it, in lang; site is the launch
    site's name in that language (the record's English one otherwise)."""
    def say_in(key: str, **params: Any) -> str:
        return translate(lang, key, **params)

    decay = props.get("decay_date")
    site = site or props.get("site_name") or say_in("orbit.record_unknown_site")
    lines = [f"{props.get('satellite_name') or props['name']}",
             say_in("orbit.record_ids", norad=props["norad_id"],
                    cospar=props.get("cospar_id") or say_in("orbit.record_no_cospar")),
             say_in("orbit.record_launched", time=props["time_utc"], site=site, launch=props["name"]),
             say_in("orbit.record_decayed", date=decay) if decay else say_in("orbit.record_in_orbit")]
    if props.get("satellite_sources"):
        lines.append(say_in("orbit.record_sources", sources=props["satellite_sources"]))
    return "\n".join(lines)


def sources_text(props: dict[str, Any]) -> str:
    """The launch's sources, one a line: publisher, date, title, address."""
    return "\n".join(f"{s['publisher']} ({s['date']}): {s['title']} {s['url']}"
                     for s in props.get("sources") or [])


def render_satellite_choice(events: list[dict[str, Any]],
                            sites: list[dict[str, Any]] | None = None) -> dict[str, Any] | None:
    """A choice of the catalogue's satellites; the chosen one's record shown as text (its launch
    site named in the page's language, from the sites layer)."""
    satellites = catalogue_satellites(events)
    words = sayer()
    chosen = st.selectbox(say("orbit.catalogue_satellite"), [None, *satellites], key=CATALOGUE_KEY,
                          placeholder=say("app.choose"),
                          format_func=lambda n: words("orbit.catalogue_any") if n is None else
                          f"{satellites[n].get('satellite_name') or satellites[n]['name']}",
                          help=say("orbit.catalogue_help"))
    if chosen is None:
        return None
    props = satellites[chosen]
    lang = current()
    site = next((s for s in sites or [] if s.get("id") == props.get("site_id")), None)
    named = local_name(site["properties"]) if site and lang != DEFAULT else None  # else the record's
    st.text(record_text(props, lang, named))
    with st.expander(say("orbit.sources", count=len(props.get("sources") or []))):
        st.text(sources_text(props))
    return props
