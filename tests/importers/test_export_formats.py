"""geo import reads the formats geo export writes (issue 20): FlatGeobuf, the Shapefile zip and
CSV with its wkt and .csvt; and refuses what it cannot read with a clear message."""

from __future__ import annotations

import io
import zipfile

import pytest

from geo.errors import ImportDataError
from geo.export import export_bytes, export_layers, select_layers
from geo.importers.reader import import_bytes, import_path


def test_flatgeobuf_is_known_by_its_first_bytes(layers):
    data = export_bytes(select_layers(layers, ["tracks"]), "fgb")
    result = import_bytes(data, "no-suffix")
    assert len(result.features) == len(layers["tracks"])
    assert {f["geometry"]["type"] for f in result.features} == {"LineString"}


def test_the_shapefile_zip_reads_every_layer(layers):
    data = export_bytes(select_layers(layers, ["sites", "zones"]), "shp")
    result = import_bytes(data, "export.zip")
    assert len(result.features) == len(layers["sites"]) + len(layers["zones"])
    assert {f["properties"]["source_layer"] for f in result.features} == {"sites", "zones"}


def test_a_zip_without_a_shapefile_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ImportDataError, match="a zip without a .shp file inside"):
        import_bytes(buffer.getvalue(), "x.zip")


def test_zip_member_paths_are_not_followed(layers, tmp_path):
    parts = zipfile.ZipFile(io.BytesIO(export_bytes(select_layers(layers, ["sites"]), "shp")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in parts.infolist():
            archive.writestr(f"../../{info.filename}", parts.read(info))
    result = import_bytes(buffer.getvalue(), "evil.zip")  # read from the scratch folder only
    assert len(result.features) == len(layers["sites"])


def test_a_shapefile_alone_is_refused_with_what_to_do():
    with pytest.raises(ImportDataError, match="zip it with its .shx, .dbf and .prj"):
        import_bytes(b"\x00\x00\x27\x0a", "x.shp")


def test_csv_polygons_come_back_from_their_wkt(layers, tmp_path):
    out = export_layers(select_layers(layers, ["zones"]), "csv", tmp_path / "z.csv")
    result = import_path(out)
    assert {f["geometry"]["type"] for f in result.features} == {"Polygon"}
    assert "position from 'wkt'" in " ".join(result.notes)


def test_a_cell_against_its_csvt_type_is_named(tmp_path):
    source = tmp_path / "t.csv"
    source.write_text("name,n,lat,lon\nA,3,39,125\nB,three,39,125\n", encoding="utf-8")
    (tmp_path / "t.csvt").write_text('"String","Integer","Real","Real"\n', encoding="ascii")
    with pytest.raises(ImportDataError, match=r"row 3.*'n'|'three' is not integer") as caught:
        import_path(source)
    problem = caught.value.problems[0]
    assert (problem.record, problem.field) == ("row 3", "n")
    assert "'three' is not integer, as t.csvt declares" in problem.message
