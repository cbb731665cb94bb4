"""The map explorer (Streamlit). Reads like the page: load, filter, draw, offer downloads.

Started by `geo serve`, which turns on Streamlit's static serving so the vendored Leaflet
files under geo/static are served at /app/static: nothing comes from a CDN.
"""

from __future__ import annotations

import os
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit_folium import st_folium

from geo import assets, popups
from geo.app_analysis import render_distances, render_notice_box, render_rings_control
from geo.app_import import render_upload
from geo.build import DEFAULT_LAYERS
from geo.errors import GeoError
from geo.export import MEDIA_TYPES, SUFFIXES, export_bytes
from geo.importers import filter_by_dates
from geo.layers import read_layers
from geo.mapview import filter_layers, make_map
from geo.timeline import SELECTION, events_table, timeline_chart
from geo.viewstate import LAYER_KEYS, ViewState

LAYERS_DIR = Path(os.environ.get("GEO_LAYERS_DIR", DEFAULT_LAYERS))
DOWNLOAD_FORMATS = {"GeoJSON": "geojson", "GeoPackage": "gpkg", "KML": "kml", "CSV": "csv"}
MAP_KEY = "map"


@st.cache_data(show_spinner=False)
def load_layers(folder: str, stamp: tuple[float, ...]) -> dict[str, list[dict[str, Any]]]:
    """The built layers, cached until a layer file changes (stamp holds their mtimes)."""
    return read_layers(Path(folder))


@st.cache_data(show_spinner=False, max_entries=64)
def export_cached(layers: dict[str, list[dict[str, Any]]], fmt: str) -> bytes:
    """Export bytes, computed once per content and format."""
    return export_bytes(layers, fmt)


def _stamp(folder: Path) -> tuple[float, ...]:
    return tuple((folder / f"{name}.geojson").stat().st_mtime for name in LAYER_KEYS)


def _date_bounds(events: list[dict[str, Any]]) -> tuple[date, date]:
    table = events_table(events)
    return table["date"].min().date(), table["date"].max().date()


def _state_from_url(full: tuple[date, date], event_ids: set[str]) -> ViewState:
    if "view" not in st.session_state:
        query = {key: st.query_params[key] for key in st.query_params}
        st.session_state.view = ViewState.from_query(query, *full, event_ids)
        st.session_state.dates = (st.session_state.view.start, st.session_state.view.end)
        st.session_state.shown = list(st.session_state.view.layers)
        st.session_state.event_pick = st.session_state.view.event
        st.session_state.focused = st.session_state.view.event  # a permalink's view wins
    return st.session_state.view


def _choose(event_id: str | None) -> None:
    """Choose an event from the map or the chart; the event list shows it after the rerun.

    The list's own key cannot be set once the list is drawn in this run, so the choice waits
    under another key until the next run, which applies it before drawing the list.
    """
    st.session_state.pending_event = event_id


def _apply_pending_choice() -> None:
    if "pending_event" in st.session_state:
        st.session_state.event_pick = st.session_state.pop("pending_event")


def _sidebar(full: tuple[date, date], table: Any) -> None:
    st.sidebar.header("Filter")
    st.sidebar.slider("Date range", min_value=full[0], max_value=full[1], key="dates",
                      format="YYYY-MM-DD")
    st.sidebar.multiselect("Layers", LAYER_KEYS, key="shown")
    ids = [None, *table["id"].tolist()]
    labels = dict(zip(table["id"], table["date"].dt.strftime("%Y-%m-%d") + "  " + table["name"],
                      strict=True))
    st.sidebar.selectbox("Event", ids, key="event_pick",
                         format_func=lambda i: "(none)" if i is None else labels.get(i, i))


def _downloads(shown_layers: dict[str, list[dict[str, Any]]], html_map: Any) -> None:
    st.sidebar.header("Download what is shown")
    fmt_label = st.sidebar.radio("Format", list(DOWNLOAD_FORMATS), horizontal=True,
                                 key="download_format")
    fmt = DOWNLOAD_FORMATS[str(fmt_label)]
    choices = {**{name: {name: feats} for name, feats in shown_layers.items()},
               "all layers": shown_layers}
    for label, subset in choices.items():
        count = sum(len(feats) for feats in subset.values())
        st.sidebar.download_button(
            f"{label} ({count}) · {fmt_label}",
            data=partial(export_cached, subset, fmt),
            file_name=f"nk-launches-{label.replace(' ', '-')}{SUFFIXES[fmt]}",
            mime=MEDIA_TYPES[fmt], key=f"dl-{label}-{fmt}", disabled=count == 0,
        )
    st.sidebar.download_button("This view as an offline HTML map", data=html_map,
                               file_name="nk-launches-map.html", mime="text/html",
                               key="dl-html")


def _details(layers: dict[str, list[dict[str, Any]]], event_id: str | None) -> None:
    item = next((f for f in layers.get("events", []) if f["id"] == event_id), None)
    if item is None:
        st.caption("Choose an event in the list, on the timeline or on the map.")
        return
    st.html(popups.event_popup(item["properties"]))


