"""CSV that a spreadsheet opens as data, never as formulas (OWASP, "CSV Injection").

A text cell that starts with = + - @, a tab, a carriage return or a line feed would be run as a
formula by Excel, LibreOffice or Google Sheets (=HYPERLINK(…), +cmd|' /C calc'!A0, @SUM(…)).
Such a cell gets a leading apostrophe, which spreadsheets read as "this is text", and every text
cell is written inside double quotes (doubled within), so that a delimiter in a cell cannot
start a new cell there either, whatever delimiter the spreadsheet assumes. Plain numbers
(-125.5, +3, 1e-5) are left as they are: a spreadsheet reads them as numbers, not formulas.
Every CSV the project writes goes through write_rows.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def safe_cell(value: Any) -> Any:
    """The value as written to a CSV cell: None for missing, numbers as numbers, text that a
    spreadsheet would run as a formula behind an apostrophe."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing values
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalars
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_rows(handle: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write a header and rows as CSV (LF line ends); text cells quoted and made safe."""
    writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
