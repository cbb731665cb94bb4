"""Only regular files are read, never more than the limit; one definition of MB (issue 15)."""

from __future__ import annotations

import os
import socket

import pytest

from geo.errors import ImportDataError
from geo.importers.limits import (
    MAX_BYTES,
    MAX_SESSION_MB,
    MAX_SESSION_UPLOADS,
    MAX_UPLOAD_MB,
    MB,
    megabytes,
    session_problem,
)
from geo.importers.reader import import_bytes, import_path
from geo.importers.source import read_source

GOOD = b"name,lat,lon\nA,39.5,125.5\n"


def test_a_megabyte_is_a_million_bytes():
    assert MB == 10**6 and MAX_BYTES == MAX_UPLOAD_MB * 10**6
    assert megabytes(52_428_800) == "52.4 MB"


def test_a_file_just_over_the_limit_is_refused_by_size_alone(tmp_path):
    """52.4 MB (50 MiB) was accepted when the importer counted 2**20-byte MB."""
    sparse = tmp_path / "big.csv"
    with open(sparse, "wb") as handle:
        handle.truncate(50 * 2**20)  # sparse: nothing is written or read
    with pytest.raises(ImportDataError, match=r"big.csv: is 52.4 MB; at most 50 MB is imported"):
        import_path(sparse)
    with pytest.raises(ImportDataError, match=r"is 50.0 MB; at most 50 MB"):
        import_bytes(b" " * (MAX_BYTES + 1), "big.csv")


def test_a_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "edge.csv"
    path.write_bytes(GOOD + b" " * (MAX_BYTES - len(GOOD)))
    assert len(read_source(path)) == MAX_BYTES


@pytest.mark.parametrize(("make", "fragment"), [
    (lambda p: os.mkfifo(p), "is a named pipe (FIFO), not a file"),
    (lambda p: p.mkdir(), "is a folder, not a file"),
    (lambda p: os.symlink("/dev/zero", p), "is a character device, not a file"),
    (lambda p: (os.symlink(p.with_name("b"), p), os.symlink(p, p.with_name("b"))),
     "cannot be read: a loop of symbolic links"),
    (lambda p: None, "cannot be read: no such file"),
])
def test_what_is_not_a_regular_file_is_refused_by_name(tmp_path, make, fragment):
    path = tmp_path / "input.csv"
    make(path)
    with pytest.raises(ImportDataError) as caught:
        import_path(path)
    assert str(caught.value) == f"input.csv: {fragment}" + (
        "; only regular files are imported" if "not a file" in fragment else "")


def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s.csv"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(ImportDataError, match="is a socket, not a file"):
            import_path(path)
    finally:
        server.close()


def test_dev_zero_is_refused_at_once():
    with pytest.raises(ImportDataError, match="zero: is a character device"):
        import_path("/dev/zero")


def test_a_symlink_to_a_regular_file_is_read(tmp_path):
    target = tmp_path / "real.csv"
    target.write_bytes(GOOD)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert len(import_path(link).features) == 1


def test_the_session_budget():
    assert session_problem([10 * MB] * MAX_SESSION_UPLOADS) is None
    assert "at most 10 files" in session_problem([MB] * (MAX_SESSION_UPLOADS + 1))
    over = session_problem([MAX_SESSION_MB * MB, 1])
    assert over == (f"the files of this session would take 100.0 MB; at most {MAX_SESSION_MB} MB a "
                    "session; remove one to add another")
