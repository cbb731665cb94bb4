"""Argument types shared by the commands."""

from __future__ import annotations

import argparse
from pathlib import Path


def non_empty_path(text: str) -> Path:
    """A path argument that is not empty: Path('') would quietly mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("needs a path, not an empty text")
    return Path(text)
