"""The bundled Natural Earth land, for geometry checks: no map library needed to load it."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

from ..errors import GeoError

BASEMAP_PATH = Path(__file__).resolve().parent.parent / "data" / "basemap.geojson"
BBOX = (100.0, 10.0, 150.0, 60.0)  # lon min, lat min, lon max, lat max of the data


@functools.cache
def load_basemap() -> dict[str, Any]:
    """The basemap FeatureCollection (cached: do not mutate it)."""
    with BASEMAP_PATH.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


@functools.cache
def land() -> BaseGeometry:
    """Union of the land polygons, prepared for fast predicates (cached)."""
    polygons = [shape(f["geometry"]) for f in load_basemap()["features"]
                if f["properties"]["kind"] == "land"]
    union = shapely.union_all(polygons)
    shapely.prepare(union)
    return union


def is_at_sea(geom: BaseGeometry) -> bool:
    """True when geom does not touch land; GeoError if it leaves the basemap's coverage."""
    if not geom.within(box(*BBOX)):
        raise GeoError(f"geometry {geom.wkt[:60]} is outside the basemap coverage {BBOX}")
    return not land().intersects(geom)
