"""The upload box in a real browser: hostile files become inert text, never running script."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from .helpers import assert_clean, download, ids_on_map, map_frame, wait_ready

pytestmark = pytest.mark.browser
DATA = Path(__file__).resolve().parent.parent / "data"
HOSTILE_NAME = '"><img src=x onerror="window.__xss=1">.csv'
UPLOAD_INPUT = 'section[data-testid="stSidebar"] input[type="file"]'

IMPORTED_ID = re.compile(r"-[0-9]{7}$")  # imported features: '<layer>-<row, 7 digits>'


# Opens the popup and the tooltip of every imported feature, one after another, as a click
# and a hover would, and returns the popups' text.
_OPEN_ALL = """async () => {
    const texts = [];
    const targets = geoFeatureLayer.features(window.map)
        .filter(f => f.control && /-[0-9]{7}$/.test(f.id)).map(f => f.layer);
    for (const layer of targets) {
        const at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
        layer.fire("click", {latlng: at}, true);
        layer.fire("mouseover", {latlng: at}, true);
        await new Promise(r => setTimeout(r, 150));
        // the newest popup: one of another layer may still be fading out
        const open = document.querySelectorAll(".leaflet-popup-content");
        const popup = open[open.length - 1];
        texts.push(popup ? popup.innerText : "");
        layer.fire("mouseout", {latlng: at}, true);
    }
    return texts;
}"""


def _wait_for_imported(page, count: int, timeout_s: float = 60) -> list[str]:
    deadline = time.monotonic() + timeout_s
    ids: list[str] = []
    while time.monotonic() < deadline:
        try:
            wait_ready(page, timeout_s=10)
            ids = [i for i in ids_on_map(page) if IMPORTED_ID.search(i)]
        except Exception:  # the iframe is replaced while streamlit reruns
            ids = []
        if len(ids) >= count:
            return ids
        time.sleep(0.5)
    raise AssertionError(f"only {len(ids)} imported features drawn, expected {count}")


def test_hostile_uploads_are_drawn_as_text_and_run_no_script(server, page):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + "/")
    wait_ready(page)
    page.set_input_files(UPLOAD_INPUT, files=[
        {"name": HOSTILE_NAME, "mimeType": "text/csv", "buffer": (DATA / "xss.csv").read_bytes()},
        {"name": "xss.geojson", "mimeType": "application/geo+json",
         "buffer": (DATA / "xss.geojson").read_bytes()},
    ])
    ids = _wait_for_imported(page, 5)
    assert len(ids) == 5
    sidebar = page.locator('section[data-testid="stSidebar"]')
    sidebar.get_by_text("3 rows: 3 imported", exact=False).wait_for(timeout=30_000)
    assert "2 features: 2 imported (1 with a warning)" in sidebar.inner_text()

    texts = map_frame(page).evaluate(_OPEN_ALL)
    joined = "\n".join(texts)
    assert "<script>window.__xss=1</script>" in joined  # shown as text…
    assert "javascript:window.__xss=1" in joined
    assert "{{constructor.constructor('window.__xss=1')()}}" in joined  # …and never compiled
    links = map_frame(page).evaluate(
        "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
    assert not [href for href in links if href.strip().lower().startswith(("javascript", "data"))]
    time.sleep(1)  # give any injected handler (onerror, onload) time to run

    frame = map_frame(page)
    assert page.evaluate("() => window.__xss") is None
    assert frame.evaluate("() => window.__xss") is None
    assert frame.evaluate("() => document.querySelectorAll('.leaflet-popup-content img, "
                          ".leaflet-popup-content script, .leaflet-popup-content svg').length") == 0
    assert dialogs == []
    assert_clean(page, "upload.png")


def test_an_uploaded_layer_downloads_as_geojson(server, page):
    page.goto(server + "/")
    wait_ready(page)
    page.set_input_files(UPLOAD_INPUT, files=[
        {"name": "launches_cp1252.csv", "mimeType": "text/csv",
         "buffer": (DATA / "launches_cp1252.csv").read_bytes()}])
    _wait_for_imported(page, 3)
    sidebar = page.locator('section[data-testid="stSidebar"]')
    assert "6 rows: 3 imported, 3 skipped" in sidebar.inner_text()
    button = sidebar.get_by_role("button", name="Imported: launches_cp1252.csv (3) · GeoJSON")
    with page.expect_download(timeout=30_000) as info:
        button.click()
    collection = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert sorted(f["properties"]["name"] for f in collection["features"]) == [
        "Pyongyang", "Sohae", "Tonghae"]
    assert page.watch.errors == []


NAMED_LIKE_BUILT_INS = [  # files named as the catalogue's layers are
    {"name": name, "mimeType": mime, "buffer": (DATA / name).read_bytes()}
    for name, mime in (("tracks.csv", "text/csv"), ("sites.geojson", "application/geo+json"),
                       ("events.kml", "application/vnd.google-earth.kml+xml"))]


def _layer_control(page) -> dict[str, bool]:
    """The map's layer control: each overlay's title and whether it is checked."""
    frame = map_frame(page)
    frame.wait_for_selector(".leaflet-control-layers-overlays label", timeout=30_000)
    return dict(frame.evaluate("""() => Array.from(
        document.querySelectorAll(".leaflet-control-layers-overlays label")).map(label =>
        [label.innerText.trim(), label.querySelector("input").checked])"""))


def test_files_named_like_built_in_layers_never_take_their_place(server, page, tmp_path, layers):
    """tracks.csv, sites.geojson and events.kml become layers of their own, beside the catalogue's,
    which keep their names, visibility and downloads."""
    page.goto(server + "/?layers=sites,events,zones")  # the flight paths hidden
    wait_ready(page)
    before = _layer_control(page)
    page.set_input_files(UPLOAD_INPUT, files=NAMED_LIKE_BUILT_INS)
    _wait_for_imported(page, 4)
    controls = _layer_control(page)
    for title, checked in before.items():
        assert controls[title] == checked, title
    assert controls["Flight paths (derived)"] is False
    assert controls["Imported: tracks.csv"] and controls["Imported: sites.geojson"]
    assert controls["Imported: events.kml"]
    assert "tracks" not in page.url.split("layers=")[1].split("&")[0]

    for label, expected in ((f"sites ({len(layers['sites'])}) · GeoJSON",
                             sorted(f["id"] for f in layers["sites"])),
                            ("Imported: tracks.csv (2) · GeoJSON",
                             ["imported-tracks-0000002", "imported-tracks-0000003"])):
        collection = json.loads(Path(download(page, label).path()).read_text(encoding="utf-8"))
        assert sorted(f["id"] for f in collection["features"]) == expected, label
    assert page.watch.errors == []
