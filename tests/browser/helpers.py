"""Reading and driving the explorer inside the app's page (its frame serves /geo/explorer)."""

from __future__ import annotations

import time
from typing import Any

from .conftest import ARTIFACTS

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MAP_IFRAME = 'iframe[src^="/geo/explorer"]'
SIDEBAR = 'section[data-testid="stSidebar"]'

# The features the project's layers have drawn.
_DRAWN_IDS = """() => geoFeatureLayer.features(geoExplorer.map())
    .filter(f => f.control && f.drawn).map(f => f.id)"""
# Every Streamlit run the page makes from now on is counted (the app's run state).
_COUNT_RUNS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.__geoRuns = 0;
    new MutationObserver(() => {
        if (app.getAttribute("data-test-script-state") === "running") window.__geoRuns += 1;
    }).observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""


def explorer(page) -> Any:
    """The Playwright frame of the explorer."""
    handle = page.query_selector(MAP_IFRAME)
    return handle.content_frame() if handle else None


def wait_ready(page, timeout_s: float = 60) -> Any:
    """Until the script has run and the explorer has drawn; returns the explorer's frame."""
    page.wait_for_selector(READY, timeout=timeout_s * 1000)
    page.wait_for_selector(MAP_IFRAME, timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        frame = explorer(page)
        try:
            if frame is not None and frame.evaluate(
                    "() => typeof geoExplorer !== 'undefined' && geoExplorer.state().ready"):
                return frame
        except Exception:  # the frame is still loading
            pass
        time.sleep(0.1)
    raise TimeoutError("the explorer did not get ready")


def state(page) -> dict[str, Any]:
    """The explorer's state: dates, chosen event, visible layers, extent."""
    return dict(explorer(page).evaluate("() => geoExplorer.state()"))


def count_runs(page) -> None:
    """From now on, count the runs of the page's script (Streamlit reruns)."""
    page.evaluate(_COUNT_RUNS)


def runs(page) -> int:
    """How many runs the page's script made since count_runs."""
    return int(page.evaluate("() => window.__geoRuns"))


def ids_on_map(page) -> list[str]:
    """Ids of the project's features drawn on the map right now (no waiting)."""
    frame = explorer(page)
    return list(frame.evaluate(_DRAWN_IDS)) if frame else []


def shown_ids(page) -> list[str]:
    """Ids of the features the explorer shows (its layers on, its filters passed), wherever the
    map is looking."""
    return sorted(explorer(page).evaluate("""() => {
        const out = [];
        geoFeatureLayer.layers().forEach(l => {
            if (!geoExplorer.map().hasLayer(l.group)) return;
            for (let i = 0; i < l.size(); i++) if (l.shown[i]) out.push(l.id(i));
        });
        return out;
    }"""))


def drawn_ids(page, settle_s: float = 0.3) -> list[str]:
    """Ids of the features the map has drawn, once the count is stable."""
    last: list[str] | None = None
    for _ in range(40):
        ids = sorted(ids_on_map(page))
        if ids == last:
            return ids
        last = ids
        time.sleep(settle_s)
    return last or []


def map_point(page, lat: float, lon: float) -> tuple[float, float]:
    """Where (lat, lon) is on the screen (page pixels)."""
    frame = explorer(page)
    x, y = frame.evaluate("""([lat, lon]) => {
        const map = geoExplorer.map(), p = map.latLngToContainerPoint([lat, lon]);
        const box = map.getContainer().getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""", [lat, lon])
    box = page.query_selector(MAP_IFRAME).bounding_box()
    return box["x"] + x, box["y"] + y


def view(page) -> list[float]:
    """The map's centre and zoom: [lat, lon, zoom]."""
    return list(explorer(page).evaluate(
        "() => { const m = geoExplorer.map(), c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; }"))


def popup_text(page, timeout_s: float = 10) -> str:
    """The text of the open popup (the newest: an earlier one may still be fading out)."""
    frame = explorer(page)
    frame.wait_for_selector(".leaflet-popup-content", timeout=timeout_s * 1000)
    return str(frame.evaluate("""() => {
        const open = document.querySelectorAll(".leaflet-popup-content");
        return open[open.length - 1].innerText;
    }"""))


def assert_clean(page, screenshot: str) -> None:
    """No page error, no request beyond 127.0.0.1; keep a screenshot for CI."""
    assert page.watch.errors == []
    assert page.watch.external == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / screenshot))


def download(page, label: str, fmt: str | None = None):
    """Open the explorer's download menu, pick a format, click the link named label."""
    frame = explorer(page)
    frame.get_by_role("button", name="Download ▾").click()
    if fmt is not None:
        frame.locator(f'input[name="geo-format"][value="{fmt}"]').check()
    link = frame.get_by_role("link", name=label)
    with page.expect_download(timeout=30_000) as info:
        link.click()
    return info.value


def wait_for(check, timeout_s: float = 10, what: str = "the page") -> Any:
    """Poll check() until it gives something true; AssertionError naming what after timeout_s."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen in {timeout_s} s (last: {value!r})")
        time.sleep(0.1)


def url_params(page) -> dict[str, list[str]]:
    """The page's permalink parameters, as the page has them now (page.url is only brought up
    to date while Playwright talks to the browser)."""
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(page.evaluate("() => location.href")).query)
