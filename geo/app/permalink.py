"""What the explorer shows, as it travels in a permalink: event, dates, layers, centre, zoom."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from ..layers import registry

LAYER_KEYS = tuple(spec.name for spec in registry.BUILTIN if spec.visible)
"""The layers shown when a link names none: the built-in layers visible at first."""


@dataclass(frozen=True)
class ViewState:
    """The explorer's state; every field has a safe default so any URL gives a valid view."""

    start: date
    end: date
    event: str | None = None
    layers: tuple[str, ...] = LAYER_KEYS
    lat: float | None = None
    lon: float | None = None
    zoom: int | None = None

    def to_query(self, full_start: date, full_end: date) -> dict[str, str]:
        """Query parameters; defaults are left out so links stay short."""
        query: dict[str, str] = {}
        if self.event:
            query["event"] = self.event
        if self.start != full_start:
            query["from"] = self.start.isoformat()
        if self.end != full_end:
            query["to"] = self.end.isoformat()
        if tuple(self.layers) != LAYER_KEYS:
            query["layers"] = ",".join(self.layers) or "none"
        if self.lat is not None and self.lon is not None and self.zoom is not None:
            query.update(lat=f"{self.lat:.4f}", lon=f"{self.lon:.4f}", z=str(self.zoom))
        return query

    @classmethod
    def from_query(cls, query: Mapping[str, str], full_start: date, full_end: date,
                   event_ids: set[str]) -> ViewState:
        """The state a permalink names; unreadable or impossible values fall back to defaults."""
        start = _date(query.get("from"), full_start)
        end = _date(query.get("to"), full_end)
        start, end = max(start, full_start), min(end, full_end)
        if start > end:
            start, end = full_start, full_end
        event = query.get("event")
        state = cls(start=start, end=end, event=event if event in event_ids else None)
        if "layers" in query:
            names = [n for n in str(query["layers"]).split(",") if registry.is_builtin(n)]
            state = replace(state, layers=tuple(n for n in registry.NAMES if n in names))
        lat, lon, zoom = (_number(query.get(k)) for k in ("lat", "lon", "z"))
        if (lat is not None and lon is not None and zoom is not None
                and -90 <= lat <= 90 and -180 <= lon <= 180 and 1 <= zoom <= 19):
            state = replace(state, lat=lat, lon=lon, zoom=int(zoom))
        return state


def _date(value: str | None, default: date) -> date:
    try:
        return date.fromisoformat(str(value)) if value else default
    except ValueError:
        return default


def _number(value: str | None) -> float | None:
    try:
        number = float(str(value)) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and number == number and abs(number) != float("inf") else None
