"""Every export format reads back in GDAL (pyogrio) with the same features and properties."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ElementTree
import zipfile

import pyogrio
import pytest

from geo.errors import ExportError
from geo.export import FORMATS, SUFFIXES, export_layers, flatten_properties, select_layers
from geo.layers.registry import NAMES as LAYER_NAMES


def _read(path, fmt, layer=None):
    if fmt == "kml":
        ElementTree.parse(path)  # every KML written is well-formed XML
    if fmt == "csv":
        return pyogrio.read_dataframe(path, GEOM_POSSIBLE_NAMES="wkt", KEEP_GEOM_COLUMNS="NO")
    if fmt == "shp":
        return pyogrio.read_dataframe(f"/vsizip/{path}/{layer}.shp")
    if fmt in ("fgb", "geojson"):
        return pyogrio.read_dataframe(path)
    return pyogrio.read_dataframe(path, layer=layer)


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_layer_reads_back(layers, tmp_path, fmt):
    out = export_layers(select_layers(layers, ["events"]), fmt, tmp_path / f"e{SUFFIXES[fmt]}")
    frame = _read(out, fmt, layer="events")
    expected = sorted(item["id"] for item in layers["events"])
    id_column = "id" if "id" in frame.columns else "Name"
    assert len(frame) == len(expected)
    if fmt == "kml":
        names = sorted(frame["Name"])
        assert names == sorted(item["properties"]["name"] for item in layers["events"])
    else:
        assert sorted(frame[id_column]) == expected


@pytest.mark.parametrize("fmt", ["gpkg", "kml", "shp"])
def test_all_layers_as_separate_tables(layers, tmp_path, fmt):
    out = export_layers(layers, fmt, tmp_path / f"all{SUFFIXES[fmt]}")
    if fmt == "shp":
        names = sorted(n[:-4] for n in zipfile.ZipFile(out).namelist() if n.endswith(".shp"))
    else:
        names = sorted(name for name, _ in pyogrio.list_layers(out) if name != "layer_styles")
    assert names == sorted(LAYER_NAMES)
    for name in LAYER_NAMES:
        assert len(_read(out, fmt, layer=name)) == len(layers[name])


@pytest.mark.parametrize("fmt", ["geojson", "csv", "fgb"])
def test_all_layers_merged_with_a_layer_column(layers, tmp_path, fmt):
    out = export_layers(layers, fmt, tmp_path / f"all{SUFFIXES[fmt]}")
    frame = _read(out, fmt)
    assert len(frame) == sum(len(features) for features in layers.values())
    assert set(frame["layer"]) == set(LAYER_NAMES)


def test_gpkg_keeps_properties(layers, tmp_path):
    out = export_layers(select_layers(layers, ["zones"]), "gpkg", tmp_path / "z.gpkg")
    frame = pyogrio.read_dataframe(out, layer="zones").set_index("id")
    zone = next(i for i in layers["zones"] if i["id"] == "2016-02-fairing")["properties"]
    row = frame.loc["2016-02-fairing"]
    assert row["geometry_method"] == "reported"
    assert row["raw_text"] == zone["raw_text"]
    assert row["source_urls"] == " ".join(s["url"] for s in zone["sources"])
    assert row.geometry.geom_type == "Polygon"


def test_csv_has_lon_lat_and_wkt(layers, tmp_path):
    out = export_layers(select_layers(layers, ["sites"]), "csv", tmp_path / "s.csv")
    header = next(csv.reader(out.open(encoding="utf-8-sig")))
    assert {"lon", "lat", "wkt", "names_en", "source_urls"} <= set(header)


def test_flatten_nested_properties():
    flat = flatten_properties({"names": {"en": "A", "ko": "가"}, "zone_ids": ["a", "b"],
                               "sources": [{"title": "T", "url": "https://x"}]})
    assert flat["names_en"] == "A" and flat["names_ko"] == "가"
    assert flat["zone_ids"] == "a; b"
    assert flat["source_titles"] == "T" and flat["source_urls"] == "https://x"


def test_unknown_layer_and_format_are_refused(layers, tmp_path):
    with pytest.raises(ExportError, match="unknown layer 'orbits'"):
        select_layers(layers, ["orbits"])
    with pytest.raises(ExportError, match="unknown format"):
        export_layers(layers, "xlsx", tmp_path / "x.xlsx")


def test_failed_export_leaves_the_old_file(layers, tmp_path, monkeypatch):
    target = tmp_path / "all.gpkg"
    target.write_bytes(b"previous export")

    def broken(frame, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("geopandas.GeoDataFrame.to_file", broken)
    with pytest.raises(ExportError, match="disk full"):
        export_layers(layers, "gpkg", target)
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["all.gpkg"]


def test_temp_files_left_by_a_killed_writer_are_cleaned_up(layers, tmp_path):
    import os
    import time

    target = tmp_path / "all.geojson"
    stale = tmp_path / ".all.geojson.abc123.tmp"
    fresh = tmp_path / ".all.geojson.def456.tmp"  # perhaps another writer, right now
    stale.write_text("half")
    fresh.write_text("half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    export_layers(select_layers(layers, ["sites"]), "geojson", target)
    assert not stale.exists() and fresh.exists() and target.exists()
