"""Geodesic helpers on the WGS84 ellipsoid (pyproj). Every function takes lon, lat order."""

from __future__ import annotations

from functools import lru_cache

from pyproj import Geod
from shapely.geometry import Polygon
from shapely.geometry.polygon import orient

WGS84 = Geod(ellps="WGS84")


def destination(lon: float, lat: float, azimuth_deg: float, distance_m: float) -> tuple[float, float]:
    """The point reached from (lon, lat) along a geodesic of given azimuth and length."""
    lon2, lat2, _ = WGS84.fwd(lon, lat, azimuth_deg, distance_m)
    return float(lon2), float(lat2)


def distance_azimuth(lon1: float, lat1: float, lon2: float, lat2: float) -> tuple[float, float]:
    """Geodesic distance in metres and initial azimuth in degrees [0, 360) between two points."""
    az12, _, dist = WGS84.inv(lon1, lat1, lon2, lat2)
    return float(dist), float(az12) % 360.0


@lru_cache(maxsize=256)
def _circle(lon: float, lat: float, radius_m: float, points: int) -> Polygon:
    azimuths = [360.0 * i / points for i in range(points)]
    lons, lats, _ = WGS84.fwd([lon] * points, [lat] * points, azimuths, [radius_m] * points)
    return orient(Polygon(list(zip(lons, lats, strict=True))), 1.0)


def circle(lon: float, lat: float, radius_m: float, points: int = 64) -> Polygon:
    """A geodesic circle: the polygon through points at radius_m from the centre."""
    if radius_m <= 0:
        raise ValueError("radius must be positive")
    return _circle(float(lon), float(lat), float(radius_m), int(points))


def area_km2(polygon: Polygon) -> float:
    """Geodesic area of a lon/lat polygon in square kilometres."""
    area_m2, _ = WGS84.geometry_area_perimeter(polygon)
    return abs(float(area_m2)) / 1e6
