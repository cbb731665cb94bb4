"""One small hierarchy of errors; the CLI and the app translate them at the edges."""

from __future__ import annotations

import reprlib
from dataclasses import dataclass
from typing import Any

_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxdict, _SHOWN.maxlist, _SHOWN.maxtuple, _SHOWN.maxset = 2, 4, 4, 4, 4


def shown(value: Any, limit: int = 60) -> str:
    """A short repr of a value for a message, bounded in time and length whatever it holds."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 133:
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
    _SHOWN.maxstring = _SHOWN.maxother = limit
    text = _SHOWN.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
