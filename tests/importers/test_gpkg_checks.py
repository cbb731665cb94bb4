"""GeoPackages with SQL views or too many layers are refused before GDAL runs anything in them
(issue 15: a view over a recursive CTE held a core for minutes; 1,153 layers took 15 minutes)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from geo.errors import ImportDataError
from geo.export import export_layers
from geo.importers.limits import MAX_LAYERS
from geo.importers.reader import import_bytes, import_path

RECURSIVE_VIEW = ("CREATE VIEW v AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c "
                  "WHERE x<3000000000) SELECT 1 AS fid,(SELECT max(x) FROM c) AS n,NULL AS geom")


@pytest.fixture(scope="module")
def good_gpkg(tmp_path_factory, layers) -> Path:
    path = tmp_path_factory.mktemp("gpkg") / "sites.gpkg"
    export_layers({"sites": layers["sites"]}, "gpkg", path)
    return path


def _with(source: Path, target: Path, *statements: str) -> bytes:
    target.write_bytes(source.read_bytes())
    with sqlite3.connect(target) as connection:
        for statement in statements:
            connection.execute(statement)
    return target.read_bytes()


def test_the_recursive_view_of_the_issue_is_refused_at_once(good_gpkg, tmp_path):
    data = _with(good_gpkg, tmp_path / "view.gpkg", RECURSIVE_VIEW,
                 "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
                 "VALUES ('v', 'features', 'v', 4326)",
                 "INSERT INTO gpkg_geometry_columns VALUES ('v', 'geom', 'POINT', 4326, 0, 0)")
    started = time.monotonic()
    with pytest.raises(ImportDataError) as caught:
        import_bytes(data, "view.gpkg")
    assert time.monotonic() - started < 5
    assert str(caught.value) == (
        "view.gpkg: holds the SQL view 'v'; GeoPackages with views are not read (a view runs a "
        "query of the file's choosing); save its layers as tables")


def test_any_view_is_refused_even_unregistered(good_gpkg, tmp_path):
    data = _with(good_gpkg, tmp_path / "v.gpkg", "CREATE VIEW a AS SELECT 1",
                 "CREATE VIEW b AS SELECT 2")
    with pytest.raises(ImportDataError, match="holds the SQL views 'a', 'b'"):
        import_bytes(data, "v.gpkg")


def test_too_many_layers_are_refused(good_gpkg, tmp_path):
    inserts = [f"INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES "
               f"('t{i}', 'attributes', 't{i}', 0)" for i in range(MAX_LAYERS)]
    data = _with(good_gpkg, tmp_path / "many.gpkg",
                 *[f"CREATE TABLE t{i} (fid INTEGER PRIMARY KEY)" for i in range(MAX_LAYERS)],
                 *inserts)
    with pytest.raises(ImportDataError, match=f"many.gpkg: has {MAX_LAYERS + 1} layers; at most "
                                              f"{MAX_LAYERS} are read"):
        import_bytes(data, "many.gpkg")


def test_a_plain_sqlite_file_counts_its_tables(tmp_path):
    path = tmp_path / "plain.gpkg"
    with sqlite3.connect(path) as connection:
        for index in range(MAX_LAYERS + 1):
            connection.execute(f"CREATE TABLE t{index} (x)")
    with pytest.raises(ImportDataError, match="has 101 layers"):
        import_path(path)


def test_an_ordinary_gpkg_still_reads(good_gpkg, layers):
    assert len(import_path(good_gpkg).features) == len(layers["sites"])


def test_too_many_kml_folders_are_refused():
    folders = "".join(f"<Folder><name>f{i}</name><Placemark><Point><coordinates>1,1</coordinates>"
                      "</Point></Placemark></Folder>" for i in range(MAX_LAYERS + 1))
    data = f'<kml xmlns="http://www.opengis.net/kml/2.2"><Document>{folders}</Document></kml>'
    with pytest.raises(ImportDataError, match=f"has {MAX_LAYERS + 1} layers"):
        import_bytes(data.encode(), "many.kml")
