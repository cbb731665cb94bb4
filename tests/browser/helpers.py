"""Reading and driving the app's page: the explorer is the page itself; the app's tools (the
Streamlit page) are in the frame of its tools panel."""

from __future__ import annotations

import time
from typing import Any

from .conftest import ARTIFACTS

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
TOOLS_IFRAME = "iframe.geo-tools-frame"  # the tools panel's frame, made once the map is ready
BRIDGE = 'iframe[src^="/geo/bridge"]'  # the tools' component that tells the map of the session
SIDEBAR = '[data-testid="stMain"]'  # the tools' content, in their frame

# The features the project's layers have drawn.
_DRAWN_IDS = """() => geoFeatureLayer.features(geoExplorer.map())
    .filter(f => f.control && f.drawn).map(f => f.id)"""
# Every Streamlit run the tools make from now on is counted (the app's run state).
_COUNT_RUNS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.__geoRuns = 0;
    new MutationObserver(() => {
        if (app.getAttribute("data-test-script-state") === "running") window.__geoRuns += 1;
    }).observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""


def explorer(page) -> Any:
    """The Playwright frame of the explorer: the page's own."""
    return page.main_frame


def tools(page) -> Any:
    """The Playwright frame of the app's tools panel (the Streamlit page), or None."""
    handle = page.query_selector(TOOLS_IFRAME)
    return handle.content_frame() if handle else None


def tools_open(page) -> bool:
    """Whether the tools panel is open."""
    return page.get_attribute(".geo-tools", "data-collapsed") == "false"


# The map has fetched the session's layers (the tools told it of the session), and drawn them.
HAS_SESSION = """() => performance.getEntriesByType("resource")
    .some(e => e.name.includes("/geo/session/"))"""
_NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))"


def wait_ready(page, timeout_s: float = 60) -> Any:
    """Until the explorer has drawn, the tools' script has run (their session's component
    mounted) and the map has the session's layers; returns the explorer's frame."""
    page.wait_for_function("() => typeof geoExplorer !== 'undefined' && geoExplorer.state().ready",
                           timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        frame = tools(page)
        try:
            if frame is not None and frame.query_selector(READY) and frame.query_selector(BRIDGE):
                page.wait_for_function(HAS_SESSION, timeout=max(1.0, deadline - time.monotonic()) * 1000)
                page.evaluate(_NEXT_FRAME)
                return explorer(page)
        except Exception as exc:  # the frame is still loading
            if "Timeout" in type(exc).__name__:
                raise
        time.sleep(0.1)
    raise TimeoutError("the app's tools did not get ready")


def state(page) -> dict[str, Any]:
    """The explorer's state: dates, chosen event, visible layers, extent."""
    return dict(explorer(page).evaluate("() => geoExplorer.state()"))


def count_runs(page) -> None:
    """From now on, count the runs of the tools' script (Streamlit reruns)."""
    tools(page).evaluate(_COUNT_RUNS)


def runs(page) -> int:
    """How many runs the tools' script made since count_runs."""
    return int(tools(page).evaluate("() => window.__geoRuns"))


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
    return x, y


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
