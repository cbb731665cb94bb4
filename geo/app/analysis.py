"""The tools panel's analysis tools: paste a notice, range rings, distances between sites.

Thin on purpose: the work is in geo.notices, geo.analysis; these functions only lay out. Text
a user typed is shown as text (st.text), never as Markdown.
"""

from __future__ import annotations

from html import escape
from typing import Any

import streamlit as st

from ..analysis.rings import DEFAULT_RADII_KM, distance_table, range_rings
from ..errors import GeoError
from ..notices import MAX_NOTICES_CHARS
from ..notices.pasted import read_pasted, summary
from .language import current, local_name, number, say, say_count, sayer
from .plain import plain
from .state import NOTICE_KEY, RINGS_KEY, ExplorerState, Features

RADII_CHOICES_KM = (50, 100, 200, 300, 500, 1000, 1500, 2000, 3000)


def render_notice_box(state: ExplorerState) -> Features | None:
    """A text area for one or more notices; their areas, and each notice that could not be read
    with where. The same text gives the same features (so the map is not told to load them
    again)."""
    text = st.text_area(say("notice.label"), key=NOTICE_KEY, height=130, help=say("notice.help"),
                        max_chars=MAX_NOTICES_CHARS,
                        placeholder="36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E, 35-19N 124-30E")
    if not text or not text.strip():
        state.notice = None
        return None
    if state.notice is None or state.notice[0] != text:
        state.notice = (text, read_pasted(text))
    pasted = state.notice[1]
    if pasted.problems:
        refused = len(pasted.problems)
        if pasted.features:
            st.warning(say_count("notice.some_unread", refused))
        else:
            st.error(say("notice.unread"))
        st.text("\n".join(pasted.problems))  # the user's text, as text: never Markdown
    if not pasted.features:
        return None
    areas = ", ".join(f"{plain(item['properties'].get('name'))} "
                      f"({number(item['properties'].get('area_km2', 0))} km²)"
                      for item in pasted.features)
    counted = f"{summary(pasted.readings, current())}. " if len(pasted.readings) > 1 else ""
    st.caption(say("notice.shown", counted=plain(counted), areas=areas))
    return pasted.features


def render_distances(sites: list[dict[str, Any]]) -> None:
    """The geodesic distances and initial bearings between the sites, as a table that fits."""
    try:
        table = distance_table(sites)
    except GeoError as exc:
        st.error(say("distances.failed"))
        st.text(str(exc))
        return
    rows = "".join(f"<tr><td>{escape(str(r['from']))}</td><td>{escape(str(r['to']))}</td>"
                   f"<td class=n>{number(r['distance_km'])}</td><td class=n>{r['bearing_deg']:.0f}°</td></tr>"
                   for r in table.to_dict("records"))
    st.html('<style>.geo-dist{border-collapse:collapse;font-size:12px;width:100%}'
            ".geo-dist th,.geo-dist td{padding:2px 4px;border-bottom:1px solid #eee;text-align:left;"
            "vertical-align:top}.geo-dist .n{text-align:right;white-space:nowrap}</style>"
            f'<table class="geo-dist"><tr><th>{escape(say("distances.from"))}</th>'
            f'<th>{escape(say("distances.to"))}</th><th class=n>km</th>'
            f'<th class=n>{escape(say("distances.bearing"))}</th></tr>{rows}</table>')


def render_rings_control(state: ExplorerState, sites: list[dict[str, Any]]) -> Features:
    """Choose a site and radii; the range-ring features to draw (none when nothing chosen)."""
    if not sites:
        return []
    names = {site["id"]: local_name(site["properties"]) or site["id"] for site in sites}
    words = sayer()
    site_id = st.selectbox(say("rings.around"), [None, *names], key=f"{RINGS_KEY}_site",
                           placeholder=say("app.choose"),
                           format_func=lambda sid: words("rings.none") if sid is None else names[sid])
    radii = st.multiselect(say("rings.radii"), RADII_CHOICES_KM, default=list(DEFAULT_RADII_KM),
                           key=f"{RINGS_KEY}_radii", placeholder=say("app.choose"))
    if site_id is None or not radii:
        state.rings = None
        return []
    key = (site_id, tuple(sorted(radii)))
    if state.rings is None or state.rings[0] != key:
        site = next(item for item in sites if item["id"] == site_id)
        try:
            state.rings = (key, range_rings(site, radii))
        except GeoError as exc:
            st.error(say("rings.failed"))
            st.text(str(exc))
            return []
    return state.rings[1]
