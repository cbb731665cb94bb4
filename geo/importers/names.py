"""Layer and file names derived from uploads: letters, digits, '-' and '_' only, never a path."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .limits import MAX_LAYER_NAME

RESERVED = frozenset({"events", "sites", "zones", "all-layers"})


def safe_layer_name(filename: str, taken: Iterable[str] = ()) -> str:
    """A short, safe layer name from a file name: no folders, no markup, unique among taken."""
    base = re.split(r"[\\/]", str(filename))[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.strip(".") else base
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_text).strip("-_").lower()[:MAX_LAYER_NAME].strip("-_")
    name = name or "imported"
    if name in RESERVED:
        name += "-imported"
    used = set(taken)
    candidate, number = name, 2
    while candidate in used:
        candidate, number = f"{name}-{number}", number + 1
    return candidate
