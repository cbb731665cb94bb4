"""Notice text made ready for reading, with every offset still pointing into the original.

`prepare(text)` gives a scan text of the same length as the original, in which
* full-width forms (`３６－０４Ｎ`, `，`, `：`) are their ASCII letters, digits and signs;
* HTML entities that archives leave in (`&apos;`, `&amp;`, `&#39;`) are their character,
  padded with spaces to the entity's length;
* a remark of two to six words in brackets (`S02 25 E120 38 (ON FIR BOUNDARY), …`) is blank;
* zero-width characters and soft hyphens, which web pages and PDFs leave inside words and
  numbers, are taken out (the word closes up; they follow it as spaces);
* a number cut by the medium is joined where only one reading is possible, and refused
  (NoticeParseError naming both pieces) where two are: joined are a compact position cut by
  the line wrap of a NOTAM (`N36⏎0600E1205500`, `N181352E⏎0935859`, seconds on the next line
  `N191000E11151⏎00-N17…`), a hyphenated one wrapped at its hyphen (`36-⏎04N`) or inside its
  minutes (`110-5⏎6.18E`); refused are digits cut by a line break or a space where the pieces
  could be one number or two (`OF 1⏎9-35.85N`, `19 2523S`, `110度5 6.18分`), a break after a
  decimal point (`19-35. 85N`, `5. 4 SEA MILES`, but not an area's number `1. 36-04N`) or
  after a hyphen inside a number (`19-3-⏎5.85N`), and digits alone between a list's dashes.
  Only pieces next to a hemisphere letter or a unit are looked at: dates and times
  (`06-12 2021`, `2200-2359⏎16-19`) are not positions. Joined pieces are put side by side and
  the break is moved behind them.

Offsets into the scan text map back to the original with `Prepared.original`; spans reported
to the user (error tokens, raw text of an area) always come from the original text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..errors import NoticeParseError

_ENTITIES = {"&apos;": "'", "&quot;": '"', "&amp;": "&", "&lt;": "<", "&gt;": ">",
             "&#39;": "'", "&#x27;": "'", "&nbsp;": " "}
_ENTITY = re.compile("|".join(re.escape(name) for name in _ENTITIES))
_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDE.update({0x3000: 0x20, 0x00A0: 0x20, 0x2007: 0x20, 0x202F: 0x20, 0x0D: 0x20, 0x09: 0x20})

_COMPACT_POSITION = re.compile(
    r"[NS][0-9]{4,6}(?:\.[0-9]+)?[EW][0-9]{5,7}(?:\.[0-9]+)?"
    r"|[0-9]{4,6}(?:\.[0-9]+)?[NS][0-9]{5,7}(?:\.[0-9]+)?[EW]"
)
_BREAK = re.compile(
    r"(?<![0-9A-Za-z.\-])(?P<left>(?>[NSEW0-9.][NSEW0-9.\-]*))(?P<gap>(?>[ ]*\n[ ]*(?:\n[ ]*)?|[ ]+))"
    r"(?=(?P<right>(?>\.?[0-9][NSEW0-9.\-]*[0-9NSEW]|\.?[0-9]|[NSEW](?![A-Za-z])))(?![0-9A-Za-z]))"
)
"""A gap between two pieces of number-like text (the right one only looked at, so that it can
be the left one of the next gap). Atomic runs: each piece is its whole run, never retried
shorter, so the scan is linear."""
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_VISIBLE = re.compile("[^\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_WORD_WITH_INVISIBLE = re.compile("[^ \n]*[\u200b\u200c\u200d\u2060\ufeff\u00ad][^ \n]*")
_LETTERED = re.compile(r"[0-9][NSEW]|[NSEW][0-9]")
_UNIT_AFTER = re.compile(
    r"[ ]*(?:NM|KM|M\b|SEA|NAUTICAL|MILE|DEG|海里|千米|公里|해리|킬로|[度分秒도분초°′″'\"〞])", re.IGNORECASE)
_DANGLING = re.compile(r"[0-9]{1,3}-")
_HALF = re.compile(r"[NSEW]?[0-9]{1,3}-[0-9]{1,2}(?:\.[0-9]+)?(?:-[0-9]{1,2}(?:\.[0-9]+)?)?[NSEW]?")
_HEMI = re.compile("[NSEW]")
_DIGIT = re.compile("[0-9]")
_LIST_DASH = re.compile("-(?=[NSEW])|(?<=[NSEW])-")
_NUMBERING = re.compile(r"[0-9]{1,2}\.")
_WHOLE_HALF = re.compile(r"[0-9]{2,3}-[0-9]{2}(?:\.[0-9]+)?(?:-[0-9]{2}(?:\.[0-9]+)?)?[NSEW]"
                         r"|[0-9]{4,7}(?:\.[0-9]+)?[NSEW]")
_LABEL_BEFORE = re.compile(r"(?:AREA|ZONE|POINT|SECTOR|PART|BOX|NO\.?|NR\.?)[ ]*$", re.IGNORECASE)
_BARE = re.compile(r"[0-9]+")
_REMARK = re.compile(r"\((?:[A-Z]{2,}[ ]){1,5}[A-Z]{2,}\)")
"""A remark of words in brackets, `(ON FIR BOUNDARY)`: blank to the reader of corners, which it
used to cut in two (the raw text keeps it)."""
_PAIR_DIGITS = re.compile(r"[0-9]{2}|[0-9]{4}")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_LEADING_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Prepared:
    """The original text, the scan text (same length) and the moved stretches of a join."""

    original: str
    scan: str
    moves: tuple[tuple[int, int, int], ...] = ()
    """(lo, hi, shift): scan offsets in [lo, hi) are original offsets minus shift."""
    starts: tuple[int, ...] = ()
    """The lo of each move, for bisecting."""
    base: Prepared | None = None
    """The stage this one was made from (its offsets are mapped through it)."""

    def at(self, offset: int) -> int:
        """The original offset of a scan offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0:
            lo, hi, shift = self.moves[index]
            if lo <= offset < hi:
                offset += shift
        return self.base.at(offset) if self.base is not None else offset

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of a scan span (its end included when it ends a moved piece)."""
        return self.at(start), self.at(end - 1) + 1 if end > start else self.at(start)


def prepare(text: str) -> Prepared:
    """The scan text of a notice: same length, normalised, numbers cut by the medium joined
    where that is certain; NoticeParseError where a cut number could be read two ways."""
    scan = text.translate(_WIDE)
    scan = _ENTITY.sub(lambda m: _ENTITIES[m.group()].ljust(len(m.group())), scan)
    scan = _REMARK.sub(lambda m: " " * len(m.group()), scan)
    stage = _without_invisible(text, scan)
    for _ in range(3):  # a joined piece can be the left one of the next cut (N1⏎64200E11336⏎00-)
        joined = _joined(stage)
        if joined is stage:
            break
        stage = joined
    return stage


def _without_invisible(text: str, scan: str) -> Prepared:
    """Zero-width characters and soft hyphens (what web pages and PDFs put inside words and
    numbers) taken out of their word, which closes up; they are put back, as spaces, behind it."""
    if not _INVISIBLE.search(scan):
        return Prepared(text, scan)
    pieces: list[str] = []
    moves: list[tuple[int, int, int]] = []
    last = 0
    for word in _WORD_WITH_INVISIBLE.finditer(scan):
        pieces.append(scan[last : word.start()])
        out_at, closed = word.start(), []
        for part in _VISIBLE.finditer(scan, word.start(), word.end()):
            if part.start() != out_at:
                moves.append((out_at, out_at + len(part.group()), part.start() - out_at))
            out_at += len(part.group())
            closed.append(part.group())
        joined = "".join(closed)
        pieces.append(joined + " " * (word.end() - word.start() - len(joined)))
        last = word.end()
    pieces.append(scan[last:])
    return Prepared(text, "".join(pieces), tuple(moves), tuple(lo for lo, _, _ in moves))


def _joined(stage: Prepared) -> Prepared:
    """Numbers cut by a line break or a space: joined when certain, refused when not."""
    scan = stage.scan
    pieces: list[str] = []
    moves: list[tuple[int, int, int]] = []
    last = 0
    for m in _BREAK.finditer(scan):
        if m.start() < last:
            continue  # its left piece was the right one of a join
        left, gap, right = m.group("left", "gap", "right")
        decision = _cut(scan, m)
        if decision is None:
            continue
        if decision != _JOIN:
            lo, hi = stage.span(m.start(), m.end("right"))
            raise NoticeParseError(decision.format(cut=_shown(left, gap, right)), stage.original, lo, hi)
        pieces.append(scan[last : m.start()])
        pieces.append(left + right + gap)
        right_at = m.start() + len(left)
        moves.append((right_at, right_at + len(right), len(gap)))
        last = m.end("right")
    if not moves:
        return stage
    pieces.append(scan[last:])
    return Prepared(stage.original, "".join(pieces), tuple(moves), tuple(lo for lo, _, _ in moves),
                    stage if stage.moves else None)


def _shown(left: str, gap: str, right: str) -> str:
    return left + ("⏎" if "\n" in gap else "␣") + right


_JOIN = "join"


def _cut(scan: str, m: re.Match[str]) -> str | None:
    """Whether the gap between two pieces of text cuts a number: _JOIN when the pieces are
    certainly one number, a refusal message ({cut} names them) when they could be read two
    ways, None when the gap is an ordinary one."""
    left, gap, right = m.group("left", "gap", "right")
    left = _LIST_DASH.split(left)[-1]  # N3636E12236-N36⏎…: the list's last position
    right = _LIST_DASH.split(right)[0]  # …⏎0600E1205500-N3519E12454: its first
    if not _DIGIT.search(left):
        return None
    wrapped = "\n" in gap
    if wrapped and _joins(left, right):
        return _JOIN  # a compact position cut by the line wrap (N36⏎0600E1205500)
    after = scan[m.end("right"):m.end("right") + 1]
    if _COMPACT_POSITION.fullmatch(left) and _PAIR_DIGITS.fullmatch(right) \
            and _COMPACT_POSITION.fullmatch(left + right) and after in ("-", ""):
        if wrapped:
            return _JOIN  # N191000E11151⏎00-N17…: its seconds on the next line, then the list goes on
        return "'{cut}': a space inside a position: one number or two?"
    # a position's pieces carry a hemisphere letter or a unit: 06-12 2021, 2200-2359⏎16-19 are dates
    near_position = bool(_LETTERED.search(left) or _LETTERED.search(right)
                         or _UNIT_AFTER.match(scan, m.end("right")))
    if not near_position:
        return None
    if left.endswith("-"):
        if _HEMI.search(left) and _BARE.fullmatch(right) and after == "-":
            return "'{cut}': digits alone between two dashes of a list: the end of a position cut off?"
        if not wrapped or _HEMI.search(left):
            return None  # 33 - 16N, 19- 35.85N: a spaced hyphen; 12430E-⏎: a list's dash
        if _DANGLING.fullmatch(left) and "-" not in right and _HEMI.search(right) \
                and _HALF.fullmatch(left + right):
            return _JOIN  # 36-⏎04N: a hyphenated position wrapped at its hyphen
        return "'{cut}': a line break after a hyphen inside a number: one number or two?"
    if left.endswith("."):
        if len(left) < 2 or not left[-2].isdigit():
            return None  # 123-53E. ⏎ 2. …: a sentence's end
        if _NUMBERING.fullmatch(left) and (_opens_item(scan, m.start()) or _WHOLE_HALF.fullmatch(right)):
            return None  # 1. 36-04N, … 124-54E 2. 33-16N: an area's number
        return "'{cut}': a break after the decimal point of a number: is it one number?"
    if right.startswith("."):
        return "'{cut}': a break before the decimal point of a number: is it one number?"
    if not right[0].isdigit():
        return None
    if "-" in left and not _HEMI.search(left):
        if not _HALF.fullmatch(left + "N"):
            return None  # 0550-0708 0N 23: times (and a typo), not a position's degrees
        if wrapped and _HALF.fullmatch(left + right) and not _HALF.fullmatch(right):
            return _JOIN  # 110-5⏎6.18E: minutes wrapped in the middle
        return "'{cut}': a break inside a hyphenated number: one number or two?"
    if not _NUMBER.fullmatch(left):
        return None
    right_digits = _LEADING_DIGITS.match(right)
    labelled = _LABEL_BEFORE.search(scan, max(0, m.start() - 12), m.start())
    if labelled and len(left) <= 2 and _WHOLE_HALF.fullmatch(right):
        return None  # AREA 3 36-04N: the area's number, then its first corner
    if (wrapped or "-" in right or not _BARE.fullmatch(left)
            or (_NUMBER.fullmatch(right) and _UNIT_AFTER.match(scan, m.end("right")))
            or len(left) > 3 or (right_digits and len(right_digits.group()) > 3)):
        # 1⏎9-35.85N, 19 2523S, 1925 23S, 110度5 6.18分, 56.1 8分: never a spaced DMS (12 39 14N)
        return "'{cut}': a break between digits: one number or two?"
    return None


def _opens_item(scan: str, at: int) -> bool:
    """Whether what starts at `at` opens a line or a list item (1. 36-04N …, A) …)."""
    before = scan[:at].rstrip(" ")
    return not before or before[-1] in "\n:;,(（：；，、"


def _joins(left: str, right: str) -> bool:
    """Whether two pieces either side of a line break are one compact position."""
    whole = _COMPACT_POSITION.fullmatch
    return bool(whole(left + right)) and not whole(left) and not whole(right)
