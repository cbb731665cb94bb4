"""Features to tables: nested properties flattened to one level of columns, layers merged."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from shapely.geometry import shape

from .timespan import add_time_columns

if TYPE_CHECKING:
    import geopandas as gpd

Layers = dict[str, list[dict[str, Any]]]


def flatten_properties(props: dict[str, Any]) -> dict[str, Any]:
    """One level of columns: names → names_en…; sources → titles, urls and full JSON; lists → text."""
    flat: dict[str, Any] = {}
    for key, value in props.items():
        if isinstance(value, dict):
            for sub, item in value.items():
                flat[f"{key}_{sub}"] = _scalar(item)
        elif key == "sources" and isinstance(value, list):
            flat["source_titles"] = "; ".join(str(s.get("title", "")) for s in value)
            flat["source_urls"] = " ".join(str(s.get("url", "")) for s in value)
            flat["sources_json"] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        else:
            flat[key] = _scalar(value)
    return flat


def export_row(props: dict[str, Any]) -> dict[str, Any]:
    """The flattened properties and the time columns of geo.export.timespan (time_start,
    time_end, time_precision; date cut to its precision)."""
    return add_time_columns(flatten_properties(props), props)


def _scalar(value: Any) -> Any:
    if isinstance(value, list):
        if all(isinstance(item, str | int | float) for item in value):
            return "; ".join(str(item) for item in value)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def to_frame(features: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """A GeoDataFrame (EPSG:4326) of export rows (export_row), columns in first-seen order."""
    import geopandas as gpd  # deferred: most commands never export
    import pandas as pd

    rows = [export_row(item.get("properties") or {}) for item in features]
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    frame = pd.DataFrame(rows, columns=list(columns))
    for column in frame.columns:
        values = [row.get(column) for row in rows if row.get(column) is not None]
        if values and all(isinstance(v, int) and not isinstance(v, bool)
                          and -(2**63) <= v < 2**63 for v in values):
            frame[column] = frame[column].astype("Int64")  # whole numbers stay integers
        elif values and all(isinstance(v, bool) for v in values):
            frame[column] = frame[column].astype("boolean")  # and true/false stays so
        elif frame[column].dtype == object:
            frame[column] = frame[column].astype("string").astype(object)
            frame[column] = frame[column].where(frame[column].notna(), None)
    geometry = [shape(item["geometry"]) for item in features]
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def merged(layers: Layers) -> list[dict[str, Any]]:
    """The features of several layers in one list, each with its layer's name in 'layer'."""
    out = []
    for name, features in layers.items():
        for item in features:
            props = {"layer": name, **(item.get("properties") or {})}
            out.append({**item, "properties": props})
    return out
