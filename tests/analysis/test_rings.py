"""Range rings around a site and the table of distances between sites."""

from __future__ import annotations

import pytest
from shapely.geometry import Point, shape

from geo.analysis.rings import distance_table, range_rings
from geo.errors import GeoError
from geo.physics import geodesy


def test_published_distances_between_sites(layers):
    sites = {item["id"]: item for item in layers["sites"]}
    table = distance_table([sites["sohae-lc1"], sites["pyongyang"], sites["vostochny-1s"]])
    rows = {(r["from"], r["to"]): r for r in table.to_dict("records")}
    lc1, pyongyang = sites["sohae-lc1"]["properties"]["name"], sites["pyongyang"]["properties"]["name"]
    vostochny = sites["vostochny-1s"]["properties"]["name"]
    assert rows[(lc1, pyongyang)]["distance_km"] == pytest.approx(114, abs=2)
    assert rows[(lc1, vostochny)]["distance_km"] == pytest.approx(1387, abs=5)
    assert rows[(lc1, vostochny)]["bearing_deg"] == pytest.approx(10, abs=1)
    assert list(table.columns) == ["from", "to", "distance_km", "bearing_deg"]
    assert len(table) == 3


@pytest.mark.parametrize("radius_km", [100, 500, 1000])
def test_range_rings_are_geodesic_circles(layers, radius_km):
    site = next(item for item in layers["sites"] if item["id"] == "sohae")
    (ring,) = range_rings(site, (radius_km,))
    lon, lat = site["geometry"]["coordinates"]
    for x, y in ring["geometry"]["coordinates"][0]:
        dist, _ = geodesy.distance_azimuth(lon, lat, x, y)
        assert dist == pytest.approx(radius_km * 1000, abs=0.5)  # 6-decimal rounding: < 0.2 m
    props = ring["properties"]
    assert props["geometry_method"] == "derived" and props["radius_km"] == radius_km
    assert props["sources"] == site["properties"]["sources"]
    assert shape(ring["geometry"]).is_valid and shape(ring["geometry"]).contains(Point(lon, lat))


def test_range_rings_default_radii_and_bad_radius(layers):
    site = next(item for item in layers["sites"] if item["id"] == "sohae")
    assert [r["properties"]["radius_km"] for r in range_rings(site)] == [100, 500, 1000]
    with pytest.raises(GeoError, match="radius"):
        range_rings(site, (0,))
    with pytest.raises(GeoError, match="Point"):
        range_rings({"id": "x", "geometry": None, "properties": {}}, (100,))
