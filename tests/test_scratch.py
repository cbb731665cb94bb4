"""Scratch folders: whatever a killed process leaves is removed by the next one (issue 15:
/tmp/geo-import-*, /tmp/geo-shp-*, .X.tmp-journal and .X.tmp.fgb survived every SIGKILL)."""

from __future__ import annotations

import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from geo.export import export_bytes
from geo.importers.reader import import_bytes
from geo.scratch import clean_stale, held, scratch_dir

from .conftest import DATA, ROOT

HOLD = textwrap.dedent('''
    import sys, time
    from pathlib import Path
    from geo.scratch import scratch_dir
    with scratch_dir(Path(sys.argv[1]), sys.argv[2]) as folder:
        (folder / "half.kml").write_text("<kml>")
        print(folder, flush=True)
        time.sleep(120)
''')


def _killed_holder(parent, prefix):
    """The scratch folder of a process SIGKILLed while it held it."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(parent), prefix], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True)
    try:
        folder = process.stdout.readline().strip()
        assert held(Path(folder))
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    return Path(folder)


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    """The system temp folder, here a folder of the test's own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_a_killed_import_leaves_a_folder_the_next_import_removes(temp_folder):
    left = _killed_holder(temp_folder, "geo-import")
    assert left.exists() and not held(left)
    result = import_bytes((DATA / "sites.kml").read_bytes(), "sites.kml")  # GDAL reads a copy
    assert result.features
    assert not left.exists() and list(temp_folder.iterdir()) == []


def test_a_killed_export_leaves_a_folder_the_next_export_removes(temp_folder, layers):
    left = _killed_holder(temp_folder, "geo-export")
    assert export_bytes({"sites": layers["sites"]}, "shp")[:2] == b"PK"
    assert not left.exists() and list(temp_folder.iterdir()) == []


def test_folders_in_use_are_kept(tmp_path):
    with scratch_dir(tmp_path, "mine") as folder:
        assert clean_stale(tmp_path) == [] and folder.exists()
    assert not folder.exists()
