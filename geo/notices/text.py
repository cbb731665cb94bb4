"""Notice text made ready for reading, with every offset still pointing into the original.

`prepare(text)` gives a scan text of the same length as the original, in which
* full-width forms (`３６－０４Ｎ`, `，`, `：`) are their ASCII letters, digits and signs;
* HTML entities that archives leave in (`&apos;`, `&amp;`, `&#39;`) are their character,
  padded with spaces to the entity's length;
* a compact position cut by the line wrap of a NOTAM (`N36⏎0600E1205500`,
  `N181352E⏎0935859`) is joined: the two pieces are put side by side and the line break is
  moved behind them. Pieces are joined only when neither is a whole position and together
  they are one (`N3604E12430` style or `3604N12430E` style).

Offsets into the scan text map back to the original with `Prepared.original`; spans reported
to the user (error tokens, raw text of an area) always come from the original text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_ENTITIES = {"&apos;": "'", "&quot;": '"', "&amp;": "&", "&lt;": "<", "&gt;": ">",
             "&#39;": "'", "&#x27;": "'", "&nbsp;": " "}
_ENTITY = re.compile("|".join(re.escape(name) for name in _ENTITIES))
_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDE.update({0x3000: 0x20, 0x00A0: 0x20, 0x2007: 0x20, 0x202F: 0x20, 0x0D: 0x20, 0x09: 0x20})

_COMPACT_POSITION = re.compile(
    r"[NS][0-9]{4,6}(?:\.[0-9]+)?[EW][0-9]{5,7}(?:\.[0-9]+)?"
    r"|[0-9]{4,6}(?:\.[0-9]+)?[NS][0-9]{5,7}(?:\.[0-9]+)?[EW]"
)
_WRAP = re.compile(
    r"(?<![0-9A-Za-z.])(?P<left>(?>[NSEW0-9.]*[0-9][NSEW0-9.]*))(?P<gap>[ ]*+\n[ ]*+)"
    r"(?P<right>(?>[NSEW0-9.]*[0-9][NSEW0-9.]*)|[NSEW])(?![0-9A-Za-z])"
)
"""Atomic runs: each piece is its whole run, never retried shorter, so the scan is linear."""


@dataclass(frozen=True)
class Prepared:
    """The original text, the scan text (same length) and the moved stretches of a join."""

    original: str
    scan: str
    moves: tuple[tuple[int, int, int], ...] = ()
    """(lo, hi, shift): scan offsets in [lo, hi) are original offsets minus shift."""
    starts: tuple[int, ...] = ()
    """The lo of each move, for bisecting."""

    def at(self, offset: int) -> int:
        """The original offset of a scan offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0:
            lo, hi, shift = self.moves[index]
            if lo <= offset < hi:
                return offset + shift
        return offset

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of a scan span (its end included when it ends a moved piece)."""
        return self.at(start), self.at(end - 1) + 1 if end > start else self.at(start)


def prepare(text: str) -> Prepared:
    """The scan text of a notice: same length, normalised, wrapped positions joined."""
    scan = text.translate(_WIDE)
    scan = _ENTITY.sub(lambda m: _ENTITIES[m.group()].ljust(len(m.group())), scan)
    if "\n" not in scan:
        return Prepared(text, scan)
    pieces: list[str] = []
    moves: list[tuple[int, int, int]] = []
    last = 0
    for m in _WRAP.finditer(scan):
        left, gap, right = m.group("left", "gap", "right")
        if not _joins(left, right):
            continue
        pieces.append(scan[last : m.start()])
        pieces.append(left + right + gap)
        right_at = m.start() + len(left)
        moves.append((right_at, right_at + len(right), len(gap)))
        last = m.end()
    if not moves:
        return Prepared(text, scan)
    pieces.append(scan[last:])
    return Prepared(text, "".join(pieces), tuple(moves), tuple(lo for lo, _, _ in moves))


def _joins(left: str, right: str) -> bool:
    """Whether two pieces either side of a line break are one compact position."""
    whole = _COMPACT_POSITION.fullmatch
    return bool(whole(left + right)) and not whole(left) and not whole(right)
