"""One small hierarchy of errors; the CLI and the app translate them at the edges."""

from __future__ import annotations

from dataclasses import dataclass


class GeoError(Exception):
    """Base of every error this package raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in an input file."""

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.record:
            where += f", {self.record}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class DataError(GeoError):
    """Input data is wrong; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        first = str(self.problems[0]) if self.problems else "invalid data"
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more)" if more > 0 else ""))


class FieldError(ValueError):
    """A field's value is not acceptable; the message says why (the caller names the place)."""


class NoticeParseError(GeoError):
    """Notice text could not be read; points at the offending token."""

    def __init__(self, message: str, text: str = "", start: int = 0, end: int = 0) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.message = message
        super().__init__(message)


class ExportError(GeoError):
    """An export could not be written."""


class ImportDataError(DataError):
    """A file to import could not be read at all; nothing was imported."""
