"""The map explorer (Streamlit). Reads like the page: load, filter, draw, offer downloads.

Started by `geo serve` through geo/app/server.py, whose server also serves the map's
vendored files (geo/map/static) at /geo-assets: nothing comes from a CDN.
"""

from __future__ import annotations

import os
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit_folium import st_folium

from geo.app.analysis import render_distances, render_notice_box, render_rings_control
from geo.app.permalink import ViewState
from geo.app.state import (
    DATES_KEY,
    EVENT_KEY,
    FORMAT_KEY,
    LAYERS_KEY,
    MAP_KEY,
    NOTHING,
    STATE_KEY,
    TIMELINE_KEY,
    ExplorerState,
)
from geo.app.timeline import SELECTION, events_table, timeline_chart
from geo.app.upload import UserLayers, render_upload
from geo.build import DEFAULT_LAYERS
from geo.errors import GeoError
from geo.export import MEDIA_TYPES, SUFFIXES, export_bytes
from geo.layers import popup, registry
from geo.layers.files import read_layers
from geo.layers.filters import filter_layers
from geo.map.assets import standalone_html
from geo.map.explorer import make_map

LAYERS_DIR = Path(os.environ.get("GEO_LAYERS_DIR", DEFAULT_LAYERS))
DOWNLOAD_FORMATS = {"GeoJSON": "geojson", "GeoPackage": "gpkg", "KML": "kml", "CSV": "csv"}
ALL_LAYERS = "all layers"

Layers = dict[str, list[dict[str, Any]]]


@st.cache_data(show_spinner=False)
def load_layers(folder: str, stamp: tuple[float, ...]) -> Layers:
    """The built layers, cached until a layer file changes (stamp holds their mtimes)."""
    return read_layers(Path(folder))


@st.cache_data(show_spinner=False, max_entries=64)
def export_cached(layers: Layers, fmt: str) -> bytes:
    """Export bytes, computed once per content and format."""
    return export_bytes(layers, fmt)


def _stamp(folder: Path) -> tuple[float, ...]:
    return tuple((folder / f"{name}.geojson").stat().st_mtime for name in registry.NAMES)


def _date_bounds(events: list[dict[str, Any]]) -> tuple[date, date]:
    table = events_table(events)
    return table["date"].min().date(), table["date"].max().date()


def _session(full: tuple[date, date], event_ids: set[str]) -> ExplorerState:
    """The session's state; on its first run, the view its permalink names."""
    if STATE_KEY not in st.session_state:
        query = {key: st.query_params[key] for key in st.query_params}
        view = ViewState.from_query(query, *full, event_ids)
        st.session_state[STATE_KEY] = ExplorerState(view=view, focused=view.event)
        st.session_state[DATES_KEY] = (view.start, view.end)
        st.session_state[LAYERS_KEY] = list(view.layers)
        st.session_state[EVENT_KEY] = view.event
    state: ExplorerState = st.session_state[STATE_KEY]
    pending = state.take_pending()
    if pending != NOTHING:
        st.session_state[EVENT_KEY] = pending
    return state


def _sidebar(full: tuple[date, date], table: Any) -> None:
    st.sidebar.header("Filter")
    st.sidebar.slider("Date range", min_value=full[0], max_value=full[1], key=DATES_KEY,
                      format="YYYY-MM-DD")
    st.sidebar.multiselect("Layers", registry.NAMES, key=LAYERS_KEY,
                           format_func=lambda name: registry.BY_NAME[name].title)
    ids = [None, *table["id"].tolist()]
    labels = dict(zip(table["id"], table["date"].dt.strftime("%Y-%m-%d") + "  " + table["name"],
                      strict=True))
    st.sidebar.selectbox("Event", ids, key=EVENT_KEY,
                         format_func=lambda i: "(none)" if i is None else labels.get(i, i))


def _downloads(shown: Layers, titles: dict[str, str], html_map: Any) -> None:
    st.sidebar.header("Download what is shown")
    fmt_label = st.sidebar.radio("Format", list(DOWNLOAD_FORMATS), horizontal=True, key=FORMAT_KEY)
    fmt = DOWNLOAD_FORMATS[str(fmt_label)]
    choices = {**{name: {name: feats} for name, feats in shown.items()}, ALL_LAYERS: shown}
    for label, subset in choices.items():
        count = sum(len(feats) for feats in subset.values())
        st.sidebar.download_button(
            f"{titles.get(label, label)} ({count}) · {fmt_label}",
            data=partial(export_cached, subset, fmt),
            file_name=f"nk-launches-{label.replace(' ', '-')}{SUFFIXES[fmt]}",
            mime=MEDIA_TYPES[fmt], key=f"dl-{label}-{fmt}", disabled=count == 0,
        )
    st.sidebar.download_button("This view as an offline HTML map", data=html_map,
                               file_name="nk-launches-map.html", mime="text/html", key="dl-html")


def _details(layers: Layers, event_id: str | None) -> None:
    item = next((f for f in layers.get(registry.EVENTS.name, []) if f["id"] == event_id), None)
    if item is None:
        st.caption("Choose an event in the list, on the timeline or on the map.")
        return
    st.html(popup.render(registry.EVENTS.popup, item["properties"], popup.related_in(layers)))


