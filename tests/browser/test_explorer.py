"""The explorer in a real browser (geo serve, Chromium): map-first, every feature reachable,
focus that keeps the user's view, one state in the URL, and no rerun for what happens on the map."""

from __future__ import annotations

import time

import pyogrio
import pytest

from geo.layers import registry
from geo.layers.files import read_layers

from ..conftest import LAYERS
from .helpers import (
    HAS_SESSION,
    assert_clean,
    count_runs,
    download,
    drawn_ids,
    explorer,
    map_point,
    popup_text,
    runs,
    shown_ids,
    state,
    url_params,
    view,
    wait_for,
    wait_ready,
)

pytestmark = pytest.mark.browser
LAUNCH_2024 = "2024-05-27-malligyong-1-1"
LC1 = (39.6601, 124.7053)


@pytest.fixture(scope="module")
def catalogue() -> dict:
    return read_layers(LAYERS)


def _launches_at(catalogue: dict, site_id: str) -> list[str]:
    return [f["id"] for f in catalogue["events"] if f["properties"]["site_id"] == site_id]


def test_every_feature_is_drawn_and_nothing_leaves_localhost(server, page, catalogue):
    page.goto(server + "/")
    frame = wait_ready(page)
    expected = sorted(f["id"] for name, feats in catalogue.items() for f in feats
                      if registry.BY_NAME[name].visible)  # the modelled layers are off at first
    assert shown_ids(page) == expected
    drawn = drawn_ids(page)  # those in view
    assert set(drawn) <= set(expected) and {"sohae", "vostochny", LAUNCH_2024} <= set(drawn)
    # the first view is the story's region: the launch sites and where debris came down
    box = frame.evaluate("() => geoExplorer.map().getBounds().toBBoxString()").split(",")
    west, south, east, north = map(float, box)
    for lat, lon in ((39.66, 124.705), (51.883, 128.333), (40.85, 129.67), (35.35, 125.03)):
        assert south < lat < north and west < lon < east, (lat, lon, box)
    assert west > 60 and south > 20  # not Moscow, not the second stages' areas off Luzon
    time.sleep(0.5)
    assert_clean(page, "explorer.png")


@pytest.mark.parametrize(("size", "share"), [((1440, 900), 0.60), ((390, 844), 0.50)])
def test_the_map_fills_the_window(server, browser, size, share):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]},
                                  is_mobile=size[0] < 500, has_touch=size[0] < 500)
    page = context.new_page()
    try:
        page.goto(server + "/")
        frame = wait_ready(page)
        inner = frame.evaluate("() => geoExplorer.map().getContainer().getBoundingClientRect().toJSON()")
        top = max(0.0, inner["top"])  # the explorer is the page itself
        bottom = min(float(size[1]), inner["bottom"])
        visible = inner["width"] * max(0.0, bottom - top)
        assert visible / (size[0] * size[1]) >= share, inner
        page.screenshot(path=f"test-output/explorer-{size[0]}x{size[1]}.png")
    finally:
        context.close()


def test_a_click_on_a_pad_lists_all_its_launches_and_each_can_be_chosen(server, page, catalogue):
    page.goto(server + "/")
    frame = wait_ready(page)
    frame.evaluate(f"() => geoExplorer.map().setView([{LC1[0]}, {LC1[1]}], 6, {{animate: false}})")
    time.sleep(0.3)
    before = view(page)
    launches = _launches_at(catalogue, "sohae-lc1")
    assert len(launches) >= 3
    names = {f["id"]: f["properties"]["name"] for f in catalogue["events"]}
    for launch in launches:
        page.mouse.click(*map_point(page, *LC1))
        listing = popup_text(page)
        assert "features here" in listing
        for other in launches:
            assert names[other] in listing
        frame.locator(".geo-pick button", has_text=names[launch]).last.click()
        time.sleep(0.2)
        assert state(page)["event"] == launch
        assert names[launch] in popup_text(page)
        assert view(page) == before  # a click never moves the map
    assert page.watch.errors == []


