"""`geo zones parse`: notice text in, a GeoJSON FeatureCollection out, or one line naming the bad token."""

from __future__ import annotations

import csv
import json
import os
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


# --- many notices -----------------------------------------------------------------------------

DATA = ROOT / "tests" / "data" / "notices"
SECOND = NOTICE.replace("123/24", "124/24").replace("36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E, "
                                                    "35-19N 124-30E.\n", "")


def test_a_text_of_many_notices(tmp_path, capsys):
    path = tmp_path / "notices.txt"
    path.write_text(NOTICE + "\n" + SECOND, encoding="utf-8")
    assert main(["zones", "parse", str(path)]) == 0
    out, err = capsys.readouterr()
    features = _collection(out)["features"]
    ids = [f["properties"]["notice_id"] for f in features]
    assert ids == ["NAVAREA XI 123/24"] * 2 + ["NAVAREA XI 124/24"]
    assert features[0]["properties"]["name"] == "NAVAREA XI 123/24 area 1"
    assert err == "2 notices: 2 read (3 areas)\n"


def test_the_archive_json_format_reads_its_rawmessage_column(capsys):
    assert main(["zones", "parse", str(DATA / "archive.json")]) == 0
    out, err = capsys.readouterr()
    features = _collection(out)["features"]
    ids = {f["properties"]["notice_id"] for f in features}
    assert "A0060/22" not in ids and "A0077/22" in ids  # replaced by A0077/22
    assert "F3813/21" not in ids and "F3826/21" in ids
    lines = err.splitlines()
    assert lines[-1].startswith("34 notices: ") and "3 refused" in lines[-1] and "repeated" in lines[-1]
    assert sum(line.startswith("error: ") for line in lines) == 3
    assert any(", item " in line and "GURIN" in line for line in lines)


@pytest.mark.parametrize(("suffix", "content", "args"), [
    (".json", lambda t: json.dumps([t, "nothing"]), []),
    (".json", lambda t: json.dumps([{"id": 1, "Notice": t}, {"id": 2, "Notice": ""}]), []),
    (".json", lambda t: json.dumps({"texts": [t]}), ["--column", "texts"]),
    (".csv", lambda t: "id,message\n1," + json.dumps(t) + "\n", []),
    (".tsv", lambda t: "id\ttext\n1\t" + json.dumps(t) + "\n", []),
    (".txt", lambda t: "id;body\n1;" + json.dumps(t) + "\n", ["--format", "csv", "--column", "body"]),
])
def test_a_column_of_notices(tmp_path, capsys, suffix, content, args):
    path = tmp_path / f"notices{suffix}"
    path.write_text(content(NOTICE), encoding="utf-8")
    assert main(["zones", "parse", str(path), *args]) == 0
    assert len(_collection(capsys.readouterr().out)["features"]) == 2


def test_a_refused_row_is_named_by_its_row(tmp_path, capsys):
    path = tmp_path / "notices.csv"
    bad = NOTICE.replace("35-19N 124-54E", "35-19X 124-54E", 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([["notice"], [NOTICE], [bad]])
    assert main(["zones", "parse", str(path)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"error: {path}, row 3: notice:3:") and "35-19X" in err[0]
    assert err[1] == "2 notices: 1 read (2 areas), 1 refused"


@pytest.mark.parametrize(("content", "args", "fragment"), [
    ('{"a": ["x"]}', [], "no column of notices found; name it with --column (columns: a)"),
    ('[{"text": 5}]', [], "item 1: a notice must be text, not int"),
    ("{not json", [], "not JSON"),
    ('{"text": ["x"]}', ["--column", "body"], "no column 'body' (columns: text)"),
])
def test_bad_tables_end_in_one_line(tmp_path, content, args, fragment):
    path = tmp_path / "notices.json"
    path.write_text(content, encoding="utf-8")
    result = _run("zones", "parse", str(path), *args)
    assert result.returncode == 1 and result.stdout == b""
    assert fragment in result.stderr.decode() and result.stderr.decode().count("\n") == 1


def test_nothing_read_from_many_notices_is_exit_1(tmp_path):
    path = tmp_path / "notices.txt"
    path.write_text("36-04N 124-30E, 36-04N\n\n\n12 39N 119E\n", encoding="utf-8")
    result = _run("zones", "parse", str(path))
    assert result.returncode == 1 and result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert lines[0].startswith(f"error: {path}:1:") and lines[1].startswith(f"error: {path}:4:")
    assert lines[2] == "2 notices: 0 read (0 areas), 2 refused"


def test_text_over_the_limit_is_refused_in_one_line(tmp_path):
    from geo.notices import MAX_NOTICES_CHARS

    path = tmp_path / "big.txt"
    path.write_text("1. " * (MAX_NOTICES_CHARS // 3 + 1), encoding="utf-8")
    result = _run("zones", "parse", str(path))
    assert result.returncode == 1
    assert f"the limit is {MAX_NOTICES_CHARS:,}" in result.stderr.decode()
    assert result.stderr.decode().count("\n") == 1


def test_a_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = _run("zones", "parse", str(fifo))
    assert result.returncode == 1 and "not a regular file" in result.stderr.decode()

