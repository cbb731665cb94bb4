"""The offline basemap: its data file, geo.basemap, and the script that makes the file."""

from __future__ import annotations

import importlib.util
import io
import json
import math
import re
import sys
import tarfile
from pathlib import Path
from types import ModuleType
from typing import Any

import folium
import numpy
import pytest
import shapely
from shapely.geometry import LinearRing, LineString, Point, box, shape
from shapely.geometry.polygon import orient

from geo.errors import GeoError
from geo.map.basemap import (
    DETAIL_ZOOM,
    SCRIPT_PATH,
    SEA_COLOUR,
    OfflineBasemap,
    add_basemap,
    browser_script,
)
from geo.physics.land import BASEMAP_PATH, BBOX, is_at_sea, land, load_basemap

from ..conftest import ROOT

SCRIPT = ROOT / "scripts" / "make_basemap.py"


@pytest.fixture(scope="module")
def make_basemap() -> ModuleType:
    """scripts/make_basemap.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("make_basemap", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_basemap"] = module
    spec.loader.exec_module(module)
    return module


def rings(geometry: dict[str, Any]) -> list[tuple[list[list[float]], bool]]:
    """Each ring of a (multi)polygon with whether it is an exterior ring."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [(ring, i == 0) for polygon in polygons for i, ring in enumerate(polygon)]


def test_file_is_rfc7946_geojson() -> None:
    data = json.loads(BASEMAP_PATH.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    kinds = {f["properties"]["kind"] for f in data["features"]}
    assert kinds == {"land", "border", "world-land", "world-border"}
    for feature in data["features"]:
        assert feature["type"] == "Feature" and "crs" not in feature
        assert isinstance(feature["properties"]["name"], str)
        geom = shape(feature["geometry"])
        assert geom.is_valid and not geom.is_empty, feature["properties"]
        region = box(*BBOX)
        if feature["properties"]["kind"].startswith("world"):  # the coarse world, outside
            assert geom.intersection(region).area < 1e-9, feature["properties"]
        else:
            assert region.buffer(1e-9).contains(geom), feature["properties"]
        if feature["properties"]["kind"].endswith("land"):
            assert geom.geom_type in ("Polygon", "MultiPolygon")
            for ring, exterior in rings(feature["geometry"]):
                assert LinearRing(ring).is_ccw == exterior, feature["properties"]["name"]
        else:
            assert geom.geom_type in ("LineString", "MultiLineString")


def test_file_is_small_and_rounded() -> None:
    text = BASEMAP_PATH.read_text(encoding="utf-8")
    assert len(text.encode()) < 1_500_000
    assert not re.search(r"\d\.\d{6,}", text)


def test_countries_of_the_region_are_named() -> None:
    names = {f["properties"]["name"] for f in load_basemap()["features"]}
    assert {"North Korea", "South Korea", "China", "Japan", "Russia", "Philippines"} <= names
    assert "China – North Korea" in names


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(39.0194, 125.7381), (51.884, 128.333), (39.66, 124.705)],
    ids=["Pyongyang", "Vostochny", "Sohae"],
)
def test_places_on_land(lat: float, lon: float) -> None:
    assert not is_at_sea(Point(lon, lat))


@pytest.mark.parametrize(
    ("lat", "lon"), [(36.0, 124.0), (18.0, 124.3)], ids=["Yellow Sea", "Philippine Sea"]
)
def test_places_at_sea(lat: float, lon: float) -> None:
    assert is_at_sea(Point(lon, lat))


def test_a_zone_touching_the_coast_is_not_at_sea() -> None:
    assert not is_at_sea(Point(124.0, 36.0).buffer(3.0))


def test_outside_the_coverage_is_an_error() -> None:
    with pytest.raises(GeoError, match="coverage"):
        is_at_sea(Point(160.0, 30.0))


def test_land_is_cached() -> None:
    assert land() is land()
    assert load_basemap() is load_basemap()


def test_add_basemap_draws_a_quiet_layer_below_the_data() -> None:
    m = folium.Map(tiles=None)
    add_basemap(m)
    add_basemap(m)
    (basemap,) = [c for c in m._children.values() if isinstance(c, OfflineBasemap)]
    html = m.get_root().render()
    assert SEA_COLOUR in html and "#efe9dc" in html and "dashArray" in html
    assert re.search(r'createPane\("basemap"\)', html) and '"interactive": false' in html
    assert "geo/basemap.js" in html  # the data: a static file the browser caches
    assert "bindPopup" not in html and "bindTooltip" not in html
    assert "style" not in load_basemap()["features"][0]["properties"]


def test_the_browser_copy_is_made_from_the_data_file() -> None:
    assert SCRIPT_PATH.read_text(encoding="utf-8") == browser_script(), (
        "geo/static/geo/basemap.js is stale: run python scripts/make_basemap.py")


