"""File-level failures: one Problem naming the file (and row or field when there is one)."""

from __future__ import annotations

from ..errors import ImportDataError, Problem


def fail(file: str, message: str, record: str = "", field: str = "") -> ImportDataError:
    """An ImportDataError with one problem, ready to raise."""
    return ImportDataError([Problem(file, record, field, message)])
