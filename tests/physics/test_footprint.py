"""Debris footprints: the fall model's physics, the conditioning on what was observed, the
footprints and scenario points it gives, and the docs that quote them."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from shapely import contains_xy
from shapely.geometry import Point, shape

from geo.build.footprints import check_against_reports, fall_places, fit_versions
from geo.build.tracks import launch_route
from geo.layers import registry
from geo.physics import ballistics, footprint, geodesy
from geo.physics.ballistics import (
    EARTH_RADIUS_M,
    G0,
    Ascent,
    State,
    apex_m,
    ascend,
    fall,
    vacuum_range_m,
)
from geo.physics.geodesy import WGS84
from geo.physics.land import BBOX, is_at_sea, land

from ..conftest import ROOT

DOC = ROOT / "docs" / "model.md"
AGREEMENT_KM = 100  # a footprint's centroid lies this close to a reported fall place
# Digitised before this project had a land check; reported, not moved (see docs/model.md).
TOUCHES_LAND = {"2012-04-13-first-stage-debris":
                "the 20 km circle 165 km west of Seoul clips 0.3 km² of the Ongjin coast"}
UNHA_3 = footprint.Vehicle((1.15, 1.4), (220, 260), (110, 160), (8, 14), (15, 65), (175, 185),
                           (100, 3000), (0, 50))
PAD = (124.7053, 39.6601)


def _one(values: list[float]) -> np.ndarray:
    return np.asarray(values, dtype=float)


@pytest.fixture(scope="module")
def fitted(catalogue):
    return fit_versions(catalogue)


# --- physics ------------------------------------------------------------------------------------

def test_a_drag_free_short_lob_matches_the_flat_earth_range():
    speed, angle = 300.0, 45.0
    state = State(_one([0.0]), _one([0.0]), _one([speed]), _one([angle]))
    distance, bearing = fall(state, _one([1e12]), np.zeros((1, 3)))
    assert distance[0] == pytest.approx(speed**2 / G0, rel=0.005)
    assert bearing[0] == pytest.approx(0.0, abs=1e-9)


def test_a_sideways_kick_lands_to_the_right():
    state = State(_one([0.0]), _one([10_000.0]), _one([0.0]), _one([0.0]))
    distance, bearing = fall(state, _one([1e12]), np.array([[0.0, 0.0, 100.0]]))
    expected = 100.0 * math.sqrt(2 * 10_000.0 / G0)
    assert distance[0] == pytest.approx(expected, rel=0.01)
    assert bearing[0] == pytest.approx(90.0, abs=1e-6)


def test_drag_shortens_the_fall():
    state = State(_one([0.0, 0.0]), _one([20_000.0] * 2), _one([1_000.0] * 2), _one([40.0] * 2))
    distance, _ = fall(state, _one([1e12, 200.0]), np.zeros((2, 3)))
    assert distance[1] < 0.7 * distance[0]


def test_a_light_piece_low_and_fast_still_lands():
    """Strong drag once made the fixed-step integrator unstable: the piece never came down."""
    state = State(_one([0.0]), _one([5_000.0]), _one([1_500.0]), _one([5.0]))
    distance, _ = fall(state, _one([100.0]), np.zeros((1, 3)))
    assert 0 < distance[0] < 30_000


def test_the_kepler_arc_agrees_with_stepping_through_thin_air(monkeypatch):
    state = State(_one([50_000.0] * 3), _one([120_000.0, 150_000.0, 200_000.0]),
                  _one([1_800.0, 2_000.0, 1_500.0]), _one([30.0, 10.0, -20.0]))
    kick = np.array([[0.0, 0.0, 30.0]] * 3)
    coasting, _ = fall(state, _one([1_000.0] * 3), kick)
    monkeypatch.setattr(ballistics, "INTERFACE_M", 1e9)  # no Kepler arc: RK4 all the way
    monkeypatch.setattr(ballistics, "FALL_STEP_S", 0.5)
    stepped, _ = fall(state, _one([1_000.0] * 3), kick)
    assert coasting == pytest.approx(stepped, abs=1_000)


def test_apex_is_the_top_of_a_drag_free_coast():
    state = State(_one([0.0]), _one([70_000.0]), _one([1_700.0]), _one([45.0]))
    gamma = math.radians(45.0)
    r, vr, vt = EARTH_RADIUS_M + 70_000.0, 1_700.0 * math.sin(gamma), 1_700.0 * math.cos(gamma)
    top, theta, dt = r, 0.0, 0.01
    while vr > 0:  # the same coast, stepped in polar coordinates
        ar = -ballistics.MU / r**2 + vt**2 / r
        r, vr, vt = r + vr * dt, vr + ar * dt, vt - vr * vt / r * dt
        theta, top = theta + vt / r * dt, max(top, r)
    assert apex_m(state)[0] == pytest.approx(top - EARTH_RADIUS_M, abs=300)


def test_the_vacuum_range_bounds_every_fall():
    draws = footprint.draw(UNHA_3, 2_000, "bound", (40.0, 170.0))
    fraction = draws.ascent.propellant_fraction
    draws = draws.take((fraction >= 0.45) & (fraction <= 0.85))
    distance, _ = fall(draws.state, draws.ballistic_coefficient, draws.kick_ms)
    reach = vacuum_range_m(draws.state, np.linalg.norm(draws.kick_ms, axis=1))
    assert np.all(reach >= distance - 500)


def test_the_ascent_never_beats_the_rocket_equation():
    ascent = Ascent(_one([1.3, 1.6]), _one([250.0, 300.0]), _one([0.7, 0.75]), _one([10.0, 8.0]),
                    _one([30.0, 20.0]))
    state = ascend(ascent, _one([np.inf, np.inf]))
    ideal = ascent.isp_s * G0 * np.log(1 / (1 - ascent.propellant_fraction))
    assert np.all(state.speed_ms < ideal)
    assert np.all(state.speed_ms > 0.5 * ideal)
    assert state.path_angle_deg == pytest.approx(ascent.burnout_angle_deg)
    assert np.all(state.altitude_m > 0) and np.all(state.downrange_m < EARTH_RADIUS_M)


# --- conditioning -------------------------------------------------------------------------------

def test_every_survivor_meets_every_observation():
    area = geodesy.circle(*geodesy.destination(*PAD, 180.0, 300_000.0), 60_000.0)
    seen = footprint.Observations((100.0, 140.0), before_burnout=True,
                                  breakup_altitude_km=(30.0, 90.0), apex_km=(60.0, 200.0),
                                  fell_in=area)
    outcome = footprint.condition([footprint.Job("every-survivor", UNHA_3, seen, PAD)])[0]
    kept = outcome.survivors
    assert outcome.count >= footprint.MIN_SURVIVORS
    assert np.all((kept.breakup_s >= 100) & (kept.breakup_s <= 140))
    assert np.all(kept.breakup_s < kept.ascent.burnout_s)
    assert np.all((kept.state.altitude_m >= 30_000) & (kept.state.altitude_m <= 90_000))
    apex = apex_m(kept.state) / 1000
    assert np.all((apex >= 60) & (apex <= 200))
    assert contains_xy(area, outcome.lon, outcome.lat).all()
    assert outcome.count + sum(n for _, n in outcome.rejected) == outcome.draws


def test_an_impossible_account_keeps_no_draw():
    """70 km up 75 s after lift-off is out of reach of any plausible first stage here."""
    seen = footprint.Observations((73.0, 77.0), before_burnout=True,
                                  breakup_altitude_km=(65.0, 76.0))
    outcome = footprint.condition([footprint.Job("impossible", UNHA_3, seen, PAD)])[0]
    assert outcome.count == 0 and outcome.draws == footprint.FIRST_ROUND
    assert dict(outcome.rejected)["altitude at break-up outside 65-76 km"] > 0


def test_conditioning_is_the_same_at_every_run():
    seen = footprint.Observations((60.0, 120.0))
    first, again = (footprint.condition([footprint.Job("same", UNHA_3, seen, PAD)])[0]
                    for _ in range(2))
    assert np.array_equal(first.lon, again.lon) and first.rejected == again.rejected


def test_leaving_out_short_burns_changes_no_survivor():
    """A burn shorter than the earliest reported break-up is not drawn: the same survivors
    as rejecting it, for fewer draws."""
    seen = footprint.Observations((130.0, 140.0), before_burnout=True)
    job = footprint.Job("short-burns", UNHA_3, seen, PAD)
    assert footprint._drawn_from(job).burn_s == (130.0, 160.0)
    outcome = footprint.condition([job])[0]
    assert np.all(outcome.survivors.ascent.burnout_s > 130)


# --- the footprints of the catalogue ------------------------------------------------------------

def test_every_footprint_lies_near_a_reported_fall_place_of_its_launch(catalogue, layers):
    """The issue's test of done: a centroid within 100 km of a reported fall place."""
    assert layers["footprints"], "no footprint at all"
    for item in layers["footprints"]:
        centre = shape(item["geometry"]).centroid
        places = fall_places(catalogue, item["properties"]["event_id"])
        assert places, item["id"]
        nearest = min(geodesy.distance_azimuth(centre.x, centre.y,
                                               catalogue.zone_geometry[z].centroid.x,
                                               catalogue.zone_geometry[z].centroid.y)[0]
                      for z in places)
        assert nearest / 1000 < AGREEMENT_KM, (item["id"], nearest / 1000)


