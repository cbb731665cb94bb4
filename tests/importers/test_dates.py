"""Dates and times as spreadsheets write them, to ISO 8601 UTC; ambiguity refused, not guessed."""

from __future__ import annotations

import pytest

from geo.importers.dates import WhenError, infer_order, parse_clock, parse_when


@pytest.mark.parametrize(
    ("text", "clock", "expected"),
    [
        ("2024-05-27", None, "2024-05-27"),
        ("2024/05/27", None, "2024-05-27"),
        ("27 May 2024", None, "2024-05-27"),
        ("27-May-2024", None, "2024-05-27"),
        ("27th May 2024", None, "2024-05-27"),
        ("May 27, 2024", None, "2024-05-27"),
        ("Monday, 27 May 2024", None, "2024-05-27"),
        ("9-Apr-84", None, "1984-04-09"),
        ("1-Nov-22", None, "2022-11-01"),
        ("9-Apr-49", None, "2049-04-09"),
        ("9-Apr-50", None, "1950-04-09"),
        ("Sep-84", None, "1984-09"),
        ("May 2024", None, "2024-05"),
        ("2024-05", None, "2024-05"),
        ("27/05/2024", None, "2024-05-27"),
        ("05/27/2024", None, "2024-05-27"),
        ("2024-05-27 22:43", None, "2024-05-27T22:43Z"),
        ("2024-05-27T22:43:05Z", None, "2024-05-27T22:43:05Z"),
        ("2024-05-27T22:43:05.250+00:00", None, "2024-05-27T22:43:05Z"),
        ("2024-05-28T07:43+09:00", None, "2024-05-27T22:43Z"),
        ("27 May 2024 10:43 PM", None, "2024-05-27T22:43Z"),
        ("9-Apr-84", "12:29:00 AM", "1984-04-09T00:29:00Z"),
        ("9-Apr-84", "12:29:00 PM", "1984-04-09T12:29:00Z"),
        ("9-Apr-84", "9:20 PM", "1984-04-09T21:20Z"),
        ("9-Apr-84", "2243Z", "1984-04-09T22:43Z"),
        ("9-Apr-84", "22:43 UTC", "1984-04-09T22:43Z"),
        ("9-Apr-84", "  ", "1984-04-09"),
    ],
)
def test_accepted_forms(text, clock, expected):
    assert parse_when(text, clock) == expected


@pytest.mark.parametrize(
    ("text", "clock", "category", "fragment"),
    [
        ("05/06/2024", None, "bad date", "could be day/month or month/day"),
        ("31 Feb 2024", None, "bad date", "not a real date"),
        ("1984", None, "bad date", "year alone"),
        ("45439", None, "bad date", "serial number"),
        ("22:43", None, "bad date", "time without a date"),
        ("soon", None, "bad date", "unrecognised date"),
        ("2024-05-27", "25:00", "bad time", "not a time of day"),
        ("2024-05-27", "13:00 PM", "bad time", "hour 13 with PM"),
        ("2024-05-27", "noonish", "bad time", "unrecognised time"),
        ("May 2024", "10:00", "bad time", "no day"),
    ],
)
def test_refused_forms_say_why(text, clock, category, fragment):
    with pytest.raises(WhenError) as caught:
        parse_when(text, clock)
    assert caught.value.category == category
    assert fragment in caught.value.message


def test_a_column_settles_the_day_month_order():
    assert infer_order(["05/06/2024", "27/05/2024"]) == "dmy"
    assert infer_order(["05/06/2024", "05/27/2024"]) == "mdy"
    assert infer_order(["05/06/2024"]) is None
    assert infer_order(["27/05/2024", "05/27/2024"]) is None  # contradictory: nothing guessed
    assert parse_when("05/06/2024", order="dmy") == "2024-06-05"
    assert parse_when("05/06/2024", order="mdy") == "2024-05-06"


def test_clock_parts():
    assert parse_clock("12:00 AM") == (0, 0, None, 0)
    assert parse_clock("12:00 p.m.") == (12, 0, None, 0)
    assert parse_clock("09:30:15+09:00") == (9, 30, 15, 540)
