"""The measuring tool is fetched when first reached, and then measures, also offline."""

from __future__ import annotations

import pytest

from geo.map.assets import standalone_html
from geo.map.explorer import make_map

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("reach", ["hover", "click"])
def test_the_measure_tool_loads_on_first_use_and_measures(browser, reach):
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.set_content(standalone_html(make_map({})))  # offline: the plugin is a data: URI
        toggle = page.locator(".leaflet-control-measure-toggle").bounding_box()
        assert page.evaluate("() => typeof L.Control.Measure") == "undefined"  # not loaded yet
        page.mouse.move(toggle["x"] + 5, toggle["y"] + 5)
        if reach == "click":
            page.mouse.down()
            page.mouse.up()
        page.get_by_text("Create a new measurement").click()
        page.mouse.click(400, 350)
        page.mouse.click(600, 350)
        page.get_by_text("Finish measurement").click()
        assert "Kilometers" in page.inner_text(".leaflet-popup-content")
        assert page.locator(".leaflet-control-measure").count() == 1  # the stand-in is gone
        assert errors == []
    finally:
        page.close()
