"""A place to list passes over, given as LAT,LON, and the time zone its local times are in.

The zone comes from the point itself (timezonefinder's bundled boundary data, offline): a site
of the catalogue states its own; a point at sea gets the nautical zone (Etc/GMT±n) of its
longitude, as timezonefinder gives it.
"""

from __future__ import annotations

import math
from functools import cache

from timezonefinder import TimezoneFinder

from ..errors import GeoError


def read_point(text: str, what: str = "the point") -> tuple[float, float]:
    """(lat, lon) of 'LAT,LON' in decimal degrees; GeoError saying what is wrong."""
    parts = text.strip().split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise GeoError(f"{what} {text.strip()[:40]!r}: expected LAT,LON in decimal degrees, "
                       "e.g. 39.03,125.75") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise GeoError(f"{what} {text.strip()[:40]!r}: latitude within ±90, longitude within ±180")
    return lat, lon


@cache
def _finder() -> TimezoneFinder:
    return TimezoneFinder()


def zone_at(lat: float, lon: float) -> str:
    """The IANA time zone at (lat, lon): its land zone, else the nautical zone at sea."""
    return _finder().timezone_at(lng=lon, lat=lat) or "UTC"
