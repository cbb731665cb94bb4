"""`geo import` end to end, and what an interrupted or killed import or export leaves behind."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pyogrio
import pytest

from geo.cli import main, serve_command
from geo.importers.limits import MAX_BYTES

from ..conftest import DATA, LAYERS, ROOT

GOOD = "name,lat,lon,date\nA,39.5,125.5,2024-05-27\nB,Unknown,125.5,2024-05-28\nC,40,126,27 May 2024\n"

# Runs the CLI with one step made slow; touches $GEO_MARK when the slow step has started. The
# rows are read in the import's own process (geo.importers.job), so there the child is started
# through SLOW_CHILD, which writes its process id into the mark.
SLOW_RUNNER = '''
import os, sys, time
from pathlib import Path
import geo.export as export
import geo.importers.job as job

if os.environ["GEO_SLOW"] == "write":
    real = export.WRITERS["geojson"]
    def slow_write(layers, tmp):
        real(layers, tmp)  # the new file is complete in the temp file, not yet renamed
        Path(os.environ["GEO_MARK"]).write_text("started")
        time.sleep(120)
    export.WRITERS["geojson"] = slow_write
else:
    job.WORKER_ARGS = [os.environ["GEO_SLOW_CHILD"]]

from geo.cli import main
sys.exit(main(sys.argv[1:]))
'''
SLOW_CHILD = '''
import os, sys, time
from pathlib import Path
import geo.importers.records as records

real_add = records.Builder.add
def slow_add(self, record):
    if record.row == 3:
        Path(os.environ["GEO_MARK"]).write_text(str(os.getpid()))
        time.sleep(120)
    real_add(self, record)
records.Builder.add = slow_add

from geo.importers.worker import main
sys.exit(main())
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
    if suffix == ".kml":
        ElementTree.parse(out)  # every KML written is well-formed XML
    if layer_count:
        # the imported layer's key (GeoPackage: and QGIS's layer_styles)
        names = [name for name, _ in pyogrio.list_layers(out) if name != "layer_styles"]
        assert names == ["imported-mine"]
    else:
        header = next(csv.reader(out.open(encoding="utf-8-sig")))
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
        '"row","column","problem","reason"',
        '3,"lat","missing coordinates","no position: \'lat\' is \'Unknown\'"']


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
    """Streamlit's option is in 'MB': its browser check multiplies it by 10**6 (by 2**20 on
    Windows) and its server check by 2**20. With MB = 10**6 here, 50 refuses in the browser
    exactly what the importer refuses, and the server never refuses first."""
    command = serve_command(8501)
    value = int(command[command.index("--server.maxUploadSize") + 1])
    assert value == 50 and value * 10**6 == MAX_BYTES and value * 2**20 >= MAX_BYTES


def _start_slow(tmp_path: Path, slow: str, *args: str) -> tuple[subprocess.Popen, Path]:
    runner = tmp_path / "slow_runner.py"
    runner.write_text(SLOW_RUNNER, encoding="utf-8")
    child = tmp_path / "slow_child.py"
    child.write_text(SLOW_CHILD, encoding="utf-8")
    mark = tmp_path / "mark"
    env = {**os.environ, "GEO_MARK": str(mark), "GEO_SLOW": slow, "GEO_SLOW_CHILD": str(child)}
    process = subprocess.Popen([sys.executable, str(runner), *args], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while not mark.exists() or not mark.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"the slow step never started: {process.communicate()}")
        time.sleep(0.05)
    return process, mark


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def _gone(pid: int, within: float = 10) -> bool:
    """Whether the process has ended (or is a zombie no one waits for) within the time."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize(("slow", "sig", "group"), [
    ("rows", signal.SIGINT, False), ("rows", signal.SIGINT, True), ("rows", signal.SIGTERM, False),
    ("write", signal.SIGINT, False), ("write", signal.SIGTERM, False)])
