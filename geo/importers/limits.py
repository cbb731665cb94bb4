"""What an import accepts at most; stated to users in the CLI help and the upload box."""

from __future__ import annotations

MAX_UPLOAD_MB = 50
MAX_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 1_000
MAX_FIELD_CHARS = 1_000_000
MAX_LAYER_NAME = 48
TWO_DIGIT_YEAR_PIVOT = 50
"""Two-digit years: 00–49 are 2000–2049, 50–99 are 1950–1999 (so '84' is 1984, '23' is 2023)."""

LIMITS_TEXT = (f"at most {MAX_UPLOAD_MB} MB and {MAX_ROWS:,} rows or features a file; "
               "latitudes within ±90°, longitudes within ±180°")
