"""Ground tracks against an independent computation (skyfield) and a published position."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from skyfield.api import wgs84

from geo.errors import GeoError
from geo.orbits.elements import read_tle
from geo.orbits.track import ground_track, position

from .conftest import TS, VER, km_between, skyfield_of


def _worst_km(es, start: datetime, hours: float, step_min: int = 7) -> float:
    sky = skyfield_of(es)
    worst = 0.0
    for minutes in range(0, int(hours * 60), step_min):
        when = start + timedelta(minutes=minutes)
        lon, lat, _ = position(es, when)
        sub = wgs84.subpoint_of(sky.at(TS.from_datetime(when)))
        worst = max(worst, km_between(lat, lon, sub.latitude.degrees, sub.longitude.degrees))
    return worst


@pytest.mark.parametrize("index", [0, 1, 2])
def test_malligyong_sub_points_match_skyfield_within_1_km(malligyong, index) -> None:
    es = malligyong[index]
    assert _worst_km(es, es.epoch - timedelta(days=1.5), 72) < 1.0


def test_cbers_sub_points_match_skyfield_within_1_km(cbers) -> None:
    assert _worst_km(cbers, cbers.epoch, 72, 37) < 1.0


def test_the_published_position_of_the_ctf_write_up(malligyong) -> None:
    """diver-osint-ctf/writeups 2024 'satellite': from the 6 June 2024 set, at
    2024-06-07T05:01:07Z pyorbital (its own SGP4 code) puts Malligyong-1 at 31.4519, -100.6058,
    506 km."""
    lon, lat, height_km = position(malligyong[0], datetime(2024, 6, 7, 5, 1, 7, tzinfo=UTC))
    assert km_between(lat, lon, 31.4519, -100.6058) < 0.5
    assert int(height_km) == 506


def test_the_track_is_split_on_180_at_the_true_crossing_with_times(malligyong) -> None:
    es = malligyong[0]
    fc = ground_track([es], es.epoch, es.epoch + timedelta(hours=12), 60)
    features = fc["features"]
    assert len(features) >= 8  # about one crossing per orbit of 94.6 min
    sky = skyfield_of(es)
    for f, g in zip(features, features[1:], strict=False):
        end, start = f["geometry"]["coordinates"][-1], g["geometry"]["coordinates"][0]
        assert abs(end[0]) == abs(start[0]) == 180 and end[0] == -start[0] and end[1] == start[1]
        assert f["properties"]["times"][-1] == g["properties"]["times"][0]
        when = datetime.fromisoformat(f["properties"]["times"][-1].replace("Z", "+00:00"))
        sub = wgs84.subpoint_of(sky.at(TS.from_datetime(when)))
        assert km_between(end[1], end[0], sub.latitude.degrees, sub.longitude.degrees) < 1.0
    for f in features:
        coords, props = f["geometry"]["coordinates"], f["properties"]
        assert len(props["times"]) == len(coords) >= 2
        assert props["times"] == sorted(props["times"])
        assert all(abs(a[0] - b[0]) < 180 for a, b in zip(coords, coords[1:], strict=False))
        assert (props["name"], props["norad_id"]) == ("MALLIGYONG-1", 58400)
        assert props["geometry_method"] == "derived"
        assert props["epoch"] == "2024-06-06T04:41:45.620Z" and "not a position" in props["note"]
        assert 0 <= props["days_from_epoch"] <= 0.5


def test_each_moment_uses_the_nearest_element_set(malligyong) -> None:
    a, b = malligyong[0], malligyong[1]
    middle = a.epoch + (b.epoch - a.epoch) / 2
    fc = ground_track(malligyong, middle - timedelta(hours=2), middle + timedelta(hours=2), 30)
    epochs = [f["properties"]["epoch"] for f in fc["features"]]
    assert epochs[0] == "2024-06-06T04:41:45.620Z" and epochs[-1] == "2024-06-12T05:56:56.836Z"
    assert epochs == sorted(epochs)
    last_a = max(f["properties"]["times"][-1] for f in fc["features"]
                 if f["properties"]["epoch"] == epochs[0])
    assert datetime.fromisoformat(last_a.replace("Z", "+00:00")) <= middle + timedelta(milliseconds=1)
    assert max(f["properties"]["days_from_epoch"] for f in fc["features"]) == pytest.approx(3.1, abs=0.1)


@pytest.mark.parametrize(("hours", "step", "message"), [
    (0, 60, "end must be after"), (1, 600, "at most 300"), (24 * 400, 60, "points asked"),
])
def test_a_track_that_cannot_be_drawn_is_refused(malligyong, hours, step, message) -> None:
    es = malligyong[0]
    with pytest.raises(GeoError, match=message):
        ground_track([es], es.epoch, es.epoch + timedelta(hours=hours), step)


def test_a_moment_past_the_decay_is_refused_with_the_reason() -> None:
    """Vallado's SL-14 DEB (28872), 'lost in under 420 min': no track is drawn past its decay."""
    lines = VER.read_text().splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("1 28872"))
    (es,) = read_tle(f"{lines[i][:69]}\n{lines[i + 1][:69]}\n")
    with pytest.raises(GeoError, match=r"NORAD 28872 .* days from the epoch: .*\(error \d\)"):
        ground_track([es], es.epoch, es.epoch + timedelta(hours=10), 60)


def test_a_moment_in_another_zone_or_without_one_is_the_same_moment(malligyong) -> None:
    es = malligyong[0]
    when = datetime(2024, 6, 7, 5, 1, 7, tzinfo=UTC)
    pyongyang = when.astimezone(ZoneInfo("Asia/Pyongyang"))
    assert position(es, pyongyang) == position(es, when) == position(es, when.replace(tzinfo=None))
