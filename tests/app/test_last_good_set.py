"""A layer folder that changes under the server: checked whole before it replaces the set in use;
a bad one keeps the last good set serving, with the problem said (issues 26 and 27)."""

from __future__ import annotations

import os
import shutil
import time

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from geo.app import routes
from geo.errors import GeoError
from geo.layers.files import read_layers

from ..conftest import ROOT


def _touch(path) -> None:
    later = time.time() + 10
    os.utime(path, (later, later))


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "layers"
    shutil.copytree(ROOT / "layers", copy)
    return copy


@pytest.mark.parametrize(("old", "new", "said"), [
    ('"perigee_km":', '"perigee_km":NaN,"x":', "NaN is not a number JSON allows"),
    ('"coordinates":[', '"coordinates":[Infinity,', "Infinity is not a number JSON allows"),
    ('"coordinates":[', '"coordinates":[500,', "off the globe"),
    ('"coordinates":[', '"coordinates":["124.7",', "is not two or three numbers"),
])
def test_a_layer_file_with_an_impossible_value_is_refused_naming_it(folder, old, new, said):
    events = folder / "events.geojson"
    events.write_text(events.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(GeoError) as caught:
        read_layers(folder)
    assert "events.geojson" in str(caught.value) and said in str(caught.value)


def test_a_bad_set_keeps_the_last_good_one_and_says_why(folder):
    good = routes.catalogue(folder)
    assert good.problem is None
    events = folder / "events.geojson"
    events.write_text(events.read_text(encoding="utf-8").replace('"perigee_km":', '"perigee_km":NaN,', 1),
                      encoding="utf-8")
    _touch(events)
    kept = routes.catalogue(folder)
    assert kept.page == good.page and kept.layers is good.layers
    assert "events.geojson" in str(kept.problem) and "NaN" in str(kept.problem)
    (folder / "zones.geojson").unlink()
    assert "zones.geojson: layer file missing" in str(routes.catalogue(folder).problem)
    shutil.copy(ROOT / "layers" / "zones.geojson", folder / "zones.geojson")
    shutil.copy(ROOT / "layers" / "events.geojson", events)
    _touch(events)
    assert routes.catalogue(folder).problem is None  # mended: read again, served


def test_no_good_set_at_all_is_an_error_not_a_page(tmp_path):
    with pytest.raises(GeoError, match="no layers folder"):
        routes.catalogue(tmp_path / "nothing")


def test_a_download_with_no_layer_shown_is_refused_in_words():
    client = TestClient(Starlette(routes=routes.ROUTES))
    for fmt in ("geojson", "gpkg", "kml", "csv"):
        response = client.get(routes.DOWNLOAD_URL, params={"format": fmt, "layers": ""})
        assert response.status_code == 400 and "no layer is shown" in response.text
