"""GeoJSON, KML, KMZ and GeoPackage: every feature checked, repaired or reported, never guessed."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

import pytest

from geo.errors import ImportDataError
from geo.export import export_layers
from geo.importers.options import ImportOptions
from geo.importers.reader import import_bytes, import_path

from ..conftest import DATA


def _geojson(features, **extra) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features, **extra}).encode()


def _point(lon, lat, **props):
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": props}


def test_zones_are_repaired_or_reported():
    result = import_path(DATA / "zones.geojson", ImportOptions(kind="zones"))
    assert result.summary() == ("6 features: 2 imported (1 with a warning), 4 skipped (1 bad "
                                "geometry, 1 coordinates out of range, 1 missing geometry, "
                                "1 wrong geometry type)")
    assert result.layer == "imported-zones"  # never the name of a catalogue layer
    bowtie = result.features[0]
    assert bowtie["geometry"]["type"] == "MultiPolygon"
    assert bowtie["properties"]["id_original"] == "bowtie"  # the Feature's own id is kept
    assert "repaired with make_valid" in result.warnings[0].reason
    assert "Self-intersection" in result.warnings[0].reason


def test_a_bare_feature_and_a_bare_geometry():
    one = import_bytes(json.dumps(_point(125, 39, name="A")).encode(), "one.geojson")
    assert one.features[0]["properties"]["name"] == "A"
    bare = import_bytes(b'{"type": "Point", "coordinates": [125, 39]}', "bare.json")
    assert bare.features[0]["properties"]["name"] == "Feature 1"


def test_times_and_names_from_properties():
    data = _geojson([_point(125, 39, title="T", date="27 May 2024", time="22:43"),
                     _point(125, 39, title="U", date="2024-13-01")])
    result = import_bytes(data, "t.geojson")
    assert result.features[0]["properties"]["time_utc"] == "2024-05-27T22:43Z"
    assert result.features[0]["properties"]["name"] == "T"
    assert result.skipped[0].category == "bad date"


def test_a_projected_legacy_crs_is_converted():
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}
    result = import_bytes(_geojson([_point(13880000.0, 4740000.0)], crs=crs), "m.geojson")
    lon, lat = result.features[0]["geometry"]["coordinates"]
    assert 124 < lon < 125 and 39 < lat < 40


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{", "is not valid JSON"),
        ('{"type": "Point", "coordinates": [NaN, 1]}', "NaN is not valid JSON"),
        ("[" * 100000 + "]" * 100000, "nested too deeply"),
        ('{"type": "Topology"}', "is not GeoJSON"),
        ('{"type": "FeatureCollection"}', "without a 'features' list"),
        ('{"type": "FeatureCollection", "features": []}', "has no features"),
    ],
)
def test_unreadable_geojson(text, fragment):
    with pytest.raises(ImportDataError) as caught:
        import_bytes(text.encode(), "x.geojson")
    assert fragment in str(caught.value)


def test_odd_features_are_reported_one_by_one():
    data = _geojson([5, {"type": "Feature", "properties": [], "geometry": None},
                     {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon"}},
                     {"type": "Feature", "properties": {}, "geometry": {"type": "Point",
                                                                        "coordinates": [1, 2, 3]}}])
    result = import_bytes(data, "odd.geojson")
    assert [s.category for s in result.skipped] == ["malformed row", "malformed row",
                                                     "bad geometry"]
    assert result.features[0]["geometry"]["coordinates"] == [1.0, 2.0]  # Z dropped


def test_kml_folders_become_one_layer_with_a_source_layer_field():
    result = import_path(DATA / "sites.kml")
    assert result.summary() == "3 features: 3 imported"
    sohae, tonghae, box = (f["properties"] for f in result.features)
    assert sohae["name"] == "Sohae" and sohae["description"] == "West Sea Satellite Launching Ground"
    assert sohae["time_utc"] == "2024-05-27T13:44:00Z"
    assert sohae["source_layer"] == "Launch sites" and box["source_layer"] == "Areas"
    assert sohae["id_original"] == "sohae" and sohae["precision_m"] == "250"
    assert not {"tessellate", "extrude", "visibility", "altitudeMode", "drawOrder"} & set(sohae)
    assert tonghae["name"] == "Tonghae"


def test_kml_with_entities_is_refused():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><kml><Placemark><name>&b;</name>'
            b"<Point><coordinates>1,2</coordinates></Point></Placemark></kml>")
    with pytest.raises(ImportDataError, match="DOCTYPE or ENTITY"):
        import_bytes(bomb, "bomb.kml")


def _kmz(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_kmz_reads_doc_kml():
    data = _kmz({"images/x.png": b"\x89PNG", "doc.kml": (DATA / "sites.kml").read_bytes()})
    result = import_bytes(data, "sites.kmz")
    assert len(result.features) == 3 and result.layer == "imported-sites"


def test_kmz_limits(monkeypatch):
    with pytest.raises(ImportDataError, match="without a .kml file"):
        import_bytes(_kmz({"a.txt": b"x"}), "a.kmz")
    monkeypatch.setattr("geo.importers.ogrfile.MAX_BYTES", 1000)
    with pytest.raises(ImportDataError, match="unpacks to more than"):
        import_bytes(_kmz({"doc.kml": b" " * 5000}), "big.kmz")


@pytest.fixture(scope="module")
def own_export(tmp_path_factory, layers) -> Path:
    folder = tmp_path_factory.mktemp("own")
    wanted = {name: layers[name] for name in ("events", "sites", "zones")}
    export_layers(wanted, "gpkg", folder / "catalogue.gpkg")
    export_layers(wanted, "kml", folder / "catalogue.kml")
    ElementTree.parse(folder / "catalogue.kml")  # every KML written is well-formed XML
    return folder


@pytest.mark.parametrize("suffix", [".gpkg", ".kml"])
def test_our_own_exports_read_back(own_export, layers, suffix):
    result = import_path(own_export / f"catalogue{suffix}")
    expected = sum(len(layers[name]) for name in ("events", "sites", "zones"))
    assert result.summary() == f"{expected} features: {expected} imported"
    props = [f["properties"] for f in result.features]
    ids = {p["id_original"] for p in props}
    assert {f["id"] for f in layers["events"]} <= ids  # LIBKML's 'id2' is 'id' again
    launch = next(p for p in props if p["id_original"] == "2024-05-27-malligyong-1-1")
    assert launch["time_utc"] == "2024-05-27T13:44Z" and launch["source_layer"] == "events"


def test_one_gpkg_layer_by_name(own_export, layers):
    result = import_path(own_export / "catalogue.gpkg", ImportOptions(layer="zones"))
    assert len(result.features) == len(layers["zones"])
    with pytest.raises(ImportDataError, match="has no layer 'tracks'; layers are: events, sites"):
        import_path(own_export / "catalogue.gpkg", ImportOptions(layer="tracks"))


def test_truncated_gpkg_is_one_clear_problem(own_export):
    data = (own_export / "catalogue.gpkg").read_bytes()
    with pytest.raises(ImportDataError, match="is not a readable GeoPackage"):
        import_bytes(data[:3000], "cut.gpkg")
