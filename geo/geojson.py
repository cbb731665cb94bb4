"""RFC 7946 GeoJSON, written the same way every time: sorted, rounded, one feature a line."""

from __future__ import annotations

import json
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from .errors import GeoError

DECIMALS = 6


def rfc7946_geometry(geometry: BaseGeometry) -> dict[str, Any]:
    """A GeoJSON geometry: exterior rings counter-clockwise, coordinates to 6 decimals, valid."""
    rounded = shapely.set_precision(geometry, 10**-DECIMALS)
    oriented = _orient(rounded)
    if oriented.is_empty or not oriented.is_valid:
        raise GeoError(f"geometry is not valid after rounding: {shapely.is_valid_reason(oriented)}")
    return _round(mapping(oriented))


def _orient(geometry: BaseGeometry) -> BaseGeometry:
    if geometry.geom_type == "Polygon":
        return orient(geometry, 1.0)
    if geometry.geom_type == "MultiPolygon":
        return shapely.MultiPolygon([orient(part, 1.0) for part in geometry.geoms])
    return geometry


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        value = round(obj, DECIMALS)
        return 0.0 if value == 0 else value  # no "-0.0"
    if isinstance(obj, list | tuple):
        return [_round(item) for item in obj]
    if isinstance(obj, dict):
        return {key: _round(value) for key, value in obj.items()}
    return obj


def feature(fid: str, geometry: BaseGeometry, properties: dict[str, Any]) -> dict[str, Any]:
    """A Feature with its id both as the member and as the first property."""
    props = {"id": fid, **{k: v for k, v in properties.items() if k != "id"}}
    return {"type": "Feature", "id": fid, "geometry": rfc7946_geometry(geometry),
            "properties": props}


def dumps(features: list[dict[str, Any]], name: str) -> str:
    """A FeatureCollection as text: features sorted by id, one per line, UTF-8, LF. Features
    without an id (RFC 7946 makes it optional: pasted notice areas have none) follow, in the
    order given."""
    ordered = sorted(features, key=_order)
    lines = [json.dumps(item, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
             for item in ordered]
    head = json.dumps({"type": "FeatureCollection", "name": name}, ensure_ascii=False)[:-1]
    return head + ', "features": [\n' + ",\n".join(lines) + "\n]}\n"


def _order(item: dict[str, Any]) -> tuple[int, str]:
    fid = item.get("id")
    return (0, str(fid)) if fid is not None else (1, "")


def read_geometry(geometry: dict[str, Any]) -> BaseGeometry:
    """A shapely geometry from a GeoJSON geometry mapping."""
    return shape(geometry)
