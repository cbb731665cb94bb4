"""What the user tells an import: the kind of data, and columns when they cannot be guessed."""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import KINDS

__all__ = ["KINDS", "ImportOptions"]


@dataclass(frozen=True)
class ImportOptions:
    """Columns given by name override the guesses; kind adds checks (events need a date…)."""

    kind: str | None = None
    lat: str | None = None
    lon: str | None = None
    coords: str | None = None
    wkt: str | None = None
    time: str | None = None
    time_of_day: str | None = None
    name: str | None = None
    layer: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    column_types: tuple[str, ...] | None = None
    """A CSV's column types, as its .csvt gives them (geo.importers.csvt)."""
