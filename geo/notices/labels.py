"""Labels, numbers and fall points of the areas of one notice.

An area takes the label of the last marker between the previous area and itself (`AREA 1:`,
`B.`), or of a bracketed one written right after it (`… (AREA 1).`). Areas are numbered 1…n
by their labels when these count up from 1 (or A, or 一); when there are several areas
otherwise, by their order. A stated fall point goes to the nearest area in the text.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from .area import Area
from .languages import CORNER_SEPARATORS
from .markers import Marker
from .positions import Position
from .text import Prepared


def label_areas(prepared: Prepared, areas: list[Area], markers: Sequence[Marker]) -> None:
    """Label each area by the marker before it (or a bracketed one right after it)."""
    index = 0
    previous_end = 0
    for area in areas:
        chosen = None
        while index < len(markers) and markers[index].start < area.start:
            if markers[index].start >= previous_end:
                chosen = markers[index]
            index += 1
        if chosen is None and index < len(markers) and markers[index].in_parentheses \
                and CORNER_SEPARATORS.fullmatch(prepared.scan, area.end, markers[index].start - 1):
            area.label = markers[index].label
        elif chosen is not None:
            area.label = chosen.label
            area.labelled_at = chosen.start
            area.start = chosen.start
        previous_end = area.end
    _number(areas, {m.label: m.number for m in markers})


def _number(areas: list[Area], ranks: dict[str, int]) -> None:
    """Numbers 1…n from labels that count up from 1 (or A), else by order when there are several."""
    labels = [area.label for area in areas]
    numbers = [ranks.get(label) if label else None for label in labels]
    if all(n is not None for n in numbers) and numbers == list(range(1, len(areas) + 1)):
        for area, number in zip(areas, numbers, strict=True):
            area.number = number
    elif len(areas) > 1:
        for number, area in enumerate(areas, start=1):
            area.number = number


def attach_fall_points(areas: list[Area], fall_points: Sequence[Position]) -> None:
    """Each stated fall point goes to the nearest area in the text."""
    if not areas:
        return
    starts = [area.start for area in areas]
    for lon, lat, start, end in fall_points:
        i = bisect.bisect_left(starts, start)
        near = [areas[j] for j in (i - 1, i) if 0 <= j < len(areas)]
        nearest = min(near, key=lambda a: min(abs(a.start - end), abs(start - a.end)))
        nearest.expected_fall_point = (lon, lat)
