"""Hostile values in imported files: other digits, shapes across 180°, wide tables (issue 27)."""

from __future__ import annotations

import json

import pytest

from geo.errors import ImportDataError
from geo.importers.kmlscan import check_coordinates
from geo.importers.reader import import_bytes

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'


@pytest.mark.parametrize("text", ["１２５.５,３９.１", "١٢٥.٥,٣٩.١", "۱۲۵,۳۹", "125.5,3９.1"],
                         ids=["full-width", "arabic-indic", "persian", "one-full-width-digit"])
def test_kml_coordinates_in_other_digits_are_reported(text):
    """GDAL reads them as (0, 0); Python's float() would read them as numbers: neither is wanted."""
    assert "is not longitude,latitude[,altitude] in numbers" in check_coordinates(text)
    kml = (f"{HEAD}<Document><Placemark><name>x</name><Point><coordinates>{text}</coordinates>"
           f"</Point></Placemark><Placemark><name>ok</name><Point><coordinates>125.5,39.1"
           f"</coordinates></Point></Placemark></Document></kml>")
    result = import_bytes(kml.encode(), "digits.kml")
    assert [f["properties"]["name"] for f in result.features] == ["ok"]
    assert [(s.row, s.category) for s in result.skipped] == [(1, "bad coordinates")]


@pytest.mark.parametrize(("lat", "lon"), [("３９.６", "124.7"), ("39.6", "١٢٤.٧")])
def test_csv_coordinates_in_other_digits_are_reported(lat, lon):
    data = f"name,lat,lon\nbad,{lat},{lon}\ngood,39.6,124.7\n".encode()
    result = import_bytes(data, "digits.csv")
    assert [f["properties"]["name"] for f in result.features] == ["good"]
    assert [s.row for s in result.skipped] == [2]


def _geojson(geometry: dict) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "across"}, "geometry": geometry}]}).encode()


def test_a_polygon_across_180_is_split_not_drawn_the_long_way():
    square = [[179.0, -20.0], [-179.0, -20.0], [-179.0, -18.0], [179.0, -18.0], [179.0, -20.0]]
    result = import_bytes(_geojson({"type": "Polygon", "coordinates": [square]}), "dateline.geojson")
    geometry = result.features[0]["geometry"]
    assert geometry["type"] == "MultiPolygon"
    rings = [part[0] for part in geometry["coordinates"]]
    spans = sorted(max(p[0] for p in ring) - min(p[0] for p in ring) for ring in rings)
    assert spans == [1.0, 1.0]  # two 1° pieces either side of 180°, not one of 358°
    assert any("crosses the antimeridian" in w.reason for w in result.warnings)


def test_a_line_across_180_is_split():
    line = {"type": "LineString", "coordinates": [[178.0, 0.0], [-178.0, 1.0]]}
    result = import_bytes(_geojson(line), "dateline.geojson")
    geometry = result.features[0]["geometry"]
    assert geometry["type"] == "MultiLineString"
    parts = geometry["coordinates"]
    steps = [abs(a[0] - b[0]) for part in parts for a, b in zip(part, part[1:], strict=False)]
    assert max(steps) <= 2.0


def test_shapes_that_do_not_cross_are_left_alone():
    square = [[120.0, 30.0], [130.0, 30.0], [130.0, 40.0], [120.0, 40.0], [120.0, 30.0]]
    result = import_bytes(_geojson({"type": "Polygon", "coordinates": [square]}), "sea.geojson")
    assert result.features[0]["geometry"]["type"] == "Polygon"
    assert not result.warnings


def test_no_import_of_nothing():
    with pytest.raises(ImportDataError):
        import_bytes(b"name,lat,lon\n", "empty.csv")
