"""Tracks and passes against an independent computation (skyfield, its built-in timescale, so
offline) for a real element set: CBERS 2 (NORAD 28057, sun-synchronous LEO like Malligyong-1)
from Vallado's SGP4 verification set, SGP4-VER.TLE, as shipped in the sgp4 package."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sgp4
from skyfield.api import EarthSatellite, load, wgs84

from geo.cli import main
from geo.errors import DataError
from geo.orbits.elements import read_elements, read_tle
from geo.orbits.passes import passes
from geo.orbits.track import ground_track, position

VER = Path(sgp4.__file__).parent / "SGP4-VER.TLE"


def _cbers() -> str:
    lines = VER.read_text().splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("1 28057"))
    return f"CBERS 2\n{lines[i][:69]}\n{lines[i + 1][:69]}\n"


TS = load.timescale(builtin=True)


def _sky(text: str) -> EarthSatellite:
    name, l1, l2 = text.splitlines()
    return EarthSatellite(l1, l2, name, TS)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, d = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(d)
    return 6371.0 * math.acos(min(1.0, c))


def test_reads_a_3le_with_its_epoch() -> None:
    (es,) = read_tle(_cbers())
    assert (es.name, es.norad_id) == ("CBERS 2", 28057)  # epoch 06177.78615833: day 177 + 0.78615833 d
    assert abs((es.epoch - datetime(2006, 6, 26, 18, 52, 4, 79712, tzinfo=UTC)).total_seconds()) < 0.001


def test_track_vertices_match_skyfield_within_1_km() -> None:
    text = _cbers()
    sets = read_tle(text)
    sky = _sky(text)
    start = sets[0].epoch
    worst = 0.0
    for minutes in range(0, 3 * 1440, 37):
        when = start + timedelta(minutes=minutes)
        lon, lat, h = position(sets[0], when)
        sub = wgs84.subpoint_of(sky.at(TS.from_datetime(when)))
        worst = max(worst, _km(lat, lon, sub.latitude.degrees, sub.longitude.degrees))
    assert worst < 1.0, worst


def test_track_is_split_at_the_antimeridian_with_times() -> None:
    sets = read_tle(_cbers())
    fc = ground_track(sets, sets[0].epoch, sets[0].epoch + timedelta(hours=6), 60)
    assert len(fc["features"]) > 2
    for f in fc["features"]:
        coords, props = f["geometry"]["coordinates"], f["properties"]
        assert len(props["times"]) == len(coords)
        assert props["norad_id"] == 28057 and props["geometry_method"] == "derived"
        assert all(abs(a[0] - b[0]) < 180 for a, b in zip(coords, coords[1:], strict=False))
        assert "not a position" in props["note"]
    ends = [abs(f["geometry"]["coordinates"][-1][0]) for f in fc["features"][:-1]]
    assert all(e == 180 for e in ends)


def test_passes_match_skyfield_within_30_s() -> None:
    text = _cbers()
    sets = read_tle(text)
    lat, lon = 39.0194, 125.7381  # Pyongyang
    start = sets[0].epoch
    end = start + timedelta(days=2)
    ours = passes(sets, lat, lon, start, end, 10.0, "Asia/Pyongyang")
    t, kinds = _sky(text).find_events(wgs84.latlon(lat, lon), TS.from_datetime(start),
                                      TS.from_datetime(end), altitude_degrees=10.0)
    theirs = []
    current: dict = {}
    for ti, k in zip(t.utc_datetime(), kinds, strict=True):
        current[("rise", "culminate", "set")[k]] = ti
        if k == 2:
            if "rise" in current:
                theirs.append(current)
            current = {}
    assert len(ours) == len(theirs) >= 2
    for a, b in zip(ours, theirs, strict=True):
        for key in ("rise", "culminate", "set"):
            got = datetime.fromisoformat(a[key].replace("Z", "+00:00"))
            assert abs((got - b[key]).total_seconds()) < 30, (key, a[key], b[key])
        assert a["rise_local"].endswith("+09:00")


@pytest.mark.parametrize(("change", "field"), [
    (lambda l1, l2: (l1[:68] + str((int(l1[68]) + 1) % 10), l2), "checksum"),
    (lambda l1, l2: (l1, l2[:40]), "length"),
    (lambda l1, l2: (l1, "3" + l2[1:]), "line number"),
])
def test_a_bad_line_is_refused_with_its_line_named(change, field) -> None:
    name, l1, l2 = _cbers().splitlines()
    l1, l2 = change(l1, l2)
    with pytest.raises(DataError) as info:
        read_tle(f"{name}\n{l1}\n{l2}\n", "x.tle")
    text = str(info.value.problems[0])
    assert "x.tle" in text and "line " in text and field in text


def test_omm_json_gives_the_same_positions_as_the_tle() -> None:
    (es,) = read_tle(_cbers())
    from sgp4 import exporter
    fields = exporter.export_omm(es.satrec, "CBERS 2")
    (omm,) = read_elements(json.dumps([fields]))
    when = es.epoch + timedelta(hours=5)
    a, b = position(es, when), position(omm, when)
    assert _km(a[1], a[0], b[1], b[0]) < 0.01
    bad = dict(fields)
    del bad["MEAN_MOTION"]
    with pytest.raises(DataError, match="item 1.*MEAN_MOTION"):
        read_elements(json.dumps([bad]), "omm.json")


def test_cli_track_and_passes(tmp_path, capsys) -> None:
    tle = tmp_path / "cbers.tle"
    tle.write_text(_cbers())
    out = tmp_path / "track.geojson"
    assert main(["orbit", "track", str(tle), "--to", "2006-06-27T00:00Z", "-o", str(out)]) == 0
    assert json.loads(out.read_text())["features"]
    capsys.readouterr()
    assert main(["orbit", "passes", str(tle), "--over", "sohae", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("rise,culminate,set,max_elevation_deg")
    bad = tmp_path / "bad.tle"
    bad.write_text(_cbers().replace("1836", "1837"))
    assert main(["orbit", "track", str(bad)]) == 1
    assert "line 2" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["orbit", "passes", str(tle), "--over", "sohae", "--from", "yesterday"])
    assert info.value.code == 2
