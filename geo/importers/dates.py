"""Dates and times as spreadsheets write them, to ISO 8601 UTC.

Accepted dates: ``2024-05-27`` (also with / or .), ``27 May 2024``, ``27-May-24``, ``9-Apr-84``,
``May 27, 2024``, ``Monday, 27 May 2024``; a month alone as ``May 2024``, ``2024-05`` or Excel's
``Sep-84``; and
numeric ``27/05/2024`` or ``05/27/2024``: the day-month order of a column is taken from the
values that settle it (a first number above 12 means day first); a value that stays
ambiguous is refused, never guessed. Two-digit years pivot at 50: 00–49 are 2000–2049 and
50–99 are 1950–1999 (so 84 is 1984 and 23 is 2023).

Accepted times, after the date or in a column of their own: ``22:43``, ``22:43:05``,
``12:29:00 AM``, ``9:20 PM``, ``2243Z``, with an optional zone ``Z``, ``UTC``, ``GMT`` or
``+09:00``. A time without a zone is read as UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from .limits import TWO_DIGIT_YEAR_PIVOT

MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}

_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_YEAR = r"(?P<y>[0-9]{4}|[0-9]{2})(?![0-9])"
_REST = r"(?P<rest>(?:[T\s,].*)?)$"
_ISO = re.compile(r"^(?P<y>[0-9]{4})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?:(?P=sep)(?P<d>[0-9]{1,2}))?"
                  r"(?![0-9])" + _REST)
_NAMED_DMY = re.compile(
    r"^(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?[\s\-/.]*(?P<mon>[A-Za-z]{3,9})\.?[\s\-/.,]*" + _YEAR + _REST)
_NAMED_MDY = re.compile(
    r"^(?P<mon>[A-Za-z]{3,9})\.?[\s\-/.]*(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?,?[\s\-/.,]+" + _YEAR + _REST)
_NAMED_MY = re.compile(r"^(?P<mon>[A-Za-z]{3,9})\.?(?:[\s\-/.,]*(?P<y>[0-9]{4})|[-/](?P<yy>[0-9]{2}))$")
_NUMERIC = re.compile(r"^(?P<a>[0-9]{1,2})(?P<sep>[/.\-])(?P<b>[0-9]{1,2})(?P=sep)" + _YEAR + _REST)
_CLOCK = re.compile(
    r"^(?P<h>[0-9]{1,2}):(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2})(?:[.,][0-9]+)?)?\s*"
    r"(?P<ampm>[ap]\.?m\.?)?\s*(?P<zone>z|zulu|utc|gmt|(?:utc|gmt)?\s*[-+−]\s*[0-9]{1,2}(?::?[0-9]{2})?)?"
    r"(?:\s*\((?:utc|gmt|z)\))?$", re.I)
_CLOCK_COMPACT = re.compile(r"^(?P<h>[0-9]{2})(?P<mi>[0-9]{2})\s*(?P<zone>z|utc|gmt)$", re.I)
_OFFSET = re.compile(r"(?P<sign>[-+−])\s*(?P<h>[0-9]{1,2}):?(?P<m>[0-9]{2})?$")


class WhenError(ValueError):
    """A date or time that cannot be read; category is 'bad date' or 'bad time'."""

    def __init__(self, category: str, message: str) -> None:
        super().__init__(message)
        self.category = category
        self.message = message


def infer_order(values: Iterable[str]) -> str | None:
    """'dmy' or 'mdy' when a column's numeric dates settle the order one way only, else None."""
    seen = set()
    for value in values:
        match = _NUMERIC.match(_WEEKDAY.sub("", value.strip()))
        if match:
            first, second = int(match["a"]), int(match["b"])
            if first > 12 >= second:
                seen.add("dmy")
            elif second > 12 >= first:
                seen.add("mdy")
    return seen.pop() if len(seen) == 1 else None


