"""What a date range keeps of the layers: dated features in range, and what follows them."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..times import event_date
from . import registry

Layers = dict[str, list[dict[str, Any]]]


def feature_day(feature: dict[str, Any], field: str) -> date | None:
    """The UTC day a feature's time field starts on, or None when it has none."""
    value = (feature.get("properties") or {}).get(field)
    try:
        return event_date(str(value)) if value else None
    except ValueError:
        return None


def filter_layers(layers: Layers, start: date | None, end: date | None,
                  full: tuple[date, date] | None = None) -> Layers:
    """Features whose first time field lies in [start, end] (undated ones stay), and the
    features that follow them (zones and paths go with their event).

    A bound at the end of full (the whole range of the catalogue) is left open, so that
    imported features outside the catalogue's years are not cut off by an untouched slider."""
    low = None if start is None or (full and start <= full[0]) else start
    high = None if end is None or (full and end >= full[1]) else end
    out = dict(layers)
    for name, features in layers.items():
        spec = registry.spec_of(name)
        if spec.time_fields and not spec.follows:
            field = spec.time_fields[0]
            out[name] = [f for f in features if _within(feature_day(f, field), low, high)]
    for name, features in layers.items():
        spec = registry.spec_of(name)
        if spec.follows:
            leader, via = spec.follows
            kept = {str(f.get("id")) for f in out.get(leader, [])}
            out[name] = [f for f in features if (f.get("properties") or {}).get(via) in kept]
    return out


def catalogue_range(layers: Layers) -> tuple[date, date]:
    """The first and last day of the catalogue's events (the range an untouched slider spans)."""
    days = [date.fromisoformat(str(f["properties"]["date"]))
            for f in layers.get(registry.EVENTS.name, [])]
    return (min(days), max(days)) if days else (date(1998, 1, 1), date(2024, 12, 31))


def _within(day: date | None, low: date | None, high: date | None) -> bool:
    return day is None or ((low is None or day >= low) and (high is None or day <= high))
