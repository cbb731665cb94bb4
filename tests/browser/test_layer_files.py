"""Issue 26/27: a layer folder that changes under a running server is read whole and checked
before it replaces the set in use; a bad set (NaN written into a file by hand) keeps the last
good one on the map and says so, never a traceback."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from ..conftest import ROOT
from .conftest import start_server, stop_server
from .helpers import tools, tools_open, wait_for, wait_ready

pytestmark = pytest.mark.browser


def test_a_broken_layer_file_keeps_the_last_good_set_on_the_map(browser, tmp_path):
    folder = tmp_path / "layers"
    shutil.copytree(ROOT / "layers", folder)
    process, url = start_server({"GEO_LAYERS_DIR": str(folder)})
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(url + "/")
        frame = wait_ready(page)
        before = frame.evaluate("() => geoFeatureLayer.layers().map(l => l.size())")
        events = folder / "events.geojson"
        text = events.read_text(encoding="utf-8")
        broken = text.replace('"perigee_km":', '"perigee_km":NaN,"was":', 1)
        assert broken != text
        events.write_text(broken, encoding="utf-8")
        later = time.time() + 5
        os.utime(events, (later, later))  # a new stamp even on a coarse clock
        page.reload()
        frame = wait_ready(page)
        assert frame.evaluate("() => geoFeatureLayer.layers().map(l => l.size())") == before
        wait_for(lambda: tools_open(page), what="the tools panel opening on the warning")
        body = page.locator("body").inner_text() + tools(page).locator("body").inner_text()
        assert "the new set cannot be read" in body and "events.geojson" in body
        assert "NaN is not a number JSON allows" in body
        assert "Traceback" not in body and str(ROOT) not in body and str(tmp_path) not in body
        assert errors == []
        direct = context.request.get(url + "/geo/explorer")
        assert direct.status == 200  # the last good page, not a bare 500
    finally:
        context.close()
        stop_server(process)
