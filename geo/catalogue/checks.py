"""Field checkers for seed records: each returns the clean value or raises FieldError."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import FieldError, shown

MAX_TEXT = 4000
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_PARTIAL_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
_LARGEST = 10**300  # beyond this an int is no float: float() would raise OverflowError

def identifier(value: Any) -> str:
    """A lowercase slug: letters, digits and hyphens."""
    if not isinstance(value, str) or not _ID.match(value):
        raise FieldError(f"must be a lowercase id of letters, digits and '-' (got {shown(value)})")
    return value


def text(value: Any, max_len: int = MAX_TEXT) -> str:
    """Non-empty single- or multi-line text without control characters."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise FieldError(f"must be text (got {type(value).__name__})")
    clean = str(value).strip()
    if not clean:
        raise FieldError("must not be empty")
    if len(clean) > max_len:
        raise FieldError(f"is longer than {max_len} characters")
    for char in clean:
        if char not in "\n\t" and unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co"):
            raise FieldError(f"contains a control character (U+{ord(char):04X})")
    return clean


PLACEHOLDER_TITLE = re.compile(
    r"not seen|seen only in|untitled|no title|placeholder|\btodo\b|\btbd\b|^\W*$|^\(.*\)$",
    re.IGNORECASE)
"""Words that make a title a placeholder: a source whose headline was not seen says so with
headline_seen: false (the build then adds TITLE_NOT_SEEN), never in the title itself."""


def title(value: Any, max_len: int = 300) -> str:
    """A source's title as published, or a description of it when headline_seen is false;
    never a placeholder."""
    clean = text(value, max_len)
    found = PLACEHOLDER_TITLE.search(clean)
    if found:
        raise FieldError(f"reads as a placeholder ({found.group(0) or clean!r:.40}); give the "
                         "published title, or describe the source and set headline_seen: false")
    return clean


def one_of(value: Any, choices: tuple[str, ...]) -> str:
    """One of a fixed set of words."""
    if value not in choices:
        raise FieldError(f"must be one of {', '.join(choices)} (got {shown(value)})")
    return str(value)


def number(value: Any, low: float, high: float, *, positive: bool = False) -> float:
    """A finite number in [low, high] (strictly above zero when positive)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldError(f"must be a number (got {shown(value)})")
    if isinstance(value, int) and abs(value) > _LARGEST:
        raise FieldError(f"must be between {low:g} and {high:g} (got {shown(value)})")
    number_ = float(value)
    if not math.isfinite(number_) or not low <= number_ <= high:
        raise FieldError(f"must be between {low:g} and {high:g} (got {shown(value)})")
    if positive and number_ <= 0:
        raise FieldError(f"must be greater than 0 (got {shown(value)})")
    return number_


def latitude(value: Any) -> float:
    """Decimal degrees north, -90..90."""
    return number(value, -90.0, 90.0)


def longitude(value: Any) -> float:
    """Decimal degrees east, -180..180."""
    return number(value, -180.0, 180.0)


def partial_date(value: Any) -> str:
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', a real calendar date."""
    if not isinstance(value, str):
        raise FieldError(f"must be a quoted date 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' (got {shown(value)})")
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise FieldError(f"must be a date 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' (got {shown(value)})")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError as exc:
        raise FieldError(f"is not a calendar date ({exc}): {shown(value)}") from None
    return value


def full_date(value: Any) -> str:
    """'YYYY-MM-DD', a real calendar date."""
    clean = partial_date(value)
    if len(clean) != 10:
        raise FieldError(f"must be a full date 'YYYY-MM-DD' (got {shown(value)})")
    return clean


def url(value: Any) -> str:
    """An absolute http or https URL."""
    if not isinstance(value, str):
        raise FieldError(f"must be a URL (got {shown(value)})")
    try:
        parts = urlsplit(value.strip())
    except ValueError as exc:  # e.g. 'http://[::1': an unclosed IPv6 address
        raise FieldError(f"is not a valid URL ({exc}): {shown(value, 80)}") from None
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value.strip()):
        raise FieldError(f"must be an http:// or https:// URL (got {shown(value)})")
    return value.strip()


def timezone(value: Any) -> str:
    """An IANA time zone name known to this system, e.g. Asia/Pyongyang."""
    if not isinstance(value, str) or not re.match(r"^[A-Za-z_]+(/[A-Za-z_+-]+)+$", value):
        raise FieldError(f"must be an IANA time zone such as Asia/Pyongyang (got {shown(value)})")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise FieldError(f"is not a known time zone: {shown(value)}") from None
    return value


def boolean(value: Any) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise FieldError(f"must be true or false (got {shown(value)})")
    return value


def country(value: Any) -> str:
    """An ISO 3166-1 alpha-2 code in capitals."""
    if not isinstance(value, str) or not re.match(r"^[A-Z]{2}$", value):
        raise FieldError(f"must be a two-letter country code such as KP (got {shown(value)})")
    return value
