"""Ground tracks by SGP4 (the `sgp4` library): TEME -> ITRS via GMST, WGS84 geodetic."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

from pyproj import Transformer
from sgp4.api import jday

from ..errors import GeoError
from .elements import ElementSet

_ECEF_TO_LLA = Transformer.from_crs("EPSG:4978", "EPSG:4979", always_xy=True)
NOTE = ("derived: SGP4 (python sgp4 library) from the element set nearest in time; TEME to "
        "Earth-fixed by GMST (IAU 1982), no polar motion. More than a few days from the epoch "
        "this is not a position.")


def _gmst(jd: float, fr: float) -> float:
    t = (jd - 2451545.0 + fr) / 36525.0
    g = 67310.54841 + (876600.0 * 3600 + 8640184.812866) * t + 0.093104 * t * t - 6.2e-6 * t ** 3
    return math.radians((g % 86400.0) / 240.0)


def nearest(sets: Sequence[ElementSet], when: datetime) -> ElementSet:
    """The element set whose epoch is nearest to `when`."""
    return min(sets, key=lambda s: abs((s.epoch - when).total_seconds()))


def ecef(es: ElementSet, when: datetime) -> tuple[float, float, float]:
    """Earth-fixed x, y, z (metres) of the satellite at `when` (UTC)."""
    jd, fr = jday(when.year, when.month, when.day, when.hour, when.minute,
                  when.second + when.microsecond / 1e6)
    error, r, _ = es.satrec.sgp4(jd, fr)
    if error:
        raise GeoError(f"SGP4 failed for NORAD {es.norad_id} at {when.isoformat()} (code {error})")
    theta = _gmst(jd, fr)
    c, s = math.cos(theta), math.sin(theta)
    return (c * r[0] + s * r[1]) * 1000, (-s * r[0] + c * r[1]) * 1000, r[2] * 1000


def position(es: ElementSet, when: datetime) -> tuple[float, float, float]:
    """(lon, lat, height km) under the satellite at `when` (UTC)."""
    x, y, z = ecef(es, when)
    lon, lat, h = _ECEF_TO_LLA.transform(x, y, z)
    return float(lon), float(lat), float(h) / 1000


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def ground_track(sets: Sequence[ElementSet], start: datetime, end: datetime,
                 step_s: float = 60.0) -> dict:
    """A GeoJSON FeatureCollection: LineStrings split where the track crosses 180°."""
    if end <= start:
        raise GeoError("the track's end must be after its start")
    count = int((end - start).total_seconds() // step_s) + 1
    if count > 200_000:
        raise GeoError(f"{count} points asked; at most 200000 (use a larger --step)")
    times = [start + timedelta(seconds=i * step_s) for i in range(count)]
    points = [(t, nearest(sets, t)) for t in times]
    features: list[dict] = []
    run: list[tuple[datetime, tuple[float, float, float]]] = []
    used: ElementSet | None = None

    def flush() -> None:
        if len(run) >= 2 and used is not None:
            features.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates":
                             [[round(p[0], 6), round(p[1], 6)] for _, p in run]},
                             "properties": {"name": used.name, "norad_id": used.norad_id,
                                            "epoch": used.epoch.isoformat().replace("+00:00", "Z"),
                                            "times": [_iso(t) for t, _ in run],
                                            "geometry_method": "derived", "note": NOTE}})

    for t, es in points:
        p = position(es, t)
        if run and (es is not used or abs(p[0] - run[-1][1][0]) > 180):
            if es is used:  # crossing 180°: end and start the pieces on the meridian
                lon0, lat0 = run[-1][1][0], run[-1][1][1]
                lon1 = p[0] + (360 if lon0 > 0 else -360)
                f = (math.copysign(180, lon0) - lon0) / (lon1 - lon0)
                lat_x = lat0 + f * (p[1] - lat0)
                tx = run[-1][0] + (t - run[-1][0]) * f
                run.append((tx, (math.copysign(180, lon0), lat_x, 0.0)))
                flush()
                run = [(tx, (-math.copysign(180, lon0), lat_x, 0.0))]
            else:
                flush()
                run = []
        used = es
        run.append((t, p))
    flush()
    return {"type": "FeatureCollection", "features": features}
