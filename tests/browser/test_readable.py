"""A map read at a glance (issue 22), at a laptop's and a phone's sizes: a legend that never
hides a toggle, place labels that never overlap, a search for sites, places and coordinates,
and views that show what was chosen."""

from __future__ import annotations

import time

import pytest

from ..conftest import DATA
from .helpers import SIDEBAR, explorer, tools, wait_for, wait_ready

pytestmark = pytest.mark.browser
SIZES = [(1440, 900), (1280, 720), (390, 844)]
LAUNCH_2024 = "2024-05-27-malligyong-1-1"
FRAGMENTS_2024 = "2024-05-27-fragments"


def _explorer_page(browser, server, size, path="/geo/explorer"):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + path)
    page.errors = errors
    return context, page


def _ready(page):
    page.wait_for_function("typeof geoExplorer !== 'undefined' && geoExplorer.state().ready", timeout=60_000)
    return page


def _labels(frame) -> list[dict]:
    return frame.evaluate("""() => Array.from(document.querySelectorAll(".geo-label"), n => {
        const b = n.getBoundingClientRect();
        return {text: n.textContent, kind: n.className,
                left: b.left, top: b.top, right: b.right, bottom: b.bottom};
    })""")


@pytest.mark.parametrize("size", SIZES)
def test_every_legend_toggle_is_the_element_under_its_centre(server, browser, size):
    """With an import and (where there is room) the app's side bar open: the legend used to run
    under the timeline at 1280x720, its last toggles out of reach."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    try:
        page.goto(server + "/")
        frame = wait_ready(page)
        phone = size[0] < 600
        if not phone:  # on a phone the side bar would cover the page: the file goes in closed
            frame.get_by_role("button", name="Your data & analysis").click()
        upload = f'{SIDEBAR} .st-key-geo_upload input[type="file"]'
        tools(page).locator(upload).wait_for(state="attached", timeout=10_000)
        tools(page).set_input_files(upload, files=[{"name": "launches_cp1252.csv", "mimeType": "text/csv",
                                             "buffer": (DATA / "launches_cp1252.csv").read_bytes()}])
        frame = explorer(page)
        wait_for(lambda: frame.evaluate("""() => geoFeatureLayer.layers()
            .some(l => l.spec.namespace !== "builtin")"""), 60, what="the imported layer")
        frame = explorer(page)
        if not frame.evaluate("() => document.querySelector('.geo-layers').classList.contains('open')"):
            frame.click(".geo-layers-head")
        names = frame.evaluate("""() => Array.from(
            document.querySelectorAll('.geo-layers input[type=checkbox]'), n => n.dataset.layer)""")
        assert len(names) >= 7  # six of the catalogue and the import, the modelled ones too
        for name in names:
            where = frame.evaluate("""(name) => {
                const input = document.querySelector(`.geo-layers input[data-layer="${CSS.escape(name)}"]`);
                input.scrollIntoView({block: "nearest"});
                const b = input.getBoundingClientRect(), x = b.left + b.width / 2, y = b.top + b.height / 2;
                const hit = document.elementFromPoint(x, y);
                return {x, y, own: hit === input || hit === input.closest("label"),
                        hit: hit ? hit.outerHTML.slice(0, 80) : null};
            }""", name)
            assert where["own"], (size, name, where)
            # and in the app's page, nothing of Streamlit's (its tools panel) covers that point
            on_top = page.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('.geo-tools')",
                                   [where["x"], where["y"]])
            assert not on_top, (size, name, on_top)
            before = frame.evaluate("(n) => geoExplorer.state().visible.includes(n)", name)
            page.mouse.click(where["x"], where["y"])
            wait_for(lambda name=name, before=before: frame.evaluate(
                "(n) => geoExplorer.state().visible.includes(n)", name) != before, what=f"toggling {name}")
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES)
def test_place_labels_are_drawn_and_never_overlap(server, browser, size):
    context, page = _explorer_page(browser, server, size)
    try:
        _ready(page)
        for zoom in (None, 7, 9):
            if zoom:  # Pyongyang, its control centre and (at 7) Sohae
                page.evaluate("(z) => geoExplorer.map().setView([39.05, 125.6], z, {animate: false})", zoom)
                time.sleep(0.3)
            labels = _labels(page)
            assert len(labels) >= (4 if zoom != 9 else 1), (size, zoom, labels)
            for a_index, a in enumerate(labels):
                for b in labels[a_index + 1:]:
                    apart = (a["right"] <= b["left"] or b["right"] <= a["left"]
                             or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])
                    assert apart, (size, zoom, a["text"], b["text"])
            if zoom:  # at the first view, Pyongyang's dot is crowded by Sohae's, Seoul's and Wonsan's
                assert "Pyongyang" in " ".join(label["text"] for label in labels), (size, zoom)
        page.evaluate("() => geoExplorer.map().setView([36.0, 124.0], 5, {animate: false})")
        time.sleep(0.3)
        seas = [label["text"] for label in _labels(page) if "sea" in label["kind"]]
        assert any("Yellow Sea" in text and "West Sea" in text for text in seas), seas  # both names
        assert page.errors == []
    finally:
        context.close()


def _search(page, text: str) -> str:
    page.fill(".geo-search input", text)
    page.wait_for_selector(".geo-search-list:not([hidden])")
    return page.inner_text(".geo-search-list")


@pytest.mark.parametrize("size", [(1280, 720), (390, 844)])
def test_search_finds_a_site_a_place_and_a_coordinate(server, browser, size):
    context, page = _explorer_page(browser, server, size)
    try:
        _ready(page)
        assert _search(page, "sohae").splitlines()[0] == "Sohae Satellite Launching Station"
        page.keyboard.press("Enter")
        wait_for(lambda: state_of(page)["detail"] == "sohae", what="Sohae chosen")
        card = page.evaluate("""() => {
            const c = document.querySelector(".geo-card").getBoundingClientRect();
            const m = geoExplorer.map().getContainer().getBoundingClientRect();
            return c.top >= m.top && c.bottom <= m.bottom && c.left >= m.left && c.right <= m.right;
        }""")
        assert card  # the card is wholly on the map

        assert "Dandong" in _search(page, "dandong")
        page.keyboard.press("Enter")
        centre = page.evaluate("() => { const c = geoExplorer.map().getCenter(); return [c.lat, c.lng]; }")
        assert abs(centre[0] - 40.129) < 0.01 and abs(centre[1] - 124.395) < 0.01

        listed = _search(page, "39-39.6N 124-42.3E")
        assert "39.6600° N, 124.7050° E" in listed and "39°39′36.0″N 124°42′18.0″E" in listed
        page.keyboard.press("Enter")
        centre = page.evaluate("() => { const c = geoExplorer.map().getCenter(); return [c.lat, c.lng]; }")
        assert abs(centre[0] - 39.66) < 1e-6 and abs(centre[1] - 124.705) < 1e-6
        assert "39.6600° N" in page.inner_text(".geo-search-label")

        assert "a latitude of 95° is beyond the pole" in _search(page, "95N 124E")
        assert page.errors == []
    finally:
        context.close()


def state_of(page) -> dict:
    return page.evaluate("() => geoExplorer.state()")


def _pixels(page, layer: str, feature: str) -> dict:
    return page.evaluate("""([layer, id]) => {
        const l = geoFeatureLayer.byName(layer), map = geoExplorer.map(), b = l.boundsOf([l.indexOf(id)]);
        const sw = map.latLngToContainerPoint(b.getSouthWest());
        const ne = map.latLngToContainerPoint(b.getNorthEast());
        const size = map.getSize();
        return {inside: map.getBounds().contains(b), width: ne.x - sw.x, height: sw.y - ne.y,
                mapWidth: size.x, mapHeight: size.y, zoom: map.getZoom()};
    }""", [layer, feature])


@pytest.mark.parametrize("size", SIZES)
def test_zoom_to_on_a_small_zone_fills_the_map_with_it(server, browser, size):
    """It used to zoom to the zone's whole event (Sohae to the Philippines, zoom 4)."""
    context, page = _explorer_page(browser, server, size)
    try:
        _ready(page)
        page.evaluate("(id) => geoExplorer.choose(id, 'map')", FRAGMENTS_2024)
        page.click(".geo-card button[data-act=zoom]")
        seen = _pixels(page, "zones", FRAGMENTS_2024)
        assert seen["inside"], seen
        assert max(seen["width"] / seen["mapWidth"], seen["height"] / seen["mapHeight"]) > 0.4, seen
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES)
def test_choosing_the_2024_launch_shows_where_it_fell(server, browser, size):
    context, page = _explorer_page(browser, server, size)
    try:
        _ready(page)
        page.select_option("select.geo-event", LAUNCH_2024)
        time.sleep(0.3)
        seen = _pixels(page, "zones", FRAGMENTS_2024)
        assert seen["inside"] and seen["zoom"] >= 5 and seen["width"] >= 10, seen
        far = page.evaluate("() => Array.from(document.querySelectorAll('.geo-pointer'), n => n.dataset.id)")
        assert "2024-05-second-stage" in far  # 2,900 km off: pointed to, not fitted
    finally:
        context.close()


