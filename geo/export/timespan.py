"""Times as other tools read them: a start/end pair that covers what the sources say, no more.

A feature's time is written at the precision its sources give (``2024-05``, ``2024-05-27``,
``2024-05-27T13:44Z``). Tools that play data back in time (QGIS's temporal controller,
kepler.gl, Google Earth) need one complete form, so every export also carries ``time_start``
and ``time_end`` (not ``start``/``end``: GDAL's KML reader has an ``end`` of its own; both fit
a Shapefile's 10-character names): the first and the last second (UTC) of the month, day,
minute or second the sources name, as ``YYYY-MM-DDTHH:MM:SSZ``. Nothing is invented: a
month-precision event is "some time in April 2024", from 2024-04-01T00:00:00Z to
2024-04-30T23:59:59Z, never "1 April". A zone's window runs from the first second of valid_from
to the last of valid_to (UTC days, as the catalogue gives them). ``time_precision`` says which
it is; ``date`` is cut to that precision (``2024-04`` for a month: the catalogue's ``date`` is
the first day of the month, for the map's timeline).

For KML (geo.export.kml), ``kml_when`` gives the time at its own precision as KML's
``dateTimeType`` (xsd:dateTime, date, gYearMonth or gYear): minutes get ``:00`` seconds.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?"
                  r"(Z|[+-]\d{2}:\d{2})?)?)?)?$")
PRECISIONS = ("year", "month", "day", "minute", "second")


def parse(value: Any) -> tuple[str, tuple[int, ...], str] | None:
    """(precision, numbers, zone) of an ISO 8601 time of one of the forms above; None if it is
    not one, or not a real date; a time of day without a zone is refused (None): which day it
    falls on is unknown."""
    if not isinstance(value, str):
        return None
    match = _ISO.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, _fraction, zone = match.groups()
    numbers = tuple(int(part) for part in (year, month, day, hour, minute, second) if part)
    precision = {1: "year", 2: "month", 3: "day", 5: "minute", 6: "second"}[len(numbers)]
    if hour is not None and zone is None:
        return None
    if month and not 1 <= int(month) <= 12:
        return None
    if day and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
        return None
    if hour is not None and (int(hour) > 23 or int(minute) > 59 or int(second or 0) > 59):
        return None
    return precision, numbers, zone or "Z"


def _utc(numbers: tuple[int, ...], zone: str) -> str:

    year, month, day, hour, minute, second = numbers
    if zone == "Z":
        offset = timedelta(0)
    else:
        sign = -1 if zone[0] == "-" else 1
        offset = sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    moment = datetime(year, month, day, hour, minute, second, tzinfo=timezone(offset))
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def bounds(value: Any) -> tuple[str, str] | None:
    """(first second, last second) in UTC of the period value names; None if not a time."""
    parsed = parse(value)
    if parsed is None:
        return None
    precision, numbers, zone = parsed
    year = numbers[0]
    month = numbers[1] if len(numbers) > 1 else None
    if precision == "year":
        return f"{year:04d}-01-01T00:00:00Z", f"{year:04d}-12-31T23:59:59Z"
    assert month is not None
    if precision == "month":
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01T00:00:00Z", f"{year:04d}-{month:02d}-{last:02d}T23:59:59Z"
    day = numbers[2]
    if precision == "day":
        return f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z", f"{year:04d}-{month:02d}-{day:02d}T23:59:59Z"
    start = (*numbers[:5], numbers[5] if precision == "second" else 0)
    end = (*numbers[:5], numbers[5] if precision == "second" else 59)
    return _utc(start, zone), _utc(end, zone)


def kml_when(value: Any) -> str | None:
    """The time at its own precision as KML's dateTimeType; None if it is not a time."""
    parsed = parse(value)
    if parsed is None:
        return None
    precision, numbers, zone = parsed
    text = str(value).strip()
    if precision == "minute":
        return text[:16] + ":00" + ("Z" if zone == "Z" else zone)
    return text


def time_columns(props: dict[str, Any]) -> dict[str, Any]:
    """time_start, time_end, time_precision (and date cut to it) for a feature's properties: from
    time_utc (events, imported rows) or valid_from/valid_to (zones, notices); {} if neither."""
    time = props.get("time_utc")
    if isinstance(time, str) and (span := bounds(time)):
        parsed = parse(time)
        assert parsed is not None
        precision = str(props.get("time_precision") or parsed[0])
        out: dict[str, Any] = {"time_start": span[0], "time_end": span[1], "time_precision": precision}
        if isinstance(props.get("date"), str) and precision in ("month", "year"):
            out["date"] = time.strip()[: 7 if precision == "month" else 4]
        return out
    first, last = bounds(props.get("valid_from")), bounds(props.get("valid_to"))
    if first or last:
        kinds = {parsed[0] for key in ("valid_from", "valid_to")
                 if (parsed := parse(props.get(key))) is not None}
        return {"time_start": first[0] if first else None, "time_end": last[1] if last else None,
                "time_precision": kinds.pop() if len(kinds) == 1 else "mixed"}
    return {}


def add_time_columns(row: dict[str, Any], props: dict[str, Any]) -> dict[str, Any]:
    """row with the time columns of props added (time_columns); a column of the data's own of
    one of those names is kept, but for date, which is cut to its precision."""
    for key, value in time_columns(props).items():
        if key == "date" or key not in row:
            row[key] = value
    return row
