"""`geo import` end to end, and what an interrupted or killed import or export leaves behind."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyogrio
import pytest

from geo.cli import main, serve_command

from ..conftest import DATA, LAYERS, ROOT

GOOD = "name,lat,lon,date\nA,39.5,125.5,2024-05-27\nB,Unknown,125.5,2024-05-28\nC,40,126,27 May 2024\n"

# Runs the CLI with one step made slow; touches $GEO_MARK when the slow step has started.
SLOW_RUNNER = '''
import os, sys, time
from pathlib import Path
import geo.export as export
import geo.importers.records as records

def mark():
    Path(os.environ["GEO_MARK"]).write_text("started")

if os.environ["GEO_SLOW"] == "write":
    real = export._WRITERS["geojson"]
    def slow_write(layers, tmp):
        real(layers, tmp)  # the new file is complete in the temp file, not yet renamed
        mark()
        time.sleep(120)
    export._WRITERS["geojson"] = slow_write
else:
    real_add = records.Builder.add
    def slow_add(self, record):
        if record.row == 3:
            mark()
            time.sleep(120)
        real_add(self, record)
    records.Builder.add = slow_add

from geo.cli import main
sys.exit(main(sys.argv[1:]))
'''


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.fixture
def good_csv(tmp_path) -> Path:
    path = tmp_path / "mine.csv"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_import_writes_geojson_and_says_what_it_did(good_csv, tmp_path):
    out = tmp_path / "out" / "mine.geojson"
    result = _run("import", str(good_csv), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"wrote {out} (geojson, 2 features, layer 'imported-mine')",
        "3 rows: 2 imported, 1 skipped (1 missing coordinates)"]
    assert "skipped: mine.csv, row 3, field 'lat': no position: 'lat' is 'Unknown'" in result.stderr
    assert "Traceback" not in result.stderr
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert [f["properties"]["name"] for f in collection["features"]] == ["A", "C"]
    assert [f["properties"]["time_utc"] for f in collection["features"]] == ["2024-05-27"] * 2


@pytest.mark.parametrize(("suffix", "layer_count"), [(".gpkg", 1), (".kml", 1), (".csv", None)])
def test_the_output_suffix_picks_the_format(good_csv, tmp_path, suffix, layer_count, capsys):
    out = tmp_path / "out" / f"mine{suffix}"
    assert main(["import", str(good_csv), "-o", str(out)]) == 0
    if layer_count:
        # the imported layer's key; KML writes its '-' as '_'
        assert [name for name, _ in pyogrio.list_layers(out)] in (["imported-mine"], ["imported_mine"])
    else:
        header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert {"layer", "id", "name", "time_utc", "source_row", "wkt"} <= set(header)


def test_a_failed_import_leaves_the_old_output_alone(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,place\nA,somewhere\n", encoding="utf-8")
    out = tmp_path / "out.geojson"
    out.write_bytes(b"previous import")
    result = _run("import", str(bad), "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: bad.csv: no latitude and longitude columns found among 'name', 'place'; name them "
        "with --lat and --lon (or --coords for one column)",
        "1 problem(s); nothing was written"]
    assert out.read_bytes() == b"previous import"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "out.geojson"]


def test_strict_writes_nothing_when_a_row_is_skipped(good_csv, tmp_path, capsys):
    out = tmp_path / "out.geojson"
    assert main(["import", str(good_csv), "-o", str(out), "--strict"]) == 1
    assert "1 row(s) skipped and --strict given" in capsys.readouterr().err
    assert not out.exists()


def test_skipped_rows_as_csv(good_csv, tmp_path, capsys):
    report = tmp_path / "skipped.csv"
    assert main(["import", str(good_csv), "-o", str(tmp_path / "o.geojson"),
                 "--skipped", str(report)]) == 0
    assert report.read_text(encoding="utf-8").splitlines() == [
        "row,column,problem,reason", "3,lat,missing coordinates,no position: 'lat' is 'Unknown'"]


def test_an_output_folder_gets_a_safe_name_inside_it(tmp_path, capsys):
    hostile = tmp_path / "..%2f..%2fevil <img src=x onerror=alert(1)>.csv"
    hostile.write_text(GOOD, encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["import", str(hostile), "-o", str(folder)]) == 0
    written = list(folder.iterdir())
    assert [p.name for p in written] == ["imported-2f-2fevil-img-src-x-onerror-alert-1.geojson"]
    assert all(p.resolve().parent == folder.resolve() for p in written)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["import", "x.csv", "-o", "out.xlsx"], "cannot tell a format from 'out.xlsx'"),
        (["import", "missing.csv", "-o", "out.geojson"], "missing.csv: cannot be read"),
        (["import", "README.md", "-o", "README.md.geojson", "--kind", "tracks"], "invalid choice"),
        (["import", "README.md", "-o", "o.geojson", "--delimiter", "ab"], "one character"),
    ],
)
def test_bad_import_arguments_end_in_one_line(args, fragment):
    result = _run(*args)
    assert result.returncode in (1, 2)
    assert fragment in result.stderr and "Traceback" not in result.stderr


def test_serve_states_the_upload_limit():
    command = serve_command(8501)
    assert command[command.index("--server.maxUploadSize") + 1] == "50"


def _start_slow(tmp_path: Path, slow: str, *args: str) -> tuple[subprocess.Popen, Path]:
    runner = tmp_path / "slow_runner.py"
    runner.write_text(SLOW_RUNNER, encoding="utf-8")
    mark = tmp_path / "mark"
    env = {**os.environ, "GEO_MARK": str(mark), "GEO_SLOW": slow}
    process = subprocess.Popen([sys.executable, str(runner), *args], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not mark.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"the slow step never started: {process.communicate()}")
        time.sleep(0.05)
    return process, mark


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.mark.parametrize(("slow", "sig"), [("rows", signal.SIGINT), ("write", signal.SIGINT),
                                           ("write", signal.SIGTERM)])
def test_an_interrupted_import_writes_nothing(good_csv, tmp_path, slow, sig):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "mine.geojson"
    out.write_bytes(b"the previous import")
    process, _ = _start_slow(tmp_path, slow, "import", str(good_csv), "-o", str(out))
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.strip().splitlines()[-1] == "interrupted; nothing was written"
    assert "Traceback" not in stderr
    assert out.read_bytes() == b"the previous import"
    assert _leftovers(out_dir, {"mine.geojson"}) == []  # the temp file went with it


def test_a_killed_export_leaves_the_previous_file_intact(tmp_path):
    layers_dir = tmp_path / "layers"
    assert _run("build", "--out", str(layers_dir)).returncode == 0
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "all.geojson"
    out.write_bytes(b'{"previous": "export"}\n')
    process, _ = _start_slow(tmp_path, "write", "export", "--format", "geojson", "--layers-dir",
                             str(layers_dir), "-o", str(out))
    temps = _leftovers(out_dir, {"all.geojson"})
    assert len(temps) == 1 and temps[0].startswith(".all.geojson.")  # mid-write: a temp exists
    assert (out_dir / temps[0]).stat().st_size > 1000
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert out.read_bytes() == b'{"previous": "export"}\n'
    # SIGKILL runs no cleanup: only the hidden temp file may stay, never a half-written target.
    assert _leftovers(out_dir, {"all.geojson"}) == temps


@pytest.mark.parametrize("name", ["tracks.csv", "sites.geojson", "events.kml"])
def test_a_file_named_like_a_built_in_layer_never_replaces_it(tmp_path, name, capsys):
    folder = tmp_path / "layers"
    shutil.copytree(LAYERS, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main(["import", str(DATA / name), "-o", str(folder)]) == 0
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    stem = name.split(".")[0]
    assert set(after) == set(before) | {f"imported-{stem}.geojson"}
    assert all(after[file] == before[file] for file in before)
    out = tmp_path / f"{stem}.geojson"
    assert main(["export", "--format", "geojson", "--layers-dir", str(folder), "--layer", stem,
                 "-o", str(out)]) == 0
    assert out.read_bytes() == before[f"{stem}.geojson"]
