"""Positions as notices write them, latitude first.

Accepted forms (a latitude and the longitude right after it, separated by nothing, spaces,
one line break, a comma, a slash or `、`):

* hyphenated `36-04N 124-30E`, `36-04.5N`, `35-44-06N`, `33 - 16N`, and glued to text
  `以19-35.85N 110-56.18E为中心`, `31-12.18N123-42.69E`;
* compact `3604N 12430E`, `360400N 1243000E`, `3604.5N` and NOTAM style `N3604E12430`,
  `N360400E1243000`, `S243343 E0861428` (a repeated letter, `N1701E09340E`, is the same);
* degrees, minutes and seconds separated by spaces: `12 39 14N 119 41 06E`,
  `44 30 00 S 173 21 36 E`, `06 41S 089 16E` (latitude and longitude with as many numbers),
  and with the letter first `S56 27 E075 07`, `S 09 52 E 088 44`, `S40 53 00 E 094 23 00`;
* symbols `36°04′N`, `36°04'N`, `35°44′06″N`, curly quotes `35° 44’06”`, ASCII `36d04'N`,
  `36 deg 04 min N`, and the letter first `N 39°24′35″、E 119°13′44″`;
* Chinese, Japanese and Korean words: `北緯36度04分 東経124度30分`, `北纬19度35.85分`,
  `북위 36도 04분 동경 124도 30분`, `위도 36도 04분, 경도 124도 30분` (read as north, east);
* decimal degrees `36.0667N 124.5E`, `36.0667°N` and a bare pair `36.0667, 124.5`
  (a minus sign means south or west).

Hemisphere letters are the capitals N, S, E and W, before or after the number. Compact digits
are split by their count: latitude DD, DDMM or DDMMSS, longitude DDD, DDDMM or DDDMMSS.

Nothing is guessed. A latitude with no longitude right after it, a longitude with no
latitude, a letter that is not a hemisphere, minutes or seconds of 60 or more, digits that
cannot be split, and numbers separated by spaces that could be read two ways
(`5 12 39N 119 41E`: is the latitude 12°39′ or 5°12′39″?) are refused with the token named.
The old reading of `12 39 14N 119 41 06E` as the point 14°N 6°E cannot happen: numbers
separated by spaces before a letter are all part of the position or the text is refused.
A pair written with degree symbols and no letters at all (`35° 44’06 “/ 124° 30’30”`) is read
as north and east. Plain angles such as `90°` and lone decimals such as `1.5` are not positions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..errors import NoticeParseError
from .degrees import Fields, Half, check_range, degrees_of
from .errors import refuse, token
from .languages import DEGREE_MARKS, HEMISPHERE_WORD, HEMISPHERE_WORDS, MINUTE_MARKS, SECOND_MARKS
from .limits import MAX_NOTICE_CHARS, check_size
from .text import Prepared, prepare

Position = tuple[float, float, int, int]
"""(lon, lat, start, end): a position and the span of text it was read from."""


# --- the pieces of a written position ------------------------------------------------------

_NUM = r"[0-9]+(?:\.[0-9]+)?(?!\.?[0-9])"
_DEG = r"(?:[°º˚]|deg(?:rees?)?\.?|d(?=\s?[0-9]))"
_MIN = r"(?:[′'’‘´]|min(?:utes?)?\.?)"
_SEC = r"(?:''|′′|[″”“\"〞〟]|sec(?:onds?)?\.?)"
_SYM = rf"{_NUM}\s?{_DEG}(?:\s?{_NUM}\s?{_MIN}?(?:\s?{_NUM}\s?{_SEC}?)?)?"
_DASH = r"\-‐‑–−"  # hyphen-minus, hyphen, non-breaking hyphen, en dash, minus sign
_HYP = rf"{_NUM} ?[{_DASH}] ?{_NUM}(?: ?[{_DASH}] ?{_NUM})?"
_DEC = r"[0-9]+\.[0-9]+(?![0-9])"
_BODY = rf"(?:{_SYM}|{_HYP}|{_DEC})"
_SPACED = r"[0-9]{1,3}(?:[ \t]+[0-9]{2}(?:\.[0-9]+)?){1,2}"
_CJK_NUM = r"[0-9]+(?:\.[0-9]+)?"
_CJK_BODY = (
    rf"{_CJK_NUM}[ \t]*[{DEGREE_MARKS}](?:[ \t]*{_CJK_NUM}[ \t]*[{MINUTE_MARKS}]"
    rf"(?:[ \t]*{_CJK_NUM}[ \t]*[{SECOND_MARKS}])?)?"
    rf"|{_HYP}|[0-9]{{2,7}}(?:\.[0-9]+)?"
)
_PAIR = (
    r"(?P<plat>[-−+]?[0-9]{1,2}\.[0-9]+)\s*[,/]\s*(?P<plon>[-−+]?[0-9]{1,3}\.[0-9]+)"
    r"(?!\.?[0-9]|[A-Za-z°º˚]|\s[NSEW](?![A-Za-z]))"
)
_START = (  # not inside a number or word; right after a position, or a word and a dash (DCT-1215N)
    rf"(?:(?<![0-9A-Za-z_.{_DASH}])|(?<=[0-9][NSEW])|(?<=[0-9][NSEW][{_DASH}])"
    rf"|(?<=[A-Za-z][{_DASH}])(?=[0-9]{{4}}))"
)

_SCAN = re.compile(
    # a bare decimal pair: 36.0667, 124.5
    rf"(?<![0-9A-Za-z_.+{_DASH}])(?P<pair>{_PAIR})"
    # a CJK hemisphere word then the number: 北緯36度04分, 북위 36도 04분
    rf"|(?P<cw>{HEMISPHERE_WORD})[ \t]*(?P<cb>{_CJK_BODY})(?:[ \t]*(?P<cx>[NSEW])(?![A-Za-z]))?"
    # numbers separated by spaces, then the letter: 12 39 14N, 44 30 00 S
    rf"|{_START}(?P<qb>{_SPACED})[ \t]*(?P<qh>[NSEW])(?![A-Za-z])"
    # the letter, then numbers separated by spaces: S56 27, S 09 52, E 094 23 00
    rf"|(?<![0-9A-Za-z])(?P<qp>[NSEW])[ \t]*(?P<qpb>{_SPACED})(?![0-9]|\.[0-9])"
    # number then hemisphere: 36-04N, 36°04′ N, 3604N (compact needs the letter attached)
    rf"|{_START}"
    rf"(?:(?P<sb>{_BODY})(?:\s?(?P<sh>[NSEW])|(?P<sx>[A-Za-z]))"
    r"|(?P<ib>[0-9]{2,})(?P<ih>[A-Za-z]))(?![A-Za-z])"
    # hemisphere then number: N3604, N 36°04′, N1701E09340E (not when the number has its own letter)
    rf"|(?<![A-Za-z])(?P<pre>[NSEW])(?:\s?(?P<pb>{_BODY})|(?P<pi>[0-9]{{4,}}(?:\.[0-9]+)?))"
    r"(?P<rep>[NSEW](?![A-Za-z0-9]))?(?![0-9])(?![A-Za-z](?![A-Za-z0-9]))"
    # degree symbols without any hemisphere letter: 35° 44’06 “
    rf"|(?<![0-9A-Za-z_.{_DASH}])(?P<nb>{_SYM})(?![0-9]|\s?[°º˚])"
)
_SYM_PARTS = re.compile(
    rf"(?P<d>[0-9]+(?:\.[0-9]+)?)\s?{_DEG}"
    rf"(?:\s?(?P<m>[0-9]+(?:\.[0-9]+)?)\s?{_MIN}?(?:\s?(?P<s>[0-9]+(?:\.[0-9]+)?)\s?{_SEC}?)?)?"
)
_HYP_PARTS = re.compile(
    rf"(?P<d>[0-9]+(?:\.[0-9]+)?) ?[{_DASH}] ?(?P<m>[0-9]+(?:\.[0-9]+)?)"
    rf"(?: ?[{_DASH}] ?(?P<s>[0-9]+(?:\.[0-9]+)?))?"
)
_CJK_PARTS = re.compile(
    rf"(?P<d>{_CJK_NUM})[ \t]*[{DEGREE_MARKS}](?:[ \t]*(?P<m>{_CJK_NUM})[ \t]*[{MINUTE_MARKS}]"
    rf"(?:[ \t]*(?P<s>{_CJK_NUM})[ \t]*[{SECOND_MARKS}])?)?"
)
_NUMBERS = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_TEMPERATURE_UNITS = "CFK"
_PAIR_GAP = re.compile(r"[ \t]*(?:[,/、][ \t]*)?(?:\n[ \t]*)?")
_LOOSE_GAP = re.compile(r"[\s,/]*")
_MORE_NUMBERS = re.compile(r"[ \t]+[0-9]")
_NEXT_WORD = re.compile(rf"[\s,;/{_DASH}]*(?P<word>(?>[0-9A-Za-z.]+))")
_POSITION_LIKE = re.compile(r"[0-9NSEW.]+")
_LETTER_BY_DIGIT = re.compile(r"[0-9][NSEW]|[NSEW][0-9]")
_FRAGMENT_REACH = 24
_UNIT = re.compile(r"[ ]*(?:NM|KM|M\b|SEA|NAUTICAL|MILE|海里|千米|公里|해리|킬로)", re.IGNORECASE)
_ROUTE_LIKE = re.compile(r"(?:[0-9]{1,2}\.)?[NSEW][0-9]{1,3}")
_LIST_DASH_BEFORE = re.compile(rf"[ \t]*[{_DASH}][ \t]*")
_NUMBER_BEFORE = re.compile(rf"(?<![0-9A-Za-z.])[0-9]{{1,3}}(?:\.[0-9]+)?[ \t]*[{_DASH}]?[ \t]*\n?[ \t]*$")


# --- public --------------------------------------------------------------------------------


def read_positions(prepared: Prepared, lo: int, hi: int) -> list[Position]:
    """Positions in scan[lo:hi], in order, with scan spans. Raises NoticeParseError."""
    positions = _pair_up(prepared, list(_scan(prepared, lo, hi)))
    _check_fragments(prepared, positions, hi)
    return positions


def _check_fragments(prepared: Prepared, positions: Sequence[Position], hi: int) -> None:
    """Refuse a piece of a position that no form reads, right after a position (`…E10713-N384⏎
    3E107⏎03`: a corner cut twice), which would otherwise be left out of the list unseen."""
    if not positions:
        return
    scan = prepared.scan
    starts = [start for _, _, start, _ in positions[1:]] + [hi]
    for (_, _, _, end), following in zip(positions, starts, strict=True):
        word = _NEXT_WORD.match(scan, end, hi)
        if word is None or word.start("word") >= following:
            continue  # nothing, or the next position
        text, at = word.group("word"), word.start("word")
        if not (_POSITION_LIKE.fullmatch(text) and _LETTER_BY_DIGIT.search(text)) \
                or _UNIT.match(scan, word.end()):
            continue  # a word, or a measure (5E2 NM: the radius's own check names it)
        if _ROUTE_LIKE.fullmatch(text) and not _LIST_DASH_BEFORE.fullmatch(scan, end, at):
            continue  # 1.N571, W12: an air route's name, unless a list of positions runs into it
        refuse(prepared, f"'{token(prepared, at, word.end())}' looks like a piece of a position that "
               "cannot be read (cut, or mistyped)", at, word.end())


# --- scanning ------------------------------------------------------------------------------


def _scan(prepared: Prepared, lo: int, hi: int) -> Iterable[Half | Position]:
    """Yield halves of positions and ready bare decimal pairs, in text order."""
    text = prepared.scan
    for m in _SCAN.finditer(text, lo, hi):
        if m.group("pair"):
            yield _decimal_pair(prepared, m)
        elif m.group("cw"):
            yield _cjk(prepared, m)
        elif m.group("qb"):
            yield _spaced(m.start("qb"), m.end(), m.group("qh"), m.group("qb"))
        elif m.group("qp"):
            if _MORE_NUMBERS.match(text, m.end()):
                refuse(prepared, f"too many numbers after '{token(prepared, m.start(), m.end())}': "
                       "a position has at most degrees, minutes and seconds", m.start(), m.end())
            spaced = _spaced(m.start(), m.end(), m.group("qp"), m.group("qpb"))
            yield Half(spaced.start, spaced.end, spaced.hemi, "spaced", _fields(spaced.numbers), None)
        elif m.group("sb"):
            suffixed = _suffixed(prepared, m)
            if suffixed is not None:
                yield suffixed
        elif m.group("ib"):
            if m.group("ih") in "NSEW":
                yield Half(m.start(), m.end(), m.group("ih"), "compact", None, m.group("ib"))
        elif m.group("pre"):
            repeated = m.group("rep")
            if repeated and repeated != m.group("pre"):
                refuse(prepared, f"two hemisphere letters in '{token(prepared, m.start(), m.end())}'",
                       m.start(), m.end())
            body = m.group("pb") or m.group("pi")
            yield _make_part(m.start(), m.end(), m.group("pre"), body)
        else:
            yield _make_part(m.start(), m.end(), None, m.group("nb"))


def _spaced(start: int, end: int, hemi: str, body: str) -> Half:
    """A half written as numbers separated by spaces; which of them it takes is decided later."""
    numbers = tuple((n.group(), start + n.start()) for n in _NUMBERS.finditer(body))
    return Half(start, end, hemi, "spaced", None, None, numbers)


def _fields(numbers: Sequence[tuple[str, int]]) -> Fields:
    """Degrees, minutes and seconds from up to three numbers."""
    values = [n for n, _ in numbers]
    return (values[0], values[1] if len(values) > 1 else None,
            values[2] if len(values) > 2 else None)


def _cjk(prepared: Prepared, m: re.Match[str]) -> Half:
    """北緯36度04分 and the like: the word gives the hemisphere."""
    hemi = HEMISPHERE_WORDS[m.group("cw")]
    letter = m.group("cx")
    if letter and letter != hemi:
        refuse(prepared, f"'{m.group('cw')}' and '{letter}' name different hemispheres in "
               f"'{token(prepared, m.start(), m.end())}'", m.start(), m.end())
    body = m.group("cb")
    parts = _CJK_PARTS.fullmatch(body)
    if parts is not None:
        return Half(m.start(), m.end(), hemi, "symbol", (parts["d"], parts["m"], parts["s"]), None)
    return _make_part(m.start(), m.end(), hemi, body)


def _make_part(start: int, end: int, hemi: str | None, body: str) -> Half:
    """Split a written number into degree/minute/second fields or keep it as compact digits."""
    for kind, pattern in (("hyphen", _HYP_PARTS), ("symbol", _SYM_PARTS)):
        fields = pattern.fullmatch(body)
        if fields is not None:
            return Half(start, end, hemi, kind, (fields["d"], fields["m"], fields["s"]), None)
    return Half(start, end, hemi, "compact", None, body)


def _suffixed(prepared: Prepared, m: re.Match[str]) -> Half | None:
    """A number followed by a letter; None when the letter shows it is not a coordinate."""
    part = _make_part(m.start(), m.end(), m.group("sh"), m.group("sb"))
    bad = m.group("sx")
    if bad is None:
        return part
    shown = token(prepared, m.start(), m.end())
    if part.fields is None:  # 2.5m, 1.5km: a measurement
        return None
    if part.degrees_only and (not bad.isupper() or bad in _TEMPERATURE_UNITS):
        return None  # 20°C
    if bad in "nsew":
        refuse(prepared, f"hemisphere letter '{bad}' must be a capital in '{shown}'",
               m.start(), m.end())
    if part.kind == "hyphen" and bad.islower():
        return None  # 10-15m
    refuse(prepared, f"unknown hemisphere letter '{bad}' in '{shown}'", m.start(), m.end())


def _decimal_pair(prepared: Prepared, m: re.Match[str]) -> Position:
    """A bare 'lat, lon' decimal pair; the sign gives the hemisphere."""
    lat, lon = (float(m.group(g).replace("−", "-")) for g in ("plat", "plon"))
    shown = token(prepared, m.start(), m.end())
    check_range(prepared, lat, 90.0, "latitude", m.start(), m.end(), shown)
    check_range(prepared, lon, 180.0, "longitude", m.start(), m.end(), shown)
    return lon, lat, m.start(), m.end()


# --- pairing -------------------------------------------------------------------------------


def _pair_up(prepared: Prepared, parts: Sequence[Half | Position]) -> list[Position]:
    """Join each latitude with the longitude right after it."""
    out: list[Position] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if not isinstance(part, Half):
            out.append(part)
            i += 1
            continue
        following = parts[i + 1] if i + 1 < len(parts) else None
        nxt = following if isinstance(following, Half) else None
        if part.hemi is None:
            i += _pair_unlettered(prepared, part, nxt, out)
        else:
            i += _pair_lettered(prepared, part, nxt, out)
    return out


def _pair_lettered(prepared: Prepared, lat: Half, lon: Half | None, out: list[Position]) -> int:
    """Pair a latitude carrying N/S with the longitude carrying E/W right after it."""
    if lat.hemi in ("E", "W"):
        refuse(prepared, f"longitude '{token(prepared, lat.start, lat.end)}' has no latitude before it",
               lat.start, lat.end)
    if (lon is None or lon.hemi not in ("E", "W")
            or not _PAIR_GAP.fullmatch(prepared.scan, lat.end, lon.start)):
        refuse(prepared, f"latitude '{token(prepared, lat.start, lat.end)}' has no longitude after it",
               lat.start, lat.end)
    _check_nothing_before(prepared, lat, lon)
    if lat.kind == "spaced" and lat.fields is None:
        lat = _choose_numbers(prepared, lat, lon)
    if lon.kind == "spaced" and lon.fields is None:
        lon = Half(lon.start, lon.end, lon.hemi, "spaced", _fields(lon.numbers), None)
    out.append(_position(prepared, lat, lon))
    return 2


def _check_nothing_before(prepared: Prepared, lat: Half, lon: Half) -> None:
    """Refuse a short latitude right after a number, even across a line break: in
    `12 39⏎14N 119 41 06E` the latitude may be 12°39′14″ cut by a line wrap, or 14°; in
    `4⏎3 49 48 S`, 43°49′48″ or 3°49′48″ (degrees of one digit)."""
    short = ((lat.kind == "spaced" and lat.fields is None
              and (len(lat.numbers) < 3 or len(lat.numbers[0][0]) == 1))
             or (lat.kind == "compact" and len((lat.compact or "").partition(".")[0]) <= 2))
    if short and _NUMBER_BEFORE.search(prepared.scan, max(0, lat.start - 16), lat.start):
        shown = token(prepared, lat.start, lon.end)
        refuse(prepared, f"'{shown}' follows a number: it may be the end of a position cut by a "
               "line break, read two ways", lat.start, lon.end)


def _choose_numbers(prepared: Prepared, lat: Half, lon: Half) -> Half:
    """A latitude written as numbers separated by spaces takes them all, and only when the
    longitude after it has as many: in `5 12 39N 119 41E` the latitude could be 5°12′39″ or,
    after a stray 5, 12°39′; in `12 39N 119E`, 12°39′ or 39°. Such text is refused."""
    wanted = len(lon.numbers) if lon.numbers else lon.field_count
    if len(lat.numbers) != wanted:
        shown = token(prepared, lat.start, lon.end)
        refuse(prepared, f"'{shown}' can be read two ways: the latitude has {len(lat.numbers)} "
               f"numbers before '{lat.hemi}', the longitude {wanted or 'another number of'} fields",
               lat.start, lon.end)
    return Half(lat.start, lat.end, lat.hemi, "spaced", _fields(lat.numbers), None)


def _pair_unlettered(prepared: Prepared, lat: Half, lon: Half | None, out: list[Position]) -> int:
    """Pair two letterless symbol positions as N/E; skip a lone plain angle like 90°."""
    if (lon is not None and lon.hemi is None
            and _LOOSE_GAP.fullmatch(prepared.scan, lat.end, lon.start)):
        out.append(_position(prepared, lat, lon))
        return 2
    if lat.degrees_only:
        return 1
    refuse(prepared, f"no hemisphere letter in '{token(prepared, lat.start, lat.end)}'",
           lat.start, lat.end)


def _position(prepared: Prepared, lat: Half, lon: Half) -> Position:
    """Degrees of a latitude and a longitude half -> (lon, lat, start, end)."""
    lat_deg = degrees_of(prepared, lat, "latitude")
    lon_deg = degrees_of(prepared, lon, "longitude")
    return lon_deg, lat_deg, lat.start, lon.end


# --- one text, public ----------------------------------------------------------------------


def find_positions(text: str) -> list[Position]:
    """Every position in free text, in order: (lon, lat, start, end). Raises NoticeParseError."""
    check_size(text, MAX_NOTICE_CHARS)
    prepared = prepare(text)
    out = []
    for lon, lat, start, end in read_positions(prepared, 0, len(text)):
        lo, hi = prepared.span(start, end)
        out.append((lon, lat, lo, hi))
    return out


def parse_position(text: str) -> tuple[float, float]:
    """One position -> (lon, lat) in decimal degrees. Raises NoticeParseError."""
    found = find_positions(text)
    if not found:
        raise NoticeParseError(f"no position found in '{text.strip()}'", text, 0, len(text))
    if len(found) > 1:
        _, _, start, end = found[1]
        raise NoticeParseError(
            f"expected one position, found {len(found)} in '{text.strip()}'", text, start, end
        )
    lon, lat, start, end = found[0]
    for lo, hi in ((0, start), (end, len(text))):
        extra = text[lo:hi].strip()
        if extra:
            at = text.index(extra, lo)
            raise NoticeParseError(
                f"unexpected text '{extra}' around position", text, at, at + len(extra)
            )
    return lon, lat
