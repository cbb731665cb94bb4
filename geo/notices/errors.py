"""Raising a NoticeParseError that points at the token in the text the user gave."""

from __future__ import annotations

from typing import NoReturn

from ..errors import NoticeParseError
from .text import Prepared


def refuse(prepared: Prepared, message: str, start: int, end: int) -> NoReturn:
    """Raise NoticeParseError for scan span [start, end), pointing into the original text."""
    lo, hi = prepared.span(start, end)
    raise NoticeParseError(message, prepared.original, lo, hi)


def token(prepared: Prepared, start: int, end: int) -> str:
    """The text of a scan span as read (a wrapped position joined), on one line."""
    return " ".join(prepared.scan[start:end].split())
