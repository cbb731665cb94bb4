"""Many notices at once: split a text (or take a list), read each, link replacements.

A text is split before each line that starts a notice (`A1500/21 NOTAMN`, `NAVAREA XI
123/16`, `HYDROPAC 1234/23`, `… NAV WARN 12/24`, `沪航警0123/24`); with no such line, at blank
lines (a stretch with no digit at all, such as a title, joins the notice after it; a stretch of
one or two corners alone, a double-spaced corner list, joins the one before it).

A notice replaced by another of the batch (NOTAMR) is not drawn: its successor's features say
`replaces`. A notice cancelled by another (NOTAMC, CANCEL NAVAREA …) keeps its features, with
`cancelled_by`. A notice repeated word for word is read once.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import NoticeParseError
from . import limits
from .languages import CORNER_SEPARATORS
from .limits import MAX_NOTICES_CHARS, check_size
from .notice import parse_notice
from .positions import find_positions

_STARTS = re.compile(
    r"^[ \t(]*(?:[A-Z][0-9]{1,4}/[0-9]{2}[ \t]+NOTAM[NRC]"
    r"|NAVAREA[ \t]+[IVXL]+[ \t]+[0-9]{1,4}/[0-9]{2,4}"
    r"|HYDRO(?:PAC|LANT|ARC)[ \t]+[0-9]{1,4}/[0-9]{2,4}"
    r"|[A-Z]+(?:[ \t][A-Z]+){0,2}[ \t]+NAV(?:IGATIONAL)?[ \t]+WARN(?:ING)?[ \t]+(?:NO\.?[ \t]*)?[0-9]"
    r"|[\u4e00-\u9fff]{1,4}航警[ \t]*[0-9])",
    re.MULTILINE,
)
_BLANK_LINES = re.compile(r"\n[ \t\r]*\n\s*")
_DIGIT = re.compile(r"[0-9０-９]")
_HEADER = re.compile(r"[\s(]*[A-Z][0-9]{1,4}/[0-9]{2}[ \t]+NOTAM([NRC])(?:[ \t]+([A-Z][0-9]{1,4}/[0-9]{2}))?")


@dataclass
class NoticeReading:
    """One notice of a batch: where it is, its id, its features or why it was refused."""

    index: int  # 1, 2, … in the order given
    start: int  # offset of the notice in the whole text (0 for a list item)
    text: str
    features: list[dict[str, Any]] = field(default_factory=list)
    error: NoticeParseError | None = None
    notice_id: str | None = None
    replaced_by: str | None = None
    cancelled_by: str | None = None
    repeats: int | None = None  # index of the reading this one repeats word for word

    @property
    def drawn(self) -> bool:
        """Whether its features belong on the map (not refused, replaced or a repeat)."""
        return self.error is None and self.replaced_by is None and self.repeats is None


def split_notices(text: str) -> list[tuple[int, int]]:
    """(start, end) of each notice in a text of several."""
    starts = [m.start() for m in _STARTS.finditer(text)]
    if starts:
        bounds = ([0] if text[: starts[0]].strip() else []) + starts + [len(text)]
        spans = list(zip(bounds, bounds[1:], strict=False))
    else:
        spans = _blank_line_spans(text)
    return [(a, b) for a, b in spans if text[a:b].strip()]


def read_notices(text: str) -> list[NoticeReading]:
    """Every notice of a text, read; errors point into the whole text."""
    check_size(text, MAX_NOTICES_CHARS, "the notices")
    readings = []
    deadline = time.monotonic() + limits.NOTICES_SECONDS
    for index, (start, end) in enumerate(split_notices(text), start=1):
        if time.monotonic() > deadline:
            reading = NoticeReading(index, start, text[start:end])
            reading.error = NoticeParseError(
                f"not read: the {limits.NOTICES_SECONDS:.0f} s a text of notices may take ran out; "
                "paste fewer at once", text, start, min(end, start + 40))
            readings.append(reading)
            continue
        reading = _read(index, start, text[start:end])
        if reading.error is not None:
            err = reading.error
            reading.error = NoticeParseError(err.message, text, start + err.start, start + err.end)
        readings.append(reading)
    return link(readings)


def read_notice_list(texts: Sequence[str]) -> list[NoticeReading]:
    """Every notice of a list (a column of a table), read; errors point into each item."""
    check_size("".join(texts), MAX_NOTICES_CHARS, "the notices")
    return link([_read(index, 0, text) for index, text in enumerate(texts, start=1)])


def parse_notices(text: str) -> list[dict[str, Any]]:
    """The features of every notice in force in a text of several; the first refusal raises."""
    readings = read_notices(text)
    for reading in readings:
        if reading.error is not None:
            raise reading.error
    return drawn_features(readings)


def drawn_features(readings: Sequence[NoticeReading]) -> list[dict[str, Any]]:
    """The features of the readings that are drawn, in order."""
    return [item for reading in readings if reading.drawn for item in reading.features]


def link(readings: list[NoticeReading]) -> list[NoticeReading]:
    """Mark replaced, cancelled and repeated notices (in place); returns the list."""
    by_id: dict[str, NoticeReading] = {}
    by_text: dict[str, NoticeReading] = {}
    for reading in readings:
        key = " ".join(reading.text.split())
        if key in by_text:
            reading.repeats = by_text[key].index
            continue
        by_text[key] = reading
        if reading.notice_id:
            by_id.setdefault(reading.notice_id, reading)
    for reading in readings:
        if reading.repeats is not None or reading.error is not None:
            continue
        replaces, cancels = _references(reading)
        old = by_id.get(replaces or "")
        if old is not None and old is not reading:
            old.replaced_by = reading.notice_id
        old = by_id.get(cancels or "")
        if old is not None and old is not reading:
            old.cancelled_by = reading.notice_id
            for item in old.features:
                item["properties"]["cancelled_by"] = reading.notice_id
    return readings


def _references(reading: NoticeReading) -> tuple[str | None, str | None]:
    """The ids a notice replaces and cancels (from its features, or its NOTAM header)."""
    if reading.features:
        props = reading.features[0]["properties"]
        return props.get("replaces"), props.get("cancels")
    m = _HEADER.match(reading.text)
    if m is None:
        return None, None
    return (m.group(2) if m.group(1) == "R" else None), (m.group(2) if m.group(1) == "C" else None)


def _read(index: int, start: int, text: str) -> NoticeReading:
    """One notice, read; a refusal is kept, not raised."""
    reading = NoticeReading(index, start, text)
    try:
        reading.features = parse_notice(text)
    except NoticeParseError as exc:
        reading.error = exc
    if reading.features:
        reading.notice_id = reading.features[0]["properties"].get("notice_id")
    else:
        m = re.match(r"[\s(]*([A-Z][0-9]{1,4}/[0-9]{2})[ \t]+NOTAM", text)
        reading.notice_id = m.group(1) if m else None
    return reading


def _blank_line_spans(text: str) -> list[tuple[int, int]]:
    """Split at blank lines; a stretch with no digit joins the one after it, and a stretch of
    one or two corners and nothing else (a corner list double-spaced by a PDF or a chat) joins
    the one before it: alone it could not be an area."""
    cuts = [0, *(m.end() for m in _BLANK_LINES.finditer(text)), len(text)]
    spans: list[tuple[int, int]] = []
    pending: int | None = None
    for a, b in zip(cuts, cuts[1:], strict=False):
        start = a if pending is None else pending
        if not _DIGIT.search(text, a, b) and b < len(text):
            pending = start
            continue
        if spans and pending is None and _few_corners_only(text[a:b]):
            spans[-1] = (spans[-1][0], b)
            continue
        spans.append((start, b))
        pending = None
    return spans


def _few_corners_only(stretch: str) -> bool:
    """Whether the text is one or two positions and separators, nothing else."""
    if len(stretch) > 400:
        return False
    try:
        found = find_positions(stretch)
    except NoticeParseError:
        return False
    if not 1 <= len(found) <= 2:
        return False
    rest = "".join(stretch[last:start] for last, start in
                   zip([0, *(end for *_, end in found)], [start for _, _, start, _ in found] + [len(stretch)],
                       strict=True))
    return bool(CORNER_SEPARATORS.fullmatch(rest))
