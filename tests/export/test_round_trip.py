"""Every layer, exported alone in every format, comes back through `geo import` with its ids,
geometries, values and types (issue 20), but for what the format cannot hold (said here)."""

from __future__ import annotations

import math
from datetime import datetime

import pytest
import shapely
from shapely.geometry import shape

from geo.export import FORMATS, SUFFIXES, export_layers, select_layers
from geo.export.frames import export_row
from geo.export.timespan import add_time_columns
from geo.export.writers import SHP_TEXT_LIMIT
from geo.importers.reader import import_path
from geo.layers.registry import NAMES as LAYER_NAMES

SHP_NAME_LIMIT = 10


def _instant(value):
    if not isinstance(value, str) or len(value) < 19 or value[10] not in "T ":
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00").replace("/", "-"))
    except ValueError:
        return None


def _same(mine, theirs) -> bool:
    if mine in (None, "", []) and theirs in (None, "", []):
        return True
    if isinstance(mine, float) or isinstance(theirs, float):
        return (isinstance(theirs, int | float) and not isinstance(theirs, bool)
                and math.isclose(mine, theirs, rel_tol=1e-9, abs_tol=1e-9))
    if _instant(mine) and _instant(theirs):
        return _instant(mine) == _instant(theirs)
    return type(mine) is type(theirs) and mine == theirs


def _imported_name(column: str, fmt: str) -> str | None:
    """The name a column comes back under, None when the format cannot keep it."""
    if fmt == "shp" and len(column) > SHP_NAME_LIMIT:
        return None  # dBase field names hold 10 characters (README: Shapefile limits)
    return column


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", LAYER_NAMES)
def test_each_layer_round_trips_through_geo_import(layers, tmp_path, name, fmt):
    out = export_layers(select_layers(layers, [name]), fmt, tmp_path / f"{name}{SUFFIXES[fmt]}")
    result = import_path(out)
    assert not result.skipped, result.skipped[:3]
    imported = {item["properties"].get("id_original"): item for item in result.features}
    originals = {item["id"]: item for item in layers[name]}
    assert set(imported) == set(originals)
    mismatches = []
    for fid, item in originals.items():
        back = imported[fid]
        # the import may start a ring at another vertex: compared in normal form
        assert shapely.equals_exact(shapely.normalize(shape(back["geometry"])),
                                    shapely.normalize(shape(item["geometry"])), 1e-6), fid
        props = back["properties"]
        raw = item["properties"]
        expected = add_time_columns(dict(raw), raw) if fmt == "geojson" else export_row(raw)
        for column, value in expected.items():
            if column == "id":
                continue
            key = _imported_name(column, fmt)
            if key is None:
                continue
            if fmt == "shp" and isinstance(value, str) and len(value.encode()) > SHP_TEXT_LIMIT:
                value = props.get(key)  # clipped at 254 bytes (README); checked in test_export
                continue
            if not _same(value, props.get(key)):
                mismatches.append((fid, column, value, props.get(key)))
    assert mismatches == [], mismatches[:5]
