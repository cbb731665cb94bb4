"""The browser side's state and its transitions, tested by Node's own test runner (tests/js).

geo/map/static/geo/explorer/state.js has no page, map or Leaflet in it: `node --test tests/js`
runs its tests as they are, and this test runs that as part of the suite. In CI (CI=true) a
missing Node is a failure, not a skip: .ci/run installs Debian's nodejs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from .conftest import ROOT

JS_TESTS = ROOT / "tests" / "js"


def test_the_explorer_s_state_passes_its_node_tests() -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("CI=true but Node is missing: .ci/run must install Debian's nodejs")
        pytest.skip("Node.js is not installed")
    files = sorted(str(p.relative_to(ROOT)) for p in JS_TESTS.glob("*.test.mjs"))
    assert files, "no tests in tests/js"
    run = subprocess.run([node, "--test", *files], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         stdin=subprocess.DEVNULL)
    report = run.stdout + run.stderr
    counts = dict(re.findall(r"^# (tests|pass|fail) (\d+)$", report, re.M))
    assert run.returncode == 0 and counts.get("fail") == "0", report[-4000:]
    assert int(counts.get("pass", "0")) >= 10, report[-4000:]
