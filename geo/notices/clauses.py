"""Words of a notice that change its area: boundaries it follows, portions it keeps or leaves out.

* `THENCE ALONG FIR BOUNDARY TO …`, `ALONG THE COAST`, `ALONG THE UIR BDRY`: the area follows a
  line whose points are not in the text. It is refused, naming the words; dropping them would
  draw a straight edge where the notice means a boundary.
* `ONLY INCLUDING THE PORTION WEST OF LONGITUDE 124DEG`, `EXCLUDING THE PART NORTH OF 37N`:
  applied, the area is cut at that meridian or parallel (kept or left out as the words say).
  Any other clause that keeps or leaves out a part (`EXCLUDING THE AREA WITHIN …`) is refused,
  naming it, rather than drawn whole.
"""

from __future__ import annotations

import dataclasses
import re

from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.polygon import orient

from .area import Area
from .errors import refuse, token
from .text import Prepared

_FOLLOWS = re.compile(
    r"(?<![A-Z])(?:THENCE\s+|THEN\s+)?(?:CLOCKWISE\s+|ANTI-?CLOCKWISE\s+)?ALONG\s+(?:THE\s+)?"
    r"(?:[A-Z]{2,10}\s+)?(?:FIR|UIR|ADIZ|BOUNDARY|BDRY|COAST(?:LINE)?|BORDER|TERRITORIAL\s+WATERS?)"
    r"(?![A-Z])")
_CUT = re.compile(
    r"(?<![A-Z])(?:ONLY\s+)?(?P<how>INCLUDING|EXCLUDING|EXCEPT(?:ING)?)\s+(?:THE\s+)?(?:PORTION|PART|AREA)"
    r"\s+(?P<side>WEST|EAST|NORTH|SOUTH)\s+OF\s+"
    r"(?:(?:THE\s+)?(?:LONGITUDE|LONG|LON|LATITUDE|LAT|MERIDIAN|PARALLEL)\s*)?"
    r"(?P<value>[0-9]{1,3}(?:\.[0-9]+)?)\s*(?:DEG(?:REES?)?\b|°)?\s*(?P<hemi>[NSEW](?![A-Z]))?")
_ANY_CUT = re.compile(
    r"(?<![A-Z])(?:ONLY\s+INCLUDING|INCLUDING\s+ONLY|EXCLUDING|EXCEPT(?:ING)?)\s+(?:THE\s+)?"
    r"(?:PORTION|PART|AREA)S?(?![A-Z])")
_WORLD = 1000.0  # beyond any coordinate: the half-planes are boxes this big


def check_boundaries(prepared: Prepared, lo: int, hi: int) -> None:
    """Refuse a corner list that follows a boundary whose points are not in the text."""
    follows = _FOLLOWS.search(prepared.scan, lo, hi)
    if follows:
        refuse(prepared, f"'{token(prepared, follows.start(), follows.end())}': the area follows a "
               "boundary between two corners, and the boundary's points are not in the text",
               follows.start(), follows.end())


def read_cuts(prepared: Prepared, lo: int, hi: int) -> tuple[Prepared, list[re.Match[str]]]:
    """The clauses of scan[lo:hi] that keep or leave out a portion, and the text with them blank
    (their numbers, `37N`, are not corners). NoticeParseError for a clause that cannot be applied."""
    scan = prepared.scan
    cuts = list(_CUT.finditer(scan, lo, hi))
    known = {m.start() for m in cuts}
    for m in _ANY_CUT.finditer(scan, lo, hi):
        if not any(abs(m.start() - start) <= 5 for start in known):
            refuse(prepared, f"'{token(prepared, m.start(), m.end())}': a clause that keeps or leaves "
                   "out part of the area, which this parser cannot apply", m.start(), m.end())
    if not cuts:
        return prepared, cuts
    pieces, last = [], 0
    for m in cuts:
        pieces += [scan[last:m.start()], " " * (m.end() - m.start())]
        last = m.end()
    pieces.append(scan[last:])
    return dataclasses.replace(prepared, scan="".join(pieces)), cuts


def apply_cuts(prepared: Prepared, areas: list[Area], cuts: list[re.Match[str]]) -> list[Area]:
    """The areas as the clauses make them."""
    for m in cuts:
        areas = [_cut(prepared, area, m) for area in areas]
    return areas


def _cut(prepared: Prepared, area: Area, m: re.Match[str]) -> Area:
    side, value, hemi = m.group("side"), float(m.group("value")), m.group("hemi")
    meridian = side in ("WEST", "EAST")
    if hemi and (hemi in "EW") != meridian:
        refuse(prepared, f"'{token(prepared, m.start(), m.end())}': {side.lower()} of a "
               f"{'latitude' if meridian else 'longitude'}?", m.start(), m.end())
    if hemi in ("W", "S"):
        value = -value
    if abs(value) > (180.0 if meridian else 90.0):
        refuse(prepared, f"'{token(prepared, m.start(), m.end())}': no such "
               f"{'meridian' if meridian else 'parallel'}", m.start(), m.end())
    if meridian:  # in the area's frame of longitudes, which may run past ±180° (shapes.wrapped)
        west, _, east, _ = area.polygon.bounds
        value += 360.0 if value < west - 180.0 else -360.0 if value > east + 180.0 else 0.0
    half = {"WEST": box(-_WORLD, -_WORLD, value, _WORLD), "EAST": box(value, -_WORLD, _WORLD, _WORLD),
            "SOUTH": box(-_WORLD, -_WORLD, _WORLD, value),
            "NORTH": box(-_WORLD, value, _WORLD, _WORLD)}[side]
    including = m.group("how") == "INCLUDING"
    keep = area.polygon.intersection(half) if including else area.polygon.difference(half)
    if isinstance(keep, MultiPolygon) and len(keep.geoms) == 1:
        keep = keep.geoms[0]
    if not isinstance(keep, Polygon) or keep.is_empty or keep.area == 0:
        refuse(prepared, f"'{token(prepared, m.start(), m.end())}' leaves no single area of the corners "
               "given", m.start(), m.end())
    return dataclasses.replace(area, polygon=orient(keep, 1.0), end=max(area.end, m.end()))
