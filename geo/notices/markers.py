"""Labels that number the areas (or the corners) of a notice.

`AREA 1:`, `AREA A`, `ZONE 2`, `1.`, `1)`, `(1)`, `1、`, `A.`, `A)`, `A:`, `区域一`, `A区`,
`1구역`, `POINT 3`, `点3`. A label inside a position (`N3604E…`) is not a marker. Whether a
run of markers numbers areas or corners is decided by what lies between them (geo.notices.areas).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .positions import Position

_CJK_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_MARKER = re.compile(
    r"(?<![^\s;:,.(（\[。、])"
    r"(?:(?P<kw>(?i:area|zone|sector))(?:\s+|(?=[0-9]))(?:(?i:no)\.?\s*)?"
    r"(?P<kl>[0-9]{1,2}|[A-Z])(?![A-Za-z0-9])(?:\s*[:.)\-])?"
    r"|(?:区域|區域|区|區|구역|海域)\s*(?P<cl>[0-9]{1,2}|[A-Z]|[一二三四五六七八九十])(?![0-9])"
    r"|(?P<sl>[0-9]{1,2}|[A-Z])\s*(?:区域|區域|区|區|구역)"
    r"|(?:(?i:point|pt)\s*|点|點)(?P<pn>[0-9]{1,2})(?![0-9])"
    r"|[(（](?P<pal>[0-9]{1,2}|[A-Z])[)）]"
    r"|(?P<nl>[0-9]{1,2})(?:[.)](?=\s)|、)"
    r"|(?P<al>[A-Z])(?:[.)](?=\s)|:(?=\s|[0-9]))"
    r")"
)


@dataclass(frozen=True)
class Marker:
    """One label: where it is, as written (`1`, `B`), its rank (B is 2) and its form."""

    start: int
    end: int
    label: str
    number: int
    keyword: bool  # AREA 1, 区域一, A区: says it numbers an area
    in_parentheses: bool  # (AREA 1), (2): may follow what it labels


def read_markers(scan: str, lo: int, hi: int, positions: Sequence[Position]) -> list[Marker]:
    """Every marker in scan[lo:hi] outside the positions, in order (one pass over both)."""
    found: list[Marker] = []
    index = 0
    for m in _MARKER.finditer(scan, lo, hi):
        while index < len(positions) and positions[index][3] <= m.start():
            index += 1
        if index < len(positions) and positions[index][2] <= m.start():
            continue  # a letter or digits of a position
        label = next(m.group(g) for g in ("kl", "cl", "sl", "pn", "pal", "nl", "al") if m.group(g))
        keyword = bool(m.group("kw") or m.group("cl") or m.group("sl"))
        before = scan[m.start() - 1] if m.start() > 0 else ""
        closed = m.group().endswith((")", "）")) or scan[m.end() : m.end() + 1] in (")", "）")
        parenthesised = bool(m.group("pal")) or (before != "" and before in "(（" and closed)
        found.append(Marker(m.start(), m.end(), label, _rank(label), keyword, parenthesised))
    return found


def _rank(label: str) -> int:
    """1 for '1', 'A' and '一'; 2 for '2', 'B', '二'…"""
    if label.isdigit():
        return int(label)
    if label in _CJK_NUMERALS:
        return _CJK_NUMERALS[label]
    return ord(label) - ord("A") + 1
