"""Cell values: what counts as missing, and turning any value into plain, JSON-safe data."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from typing import Any

import pandas as pd

MISSING = frozenset({"", "unknown", "n/a", "na", "n.a.", "none", "null", "nil", "nan", "#n/a",
                     "-", "--", "—", "–", "?", "not known", "not available", "unk"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_missing(value: Any) -> bool:
    """True for None, NaN and the words spreadsheets use for 'no value' (Unknown, N/A, empty…)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and value.strip().lower() in MISSING


def clean_text(text: str) -> str:
    """Text without control characters or unpaired surrogates (XML and UTF-8 files refuse them)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return _CONTROL.sub("", text)


def plain(value: Any, depth: int = 0) -> Any:
    """A JSON-safe copy of value: str, int, float (finite), bool, None, lists and dicts of them."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return [plain(item, depth + 1) for item in value] if depth < 20 else None
    if isinstance(value, dict):
        if depth >= 20:
            return None
        return {clean_text(str(key)): plain(item, depth + 1) for key, item in value.items()}
    if value is None or _is_na(value):
        return None
    if hasattr(value, "item"):
        value = value.item()  # numpy scalars become Python ones
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float | Decimal):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(bytes(value))} bytes of binary data>"
    return clean_text(str(value))


def _is_na(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
