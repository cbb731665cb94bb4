"""Half a position (a latitude or a longitude) as written, and its value in decimal degrees.

Compact digits are split by their count (latitude DD, DDMM or DDMMSS; longitude DDD, DDDMM or
DDDMMSS); minutes and seconds have at most two whole digits and are below 60; only the last
field may have decimals; latitudes are at most 90 degrees, longitudes 180. Anything else is
refused with the token named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import refuse, token
from .text import Prepared

Fields = tuple[str, str | None, str | None]
"""Degrees, minutes and seconds as written (None when not written)."""

_COMPACT = re.compile(r"[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class Half:
    """Half of a position as written: a latitude, a longitude or (no letter) either.

    numbers: for degrees, minutes and seconds separated by spaces with the letter after
    them, each number and where it starts (a latitude takes them all only when its
    longitude has as many: geo.notices.positions)."""

    start: int
    end: int
    hemi: str | None
    kind: str
    fields: Fields | None
    compact: str | None
    numbers: tuple[tuple[str, int], ...] = ()

    @property
    def degrees_only(self) -> bool:
        """True for a bare angle such as ``90°``."""
        return self.fields is not None and self.fields[1] is None

    @property
    def field_count(self) -> int | None:
        """How many of degrees, minutes, seconds the half gives (None when unknown)."""
        if self.fields is not None:
            return sum(f is not None for f in self.fields)
        whole = (self.compact or "").partition(".")[0]
        return {2: 1, 3: 1, 4: 2, 5: 2, 6: 3, 7: 3}.get(len(whole))


def degrees_of(prepared: Prepared, part: Half, axis: str) -> float:
    """Signed decimal degrees of one half, validated."""
    shown = token(prepared, part.start, part.end)
    fields = part.fields or _split_compact(prepared, part, axis)
    value = _field_value(prepared, part, shown, fields)
    limit = 90.0 if axis == "latitude" else 180.0
    check_range(prepared, value, limit, axis, part.start, part.end, shown)
    return -value if part.hemi in ("S", "W") else value


def _split_compact(prepared: Prepared, part: Half, axis: str) -> Fields:
    """Split compact digits (DDMM, DDDMMSS, decimal degrees) into fields by their count."""
    body = part.compact or ""
    shown = token(prepared, part.start, part.end)
    if not _COMPACT.fullmatch(body):
        refuse(prepared, f"cannot read '{shown}'", part.start, part.end)
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
    refuse(prepared, f"cannot tell degrees from minutes in '{shown}' ({axis} digits must be {shapes})",
           part.start, part.end)


def _field_value(prepared: Prepared, part: Half, shown: str, fields: Fields) -> float:
    """Degrees + minutes/60 + seconds/3600, checking each field."""
    present = [f for f in fields if f is not None]
    if any("." in f for f in present[:-1]):
        refuse(prepared, f"only the last field may have decimals in '{shown}'", part.start, part.end)
    value = float(present[0])
    for name, field, scale in (("minutes", fields[1], 60.0), ("seconds", fields[2], 3600.0)):
        if field is not None:
            value += _sub_field(prepared, part, shown, name, field) / scale
    return value


def _sub_field(prepared: Prepared, part: Half, shown: str, name: str, field: str) -> float:
    """One minutes or seconds field: at most two whole digits and below 60."""
    whole = field.partition(".")[0]
    if len(whole) > 2:
        refuse(prepared, f"{name} '{field}' has too many digits in '{shown}'", part.start, part.end)
    value = float(field)
    if value >= 60.0:
        refuse(prepared, f"{name} {field} out of range in '{shown}'", part.start, part.end)
    return value


def check_range(prepared: Prepared, value: float, limit: float, axis: str, start: int, end: int,
                 shown: str) -> None:
    """Refuse unless |value| <= limit."""
    if not abs(value) <= limit:
        refuse(prepared, f"{axis} {value:g} out of range (more than {limit:g} degrees) in '{shown}'",
               start, end)
