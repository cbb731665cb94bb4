"""One paste must never stall the server: every shape of hostile text is read in linear time.

Each shape is repeated to the size limit (a notice: 100,000 characters; a batch: 2,000,000)
and must be read or refused within a bound that linear work meets many times over on a
loaded 2-core machine, and that the quadratic patterns this replaces missed by minutes
(a run of 32,000 capitals took 30 s; 800 KB of refused notices 25 s).
"""

from __future__ import annotations

import contextlib
import time

import pytest

from geo.errors import NoticeParseError
from geo.notices import MAX_NOTICE_CHARS, MAX_NOTICES_CHARS, parse_notice
from geo.notices.pasted import read_pasted

SHAPES = ["X", "N", "X ", "NAV ", "1", "1 ", "1.", "1-", "0N", "1E", "N1", "E1", "\n", " ", "\t", "1 \n",
          "1\n", "N\n1", "A1", "1°", "航", "1 NM ", "RADIUS ", "WI ", "-", "12-34.5N ", "39-40N 124-40E\n",
          "INNER ", "(", "S02 25 E120 38 "]
NOTICE_SECONDS = 3.0
BATCH_SECONDS = 30.0


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _seconds(read, text: str) -> float:
    start = time.perf_counter()
    with contextlib.suppress(NoticeParseError):
        read(text)
    return time.perf_counter() - start


@pytest.mark.parametrize("unit", SHAPES)
def test_a_notice_of_one_repeated_shape_is_read_in_linear_time(unit):
    seconds = _seconds(parse_notice, _repeat(unit, MAX_NOTICE_CHARS))
    assert seconds < NOTICE_SECONDS, f"{unit!r} × {MAX_NOTICE_CHARS:,}: {seconds:.1f} s"


@pytest.mark.parametrize("notice", ["ROCKET 39N\n\n", "A0001/24 NOTAMN\nE) AREA 39-40N 124-40E 39-41N.\n",
                                    "NAVAREA XI 1/24\nAREA 39-40N 124-40E 39-41N.\n"])
def test_a_batch_of_refused_notices_at_the_size_limit_is_read_in_linear_time(notice):
    text = _repeat(notice, MAX_NOTICES_CHARS)
    start = time.perf_counter()
    pasted = read_pasted(text)
    seconds = time.perf_counter() - start
    assert pasted.problems and not pasted.features
    assert seconds < BATCH_SECONDS, f"{len(pasted.problems):,} refusals: {seconds:.1f} s"
