"""The orbit tool's file box (no browser): a file's bytes are read with the checks of pasted
element sets, its problems name the file and the line, and it keeps to the upload limits."""

from __future__ import annotations

import json

from geo.app.elements_file import decode, read_file
from geo.errors import DataError
from geo.importers.limits import MAX_UPLOAD_MB, MB

from ..conftest import DATA

TLE = (DATA / "orbits" / "malligyong-1.tle").read_bytes()


def test_a_tle_file_is_read_as_pasted_text_is():
    got = read_file(TLE, "malligyong-1.tle")
    assert got.error is None and got.size == len(TLE)
    assert [es.norad_id for es in got.sets] == [58400] * 3


def test_an_omm_json_file_with_a_byte_order_mark_is_read():
    omm = [{"OBJECT_NAME": "MALLIGYONG-1", "NORAD_CAT_ID": 58400, "EPOCH": "2024-06-06T04:41:45.620",
            "MEAN_MOTION": 15.21704003, "ECCENTRICITY": 0.0002221, "INCLINATION": 97.4052,
            "RA_OF_ASC_NODE": 45.2326, "ARG_OF_PERICENTER": 305.1745, "MEAN_ANOMALY": 54.9283,
            "BSTAR": 4.1535e-5, "MEAN_MOTION_DOT": 8.71e-6}]
    got = read_file(b"\xef\xbb\xbf" + json.dumps(omm).encode(), "gp.json")
    assert got.error is None and got.sets[0].epoch.isoformat().startswith("2024-06-06T04:41:45.62")


def test_a_bad_line_is_named_with_the_file():
    lines = TLE.decode().splitlines()
    lines[5] = lines[5][:68] + "0"  # the second set's line 1: a wrong checksum
    got = read_file("\n".join(lines).encode(), "history.tle")
    assert got.sets is None and isinstance(got.error, DataError)
    assert "history.tle, line 6, field 'checksum'" in str(got.error.problems[0])


def test_a_file_not_of_text_is_refused_in_words():
    assert "not UTF-8 text" in str(read_file(TLE + b"\n\xff\xfe\n", "x.tle").error)
    assert "x.tle, line 11" in str(read_file(TLE + b"\n\xff\xfe\n", "x.tle").error)  # 9 lines, a blank
    assert "a binary file" in str(read_file(b"PK\x03\x04\x00\x00", "x.zip.tle").error)
    assert decode("МАЛЛИГЁН".encode(), "n.txt") == "МАЛЛИГЁН"


def test_a_file_over_the_upload_limit_is_not_read():
    got = read_file(b" " * (MAX_UPLOAD_MB * MB + 1), "big.tle")
    assert got.sets is None and f"at most {MAX_UPLOAD_MB} MB a file" in str(got.error)
