"""GeoPackage for QGIS (issue 20): each table carries its registry style (layer_styles: QML and
SLD), dates and times are typed where complete, and the version is one GDAL 3.6 reads quietly."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ElementTree

import pyogrio
import pytest

from geo.export import export_layers
from geo.export.qgisstyle import _rgba
from geo.layers import registry
from geo.layers.registry import NAMES as LAYER_NAMES

SE = "{http://www.opengis.net/se}"


@pytest.fixture(scope="module")
def gpkg(layers, tmp_path_factory):
    return export_layers(layers, "gpkg", tmp_path_factory.mktemp("gpkg") / "all.gpkg")


def _types(db, table):
    return {row[1]: row[2] for row in db.execute(f'PRAGMA table_info("{table}")')}


def test_version_that_gdal_3_6_reads_without_a_warning(gpkg):
    with sqlite3.connect(gpkg) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # 'GPKG'
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10200


def test_every_table_has_a_default_style_row(gpkg):
    with sqlite3.connect(gpkg) as db:
        rows = db.execute("SELECT f_table_name, f_table_schema, f_geometry_column, useAsDefault, "
                          "styleQML, styleSLD FROM layer_styles").fetchall()
        kinds = dict(db.execute("SELECT table_name, data_type FROM gpkg_contents"))
    assert sorted(row[0] for row in rows) == sorted(LAYER_NAMES)
    assert kinds["layer_styles"] == "attributes"  # GDAL (and so QGIS) sees the table
    for name, schema, column, default, qml, sld in rows:
        # what QGIS's loadStoredStyle filters on: f_table_schema='' and the geometry column
        assert (schema, column, default) == ("", "geom", 1), name
        assert ElementTree.fromstring(qml.split("\n", 1)[1]).find("renderer-v2") is not None
        assert ElementTree.fromstring(sld.encode()).iter(f"{SE}Rule")


def test_the_rules_match_every_feature_once_with_its_registry_colour(gpkg, layers):
    """Each QML rule's filter, run as SQL on the table (QGIS's expression syntax for these
    filters is also SQLite's), picks the features the registry gives that style."""
    with sqlite3.connect(gpkg) as db:
        for name in LAYER_NAMES:
            spec = registry.spec_of(name)
            qml = db.execute("SELECT styleQML FROM layer_styles WHERE f_table_name = ?",
                             (name,)).fetchone()[0]
            root = ElementTree.fromstring(qml.split("\n", 1)[1])
            symbols = {s.get("name"): s for s in root.iter("symbol")}
            matched: dict[str, str] = {}
            for rule in root.iter("rule"):
                condition = rule.get("filter")
                if condition == "ELSE":
                    continue
                where = f"WHERE {condition}" if condition else ""
                for (fid,) in db.execute(f'SELECT id FROM "{name}" {where}'):
                    assert fid not in matched, (name, fid)
                    matched[fid] = rule.get("symbol")
            by_id = {item["id"]: item["properties"] for item in layers[name]}
            assert set(matched) == set(by_id), name
            for fid, symbol in matched.items():
                options = spec.style.resolve(by_id[fid])
                props = {p.get("k"): p.get("v") for p in symbols[symbol].iter("prop")}
                outline = props.get("outline_color", props.get("line_color"))
                assert outline == _rgba(options["color"], float(options.get("opacity", 1.0)))


def test_dates_and_times_are_typed_where_complete(gpkg, layers):
    with sqlite3.connect(gpkg) as db:
        events, zones = _types(db, "events"), _types(db, "zones")
    assert events["time_start"] == events["time_end"] == "DATETIME"
    assert zones["time_start"] == zones["time_end"] == "DATETIME"
    assert zones["valid_from"] == zones["valid_to"] == "DATE"
    assert events["decay_date"] == "DATE"
    assert events["date"] == "TEXT"  # month-precision events: '2024-04', no invented day
    assert events["time_precision"] == zones["time_precision"] == "TEXT"
    assert events["norad_id"] == "INTEGER" and events["time_approximate"] == "BOOLEAN"
    frame = pyogrio.read_dataframe(gpkg, layer="zones").set_index("id")
    for item in layers["zones"]:
        props = item["properties"]
        if props["valid_from"]:
            assert frame.loc[props["id"], "valid_from"].strftime("%Y-%m-%d") == props["valid_from"]
    events_frame = pyogrio.read_dataframe(gpkg, layer="events").set_index("id")
    month = next(i["properties"] for i in layers["events"]
                 if i["properties"]["time_precision"] == "month")
    row = events_frame.loc[month["id"]]
    assert row["date"] == month["time_utc"]
    assert row["time_start"].strftime("%Y-%m-%dT%H:%M:%S") == month["time_utc"] + "-01T00:00:00"


def test_tables_with_times_open_ready_for_qgis_temporal_controller(gpkg):
    """The QML of a table with time_start/time_end also sets QGIS's temporal properties (as QGIS
    3.22 itself writes them: "separate fields for start and end", the end included since
    time_end is the last second), so QGIS's time slider plays events and zones without set-up;
    the others have none."""
    with sqlite3.connect(gpkg) as db:
        rows = dict(db.execute("SELECT f_table_name, styleQML FROM layer_styles"))
        timed = {name for name in LAYER_NAMES if "time_start" in _types(db, name)}
    assert {"events", "zones"} <= timed
    for name, qml in rows.items():
        root = ElementTree.fromstring(qml.split("\n", 1)[1])
        temporal = root.find("temporal")
        if name not in timed:
            assert temporal is None, name
            continue
        assert temporal is not None, name
        assert "Temporal" in root.get("styleCategories", "").split("|"), name
        assert {k: temporal.get(k) for k in ("enabled", "mode", "startField", "endField", "limitMode")} == {
            "enabled": "1", "mode": "2", "startField": "time_start", "endField": "time_end",
            "limitMode": "1"}, name
