"""Radii and bearings written in a notice, in English, Chinese, Japanese and Korean.

* a radius: `RADIUS 20NM`, `CIRCLE RADIUS 2.5 KM`, `WITHIN 20 NAUTICAL MILES OF`,
  `WITHIN 5.4 SEA MILES RADIUS OF`, `WI 5NM OF`, `36-04N 124-30E RADIUS 500M`,
  `5.4海里为半径`, `半径3千米`, `반경 5.4해리`, `半径5.4海里`;
* two radii (an annulus): `BETWEEN 5NM AND 20NM`, `RADIUS 5 TO 20NM`, `INNER RADIUS 5NM …
  OUTER RADIUS 20NM`, `半径5至20海里`;
* bearings (a sector, clockwise from the first to the second): `COVERING BEARINGS FROM 162
  DEGREE TO 198 DEGREE`, `BRG 090-180`, `AZIMUTH 090 TO 180`, `SECTOR FROM 090 DEG TO 180
  DEG`, `BETWEEN BEARINGS 350 AND 010 TRUE`, `方位162度至198度`, `방위 162도에서 198도`.

A mile with no "nautical" or "sea" is refused: it could be a statute mile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import refuse, token
from .languages import RADIUS_AFTER, RADIUS_BEFORE, UNIT, unit_metres
from .text import Prepared

_NUM = r"[0-9]+(?:\.[0-9]+)?"
_U = rf"(?:{UNIT})(?![A-Za-z])"
_DEG = r"(?:\s*(?:DEG(?:REE)?S?|°|度|도)\.?)?(?:\s*T(?:RUE)?(?![A-Za-z]))?"
_TO = r"\s*(?:TO|THRU|THROUGH|AND|-|–|~|～|至|到|から|에서|부터)\s*"

_RANGE = re.compile(
    rf"(?<![A-Za-z])(?:BETWEEN|BTN)\s+(?:RADI(?:US|I)\s+(?:OF\s+)?)?(?P<a>{_NUM})\s*(?P<au>{_U})?"
    rf"\s*(?:AND|-|TO)\s*(?P<b>{_NUM})\s*(?P<bu>{_U})"
    rf"|(?<![A-Za-z])RADI(?:US|I)\s+(?:OF\s+)?(?P<c>{_NUM})\s*(?P<cu>{_U})?\s*(?:TO|-)\s*(?P<d>{_NUM})"
    rf"\s*(?P<du>{_U})"
    rf"|(?:{RADIUS_BEFORE})\s*(?P<e>{_NUM})\s*(?P<eu>{_U})?\s*(?:至|到|-|~|～|에서)\s*(?P<f>{_NUM})"
    rf"\s*(?P<fu>{_U})",
    re.IGNORECASE,
)
_RADIUS = re.compile(
    rf"(?<![A-Za-z])(?:(?P<q>INNER|OUTER)\s*)?(?:CIRCLE\s+)?RADI(?:US|I)\s*(?:OF\s+)?(?:IS\s+)?"
    rf"(?P<a>{_NUM})\s*(?P<au>{_U})"
    rf"|(?<![A-Za-z])(?:WITHIN|WI)\s+(?:A\s+)?(?:RADIUS\s+(?:OF\s+)?)?(?P<b>{_NUM})\s*(?P<bu>{_U})"
    rf"(?:\s*RADIUS)?(?:\s+(?:OF|FROM|AROUND))?(?![A-Za-z])"
    rf"|(?<![0-9.])(?P<c>{_NUM})\s*(?P<cu>{_U})\s*(?:IN\s+)?RADIUS(?:\s+(?:OF|FROM|AROUND))?(?![A-Za-z])"
    rf"|(?:{RADIUS_BEFORE})\s*(?:为|為|은|는|이)?\s*(?P<d>{_NUM})\s*(?P<du>{_U})"
    rf"|(?<![0-9.])(?P<e>{_NUM})\s*(?P<eu>{_U})\s*{RADIUS_AFTER}",
    re.IGNORECASE,
)
_COMPASS = rf"正?[东南西北東](?:\s*偏\s*[东南西北東]\s*{_NUM}\s*(?:°|度)?)?"
"""A Chinese compass direction: 正东 (90°), 正南偏西6° (186°), 北偏东30度 (30°)."""
_POINTS = {"北": 0.0, "东": 90.0, "東": 90.0, "南": 180.0, "西": 270.0}
_COMPASS_PARTS = re.compile(rf"正?(?P<base>[东南西北東])(?:\s*偏\s*(?P<to>[东南西北東])\s*(?P<deg>{_NUM}))?")
_BEARINGS = re.compile(
    rf"(?<![A-Za-z])(?:BETWEEN\s+|BTN\s+)?(?:TRUE\s+)?(?:BEARINGS?|BRGS?|AZIMUTHS?|SECTOR(?=\s+(?:FROM|BETWEEN|BTN)\s))\s*"
    rf"(?:FROM\s+|BETWEEN\s+|BTN\s+)?(?P<a>{_NUM}){_DEG}{_TO}(?P<b>{_NUM}){_DEG}"
    rf"|(?:真?方位角?|방위각?)\s*(?:从|從)?\s*(?P<c>{_NUM}){_DEG}{_TO}(?P<d>{_NUM}){_DEG}(?:까지)?"
    rf"|(?P<e>{_COMPASS})\s*(?:方向)?\s*(?:至|到)\s*(?P<f>{_COMPASS})\s*(?:方向)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Radius:
    """One radius in metres, or two (inner, outer) for an annulus; where it is written."""

    metres: float
    start: int
    end: int
    inner_metres: float | None = None
    qualifier: str | None = None  # 'inner' or 'outer' when the text says so


@dataclass(frozen=True)
class Bearings:
    """A sector's bearings in degrees true, clockwise from `start_deg` to `end_deg`."""

    start_deg: float
    end_deg: float
    start: int
    end: int