def test_launches_at_one_pad_spread_out_when_zoomed_in(server, page, catalogue):
    page.goto(server + "/")
    frame = wait_ready(page)
    launches = _launches_at(catalogue, "sohae-lc1")
    frame.evaluate(f"() => geoExplorer.map().setView([{LC1[0]}, {LC1[1]}], 10, {{animate: false}})")
    time.sleep(0.3)
    places = frame.evaluate("""(ids) => {
        const events = geoFeatureLayer.byName("events"), points = events.points;
        return ids.map(id => {
            const k = events.pointIndex.get(events.indexOf(id)), p = points.containerPointOf(k);
            const box = geoExplorer.map().getContainer().getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        });
    }""", launches)
    assert len({(round(x), round(y)) for x, y in places}) == len(launches)
    alone = frame.evaluate("""(places) => {
        const box = geoExplorer.map().getContainer().getBoundingClientRect();
        return places.map(([x, y]) => geoFeatureLayer.layers().reduce((n, l) =>
            n + l.hitAll(geoExplorer.map(), L.point(x - box.left, y - box.top)).length, 0));
    }""", places)
    spread = [k for k, hits in enumerate(alone) if hits == 1]
    assert spread, alone  # at least one launch stands alone once spread out…
    x, y = places[spread[0]]
    page.mouse.click(x, y)
    wait_for(lambda: state(page)["event"] == launches[spread[0]], what="the choice")  # …one click


@pytest.mark.parametrize("how", ["list", "link"])
def test_choosing_a_launch_shows_its_near_areas_and_points_to_the_far_ones(server, page, catalogue, how):
    """Every danger area of a chosen launch is in view, or (2,000 km off, a second stage's)
    pointed to by an arrow at the map's edge that brings it into view: the view is no longer
    shrunk to the whole ocean, where the place of the fall was a dot."""
    launches = sorted({f["properties"]["event_id"] for f in catalogue["zones"]
                       if f["properties"]["kind"] == "danger_area"})
    pointed_any = False
    for launch in launches:
        if how == "link" or launch == launches[0]:
            page.goto(server + ("/?event=" + launch if how == "link" else "/"))
            frame = wait_ready(page)
        if how == "list":
            frame.select_option("select.geo-event", launch)
        time.sleep(0.3)
        assert state(page)["event"] == launch
        where = frame.evaluate("""(id) => {
            const zones = geoFeatureLayer.byName("zones"), view = geoExplorer.map().getBounds();
            const pointed = new Set(Array.from(document.querySelectorAll(".geo-pointer"), n => n.dataset.id));
            const out = [];
            for (let i = 0; i < zones.size(); i++) {
                if (zones.packed.get(i, "event_id") !== id) continue;
                out.push([zones.id(i), view.contains(zones.boundsOf([i])), pointed.has(zones.id(i))]);
            }
            return out;
        }""", launch)
        assert where and any(inside for _, inside, _ in where), launch
        assert all(inside or pointed for _, inside, pointed in where), (launch, where)
        far = [zone for zone, inside, _ in where if not inside]
        if far:
            pointed_any = True
            frame.click(f'.geo-pointer[data-id="{far[0]}"]')
            assert frame.evaluate("""(id) => {
                const zones = geoFeatureLayer.byName("zones");
                return geoExplorer.map().getBounds().contains(zones.boundsOf([zones.indexOf(id)]));
            }""", far[0]), far[0]
            if how == "link":
                continue
            frame.select_option("select.geo-event", launch)  # back to the launch's own view
        emphasis = frame.evaluate("""() => {
            const zones = geoFeatureLayer.byName("zones");
            return Array.from(zones.emphasis);
        }""")
        assert 2 in emphasis and 1 in emphasis  # its own highlighted, the others faded
    assert pointed_any  # the 2023-2024 second-stage areas lie 2,000 km and more from the pads


def test_hiding_a_layer_updates_the_url_and_the_link_restores_it(server, page, browser):
    page.goto(server + "/")
    frame = wait_ready(page)
    frame.locator('.geo-layers input[data-layer="sites"]').uncheck()
    params = wait_for(lambda: "layers" in url_params(page) and url_params(page), what="the URL")
    assert set(params["layers"][0].split(",")) == {"events", "zones", "tracks"}
    assert "sites" not in state(page)["visible"]
    other = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        other.goto(page.evaluate("() => location.href"))
        other_frame = wait_ready(other)
        assert not other_frame.locator('.geo-layers input[data-layer="sites"]').is_checked()
        assert other_frame.locator('.geo-layers input[data-layer="events"]').is_checked()
        assert "sites" not in state(other)["visible"]
    finally:
        other.close()


