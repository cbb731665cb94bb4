"""Streamlit panels for analysis: paste a notice, distances between sites, range rings.

Thin on purpose: the logic lives in geo.paste and geo.rings; these functions only lay out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ..analysis.rings import DEFAULT_RADII_KM, distance_table, range_rings
from ..errors import GeoError, NoticeParseError
from ..notices.pasted import notice_features, pointer

RADII_CHOICES_KM = (50, 100, 200, 300, 500, 1000, 1500, 2000, 3000)
NOTICE_HELP = ("Paste a navigational warning, NOTAM or news text with the corners of the areas, "
               "e.g. '1. 36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E, 35-19N 124-30E'.")


def areas_table(features: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per parsed area: label, corners, area, the text it was read from."""
    rows = []
    for item in features:
        props = item["properties"]
        ring = item["geometry"]["coordinates"][0]
        rows.append({"area": props.get("area_label") or props.get("name"),
                     "corners": len(ring) - 1, "area_km2": props.get("area_km2"),
                     "text": props.get("raw_text")})
    return pd.DataFrame(rows, columns=["area", "corners", "area_km2", "text"])


def render_notice_box(key: str = "notice_text") -> list[dict[str, Any]] | None:
    """A text area for a notice; shows its areas or the error; returns the features to draw."""
    text = st.text_area("Notice text", key=key, height=140, help=NOTICE_HELP,
                        placeholder="36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E, 35-19N 124-30E")
    if not text or not text.strip():
        return None
    try:
        features = notice_features(text)
    except NoticeParseError as exc:
        st.error(pointer(exc, "notice"))
        return None
    st.dataframe(areas_table(features), hide_index=True, width="stretch")
    return features


def render_distances(sites: list[dict[str, Any]]) -> None:
    """The table of geodesic distances and initial bearings between the sites."""
    try:
        st.dataframe(distance_table(sites), hide_index=True, width="stretch")
    except GeoError as exc:
        st.error(str(exc))


def render_rings_control(sites: list[dict[str, Any]], key: str = "rings") -> list[dict[str, Any]]:
    """Choose a site and radii; returns the range-ring features to draw (none when nothing chosen)."""
    if not sites:
        return []
    names = {site["id"]: str(site["properties"].get("name") or site["id"]) for site in sites}
    site_id = st.selectbox("Range rings around", [None, *names], key=f"{key}_site",
                           format_func=lambda sid: "(none)" if sid is None else names[sid])
    radii = st.multiselect("Radii (km)", RADII_CHOICES_KM, default=list(DEFAULT_RADII_KM),
                           key=f"{key}_radii")
    if site_id is None or not radii:
        return []
    site = next(item for item in sites if item["id"] == site_id)
    try:
        return range_rings(site, radii)
    except GeoError as exc:
        st.error(str(exc))
        return []
