"""The flight-path layer: derived from the announced areas, as the sources describe the flights."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, Point, box, shape

from geo.build.tracks import PAD_ALLOWANCE_M, launch_route, launches_with_routes, track_features
from geo.physics import geodesy
from geo.physics.flightpath import inclination_deg, mainland_crossings, path_points
from geo.physics.land import land, load_basemap

# The western tip of South Hwanghae (Changsan cape): North Korea Tech says the path notified
# for April 2012 crossed it, then Baengnyeong-do; the Unha-3 paths drawn due south do too.
CHANGSAN_TIP = box(124.6, 38.0, 124.9, 38.25)
UNHA_3 = {"2012-04-12-kwangmyongsong-3", "2012-12-12-kwangmyongsong-3-unit-2",
          "2016-02-07-kwangmyongsong-4"}


@pytest.fixture(scope="module")
def tracks(layers):
    return {item["id"]: item for item in layers["tracks"]}


def test_every_launch_that_announced_areas_has_a_flight_path(catalogue, tracks):
    launches = launches_with_routes(catalogue)
    assert len(launches) == 7
    assert {f"{rid}-flight-path" for rid in launches} == set(tracks)


def test_the_committed_tracks_are_the_built_ones(catalogue, tracks):
    built = {item["id"]: item for item in track_features(catalogue)}
    assert built == tracks


def test_paths_say_how_they_were_derived(catalogue, tracks):
    for fid, item in tracks.items():
        props = item["properties"]
        assert item["geometry"]["type"] == "LineString"
        assert props["kind"] == "flight_path" and props["geometry_method"] == "derived"
        assert "geodesic" in props["geometry_note"].lower() and props["end_reason"]
        assert props["sources"], fid
        event = catalogue.events[props["event_id"]]
        site = catalogue.sites[event.site]
        assert item["geometry"]["coordinates"][0] == [site.lon, site.lat]
        lat = site.lat
        assert props["inclination_deg"] == pytest.approx(
            inclination_deg(lat, props["azimuth_deg"]), abs=0.1)  # azimuth rounded to 0.1°
    assert "dog leg" in tracks["2023-11-21-malligyong-1-flight-path"]["properties"]["geometry_note"]


def test_the_azimuth_points_at_the_first_announced_area(catalogue, tracks):
    for item in tracks.values():
        route, area_ids = launch_route(catalogue, item["properties"]["event_id"])
        first = catalogue.zone_geometry[area_ids[0]].centroid
        pad = route.pad
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


def test_failed_flights_end_where_the_sources_put_the_fall(catalogue, tracks):
    for event_id, model in catalogue.models.items():
        item = tracks[f"{event_id}-flight-path"]
        if model.fell_in:
            reported = catalogue.zone_geometry[model.fell_in].centroid
            full = path_points(launch_route(catalogue, event_id)[0])
            dist = [geodesy.distance_azimuth(*p, reported.x, reported.y)[0] for p in full]
            nearest = dist.index(min(dist))
            assert item["geometry"]["coordinates"][-1] == pytest.approx(list(full[nearest]), abs=1e-6)
            assert min(dist) < 50_000, (event_id, min(dist))  # April 2012: NORAD's point is 38 km east
        assert item["properties"]["end_reason"].startswith(model.ending[:40])


def test_successful_flights_end_where_they_leave_the_last_area(catalogue, tracks):
    for item in tracks.values():
        props = item["properties"]
        if props["outcome"] != "success":
            continue
        last = catalogue.zone_geometry[props["zone_ids"][-1]]
        end = Point(item["geometry"]["coordinates"][-1])
        assert last.buffer(0.02).covers(end) and not last.buffer(-0.02).covers(end)


def test_a_path_without_fall_position_runs_through_every_area(catalogue):
    route, area_ids = launch_route(catalogue, "2023-08-23-malligyong-1")
    line = LineString(path_points(route))
    assert all(line.intersects(catalogue.zone_geometry[zid]) for zid in area_ids)


def test_no_announced_area_no_path(catalogue):
    assert launch_route(catalogue, "1998-08-31-kwangmyongsong-1") is None  # no area in the catalogue


