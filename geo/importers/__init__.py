"""Bring your own data: CSV/TSV, GeoJSON, KML/KMZ and GeoPackage to checked GeoJSON features."""

from __future__ import annotations

import importlib
from typing import Any

# Loaded on first use, so `geo build` and `geo --help` do not pay for pandas and GDAL.
_HOMES = {"LIMITS_TEXT": "limits", "MAX_BYTES": "limits", "MAX_ROWS": "limits",
          "MAX_UPLOAD_MB": "limits", "safe_layer_name": "names", "KINDS": "options",
          "ImportOptions": "options", "Progress": "progress", "TerminalBar": "progress",
          "import_bytes": "reader", "import_path": "reader", "ImportResult": "result",
          "Skipped": "result", "filter_by_dates": "timefilter"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)


__all__ = ["KINDS", "LIMITS_TEXT", "MAX_BYTES", "MAX_ROWS", "MAX_UPLOAD_MB", "ImportOptions",
           "ImportResult", "Progress", "Skipped", "TerminalBar", "filter_by_dates", "import_bytes",
           "import_path", "safe_layer_name"]
