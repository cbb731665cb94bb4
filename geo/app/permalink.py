"""The date range a permalink names, as the server reads it for downloads of what is shown.

The rest of a permalink (event, layers, view, lang) is read by the explorer in the browser
(geo/map/static/geo/explorer/state.js), which checks it there; a download passes it on as it came.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date


def date_range(query: Mapping[str, str], full_start: date, full_end: date) -> tuple[date, date]:
    """`from` and `to`, within the full range; unreadable or reversed dates give the full range."""
    start = max(_date(query.get("from"), full_start), full_start)
    end = min(_date(query.get("to"), full_end), full_end)
    return (full_start, full_end) if start > end else (start, end)


def _date(value: str | None, default: date) -> date:
    try:
        return date.fromisoformat(str(value)) if value else default
    except ValueError:
        return default