def test_the_coarse_copy_is_within_a_pixel_where_it_is_drawn() -> None:
    """Below DETAIL_ZOOM the coarse copy is drawn; south of 55°N it stays within a pixel."""
    text = browser_script()
    coarse, detailed = (json.loads(match.group(1))
                        for match in re.finditer(r"(?:coarse: JSON\.parse\(|detailed: )'([^']*)'", text))
    metres_per_pixel = 2 * math.pi * 6378137 / 2 ** (DETAIL_ZOOM - 1 + 8)
    south = box(100, 10, 150, 55)
    for kind in ("land", "border"):
        assert len(coarse[kind]) == len(detailed[kind]) > 0
        assert sum(map(len, coarse[kind])) < 0.7 * sum(map(len, detailed[kind]))
        for simple, full in zip(coarse[kind], detailed[kind], strict=True):
            a, b = (shapely.transform(_decoded(ring).intersection(south), _mercator)
                    for ring in (simple, full))
            if not b.is_empty:
                assert a.hausdorff_distance(b) <= metres_per_pixel, kind


def _decoded(ring: list[int]) -> LineString:
    """A ring or line of basemap.js: [x0, y0, dx1, dy1, ...] in 1e-5 degrees."""
    return LineString(numpy.cumsum(numpy.array(ring).reshape(-1, 2), axis=0) / 1e5)


def _mercator(xy):
    lon, lat = xy[:, 0], xy[:, 1]
    return numpy.column_stack([numpy.radians(lon) * 6378137,
                               numpy.log(numpy.tan(numpy.pi / 4 + numpy.radians(lat) / 2)) * 6378137])


def tiny_topology() -> dict[str, Any]:
    """Two neighbouring squares A and B (sharing a 3-point edge) and C far outside the region.

    Quantized with scale 0.5 and translate (120, 30); arcs are delta-encoded.
    """
    return {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [120, 30]},
        "arcs": [
            [[2, 0], [0, 1], [0, 1]],  # (121,30) (121,30.5) (121,31): the shared edge
            [[2, 2], [-2, 0], [0, -2], [2, 0]],  # A's other sides
            [[2, 0], [2, 0], [0, 2], [-2, 0]],  # B's other sides
            [[-220, 0], [2, 0], [0, 2], [-2, 0], [0, -2]],  # C at lon 10..11
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "A"}},
                    {"type": "Polygon", "arcs": [[2, -1]], "properties": {"name": "B"}},
                    {"type": "MultiPolygon", "arcs": [[[3]]], "properties": {"name": "C"}},
                ],
            }
        },
    }


def test_decoder_undoes_quantization_and_deltas(make_basemap: ModuleType) -> None:
    arcs = make_basemap.decode_arcs(tiny_topology())
    assert arcs[0] == [(121.0, 30.0), (121.0, 30.5), (121.0, 31.0)]
    assert arcs[1] == [(121.0, 31.0), (120.0, 31.0), (120.0, 30.0), (121.0, 30.0)]
    assert arcs[3][0] == (10.0, 30.0) and arcs[3][-1] == (10.0, 30.0)
    ring = make_basemap.stitch([2, ~0], arcs)
    assert ring == [(121, 30), (122, 30), (122, 31), (121, 31), (121, 30.5), (121, 30)]


def test_simplify_keeps_ends_and_closed_rings(make_basemap: ModuleType) -> None:
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 1.0)]
    assert make_basemap.simplify_arc(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 1.0)]
    tiny = [(0.0, 0.0), (0.001, 0.0), (0.001, 0.001), (0.0, 0.0)]
    assert make_basemap.simplify_arc(tiny, 0.01) == tiny


def test_build_gives_land_and_shared_border(make_basemap: ModuleType) -> None:
    features = make_basemap.build(tiny_topology())["features"]
    by_name = {f["properties"]["name"]: f for f in features}
    assert set(by_name) == {"A", "B", "A – B"}
    assert by_name["A"]["properties"]["kind"] == "land"
    a = shape(by_name["A"]["geometry"])
    assert a.equals(box(120, 30, 121, 31)) and orient(a, 1.0).equals_exact(a, 0)
    assert LinearRing(by_name["B"]["geometry"]["coordinates"][0]).is_ccw
    border = by_name["A – B"]
    assert border["properties"]["kind"] == "border"
    assert border["geometry"]["type"] == "LineString"
    assert sorted(border["geometry"]["coordinates"]) == [[121.0, 30.0], [121.0, 31.0]]


def test_build_clips_to_the_region(make_basemap: ModuleType) -> None:
    topology = tiny_topology()
    topology["transform"]["translate"] = [149.5, 59.5]
    features = make_basemap.build(topology)["features"]
    a = shape(next(f for f in features if f["properties"]["name"] == "A")["geometry"])
    assert a.equals(box(149.5, 59.5, 150, 60))


def test_script_output_is_deterministic(make_basemap: ModuleType, tmp_path: Path) -> None:
    payload = json.dumps(tiny_topology()).encode()
    tarball = tmp_path / "world-atlas.tgz"
    with tarfile.open(tarball, "w:gz") as tar:
        for resolution in ("10m", "110m"):
            info = tarfile.TarInfo(f"package/countries-{resolution}.json")
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
    outputs = [tmp_path / "one.geojson", tmp_path / "two.geojson"]
    for out in outputs:
        assert make_basemap.main(["--tarball", str(tarball), "--out", str(out)]) == 0
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    data = json.loads(outputs[0].read_bytes())
    kinds = [f["properties"]["kind"] for f in data["features"]]
    assert data["type"] == "FeatureCollection" and kinds.count("land") + kinds.count("border") == 3


def test_committed_file_looks_like_the_script_output(make_basemap: ModuleType) -> None:
    text = BASEMAP_PATH.read_bytes()
    data = json.loads(text)
    assert make_basemap.dumps(data) == text
