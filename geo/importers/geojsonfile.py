"""GeoJSON: a FeatureCollection, a Feature or a bare geometry; each feature read on its own."""

from __future__ import annotations

import json
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from .crs import CrsRefused, reproject_records
from .failure import fail
from .limits import MAX_ROWS
from .records import Record
from .result import RowProblem
from .values import plain

_WGS84_NAMES = {"urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:epsg::4326", "epsg:4326",
                "crs84", "ogc:crs84", "urn:ogc:def:crs:ogc::crs84"}


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def read_geojson(text: str, file: str) -> list[Record]:
    """One record per feature; raises ImportDataError when the file is not GeoJSON at all."""
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise fail(file, "is nested too deeply to be GeoJSON") from None
    except ValueError as exc:
        raise fail(file, f"is not valid JSON ({exc})") from None
    items = _features(data, file)
    if len(items) > MAX_ROWS:
        raise fail(file, f"has {len(items):,} features; at most {MAX_ROWS:,} are read")
    records = [_record(number, item) for number, item in enumerate(items, start=1)]
    crs = _crs_name(data, file)
    if crs and crs.lower() not in _WGS84_NAMES:
        try:
            reproject_records(records, crs)
        except CrsRefused as exc:
            raise fail(file, f"its crs cannot be converted to WGS 84: {exc}", field="crs") from None
    return records


def _features(data: Any, file: str) -> list[Any]:
    kind = data.get("type") if isinstance(data, dict) else None
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise fail(file, "is a FeatureCollection without a 'features' list", field="features")
        return features
    if kind == "Feature":
        return [data]
    if kind in ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                "GeometryCollection"):
        return [{"type": "Feature", "geometry": data, "properties": {}}]
    raise fail(file, "is not GeoJSON: expected a FeatureCollection, a Feature or a geometry",
               field="type")


def _crs_name(data: Any, file: str) -> str | None:
    """The name in a (pre-RFC 7946) named crs member; None without one. A crs member of
    another form (a link, a number…) is refused rather than ignored."""
    crs = data.get("crs") if isinstance(data, dict) else None
    if crs is None:
        return None
    props = crs.get("properties") if isinstance(crs, dict) else None
    name = props.get("name") if isinstance(props, dict) else None
    if not isinstance(name, str) or not name.strip():
        shown = json.dumps(crs, ensure_ascii=False)[:80]
        raise fail(file, f"has a crs member that names no CRS ({shown}); only named CRSs such as "
                         "EPSG:3857 are read", field="crs")
    return name


def _record(number: int, item: Any) -> Record:
    if not isinstance(item, dict) or item.get("type") != "Feature":
        return Record(number, {}, problem=RowProblem("malformed row", "not a GeoJSON Feature"))
    props = item.get("properties")
    if props is not None and not isinstance(props, dict):
        return Record(number, {}, problem=RowProblem("malformed row", "properties is not an object",
                                                     "properties"))
    fields = plain(props or {})
    if item.get("id") is not None and "id" not in fields:  # the Feature's own id is data too
        fields = {"id": plain(item["id"]), **fields}
    try:
        geometry = _geometry(item.get("geometry"))
    except RowProblem as problem:
        return Record(number, fields, problem=problem)
    return Record(number, fields, geometry=geometry)


def _geometry(value: Any) -> BaseGeometry | None:
    if value is None:
        return None
    try:
        return shape(value)
    except Exception as exc:  # shapely raises many kinds for malformed coordinates
        raise RowProblem("bad geometry", f"not a GeoJSON geometry ({str(exc)[:120]})",
                         "geometry") from None
