"""The projection of a figure: Lambert conformal conic fitted to the frame (conformal, so
shapes and bearings hold locally; right for mid-latitude regions from the Korean peninsula to the
Philippine Sea), and its scale at the centre for a scale bar that is true there."""

from __future__ import annotations

from dataclasses import dataclass

import cartopy.crs as ccrs
import numpy as np
from pyproj import Proj
from shapely import make_valid
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from .view import Bounds

DENSIFY = 50  # points along each side of the frame when projecting it


@dataclass(frozen=True)
class Fitted:
    """The projection, its parameters, and the frame in its coordinates (metres)."""

    crs: ccrs.LambertConformal
    lon0: float
    lat0: float
    parallels: tuple[float, float]
    extent: tuple[float, float, float, float]  # x min, x max, y min, y max

    def scale_at_centre(self) -> float:
        """The map's scale factor at the centre (projected metres per true metre)."""
        proj = Proj(self.crs.proj4_init)
        factors = proj.get_factors(self.lon0, self.lat0)
        return float(factors.parallel_scale)

    def seen(self) -> BaseGeometry:
        """The map's visible rectangle in lon/lat (its edges followed, not only its corners)."""
        x0, x1, y0, y1 = self.extent
        side = np.linspace(0.0, 1.0, DENSIFY)
        xs = np.concatenate([x0 + (x1 - x0) * side, np.full(DENSIFY, x1), x1 - (x1 - x0) * side,
                             np.full(DENSIFY, x0)])
        ys = np.concatenate([np.full(DENSIFY, y0), y0 + (y1 - y0) * side, np.full(DENSIFY, y1),
                             y1 - (y1 - y0) * side])
        lonlat = ccrs.PlateCarree().transform_points(self.crs, xs, ys)
        lons = self.lon0 + (lonlat[:, 0] - self.lon0 + 180.0) % 360.0 - 180.0  # unwrapped about lon0
        outline = Polygon(np.column_stack([lons, lonlat[:, 1]]))
        return outline if outline.is_valid else make_valid(outline)

    @property
    def proj4(self) -> str:
        """The projection as a PROJ string, for the file's metadata."""
        return str(self.crs.proj4_init)


def fit(bbox: Bounds, aspect: float) -> Fitted:
    """A conformal conic projection centred on the frame, the frame grown to width/height = aspect."""
    west, south, east, north = bbox
    lon0, lat0 = (west + east) / 2, (south + north) / 2
    span = north - south
    parallels = (south + span / 6, north - span / 6)
    if abs(parallels[0] + parallels[1]) < 1.0:  # a cone needs parallels off the equator's mirror
        parallels = (lat0, lat0)
    crs = ccrs.LambertConformal(central_longitude=lon0, central_latitude=lat0,
                                standard_parallels=parallels)
    side = np.linspace(0.0, 1.0, DENSIFY)
    lons = np.concatenate([west + (east - west) * side, np.full(DENSIFY, east),
                           east - (east - west) * side, np.full(DENSIFY, west)])
    lats = np.concatenate([np.full(DENSIFY, south), south + span * side, np.full(DENSIFY, north),
                           north - span * side])
    xyz = crs.transform_points(ccrs.PlateCarree(), lons, lats)
    x0, x1 = float(np.nanmin(xyz[:, 0])), float(np.nanmax(xyz[:, 0]))
    y0, y1 = float(np.nanmin(xyz[:, 1])), float(np.nanmax(xyz[:, 1]))
    width, height = x1 - x0, y1 - y0
    if width / height < aspect:
        grow = (height * aspect - width) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = (width / aspect - height) / 2
        y0, y1 = y0 - grow, y1 + grow
    return Fitted(crs, lon0, lat0, (float(parallels[0]), float(parallels[1])), (x0, x1, y0, y1))