def main() -> None:
    """Lay out the page."""
    st.set_page_config(page_title="North Korea launch map", layout="wide")
    try:
        layers = load_layers(str(LAYERS_DIR), _stamp(LAYERS_DIR))
    except (GeoError, OSError) as exc:
        st.error(f"Cannot load the layers: {exc}")
        st.stop()
    full = _date_bounds(layers["events"])
    table = events_table(layers["events"])
    view = _state_from_url(full, set(table["id"]))
    # The map writes its latest centre and zoom into the URL itself; reading them back here
    # would change the map's arguments on every rerun and re-mount it, losing the click.

    _apply_pending_choice()
    _sidebar(full, table)
    start, end = st.session_state.dates
    with st.sidebar:
        imported = render_upload()  # the analyst's own layers (issue 5)
    extra = filter_by_dates(imported, start, end, full)
    shown = [name for name in LAYER_KEYS if name in st.session_state.shown]
    filtered = filter_layers(layers, start, end)
    event_id = st.session_state.event_pick
    if event_id not in {f["id"] for f in filtered["events"]}:
        event_id = None
    if event_id and event_id != st.session_state.get("focused"):
        view = ViewState(view.start, view.end, view.event, view.layers)  # focus the new choice
        for key in ("lat", "lon", "z"):
            st.query_params.pop(key, None)
    st.session_state.focused = event_id

    st.title("North Korea's satellite launches")
    st.caption("Sites, launches, danger areas and debris zones, each with its sources. "
               "Dashed shapes are digitised or derived, solid ones reported.")
    left, right = st.columns([3, 2], gap="medium")
    with right:  # laid out top to bottom, filled in the order the map needs them
        timeline_box, details_box, analysis_box = st.container(), st.container(), st.container()
    with analysis_box:
        extra |= _analysis(layers["sites"])
    center = (view.lat, view.lon) if view.lat is not None and view.lon is not None else None
    with left:
        m = make_map(filtered, selected=event_id, visible=[*shown, *extra], center=center,
                     zoom=view.zoom, url_sync=True, extra=extra)
        clicked = st_folium(m, key=MAP_KEY, height=620, use_container_width=True,
                            returned_objects=["last_active_drawing"])
    picked = ((clicked or {}).get("last_active_drawing") or {}).get("properties", {}).get("id")
    if picked and picked != st.session_state.get("last_map_pick"):
        st.session_state.last_map_pick = picked
        if picked in set(table["id"]):
            _choose(picked)
            st.rerun()
    with timeline_box:
        _timeline(filtered["events"], event_id)
    with details_box:
        st.subheader("Details")
        _details(filtered, event_id)

    shown_layers = {name: filtered[name] for name in shown} | extra
    _downloads(shown_layers, partial(_standalone, filtered, event_id, shown, center, view.zoom,
                                     extra))
    new_view = ViewState(start=start, end=end, event=event_id, layers=tuple(shown),
                         lat=view.lat, lon=view.lon, zoom=view.zoom)
    _write_query(new_view.to_query(*full))


def _timeline(events: list[dict[str, Any]], event_id: str | None) -> None:
    """The chart of events over time; clicking a dot chooses that event."""
    st.subheader("Timeline")
    chosen = st.altair_chart(timeline_chart(events_table(events), event_id), key="timeline",
                             on_select="rerun", selection_mode=SELECTION, width="stretch")
    state: Any = chosen
    points = ((state or {}).get("selection") or {}).get(SELECTION) or []
    chart_pick = points[0].get("id") if points else None
    if chart_pick and chart_pick != st.session_state.get("last_chart_pick"):
        st.session_state.last_chart_pick = chart_pick
        _choose(chart_pick)
        st.rerun()


def _analysis(sites: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Paste a notice, draw range rings, read distances; returns the layers to draw."""
    st.subheader("Analysis")
    notice_tab, rings_tab, distance_tab = st.tabs(["Paste a notice", "Range rings", "Distances"])
    drawn: dict[str, list[dict[str, Any]]] = {}
    with notice_tab:
        pasted = render_notice_box()
        if pasted:
            drawn["pasted notice"] = pasted
    with rings_tab:
        rings = render_rings_control(sites)
        if rings:
            drawn["range rings"] = rings
    with distance_tab:
        render_distances(sites)
    return drawn


def _standalone(layers: dict[str, list[dict[str, Any]]], event_id: str | None, shown: list[str],
                center: tuple[float, float] | None, zoom: int | None,
                extra: dict[str, list[dict[str, Any]]]) -> str:
    """This view as one HTML file with every asset inlined (made only when downloaded)."""
    return assets.standalone_html(
        make_map(layers, selected=event_id, visible=[*shown, *extra], center=center, zoom=zoom,
                 extra=extra))


def _write_query(query: dict[str, str]) -> None:
    """Keep the URL a permalink; the map's own script keeps lat, lon and z current."""
    current = {key: st.query_params[key] for key in st.query_params}
    view_keys = {"lat", "lon", "z"}
    wanted = {**{k: v for k, v in current.items() if k in view_keys}, **query}
    if wanted != current:
        st.query_params.from_dict(wanted)


main()
