"""Argument types shared by the commands."""

from __future__ import annotations

import argparse
import math
from pathlib import Path


def non_empty_path(text: str) -> Path:
    """A path argument that is not empty: Path('') would quietly mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("needs a path, not an empty text")
    return Path(text)


def positive_seconds(text: str) -> float:
    """A finite number of seconds above zero, at most a day: 'nan' and 'inf' are no budget."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number of seconds") from None
    if not math.isfinite(value) or not 0 < value <= 86_400:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} must be a number of seconds above 0, at most 86400")
    return value


def positive_megabytes(text: str) -> int:
    """A whole number of MB above zero, at most a terabyte."""
    if not text.strip().isascii() or not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number of MB")
    value = int(text)
    if not 0 < value <= 1_000_000:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} must be a number of MB above 0, at most 1000000")
    return value