def parse_when(text: str, clock: str | None = None, order: str | None = None) -> str:
    """ISO 8601: 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY-MM-DDTHH:MM[:SS]Z'. Raises WhenError."""
    value = _WEEKDAY.sub("", " ".join(str(text).split()))
    year, month, day, rest = _date_parts(value, order)
    clock_text = clock.strip() if clock and clock.strip() else rest.strip(" ,T").removeprefix("at ")
    if day is None:
        if clock_text:
            raise WhenError("bad time", f"'{text}' gives a time but no day")
        _real_date(year, month, 1, text)
        return f"{year:04d}-{month:02d}"
    day_value = _real_date(year, month, day, text)
    if not clock_text:
        return day_value.isoformat()
    hour, minute, second, offset = parse_clock(clock_text)
    moment = datetime(day_value.year, day_value.month, day_value.day, hour, minute, second or 0)
    moment -= timedelta(minutes=offset)
    if second is None:
        return moment.strftime("%Y-%m-%dT%H:%MZ")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_clock(text: str) -> tuple[int, int, int | None, int]:
    """(hour, minute, second or None, UTC offset in minutes) of a time of day. Raises WhenError."""
    value = " ".join(text.split())
    match = _CLOCK.match(value) or _CLOCK_COMPACT.match(value)
    if not match:
        raise WhenError("bad time", f"unrecognised time '{text}'; write it as 22:43 or 10:43 PM")
    hour, minute = int(match["h"]), int(match["mi"])
    second = int(match["s"]) if "s" in match.groupdict() and match["s"] is not None else None
    ampm = (match.groupdict().get("ampm") or "").replace(".", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise WhenError("bad time", f"'{text}': hour {hour} with {ampm.upper()}")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or (second or 0) > 59:
        raise WhenError("bad time", f"'{text}' is not a time of day")
    return hour, minute, second, _offset_minutes(match["zone"] or "")


def looks_like_clock(text: str) -> bool:
    """True when text is a time of day alone (no date)."""
    try:
        parse_clock(text)
    except WhenError:
        return False
    return True


def looks_like_date(text: str) -> bool:
    """True when text is a date this module reads (order-ambiguous numeric dates count)."""
    try:
        parse_when(text, order="dmy")
    except WhenError:
        return False
    return True


def _offset_minutes(zone: str) -> int:
    match = _OFFSET.search(zone)
    if not match:
        return 0
    minutes = int(match["h"]) * 60 + int(match["m"] or 0)
    if minutes > 14 * 60:
        raise WhenError("bad time", f"UTC offset '{zone}' is more than 14 hours")
    return -minutes if match["sign"] in "-−" else minutes


def _date_parts(value: str, order: str | None) -> tuple[int, int, int | None, str]:
    """(year, month, day or None, the rest of the text) of a written date. Raises WhenError."""
    if match := _ISO.match(value):
        day = int(match["d"]) if match["d"] else None
        if day is None and match["rest"].strip():
            raise WhenError("bad date", f"unrecognised date '{value}'")
        return int(match["y"]), int(match["m"]), day, match["rest"]
    for pattern in (_NAMED_DMY, _NAMED_MDY):
        if (match := pattern.match(value)) and match["mon"].lower() in MONTHS:
            return _year(match["y"]), MONTHS[match["mon"].lower()], int(match["d"]), match["rest"]
    if (match := _NAMED_MY.match(value)) and match["mon"].lower() in MONTHS:
        return _year(match["y"] or match["yy"]), MONTHS[match["mon"].lower()], None, ""
    if match := _NUMERIC.match(value):
        first, second = int(match["a"]), int(match["b"])
        if first > 12 >= second or (order == "dmy" and first != second):
            return _year(match["y"]), second, first, match["rest"]
        if second > 12 >= first or (order == "mdy" and first != second):
            return _year(match["y"]), first, second, match["rest"]
        if first == second:
            return _year(match["y"]), first, first, match["rest"]
        raise WhenError("bad date", f"'{value}' could be day/month or month/day; "
                                    "write it as YYYY-MM-DD")
    raise WhenError("bad date", _unrecognised(value))


def _unrecognised(value: str) -> str:
    if re.fullmatch(r"[0-9]{4}", value):
        return f"'{value}' is a year alone, not a date"
    if re.fullmatch(r"[0-9]{5}(\.[0-9]+)?", value):
        return f"'{value}' looks like a spreadsheet serial number; format the column as a date"
    if looks_like_clock(value):
        return f"'{value}' is a time without a date"
    return f"unrecognised date '{value:.60}'; write it as 2024-05-27 or 27 May 2024"


def _year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    short = int(text)
    return short + (2000 if short < TWO_DIGIT_YEAR_PIVOT else 1900)


def _real_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise WhenError("bad date", f"'{text}' is not a real date") from None