def test_what_happens_on_the_map_never_reruns_the_script(server, page):
    page.goto(server + "/")
    frame = wait_ready(page)
    count_runs(page)
    before = drawn_ids(page)
    frame.select_option("select.geo-event", LAUNCH_2024)  # an event
    frame.locator('.geo-layers input[data-layer="tracks"]').uncheck()  # a layer
    canvas = frame.locator(".geo-time canvas").bounding_box()  # the dates, brushed
    y = canvas["y"] + canvas["height"] - 30
    page.mouse.move(canvas["x"] + canvas["width"] * 0.85, y)
    page.mouse.down()
    page.mouse.move(canvas["x"] + canvas["width"] - 8, y, steps=5)
    page.mouse.up()
    page.mouse.click(*map_point(page, *LC1))  # a click on the map
    after = drawn_ids(page)
    assert len(after) < len(before) and LAUNCH_2024 in after
    assert "1998-08-31-kwangmyongsong-1" not in after
    assert state(page)["event"] is not None
    params = wait_for(lambda: "from" in url_params(page) and url_params(page), what="the URL")
    assert "tracks" not in params["layers"][0]
    assert runs(page) == 0


def test_each_launch_can_be_chosen_from_the_timeline(server, page, catalogue):
    page.goto(server + "/")
    frame = wait_ready(page)
    for event in catalogue["events"]:
        if event["properties"]["kind"] != "launch":
            continue
        if event["properties"]["version_of"]:  # another source's time: listed once, by the first
            assert frame.evaluate("(key) => geoExplorer.timeline().positionOf(key)",
                                  "events:" + event["id"]) is None
            continue
        at = frame.evaluate("(key) => geoExplorer.timeline().positionOf(key)", "events:" + event["id"])
        page.mouse.click(at["x"], at["y"])
        time.sleep(0.15)
        assert state(page)["event"] == event["id"], event["id"]


def test_the_event_list_gives_utc_dates_at_their_precision(server, page, catalogue):
    page.goto(server + "/")
    frame = wait_ready(page)
    options = dict(frame.evaluate("""() => Array.from(document.querySelectorAll('select.geo-event option'))
        .map(o => [o.value, o.textContent])"""))
    assert "UTC" in options[""]
    listed = 0
    for event in catalogue["events"]:
        props = event["properties"]
        if props["version_of"]:
            assert event["id"] not in options  # another source's version: listed once, by the first
            continue
        listed += 1
        shown = {"month": props["time_utc"][:7], "day": props["time_utc"][:10]}.get(
            props["time_precision"], props["time_utc"][:10])
        assert options[event["id"]].startswith(shown + "  "), (event["id"], options[event["id"]])
    assert listed == len(options) - 1


def test_no_two_timeline_dots_overlap(server, page):
    page.goto(server + "/")
    frame = wait_ready(page)
    dots = frame.evaluate("() => geoExplorer.timeline().items.map(i => [i.x, i.y])")
    assert len(dots) >= 14
    for i, (x1, y1) in enumerate(dots):
        for x2, y2 in dots[i + 1:]:
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= 9, (x1, y1, x2, y2)


def test_playback_shows_a_zone_only_within_its_validity_window(server, page):
    page.goto(server + "/")
    frame = wait_ready(page)

    def shown_at(when: str, zone: str = "2016-02-first-stage") -> bool:
        return frame.evaluate("""([when, zone]) => {
            geoExplorer.setPlayhead(Date.parse(when.length > 10 ? when : when + "T12:00:00Z"));
            const zones = geoFeatureLayer.byName("zones");
            return zones.shown[zones.indexOf(zone)] === 1;
        }""", [when, zone])

    assert shown_at("2016-02-05") is False  # before the announced window (7-14 Feb)
    assert shown_at("2016-02-10") is True
    assert shown_at("2016-02-20") is False
    # a window of local dates (Japan's, from 31 May) is open at the launch, 21:27 UTC on 30 May
    assert shown_at("2023-05-30T21:27:00Z", "2023-05-first-stage") is True
    assert shown_at("2023-05-29T12:00:00Z", "2023-05-first-stage") is False
    frame.evaluate("() => geoExplorer.setPlayhead(null)")
    assert frame.evaluate("() => geoFeatureLayer.byName('zones').shown.every(v => v === 1)")


