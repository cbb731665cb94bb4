"""`geo orbit track|passes|history` as a user runs them: on the published Malligyong-1 sets."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from skyfield.api import wgs84

from geo.cli import main

from .conftest import MALLIGYONG, TS, cbers_text, km_between, skyfield_of


def test_track_writes_geojson_that_skyfield_agrees_with(tmp_path, capsys, malligyong) -> None:
    out = tmp_path / "track.geojson"
    code = main(["orbit", "track", str(MALLIGYONG), "--from", "2024-06-06T12:00:00Z",
                 "--to", "2024-06-06T15:00Z", "--step", "20", "-o", str(out)])
    assert code == 0
    features = json.loads(out.read_text())["features"]
    sky = skyfield_of(malligyong[0])
    worst = 0.0
    for f in features:
        for (lon, lat), when in zip(f["geometry"]["coordinates"], f["properties"]["times"], strict=True):
            t = datetime.fromisoformat(when.replace("Z", "+00:00"))
            sub = wgs84.subpoint_of(sky.at(TS.from_datetime(t)))
            worst = max(worst, km_between(lat, lon, sub.latitude.degrees, sub.longitude.degrees))
    assert worst < 1.0
    assert features[0]["properties"]["times"][0] == "2024-06-06T12:00:00.000Z"
    assert "warning" not in capsys.readouterr().err
    assert not list(tmp_path.glob("*.part"))


def test_track_far_from_the_epochs_warns_that_it_is_not_a_position(capsys) -> None:
    assert main(["orbit", "track", str(MALLIGYONG), "--from", "2024-06-20", "--to", "2024-06-20T01:00"]) == 0
    captured = capsys.readouterr()
    assert "not a position" in captured.err and json.loads(captured.out)["features"]


def test_passes_over_a_catalogue_site_in_json_and_csv(capsys) -> None:
    args = ["orbit", "passes", str(MALLIGYONG), "--over", "pyongyang-gscc", "--from", "2024-06-06T06:00Z",
            "--to", "2024-06-07T06:00Z", "--min-elevation", "10"]
    assert main(args) == 0
    found = json.loads(capsys.readouterr().out)
    assert len(found) >= 3
    assert {"rise", "culminate", "set", "max_elevation_deg", "rise_local", "set_local"} <= set(found[0])
    assert found[0]["time_zone"] == "Asia/Pyongyang" and found[0]["rise_local"].endswith("+09:00")
    assert main([*args, "--format", "csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["rise"] for r in table] == [p["rise"] for p in found]


def test_passes_from_standard_input_over_lat_lon(capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(cbers_text()))
    assert main(["orbit", "passes", "-", "--over", "39.04,125.71"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found and found[0]["time_zone"] == "Asia/Pyongyang"  # the zone at that point
    assert found[0]["rise_local"].endswith("+09:00")


def test_history_csv_and_figure(tmp_path, capsys) -> None:
    out, figure = tmp_path / "history.csv", tmp_path / "history.png"
    assert main(["orbit", "history", str(MALLIGYONG), "--over", "pyongyang-gscc", "-o", str(out),
                 "--figure", str(figure)]) == 0
    table = list(csv.DictReader(out.open()))
    assert [r["manoeuvre"] for r in table] == ["", "raise", ""]
    assert table[1]["passes_between_epochs"] and float(table[1]["residual_km"]) > 2
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "1 manoeuvre(s) flagged" in capsys.readouterr().err


def test_the_table_and_its_figure_are_written_as_a_pair(tmp_path, monkeypatch) -> None:
    """A figure that fails leaves the table of a previous run beside the previous figure, never
    a new table with an old figure (issue 26: files written in two steps)."""
    out, figure = tmp_path / "history.csv", tmp_path / "history.png"
    out.write_text("old table\n")
    figure.write_bytes(b"old figure")

    def broken(states, path):  # the figure's writer dies half way
        Path(path).write_bytes(b"\x89PNG half")
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr("geo.orbits.history.figure", broken)
    assert main(["orbit", "history", str(MALLIGYONG), "-o", str(out), "--figure", str(figure)]) == 1
    assert out.read_text() == "old table\n" and figure.read_bytes() == b"old figure"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.csv", "history.png"]


def test_a_bad_element_set_exits_1_naming_its_line(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.tle"
    text = MALLIGYONG.read_text().splitlines()
    text[5] = text[5][:60]
    bad.write_text("\n".join(text))
    for command in ("track", "history"):
        assert main(["orbit", command, str(bad)]) == 1
        err = capsys.readouterr().err
        assert f"{bad}, line 6, field 'length'" in err and "Traceback" not in err
    binary = tmp_path / "x.tle"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert main(["orbit", "track", str(binary)]) == 1
    assert "not UTF-8" in capsys.readouterr().err
    assert main(["orbit", "track", str(tmp_path / "missing.tle")]) == 1


@pytest.mark.parametrize("args", [
    ["track", "--from", "yesterday"],
    ["track", "--step", "0"],
    ["track", "--step", "nan"],
    ["track", "--from", "2024-06-07", "--to", "2024-06-06"],
    ["passes"],
    ["passes", "--over", "sohae", "--min-elevation", "91"],
    ["passes", "--over", "sohae", "--format", "kml"],
    ["history", "--figure", "h.pdf"],
    ["track", "--norad", "KMS-4"],
])
def test_usage_errors_exit_2_in_one_line(args, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        code = main(["orbit", args[0], str(MALLIGYONG), *args[1:]])
        raise SystemExit(code)
    assert info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("geo orbit") and "\n" not in err


def test_an_unknown_place_is_refused(capsys) -> None:
    assert main(["orbit", "passes", str(MALLIGYONG), "--over", "atlantis"]) == 1
    assert "no such site" in capsys.readouterr().err
    assert main(["orbit", "passes", str(MALLIGYONG), "--over", "95,10"]) == 1


def test_the_window_defaults_to_a_day_from_the_first_epoch(capsys, malligyong) -> None:
    assert main(["orbit", "passes", str(MALLIGYONG), "--over", "pyongyang"]) == 0
    found = json.loads(capsys.readouterr().out)
    first = datetime.fromisoformat(found[0]["rise"].replace("Z", "+00:00"))
    last = datetime.fromisoformat(found[-1]["set"].replace("Z", "+00:00"))
    assert malligyong[0].epoch <= first and last <= malligyong[0].epoch + timedelta(days=1)


def test_a_file_of_several_satellites_needs_a_choice(tmp_path, capsys) -> None:
    group = tmp_path / "group.tle"
    group.write_text(MALLIGYONG.read_text() + cbers_text())
    assert main(["orbit", "track", str(group)]) == 1
    assert "2 satellites (28057 CBERS 2, 58400 MALLIGYONG-1); choose one" in capsys.readouterr().err
    assert main(["orbit", "passes", str(group), "--norad", "28057", "--over", "sohae"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["rise"].startswith("2006-06-2")
    assert main(["orbit", "history", str(group), "--norad", "41332"]) == 1
    assert "no element set of NORAD 41332" in capsys.readouterr().err
