"""Coordinates from cells: decimal degrees, or degrees-minutes-seconds read by geo.notices."""

from __future__ import annotations

import math
import re

from ..errors import NoticeParseError
from ..notices import parse_position
from .result import RowProblem

_DECIMAL = re.compile(r"^[-+−]?[0-9]{1,3}(?:[.,][0-9]+)?$")
_DECIMAL_PAIR = re.compile(r"^\(?\s*([-+−]?[0-9]{1,2}(?:\.[0-9]+)?)\s*[,;/ ]\s*"
                           r"([-+−]?[0-9]{1,3}(?:\.[0-9]+)?)\s*\)?$")  # ASCII digits only


class CoordError(RowProblem):
    """A position that cannot be read or is off the globe."""


def decimal(text: str) -> float | None:
    """The number in a plain decimal cell ('39.04', '-124,5'), or None if it is not one."""
    value = text.strip()
    if not _DECIMAL.match(value):
        return None
    return float(value.replace("−", "-").replace(",", "."))


def read_lat_lon(lat_text: str, lon_text: str, lat_field: str, lon_field: str) -> tuple[float, float]:
    """(lon, lat) from a latitude cell and a longitude cell. Raises CoordError."""
    lat, lon = decimal(lat_text), decimal(lon_text)
    if lat is None or lon is None:
        try:
            lon, lat = parse_position(f"{lat_text.strip()} {lon_text.strip()}")
        except NoticeParseError as exc:
            field = lon_field if lat is not None else lat_field
            raise CoordError("bad coordinates",
                             f"cannot read '{lat_text:.40}' / '{lon_text:.40}' as a position: "
                             f"{exc.message}", field) from None
    check_range(lon, lat, lat_field, lon_field)
    return lon, lat


def read_position(text: str, field: str) -> tuple[float, float]:
    """(lon, lat) from one cell holding both, latitude first ('39.66, 124.70' or '39°39′N 124°42′E')."""
    match = _DECIMAL_PAIR.match(text.strip())
    if match:
        lat, lon = (float(group.replace("−", "-")) for group in match.groups())
    else:
        try:
            lon, lat = parse_position(text)
        except NoticeParseError as exc:
            raise CoordError("bad coordinates", f"cannot read '{text:.60}' as a position: "
                                                f"{exc.message}", field) from None
    check_range(lon, lat, field, field)
    return lon, lat


def check_range(lon: float, lat: float, lat_field: str = "", lon_field: str = "") -> None:
    """Refuse non-finite values, |lat| > 90 and |lon| > 180. Raises CoordError."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise CoordError("bad coordinates", "coordinates are not finite numbers", lat_field)
    if abs(lat) > 90:
        hint = " (are latitude and longitude swapped?)" if abs(lon) <= 90 else ""
        raise CoordError("coordinates out of range",
                         f"latitude {lat:g} is outside -90..90{hint}", lat_field)
    if abs(lon) > 180:
        raise CoordError("coordinates out of range", f"longitude {lon:g} is outside -180..180",
                         lon_field)
