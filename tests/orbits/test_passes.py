"""Passes against an independent computation (skyfield's find_events)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from skyfield.api import wgs84

from geo.errors import GeoError
from geo.orbits.passes import passes

from .conftest import PYONGYANG_GSCC, TS, skyfield_of


def _skyfield_passes(es, lat, lon, start, end, degrees) -> list[dict]:
    t, kinds = skyfield_of(es).find_events(wgs84.latlon(lat, lon), TS.from_datetime(start),
                                           TS.from_datetime(end), altitude_degrees=degrees)
    found, current = [], {}
    for ti, kind in zip(t.utc_datetime(), kinds, strict=True):
        current[("rise", "culminate", "set")[kind]] = ti
        if kind == 2:
            if "rise" in current:
                found.append(current)
            current = {}
    return found


def _t(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("index", [0, 1, 2])
@pytest.mark.parametrize("degrees", [0.0, 10.0])
def test_malligyong_passes_over_pyongyang_match_skyfield_within_30_s(malligyong, index, degrees) -> None:
    es = malligyong[index]
    lat, lon = PYONGYANG_GSCC
    start, end = es.epoch - timedelta(days=1), es.epoch + timedelta(days=1)
    ours = passes([es], lat, lon, start, end, degrees, "Asia/Pyongyang")
    theirs = _skyfield_passes(es, lat, lon, start, end, degrees)
    assert len(ours) == len(theirs) >= 3
    for a, b in zip(ours, theirs, strict=True):
        for key in ("rise", "culminate", "set"):
            assert abs((_t(a[key]) - b[key]).total_seconds()) < 30, (key, a[key], b[key])
            local = datetime.fromisoformat(a[f"{key}_local"])
            assert local.utcoffset() == timedelta(hours=9) and local == _t(a[key])
        assert a["max_elevation_deg"] >= degrees and a["time_zone"] == "Asia/Pyongyang"


def test_it_crosses_pyongyang_around_10_and_22_local_time(malligyong) -> None:
    """The issue's claim (sun-synchronous: the same local times every day)."""
    es = malligyong[2]
    lat, lon = PYONGYANG_GSCC
    found = passes([es], lat, lon, es.epoch, es.epoch + timedelta(days=3), 30.0, "Asia/Pyongyang")
    hours = {datetime.fromisoformat(p["culminate_local"]).hour for p in found}
    assert found and hours <= {9, 10, 11, 21, 22, 23}  # two or three passes each morning and evening


def test_cbers_passes_match_skyfield_within_30_s(cbers) -> None:
    lat, lon = 39.0194, 125.7381
    start, end = cbers.epoch, cbers.epoch + timedelta(days=2)
    ours = passes([cbers], lat, lon, start, end, 10.0)
    theirs = _skyfield_passes(cbers, lat, lon, start, end, 10.0)
    assert len(ours) == len(theirs) >= 2
    for a, b in zip(ours, theirs, strict=True):
        assert all(abs((_t(a[k]) - b[k]).total_seconds()) < 30 for k in ("rise", "culminate", "set"))
        assert a["rise_local"].endswith("+00:00")


@pytest.mark.parametrize(("days", "degrees", "message"), [
    (0, 0.0, "end must be after"), (40, 0.0, "at most 31 days"), (1, 95.0, "not between -5 and 90"),
])
def test_a_window_that_cannot_be_searched_is_refused(malligyong, days, degrees, message) -> None:
    es = malligyong[0]
    with pytest.raises(GeoError, match=message):
        passes([es], 39.0, 125.7, es.epoch, es.epoch + timedelta(days=days), degrees)
