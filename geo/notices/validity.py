"""When a notice is in force, in UTC, as ISO 8601 (`2021-07-11T06:00:00Z`).

From a NOTAM's B) and C) (`2107110600`); otherwise from the text, in the forms navigational
warnings use:

    270000Z MAY TO 040000Z JUN                       DDHHMMZ MON [YY] TO DDHHMMZ MON [YY]
    2330Z TO 0430Z DAILY 07 THRU 14 FEB 16            daily window over a range of days
    FROM 1830 UTC TO 2030 UTC DAILY FROM 9 TO 10 OCT
    FROM 2336 UTC 26 FEB 2022 TO 0005 UTC 27 FEB 2022
    ON 25-30 JUN 2022 FROM 1400UTC-2000UTC DAILY
    CANCEL THIS MSG 141530Z FEB 16                    the end, when nothing else gives one

A daily window gives `valid_from` (first day, start time), `valid_to` (last day, end time, the
next day when the window passes midnight) and `schedule` ("daily 23:30-04:30 UTC"). A year
not written is taken from the notice's id (`NAVAREA XI 123/16` → 2016); without one the times
are left out rather than guessed, and the phrase stays in the notice text. Windows written with
Chinese, Japanese or Korean dates (`北京时间2024年5月27日22时至5月28日2时`) are read by
geo.notices.cjk_times, converted from the one time zone the text names. `note` says what was
done, for the card: read, converted, or why not.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .cjk_times import cjk_window
from .languages import MONTHS

_MON = "(?:" + "|".join(MONTHS) + ")[A-Z]*"
_Z = r"\s*(?:Z|UTC|UT)(?![A-Za-z])"
_YEAR = r"(?:[ \t]*,?[ \t]*(?P<{}>[0-9]{{4}}|[0-9]{{2}})(?![0-9]|\.[0-9]))?"

_SPAN = re.compile(
    rf"(?P<d1>[0-9]{{2}})(?P<t1>[0-9]{{4}}){_Z}\s*(?P<m1>{_MON}){_YEAR.format('y1')}"
    rf"\s*(?:TO|UNTIL|TILL|-|THRU)\s*"
    rf"(?P<d2>[0-9]{{2}})(?P<t2>[0-9]{{4}}){_Z}\s*(?P<m2>{_MON})?{_YEAR.format('y2')}",
    re.IGNORECASE,
)
_DAILY = re.compile(
    rf"(?:FROM\s+)?(?P<t1>[0-9]{{4}}){_Z}\s*(?:TO|-|UNTIL)\s*(?P<t2>[0-9]{{4}}){_Z}"
    rf"(?:\s*\(NEXT DAY\))?\s*,?\s*(?:DAILY|DLY|EVERY\s+DAY)\s*(?:FROM\s+|ON\s+)?"
    rf"(?P<d1>[0-9]{{1,2}})(?:\s*(?P<m1>{_MON}))?\s*(?:TO|THRU|THROUGH|-|UNTIL)\s*"
    rf"(?P<d2>[0-9]{{1,2}})\s*(?P<m2>{_MON}){_YEAR.format('y')}",
    re.IGNORECASE,
)
_DAYS_THEN_DAILY = re.compile(
    rf"(?:ON\s+|FROM\s+)?(?P<d1>[0-9]{{1,2}})(?:\s*(?P<m1>{_MON}))?\s*(?:TO|THRU|-)\s*"
    rf"(?P<d2>[0-9]{{1,2}})\s*(?P<m2>{_MON}){_YEAR.format('y')}\s*,?\s*(?:FROM\s+)?"
    rf"(?P<t1>[0-9]{{4}}){_Z}\s*(?:TO|-)\s*(?P<t2>[0-9]{{4}}){_Z}(?:\s*\(NEXT DAY\))?"
    rf"\s*\(?(?:DAILY|DLY)",
    re.IGNORECASE,
)
_DATED = re.compile(
    rf"FROM\s+(?P<t1>[0-9]{{4}}){_Z}\s+(?P<d1>[0-9]{{1,2}})\s*(?P<m1>{_MON})\s*(?P<y1>[0-9]{{4}})"
    rf"\s+(?:TO|UNTIL)\s+(?P<t2>[0-9]{{4}}){_Z}\s+(?P<d2>[0-9]{{1,2}})\s*(?P<m2>{_MON})\s*(?P<y2>[0-9]{{4}})",
    re.IGNORECASE,
)
_CANCEL_SELF = re.compile(
    rf"CANCEL\s+THIS\s+(?:MSG|MESSAGE|WARNING)\s+(?P<d>[0-9]{{2}})(?P<t>[0-9]{{4}}){_Z}\s*"
    rf"(?P<m>{_MON}){_YEAR.format('y')}",
    re.IGNORECASE,
)
_ID_YEAR = re.compile(r"/([0-9]{2}|[0-9]{4})\s*$")


@dataclass(frozen=True)
class Validity:
    """valid_from and valid_to (ISO 8601 UTC or None), and a daily schedule in words."""

    valid_from: str | None = None
    valid_to: str | None = None
    schedule: str | None = None
    note: str | None = None


def notam_time(value: str | None) -> str | None:
    """`2107110600` (B) or C) of a NOTAM) -> `2021-07-11T06:00:00Z`; None when none is there."""
    if not value:
        return None
    m = re.search(r"(?<![0-9])([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})(?![0-9])", value)
    if m is None:
        return None
    year, month, day, hour, minute = (int(g) for g in m.groups())
    return _iso(2000 + year, month, day, hour, minute)


def year_of(notice_id: str | None) -> int | None:
    """The year in an id such as `NAVAREA XI 123/16` or `A1500/21`."""
    m = _ID_YEAR.search(notice_id or "")
    if m is None:
        return None
    return _full_year(m.group(1))


def text_validity(text: str, year: int | None) -> Validity:
    """The first validity phrase of the text (see the module docstring)."""
    for reader in (_dated, _span, _daily, _cancel_self):
        found = reader(text, year)
        if found is not None:
            read = found.valid_from or found.valid_to
            return dataclasses.replace(found, note="read from the text" if read else
                                       "not read: the year is not in the text or the notice's id")
    cjk = cjk_window(text, year)
    if cjk is not None:
        return Validity(cjk.valid_from, cjk.valid_to, None, cjk.note)
    return Validity(note="not given in a form this parser reads")


def _dated(text: str, year: int | None) -> Validity | None:
    m = _DATED.search(text)
    if m is None:
        return None
    return Validity(_at(int(m["y1"]), m["m1"], m["d1"], m["t1"]),
                    _at(int(m["y2"]), m["m2"], m["d2"], m["t2"]))


def _span(text: str, year: int | None) -> Validity | None:
    m = _SPAN.search(text)
    if m is None:
        return None
    month1, month2 = m["m1"], m["m2"] or m["m1"]
    wraps = _month(month2) < _month(month1)  # DEC to JAN
    y1 = _full_year(m["y1"]) if m["y1"] else None
    y2 = _full_year(m["y2"]) if m["y2"] else None
    if y1 is None:
        y1 = y2 - wraps if y2 is not None else year
    if y1 is None:
        return Validity()
    if y2 is None:
        y2 = y1 + wraps
    return Validity(_at(y1, month1, m["d1"], m["t1"]), _at(y2, month2, m["d2"], m["t2"]))


def _daily(text: str, year: int | None) -> Validity | None:
    m = _DAILY.search(text) or _DAYS_THEN_DAILY.search(text)
    if m is None:
        return None
    t1, t2 = m["t1"], m["t2"]
    schedule = f"daily {t1[:2]}:{t1[2:]}-{t2[:2]}:{t2[2:]} UTC"
    y = _full_year(m["y"]) if m["y"] else year
    if y is None:
        return Validity(schedule=schedule)
    month1 = m["m1"] or m["m2"]
    y1 = y - 1 if _month(month1) > _month(m["m2"]) else y
    start = _at(y1, month1, m["d1"], t1)
    end = _at(y, m["m2"], m["d2"], t2)
    if start and end and t2 <= t1:  # the window passes midnight
        end = _shift(end, timedelta(days=1))
    return Validity(start, end, schedule)


def _cancel_self(text: str, year: int | None) -> Validity | None:
    m = _CANCEL_SELF.search(text)
    if m is None:
        return None
    y = _full_year(m["y"]) if m["y"] else year
    return Validity(None, _at(y, m["m"], m["d"], m["t"]) if y else None)


def _at(year: int, month: str, day: str, hhmm: str) -> str | None:
    return _iso(year, _month(month), int(day), int(hhmm[:2]), int(hhmm[2:]))


def _iso(year: int, month: int, day: int, hour: int, minute: int) -> str | None:
    """ISO 8601 UTC, 2400 being the next day's 0000; None for an impossible date."""
    try:
        moment = datetime(year, month, day, tzinfo=UTC) + timedelta(hours=hour, minutes=minute)
    except ValueError:
        return None
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _shift(iso: str, delta: timedelta) -> str:
    moment = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) + delta
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _month(word: str) -> int:
    return MONTHS[word[:3].upper()]


def _full_year(digits: str) -> int:
    value = int(digits)
    return value if value >= 100 else 2000 + value
