"""The timeline on a phone (issue 22): 2023-2025 was squeezed into about 40 px, its dots piled
up and out of reach. The whole width now goes to the lanes, and the buttons, the wheel or a pinch
widen a stretch of time, which a dragged axis pans and a double click gives back whole."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
LAUNCH_2024 = "2024-05-27-malligyong-1-1"
START, END = "2023-01-01T00:00:00Z", "2026-01-01T00:00:00Z"


def _phone(browser, server, size=(390, 844)):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, has_touch=True)
    page = context.new_page()
    page.goto(server + "/geo/explorer")
    page.wait_for_function("typeof geoExplorer !== 'undefined' && geoExplorer.state().ready", timeout=60_000)
    return context, page


def _width_of_2023_to_2025(page) -> float:
    """Pixels between 1 Jan 2023 and 1 Jan 2026 on the timeline's axis."""
    return page.evaluate("""([a, b]) => {
        const t = geoExplorer.timeline();
        return t._x(Date.parse(b)) - t._x(Date.parse(a));
    }""", [START, END])


def _dots_in_view(page, start: str = START, end: str = END) -> list[dict]:
    return page.evaluate("""([a, b]) => {
        const t = geoExplorer.timeline();
        return t.items.filter(i => i.t >= Date.parse(a) && i.t < Date.parse(b))
          .map(i => ({key: i.key, at: t.positionOf(i.key)}));
    }""", [start, end])


def test_the_buttons_widen_the_chosen_years_and_each_dot_can_be_chosen(server, browser):
    context, page = _phone(browser, server)
    try:
        canvas = page.locator(".geo-time canvas").bounding_box()
        assert canvas["width"] >= 360  # the lanes' names sit above the dots: no column of their own
        before = _width_of_2023_to_2025(page)
        assert before < 60
        page.select_option("select.geo-event", LAUNCH_2024)
        zoom_in = page.get_by_role("button", name="Zoom in on the timeline")
        for _ in range(3):
            zoom_in.click()
        after = _width_of_2023_to_2025(page)
        assert after >= 6 * before, (before, after)
        view = page.evaluate("() => geoExplorer.timeline().view")
        chosen = page.evaluate("(s) => Date.parse(s)", "2024-05-27T13:44:00Z")
        assert view[0] < chosen < view[1]  # widened about the chosen launch
        dots = _dots_in_view(page, "2023-06-01T00:00:00Z", "2025-06-01T00:00:00Z")
        assert len(dots) >= 20 and all(d["at"] is not None for d in dots)
        places = [(d["at"]["x"], d["at"]["y"]) for d in dots]
        for i, (x1, y1) in enumerate(places):
            for x2, y2 in places[i + 1:]:
                assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= 9, (x1, y1, x2, y2)
        # a dot of the widened stretch is chosen by a tap on it
        other = next(d for d in dots if d["key"].startswith("events:") and LAUNCH_2024 not in d["key"])
        page.mouse.click(other["at"]["x"], other["at"]["y"])
        assert "events:" + page.evaluate("() => geoExplorer.state().event") == other["key"]
        # the axis pans; a double click shows the whole timeline again
        box = page.locator(".geo-time canvas").bounding_box()
        axis_y = box["y"] + box["height"] - 6
        page.mouse.move(box["x"] + 200, axis_y)
        page.mouse.down()
        page.mouse.move(box["x"] + 300, axis_y, steps=5)
        page.mouse.up()
        moved = page.evaluate("() => geoExplorer.timeline().view")
        assert moved[0] < view[0] and moved[1] - moved[0] == pytest.approx(view[1] - view[0])
        page.locator(".geo-time canvas").dblclick(position={"x": 150, "y": 30})
        assert page.evaluate("() => geoExplorer.timeline().view") is None
        assert _width_of_2023_to_2025(page) == pytest.approx(before)
    finally:
        context.close()


def test_a_pinch_widens_the_stretch_between_the_fingers(server, browser):
    context, page = _phone(browser, server)
    try:
        before = _width_of_2023_to_2025(page)
        box = page.locator(".geo-time canvas").bounding_box()
        mid = page.evaluate("(s) => geoExplorer.timeline()._x(Date.parse(s))", "2024-07-01T00:00:00Z")
        y = box["y"] + 40
        page.evaluate("""([x0, y, mid]) => {
            const canvas = document.querySelector(".geo-time canvas");
            const send = (type, id, x) => canvas.dispatchEvent(new PointerEvent(type, {
                pointerId: id, pointerType: "touch", clientX: x0 + x, clientY: y, bubbles: true}));
            send("pointerdown", 11, mid - 10); send("pointerdown", 12, mid + 10);
            for (let k = 1; k <= 10; k++) {
                send("pointermove", 11, mid - 10 - 8 * k);
                send("pointermove", 12, mid + 10 + 8 * k);
            }
            send("pointerup", 11, mid - 90); send("pointerup", 12, mid + 90);
        }""", [box["x"], y, mid])
        after = _width_of_2023_to_2025(page)
        assert after >= 4 * before, (before, after)
        # the time between the fingers stays between them
        assert page.evaluate("(s) => geoExplorer.timeline()._x(Date.parse(s))",
                             "2024-07-01T00:00:00Z") == pytest.approx(mid, abs=3)
        assert page.evaluate("() => geoExplorer.state().start") is None  # a pinch is no brush
    finally:
        context.close()


def test_the_wheel_zooms_about_the_pointer_on_a_laptop(server, browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        page.goto(server + "/geo/explorer")
        page.wait_for_function("typeof geoExplorer !== 'undefined' && geoExplorer.state().ready",
                               timeout=60_000)
        box = page.locator(".geo-time canvas").bounding_box()
        x = page.evaluate("(s) => geoExplorer.timeline()._x(Date.parse(s))", "2016-02-07T00:00:00Z")
        before = _width_of_2023_to_2025(page)
        page.mouse.move(box["x"] + x, box["y"] + 30)
        page.mouse.wheel(0, -600)
        page.wait_for_function("() => geoExplorer.timeline().view !== null")
        assert _width_of_2023_to_2025(page) > 2 * before
        assert page.evaluate("(s) => geoExplorer.timeline()._x(Date.parse(s))",
                             "2016-02-07T00:00:00Z") == pytest.approx(x, abs=3)
    finally:
        context.close()
