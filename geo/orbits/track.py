"""Ground tracks by SGP4 (the `sgp4` library): TEME -> ITRS via GMST, WGS84 geodetic."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from pyproj import Transformer
from sgp4.api import jday

from ..errors import GeoError
from .elements import ElementSet

_ECEF_TO_LLA = Transformer.from_crs("EPSG:4978", "EPSG:4979", always_xy=True)
NOTE = ("derived: SGP4 (python sgp4 library) from the element set nearest in time; TEME to "
        "Earth-fixed by GMST (IAU 1982), no polar motion; WGS84 latitude/longitude by pyproj. "
        "More than a few days from the epoch this is not a position: SGP4 errors grow by "
        "kilometres a day and a manoeuvre after the epoch is not in the elements.")


SGP4_ERRORS = {  # sgp4's error codes (Vallado's SGP4.cpp)
    1: "the mean eccentricity left 0..1", 2: "the mean motion fell below zero",
    3: "the perturbed eccentricity left 0..1", 4: "the semi-latus rectum fell below zero",
    6: "the orbit has decayed by then"}


def _gmst(jd: float, fr: float) -> float:
    t = (jd - 2451545.0 + fr) / 36525.0
    g = 67310.54841 + (876600.0 * 3600 + 8640184.812866) * t + 0.093104 * t * t - 6.2e-6 * t ** 3
    return math.radians((g % 86400.0) / 240.0)


def utc(when: datetime) -> datetime:
    """The moment in UTC (a time without a zone is taken as UTC): SGP4 reads the clock fields,
    so 10:00+09:00 must become 01:00 before it is propagated."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def nearest(sets: Sequence[ElementSet], when: datetime) -> ElementSet:
    """The element set whose epoch is nearest to `when`."""
    when = utc(when)
    return min(sets, key=lambda s: abs((s.epoch - when).total_seconds()))


def ecef(es: ElementSet, when: datetime) -> tuple[float, float, float]:
    """Earth-fixed x, y, z (metres) of the satellite at `when`."""
    when = utc(when)
    jd, fr = jday(when.year, when.month, when.day, when.hour, when.minute,
                  when.second + when.microsecond / 1e6)
    error, r, _ = es.satrec.sgp4(jd, fr)
    if error:
        why = SGP4_ERRORS.get(error, "no position")
        raise GeoError(f"SGP4 gives no position for NORAD {es.norad_id} at {iso(when)}, "
                       f"{days_from_epoch(es, when):.1f} days from the epoch: {why} (error {error})")
    theta = _gmst(jd, fr)
    c, s = math.cos(theta), math.sin(theta)
    return (c * r[0] + s * r[1]) * 1000, (-s * r[0] + c * r[1]) * 1000, r[2] * 1000


def position(es: ElementSet, when: datetime) -> tuple[float, float, float]:
    """(lon, lat, height km) under the satellite at `when` (UTC)."""
    x, y, z = ecef(es, when)
    lon, lat, h = _ECEF_TO_LLA.transform(x, y, z)
    return float(lon), float(lat), float(h) / 1000


def to_second(t: datetime) -> datetime:
    """Rounded (not cut) to the whole second."""
    return (t + timedelta(microseconds=500_000)).replace(microsecond=0)


def iso(t: datetime) -> str:
    """ISO UTC to the second, rounded: 2024-06-06T04:41:46Z."""
    return to_second(t).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_ms(t: datetime) -> str:
    """ISO UTC to the millisecond, rounded: 2024-06-06T04:41:45.620Z (7 m of flight at most:
    a vertex's time to the second alone would leave it 3.5 km unsure along the track)."""
    t = t + timedelta(microseconds=500)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def days_from_epoch(es: ElementSet, when: datetime) -> float:
    """How far `when` is from the element set's epoch, in days (always >= 0)."""
    return abs((when - es.epoch).total_seconds()) / 86400


MAX_STEP_S = 300.0  # beyond this the straight lines between vertices are chords, not the track
MAX_POINTS = 200_000


def _crossing(es: ElementSet, a: datetime, b: datetime, east: bool) -> tuple[datetime, float]:
    """The moment between a and b at which the sub-satellite point crosses 180°, by bisection on
    the propagated positions to 1 ms, and its latitude."""
    while (b - a).total_seconds() > 0.001:
        m = a + (b - a) / 2
        lon = position(es, m)[0]
        if (lon > 0) == east:  # still on the side it started from
            a = m
        else:
            b = m
    return a, position(es, a)[1]


def ground_track(sets: Sequence[ElementSet], start: datetime, end: datetime,
                 step_s: float = 60.0) -> dict:
    """A GeoJSON FeatureCollection of LineStrings: a new one where the track crosses 180° (both
    pieces end on the meridian at the crossing found by bisection) or where another element set
    becomes the nearest in time."""
    start, end = utc(start), utc(end)
    if end <= start:
        raise GeoError("the track's end must be after its start")
    if not 0 < step_s <= MAX_STEP_S:
        raise GeoError(f"the step must be above 0 and at most {MAX_STEP_S:.0f} s")
    count = int((end - start).total_seconds() // step_s) + 1
    if count > MAX_POINTS:
        raise GeoError(f"{count} points asked; at most {MAX_POINTS} (use a larger step or a shorter window)")
    times = [start + timedelta(seconds=i * step_s) for i in range(count)]
    if times[-1] < end:
        times.append(end)
    features: list[dict] = []
    run: list[tuple[datetime, float, float]] = []
    used: ElementSet | None = None

    def flush() -> None:
        if len(run) >= 2 and used is not None:
            features.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates":
                             [[round(lon, 5), round(lat, 5)] for _, lon, lat in run]},
                             "properties": {
                                 "name": used.name, "norad_id": used.norad_id,
                                 "epoch": iso_ms(used.epoch), "times": [iso_ms(t) for t, _, _ in run],
                                 "days_from_epoch": round(max(days_from_epoch(used, run[0][0]),
                                                              days_from_epoch(used, run[-1][0])), 2),
                                 "geometry_method": "derived", "note": NOTE}})

    for t in times:
        es = nearest(sets, t)
        lon, lat, _ = position(es, t)
        if run and es is not used:
            flush()
            run = []
        elif run and abs(lon - run[-1][1]) > 180:
            east = run[-1][1] > 0
            tx, lat_x = _crossing(es, run[-1][0], t, east)
            run.append((tx, 180.0 if east else -180.0, lat_x))
            flush()
            run = [(tx, -180.0 if east else 180.0, lat_x)]
        used = es
        run.append((t, lon, lat))
    flush()
    return {"type": "FeatureCollection", "features": features}
