"""Bring your own data: CSV/TSV, GeoJSON, KML/KMZ and GeoPackage to checked GeoJSON features."""

from __future__ import annotations

from .limits import LIMITS_TEXT, MAX_BYTES, MAX_ROWS, MAX_UPLOAD_MB
from .names import safe_layer_name
from .options import KINDS, ImportOptions
from .progress import Progress, TerminalBar
from .reader import import_bytes, import_path
from .result import ImportResult, Skipped
from .timefilter import filter_by_dates

__all__ = ["KINDS", "LIMITS_TEXT", "MAX_BYTES", "MAX_ROWS", "MAX_UPLOAD_MB", "ImportOptions",
           "ImportResult", "Progress", "Skipped", "TerminalBar", "filter_by_dates", "import_bytes",
           "import_path", "safe_layer_name"]
