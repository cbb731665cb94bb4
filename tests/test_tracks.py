"""Geodesy, flight paths, range rings and the distance table, checked against independent values."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, box, shape

from geo import geodesy
from geo.errors import GeoError
from geo.land import land, load_basemap
from geo.model import load_model
from geo.rings import distance_table, range_rings
from geo.tracks import (
    PAD_ALLOWANCE_M,
    inclination_deg,
    mainland_crossings,
    path_points,
    plan,
    sohae_launches,
    track_features,
)

from .conftest import SEEDS

A_WGS84 = 6_378_137.0
F_WGS84 = 1 / 298.257223563
# The western tip of South Hwanghae (Changsan cape): North Korea Tech says the path notified
# for April 2012 crossed it, then Baengnyeong-do; the Unha-3 paths drawn due south do too.
CHANGSAN_TIP = box(124.6, 38.0, 124.9, 38.25)
UNHA_3 = {"2012-04-12-kwangmyongsong-3", "2012-12-12-kwangmyongsong-3-unit-2",
          "2016-02-07-kwangmyongsong-4"}


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


@pytest.fixture(scope="module")
def model(catalogue):
    return load_model(catalogue, SEEDS)


@pytest.fixture(scope="module")
def tracks(layers):
    return {item["id"]: item for item in layers["tracks"]}


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


def test_published_distances_between_sites(layers):
    sites = {item["id"]: item for item in layers["sites"]}
    table = distance_table([sites["sohae-lc1"], sites["pyongyang"], sites["vostochny-1s"]])
    rows = {(r["from"], r["to"]): r for r in table.to_dict("records")}
    lc1, pyongyang = sites["sohae-lc1"]["properties"]["name"], sites["pyongyang"]["properties"]["name"]
    vostochny = sites["vostochny-1s"]["properties"]["name"]
    assert rows[(lc1, pyongyang)]["distance_km"] == pytest.approx(114, abs=2)
    assert rows[(lc1, vostochny)]["distance_km"] == pytest.approx(1387, abs=5)
    assert rows[(lc1, vostochny)]["bearing_deg"] == pytest.approx(10, abs=1)
    assert list(table.columns) == ["from", "to", "distance_km", "bearing_deg"]
    assert len(table) == 3


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


# --- flight paths -------------------------------------------------------------------------------

def test_every_launch_from_sohae_has_a_flight_path(catalogue, tracks):
    launches = sohae_launches(catalogue)
    assert len(launches) == 7
    assert {f"{rid}-flight-path" for rid in launches} == set(tracks)


def test_the_committed_tracks_are_the_built_ones(catalogue, model, tracks):
    built = {item["id"]: item for item in track_features(catalogue, model)}
    assert built == tracks


def test_paths_say_how_they_were_derived(catalogue, tracks):
    for fid, item in tracks.items():
        props = item["properties"]
        assert item["geometry"]["type"] == "LineString"
        assert props["kind"] == "flight_path" and props["geometry_method"] == "derived"
        assert "geodesic" in props["geometry_note"].lower() and props["end_reason"]
        assert props["sources"], fid
        event = catalogue.events[props["event_id"]]
        site = catalogue.sites[event["site"]]
        assert item["geometry"]["coordinates"][0] == [site["lon"], site["lat"]]
        lat = site["lat"]
        assert props["inclination_deg"] == pytest.approx(
            inclination_deg(lat, props["azimuth_deg"]), abs=0.1)  # azimuth rounded to 0.1°
    assert "dog leg" in tracks["2023-11-21-malligyong-1-flight-path"]["properties"]["geometry_note"]


def test_the_azimuth_points_at_the_first_announced_area(catalogue, tracks):
    for item in tracks.values():
        launch = plan(catalogue, item["properties"]["event_id"])
        first = catalogue.zone_geometry[launch.area_ids[0]].centroid
        pad = launch.pad
        _, bearing = geodesy.distance_azimuth(*pad, first.x, first.y)
        assert item["properties"]["azimuth_deg"] == pytest.approx(bearing, abs=0.06)
        assert 170 <= bearing <= 200  # south, over the Yellow Sea


def test_paths_run_south_over_the_yellow_sea(tracks):
    for fid, item in tracks.items():
        coords = item["geometry"]["coordinates"]
        lats = [lat for _, lat in coords]
        assert all(b < a for a, b in zip(lats, lats[1:], strict=False)), fid
        start = Point(coords[0])
        for lon, lat in coords:
            if geodesy.distance_azimuth(start.x, start.y, lon, lat)[0] > 400_000:
                break
            assert 122.5 < lon < 125.5, fid  # between Shandong and the Korean west coast


def test_paths_do_not_cross_the_chinese_or_korean_mainland(tracks):
    for fid, item in tracks.items():
        points = [tuple(p) for p in item["geometry"]["coordinates"]]
        for country, km, at_km in mainland_crossings(points):
            assert country in ("North Korea", "South Korea"), (fid, country)
            if at_km * 1000 <= PAD_ALLOWANCE_M:
                assert (at_km + km) * 1000 <= PAD_ALLOWANCE_M, (fid, "leaves the pad over land")
                continue
            # the only other crossing: the western tip of South Hwanghae, by the Unha-3 paths
            assert item["properties"]["event_id"] in UNHA_3, (fid, country, at_km)
            assert km < 5 and 150 < at_km < 190, (fid, km, at_km)
        line = LineString(points)
        beyond = [p for p in points if geodesy.distance_azimuth(*points[0], *p)[0] > PAD_ALLOWANCE_M]
        china = [f for f in load_basemap()["features"] if f["properties"]["name"] == "China"]
        assert not any(shape(f["geometry"]).intersects(line) for f in china), fid
        over_land = land().intersection(LineString(beyond))
        for piece in getattr(over_land, "geoms", [over_land]):
            if not piece.is_empty and piece.length > 0 and not piece.within(CHANGSAN_TIP):
                assert geodesy.WGS84.geometry_length(piece) < 15_000, (fid, piece.wkt[:80])


def test_failed_flights_end_where_the_sources_put_the_fall(catalogue, model, tracks):
    for event_id, record in model.items():
        item = tracks[f"{event_id}-flight-path"]
        if "fell_in" in record:
            reported = catalogue.zone_geometry[record["fell_in"]].centroid
            full = path_points(catalogue, plan(catalogue, event_id))
            dist = [geodesy.distance_azimuth(*p, reported.x, reported.y)[0] for p in full]
            nearest = dist.index(min(dist))
            assert item["geometry"]["coordinates"][-1] == pytest.approx(list(full[nearest]), abs=1e-6)
            assert min(dist) < 50_000, (event_id, min(dist))  # April 2012: NORAD's point is 38 km east
        assert item["properties"]["end_reason"].startswith(record["ending"][:40])


def test_successful_flights_end_where_they_leave_the_last_area(catalogue, tracks):
    for item in tracks.values():
        props = item["properties"]
        if props["outcome"] != "success":
            continue
        last = catalogue.zone_geometry[props["zone_ids"][-1]]
        end = Point(item["geometry"]["coordinates"][-1])
        assert last.buffer(0.02).covers(end) and not last.buffer(-0.02).covers(end)


def test_a_path_without_fall_position_runs_through_every_area(catalogue):
    launch = plan(catalogue, "2023-08-23-malligyong-1")
    line = LineString(path_points(catalogue, launch))
    assert all(line.intersects(catalogue.zone_geometry[zid]) for zid in launch.area_ids)


def test_no_announced_area_no_path(catalogue):
    assert plan(catalogue, "1998-08-31-kwangmyongsong-1") is None  # Tonghae: no area in the catalogue


# --- range rings --------------------------------------------------------------------------------

@pytest.mark.parametrize("radius_km", [100, 500, 1000])
def test_range_rings_are_geodesic_circles(layers, radius_km):
    site = next(item for item in layers["sites"] if item["id"] == "sohae")
    (ring,) = range_rings(site, (radius_km,))
    lon, lat = site["geometry"]["coordinates"]
    for x, y in ring["geometry"]["coordinates"][0]:
        dist, _ = geodesy.distance_azimuth(lon, lat, x, y)
        assert dist == pytest.approx(radius_km * 1000, abs=0.5)  # 6-decimal rounding: < 0.2 m
    props = ring["properties"]
    assert props["geometry_method"] == "derived" and props["radius_km"] == radius_km
    assert props["sources"] == site["properties"]["sources"]
    assert shape(ring["geometry"]).is_valid and shape(ring["geometry"]).contains(Point(lon, lat))


def test_range_rings_default_radii_and_bad_radius(layers):
    site = next(item for item in layers["sites"] if item["id"] == "sohae")
    assert [r["properties"]["radius_km"] for r in range_rings(site)] == [100, 500, 1000]
    with pytest.raises(GeoError, match="radius"):
        range_rings(site, (0,))
    with pytest.raises(GeoError, match="Point"):
        range_rings({"id": "x", "geometry": None, "properties": {}}, (100,))