def read_radii(prepared: Prepared, lo: int, hi: int) -> list[Radius]:
    """Every radius phrase in scan[lo:hi], in order (annuli first claim their text)."""
    text = prepared.scan
    out: list[Radius] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(text, lo, hi):
        groups = [g for g in ("a", "c", "e") if m.group(g)]
        first = groups[0]
        second = {"a": "b", "c": "d", "e": "f"}[first]
        unit = m.group(second + "u")
        inner_unit = m.group(first + "u") or unit
        inner = _metres(prepared, m.group(first), inner_unit, m)
        outer = _metres(prepared, m.group(second), unit, m)
        if not inner < outer:
            refuse(prepared, "the inner radius must be smaller than the outer one", m.start(), m.end())
        out.append(Radius(outer, m.start(), m.end(), inner_metres=inner))
        taken.append(m.span())
    index = 0
    for m in _RADIUS.finditer(text, lo, hi):
        while index < len(taken) and taken[index][1] <= m.start():
            index += 1
        if index < len(taken) and taken[index][0] <= m.start():
            continue  # inside an annulus already read
        group = next(g for g in "abcde" if m.group(g))
        if m.start(group) == m.start():  # the number opens the phrase: nothing before it is read
            _check_alone(prepared, m.start(group), m.end(group + "u"))
        metres = _metres(prepared, m.group(group), m.group(group + "u"), m)
        qualifier = m.group("q").lower() if group == "a" and m.group("q") else None
        out.append(Radius(metres, m.start(), m.end(), qualifier=qualifier))
    out.sort(key=lambda r: r.start)
    return _pair_inner_outer(out)


def read_bearings(prepared: Prepared, lo: int, hi: int) -> list[Bearings]:
    """Every pair of bearings in scan[lo:hi], in order."""
    out = []
    for m in _BEARINGS.finditer(prepared.scan, lo, hi):
        if m.group("e"):
            first, second = m.group("e"), m.group("f")
            values = _compass(prepared, m, first), _compass(prepared, m, second)
        else:
            first, second = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
            values = float(first), float(second)
        if not all(0.0 <= v <= 360.0 for v in values):
            refuse(prepared, f"bearings {first} and {second} must be between 0 and 360 degrees",
                   m.start(), m.end())
        if values[0] % 360.0 == values[1] % 360.0:
            refuse(prepared, f"bearings from {first} to {second} enclose no sector", m.start(), m.end())
        out.append(Bearings(values[0], values[1], m.start(), m.end()))
    return out


def _compass(prepared: Prepared, m: re.Match[str], written: str) -> float:
    """The bearing of a compass direction (正南偏西6° is 186°); refused when the turn is not
    toward a neighbouring point (北偏南)."""
    parts = _COMPASS_PARTS.match(written)
    assert parts is not None  # the same pattern found it
    base = _POINTS[parts["base"]]
    if parts["to"] is None:
        return base
    turn = (_POINTS[parts["to"]] - base) % 360.0
    if turn not in (90.0, 270.0) or float(parts["deg"]) >= 90.0:
        refuse(prepared, f"'{written}': not a compass direction", m.start(), m.end())
    return (base + (float(parts["deg"]) if turn == 90.0 else -float(parts["deg"]))) % 360.0


def _check_alone(prepared: Prepared, start: int, end: int) -> None:
    """Refuse a radius whose number is glued to a sign or to the text before it.

    `-5 NM` is not a radius and `5E2 NM` is not 2 NM: reading the digits alone would draw
    a circle the text does not give.
    """
    text = prepared.scan
    before = text[start - 1] if start > 0 else ""
    if before in "-−–" and (start < 2 or not text[start - 2].isalnum()):
        refuse(prepared, f"'{token(prepared, start - 1, end)}': a radius cannot be negative", start - 1, end)
    if before.isalnum() or before == ".":
        lo = start - 1
        while lo > 0 and (text[lo - 1].isalnum() or text[lo - 1] in ".+-"):
            lo -= 1
        refuse(prepared, f"'{token(prepared, lo, end)}': the radius's number is glued to the text "
               "before it; write the number alone", lo, end)


def _metres(prepared: Prepared, number: str, unit: str, m: re.Match[str]) -> float:
    """The length in metres; a bare mile is refused."""
    per_unit = unit_metres(unit)
    if per_unit == 0.0:
        refuse(prepared, f"'{unit.strip()}' could be nautical or statute miles: write NM or KM",
               m.start(), m.end())
    return float(number) * per_unit


def _pair_inner_outer(radii: list[Radius]) -> list[Radius]:
    """An INNER RADIUS followed by an OUTER RADIUS (or the reverse) is one annulus."""
    out: list[Radius] = []
    for radius in radii:
        previous = out[-1] if out else None
        if (previous is not None and previous.qualifier and radius.qualifier
                and previous.qualifier != radius.qualifier):
            inner, outer = (previous, radius) if previous.qualifier == "inner" else (radius, previous)
            out[-1] = Radius(outer.metres, previous.start, radius.end, inner_metres=inner.metres)
            continue
        out.append(radius)
    return out
