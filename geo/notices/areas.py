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

The Q) line of a NOTAM is never read here: the caller passes item E) only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from shapely.geometry import Polygon

from .errors import refuse, token
from .languages import CLOSER, FALL_POINT, JOINING
from .markers import Marker, read_markers
from .measures import Bearings, Radius, read_bearings, read_radii
from .positions import Position, read_positions
from .shapes import ShapeProblem, annulus, circle, corner_polygon, sector, union
from .text import Prepared

_SEPARATORS = re.compile(
    r"(?:[\s,;:/、，；.\-–—~()（）]|(?<![A-Za-z])(?i:TO|AND|THEN|THENCE)(?![A-Za-z])"
    r"|\([A-Z0-9 ]{1,12}\)|至|到|和|及|与|與|및|과|와)*"
)
_NAMED_POINT = re.compile(r"\s*-\s*'?(?P<name>[A-Z][A-Z0-9]{1,5})'?\s*-\s*")
_NOT_NAMES = {"DCT", "TO", "AND", "THEN", "THENCE"}
_LEAD = re.compile(r"[\s,.;:\-–—]*")
_SENTENCE_END = re.compile(r"\.(?:\s|$)|;|\n[ \t]*\n|[。；]")
_WORD = re.compile(r"[A-Za-z]{2,}|[^\x00-\x7f]")
_LOOKBACK = 100
MAX_PHRASES_PER_AREA = 8
T = TypeVar("T")


@dataclass
class Area:
    """One area read from the text: its label, shape, polygon and where it is written."""

    label: str | None
    shape: str
    polygon: Polygon
    start: int
    end: int
    corners: tuple[Position, ...]
    labelled_at: int | None = None  # start of the marker that labels it
    number: int | None = None
    expected_fall_point: tuple[float, float] | None = None


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
    _label(prepared, areas, [m for m in markers if m.start not in corner_markers])
    _attach_fall_points(areas, fall_points)
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
    if not _SEPARATORS.fullmatch(scan, segment.marker.end, start):
        return False
    return closes or bool(_SEPARATORS.fullmatch(scan, end, segment.hi))


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
        areas.append(_round_area(prepared, segment, centres))
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
        if groups and _SEPARATORS.fullmatch(scan, groups[-1][-1][3], position[2]):
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


def _round_area(prepared: Prepared, segment: _Segment, centres: list[_Run]) -> Area:
    """The circle, sector or annulus (or a circle and a sector) around the segment's centre."""
    first = segment.radii[0]
    if len(segment.radii) + len(segment.bearings) > MAX_PHRASES_PER_AREA:
        refuse(prepared, "too many radii and bearings for one area", first.start, segment.radii[-1].end)
    if len(centres) != 1:
        refuse(prepared, f"a circle needs exactly one centre, found {len(centres)}",
               first.start, first.end)
    (centre,) = centres[0].positions
    lon, lat, _, _ = centre
    parts, kinds = [], []
    plain = [r for r in segment.radii if r.inner_metres is None]
    paired = _pair_bearings(prepared, segment)
    circles = [r for r in plain if r.start not in paired]
    if len(circles) > 1:
        refuse(prepared, "more than one radius in one area", circles[1].start, circles[1].end)
    for radius in segment.radii:
        bearings = paired.get(radius.start)
        try:
            if bearings is not None:
                parts.append(sector(lon, lat, radius.metres, bearings.start_deg, bearings.end_deg,
                                    radius.inner_metres))
                kinds.append("annular sector" if radius.inner_metres else "sector")
            elif radius.inner_metres is not None:
                parts.append(annulus(lon, lat, radius.inner_metres, radius.metres))
                kinds.append("annulus")
            else:
                parts.append(circle(lon, lat, radius.metres))
                kinds.append("circle")
        except ShapeProblem as problem:
            shown = token(prepared, radius.start, radius.end)
            refuse(prepared, f"'{shown}': {problem}", radius.start, radius.end)
    try:
        polygon = union(parts)
    except ShapeProblem as problem:
        refuse(prepared, str(problem), first.start, segment.radii[-1].end)
    spans = [(centre[2], centre[3]), *((r.start, r.end) for r in segment.radii),
             *((b.start, b.end) for b in segment.bearings)]
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return Area(None, " and ".join(dict.fromkeys(kinds)), polygon, start, end, (centre,))


def _pair_bearings(prepared: Prepared, segment: _Segment) -> dict[int, Bearings]:
    """Each pair of bearings goes with the radius right after it (else the one right before)."""
    paired: dict[int, Bearings] = {}
    for bearings in segment.bearings:
        after = [r for r in segment.radii if r.start >= bearings.end and r.start not in paired]
        before = [r for r in segment.radii if r.end <= bearings.start and r.start not in paired]
        chosen = after[0] if after and after[0].start - bearings.end <= 40 else (
            before[-1] if before else None)
        if chosen is None:
            refuse(prepared, "bearings with no radius: a sector needs both",
                   bearings.start, bearings.end)
        paired[chosen.start] = bearings
    return paired


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


# --- labels and fall points ----------------------------------------------------------------


def _label(prepared: Prepared, areas: list[Area], markers: Sequence[Marker]) -> None:
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
                and _SEPARATORS.fullmatch(prepared.scan, area.end, markers[index].start - 1):
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


def _attach_fall_points(areas: list[Area], fall_points: Sequence[Position]) -> None:
    """Each stated fall point goes to the nearest area in the text."""
    if not areas:
        return
    starts = [area.start for area in areas]
    for lon, lat, start, end in fall_points:
        i = bisect.bisect_left(starts, start)
        near = [areas[j] for j in (i - 1, i) if 0 <= j < len(areas)]
        nearest = min(near, key=lambda a: min(abs(a.start - end), abs(start - a.end)))
        nearest.expected_fall_point = (lon, lat)
