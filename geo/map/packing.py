"""Layers packed for the browser: columns of properties, each repeated value sent once.

Ten thousand events repeat their kinds, sites, vehicles and sources thousands of times.
Packed, a column whose values repeat lists each distinct value once and the features refer
to it by number (dictionary encoding, as in Apache Arrow); a point is a bare [lon, lat].
geo/map/static/geo/packed.js reads it in the browser; `unpack` here is its twin, for tests.

    {"ids": [id, ...],
     "geometry": [[lon, lat] or a GeoJSON geometry, ...],
     "style": {"table": [style, ...], "codes": [index into table, ...]},
     "columns": [[field, {"values": [value, ...]}],
                 [field, {"dict": [value, ...], "codes": [index or null, ...]}], ...],
     "order": {feature index: [column index, or -1 for the id, ...]}}   (only if needed)

A missing or null value is null, and the unpacked feature leaves that field out. A feature
lists its fields id first, then in column order, unless "order" gives its own order.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

Props = dict[str, Any]
Style = Callable[[Props], dict[str, Any]]


def pack(features: list[dict[str, Any]], properties: Callable[[Props], Props], style: Style,
         style_keys: Iterable[str]) -> dict[str, Any]:
    """features packed; properties(props) gives what the browser needs of each feature."""
    keys = tuple(style_keys)
    ids: list[str] = []
    geometry: list[Any] = []
    rows: list[Props] = []
    table: list[dict[str, Any]] = []
    styles: dict[str, int] = {}
    codes: list[int] = []
    for index, item in enumerate(features):
        props = item.get("properties") or {}
        fid = str(item.get("id") or props.get("id") or f"feature-{index + 1}")
        ids.append(fid)
        geometry.append(_geometry(item["geometry"]))
        rows.append(properties({**props, "id": fid}))
        key = style_key(props, keys)
        if key not in styles:
            styles[key] = len(table)
            table.append(style({k: props.get(k) for k in keys}))
        codes.append(styles[key])
    fields = _fields(rows)
    packed = {"ids": ids, "geometry": geometry, "style": {"table": table, "codes": codes},
              "columns": [[field, _column([row.get(field) for row in rows])] for field in fields]}
    orders = _orders(rows, fields)
    if orders:
        packed["order"] = orders
    return packed


def unpack(packed: dict[str, Any]) -> list[dict[str, Any]]:
    """The features as the browser sees them: id, geometry and the properties sent."""
    columns = [(field, _decoded(column)) for field, column in packed["columns"]]
    orders = packed.get("order", {})
    features = []
    for index, (fid, geom) in enumerate(zip(packed["ids"], packed["geometry"], strict=True)):
        natural = [-1, *(c for c, (_, values) in enumerate(columns) if values[index] is not None)]
        props: Props = {}
        for c in orders.get(str(index), natural):
            if c == -1:
                props["id"] = fid
            else:
                field, values = columns[c]
                props[field] = values[index]
        props.setdefault("id", fid)
        if isinstance(geom, list):
            geom = {"type": "Point", "coordinates": geom}
        features.append({"type": "Feature", "id": fid, "geometry": geom, "properties": props})
    return features


def style_key(props: Props, keys: Iterable[str]) -> str:
    """The style table's key of a feature: its key properties joined by '|'."""
    return "|".join("" if props.get(k) is None else str(props.get(k)) for k in keys)


def _geometry(geom: dict[str, Any]) -> Any:
    """A point as a bare [lon, lat]; anything else as it is."""
    if geom.get("type") == "Point":
        lon, lat = geom["coordinates"][:2]
        return [lon, lat]
    return geom


def _fields(rows: list[Props]) -> list[str]:
    """Every field but the id, in the order first seen."""
    seen: dict[str, None] = {}
    for row in rows:
        for field in row:
            if field != "id":
                seen.setdefault(field, None)
    return list(seen)


def _orders(rows: list[Props], fields: list[str]) -> dict[str, list[int]]:
    """The field order of each feature whose fields are not in column order, id first.

    Only generic popups, which list every field as it comes, need it: {feature index: [column
    index, or -1 for the id, ...]}."""
    column = {field: index for index, field in enumerate(fields)}
    orders = {}
    for index, row in enumerate(rows):
        actual = [-1 if k == "id" else column[k] for k, v in row.items() if k == "id" or v is not None]
        if actual != [-1, *sorted(c for c in actual if c >= 0)]:
            orders[str(index)] = actual
    return orders


def _column(values: list[Any]) -> dict[str, Any]:
    """Dictionary-encoded when at most half the values are distinct, else plain."""
    found: dict[Any, int] = {}
    distinct: list[Any] = []
    codes: list[int | None] = []
    for value in values:
        if value is None:
            codes.append(None)
            continue
        key = _hashable(value)
        code = found.get(key)
        if code is None:
            code = found[key] = len(distinct)
            distinct.append(value)
        codes.append(code)
    if 2 * len(distinct) > len(values):
        return {"values": values}
    return {"dict": distinct, "codes": codes}


def _hashable(value: Any) -> Any:
    """A key equal for equal JSON values (lists and objects by their JSON text)."""
    if isinstance(value, list | dict):
        return ("json", json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    return (type(value).__name__, value)


def _decoded(column: dict[str, Any]) -> list[Any]:
    if "values" in column:
        return list(column["values"])
    return [None if code is None else column["dict"][code] for code in column["codes"]]
