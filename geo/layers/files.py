"""The built layer files (layers/*.geojson): read back, each feature checked against its spec."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from ..atomic import read_folder
from ..errors import DataError, GeoError, Problem
from . import registry
from .spec import LayerSpec, Prop

Layers = dict[str, list[dict[str, Any]]]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?)?$")
_SOURCE_KEYS = {"id", "title", "publisher", "date", "url"}


def read_layers(layers_dir: Path, names: tuple[str, ...] = registry.NAMES) -> Layers:
    """The built layers' features by name, read from their files and checked against the specs.

    The files are read as one set (geo.atomic.read_folder): never some from before a build and
    some from after it."""
    layers: Layers = {}
    problems: list[Problem] = []
    files = [f"{name}.geojson" for name in names]
    try:
        contents = read_folder(Path(layers_dir), files)
    except FileNotFoundError as exc:
        if not Path(layers_dir).is_dir():
            raise GeoError(f"{layers_dir}: no layers folder; run 'geo build'") from None
        missing = Path(str(exc.filename)).name
        raise GeoError(f"{missing}: layer file missing; run 'geo build'") from None
    except OSError as exc:
        raise GeoError(f"{Path(str(exc.filename)).name}: cannot be read ({exc.strerror or exc})") \
            from None
    for name, file_name in zip(names, files, strict=True):
        path = Path(layers_dir) / file_name
        try:
            data = json.loads(contents[file_name].decode("utf-8"), parse_constant=_no_constant)
            features = data["features"]
            if not isinstance(features, list):
                raise TypeError("'features' is not a list")
        except RecursionError:
            raise GeoError(f"{path.name}: not a GeoJSON FeatureCollection (nested too deeply)") \
                from None
        except (ValueError, KeyError, TypeError) as exc:
            raise GeoError(f"{path.name}: not a GeoJSON FeatureCollection ({exc})") from None
        spec = registry.BY_NAME[name]
        for index, feature in enumerate(features):
            where = f"feature {index + 1}"
            if isinstance(feature, dict) and isinstance(feature.get("id"), str):
                where = f"id '{feature['id']}'"
            problems += [Problem(path.name, where, field, message)
                         for field, message in feature_problems(spec, feature)]
        layers[name] = features
    if problems:
        raise DataError(problems)
    return layers


def _no_constant(name: str) -> Any:
    """NaN and Infinity are not JSON (RFC 8259) and not a place or a measure: refused."""
    raise ValueError(f"{name} is not a number JSON allows")


def _coordinate_problem(coordinates: Any, depth: int = 0) -> str | None:
    """Why a geometry's coordinates are not lon/lat positions, or None."""
    if depth > 4 or not isinstance(coordinates, list):
        return "coordinates are not nested lists of positions"
    if coordinates and not isinstance(coordinates[0], list):
        if len(coordinates) < 2 or not all(isinstance(v, int | float) and not isinstance(v, bool)
                                           and math.isfinite(v) for v in coordinates):
            return f"position {coordinates!r:.40} is not two or three numbers"
        lon, lat = coordinates[:2]
        if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
            return f"position {lon}, {lat} is off the globe"
        return None
    for item in coordinates:
        problem = _coordinate_problem(item, depth + 1)
        if problem:
            return problem
    return None


def feature_problems(spec: LayerSpec, feature: Any) -> list[tuple[str, str]]:
    """(field, message) for everything in a feature that its layer's spec does not allow."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return [("", "not a GeoJSON Feature")]
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in spec.geometry:
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        return [("geometry", f"{spec.name} need a {' or '.join(spec.geometry)}, not {kind}")]
    where = _coordinate_problem(geometry.get("coordinates"))
    if where:
        return [("geometry", where)]
    props = feature.get("properties")
    if not isinstance(props, dict):
        return [("properties", "missing")]
    out = [(name, "not a property of this layer") for name in props
           if spec.prop(name) is None]
    for prop in spec.properties:
        message = _value_problem(prop, props.get(prop.name))
        if message:
            out.append((prop.name, message))
    if props.get("id") != feature.get("id"):
        out.append(("id", "differs from the Feature's id"))
    return out


def _value_problem(prop: Prop, value: Any) -> str | None:
    if value is None:
        return "is required" if prop.required else None
    if prop.choices and value not in prop.choices:
        return f"must be one of {', '.join(prop.choices)} (got {value!r:.40})"
    ok = {
        "text": lambda v: isinstance(v, str),
        "id": lambda v: isinstance(v, str) and bool(v),
        "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "ids": lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
        "date": lambda v: isinstance(v, str) and bool(_DATE.match(v)),
        "time": lambda v: isinstance(v, str) and bool(_TIME.match(v)),
        "names": lambda v: isinstance(v, dict) and all(isinstance(n, str) for n in v.values()),
        "sources": lambda v: isinstance(v, list) and all(
            isinstance(s, dict) and set(s) >= _SOURCE_KEYS for s in v),
    }[prop.type]
    return None if ok(value) else f"is not of type {prop.type} (got {value!r:.40})"
