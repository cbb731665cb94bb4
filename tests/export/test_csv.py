"""CSV for people and for GIS (issue 20): UTF-8 with BOM, a .csvt that keeps ids as text and
numbers, booleans and times typed in GDAL (and so QGIS), formulas still neutralised."""

from __future__ import annotations

import csv

import pyogrio

from geo.export import export_bytes, export_layers, select_layers
from geo.export.csvtext import FORMULA_START


def test_csv_starts_with_a_bom_and_keeps_korean(layers, tmp_path):
    out = export_layers(select_layers(layers, ["sites"]), "csv", tmp_path / "s.csv")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    korean = [i["properties"]["names"]["ko"] for i in layers["sites"] if "ko" in i["properties"]["names"]]
    assert korean and all(name in text for name in korean)
    assert export_bytes(select_layers(layers, ["sites"]), "csv") == data  # the app's download


def test_the_csvt_types_every_column_for_gdal(layers, tmp_path):
    out = export_layers(layers, "csv", tmp_path / "all.csv")
    csvt = tmp_path / "all.csvt"
    types = next(csv.reader(csvt.open(encoding="ascii")))
    header = next(csv.reader(out.open(encoding="utf-8-sig")))
    assert len(types) == len(header)
    declared = dict(zip(header, types, strict=True))
    assert declared["id"] == "String" and declared["wkt"] == "WKT"
    assert declared["norad_id"] == "Integer64" and declared["area_km2"] == "Real"
    assert declared["time_approximate"] == "Integer(Boolean)"
    assert declared["time_start"] == declared["time_end"] == "DateTime"
    info = pyogrio.read_info(out)
    ogr = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert ogr["id"] == "OFTString" and ogr["time_start"] == "OFTDateTime"
    frame = pyogrio.read_dataframe(out).set_index("id")
    footprint = "2012-04-12-kwangmyongsong-3-footprint-mnd"  # not read as the date 2012-04-12
    assert frame.loc[footprint].geometry.geom_type == "Polygon"
    approximate = {i["id"] for i in layers["events"] if i["properties"]["time_approximate"]}
    assert approximate and set(frame.index[frame["time_approximate"] == True]) == approximate  # noqa: E712


def test_formulas_stay_neutralised_with_the_bom(tmp_path):
    features = [{"type": "Feature", "id": "x", "geometry": {"type": "Point", "coordinates": [125, 39]},
                 "properties": {"id": "x", "name": "=HYPERLINK(\"http://example.invalid\")"}}]
    data = export_bytes({"imported-x": features}, "csv")
    for row in csv.reader(data.decode("utf-8-sig").splitlines()):
        for cell in row:
            if cell.startswith(FORMULA_START):
                float(cell)