NOTATIONS = {  # as typed -> (lat, lon), or the words of the refusal, or None (not a position)
    "39.65, 124.73": (39.65, 124.73), "-33.9 151.2": (-33.9, 151.2),
    "39.65N 124.73E": (39.65, 124.73), "N39.65 E124.73": (39.65, 124.73),
    "39.65°N, 124.73°E": (39.65, 124.73), "39.5N,125.5W": (39.5, -125.5),
    "39°39'36\"N 124°42'18\"E": (39.66, 124.705), "39°39′36″N 124°42′18″E": (39.66, 124.705),
    "39 39 36 N 124 42 18 E": (39.66, 124.705), "39-39.6N 124-42.3E": (39.66, 124.705),
    "39-39-36N 124-42-18E": (39.66, 124.705), "393936N1244218E": (39.66, 124.705),
    "3939N12442E": (39.65, 124.7), "S02 25 E120 38": (-2 - 25 / 60, 120 + 38 / 60),
    "95N 124E": "beyond the pole", "39-61N 124-00E": "below 60", "39N 190E": "beyond 180",
    "39.5-30N 124E": "only the last number", "393N1244E": "beyond the pole", "3939N 124425E": "DDMM",
    "Sohae": None, "2024": None, "39.65": None, "39 39.6 124 42.3": None, "Launch 2012 39N 124E": None,
}


def test_a_coordinate_is_read_in_every_usual_notation_or_refused(server, browser):
    context, page = _explorer_page(browser, server, (1280, 720))
    try:
        _ready(page)
        read = page.evaluate("(texts) => texts.map(t => geoSearch.coordinate(t))", list(NOTATIONS))
        for (text, expected), got in zip(NOTATIONS.items(), read, strict=True):
            if expected is None:
                assert got is None, (text, got)
            elif isinstance(expected, str):
                assert got and expected in got.get("error", ""), (text, got)
            else:
                assert got and "lat" in got, (text, got)
                assert abs(got["lat"] - expected[0]) < 1e-9, (text, got)
                assert abs(got["lon"] - expected[1]) < 1e-9, (text, got)
    finally:
        context.close()
