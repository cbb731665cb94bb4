"""One area read from a notice: its label, shape, polygon, and where in the text it is written."""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry import Polygon

from .positions import Position


@dataclass
class Area:
    """One area read from the text: its label, shape, polygon and where it is written."""

    label: str | None
    shape: str
    polygon: Polygon
    start: int
    end: int
    corners: tuple[Position, ...]
    labelled_at: int | None = None  # start of the marker that labels it
    number: int | None = None
    expected_fall_point: tuple[float, float] | None = None
