"""A second check with a wholly separate SGP4: pyorbital (pytroll) propagates with its own code
(numpy), turns to Earth-fixed and finds passes by its own means; skyfield wraps the same sgp4
library as we do, so this one also checks the propagator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pyorbital.orbital import Orbital

from geo.orbits.passes import passes
from geo.orbits.track import position

from .conftest import PYONGYANG_GSCC, km_between


def _orbital(es) -> Orbital:
    return Orbital(es.name, line1=es.line1, line2=es.line2)  # given the lines: nothing fetched


@pytest.mark.parametrize("index", [0, 1, 2])
def test_sub_points_match_pyorbital_within_1_km(malligyong, index) -> None:
    es = malligyong[index]
    orbital = _orbital(es)
    worst = 0.0
    for minutes in range(-36 * 60, 36 * 60, 11):
        when = es.epoch + timedelta(minutes=minutes)
        lon, lat, _ = position(es, when)
        their_lon, their_lat, _ = orbital.get_lonlatalt(when.replace(tzinfo=None))
        worst = max(worst, km_between(lat, lon, float(their_lat), float(their_lon)))
    assert worst < 1.0, worst


@pytest.mark.parametrize("index", [0, 1, 2])
def test_passes_match_pyorbital_within_30_s(malligyong, index) -> None:
    es = malligyong[index]
    lat, lon = PYONGYANG_GSCC
    start = es.epoch - timedelta(days=1)
    theirs = _orbital(es).get_next_passes(start.replace(tzinfo=None), 48, lon, lat, 0.0, tol=0.001, horizon=0)
    ours = passes([es], lat, lon, start, start + timedelta(hours=48))
    theirs = [t for t in theirs if t[0] >= start.replace(tzinfo=None)]  # we leave out one under way
    assert len(ours) >= 6
    for ours_pass in ours:
        rise = datetime.fromisoformat(ours_pass["rise"].replace("Z", "+00:00"))
        match = min(theirs, key=lambda t: abs(t[0].replace(tzinfo=UTC) - rise))
        for key, theirs_time in zip(("rise", "set", "culminate"), match, strict=True):
            ours_time = datetime.fromisoformat(ours_pass[key].replace("Z", "+00:00"))
            assert abs((ours_time - theirs_time.replace(tzinfo=UTC)).total_seconds()) < 30, key
    assert len(theirs) == len(ours)
