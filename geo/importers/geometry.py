"""Checks on imported geometries: on the globe, valid (repaired when it can be), right for the kind."""

from __future__ import annotations

import warnings

import antimeridian
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from .coords import check_range
from .kinds import allowed_geometry
from .result import RowProblem


def check_geometry(geometry: BaseGeometry | None, kind: str | None, field: str = "geometry"
                   ) -> tuple[BaseGeometry, str | None]:
    """(geometry, warning or None): 2-D, within ±90/±180, valid. Raises RowProblem."""
    if geometry is None or geometry.is_empty:
        raise RowProblem("missing geometry", "no geometry", field)
    geometry = shapely.force_2d(geometry)
    coords = shapely.get_coordinates(geometry)
    bad = ~np.isfinite(coords).all(axis=1) | (np.abs(coords[:, 1]) > 90) | (np.abs(coords[:, 0]) > 180)
    if bad.any():
        lon, lat = coords[int(np.argmax(bad))]
        check_range(float(lon), float(lat), field, field)
    allowed = allowed_geometry(kind)
    if allowed and geometry.geom_type not in allowed:
        raise RowProblem("wrong geometry type",
                         f"{kind} need a {' or '.join(allowed)}, not a {geometry.geom_type}", field)
    split = _split_at_antimeridian(geometry)
    if split is not None:
        return split, (f"{geometry.geom_type} crosses the antimeridian (an edge spans more than 180° of "
                       "longitude); split at ±180° as RFC 7946 asks, not drawn the long way round")
    if geometry.is_valid:
        return geometry, None
    reason = shapely.is_valid_reason(geometry)
    repaired = _repair(geometry)
    if repaired is None:
        raise RowProblem("bad geometry", f"invalid {geometry.geom_type} ({reason}) that "
                                         "make_valid cannot repair without changing its type", field)
    return repaired, f"{geometry.geom_type} was invalid ({reason}); repaired with make_valid"


def _repair(geometry: BaseGeometry) -> BaseGeometry | None:
    """make_valid, keeping only parts of the original dimension (a polygon stays polygonal)."""
    fixed = shapely.make_valid(geometry)
    dimension = shapely.get_dimensions(geometry)
    parts = [part for part in shapely.get_parts(fixed)
             if shapely.get_dimensions(part) == dimension and not part.is_empty]
    if not parts:
        return None
    if dimension == 2:
        polygons = [p for part in parts for p in (part.geoms if hasattr(part, "geoms") else [part])]
        result = polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)
    else:
        result = parts[0] if len(parts) == 1 else shapely.union_all(parts)
    return result if result.is_valid and not result.is_empty else None


_FIXERS = {
    "Polygon": antimeridian.fix_polygon,
    "MultiPolygon": antimeridian.fix_multi_polygon,
}


def _split_at_antimeridian(geometry: BaseGeometry) -> BaseGeometry | None:
    """The geometry split at ±180° when one of its edges jumps more than 180° of longitude, else None.

    Such an edge is the short way across the date line: a file that meant the long way round
    would have said so with intermediate vertices. The `antimeridian` package does the split,
    with straight edges in longitude and latitude (`great_circle=False`), as GeoJSON draws them.
    """
    lines = shapely.get_parts(shapely.boundary(geometry)) if shapely.get_dimensions(geometry) == 2 \
        else shapely.get_parts(geometry)
    if not any(np.any(np.abs(np.diff(shapely.get_coordinates(line)[:, 0])) > 180) for line in lines):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns when it re-winds a ring, which we do not report
        if geometry.geom_type in _FIXERS:
            fixed = _FIXERS[geometry.geom_type](geometry, great_circle=False)
        elif geometry.geom_type == "LineString":
            fixed = antimeridian.fix_line_string(geometry, great_circle=False)
        elif geometry.geom_type == "MultiLineString":
            fixed = antimeridian.fix_multi_line_string(geometry, great_circle=False)
        else:
            return None  # points and collections have no edges to split
    return fixed if fixed.is_valid else shapely.make_valid(fixed)
