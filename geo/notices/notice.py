"""One notice -> its areas as GeoJSON features, or a message pointing at what is wrong.

A NOTAM is read from its items (geo.notices.notam): areas from E) only, metadata from the
others, and every area is checked against the Q) line's reference circle: a corner farther
than Q_TOLERANCE_KM beyond its radius means the notice contradicts itself (or has been misread)
and is refused. Any other text (a navigational warning, a news report) is read whole.
"""

from __future__ import annotations

from typing import Any

from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon

from ..errors import NoticeParseError
from .areas import Area, read_areas
from .errors import refuse
from .features import NoticeInfo, feature
from .languages import language
from .limits import MAX_NOTICE_CHARS, check_size
from .navwarn import read_header
from .notam import Notam, QLine, is_notam, read_notam
from .shapes import pieces
from .text import Prepared, prepare
from .validity import notam_time, text_validity, year_of

Q_TOLERANCE_KM = 1_000.0
"""How far beyond the Q) line's radius a corner may lie: the radius is often a rough one
(Yangon's NOTAMs give 10 NM for areas 400 km across); a misread corner lands thousands away."""
_UNLIMITED_Q_RADIUS = 999
_GEOD = Geod(ellps="WGS84")


def parse_notice(text: str) -> list[dict[str, Any]]:
    """GeoJSON Feature dicts, one per area (empty when the text gives no area at all)."""
    check_size(text, MAX_NOTICE_CHARS)
    prepared = prepare(text)
    if is_notam(prepared.scan):
        notam = read_notam(prepared.scan)
        areas = read_areas(prepared, *notam.body)
        _check_q_line(prepared, notam.q, areas)
        info = _notam_info(notam, text)
    else:
        areas = read_areas(prepared, 0, len(text))
        info = _warning_info(prepared.scan, text)
    return [_feature(prepared, area, info) for area in areas]


def parse_area(text: str) -> Polygon | MultiPolygon:
    """Corner list, circle or numbered areas -> Polygon, or MultiPolygon for several areas."""
    check_size(text, MAX_NOTICE_CHARS)
    prepared = prepare(text)
    lo, hi = read_notam(prepared.scan).body if is_notam(prepared.scan) else (0, len(text))
    areas = read_areas(prepared, lo, hi)
    if not areas:
        raise NoticeParseError(f"no danger area found in '{text.strip()[:60]}'", text, 0, len(text))
    parts = [part for area in areas for part in pieces(area.polygon)]
    if len(areas) == 1 and len(parts) == 1:
        return parts[0]
    return MultiPolygon(parts)


def _feature(prepared: Prepared, area: Area, info: NoticeInfo) -> dict[str, Any]:
    lo, hi = prepared.span(area.start, area.end)
    props = {"area": area.number, "area_label": area.label, "shape": area.shape,
             "raw_text": prepared.original[lo:hi],
             "expected_fall_point": list(area.expected_fall_point) if area.expected_fall_point
             else None}
    return feature(area.polygon, props, info)


def _notam_info(notam: Notam, text: str) -> NoticeInfo:
    fir = notam.q.fir if notam.q else None
    issuer = fir if fir and not fir.endswith("XX") else (notam.locations or fir)
    valid_from, valid_to = notam_time(notam.valid_from), notam_time(notam.valid_to)
    return NoticeInfo(
        notice_id=notam.notice_id,
        notice_type=notam.notice_type,
        replaces=notam.reference if notam.notice_type == "replace" else None,
        cancels=notam.reference if notam.notice_type == "cancel" else None,
        issuer=issuer,
        fir=notam.locations,
        valid_from=valid_from,
        valid_to=valid_to,
        validity_note=_notam_note(notam, valid_from, valid_to),
        schedule=notam.schedule,
        lower_limit=notam.lower,
        upper_limit=notam.upper,
        language=language(text),
    )


def _notam_note(notam: Notam, valid_from: str | None, valid_to: str | None) -> str:
    """How the NOTAM's window was read, for the card."""
    written_to = (notam.valid_to or "").upper()
    if valid_from and valid_to:
        return "from B) and C), C) estimated" if "EST" in written_to else "from B) and C)"
    if valid_from and "PERM" in written_to:
        return "from B); C) PERM: until cancelled"
    return "not read: B) or C) missing or not a time"


def _warning_info(scan: str, text: str) -> NoticeInfo:
    header = read_header(scan)
    validity = text_validity(scan, year_of(header.notice_id))
    return NoticeInfo(
        notice_id=header.notice_id,
        notice_type="new" if header.notice_id else None,
        cancels=header.cancels,
        issuer=header.issuer,
        valid_from=validity.valid_from,
        valid_to=validity.valid_to,
        validity_note=validity.note,
        schedule=validity.schedule,
        language=language(text),
    )


def _check_q_line(prepared: Prepared, q: QLine | None, areas: list[Area]) -> None:
    """Refuse areas far outside the circle the Q) line says covers them."""
    if q is None or q.lon is None or q.lat is None or q.radius_nm is None \
            or q.radius_nm >= _UNLIMITED_Q_RADIUS or q.radius_nm == 0:
        return
    limit_m = q.radius_nm * 1852.0 + Q_TOLERANCE_KM * 1000.0
    for area in areas:
        coords = list(area.polygon.exterior.coords)
        count = len(coords)
        _, _, distances = _GEOD.inv([q.lon] * count, [q.lat] * count,
                                    [x for x, _ in coords], [y for _, y in coords])
        farthest = max(distances)
        if farthest > limit_m:
            refuse(prepared, f"the area lies {farthest / 1000:,.0f} km from the Q) line's reference "
                   f"point, whose radius is {q.radius_nm} NM: the notice contradicts itself",
                   q.start, q.end)
