"""Every CRS converted correctly to WGS 84 or refused with its name; points that do not convert
reported on their row, never moved to (0, 0) or a pole (issue 15)."""

from __future__ import annotations

import json

import pytest

from geo.errors import ImportDataError
from geo.importers.reader import import_bytes


def _geojson(crs, *coordinates) -> bytes:
    features = [{"type": "Feature", "properties": {"name": f"p{i}"},
                 "geometry": {"type": "Point", "coordinates": list(xy)}}
                for i, xy in enumerate(coordinates, start=1)]
    return json.dumps({"type": "FeatureCollection", "crs": crs, "features": features}).encode()


def _named(name: str) -> dict:
    return {"type": "name", "properties": {"name": name}}


@pytest.mark.parametrize(("crs", "xy", "lon_lat"), [
    ("+proj=utm +zone=52 +datum=WGS84", (500000, 4300000), (129.0, 38.848818)),
    ("EPSG:32652", (500000, 4300000), (129.0, 38.848818)),
    ("urn:ogc:def:crs:EPSG::3857", (14000000, 4600000), (125.76414, 38.145496)),
    ("EPSG:4326+5773", (125.5, 39.0, 10), (125.5, 39.0)),  # compound: its horizontal part
    ("EPSG:4979", (125.5, 39.0, 100), (125.5, 39.0)),
    ("urn:ogc:def:crs:OGC:1.3:CRS84", (125.5, 39.0), (125.5, 39.0)),
])
def test_crs_converted(crs, xy, lon_lat):
    result = import_bytes(_geojson(_named(crs), xy), "p.geojson")
    assert result.features[0]["geometry"]["coordinates"] == list(lon_lat)


@pytest.mark.parametrize(("crs", "fragment"), [
    ("+proj=geocent +datum=WGS84", "'+proj=geocent +datum=WGS84' is geocentric"),
    ("EPSG:4978", "'EPSG:4978' (WGS 84) is geocentric"),
    ("IAU_2015:49900", "'IAU_2015:49900' (Mars (2015) - Sphere / Ocentric) is not a CRS of the "
                       "Earth (its ellipsoid's radius is 3,396,190 m)"),
    ("+proj=longlat +R=3396190 +no_defs", "is not a CRS of the Earth"),
    ("EPSG:5773", "'EPSG:5773' (EGM96 height) is a vertical CRS"),
    ('LOCAL_CS["site grid"]', "is neither geographic nor projected (Engineering CRS)"),
    ("EPSG:999999", "'EPSG:999999' is not a coordinate reference system PROJ knows"),
])
def test_crs_refused_with_its_name(crs, fragment):
    with pytest.raises(ImportDataError) as caught:
        import_bytes(_geojson(_named(crs), (45, 90)), "p.geojson")
    message = str(caught.value)
    assert message.startswith("p.geojson, field 'crs': its crs cannot be converted to WGS 84: ")
    assert fragment in message


@pytest.mark.parametrize("crs", [{"type": "link", "properties": {"href": "http://x/crs"}}, 4326,
                                 {"type": "name", "properties": {}}])
def test_a_crs_member_that_names_nothing_is_refused(crs):
    with pytest.raises(ImportDataError, match="has a crs member that names no CRS"):
        import_bytes(_geojson(crs, (125, 39)), "p.geojson")


def test_points_outside_the_projection_are_reported_per_row():
    """EPSG:3857 at 1e308 became (-180, 90) and friends: now each such row is skipped, by name."""
    data = _geojson(_named("EPSG:3857"), (1, 1e308), (1e308, 1), (2.1e7, 0), (14000000, 4600000))
    result = import_bytes(data, "p.geojson")
    assert [f["properties"]["name"] for f in result.features] == ["p4"]
    assert [(s.row, s.category) for s in result.skipped] == [
        (1, "coordinates out of range"), (2, "coordinates out of range"),
        (3, "coordinates out of range")]
    assert result.skipped[0].reason == ("(1, 1e+308) is outside the area where EPSG:3857 "
                                        "converts to longitude and latitude")


def test_a_utm_point_far_off_is_reported_not_wrapped():
    result = import_bytes(_geojson(_named("EPSG:32652"), (1e9, 1e9)), "p.geojson")
    assert not result.features and result.skipped[0].category == "coordinates out of range"
