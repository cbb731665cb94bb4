"""make_map without Streamlit: escaped popups, styles by geometry method, nothing from a CDN."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from geo.layers import registry
from geo.layers.filters import filter_layers
from geo.map.explorer import make_map

from .mapdata import map_layers

HOSTILE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'


def _event(fid: str, day: str, **extra) -> dict:
    props = {"id": fid, "name": f"Event {fid}", "kind": "launch", "time_utc": day, "date": day,
             "outcome": "failure", "summary": "s", "sources": [], **extra}
    return {"type": "Feature", "id": fid, "geometry": {"type": "Point", "coordinates": [124.7, 39.6]},
            "properties": props}


def test_the_catalogue_map_renders_without_any_remote_script(layers):
    html = make_map(layers).get_root().render()
    assert not re.search(r'<script[^>]+src="(https?:)?//', html)
    assert not re.search(r'<link[^>]+href="(https?:)?//', html)
    assert "/geo-assets/vendor/leaflet/leaflet.js" in html


def test_every_feature_is_in_the_map_with_its_popup(layers):
    html = make_map(layers).get_root().render()
    collections = map_layers(html)
    drawn = {f["id"] for fc in collections for f in fc}
    assert drawn == {f["id"] for feats in layers.values() for f in feats}
    assert "/geo-assets/geo/popups.js" in html  # every popup is built in the browser
    assert all("_popup" not in f["properties"] for fc in collections for f in fc)


def test_the_browser_gets_only_what_popups_show(layers):
    html = make_map({"events": layers["events"]}).get_root().render()
    (events,) = map_layers(html)
    props = events[0]["properties"]
    assert "geometry_note" not in props and "zone_ids" not in props
    assert {"name", "names", "time_utc", "outcome", "sources"} <= set(props)
    assert set(props) <= {"id", *registry.EVENTS.popup.fields(), *registry.EVENTS.style.keys,
                          *registry.EVENTS.time_fields, *registry.EVENTS.sent,
                          "site_id", "date"}  # sites list events


def test_hostile_text_is_never_raw_in_the_page():
    event = _event("e1", "2024-05-27", name=HOSTILE, summary=HOSTILE,
                   sources=[{"title": HOSTILE, "url": "javascript:alert(1)"}])
    html = make_map({"events": [event]}).get_root().render()
    assert "<script>window.__xss" not in html and 'onerror="window' not in html


def test_filter_keeps_events_in_range_and_their_zones(layers):
    kept = filter_layers(layers, date(2023, 1, 1), date(2023, 12, 31))
    assert {f["id"] for f in kept["events"]} >= {"2023-05-30-malligyong-1", "2023-11-21-malligyong-1"}
    assert all(f["properties"]["date"].startswith("2023") for f in kept["events"])
    assert {f["properties"]["event_id"][:4] for f in kept["zones"]} == {"2023"}
    assert kept["sites"] == layers["sites"]


def test_a_standalone_page_carries_its_view_and_date(layers):
    m = make_map(layers, initial={"event": "2024-05-27-malligyong-1-1", "z": "6"}, made="2026-11-29")
    html = m.get_root().render()
    assert '"initial":{"event":"2024-05-27-malligyong-1-1","z":"6"}' in html
    assert '"made":"2026-11-29"' in html and '"download":null' in html
    assert "<title>North Korea&#x27;s satellite launches</title>" in html  # the tab's name
    hostile = make_map({}, title="</title><script>x()</script>").get_root().render()
    assert "<title>&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;</title>" in hostile


def test_layers_hidden_by_their_spec_are_not_added_to_the_map(layers):
    hidden = replace(registry.SITES, visible=False)
    m = make_map(layers, specs={"sites": hidden})
    shown = {child.layer_name: child.show for child in m._children.values()
             if hasattr(child, "data")}
    assert shown["Sites"] is False and shown["Danger and debris zones"] is True


def test_template_syntax_in_data_is_never_evaluated():
    """folium compiles rendered scripts as Jinja templates; feature text must stay text."""
    text = "{{ 7*7 }} {% if 1 %}evaluated{% endif %} {{ self.__init__.__globals__ }}"
    event = _event("e1", "2024-05-27", name=text, summary=text)
    site = {"type": "Feature", "id": "s1", "geometry": {"type": "Point", "coordinates": [125, 39]},
            "properties": {"id": "s1", "name": text, "kind": "city", "description": text}}
    imported = [{**event, "id": "i1", "properties": {"id": "i1", "note": text}}]
    specs = {"imported-x": registry.user_spec("imported-x", text)}
    html = make_map({"events": [event], "sites": [site], "imported-x": imported},
                    specs=specs).get_root().render()
    assert html.count("{{ 7*7 }}") >= 3  # the event, the site popup, the imported feature
    assert "49 evaluated" not in html  # what Jinja would have made of it
    assert "__builtins__" not in html


def test_the_measuring_tool_is_added_after_the_first_frame(layers):
    html = make_map(layers).get_root().render()
    deferred = html.split("requestAnimationFrame(function () { setTimeout(function () {")[1:]
    assert len(deferred) == 1 and "L.Control.Measure" in deferred[0]
    assert html.index("geoFeatureLayer.make(") < html.index("geoHost.explore(")
