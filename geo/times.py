"""Event times at the precision their sources give, and their local-time equivalents."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from .errors import FieldError, shown

PRECISIONS = ("second", "minute", "day", "month")

_FORMS = {
    "second": (re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"), "%Y-%m-%dT%H:%M:%SZ",
               "YYYY-MM-DDTHH:MM:SSZ"),
    "minute": (re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}Z$"), "%Y-%m-%dT%H:%MZ",
               "YYYY-MM-DDTHH:MMZ"),
    "day": (re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), "%Y-%m-%d", "YYYY-MM-DD"),
    "month": (re.compile(r"^[0-9]{4}-[0-9]{2}$"), "%Y-%m", "YYYY-MM"),
}


def parse_time(value: object, precision: str) -> datetime:
    """The instant (UTC) or start of the day/month that value names, checked against precision."""
    pattern, fmt, shape = _FORMS[precision]
    if not isinstance(value, str) or not pattern.match(value):
        raise FieldError(f"must look like {shape} for precision '{precision}' (got {shown(value)})")
    try:
        moment = datetime.strptime(value, fmt)
    except ValueError as exc:
        raise FieldError(f"is not a real date and time ({exc}): {shown(value)}") from None
    return moment.replace(tzinfo=UTC)


def local_iso(moment: datetime, tz_name: str, precision: str) -> str:
    """The local wall time with its UTC offset, e.g. '2016-02-07T09:00+08:30'."""
    local = moment.astimezone(ZoneInfo(tz_name))
    offset = local.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}"
    body = local.strftime("%Y-%m-%dT%H:%M:%S" if precision == "second" else "%Y-%m-%dT%H:%M")
    return body + offset


def check_local(reported: object, moment: datetime, tz_name: str, precision: str) -> str:
    """Check a reported local time ('YYYY-MM-DDTHH:MM[:SS]') agrees with the UTC time."""
    computed = local_iso(moment, tz_name, precision)
    if not isinstance(reported, str) or reported != computed[: len(reported)] or len(reported) < 16:
        raise FieldError(
            f"{shown(reported, 40)} disagrees with time_utc in {tz_name}: expected {computed[:-6]!r}"
        )
    return computed


def event_date(time_utc: str) -> date:
    """The calendar date an event's time_utc starts on."""
    return date.fromisoformat(time_utc[:10] if len(time_utc) >= 10 else time_utc + "-01")
