"""Areas and what the notice says about itself, as GeoJSON features.

Every feature is a Polygon (RFC 7946: lon/lat, counter-clockwise, 6 decimals), or a MultiPolygon
of its parts when the area crosses the antimeridian (RFC 7946, 3.1.9), with these
properties (None when the notice does not say):

    area                 1, 2, … when the notice has several areas (or numbers them); else None
    area_label           the label as written: "1", "B", "A" (of "AREA A")
    shape                polygon, circle, sector, annulus, annular sector, circle and sector
    raw_text             the text the area was read from
    geometry_method      "reported": the corners are the notice's own
    expected_fall_point  [lon, lat] of a stated fall point ("DEBRIS IS EXPECTED TO FALL IN …")
    notice_id            A1500/21, NAVAREA XI 123/16, 沪航警0123/24
    notice_type          new, replace or cancel (NOTAMN / NOTAMR / NOTAMC)
    replaces, cancels    the id of the notice this one replaces or cancels
    issuer               the FIR of the Q) line (or the A) location), or the warning's issuer
    fir                  the NOTAM's A) locations, as written
    valid_from, valid_to ISO 8601 UTC, from B) and C) or from the text
    validity_note        how the window was read ("from B) and C)", "read from the text, 北京时间
                         (UTC+8) converted"), or why it was not ("not read: no time zone is written")
    schedule             the D) item as written, or "daily 23:30-04:30 UTC" from the text
    lower_limit          F) as written (SFC, GND, 4500M AMSL)
    upper_limit          G) as written (UNL, FL490)
    language             en, zh, ja or ko
    cancelled_by         in a batch (parse_notices), the id of a later notice cancelling it
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from shapely.geometry import Polygon

from .shapes import pieces

PROPERTY_NAMES = (
    "area", "area_label", "shape", "raw_text", "geometry_method", "expected_fall_point",
    "notice_id", "notice_type", "replaces", "cancels", "issuer", "fir", "valid_from",
    "valid_to", "validity_note", "schedule", "lower_limit", "upper_limit", "language", "cancelled_by",
)


@dataclass(frozen=True)
class NoticeInfo:
    """What a notice says about itself, shared by its areas."""

    notice_id: str | None = None
    notice_type: str | None = None
    replaces: str | None = None
    cancels: str | None = None
    issuer: str | None = None
    fir: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    validity_note: str | None = None
    schedule: str | None = None
    lower_limit: str | None = None
    upper_limit: str | None = None
    language: str = "en"


def feature(polygon: Polygon, props: dict[str, Any], info: NoticeInfo) -> dict[str, Any]:
    """One GeoJSON Feature: the polygon's rings at 6 decimals (split at the antimeridian), the
    area's and notice's properties."""
    parts = pieces(polygon)
    coordinates = [[[[round(x, 6), round(y, 6)] for x, y in ring.coords]
                    for ring in (part.exterior, *part.interiors)] for part in parts]
    geometry = ({"type": "Polygon", "coordinates": coordinates[0]} if len(coordinates) == 1
                else {"type": "MultiPolygon", "coordinates": coordinates})
    properties = {**props, "geometry_method": "reported", **asdict(info)}
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {name: properties.get(name) for name in PROPERTY_NAMES},
    }
