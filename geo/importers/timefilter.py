"""The timeline's date range applied to imported layers: dated features filtered, undated kept."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..times import event_date

Layers = dict[str, list[dict[str, Any]]]


def filter_by_dates(layers: Layers, start: date | None, end: date | None,
                    full: tuple[date, date] | None = None) -> Layers:
    """Features whose time_utc falls in [start, end]; a bound at the end of full is left open."""
    low = None if start is None or (full and start <= full[0]) else start
    high = None if end is None or (full and end >= full[1]) else end
    out: Layers = {}
    for name, features in layers.items():
        kept = []
        for item in features:
            when = str((item.get("properties") or {}).get("time_utc") or "")
            day = _day(when)
            if day is None or (low is None or day >= low) and (high is None or day <= high):
                kept.append(item)
        out[name] = kept
    return out


def _day(text: str) -> date | None:
    try:
        return event_date(text) if text else None
    except ValueError:
        return None
