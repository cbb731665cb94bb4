"""Which positions of a notice make which areas.

The text is cut into segments at markers (`AREA 1:`, `A.`, `1)`…). In a segment, positions
joined only by separators (spaces, line breaks, `,` `;` `-` `、`, TO, AND, a corner's name in
brackets) form a run; anything else between two positions ends the run. Then:

* a run of three or more positions is a polygon's corner list; words after it such as
  "BACK TO START" or "FOUR-POINT CONNECTION" (or a last corner repeating the first) say its
  corners are joined in the order given;
* a lone position is the centre of the segment's circle, sector or annulus when the segment
  has a radius; one announced as a fall point ("DEBRIS IS EXPECTED TO FALL IN THE …") is kept
  as the area's `expected_fall_point`, never a corner; other lone positions (a launch site,
  a route's waypoint) are not areas and are left alone, unless they stand right next to a
  corner list, where they may be a corner the text failed to join: then the notice is refused;
* markers that each label one position (`A:25°26′N,119°18′E B:…`, `点1(…)`) number corners,
  and their positions are one corner list;
* a corner list interrupted by a named point (`N220216E1130000-GURIN-N213000E1130000`) is
  refused: the name's position is not in the text.

The Q) line of a NOTAM is never read here: the caller passes item E) only. Circles and
sectors are put together in geo.notices.centred, labels and numbers in geo.notices.labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .area import Area
from .centred import centred_area
from .clauses import apply_cuts, check_boundaries, read_cuts
from .errors import refuse, token
from .labels import attach_fall_points, label_areas
from .languages import CLOSER, CORNER_SEPARATORS, FALL_POINT, JOINING
from .markers import Marker, read_markers
from .measures import Bearings, Radius, read_bearings, read_radii
from .positions import Position, read_positions
from .shapes import ShapeProblem, corner_polygon
from .text import Prepared

_NAMED_POINT = re.compile(r"\s*-\s*'?(?P<name>[A-Z][A-Z0-9]{1,5})'?\s*-\s*")
_NOT_NAMES = {"DCT", "TO", "AND", "THEN", "THENCE"}
_LEAD = re.compile(r"[\s,.;:\-–—]*")
_SENTENCE_END = re.compile(r"\.(?:\s|$)|;|\n[ \t]*\n|[。；]")
_WORD = re.compile(r"[A-Za-z]{2,}|[^\x00-\x7f]")
_LOOKBACK = 100
T = TypeVar("T")


@dataclass
class _Segment:
    """Text from one marker to the next, and what lies in it."""

    lo: int
    hi: int
    marker: Marker | None
    positions: list[Position] = field(default_factory=list)
    radii: list[Radius] = field(default_factory=list)
    bearings: list[Bearings] = field(default_factory=list)
    labelled_corners: bool = False  # its markers label corners: its positions are one list


@dataclass(frozen=True)
class _Run:
    """Positions joined only by separators."""

    positions: tuple[Position, ...]
    ordered: bool

    @property
    def start(self) -> int:
        return self.positions[0][2]

    @property
    def end(self) -> int:
        return self.positions[-1][3]


def read_areas(prepared: Prepared, lo: int, hi: int) -> list[Area]:
    """Every area written in scan[lo:hi], in order. Raises NoticeParseError."""
    check_boundaries(prepared, lo, hi)
    written = prepared
    prepared, cuts = read_cuts(prepared, lo, hi)
    positions = read_positions(prepared, lo, hi)
    radii = read_radii(prepared, lo, hi)
    bearings = read_bearings(prepared, lo, hi)
    markers = read_markers(prepared.scan, lo, hi, positions)
    segments = _segments(lo, hi, markers, positions, radii, bearings)
    segments, corner_markers = _merge_labelled_corners(prepared, segments)
    areas: list[Area] = []
    fall_points: list[Position] = []
    lone: list[_Run] = []
    for segment in segments:
        lone.extend(_read_segment(prepared, segment, areas, fall_points))
    pairs = [run for run in lone if len(run.positions) == 2]
    if not areas and pairs:
        refuse(prepared, "an area needs at least 3 distinct corners, found 2",
               pairs[0].start, pairs[0].end)
    areas.sort(key=lambda area: area.start)  # a circle is put together after its segment's lists
    areas = apply_cuts(written, areas, cuts)
    label_areas(prepared, areas, [m for m in markers if m.start not in corner_markers])
    attach_fall_points(areas, fall_points)
    return areas


# --- segments ------------------------------------------------------------------------------


def _segments(lo: int, hi: int, markers: Sequence[Marker], positions: Sequence[Position],
              radii: Sequence[Radius], bearings: Sequence[Bearings]) -> list[_Segment]:
    """Cut at each marker and hand out the positions and phrases (one pass each)."""
    bounds = [lo, *(m.start for m in markers), hi]
    segments = [_Segment(a, b, None if i == 0 else markers[i - 1])
                for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False))]
    _deal(segments, positions, lambda p: p[2], lambda s, p: s.positions.append(p))
    _deal(segments, radii, lambda r: r.start, lambda s, r: s.radii.append(r))
    _deal(segments, bearings, lambda b: b.start, lambda s, b: s.bearings.append(b))
    return [s for s in segments if s.hi > s.lo or s.positions]


def _deal(segments: list[_Segment], items: Sequence[T], start: Callable[[T], int],
          add: Callable[[_Segment, T], None]) -> None:
    """Give each item (in text order) to the segment it starts in."""
    index = 0
    for item in items:
        while index + 1 < len(segments) and segments[index + 1].lo <= start(item):
            index += 1
        add(segments[index], item)


def _merge_labelled_corners(prepared: Prepared,
                            segments: list[_Segment]) -> tuple[list[_Segment], set[int]]:
    """Join segments whose markers each label one position: `A:pos B:pos C:pos`."""
    out: list[_Segment] = []
    corner_markers: set[int] = set()
    group: list[_Segment] = []

    def flush() -> None:
        if len(group) >= 2:
            merged = _Segment(group[0].lo, group[-1].hi, None,
                              [p for s in group for p in s.positions], labelled_corners=True)
            corner_markers.update(s.marker.start for s in group if s.marker)
            out.append(merged)
        else:
            out.extend(group)
        group.clear()

    for segment in segments:
        if _labels_one_corner(prepared, segment, closes=bool(group)):
            group.append(segment)
            continue
        flush()
        out.append(segment)
    flush()
    return out, corner_markers


def _labels_one_corner(prepared: Prepared, segment: _Segment, closes: bool) -> bool:
    """A marker, separators, one position and (unless it may close a group) separators."""
    if segment.marker is None or len(segment.positions) != 1 or segment.radii or segment.bearings:
        return False
    _, _, start, end = segment.positions[0]
    scan = prepared.scan
    if not CORNER_SEPARATORS.fullmatch(scan, segment.marker.end, start):
        return False
    return closes or bool(CORNER_SEPARATORS.fullmatch(scan, end, segment.hi))


# --- one segment ---------------------------------------------------------------------------


def _read_segment(prepared: Prepared, segment: _Segment, areas: list[Area],
                  fall_points: list[Position]) -> list[_Run]:
    """The areas of one segment (appended in order) and its stated fall points; returns the
    runs that are neither (lone positions, pairs)."""
    runs = _runs(prepared, segment)
    _check_named_points(prepared, segment, runs)
    centres: list[_Run] = []
    lone: list[_Run] = []
    for run in runs:
        if len(run.positions) >= 3:
            areas.append(_polygon_area(prepared, segment, run))
        elif len(run.positions) == 1 and _is_fall_point(prepared, segment, run):
            fall_points.append(run.positions[0])
        elif segment.radii and len(run.positions) == 1:
            centres.append(run)
        elif segment.radii:
            refuse(prepared, f"a circle needs exactly one centre, found {len(run.positions)} "
                   f"positions in '{token(prepared, run.start, run.end)}'", run.start, run.end)
        else:
            lone.append(run)
    if segment.radii:
        areas.append(centred_area(prepared, [run.positions[0] for run in centres], segment.radii,
                                  segment.bearings))
    elif segment.bearings:
        b = segment.bearings[0]
        refuse(prepared, "bearings with no radius: a sector needs both", b.start, b.end)
    _check_lone(prepared, runs, lone)
    return lone


def _runs(prepared: Prepared, segment: _Segment) -> list[_Run]:
    """Consecutive positions joined only by separators."""
    if segment.labelled_corners:
        return [_Run(tuple(segment.positions), _ordered(prepared, segment, segment.positions))]
    scan = prepared.scan
    groups: list[list[Position]] = []
    for position in segment.positions:
        if groups and CORNER_SEPARATORS.fullmatch(scan, groups[-1][-1][3], position[2]):
            groups[-1].append(position)
        else:
            groups.append([position])
    return [_Run(tuple(g), _ordered(prepared, segment, g)) for g in groups]


def _ordered(prepared: Prepared, segment: _Segment, run: list[Position]) -> bool:
    """Whether the text says the corners are joined in the order given."""
    if len(run) >= 4 and run[0][:2] == run[-1][:2]:
        return True
    scan = prepared.scan
    after = _LEAD.match(scan, run[-1][3], segment.hi)
    if after and CLOSER.match(scan, after.end(), segment.hi):
        return True
    before = max(segment.lo, run[0][2] - _LOOKBACK)
    return bool(JOINING.search(scan, before, run[0][2])
                or JOINING.match(scan, after.end() if after else run[-1][3], segment.hi))


def _polygon_area(prepared: Prepared, segment: _Segment, run: _Run) -> Area:
    """A corner list as a polygon."""
    corners = [(lon, lat) for lon, lat, _, _ in run.positions]
    try:
        polygon = corner_polygon(corners, run.ordered)
    except ShapeProblem as problem:
        _refuse_shape(prepared, problem, run.positions, run.start, run.end)
    return Area(None, "polygon", polygon, run.start, run.end, run.positions)


def _is_fall_point(prepared: Prepared, segment: _Segment, run: _Run) -> bool:
    """Whether the words right before a lone position announce it as a fall point."""
    before = max(segment.lo, run.start - _LOOKBACK)
    return bool(FALL_POINT.search(prepared.scan, before, run.start))


def _check_named_points(prepared: Prepared, segment: _Segment, runs: Sequence[_Run]) -> None:
    """Refuse a corner list broken by a named point such as GURIN or SIERA."""
    for left, right in zip(runs, runs[1:], strict=False):
        m = _NAMED_POINT.fullmatch(prepared.scan, left.end, right.start)
        if m is None or m.group("name") in _NOT_NAMES:
            continue
        if len(left.positions) + len(right.positions) >= 3 or right.ordered:
            refuse(prepared, f"corner '{m.group('name')}' is a named point (a waypoint or beacon): "
                   "its position is not in the text", m.start("name"), m.end("name"))


def _check_lone(prepared: Prepared, runs: Sequence[_Run], lone: Sequence[_Run]) -> None:
    """Refuse a lone position that stands right next to a corner list."""
    if not lone:
        return
    index = {id(run): i for i, run in enumerate(runs)}
    scan = prepared.scan
    for run in lone:
        i = index[id(run)]
        for j, gap_lo, gap_hi in ((i - 1, runs[i - 1].end if i else 0, run.start),
                                  (i + 1, run.end, runs[i + 1].start if i + 1 < len(runs) else 0)):
            if not 0 <= j < len(runs) or len(runs[j].positions) < 3 or j == i:
                continue
            gap = scan[gap_lo:gap_hi]
            if len(gap) <= 40 and not _SENTENCE_END.search(gap) and not CLOSER.search(gap) \
                    and len(_WORD.findall(gap)) <= 3:
                shown = token(prepared, run.start, run.end)
                refuse(prepared, f"position '{shown}' stands next to a corner list but is not "
                       "joined to it: it may be a corner", run.start, run.end)


def _refuse_shape(prepared: Prepared, problem: ShapeProblem, positions: Sequence[Position],
                  start: int, end: int) -> None:
    """Raise for a shape problem, pointing at the corner at fault when there is one."""
    if problem.corner is not None:
        _, _, c_start, c_end = positions[problem.corner]
        refuse(prepared, f"{problem} (at '{token(prepared, c_start, c_end)}')", c_start, c_end)
    refuse(prepared, str(problem), start, end)


