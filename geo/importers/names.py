"""The layer key of an imported file: the imported namespace and a safe slug of its name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..layers import registry
from .limits import MAX_LAYER_NAME


def safe_layer_name(filename: str, taken: Iterable[str] = ()) -> str:
    """The key of the layer an imported file becomes: 'imported-' and a short slug of its name
    (letters, digits, '-' and '_'; no folders, no markup), unique among taken. Never the name
    of a built-in layer, whatever the file is called."""
    base = re.split(r"[\\/]", str(filename))[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.strip(".") else base
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_text).strip("-_").lower()[:MAX_LAYER_NAME]
    return registry.user_key(registry.IMPORTED, slug.strip("-_") or "data", taken)
