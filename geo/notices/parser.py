"""Read danger-area coordinates from navigational warnings, NOTAMs and news text.

Positions are written latitude first, as notices write them. Accepted forms:

* hyphenated ``36-04N 124-30E``, ``36-04.5N``, ``35-44-06N``, ``33 - 16N`` (spaces allowed);
* compact ``3604N 12430E``, ``360400N 1243000E``, ``3604.5N`` and NOTAM style
  ``N3604E12430``, ``N360400E1243000``;
* symbols ``36°04′N``, ``36°04'N``, ``35°44′06″N``, ``35°44′06.5″N``, curly quotes
  ``35° 44’06”``, ASCII ``36d04'N`` and ``36 deg 04 min N``;
* decimal degrees ``36.0667N 124.5E``, ``36.0667°N`` and a bare pair ``36.0667, 124.5``
  (latitude, longitude; a minus sign means south or west).

Hemisphere letters are the capitals N, S, E and W, written before or after the number
(lower-case letters are not hemispheres). Compact digits are split by their count:
latitude DD, DDMM or DDMMSS, longitude DDD, DDDMM or DDDMMSS; any other count is an error.

A pair written with degree symbols and no hemisphere letters at all, such as
``35° 44’06 “/ 124° 30’30”``, is read as north and east. A pair where only one half has
a letter, or a latitude with no longitude after it, is an error: nothing is guessed and
nothing that looks like a coordinate is skipped. Plain angles such as ``90°`` and lone
decimals such as ``1.5`` are not positions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.polygon import orient

from ..errors import NoticeParseError

Position = tuple[float, float, int, int]
"""(lon, lat, start, end): a position and the character span it was read from."""

CIRCLE_POINTS = 64
MAX_RADIUS_M = 5_000_000.0
METRES_PER_NM = 1852.0
_GEOD = Geod(ellps="WGS84")

# --- the pieces of a written position ------------------------------------------------------

_NUM = r"[0-9]+(?:\.[0-9]+)?(?!\.?[0-9])"
_DEG = r"(?:[°º˚]|deg(?:rees?)?\.?|d(?=\s?[0-9]))"
_MIN = r"(?:[′'’‘´]|min(?:utes?)?\.?)"
_SEC = r"(?:''|′′|[″”“\"]|sec(?:onds?)?\.?)"
_SYM = rf"{_NUM}\s?{_DEG}(?:\s?{_NUM}\s?{_MIN}?(?:\s?{_NUM}\s?{_SEC}?)?)?"
_DASH = r"\-‐‑–−"  # hyphen-minus, hyphen, non-breaking hyphen, en dash, minus sign
_HYP = rf"{_NUM} ?[{_DASH}] ?{_NUM}(?: ?[{_DASH}] ?{_NUM})?"
_DEC = r"[0-9]+\.[0-9]+(?![0-9])"
_BODY = rf"(?:{_SYM}|{_HYP}|{_DEC})"
_PAIR = (
    r"(?P<plat>[-−+]?[0-9]{1,2}\.[0-9]+)\s*[,/]\s*(?P<plon>[-−+]?[0-9]{1,3}\.[0-9]+)"
    r"(?!\.?[0-9]|[A-Za-z°º˚]|\s[NSEW](?![A-Za-z]))"
)

_SCAN = re.compile(
    # a bare decimal pair: 36.0667, 124.5
    rf"(?<![\w.+{_DASH}])(?P<pair>{_PAIR})"
    # number then hemisphere: 36-04N, 36°04′ N, 3604N (compact needs the letter attached)
    rf"|(?:(?<![\w.{_DASH}])|(?<=[0-9][NSEW]))"
    rf"(?:(?P<sb>{_BODY})(?:\s?(?P<sh>[NSEW])|(?P<sx>[A-Za-z]))"
    r"|(?P<ib>[0-9]{2,})(?P<ih>[A-Za-z]))(?![A-Za-z])"
    # hemisphere then number: N3604, N 36°04′ (not when the number has its own letter)
    rf"|(?<![A-Za-z])(?P<pre>[NSEW])(?:\s?(?P<pb>{_BODY})|(?P<pi>[0-9]{{4,}}(?:\.[0-9]+)?))"
    r"(?![0-9])(?![A-Za-z](?![A-Za-z0-9]))"
    # degree symbols without any hemisphere letter: 35° 44’06 “
    rf"|(?<![\w.{_DASH}])(?P<nb>{_SYM})(?![0-9]|\s?[°º˚])"
)
_SYM_PARTS = re.compile(
    rf"(?P<d>[0-9]+(?:\.[0-9]+)?)\s?{_DEG}"
    rf"(?:\s?(?P<m>[0-9]+(?:\.[0-9]+)?)\s?{_MIN}?(?:\s?(?P<s>[0-9]+(?:\.[0-9]+)?)\s?{_SEC}?)?)?"
)
_HYP_PARTS = re.compile(
    rf"(?P<d>[0-9]+(?:\.[0-9]+)?) ?[{_DASH}] ?(?P<m>[0-9]+(?:\.[0-9]+)?)"
    rf"(?: ?[{_DASH}] ?(?P<s>[0-9]+(?:\.[0-9]+)?))?"
)
_TEMPERATURE_UNITS = "CFK"
_COMPACT = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_PAIR_BREAK = re.compile(r";|\b(?:TO|AND)\b", re.IGNORECASE)
_LOOSE_GAP = re.compile(r"[\s,/]*")

# --- areas ---------------------------------------------------------------------------------

_MARKER = re.compile(
    r"(?<![^\s;:,(])"
    r"(?:(?P<kw>(?i:area))\s*(?P<kl>[0-9]{1,2}|[A-Z])(?![A-Za-z0-9])\s*[:.)\-]?"
    r"|(?P<nl>[0-9]{1,2})[.)](?=\s)"
    r"|(?P<al>[A-Z])\.(?=\s))"
)
_RADIUS = re.compile(
    r"(?:\bcircle\s+(?:with\s+(?:a\s+)?)?)?(?:\bradius\s+(?:of\s+)?|\bwithin\s+)"
    r"(?P<r>[0-9]+(?:\.[0-9]+)?)\s*"
    r"(?P<u>nm|nautical\s+miles?|km|kilomet(?:er|re)s?|m|met(?:er|re)s?)\b"
    r"(?:\s+of\b)?",
    re.IGNORECASE,
)
_NOTAM_Q = re.compile(r"(?<![\w])Q\)")
_NOTAM_E = re.compile(r"(?<![\w])E\)\s*")
_NOTAM_AFTER_E = re.compile(r"(?<![\w])[FG]\)")


@dataclass(frozen=True)
class _Part:
    """Half of a position as written: a latitude, a longitude or (no letter) either."""

    start: int
    end: int
    hemi: str | None
    kind: str
    fields: tuple[str, str | None, str | None] | None
    compact: str | None

    @property
    def degrees_only(self) -> bool:
        """True for a bare angle such as ``90°``."""
        return self.fields is not None and self.fields[1] is None


@dataclass(frozen=True)
class _Marker:
    """An area marker such as ``1.``, ``B.`` or ``AREA 2:``."""

    start: int
    label: str
    number: int
    keyword: bool
    kind: str


@dataclass(frozen=True)
class _Chunk:
    """The stretch of text belonging to one area."""

    label: str | None
    number: int | None
    start: int
    end: int
    positions: tuple[Position, ...]


# --- public API ----------------------------------------------------------------------------


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


def find_positions(text: str) -> list[Position]:
    """Every position in free text, in order: (lon, lat, start, end). Raises NoticeParseError."""
    return _find(text, 0, len(text))


def parse_area(text: str) -> Polygon | MultiPolygon:
    """Corner list, circle or numbered areas -> Polygon, or MultiPolygon for several areas."""
    areas = _read_areas(text)
    if not areas:
        raise NoticeParseError(f"no danger area found in '{text.strip()}'", text, 0, len(text))
    if len(areas) == 1:
        return areas[0][1]
    return MultiPolygon([polygon for _, polygon, _, _ in areas])


def parse_notice(text: str) -> list[dict[str, Any]]:
    """GeoJSON Feature dicts, one per area (empty when the text gives no area at all)."""
    return [
        _feature(polygon, chunk, text[start:end])
        for chunk, polygon, start, end in _read_areas(text)
    ]


# --- positions -----------------------------------------------------------------------------


def _find(text: str, lo: int, hi: int) -> list[Position]:
    """Positions in text[lo:hi], with spans into the whole text."""
    return _pair_up(text, list(_scan(text, lo, hi)))


def _scan(text: str, lo: int, hi: int) -> Iterable[_Part | Position]:
    """Yield halves of positions and ready bare decimal pairs, in text order."""
    for m in _SCAN.finditer(text, lo, hi):
        if m.group("pair"):
            yield _decimal_pair(text, m)
        elif m.group("sb"):
            part = _suffixed(text, m)
            if part is not None:
                yield part
        elif m.group("ib"):
            if m.group("ih") in "NSEW":
                yield _Part(m.start(), m.end(), m.group("ih"), "compact", None, m.group("ib"))
        elif m.group("pre"):
            body = m.group("pb") or m.group("pi")
            yield _make_part(m.start(), m.end(), m.group("pre"), body)
        else:
            yield _make_part(m.start(), m.end(), None, m.group("nb"))


def _make_part(start: int, end: int, hemi: str | None, body: str) -> _Part:
    """Split a written number into degree/minute/second fields or keep it as compact digits."""
    for kind, pattern in (("hyphen", _HYP_PARTS), ("symbol", _SYM_PARTS)):
        fields = pattern.fullmatch(body)
        if fields is not None:
            return _Part(start, end, hemi, kind, (fields["d"], fields["m"], fields["s"]), None)
    return _Part(start, end, hemi, "compact", None, body)


def _suffixed(text: str, m: re.Match[str]) -> _Part | None:
    """A number followed by a letter; None when the letter shows it is not a coordinate."""
    part = _make_part(m.start(), m.end(), m.group("sh"), m.group("sb"))
    bad = m.group("sx")
    if bad is None:
        return part
    token = text[m.start() : m.end()]
    if part.fields is None:  # 2.5m, 1.5km: a measurement
        return None
    if part.degrees_only and (not bad.isupper() or bad in _TEMPERATURE_UNITS):
        return None  # 20°C
    if bad in "nsew":
        raise NoticeParseError(
            f"hemisphere letter '{bad}' must be a capital in '{token}'", text, m.start(), m.end()
        )
    if part.kind == "hyphen" and bad.islower():
        return None  # 10-15m
    raise NoticeParseError(
        f"unknown hemisphere letter '{bad}' in '{token}'", text, m.start(), m.end()
    )


def _decimal_pair(text: str, m: re.Match[str]) -> Position:
    """A bare 'lat, lon' decimal pair; the sign gives the hemisphere."""
    lat, lon = (float(m.group(g).replace("−", "-")) for g in ("plat", "plon"))
    token = text[m.start() : m.end()]
    _check_range(lat, 90.0, "latitude", text, m.start(), m.end(), token)
    _check_range(lon, 180.0, "longitude", text, m.start(), m.end(), token)
    return lon, lat, m.start(), m.end()


def _pair_up(text: str, parts: Sequence[_Part | Position]) -> list[Position]:
    """Join each latitude with the longitude after it."""
    out: list[Position] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if not isinstance(part, _Part):
            out.append(part)
            i += 1
            continue
        following = parts[i + 1] if i + 1 < len(parts) else None
        nxt = following if isinstance(following, _Part) else None
        if part.hemi is None:
            step = _pair_unlettered(text, part, nxt, out)
        else:
            step = _pair_lettered(text, part, nxt, out)
        i += step
    return out


def _pair_lettered(text: str, lat: _Part, lon: _Part | None, out: list[Position]) -> int:
    """Pair a latitude carrying N/S with the longitude carrying E/W right after it."""
    token = text[lat.start : lat.end]
    if lat.hemi in ("E", "W"):
        raise NoticeParseError(
            f"longitude '{token}' has no latitude before it", text, lat.start, lat.end
        )
    if lon is None or lon.hemi not in ("E", "W") or _PAIR_BREAK.search(text[lat.end : lon.start]):
        raise NoticeParseError(
            f"latitude '{token}' has no longitude after it", text, lat.start, lat.end
        )
    out.append(_position(text, lat, lon))
    return 2


def _pair_unlettered(text: str, lat: _Part, lon: _Part | None, out: list[Position]) -> int:
    """Pair two letterless symbol positions as N/E; skip a lone plain angle like 90°."""
    if lon is not None and lon.hemi is None and _LOOSE_GAP.fullmatch(text[lat.end : lon.start]):
        out.append(_position(text, lat, lon))
        return 2
    if lat.degrees_only:
        return 1
    token = text[lat.start : lat.end]
    raise NoticeParseError(f"no hemisphere letter in '{token}'", text, lat.start, lat.end)


def _position(text: str, lat: _Part, lon: _Part) -> Position:
    """Degrees of a latitude and a longitude half -> (lon, lat, start, end)."""
    lat_deg = _degrees(text, lat, "latitude")
    lon_deg = _degrees(text, lon, "longitude")
    return lon_deg, lat_deg, lat.start, lon.end


def _degrees(text: str, part: _Part, axis: str) -> float:
    """Signed decimal degrees of one half, validated."""
    token = text[part.start : part.end]
    fields = part.fields or _split_compact(text, part, axis)
    value = _field_value(text, part, token, fields)
    limit = 90.0 if axis == "latitude" else 180.0
    _check_range(value, limit, axis, text, part.start, part.end, token)
    return -value if part.hemi in ("S", "W") else value


def _split_compact(text: str, part: _Part, axis: str) -> tuple[str, str | None, str | None]:
    """Split compact digits (DDMM, DDDMMSS, decimal degrees) into fields by their count."""
    body = part.compact or ""
    token = text[part.start : part.end]
    if not _COMPACT.fullmatch(body):
        raise NoticeParseError(f"cannot read '{token}'", text, part.start, part.end)
    whole, dot, frac = body.partition(".")
    frac = dot + frac
    width = 2 if axis == "latitude" else 3
    if len(whole) <= width:
        return body, None, None
    if len(whole) == width + 2:
        return whole[:-2], whole[-2:] + frac, None
    if len(whole) == width + 4:
        return whole[:-4], whole[-4:-2], whole[-2:] + frac
    shapes = "DD, DDMM or DDMMSS" if width == 2 else "DDD, DDDMM or DDDMMSS"
    raise NoticeParseError(
        f"cannot tell degrees from minutes in '{token}' ({axis} digits must be {shapes})",
        text,
        part.start,
        part.end,
    )


def _field_value(
    text: str, part: _Part, token: str, fields: tuple[str, str | None, str | None]
) -> float:
    """Degrees + minutes/60 + seconds/3600, checking each field."""
    present = [f for f in fields if f is not None]
    if any("." in f for f in present[:-1]):
        raise NoticeParseError(
            f"only the last field may have decimals in '{token}'", text, part.start, part.end
        )
    value = float(present[0])
    for name, field, scale in (("minutes", fields[1], 60.0), ("seconds", fields[2], 3600.0)):
        if field is not None:
            value += _sub_field(text, part, token, name, field) / scale
    return value


def _sub_field(text: str, part: _Part, token: str, name: str, field: str) -> float:
    """One minutes or seconds field: at most two whole digits and below 60."""
    whole = field.partition(".")[0]
    if len(whole) > 2:
        raise NoticeParseError(
            f"{name} '{field}' has too many digits in '{token}'", text, part.start, part.end
        )
    value = float(field)
    if value >= 60.0:
        raise NoticeParseError(
            f"{name} {field} out of range in '{token}'", text, part.start, part.end
        )
    return value


def _check_range(
    value: float, limit: float, axis: str, text: str, start: int, end: int, token: str
) -> None:
    """Raise unless |value| <= limit."""
    if not abs(value) <= limit:
        raise NoticeParseError(
            f"{axis} {value:g} out of range (more than {limit:g} degrees) in '{token}'",
            text,
            start,
            end,
        )


# --- areas ---------------------------------------------------------------------------------


def _read_areas(text: str) -> list[tuple[_Chunk, Polygon, int, int]]:
    """(chunk, polygon, raw start, raw end) for every area in the text."""
    lo, hi = _notam_body(text)
    positions = _find(text, lo, hi)
    chunks = _split_areas(text, lo, hi, positions)
    out = []
    for chunk in chunks:
        radius = _radius(text, chunk)
        if not chunk.positions and radius is None:
            continue
        polygon, start, end = _chunk_polygon(text, chunk, radius)
        out.append((chunk, polygon, start, end))
    return out


def _notam_body(text: str) -> tuple[int, int]:
    """In a NOTAM (Q) line present) only item E) holds the area; elsewhere the whole text."""
    if not _NOTAM_Q.search(text):
        return 0, len(text)
    item_e = _NOTAM_E.search(text)
    if item_e is None:
        return 0, len(text)
    after = _NOTAM_AFTER_E.search(text, item_e.end())
    return item_e.end(), after.start() if after else len(text)


def _split_areas(text: str, lo: int, hi: int, positions: list[Position]) -> list[_Chunk]:
    """Split at area markers (1. 2. / A. B. / AREA 1:) when they carve out the positions."""
    markers = _markers(text, lo, hi, positions)
    best: list[_Chunk] = []
    for kind in ("num", "alpha"):
        chunks = _chunks_for(text, _sequence(markers, kind), hi, positions)
        if len(chunks) > len(best):
            best = chunks
    return best or [_Chunk(None, None, lo, hi, tuple(positions))]


def _markers(text: str, lo: int, hi: int, positions: list[Position]) -> list[_Marker]:
    """Every marker-looking token outside the positions."""
    found = []
    for m in _MARKER.finditer(text, lo, hi):
        if any(start <= m.start() < end for _, _, start, end in positions):
            continue
        label = m.group("kl") or m.group("nl") or m.group("al")
        kind = "num" if label.isdigit() else "alpha"
        number = int(label) if kind == "num" else ord(label) - ord("A") + 1
        found.append(_Marker(m.start(), label, number, m.group("kw") is not None, kind))
    return found


def _sequence(markers: list[_Marker], kind: str) -> list[_Marker]:
    """The markers of one kind that count up from 1 (or A) without gaps."""
    chosen: list[_Marker] = []
    for marker in markers:
        if marker.kind == kind and marker.number == len(chosen) + 1:
            chosen.append(marker)
    return chosen


def _chunks_for(
    text: str, markers: list[_Marker], hi: int, positions: list[Position]
) -> list[_Chunk]:
    """Chunks for a marker sequence, or [] when it does not number the areas."""
    if not markers or (len(markers) == 1 and not markers[0].keyword):
        return []
    bounds = [m.start for m in markers] + [hi]
    chunks = []
    for marker, start, end in zip(markers, bounds, bounds[1:], strict=False):
        inside = tuple(p for p in positions if start <= p[2] < end)
        if not inside and _RADIUS.search(text, start, end) is None:
            return []
        chunks.append(_Chunk(marker.label, marker.number, start, end, inside))
    for _, _, start, end in positions:
        if start < bounds[0]:
            raise NoticeParseError("position before the first numbered area", text, start, end)
        if any(start < b < end for b in bounds):
            raise NoticeParseError("position runs across an area marker", text, start, end)
    return chunks


def _radius(text: str, chunk: _Chunk) -> re.Match[str] | None:
    """The one radius phrase in a chunk, if any."""
    found = list(_RADIUS.finditer(text, chunk.start, chunk.end))
    if len(found) > 1:
        raise NoticeParseError(
            "more than one radius in one area", text, found[1].start(), found[1].end()
        )
    return found[0] if found else None


def _chunk_polygon(
    text: str, chunk: _Chunk, radius: re.Match[str] | None
) -> tuple[Polygon, int, int]:
    """The polygon of one area and the span of text it came from."""
    spans = [(p[2], p[3]) for p in chunk.positions]
    if radius is not None:
        spans.append(radius.span())
    start = chunk.start if chunk.label is not None else min(s for s, _ in spans)
    end = max(e for _, e in spans)
    if radius is None:
        return _corner_polygon(text, chunk), start, end
    if len(chunk.positions) != 1:
        raise NoticeParseError(
            f"a circle needs exactly one centre, found {len(chunk.positions)} positions",
            text,
            radius.start(),
            radius.end(),
        )
    lon, lat, _, _ = chunk.positions[0]
    return _circle(text, lon, lat, radius), start, end


def _corner_polygon(text: str, chunk: _Chunk) -> Polygon:
    """A valid counter-clockwise polygon from corners given in any order."""
    corners = list(dict.fromkeys((lon, lat) for lon, lat, _, _ in chunk.positions))
    first, last = chunk.positions[0][2], chunk.positions[-1][3]
    if len(corners) < 3:
        raise NoticeParseError(
            f"an area needs at least 3 distinct corners, found {len(corners)}",
            text,
            first,
            last,
        )
    lons = [lon for lon, _ in corners]
    if max(lons) - min(lons) > 180.0:
        raise NoticeParseError("areas across the antimeridian are not supported", text, first, last)
    given = Polygon(corners)
    polygon = given if given.is_valid and given.area > 0 else Polygon(_ring_order(corners))
    if not polygon.is_valid or polygon.area == 0:
        raise NoticeParseError("the corners do not enclose an area", text, first, last)
    return orient(polygon, 1.0)


def _ring_order(corners: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Corners sorted counter-clockwise by angle around their centroid (x scaled by cos lat)."""
    lon0 = sum(lon for lon, _ in corners) / len(corners)
    lat0 = sum(lat for _, lat in corners) / len(corners)
    scale = math.cos(math.radians(lat0))
    return sorted(corners, key=lambda c: math.atan2(c[1] - lat0, (c[0] - lon0) * scale))


