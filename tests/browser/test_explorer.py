"""The explorer in a real browser: drawn, offline, clickable, filterable, downloadable, linkable."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pyogrio
import pytest

from geo.layers import registry
from geo.layers.files import read_layers

from ..conftest import LAYERS
from .helpers import (
    assert_clean,
    click_feature,
    download,
    drawn_ids,
    map_frame,
    popup_content,
    popup_text,
    wait_ready,
)

pytestmark = pytest.mark.browser
LAUNCH_2024 = "2024-05-27-malligyong-1-1"


@pytest.fixture(scope="module")
def catalogue_ids() -> dict[str, list[str]]:
    """The ids of the layers shown at first (the modelled ones are off by default)."""
    return {name: sorted(f["id"] for f in feats) for name, feats in read_layers(LAYERS).items()
            if registry.BY_NAME[name].visible}


def test_every_feature_is_drawn_and_nothing_leaves_localhost(server, page, catalogue_ids):
    page.goto(server + "/")
    wait_ready(page)
    expected = sorted(i for ids in catalogue_ids.values() for i in ids)
    assert drawn_ids(page) == expected
    time.sleep(1)
    assert_clean(page, "explorer.png")


def test_clicking_the_2024_launch_shows_its_sourced_popup(server, page):
    page.goto(server + "/")
    wait_ready(page)
    click_feature(page, LAUNCH_2024)
    popup = popup_content(page)
    assert "2024-05-27" in popup["text"] and "Malligyong-1-1" in popup["text"]
    assert popup["links"], "no source link in the popup"
    for href, target in popup["links"]:
        assert href.startswith(("http://", "https://"))
        assert target == "_blank"
    assert page.watch.errors == []
    # the click also chooses the event: the page shows its details and no script error
    for _ in range(100):  # the choice travels: map -> server -> rerun -> URL
        if f"event={LAUNCH_2024}" in page.url:
            break
        page.wait_for_timeout(200)
    wait_ready(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert f"event={LAUNCH_2024}" in page.url
    assert "Malligyong-1-1 launch" in page.locator('[data-testid="stHtml"]').first.inner_text()


def test_narrowing_the_date_range_draws_fewer_features(server, page):
    page.goto(server + "/")
    wait_ready(page)
    before = drawn_ids(page)
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first
    thumb.focus()
    thumb.press("End")  # the start of the range jumps to the end
    page.wait_for_timeout(500)
    wait_ready(page)
    after = drawn_ids(page)
    assert 0 < len(after) < len(before)
    events = read_layers(LAYERS)["events"]
    latest = max(events, key=lambda f: f["properties"]["date"])["id"]
    assert latest in after and "1998-08-31-kwangmyongsong-1" not in after


def test_downloads_read_back_with_the_features_shown(server, page, tmp_path, catalogue_ids):
    page.goto(server + "/")
    wait_ready(page)
    path = tmp_path / "events.geojson"
    download(page, f"events ({len(catalogue_ids['events'])}) · GeoJSON").save_as(path)
    assert sorted(pyogrio.read_dataframe(path)["id"]) == catalogue_ids["events"]

    page.get_by_text("GeoPackage", exact=True).click()
    total = sum(len(ids) for ids in catalogue_ids.values())
    path = tmp_path / "all.gpkg"
    download(page, f"all layers ({total}) · GeoPackage").save_as(path)
    for name, ids in catalogue_ids.items():
        assert sorted(pyogrio.read_dataframe(path, layer=name)["id"]) == ids


def test_a_permalink_round_trips(server, page, browser):
    query = f"?event={LAUNCH_2024}&from=2023-01-01&layers=events,zones"
    page.goto(server + "/" + query)
    wait_ready(page)
    ids = drawn_ids(page)
    assert LAUNCH_2024 in ids and "sohae" not in ids and "2016-02-first-stage" not in ids
    assert "Malligyong-1-1" in popup_text(page)  # the chosen event opens
    frame = map_frame(page)
    frame.evaluate("() => window.map.setView([36.5, 124.9], 8, {animate: false})")
    page.wait_for_timeout(800)
    link = page.url
    params = parse_qs(urlsplit(link).query)
    assert params["event"] == [LAUNCH_2024] and params["from"] == ["2023-01-01"]
    assert params["z"] == ["8"] and params["lat"] == ["36.5000"]

    other = browser.new_page(viewport={"width": 1500, "height": 1000})
    try:
        other.goto(link)
        wait_ready(other)
        assert drawn_ids(other) == ids
        view = map_frame(other).evaluate(
            "() => [window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]")
        assert view[0] == pytest.approx(36.5, abs=0.01) and view[1] == pytest.approx(124.9, abs=0.01)
        assert view[2] == 8
    finally:
        other.close()
