"""Reading and driving the map inside streamlit-folium's iframe."""

from __future__ import annotations

import time
from typing import Any

from .conftest import ARTIFACTS

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'

# The features the project's layers have drawn (not the selected feature's highlight copy).
_DRAWN_IDS = """() => geoFeatureLayer.features(window.map).filter(f => f.control).map(f => f.id)"""


def wait_ready(page, timeout_s: float = 60) -> None:
    """Until the script has run and the map has drawn its features."""
    page.wait_for_selector(READY, timeout=timeout_s * 1000)
    page.wait_for_selector(MAP_IFRAME, timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        frame = map_frame(page)
        if frame is not None and frame.evaluate("() => !!(window.map && window.map._loaded)"):
            return
        time.sleep(0.2)
    raise TimeoutError("the map did not load")


def map_frame(page) -> Any:
    """The Playwright frame of the map's iframe."""
    handle = page.query_selector(MAP_IFRAME)
    return handle.content_frame() if handle else None


def ids_on_map(page) -> list[str]:
    """Ids of the project's features on the map right now (no waiting)."""
    frame = map_frame(page)
    return list(frame.evaluate(_DRAWN_IDS)) if frame else []


def assert_clean(page, screenshot: str) -> None:
    """No page error, no request beyond 127.0.0.1; keep a full-page screenshot for CI."""
    assert page.watch.errors == []
    assert page.watch.external == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / screenshot), full_page=True)


def drawn_ids(page, settle_s: float = 0.5) -> list[str]:
    """Ids of the catalogue features that Leaflet has on the map, once the count is stable."""
    last: list[str] | None = None
    for _ in range(40):
        ids = sorted(ids_on_map(page))
        if ids == last:
            return ids
        last = ids
        time.sleep(settle_s)
    return last or []


def click_feature(page, fid: str, zoom: int = 11) -> None:
    """Centre the map on a feature and click it where Leaflet draws it."""
    frame = map_frame(page)
    point = frame.evaluate(
        """([fid, zoom]) => {
            const target = geoFeatureLayer.features(window.map)
                .find(f => f.control && f.id === fid).layer;
            const at = target.getLatLng ? target.getLatLng() : target.getBounds().getCenter();
            window.map.setView(at, zoom, {animate: false});
            const xy = window.map.latLngToContainerPoint(at);
            const box = window.map.getContainer().getBoundingClientRect();
            return [box.left + xy.x, box.top + xy.y];
        }""", [fid, zoom])
    time.sleep(0.4)
    box = page.query_selector(MAP_IFRAME).bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])


def popup_text(page, timeout_s: float = 10) -> str:
    """The text of the open popup."""
    return str(popup_content(page, timeout_s)["text"])


def popup_content(page, timeout_s: float = 10) -> dict[str, Any]:
    """The open popup's text and its links ([href, target]), read in one go.

    A click on the map also chooses the event, and the rerun that follows can replace the
    map's frame while it is read; then the popup is read again from the new frame (the
    chosen event's popup opens there too)."""
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout_s
    while True:
        try:
            frame = map_frame(page)
            frame.wait_for_selector(".leaflet-popup-content", timeout=timeout_s * 1000)
            return dict(frame.evaluate("""() => {
                const popup = document.querySelector(".leaflet-popup-content");
                return {text: popup.innerText, links: Array.from(popup.querySelectorAll("a"))
                    .map(a => [a.getAttribute("href"), a.getAttribute("target")])};
            }"""))
        except PlaywrightError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def download(page, button_name: str, attempts: int = 3):
    """Click a download button and return the download. The map's first report can make the
    script rerun just after load, re-creating the buttons; a click lost that way is retried."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(attempts):
        wait_ready(page)
        button = page.get_by_role("button", name=button_name)
        button.wait_for(state="visible")
        try:
            with page.expect_download(timeout=20_000) as info:
                button.click()
            return info.value
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
            page.wait_for_timeout(1000)
    raise AssertionError("unreachable")
