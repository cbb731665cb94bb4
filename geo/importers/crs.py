"""Coordinates in another CRS to WGS 84 longitude and latitude: correctly, or refused.

A CRS is read when it places points on the Earth in two dimensions: geographic or projected
(the horizontal part of a compound CRS), on an ellipsoid of the Earth's size. Geocentric CRSs
(x, y, z from the Earth's centre), vertical ones (heights), engineering ones and the CRSs of
other bodies (Mars…) are refused with their name. Each point is converted and converted back;
a point that does not come back where it was lies outside the area where the projection
works (EPSG:3857 at y = 1e308 would otherwise become the pole) and its row is reported.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError, ProjError
from shapely.geometry.base import BaseGeometry

from .result import RowProblem

EARTH_RADIUS_M = (6_350_000.0, 6_400_000.0)
"""Semi-major axes of the Earth's ellipsoids and spheres all fall in this range."""
RELATIVE_TOLERANCE = 1e-7
ABSOLUTE_TOLERANCE = 1e-4


class CrsRefused(ValueError):
    """A CRS that cannot be converted to WGS 84; the message names it and says why."""


def earth_crs(text: str) -> CRS:
    """The horizontal CRS text names, if points in it are positions on the Earth. Raises
    CrsRefused."""
    try:
        crs = CRS.from_user_input(text)
    except (CRSError, ProjError, TypeError, ValueError):
        raise CrsRefused(f"'{text:.80}' is not a coordinate reference system PROJ knows") from None
    horizontal = crs.sub_crs_list[0] if crs.is_compound and crs.sub_crs_list else crs
    label = f"'{text:.80}' ({horizontal.name})" if horizontal.name not in ("", "unknown") \
        else f"'{text:.80}'"
    if horizontal.is_geocentric:
        raise CrsRefused(f"{label} is geocentric: its coordinates are x, y, z from the Earth's "
                         "centre, not positions on a map")
    if horizontal.is_vertical:
        raise CrsRefused(f"{label} is a vertical CRS: it gives heights, not positions")
    if not (horizontal.is_geographic or horizontal.is_projected):
        raise CrsRefused(f"{label} is neither geographic nor projected ({horizontal.type_name}); "
                         "only those are converted")
    ellipsoid = horizontal.ellipsoid
    radius = ellipsoid.semi_major_metre if ellipsoid is not None else None
    if radius is None or not EARTH_RADIUS_M[0] <= radius <= EARTH_RADIUS_M[1]:
        size = f" (its ellipsoid's radius is {radius:,.0f} m)" if radius else ""
        raise CrsRefused(f"{label} is not a CRS of the Earth{size}")
    return horizontal


def is_wgs84(crs: CRS) -> bool:
    """Whether crs is WGS 84 longitude/latitude (EPSG:4326 or OGC:CRS84) already."""
    return crs.equals(CRS.from_epsg(4326), ignore_axis_order=True)


def converter(text: str) -> Converter | None:
    """A converter from the CRS text names, or None when it is WGS 84 already. Raises CrsRefused."""
    crs = earth_crs(text)
    return None if is_wgs84(crs) else Converter(crs, text)


class Converter:
    """Converts geometries from one CRS to WGS 84 longitude, latitude, checking each point."""

    def __init__(self, crs: CRS, label: str) -> None:
        self.label = label
        try:
            self.forward = Transformer.from_crs(crs, CRS.from_epsg(4326), always_xy=True)
            self.back = Transformer.from_crs(CRS.from_epsg(4326), crs, always_xy=True)
        except (CRSError, ProjError) as exc:
            raise CrsRefused(f"'{label:.80}' cannot be converted to WGS 84 ({exc})") from None

    def convert(self, geometry: BaseGeometry, field: str = "geometry") -> BaseGeometry:
        """The geometry in WGS 84. Raises RowProblem for a point that cannot be converted."""
        xy = shapely.get_coordinates(geometry)
        if not np.isfinite(xy).all():
            raise RowProblem("bad coordinates", "coordinates are not finite numbers", field)
        with np.errstate(all="ignore"):
            lon, lat = self.forward.transform(xy[:, 0], xy[:, 1], errcheck=False)
            x, y = self.back.transform(lon, lat, errcheck=False)
        lon, lat, x, y = (np.asarray(a, dtype=float) for a in (lon, lat, x, y))
        good = (np.isfinite(lon) & np.isfinite(lat)
                & np.isclose(x, xy[:, 0], rtol=RELATIVE_TOLERANCE, atol=ABSOLUTE_TOLERANCE)
                & np.isclose(y, xy[:, 1], rtol=RELATIVE_TOLERANCE, atol=ABSOLUTE_TOLERANCE))
        if not good.all():
            bad = xy[int(np.argmin(good))]
            raise RowProblem("coordinates out of range",
                             f"({bad[0]:g}, {bad[1]:g}) is outside the area where {self.label:.60} "
                             "converts to longitude and latitude", field)
        return shapely.set_coordinates(shapely.force_2d(geometry), np.column_stack([lon, lat]))


def reproject_records(records: list[Any], text: str) -> None:
    """Convert each record's geometry from the CRS text names to WGS 84, in place; a record whose
    geometry cannot be converted gets the problem. Raises CrsRefused for the CRS itself."""
    convert = converter(text)
    if convert is None:
        return
    for record in records:
        if record.geometry is None or record.geometry.is_empty or record.problem is not None:
            continue
        try:
            record.geometry = convert.convert(record.geometry)
        except RowProblem as problem:
            record.geometry = None
            record.problem = problem