def _circle(text: str, lon: float, lat: float, radius: re.Match[str]) -> Polygon:
    """A geodesic circle (WGS84) of CIRCLE_POINTS vertices around (lon, lat)."""
    metres = float(radius.group("r")) * _unit_metres(radius.group("u"))
    if not 0.0 < metres <= MAX_RADIUS_M:
        raise NoticeParseError(
            f"radius {radius.group('r')} {radius.group('u')} out of range",
            text,
            radius.start(),
            radius.end(),
        )
    azimuths = [i * 360.0 / CIRCLE_POINTS for i in range(CIRCLE_POINTS)]
    lons, lats, _ = _GEOD.fwd(
        [lon] * CIRCLE_POINTS, [lat] * CIRCLE_POINTS, azimuths, [metres] * CIRCLE_POINTS
    )
    _, _, to_pole = _GEOD.inv(lon, lat, lon, math.copysign(90.0, lat))
    polygon = Polygon(zip(lons, lats, strict=True))
    if to_pole <= metres or max(lons) - min(lons) > 180.0 or not polygon.is_valid:
        raise NoticeParseError(
            "circles around a pole or across the antimeridian are not supported",
            text,
            radius.start(),
            radius.end(),
        )
    return orient(polygon, 1.0)


def _unit_metres(unit: str) -> float:
    """Metres in one radius unit: NM / nautical miles, KM / kilometres, M / metres."""
    word = unit.lower()
    if word.startswith(("nm", "nautical")):
        return METRES_PER_NM
    if word.startswith(("km", "kilo")):
        return 1000.0
    return 1.0


def _feature(polygon: Polygon, chunk: _Chunk, raw_text: str) -> dict[str, Any]:
    """One GeoJSON Feature (RFC 7946: lon/lat, counter-clockwise, 6 decimals)."""
    ring = [[round(x, 6), round(y, 6)] for x, y in polygon.exterior.coords]
    return {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "properties": {
            "area": chunk.number,
            "area_label": chunk.label,
            "raw_text": raw_text,
            "geometry_method": "reported",
        },
    }
