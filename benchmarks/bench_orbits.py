"""Time geo.orbits on a published Malligyong-1 element set, and measure its agreement with
skyfield (a second SGP4 wrapper with its own TEME -> ITRS rotation and its own event finder).

    python benchmarks/bench_orbits.py [FILE]

FILE defaults to tests/data/orbits/malligyong-1.tle. Prints, for each element set: the largest
distance between our sub-satellite points and skyfield's over ±1.5 days (one point a minute),
the largest difference of pass rise/culmination/set times over the Pyongyang control centre
over ±1 day, and the time of a one-day ground track at 60 s, of a 7-day pass search, and of
the history (each timed as the fastest of three runs, so other programs on the machine count
less; say whether the machine was loaded when quoting them).
"""

from __future__ import annotations

import math
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from skyfield.api import EarthSatellite, load, wgs84

from geo.orbits.elements import read_elements
from geo.orbits.history import history
from geo.orbits.passes import passes
from geo.orbits.track import ground_track, position

SITE = (39.0425, 125.7100)
TS = load.timescale(builtin=True)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, d = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(d)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


def _best_of_three(job) -> float:
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        job()
        best = min(best, time.perf_counter() - start)
    return best


def main(path: Path) -> None:
    sets = read_elements(path.read_text(), str(path))
    for es in sets:
        sky = EarthSatellite(es.line1, es.line2, es.name, TS)
        worst_km = 0.0
        for minute in range(-36 * 60, 36 * 60):
            when = es.epoch + timedelta(minutes=minute)
            lon, lat, _ = position(es, when)
            sub = wgs84.subpoint_of(sky.at(TS.from_datetime(when)))
            worst_km = max(worst_km, _km(lat, lon, sub.latitude.degrees, sub.longitude.degrees))
        start, end = es.epoch - timedelta(days=1), es.epoch + timedelta(days=1)
        ours = passes([es], *SITE, start, end)
        t, kinds = sky.find_events(wgs84.latlon(*SITE), TS.from_datetime(start), TS.from_datetime(end))
        theirs = [ti for ti, k in zip(t.utc_datetime(), kinds, strict=True)]
        if theirs and kinds[0] != 0:  # a pass under way at the start: we leave it out
            first_rise = list(kinds).index(0)
            theirs = theirs[first_rise:]
        ours_t = [p[k] for p in ours for k in ("rise", "culminate", "set")]
        worst_s = max(abs((_parse(a) - b).total_seconds()) for a, b in zip(ours_t, theirs, strict=False))
        print(f"{es.name} epoch {es.epoch:%Y-%m-%d %H:%M:%S}: sub-points vs skyfield <= {worst_km:.3f} km; "
              f"{len(ours)} passes, times vs skyfield <= {worst_s:.2f} s")
    es = sets[0]
    one_day = _best_of_three(lambda: ground_track([es], es.epoch, es.epoch + timedelta(days=1), 60))
    week = _best_of_three(lambda: passes([es], *SITE, es.epoch, es.epoch + timedelta(days=7)))
    hist = _best_of_three(lambda: history(sets))
    print(f"track, 1 day at 60 s (1441 points): {one_day * 1000:.0f} ms; "
          f"passes, 7 days: {week * 1000:.0f} ms; history of {len(sets)} sets: {hist * 1000:.1f} ms")


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
         / "tests" / "data" / "orbits" / "malligyong-1.tle")
