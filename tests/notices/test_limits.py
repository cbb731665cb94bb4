"""Issue 15: the parser refuses text over its size limits at once, and its time grows linearly.

The reproducers of the attack run (4,000 numbered areas, 200 KB: 4.6 s; 100,000 markers with
40,000 corners: 423 s) are over the limit now and are refused before any reading. Below the
limit the time is proportional to the text: the test compares two sizes 7.6 times apart, with a
loose bound (the old, quadratic parser took 27 times longer, this one about 7.6 times).
benchmarks/bench_notices.py --scaling prints the figures.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

import pytest

from geo.errors import NoticeParseError
from geo.notices import (
    MAX_NOTICE_CHARS,
    MAX_NOTICES_CHARS,
    find_positions,
    parse_area,
    parse_notice,
    parse_notices,
    read_notices,
)


def numbered_areas(count: int) -> str:
    """`1. corner, corner, corner` lines, numbered 1 to 99 over and over (the attack's text)."""
    return "".join(f"{i % 99 + 1}. 36-04N 124-30E, 36-04N 124-54E, 35-19N 124-54E\n"
                   for i in range(count))


def markers_and_corners(markers: int, corners: int) -> str:
    return " ".join("1." for _ in range(markers)) + " " + ", ".join("36-04N 124-30E" for _ in range(corners))


@pytest.mark.parametrize("read", [parse_notice, parse_area, find_positions])
def test_one_notice_over_the_limit_is_refused_at_once(read: Callable[[str], object]) -> None:
    text = numbered_areas(4000)  # the attack's 200 KB
    assert len(text) > MAX_NOTICE_CHARS
    started = time.perf_counter()
    with pytest.raises(NoticeParseError, match=f"the limit is {MAX_NOTICE_CHARS:,}"):
        read(text)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("read", [parse_notices, read_notices])
def test_many_notices_over_the_limit_are_refused_at_once(read: Callable[[str], object]) -> None:
    text = markers_and_corners(100_000, 40_000)  # the attack's 423 s
    text += " " * (MAX_NOTICES_CHARS + 1 - len(text))
    with pytest.raises(NoticeParseError, match=f"the limit is {MAX_NOTICES_CHARS:,}"):
        read(text)


def test_a_notice_at_the_limit_is_read_whole() -> None:
    count = MAX_NOTICE_CHARS // 52
    features = parse_notice(numbered_areas(count))
    assert len(features) == count


def _ratio(read: Callable[[str], object], small: str, large: str, rounds: int = 5) -> float:
    """Time of the large text over the small one, each the fastest of interleaved runs."""
    best = {small: float("inf"), large: float("inf")}
    for _ in range(rounds):
        for text in (small, large):
            started = time.perf_counter()
            with contextlib.suppress(NoticeParseError):
                read(text)
            best[text] = min(best[text], time.perf_counter() - started)
    return best[large] / best[small]


@pytest.mark.parametrize("make", [
    lambda n: numbered_areas(n),
    lambda n: markers_and_corners(5 * n, 2 * n),
])
def test_time_grows_linearly(make: Callable[[int], str]) -> None:
    small, large = make(250), make(1900)
    assert len(large) < MAX_NOTICE_CHARS
    ratio = _ratio(parse_notice, small, large)
    assert ratio < 15, f"7.6x the text took {ratio:.1f}x the time (the old, quadratic parser: 27x)"
