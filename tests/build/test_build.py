"""The committed layers: up to date, deterministic, RFC 7946, and carrying the public schema."""

from __future__ import annotations

import json
import re

import pytest
from shapely.geometry import shape
from shapely.geometry.polygon import LinearRing

from geo.build import build, render_layers
from geo.layers.registry import NAMES as LAYER_NAMES

from ..conftest import LAYERS, SEEDS

REQUIRED = {
    "sites": ("id", "name", "kind", "sources", "country", "names", "precision_m"),
    "events": ("id", "name", "kind", "sources", "time_utc", "outcome", "time_precision"),
    "zones": ("id", "name", "kind", "sources", "geometry_method", "event_id", "raw_text",
              "confidence"),
    "tracks": ("id", "name", "kind", "sources", "geometry_method", "geometry_note", "event_id",
               "azimuth_deg", "inclination_deg", "end_reason"),
    "footprints": ("id", "name", "kind", "sources", "geometry_method", "geometry_note",
                   "event_id", "version", "observed", "draws", "survivors", "survival",
                   "raw_text"),
    "scenarios": ("id", "name", "kind", "sources", "geometry_method", "geometry_note", "event_id",
                  "breakup_s", "distance_km", "vehicle_then", "raw_text"),
}


def test_layers_are_up_to_date(tmp_path):
    build(tmp_path, SEEDS)
    for name in LAYER_NAMES:
        fresh = (tmp_path / f"{name}.geojson").read_bytes()
        committed = (LAYERS / f"{name}.geojson").read_bytes()
        assert fresh == committed, f"layers/{name}.geojson is stale: run 'geo build'"


def test_build_is_deterministic():
    assert render_layers(SEEDS) == render_layers(SEEDS)


@pytest.mark.parametrize("name", LAYER_NAMES)
def test_layer_is_rfc7946(name):
    text = (LAYERS / f"{name}.geojson").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    for number in re.findall(r"-?\d+\.(\d+)", json.dumps([f["geometry"] for f in data["features"]])):
        assert len(number) <= 6
    for item in data["features"]:
        geometry = shape(item["geometry"])
        assert geometry.is_valid
        for lon, lat in _coords(item["geometry"]["coordinates"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        polygons = {"Polygon": [geometry], "MultiPolygon": list(getattr(geometry, "geoms", []))}
        for polygon in polygons.get(geometry.geom_type, []):
            assert LinearRing(polygon.exterior.coords).is_ccw, item["id"]
            for hole in polygon.interiors:
                assert not LinearRing(hole.coords).is_ccw


def _coords(obj):
    if isinstance(obj[0], int | float):
        yield obj
    else:
        for item in obj:
            yield from _coords(item)


@pytest.mark.parametrize("name", LAYER_NAMES)
def test_every_feature_carries_the_schema(layers, name):
    ids = [item["id"] for item in layers[name]]
    assert len(ids) == len(set(ids))
    for item in layers[name]:
        props = item["properties"]
        assert props["id"] == item["id"]
        for field in REQUIRED[name]:
            assert props.get(field) not in (None, "", []), f"{item['id']}: {field}"
        for source in props["sources"]:
            assert {"title", "publisher", "date", "url"} <= set(source)


def test_events_have_iso_times_and_outcomes(layers):
    pattern = re.compile(r"^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?Z)?)?$")
    for item in layers["events"]:
        props = item["properties"]
        assert pattern.match(props["time_utc"]), props["time_utc"]
        assert props["outcome"] in ("success", "failure", "n/a")


def test_zones_say_how_their_geometry_was_obtained(layers):
    methods = {item["properties"]["geometry_method"] for item in layers["zones"]}
    assert methods <= {"reported", "digitised", "derived"}
    by_id = {item["id"]: item["properties"] for item in layers["zones"]}
    assert by_id["2016-02-first-stage"]["geometry_method"] == "reported"
    assert by_id["2012-04-first-stage"]["geometry_method"] == "reported"
    assert "Money S" in by_id["2023-05-first-stage"]["geometry_note"]  # why that reading
    assert by_id["2024-05-27-fragments"]["geometry_method"] == "digitised"
    assert by_id["2023-05-31-salvage-area"]["geometry_method"] == "digitised"


def test_the_2024_failure_is_sourced_and_located(layers):
    event = next(i for i in layers["events"] if i["id"] == "2024-05-27-malligyong-1-1")
    props = event["properties"]
    assert props["outcome"] == "failure" and props["payload"] == "Malligyong-1-1"
    assert props["time_utc"].startswith("2024-05-27T13:44")
    assert "2024-05-27-fragments" in props["zone_ids"]
