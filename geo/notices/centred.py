"""Circles, sectors and annuli around one centre, and which radius goes with which bearings.

A pair of bearings belongs to the radius written right after it (`BEARINGS FROM 162 DEGREE TO
198 DEGREE RADIUS 5KM`), else to the one right before it; a radius with no bearings is a circle
(or, with an inner radius, an annulus). Everything around one centre is one area: `AREA
CENTERED OF … RADIUS 3KM AND COVERING BEARINGS FROM 162 DEGREE TO 198 DEGREE RADIUS 5KM` is a
circle and a sector, drawn as their union; so is a text that writes the same centre again for
each (`以31-12.18N 123-42.69E为圆心，半径3千米的圆形海域内和以31-12.18N 123-42.69E为圆心，方位162°-198°，
半径5千米的扇形`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .area import Area
from .errors import refuse, token
from .measures import Bearings, Radius
from .positions import Position
from .shapes import ShapeProblem, annulus, circle, sector, union
from .text import Prepared

MAX_PHRASES_PER_AREA = 8
_SECTOR_WORD = re.compile(r"扇形|扇状|扇區|扇区|부채꼴|(?<![A-Za-z])SECTOR(?![A-Za-z])", re.IGNORECASE)
_NEAR = 40
"""How far after a pair of bearings (in characters) its radius may be written."""


def centred_area(prepared: Prepared, centres: Sequence[Position], radii: Sequence[Radius],
                  bearings: Sequence[Bearings]) -> Area:
    """The circle, sector or annulus (or a circle and a sector) around the one centre."""
    first = radii[0]
    if len(radii) + len(bearings) > MAX_PHRASES_PER_AREA:
        refuse(prepared, "too many radii and bearings for one area", first.start, radii[-1].end)
    distinct = list(dict.fromkeys((lon, lat) for lon, lat, _, _ in centres))
    if len(distinct) != 1:  # the same centre written again for each shape is one centre
        refuse(prepared, f"a circle needs exactly one centre, found {len(distinct)}",
               first.start, first.end)
    bearings_list = bearings
    centre = centres[0]
    lon, lat, _, _ = centre
    parts, kinds = [], []
    plain = [r for r in radii if r.inner_metres is None]
    paired = _pair_bearings(prepared, radii, bearings_list)
    circles = [r for r in plain if r.start not in paired]
    if len(circles) > 1:
        refuse(prepared, "more than one radius in one area", circles[1].start, circles[1].end)
    for radius in radii:
        pair = paired.get(radius.start)
        try:
            if pair is not None:
                parts.append(sector(lon, lat, radius.metres, pair.start_deg, pair.end_deg,
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
        refuse(prepared, str(problem), first.start, radii[-1].end)
    spans = [*((c[2], c[3]) for c in centres), *((r.start, r.end) for r in radii),
             *((b.start, b.end) for b in bearings_list)]
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    said = _SECTOR_WORD.search(prepared.scan, start, min(len(prepared.scan), end + _NEAR))
    if said and not bearings_list:
        refuse(prepared, f"'{token(prepared, said.start(), said.end())}': the text speaks of a sector "
               "but gives no bearings this parser reads (a full circle would be drawn)",
               said.start(), said.end())
    return Area(None, " and ".join(dict.fromkeys(kinds)), polygon, start, end, tuple(centres))


def _pair_bearings(prepared: Prepared, radii: Sequence[Radius],
                   bearings_list: Sequence[Bearings]) -> dict[int, Bearings]:
    """Each pair of bearings goes with the radius right after it (else the one right before)."""
    paired: dict[int, Bearings] = {}
    for bearings in bearings_list:
        after = [r for r in radii if r.start >= bearings.end and r.start not in paired]
        before = [r for r in radii if r.end <= bearings.start and r.start not in paired]
        chosen = after[0] if after and after[0].start - bearings.end <= _NEAR else (
            before[-1] if before else None)
        if chosen is None:
            refuse(prepared, "bearings with no radius: a sector needs both",
                   bearings.start, bearings.end)
        paired[chosen.start] = bearings
    return paired
