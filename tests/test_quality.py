"""ruff and mypy stay clean: the configuration in pyproject.toml is the project's contract."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.parametrize("tool", [["ruff", "check", "."], ["mypy"]])
def test_tool_is_clean(tool):
    if shutil.which(tool[0]) is None:
        pytest.skip(f"{tool[0]} is not installed (pip install -e '.[test]')")
    command = [sys.executable, "-m", *tool]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
