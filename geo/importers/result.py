"""What an import gives back: the features that made it, the rows that did not, and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..i18n.catalogue import DEFAULT, messages, plural, translate

# The kinds of problem the readers name a row by; the summary counts them in the catalogue's
# words (upload.count_*, geo.i18n).
CATEGORIES = ("missing coordinates", "bad coordinates", "coordinates out of range", "missing geometry",
              "bad geometry", "wrong geometry type", "missing date", "bad date", "bad time", "malformed row")
UNITS = ("row", "feature")
"""The units an import counts in: rows of a table, features of a vector file."""


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

    def summary(self, lang: str = DEFAULT) -> str:
        """'245 rows: 231 imported, 14 skipped (14 missing coordinates)', in lang (the catalogue's
        words; a kind of problem the catalogue lacks as the reader names it)."""
        unit = self.unit if self.unit in UNITS else "row"
        text = plural(lang, f"upload.summary_{unit}s", self.total, imported=len(self.features))
        if self.warnings:
            text += " " + plural(lang, "upload.summary_warnings", len(self.warnings))
        if self.skipped:
            counts = Counter(item.category for item in self.skipped)
            reasons = [_count(lang, category, n)
                       for category, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
            text += ", " + translate(lang, "upload.summary_skipped", count=len(self.skipped),
                                     reasons=", ".join(reasons))
        return text


class RowProblem(ValueError):
    """Why one row cannot be imported: a summary category, a message and the field at fault."""

    def __init__(self, category: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.category = category
        self.message = message
        self.field = field


def _count(lang: str, category: str, count: int) -> str:
    """'14 missing coordinates' in lang."""
    key = "upload.count_" + category.replace(" ", "_")
    return plural(lang, key, count) if key in messages(DEFAULT) else f"{count} {category}"
