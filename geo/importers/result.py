"""What an import gives back: the features that made it, the rows that did not, and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# category → (singular, plural) as the summary line says them
CATEGORIES = {
    "missing coordinates": ("missing coordinates", "missing coordinates"),
    "bad coordinates": ("bad coordinates", "bad coordinates"),
    "coordinates out of range": ("coordinates out of range", "coordinates out of range"),
    "missing geometry": ("missing geometry", "missing geometries"),
    "bad geometry": ("bad geometry", "bad geometries"),
    "wrong geometry type": ("wrong geometry type", "wrong geometry types"),
    "missing date": ("missing date", "missing dates"),
    "bad date": ("bad date", "bad dates"),
    "bad time": ("bad time", "bad times"),
    "malformed row": ("malformed row", "malformed rows"),
}


@dataclass(frozen=True)
class Skipped:
    """One row (or feature) left out, or kept with a warning: where, which column, and why."""

    row: int
    column: str
    category: str
    reason: str

    def as_dict(self, unit: str = "row") -> dict[str, Any]:
        """A table row for the app and the --skipped CSV."""
        return {unit: self.row, "column": self.column, "problem": self.category,
                "reason": self.reason}


@dataclass
class ImportResult:
    """The outcome of one import; features are RFC 7946 GeoJSON Feature dicts."""

    source_file: str
    layer: str
    unit: str = "row"
    total: int = 0
    features: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def where(self, item: Skipped) -> str:
        """'cns.csv, row 57, field 'Facility Latitude'' for messages."""
        column = f", field '{item.column}'" if item.column else ""
        return f"{self.source_file}, {self.unit} {item.row}{column}"

    def summary(self) -> str:
        """'245 rows: 231 imported, 14 skipped (14 missing coordinates)'."""
        unit = self.unit if self.total == 1 else f"{self.unit}s"
        text = f"{self.total} {unit}: {len(self.features)} imported"
        if self.warnings:
            count = len(self.warnings)
            text += f" ({count} with {'a warning' if count == 1 else 'warnings'})"
        if self.skipped:
            counts = Counter(item.category for item in self.skipped)
            parts = [f"{n} {CATEGORIES.get(c, (c, c))[0 if n == 1 else 1]}"
                     for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
            text += f", {len(self.skipped)} skipped ({', '.join(parts)})"
        return text


class RowProblem(ValueError):
    """Why one row cannot be imported: a summary category, a message and the field at fault."""

    def __init__(self, category: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.category = category
        self.message = message
        self.field = field
