"""Passes over a place: rise, culmination and set, found on a 30 s grid of SGP4 elevations and
refined by bisection to under a second (a pass that stays above the minimum elevation for less
than the grid's 30 s may be missed)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pyproj import Transformer

from ..errors import GeoError
from .elements import ElementSet
from .track import days_from_epoch, ecef, iso, nearest, to_second, utc

_LLA_TO_ECEF = Transformer.from_crs("EPSG:4979", "EPSG:4978", always_xy=True)
GRID_S = 30.0


def elevation(sets: Sequence[ElementSet], lat: float, lon: float, when: datetime) -> float:
    """Elevation (degrees) of the satellite above the WGS84 horizon of (lat, lon) at `when`."""
    sx, sy, sz = ecef(nearest(sets, when), when)
    ox, oy, oz = _LLA_TO_ECEF.transform(lon, lat, 0.0)
    dx, dy, dz = sx - ox, sy - oy, sz - oz
    la, lo = math.radians(lat), math.radians(lon)
    up = (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))
    dist = math.sqrt(dx * dx + dy * dy + dz * dz)
    return math.degrees(math.asin((dx * up[0] + dy * up[1] + dz * up[2]) / dist))


def _cross(f, a: datetime, b: datetime, level: float) -> datetime:
    fa = f(a) - level
    while (b - a).total_seconds() > 0.1:
        m = a + (b - a) / 2
        fm = f(m) - level
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
        else:
            b = m
    return a + (b - a) / 2


def _peak(f, a: datetime, b: datetime) -> datetime:
    for _ in range(60):  # golden-section search
        if (b - a).total_seconds() < 0.1:
            break
        third = (b - a) / 3
        if f(a + third) < f(b - third):
            a = a + third
        else:
            b = b - third
    return a + (b - a) / 2


def passes(sets: Sequence[ElementSet], lat: float, lon: float, start: datetime, end: datetime,
           min_elevation: float = 0.0, zone: str = "UTC") -> list[dict]:
    """Each pass above min_elevation between start and end (a pass under way at start or end is
    left out: its rise or set is not in the window)."""
    start, end = utc(start), utc(end)
    if end <= start:
        raise GeoError("the window's end must be after its start")
    if (end - start) > timedelta(days=31):
        raise GeoError("at most 31 days of passes at once")
    if not -5 <= min_elevation < 90:
        raise GeoError(f"the minimum elevation {min_elevation} is not between -5 and 90 degrees")
    tz = ZoneInfo(zone)

    def f(t: datetime) -> float:
        return elevation(sets, lat, lon, t)

    found: list[dict] = []
    t, prev = start, f(start)
    rise: datetime | None = None
    while t < end:
        nxt = min(t + timedelta(seconds=GRID_S), end)
        value = f(nxt)
        if prev < min_elevation <= value:
            rise = _cross(f, t, nxt, min_elevation)
        elif prev >= min_elevation > value and rise is not None:
            down = _cross(f, t, nxt, min_elevation)
            top = _peak(f, rise, down)
            times = {"rise": rise, "culminate": top, "set": down}
            row: dict = {k: iso(v) for k, v in times.items()}
            row["max_elevation_deg"] = round(f(top), 2)
            row.update({f"{k}_local": to_second(v).astimezone(tz).isoformat()
                        for k, v in times.items()})
            row["time_zone"] = zone
            row["days_from_epoch"] = round(days_from_epoch(nearest(sets, top), top), 2)
            found.append(row)
            rise = None
        t, prev = nxt, value
    return found

