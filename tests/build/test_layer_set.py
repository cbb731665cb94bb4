"""`geo build` replaces the layer set as a whole: every layer old or every layer new, whatever
stops it (SIGKILL anywhere in the write window, a full disk), and readers never see a mix."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from geo.atomic import WriteError, read_folder, replace_folder
from geo.build import build, render_layers
from geo.layers.files import read_layers
from geo.layers.registry import NAMES

from ..conftest import ROOT, SEEDS

FILES = [f"{name}.geojson" for name in NAMES]
OLD = {name: f"old {name}\n" for name in FILES}


@pytest.fixture(scope="module")
def new_texts() -> dict[str, str]:
    return render_layers(SEEDS)


def _old_set(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in OLD.items():
        (folder / name).write_text(text, encoding="utf-8")


def _state(folder: Path, new: dict[str, str]) -> str:
    """'old', 'new', or what is wrong: the layer set must be one or the other."""
    if not folder.is_dir():
        return "missing"
    texts = {name: (folder / name).read_text(encoding="utf-8") if (folder / name).exists()
             else None for name in FILES}
    if texts == OLD:
        return "old"
    if texts == new:
        return "new"
    return "mixed: " + ", ".join(f"{n}={'old' if t == OLD[n] else 'new' if t == new[n] else t!r:.10}"
                                 for n, t in texts.items())


def _scratch(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".geo" in p.name)


# Runs `geo build`, pausing at one point of the write window; touches $GEO_MARK when there.
PAUSED_BUILD = textwrap.dedent('''
    import os, sys, time
    from pathlib import Path
    import geo.atomic as atomic
    import geo.build as build

    def pause():
        Path(os.environ["GEO_MARK"]).write_text("here")
        time.sleep(120)

    point = os.environ["GEO_POINT"]
    if point == "writing":  # two of the four files written in the new folder
        written = []
        def slow_open(path, *args, **kwargs):
            if len(written) == 2:
                pause()
            written.append(path)
            return open(path, *args, **kwargs)
        build.open = slow_open
    elif point in ("before switch", "after switch"):
        real = atomic.exchange
        def paused_exchange(first, second):
            if point == "before switch":
                pause()
            real(first, second)
            pause()
        atomic.exchange = paused_exchange
    elif point == "between renames":  # a system without an atomic exchange
        def no_exchange(first, second):
            raise OSError(22, "Invalid argument")
        atomic.exchange = no_exchange
        real_rename = atomic._rename
        renames = []
        def paused_rename(source, destination):
            real_rename(source, destination)
            renames.append(source)
            if len(renames) == 1:
                pause()
        atomic._rename = paused_rename

    from geo.cli import main
    sys.exit(main(sys.argv[1:]))
''')


@pytest.mark.parametrize(("point", "expected"), [
    ("writing", "old"), ("before switch", "old"), ("after switch", "new"),
    ("between renames", "missing")])
def test_a_build_killed_in_its_write_window_leaves_one_whole_set(tmp_path, new_texts, point,
                                                                  expected):
    folder = tmp_path / "layers"
    _old_set(folder)
    runner = tmp_path / "paused_build.py"
    runner.write_text(PAUSED_BUILD, encoding="utf-8")
    mark = tmp_path / "mark"
    env = {**os.environ, "GEO_MARK": str(mark), "GEO_POINT": point}
    process = subprocess.Popen([sys.executable, str(runner), "build", "--out", str(folder)],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not mark.exists():
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert _state(folder, new_texts) == expected
    assert _scratch(tmp_path)  # SIGKILL cleans nothing up: the next build or read does
    if expected == "missing":
        # Killed between the two renames of a system without an atomic exchange: the next
        # reader finishes the switch from the note left in the scratch folder.
        assert set(read_layers(folder)) == set(NAMES)
        assert _state(folder, new_texts) == "new"
    build(folder, SEEDS)
    assert _state(folder, new_texts) == "new"
    assert _scratch(tmp_path) == []


def test_a_build_replaces_the_set_and_keeps_other_files(tmp_path, new_texts):
    folder = tmp_path / "layers"
    _old_set(folder)
    (folder / "imported-mine.geojson").write_text("mine", encoding="utf-8")
    os.chmod(folder, 0o750)
    build(folder, SEEDS)
    assert _state(folder, new_texts) == "new"
    assert (folder / "imported-mine.geojson").read_text(encoding="utf-8") == "mine"
    assert folder.stat().st_mode & 0o777 == 0o750
    assert _scratch(tmp_path) == []


def test_a_folder_holding_folders_is_not_replaced(tmp_path, new_texts):
    folder = tmp_path / "layers"
    _old_set(folder)
    (folder / "notes").mkdir()
    with pytest.raises(WriteError, match="holds the folder 'notes'"):
        build(folder, SEEDS)
    assert _state(folder, new_texts) == "old" and (folder / "notes").is_dir()
    assert _scratch(tmp_path) == []


def test_scratch_folders_of_dead_processes_are_removed_and_live_ones_kept(tmp_path, new_texts):
    folder = tmp_path / "layers"
    dead = tmp_path / ".layers.geo0badf00d.tmp"
    live = tmp_path / ".layers.geo600dcafe.tmp"
    for scratch in (dead, live):
        (scratch / "layers").mkdir(parents=True)
        (scratch / "layers" / "sites.geojson").write_text("half", encoding="utf-8")
    legacy = tmp_path / "layers" / ".zones.geojson.abc123.tmp-journal"  # the earlier scheme's
    legacy.parent.mkdir()
    legacy.write_text("half", encoding="utf-8")
    old = time.time() - 3600
    os.utime(legacy, (old, old))
    fd = os.open(live, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # a process still working there
        build(folder, SEEDS)
        assert not dead.exists() and live.exists()
    finally:
        os.close(fd)
    assert _state(folder, new_texts) == "new"


def test_readers_see_one_set_while_it_is_replaced(tmp_path):
    """One thread switches the folder between two sets as fast as it can; every read of the four
    files comes from one of them."""
    folder = tmp_path / "layers"
    sets = [{name: f"{tag} {name}\n" for name in FILES} for tag in ("a", "b")]

    def writer(texts: dict[str, str]):
        return lambda new: [(new / name).write_text(text) for name, text in texts.items()]

    replace_folder(folder, writer(sets[0]))
    stop = threading.Event()
    switches = [0]

    def switch() -> None:
        while not stop.is_set():
            replace_folder(folder, writer(sets[switches[0] % 2]))
            switches[0] += 1

    thread = threading.Thread(target=switch)
    thread.start()
    reads = 0
    try:
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:
            contents = read_folder(folder, FILES)
            tags = {data.split(b" ")[0] for data in contents.values()}
            assert len(tags) == 1, contents
            reads += 1
    finally:
        stop.set()
        thread.join()
    assert switches[0] > 10 and reads > 10


NAMESPACE_SCRIPT = textwrap.dedent('''
    set -e
    mount -t tmpfs -o size=120k tmpfs "$DISK"
    mkdir "$DISK/layers"
    for name in {files}; do printf 'old %s\\n' "$name" > "$DISK/layers/$name"; done
    set +e
    "$PYTHON" -m geo build --out "$DISK/layers" 2> "$DISK/build.err"; echo "build=$?" > "$DISK/codes"
    "$PYTHON" -m geo export --format geojson -o "$DISK/all.geojson" 2> "$DISK/export.err"
    echo "export=$?" >> "$DISK/codes"
    "$PYTHON" - <<'PY'
    import json, os, pathlib
    disk = pathlib.Path(os.environ["DISK"])
    print(json.dumps({{
        "codes": dict(line.split("=") for line in (disk / "codes").read_text().split()),
        "build": (disk / "build.err").read_text(), "export": (disk / "export.err").read_text(),
        "layers": {{p.name: p.read_text() for p in (disk / "layers").iterdir()}},
        "listing": sorted(p.name for p in disk.iterdir())}}))
    PY
''')


def test_a_full_disk_leaves_the_old_set_and_names_the_file(tmp_path, new_texts):
    """A real full disk: a 120 KB file system (tmpfs, in a mount namespace of its own) that
    holds the old set but not the new one (nor the export)."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to mount a small file system")
    disk = tmp_path / "disk"
    disk.mkdir()
    script = NAMESPACE_SCRIPT.format(files=" ".join(FILES))
    env = {**os.environ, "DISK": str(disk), "PYTHON": sys.executable}
    done = subprocess.run(["unshare", "--mount", "--map-root-user", "sh", "-c", script],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    if "mount" in done.stderr and done.returncode != 0:
        pytest.skip(f"cannot mount a file system here: {done.stderr.strip()[:200]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["codes"] == {"build": "1", "export": "1"}
    assert report["layers"] == OLD
    build_error = report["build"].strip()
    assert build_error.startswith(f"error: {disk}/layers/")
    assert build_error.endswith(": No space left on device; the previous layers are as they were")
    assert f"{disk}/all.geojson" in report["export"] and "No space left" in report["export"]
    assert "Traceback" not in report["build"] + report["export"]
    assert report["listing"] == ["build.err", "codes", "export.err", "layers"]  # no leftovers


def test_a_linked_layers_folder_is_replaced_where_it_is(tmp_path, new_texts):
    real = tmp_path / "data" / "layers"
    _old_set(real)
    link = tmp_path / "layers"
    link.symlink_to(real)
    build(link, SEEDS)
    assert link.is_symlink() and _state(real, new_texts) == "new"
