"""Checks on imported geometries: on the globe, valid (repaired when it can be), right for the kind."""

from __future__ import annotations

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