def test_each_version_has_a_footprint_or_the_doc_says_why(fitted, layers):
    text = DOC.read_text(encoding="utf-8")
    shipped = {item["id"] for item in layers["footprints"]}
    for fit in fitted:
        fid = f"{fit.model.id}-footprint-{fit.version.id}"
        assert (fid in shipped) == fit.reconciled, fid
        if not fit.reconciled:
            assert fit.outcome.count < footprint.MIN_SURVIVORS
            line = next((ln for ln in text.splitlines() if fit.version.label in ln
                         and "no footprint" in ln), "")
            assert line, f"docs/model.md does not say why {fid} has no footprint"


def test_footprints_say_what_they_were_conditioned_on(layers, fitted):
    by_id = {f"{fit.model.id}-footprint-{fit.version.id}": fit for fit in fitted}
    for item in layers["footprints"]:
        props = item["properties"]
        fit = by_id[item["id"]]
        assert props["geometry_method"] == "derived" and props["confidence"] == "low"
        assert props["observed"] == fit.version.observed and props["sources"]
        assert props["survivors"] == fit.outcome.count >= footprint.MIN_SURVIVORS
        assert props["draws"] == fit.outcome.draws
        assert f"{props['survivors']:,} of {props['draws']:,}" in props["survival"]
        for words in ("thrust-to-weight", "specific impulse", "breaks up", "no wind", "seeded"):
            assert words in props["raw_text"], (item["id"], words)
        assert shape(item["geometry"]).is_valid


