"""Issue 27: on a full disk every export and import says so (GDAL and SQLite report it in words
of their own: 'no such table: gpkg_contents', 'Unexpected I/O failure'), names the file, leaves
nothing behind and shows no traceback. A real full disk: a 60 KB tmpfs in a mount namespace."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from geo.export import FORMATS

from ..conftest import ROOT

SCRIPT = textwrap.dedent('''
    set -e
    mount -t tmpfs -o size=60k tmpfs "$DISK"
    set +e
    "$PYTHON" - <<'PY'
    import json, os, pathlib, subprocess, sys
    disk = pathlib.Path(os.environ["DISK"])
    runs = {{}}
    for fmt in {formats}:
        runs[fmt] = subprocess.run([sys.executable, "-m", "geo", "export", "--format", fmt,
                                    "-o", str(disk / f"all.{{fmt}}")], capture_output=True, text=True)
    runs["import"] = subprocess.run([sys.executable, "-m", "geo", "import", "tests/data/tracks.csv",
                                     "-o", str(disk / "imported.gpkg")], capture_output=True, text=True)
    print(json.dumps({{"runs": {{k: [r.returncode, r.stderr] for k, r in runs.items()}},
                      "left": sorted(p.name for p in disk.iterdir())}}))
    PY
''')


def test_every_export_and_import_says_the_disk_is_full(tmp_path):
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to mount a small file system")
    disk = tmp_path / "disk"
    disk.mkdir()
    env = {**os.environ, "DISK": str(disk), "PYTHON": sys.executable, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(["unshare", "--mount", "--map-root-user", "sh", "-c",
                           SCRIPT.format(formats=list(FORMATS))],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    if "mount" in done.stderr and done.returncode != 0:
        pytest.skip(f"cannot mount a file system here: {done.stderr.strip()[:200]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    for name, (code, stderr) in report["runs"].items():
        assert code == 1, (name, stderr)
        said = stderr.strip().splitlines()[-1]
        assert said.startswith("error: ") and "Traceback" not in stderr, (name, stderr)
        assert "disk is full" in said or "No space left on device" in said, (name, said)
        assert str(disk) in said or "all." in said or "imported" in said, (name, said)
    assert report["left"] == []  # no scratch folder, no half-written file
