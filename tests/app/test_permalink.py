"""The date range a permalink names, as downloads read it: never outside the data, never raising."""

from __future__ import annotations

from datetime import date

import pytest

from geo.app.permalink import date_range

FULL = (date(1998, 8, 31), date(2025, 10, 31))


@pytest.mark.parametrize(("query", "expected"), [
    ({}, FULL),
    ({"from": "2023-01-01"}, (date(2023, 1, 1), FULL[1])),
    ({"from": "2023-01-01", "to": "2024-06-30"}, (date(2023, 1, 1), date(2024, 6, 30))),
    ({"from": "1900-01-01", "to": "2999-12-31"}, FULL),  # clamped to the data
    ({"from": "yesterday", "to": "2024-99-99"}, FULL),  # unreadable: the full range
    ({"from": "2024-01-01", "to": "2000-01-01"}, FULL),  # reversed: the full range
])
def test_date_range(query, expected):
    assert date_range(query, *FULL) == expected