def test_an_interrupted_import_writes_nothing(good_csv, tmp_path, slow, sig, group):
    """Ctrl-C (to the command, or to its whole process group as a terminal sends it) or SIGTERM
    while the rows are read (in the import's own process) or while the output is written."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "mine.geojson"
    out.write_bytes(b"the previous import")
    process, mark = _start_slow(tmp_path, slow, "import", str(good_csv), "-o", str(out))
    if group:
        os.killpg(process.pid, sig)
    else:
        process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.strip().splitlines()[-1] == "interrupted; nothing was written"
    assert "Traceback" not in stderr
    assert out.read_bytes() == b"the previous import"
    assert _leftovers(out_dir, {"mine.geojson"}) == []  # the temp file went with it
    if slow == "rows":
        assert _gone(int(mark.read_text())), "the import's process outlived the command"


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
    exported = json.loads(out.read_bytes())["features"]
    built = json.loads(before[f"{stem}.geojson"])["features"]
    assert [item["id"] for item in exported] == [item["id"] for item in built]
    for mine, theirs in zip(exported, built, strict=True):  # export adds time columns only
        assert mine["geometry"] == theirs["geometry"]
        kept = {k: v for k, v in theirs["properties"].items() if k != "date"}
        assert kept.items() <= mine["properties"].items()


def _main(*args: str) -> tuple[int, str]:
    """Run the command in this process: (exit code, stderr), argparse's exits included."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, err.getvalue()


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["import", "x.csv", "-o", ""], 2, "argument -o/--output: needs a path, not an empty text"),
        (["import", "x.csv", "-o", "o.geojson", "--skipped", ""], 2, "argument --skipped: needs"),
        (["export", "--format", "csv", "-o", ""], 2, "argument -o/--output: needs a path"),
        (["build", "--out", ""], 2, "argument --out: needs a path, not an empty text"),
        (["import", "/dev/zero", "-o", "o.geojson"], 1, "zero: is a character device, not a file"),
        (["import", "README.md", "-o", "o.geojson", "--time-limit", "0"], 2, "seconds above 0"),
        (["import", "README.md", "-o", "o.geojson", "--time-limit", "nan"], 2, "seconds above 0"),
        (["import", "README.md", "-o", "o.geojson", "--time-limit", "inf"], 2, "seconds above 0"),
        (["import", "README.md", "-o", "o.geojson", "--memory-limit", "nan"], 2, "whole number of MB"),
        (["import", "README.md", "-o", "o.geojson", "--memory-limit", "-5"], 2, "whole number of MB"),
    ],
)
def test_more_bad_arguments_end_in_one_line(args, code, fragment, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    got, err = _main(*args)
    assert got == code and fragment in err and len(err.strip().splitlines()) <= 2
    assert list(tmp_path.iterdir()) == []  # `-o ""` wrote into the current folder (issue 15)


def test_an_unwritable_skipped_report_writes_nothing(good_csv, tmp_path):
    """The output used to be written, with exit 1, when --skipped could not be."""
    out = tmp_path / "out.geojson"
    out.write_bytes(b"the previous import")
    code, err = _main("import", str(good_csv), "-o", str(out), "--skipped",
                      str(good_csv / "skipped.csv"))
    assert code == 1
    assert err.splitlines()[-1] == f"error: {good_csv}/skipped.csv: {good_csv} is not a folder"
    assert out.read_bytes() == b"the previous import"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.csv", "out.geojson"]


def test_symbolic_link_loops_are_messages(good_csv, tmp_path):
    loop = tmp_path / "loop.csv"
    loop.symlink_to(tmp_path / "other.csv")
    (tmp_path / "other.csv").symlink_to(loop)
    code, err = _main("import", str(loop), "-o", str(tmp_path / "o.geojson"))
    assert code == 1 and "loop.csv: cannot be read: a loop of symbolic links" in err
    code, err = _main("import", str(good_csv), "-o", str(loop))
    assert code == 0, err
    assert loop.is_file() and not loop.is_symlink()  # the link is replaced, not followed


def test_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    code, err = _main("import", str(fifo), "-o", str(tmp_path / "o.geojson"))
    assert code == 1 and "pipe.csv: is a named pipe (FIFO), not a file" in err


def test_a_layers_file_nested_too_deeply_is_a_message(tmp_path):
    """A layers file of 100,000 '[' was a RecursionError (issue 15)."""
    folder = tmp_path / "layers"
    shutil.copytree(LAYERS, folder)
    (folder / "zones.geojson").write_text("[" * 100_000, encoding="utf-8")
    code, err = _main("export", "--format", "geojson", "--layers-dir", str(folder), "-o",
                      str(tmp_path / "all.geojson"))
    assert code == 1
    assert err.strip() == "error: zones.geojson: not a GeoJSON FeatureCollection (nested too deeply)"


def test_an_import_over_its_time_budget_is_a_message(tmp_path):
    rows = "\n".join(f"p{i},39.{i % 1000:03d},125.{i % 999:03d}" for i in range(200_000))
    big = tmp_path / "big.csv"
    big.write_text("name,lat,lon\n" + rows + "\n", encoding="utf-8")
    code, err = _main("import", str(big), "-o", str(tmp_path / "o.geojson"), "--time-limit", "1")
    assert code == 1
    assert err.splitlines() == ["error: big.csv: stopped after 1 s, the time an import may take",
                                "1 problem(s); nothing was written"]


# Kills the CLI with SIGKILL just before its k-th rename that touches the output or the report.
KILLING_RUNNER = '''
import os, signal, sys
watched = {os.environ["GEO_OUT"], os.environ["GEO_REPORT"]}
calls = [0]
def killing(real):
    def rename(src, dst, *args, **kwargs):
        if {os.fspath(src), os.fspath(dst)} & watched:
            calls[0] += 1
            if calls[0] == int(os.environ["GEO_KILL_AT"]):
                os.kill(os.getpid(), signal.SIGKILL)
        return real(src, dst, *args, **kwargs)
    return rename
os.rename, os.replace = killing(os.rename), killing(os.replace)
from geo.cli import main
sys.exit(main(sys.argv[1:]))
'''


def test_an_import_and_its_report_are_never_from_two_runs_whenever_it_is_killed(good_csv, tmp_path):
    """A SIGKILL between the renames once left the new output beside the previous report. Now
    the folder holds the old pair or the new one (the report at most missing for a moment),
    and the next write there (geo.atomic.settle) completes or undoes the pair."""
    from geo.atomic import settle

    runner = tmp_path / "killing_runner.py"
    runner.write_text(KILLING_RUNNER, encoding="utf-8")
    folder = tmp_path / "out"
    out, report = folder / "mine.geojson", folder / "skipped.csv"
    states = []
    for kill_at in range(1, 10):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        out.write_bytes(b"old output")
        report.write_bytes(b"old report")
        env = {**os.environ, "GEO_OUT": str(out), "GEO_REPORT": str(report), "GEO_KILL_AT": str(kill_at)}
        done = subprocess.run([sys.executable, str(runner), "import", str(good_csv), "-o", str(out),
                               "--skipped", str(report)], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)

        def pair() -> tuple[str | None, str | None]:
            return tuple(None if not p.exists() else "old" if p.read_bytes().startswith(b"old") else "new"
                         for p in (out, report))  # type: ignore[return-value]

        seen = pair()
        states.append(seen)
        assert seen in {("old", "old"), ("old", None), ("new", None), ("new", "new")}, (kill_at, seen)
        settle(folder)
        assert pair() in {("old", "old"), ("new", "new")}, (kill_at, seen, pair())
        assert _leftovers(folder, {"mine.geojson", "skipped.csv"}) == []
        if done.returncode == 0:
            break
        assert done.returncode == -signal.SIGKILL, done.stderr
    assert done.returncode == 0 and states[-1] == ("new", "new")
    assert ("new", None) in states  # the kill did strike after the commit point
