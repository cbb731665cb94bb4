"""`geo zones parse`: notice text in, a GeoJSON FeatureCollection out, or one line naming the bad token."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from shapely.geometry import shape

from geo.cli import main
from geo.errors import NoticeParseError
from geo.notices.pasted import notice_features, pointer, where

from ..conftest import ROOT

NOTICE = """NAVAREA XI 123/24
DPRK. SATELLITE LAUNCH 270000Z MAY TO 040000Z JUN.
1. 36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E, 35-19N 124-30E.
2. 33-16N 124-11E, 33-16N 125-09E, 32-22N 125-08E, 32-22N 124-11E.
"""


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "geo", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=120)


def _collection(out: str) -> dict:
    data = json.loads(out)
    assert data["type"] == "FeatureCollection"
    return data


def test_a_file_gives_one_feature_per_area_with_its_text(tmp_path, capsys):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    assert main(["zones", "parse", str(path)]) == 0
    data = _collection(capsys.readouterr().out)
    assert [f["properties"]["area_label"] for f in data["features"]] == ["1", "2"]
    first = data["features"][0]
    assert first["properties"]["raw_text"].startswith("1. 36-04N 124-30E")
    assert first["properties"]["geometry_method"] == "reported"
    west, south, east, north = shape(first["geometry"]).bounds
    assert (west, south, east, north) == pytest.approx((124.5, 35 + 19 / 60, 124.9, 36 + 4 / 60), abs=1e-6)
    assert first["properties"]["area_km2"] == pytest.approx(3013, abs=5)


@pytest.mark.parametrize("args", [["zones", "parse"], ["zones", "parse", "-"]])
def test_standard_input_is_read_by_default_and_with_a_dash(args):
    result = _run(*args, stdin=NOTICE.encode())
    assert result.returncode == 0, result.stderr
    assert len(_collection(result.stdout.decode())["features"]) == 2
    assert result.stderr == b""


def test_a_bad_token_is_named_with_its_line_and_column(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(NOTICE.replace("35-19N 124-54E", "35-19X 124-54E", 1), encoding="utf-8")
    result = _run("zones", "parse", str(path))
    assert result.returncode == 1 and result.stdout == b""
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "Traceback" not in err
    line = 3
    column = NOTICE.splitlines()[2].index("35-19N") + 1
    assert err.startswith(f"error: {path}:{line}:{column}: ")
    assert "35-19X" in err


@pytest.mark.parametrize(("text", "fragment"), [
    ("nothing to see here\n", "no danger area found"),
    ("36-04N 124-30E, 36-04N\n", "no longitude"),
    ("1. 36-04N 124-30E, 36-04N 124-54E\n", "at least 3 distinct corners"),
])
def test_text_without_a_readable_area_ends_in_one_line(text, fragment):
    result = _run("zones", "parse", stdin=text.encode())
    assert result.returncode == 1
    err = result.stderr.decode()
    assert err.startswith("error: <stdin>:1:") and fragment in err and err.count("\n") == 1


@pytest.mark.parametrize(("make", "fragment"), [
    (lambda p: None, "No such file"),
    (lambda p: p.write_bytes(b"\xff\xfe 36-04N"), "not UTF-8"),
])
def test_unreadable_files_end_in_one_line(tmp_path, make, fragment):
    path = tmp_path / "notice.txt"
    make(path)
    result = _run("zones", "parse", str(path))
    assert result.returncode == 1 and fragment in result.stderr.decode()
    assert result.stderr.decode().count("\n") == 1


def test_a_missing_subcommand_is_an_argument_error():
    result = _run("zones")
    assert result.returncode == 2 and result.stderr.decode().count("\n") == 1


def test_pointer_and_where():
    assert where("ab\ncd", 4) == (2, 2)
    error = NoticeParseError("bad", "x\n  36-99N 124E", 4, 10)
    assert pointer(error, "f") == "f:2:3: bad at '36-99N'"
    with pytest.raises(NoticeParseError, match="no danger area"):
        notice_features("")