def _timeline(state: ExplorerState, events: list[dict[str, Any]], event_id: str | None) -> None:
    """The chart of events over time; clicking a dot chooses that event."""
    st.subheader("Timeline")
    chosen = st.altair_chart(timeline_chart(events_table(events), event_id), key=TIMELINE_KEY,
                             on_select="rerun", selection_mode=SELECTION, width="stretch")
    selection: Any = chosen
    points = ((selection or {}).get("selection") or {}).get(SELECTION) or []
    pick = points[0].get("id") if points else None
    if pick and pick != state.last_chart_pick:
        state.last_chart_pick = pick
        state.choose(pick)
        st.rerun()


def _analysis(sites: list[dict[str, Any]]) -> UserLayers:
    """Paste a notice, draw range rings, read distances; returns the layers to draw."""
    st.subheader("Analysis")
    notice_tab, rings_tab, distance_tab = st.tabs(["Paste a notice", "Range rings", "Distances"])
    drawn: UserLayers = {}
    with notice_tab:
        pasted = render_notice_box()
        if pasted:
            key = registry.user_key(registry.PASTED, "notice")
            drawn[key] = (registry.user_spec(key, "your text"), pasted)
    with rings_tab:
        rings = render_rings_control(sites)
        if rings:
            site = str(rings[0]["properties"].get("site_id") or "site")
            key = registry.user_key(registry.RINGS, site)
            drawn[key] = (registry.user_spec(key, str(rings[0]["properties"]["site_name"])), rings)
    with distance_tab:
        render_distances(sites)
    return drawn


def main() -> None:
    """Lay out the page."""
    st.set_page_config(page_title="North Korea launch map", layout="wide")
    try:
        layers = load_layers(str(LAYERS_DIR), _stamp(LAYERS_DIR))
    except (GeoError, OSError) as exc:
        st.error(f"Cannot load the layers: {exc}")
        st.stop()
    events = layers[registry.EVENTS.name]
    full = _date_bounds(events)
    table = events_table(events)
    state = _session(full, set(table["id"]))
    view = state.view
    # The map writes its latest centre and zoom into the URL itself; reading them back here
    # would change the map's arguments on every rerun and re-mount it, losing the click.

    _sidebar(full, table)
    start, end = st.session_state[DATES_KEY]
    with st.sidebar:
        uploaded = render_upload(state)
    shown = [name for name in registry.NAMES if name in st.session_state[LAYERS_KEY]]
    event_id = st.session_state[EVENT_KEY]
    filtered = filter_layers(layers, start, end)
    if event_id not in {f["id"] for f in filtered[registry.EVENTS.name]}:
        event_id = None
    if event_id and event_id != state.focused:
        view = ViewState(view.start, view.end, view.event, view.layers)  # focus the new choice
        for key in ("lat", "lon", "z"):
            st.query_params.pop(key, None)
    state.focused = event_id

    st.title("North Korea's satellite launches")
    st.caption("Sites, launches, danger areas and debris zones, each with its sources. "
               "Dashed shapes are digitised or derived, solid ones reported.")
    left, right = st.columns([3, 2], gap="medium")
    with right:  # laid out top to bottom, filled in the order the map needs them
        timeline_box, details_box, analysis_box = st.container(), st.container(), st.container()
    with analysis_box:
        user = uploaded | _analysis(layers[registry.SITES.name])
    user_layers = filter_layers({key: feats for key, (_, feats) in user.items()}, start, end, full)
    specs = {key: spec for key, (spec, _) in user.items()}
    on_map = {**filtered, **user_layers}
    visible = [*shown, *user_layers]
    center = (view.lat, view.lon) if view.lat is not None and view.lon is not None else None
    with left:
        m = make_map(on_map, specs=specs, selected=event_id, visible=visible, center=center,
                     zoom=view.zoom, url_sync=True)
        clicked = st_folium(m, key=MAP_KEY, height=620, use_container_width=True,
                            returned_objects=["last_active_drawing"])
    picked = ((clicked or {}).get("last_active_drawing") or {}).get("properties", {}).get("id")
    if picked and picked != state.last_map_pick:
        state.last_map_pick = picked
        if picked in set(table["id"]):
            state.choose(picked)
            st.rerun()
    with timeline_box:
        _timeline(state, filtered[registry.EVENTS.name], event_id)
    with details_box:
        st.subheader("Details")
        _details(filtered, event_id)

    downloads = {name: filtered[name] for name in shown} | user_layers
    titles = {name: registry.BY_NAME[name].name for name in shown} | {
        key: spec.title for key, spec in specs.items()}
    _downloads(downloads, titles, partial(_standalone, on_map, specs, event_id, visible, center,
                                          view.zoom))
    new_view = ViewState(start=start, end=end, event=event_id, layers=tuple(shown),
                         lat=view.lat, lon=view.lon, zoom=view.zoom)
    _write_query(new_view.to_query(*full))


def _standalone(layers: Layers, specs: dict[str, Any], event_id: str | None, visible: list[str],
                center: tuple[float, float] | None, zoom: int | None) -> str:
    """This view as one HTML file with every asset inlined (made only when downloaded)."""
    return standalone_html(make_map(layers, specs=specs, selected=event_id, visible=visible,
                                    center=center, zoom=zoom))


def _write_query(query: dict[str, str]) -> None:
    """Keep the URL a permalink; the map's own script keeps lat, lon and z current."""
    current = {key: st.query_params[key] for key in st.query_params}
    view_keys = {"lat", "lon", "z"}
    wanted = {**{k: v for k, v in current.items() if k in view_keys}, **query}
    if wanted != current:
        st.query_params.from_dict(wanted)


main()