def test_footprints_are_off_at_first_and_not_filled():
    for spec in (registry.FOOTPRINTS, registry.SCENARIOS):
        assert spec.visible is False
    style = registry.FOOTPRINTS.style.resolve({})
    assert style["fill"] is False and style["fillOpacity"] == 0 and style["dashArray"]
    assert "debris_footprint" not in registry.ZONES.prop("kind").choices


def test_the_hull_holds_the_inner_share_of_the_survivors(fitted, catalogue):
    checked = 0
    for fit in (f for f in fitted if f.reconciled):
        route, _ = launch_route(catalogue, fit.model.id)
        polygon, clipped = footprint.footprint_polygon(route.pad, route.azimuth_deg, fit.outcome)
        if clipped:  # land was cut off: the points that fell there are outside
            continue
        inside = contains_xy(polygon.buffer(1e-6), fit.outcome.lon, fit.outcome.lat).mean()
        assert footprint.COVERAGE - 0.01 <= inside <= 0.99, fit.version.id
        checked += 1
    assert checked


def test_all_zones_and_footprints_lie_at_sea(layers):
    for item in [*layers["zones"], *layers["footprints"]]:
        geometry = shape(item["geometry"])
        west, south, east, north = geometry.bounds
        if east > BBOX[2]:  # the April 2009 Pacific area, 2,150 km east of Japan
            assert west > BBOX[2] + 10, item["id"]
            continue
        if item["id"] in TOUCHES_LAND:
            assert not is_at_sea(geometry)  # still true: drop it from TOUCHES_LAND once fixed
            assert land().intersection(geometry).area < 1e-3
            continue
        assert is_at_sea(geometry), item["id"]


# --- scenario points ----------------------------------------------------------------------------

def test_scenario_points_lie_along_each_failed_path(catalogue, layers):
    points = layers["scenarios"]
    for event_id, model in catalogue.models.items():
        mine = sorted((p for p in points if p["properties"]["event_id"] == event_id),
                      key=lambda p: p["properties"]["breakup_s"])
        assert [p["properties"]["breakup_s"] for p in mine] == [round(t) for t in model.scenario_s]
        route, _ = launch_route(catalogue, event_id)
        distances = []
        for item in mine:
            lon, lat = item["geometry"]["coordinates"]
            dist, bearing = geodesy.distance_azimuth(*route.pad, lon, lat)
            assert abs((bearing - route.azimuth_deg + 180) % 360 - 180) < 3 or dist < 10_000
            assert item["properties"]["distance_km"] == pytest.approx(dist / 1000, abs=1)
            distances.append(dist)
        assert distances == sorted(distances), event_id  # later break-ups fall further out


def test_a_scenario_is_a_what_if_in_its_words(layers):
    for item in layers["scenarios"]:
        props = item["properties"]
        assert "scenario" in props["breakup"] and "(modelled)" in props["name"]
        assert props["geometry_method"] == "derived" and props["sources"]
        assert Point(item["geometry"]["coordinates"]).is_valid


# --- the doc ------------------------------------------------------------------------------------

def test_the_model_doc_quotes_the_current_numbers(catalogue, layers):
    text = DOC.read_text(encoding="utf-8")
    rows = check_against_reports(catalogue, layers["footprints"])
    assert len(rows) == len(layers["footprints"])
    for row in rows:
        line = next((ln for ln in text.splitlines()
                     if ln.startswith("| ") and row["id"] in ln), "")
        numbers = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", line)]
        assert round(row["centroid_km"]) in numbers, (row, line)
        assert row["survival"].split(" draws")[0] in line, (row, line)
    assert (ROOT / "docs" / "model-footprints.png").is_file()


def test_footprint_geometry_is_placed_from_the_pad(fitted, catalogue):
    """The survivors' lon/lat are the geodesic destination of their distance and bearing."""
    fit = next(f for f in fitted if f.reconciled)
    route, _ = launch_route(catalogue, fit.model.id)
    n = fit.outcome.count
    lons, lats, _ = WGS84.fwd(np.full(n, route.pad[0]), np.full(n, route.pad[1]),
                              fit.outcome.bearing_deg, fit.outcome.distance_m)
    assert np.allclose(lons, fit.outcome.lon) and np.allclose(lats, fit.outcome.lat)