def test_a_list_of_stacked_features_opened_before_the_tools_connect_stays_open(server, page):
    """The tools panel announces the session's layers a moment after the map: a list opened on a
    pad where launches are stacked is not closed by that first announcement (there were no user
    layers for it to list)."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + "/")
    page.wait_for_function("() => typeof geoExplorer !== 'undefined' && geoExplorer.state().ready")
    frame = explorer(page)
    frame.evaluate("() => geoExplorer.map().setView([39.6601, 124.7053], 11, {animate: false})")
    page.mouse.click(*map_point(page, 39.6601, 124.7053))
    wait_for(lambda: frame.locator(".geo-picker li").count() >= 3, what="the list of stacked features")
    page.wait_for_function(HAS_SESSION, timeout=60_000)  # the announcement, and its layers
    time.sleep(0.5)
    assert frame.locator(".geo-picker li").count() >= 3
    frame.locator(".geo-picker li button").nth(1).click()
    wait_for(lambda: state(page)["detail"] is not None, what="the feature chosen from the list")


def test_play_runs_the_clock_and_stops(server, page):
    page.goto(server + "/")
    frame = wait_ready(page)
    frame.get_by_role("button", name="▶").click()
    time.sleep(1.0)
    playing = state(page)["play"]
    assert playing is not None and playing > state(page)["extent"][0]
    frame.get_by_role("button", name="■").click()
    assert state(page)["play"] is None
    # a clock set by hand while it plays is not run on by the playback's next frame
    frame.get_by_role("button", name="▶").click()
    time.sleep(0.3)
    frame.evaluate("() => geoExplorer.setPlayhead(null)")
    time.sleep(0.3)
    assert state(page)["play"] is None
    assert frame.get_by_role("button", name="▶").count() == 1  # and the button says it can play again


def test_downloads_read_back_with_the_features_shown(server, page, tmp_path, catalogue):
    page.goto(server + "/")
    frame = wait_ready(page)
    path = tmp_path / "events.geojson"
    download(page, f"Events ({len(catalogue['events'])})").save_as(path)
    assert sorted(pyogrio.read_dataframe(path)["id"]) == sorted(f["id"] for f in catalogue["events"])
    path = tmp_path / "all.gpkg"
    download(page, "All shown layers", fmt="gpkg").save_as(path)
    shown = {name for name in catalogue if registry.BY_NAME[name].visible}
    tables = {name for name, _ in pyogrio.list_layers(path)}
    assert "layer_styles" in tables  # each table's QGIS style (issue 20), not a layer
    assert tables - {"layer_styles"} == shown  # the modelled ones are off
    for name in shown:
        ids = sorted(pyogrio.read_dataframe(path, layer=name)["id"])
        assert ids == sorted(f["id"] for f in catalogue[name])
    frame.evaluate("() => geoExplorer.setVisible('footprints', true)")
    path = tmp_path / "with-footprints.gpkg"
    download(page, "All shown layers", fmt="gpkg").save_as(path)
    ids = sorted(pyogrio.read_dataframe(path, layer="footprints")["id"])
    assert ids == sorted(f["id"] for f in catalogue["footprints"])


def test_the_offline_html_map_keeps_the_view_and_lists_its_sources(server, page, tmp_path, catalogue):
    page.goto(server + "/?from=2023-01-01&to=2024-12-31")
    wait_ready(page)
    path = tmp_path / "view.html"
    download(page, "As an offline HTML map").save_as(path)
    page.goto(path.as_uri())
    wait_for(lambda: page.evaluate("() => typeof geoExplorer !== 'undefined' && geoExplorer.state().ready"),
             what="the offline map")
    assert page.evaluate("() => geoExplorer.state().start") is not None
    assert "made" in page.locator(".geo-top").inner_text()
    assert "Events" in page.locator(".geo-layers").inner_text()  # the legend
    listed = page.locator(".geo-all-sources").inner_text()

    def cited(event_id: str) -> set[str]:
        (event,) = [f for f in catalogue["events"] if f["id"] == event_id]
        return {src["title"] for src in event["properties"]["sources"]}

    every_other = {src["title"] for feats in catalogue.values() for f in feats
                   if f["id"] != "1998-08-31-kwangmyongsong-1" for src in f["properties"]["sources"]}
    assert all(title in listed for title in cited(LAUNCH_2024))
    only_1998 = cited("1998-08-31-kwangmyongsong-1") - every_other
    assert only_1998 and not any(title in listed for title in only_1998)  # filtered out
    assert page.watch.external == [] and page.watch.errors == []


def test_a_permalink_round_trips(server, page, browser):
    query = f"?event={LAUNCH_2024}&from=2023-01-01&layers=events,zones"
    page.goto(server + "/" + query)
    frame = wait_ready(page)
    ids = shown_ids(page)
    assert LAUNCH_2024 in ids and "sohae" not in ids and "2016-02-first-stage" not in ids
    assert state(page)["event"] == LAUNCH_2024
    assert "Malligyong-1-1" in frame.locator(".geo-side").inner_text()  # its details
    frame.evaluate("() => geoExplorer.map().setView([36.5, 124.9], 8, {animate: false})")
    params = wait_for(lambda: url_params(page).get("z") == ["8"] and url_params(page), what="the URL")
    link = page.evaluate("() => location.href")
    assert params["event"] == [LAUNCH_2024] and params["from"] == ["2023-01-01"]
    assert params["z"] == ["8"] and params["lat"] == ["36.5000"]
    other = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        other.goto(link)
        wait_ready(other)
        assert shown_ids(other) == ids
        lat, lon, zoom = view(other)
        assert lat == pytest.approx(36.5, abs=0.01) and lon == pytest.approx(124.9, abs=0.01)
        assert zoom == 8 and state(other)["event"] == LAUNCH_2024
    finally:
        other.close()


def test_a_bad_permalink_falls_back_and_is_cleaned(server, page):
    page.goto(server + "/?event=%3Cscript%3E&from=yesterday&lat=NaN&lon=1e999&z=1e9&layers=../../etc")
    wait_ready(page)
    current = state(page)
    assert current["event"] is None and current["start"] is None
    params = wait_for(lambda: "NaN" not in page.evaluate("() => location.href") and url_params(page),
                      what="the URL cleaned")
    assert params["z"][0] != "1e9" and "event" not in params
    assert page.watch.errors == []


def test_on_a_phone_the_card_fits_and_the_details_follow_the_map(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    try:
        page.goto(server + "/?event=" + LAUNCH_2024)
        frame = wait_ready(page)
        assert not frame.locator(".geo-layers").evaluate("e => e.classList.contains('open')")
        frame.evaluate(f"() => geoExplorer.choose('{LAUNCH_2024}', 'map')")
        time.sleep(0.4)
        card = frame.evaluate("""() => { const all = document.querySelectorAll('.leaflet-popup');
            return all[all.length - 1].getBoundingClientRect().toJSON(); }""")
        assert card["left"] >= 0 and card["right"] <= 390
        buttons = frame.evaluate(
            "() => document.querySelector('.leaflet-top.leaflet-left').getBoundingClientRect().toJSON()")
        assert card["left"] >= buttons["right"] or card["top"] >= buttons["bottom"] \
            or card["bottom"] <= buttons["top"]  # the zoom and ruler buttons never cover it
        frame.get_by_role("button", name="Download ▾").click()
        menu = frame.evaluate("() => document.querySelector('.geo-menu-list:not([hidden])')"
                              ".getBoundingClientRect().toJSON()")
        assert menu["left"] >= 0 and menu["right"] <= 390  # the whole menu on the screen
        frame.get_by_role("button", name="Download ▾").click()
        side = frame.locator(".geo-side").bounding_box()
        map_box = frame.evaluate("() => geoExplorer.map().getContainer().getBoundingClientRect().toJSON()")
        assert side["y"] >= map_box["bottom"] - 1  # the details come below the map
        assert "Malligyong-1-1" in frame.locator(".geo-side").inner_text()
        page.screenshot(path="test-output/explorer-phone-chosen.png", full_page=True)
    finally:
        context.close()
