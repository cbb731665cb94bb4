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


def _wide_gpkg(path, columns: int) -> None:
    import geopandas as gpd
    import shapely

    frame = gpd.GeoDataFrame({f"c{i}": ["x" * 50] for i in range(columns)},
                             geometry=[shapely.Point(125, 39)], crs=4326)
    frame.to_file(path, driver="GPKG")


def test_a_wide_one_row_geopackage_is_read_in_little_memory(tmp_path):
    """A 160 KB file of one row and 999 columns took 1.7 GB: pyogrio sized every column at the
    200,001 rows asked for. Measured in a process of its own, so the figure is this import's."""
    import subprocess
    import sys

    path = tmp_path / "wide.gpkg"
    _wide_gpkg(path, 999)
    script = ("import resource, sys\nfrom geo.importers.reader import import_path\n"
              "r = import_path(sys.argv[1])\n"
              "print(len(r.features), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")
    run = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr[-800:]
    features, peak_mb = (int(x) for x in run.stdout.split())
    assert features == 1
    assert peak_mb < 700, f"{peak_mb} MB for a one-row table"


def test_a_geopackage_with_too_many_columns_is_refused_before_reading(tmp_path):
    path = tmp_path / "wider.gpkg"
    _wide_gpkg(path, 1001)
    with pytest.raises(ImportDataError, match="1,001 columns; at most 1,000 are read"):
        import_bytes(path.read_bytes(), "wider.gpkg")
