"""The geo command: validate, build, export; bad arguments end in one line and a non-zero exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyogrio
import pytest

from geo.cli import main

from ..conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_validate_the_shipped_seeds(capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("seeds OK:")


def test_build_into_a_folder(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "events.geojson", "footprints.geojson", "scenarios.geojson", "sites.geojson",
        "tracks.geojson", "zones.geojson"]


def test_export_several_layers_to_gpkg(tmp_path, capsys):
    out = tmp_path / "nk.gpkg"
    assert main(["export", "--format", "gpkg", "--layer", "sites", "--layer", "zones",
                 "-o", str(out)]) == 0
    assert sorted(name for name, _ in pyogrio.list_layers(out)) == ["layer_styles", "sites", "zones"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["export", "--format", "xlsx", "-o", "x"], "invalid choice: 'xlsx'"),
        (["export", "--format", "kml"], "required: -o/--output"),
        (["export", "--format", "kml", "--layer", "orbits", "-o", "x.kml"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
        ([], "required: command"),
    ],
)
def test_bad_arguments_end_in_one_line(args, fragment):
    result = _run(*args)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_export_to_a_folder_is_refused(tmp_path):
    result = _run("export", "--format", "geojson", "-o", str(tmp_path))
    assert result.returncode == 1
    assert "is a folder" in result.stderr and "Traceback" not in result.stderr


def test_export_from_a_missing_layers_folder(tmp_path):
    result = _run("export", "--format", "csv", "--layers-dir", str(tmp_path), "-o",
                  str(tmp_path / "x.csv"))
    assert result.returncode == 1
    assert "layer file missing" in result.stderr and "Traceback" not in result.stderr


def test_python_dash_m_and_console_script_agree():
    script = Path(sys.executable).with_name("geo")  # installed by pip install -e .
    assert script.is_file(), f"no console script at {script}: pip install -e '.[test]'"
    via_script = subprocess.run([str(script), "validate"], capture_output=True, text=True,
                                cwd=ROOT, timeout=120)
    via_module = _run("validate")
    assert via_script.returncode == via_module.returncode == 0, via_script.stderr
    assert via_script.stdout == via_module.stdout and via_script.stdout.startswith("seeds OK:")
