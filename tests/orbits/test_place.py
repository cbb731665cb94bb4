"""A place given as LAT,LON: read with a clear message, and the time zone at that point."""

from __future__ import annotations

import pytest

from geo.errors import GeoError
from geo.orbits.place import read_point, zone_at


def test_a_point_is_read_in_decimal_degrees():
    assert read_point(" 39.03, 125.75 ") == (39.03, 125.75)
    assert read_point("-13.4,-144.8") == (-13.4, -144.8)


@pytest.mark.parametrize(("text", "said"), [
    ("39.03", "expected LAT,LON"), ("north,east", "expected LAT,LON"), ("1,2,3", "expected LAT,LON"),
    ("91,0", "latitude within ±90"), ("0,180.5", "longitude within ±180"), ("nan,0", "latitude"),
])
def test_a_bad_point_is_refused_in_words(text, said):
    with pytest.raises(GeoError, match=said) as info:
        read_point(text, "--over")
    assert str(info.value).startswith("--over ")


def test_the_time_zone_is_the_one_at_the_point():
    assert zone_at(39.03, 125.75) == "Asia/Pyongyang"  # Pyongyang
    assert zone_at(13.4443, 144.7937) == "Pacific/Guam"
    assert zone_at(38.8977, -77.0365) == "America/New_York"  # the White House
    assert zone_at(0.0, -150.0) == "Etc/GMT+10"  # at sea: the nautical zone (UTC-10)
