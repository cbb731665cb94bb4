"""Geodesy and the inclination formula, checked against independent values."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.physics import geodesy
from geo.physics.flightpath import inclination_deg

A_WGS84 = 6_378_137.0
F_WGS84 = 1 / 298.257223563
def vincenty_inverse(lon1: float, lat1: float, lon2: float, lat2: float) -> tuple[float, float]:
    """Distance (m) and initial azimuth (deg) by Vincenty's 1975 iteration, written out by hand."""
    a, f = A_WGS84, F_WGS84
    b = a * (1 - f)
    u1 = math.atan((1 - f) * math.tan(math.radians(lat1)))
    u2 = math.atan((1 - f) * math.tan(math.radians(lat2)))
    lon_diff = math.radians(lon2 - lon1)
    lam = lon_diff
    for _ in range(200):
        sin_sigma = math.hypot(math.cos(u2) * math.sin(lam),
                               math.cos(u1) * math.sin(u2) - math.sin(u1) * math.cos(u2) * math.cos(lam))
        cos_sigma = math.sin(u1) * math.sin(u2) + math.cos(u1) * math.cos(u2) * math.cos(lam)
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = math.cos(u1) * math.cos(u2) * math.sin(lam) / sin_sigma
        cos2_alpha = 1 - sin_alpha**2
        cos_2sm = cos_sigma - 2 * math.sin(u1) * math.sin(u2) / cos2_alpha
        c = f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha))
        previous = lam
        lam = lon_diff + (1 - c) * f * sin_alpha * (
            sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm**2)))
        if abs(lam - previous) < 1e-13:
            break
    usq = cos2_alpha * (a**2 - b**2) / b**2
    big_a = 1 + usq / 16384 * (4096 + usq * (-768 + usq * (320 - 175 * usq)))
    big_b = usq / 1024 * (256 + usq * (-128 + usq * (74 - 47 * usq)))
    delta = big_b * sin_sigma * (cos_2sm + big_b / 4 * (
        cos_sigma * (-1 + 2 * cos_2sm**2) - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma**2)
        * (-3 + 4 * cos_2sm**2)))
    distance = b * big_a * (sigma - delta)
    north = math.cos(u1) * math.sin(u2) - math.sin(u1) * math.cos(u2) * math.cos(lam)
    azimuth = math.degrees(math.atan2(math.cos(u2) * math.sin(lam), north))
    return distance, azimuth % 360


def haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance on a sphere of the mean Earth radius (6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


# --- geodesy ------------------------------------------------------------------------------------

PAIRS = [  # LC1 -> Pyongyang, LC1 -> Vostochny 1S, Sohae -> Samar, Eocheongdo -> Jeju
    (124.7053, 39.6601, 125.7381, 39.0194),
    (124.7053, 39.6601, 128.3322, 51.8769),
    (124.705, 39.66, 125.1167, 12.05),
    (125.97, 36.12, 126.533, 33.362),
]


@pytest.mark.parametrize("pair", PAIRS)
def test_geodesy_agrees_with_vincenty_written_by_hand(pair):
    dist, azimuth = geodesy.distance_azimuth(*pair)
    ref_dist, ref_azimuth = vincenty_inverse(*pair)
    assert dist == pytest.approx(ref_dist, abs=0.01)
    assert azimuth == pytest.approx(ref_azimuth, abs=1e-6)


@pytest.mark.parametrize("pair", PAIRS)
def test_geodesy_is_within_half_a_percent_of_the_spherical_haversine(pair):
    dist, _ = geodesy.distance_azimuth(*pair)
    assert dist / 1000 == pytest.approx(haversine_km(*pair), rel=0.005)


@settings(max_examples=200, deadline=None)
@given(lon=st.floats(100, 150), lat=st.floats(-60, 60), azimuth=st.floats(0, 359.999),
       distance=st.floats(1, 5_000_000))
def test_destination_and_inverse_round_trip(lon, lat, azimuth, distance):
    lon2, lat2 = geodesy.destination(lon, lat, azimuth, distance)
    back, back_azimuth = geodesy.distance_azimuth(lon, lat, lon2, lat2)
    assert back == pytest.approx(distance, abs=1e-3)
    assert (back_azimuth - azimuth + 180) % 360 - 180 == pytest.approx(0, abs=1e-6)


# --- inclination --------------------------------------------------------------------------------

@pytest.mark.parametrize(("lat", "azimuth", "expected"), [
    (0, 90, 0), (0, 270, 180), (0, 180, 90), (39.66, 180, 90), (39.66, 90, 39.66),
    (28.5, 90, 28.5), (39.66, 195, 101.5),
])
def test_inclination_formula(lat, azimuth, expected):
    assert inclination_deg(lat, azimuth) == pytest.approx(expected, abs=0.05)


@given(lat=st.floats(-89, 89), azimuth=st.floats(0, 360))
def test_inclination_is_never_below_the_latitude(lat, azimuth):
    i = inclination_deg(lat, azimuth)
    assert abs(lat) - 1e-9 <= i <= 180 - abs(lat) + 1e-9
    assert math.cos(math.radians(i)) == pytest.approx(
        math.cos(math.radians(lat)) * math.sin(math.radians(azimuth)), abs=1e-12)
