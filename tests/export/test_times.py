"""Times that tools understand (issue 20): a time_start/time_end pair covering what the sources
say, at the precision stated, and no invented day."""

from __future__ import annotations

import pytest

from geo.export.timespan import bounds, kml_when, parse, time_columns


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-04", ("2024-04-01T00:00:00Z", "2024-04-30T23:59:59Z")),
    ("2024-02", ("2024-02-01T00:00:00Z", "2024-02-29T23:59:59Z")),
    ("2024-05-27", ("2024-05-27T00:00:00Z", "2024-05-27T23:59:59Z")),
    ("2024-05-27T13:44Z", ("2024-05-27T13:44:00Z", "2024-05-27T13:44:59Z")),
    ("2024-05-27T13:44:05Z", ("2024-05-27T13:44:05Z", "2024-05-27T13:44:05Z")),
    ("2024-05-27T13:44+09:00", ("2024-05-27T04:44:00Z", "2024-05-27T04:44:59Z")),
])
def test_bounds_cover_the_period_named(value, expected):
    assert bounds(value) == expected


@pytest.mark.parametrize("value", ["2023-02-29", "2024-13", "2024-05-27T13:44", "2024-05-27T25:00Z",
                                   "27/05/2024", "", None, 2024])
def test_what_is_not_a_time_gives_no_bounds(value):
    assert parse(value) is None and bounds(value) is None and kml_when(value) is None


def test_kml_when_keeps_the_precision_and_completes_minutes():
    assert kml_when("2024-05") == "2024-05"
    assert kml_when("2024-05-27") == "2024-05-27"
    assert kml_when("2024-05-27T13:44Z") == "2024-05-27T13:44:00Z"


def test_a_month_event_gets_no_invented_day(layers):
    months = [i["properties"] for i in layers["events"]
              if i["properties"]["time_precision"] == "month"]
    assert months
    for props in months:
        columns = time_columns(props)
        assert columns["date"] == props["time_utc"]  # '2024-04', not '2024-04-01'
        assert columns["time_precision"] == "month"
        assert columns["time_start"].startswith(props["time_utc"] + "-01T00:00:00")
        assert columns["time_end"][:7] == props["time_utc"]


def test_zones_get_their_window(layers):
    for item in layers["zones"]:
        props = item["properties"]
        columns = time_columns(props)
        if props["valid_from"] is None and props["valid_to"] is None:
            assert columns == {}
            continue
        assert columns["time_precision"] == "day"
        if props["valid_from"]:
            assert columns["time_start"] == props["valid_from"] + "T00:00:00Z"
        if props["valid_to"]:
            assert columns["time_end"] == props["valid_to"] + "T23:59:59Z"
