"""A CSV's column types from the .csvt beside it (GDAL's convention, which QGIS also reads and
geo export writes): 'Integer', 'Integer64', 'Real', 'Integer(Boolean)' cells become numbers and
booleans; every other type (String, Date, DateTime, WKT…) stays text, as the import reads it."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any

from .failure import fail
from .records import Record
from .values import is_missing

MAX_CSVT_BYTES = 100_000
_TRUE, _FALSE = ("true", "1", "yes", "t"), ("false", "0", "no", "f")


def sidecar(path: Path) -> tuple[str, ...] | None:
    """The types of the .csvt beside a CSV (None when there is none); ImportDataError naming it
    when it cannot be read."""
    csvt = Path(path).with_suffix(".csvt")
    if not csvt.is_file() or Path(path).suffix.lower() == ".csvt":
        return None
    if csvt.stat().st_size > MAX_CSVT_BYTES:
        raise fail(csvt.name, f"is larger than {MAX_CSVT_BYTES:,} bytes; a .csvt is one line")
    try:
        text = csvt.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(csvt.name, f"cannot be read ({exc})") from None
    rows = [row for row in csv.reader(io.StringIO(text)) if row]
    if len(rows) != 1:
        raise fail(csvt.name, f"has {len(rows)} lines; a .csvt has one line of types")
    return tuple(cell.strip() for cell in rows[0])


def apply_types(headers: list[str], records: list[Record], types: tuple[str, ...] | list[str],
                file: str) -> None:
    """Turn the cells of typed columns into numbers and booleans, in place. ImportDataError
    naming the row, field and cell when a cell is not of its column's type."""
    csvt = Path(file).with_suffix(".csvt").name
    if len(types) != len(headers):
        raise fail(file, f"{csvt} gives {len(types)} types for {len(headers)} columns")
    typed = {header: kind.split("(")[0].lower() + ("(boolean)" if "(boolean)" in kind.lower() else "")
             for header, kind in zip(headers, types, strict=True)}
    for record in records:
        for header, kind in typed.items():
            value = record.fields.get(header)
            if not isinstance(value, str) or is_missing(value):
                continue
            record.fields[header] = _convert(value.strip(), kind, file, record.row, header, csvt)


def _convert(value: str, kind: str, file: str, row: int, header: str, csvt: str) -> Any:
    try:
        if kind == "integer(boolean)":
            if value.lower() in _TRUE:
                return True
            if value.lower() in _FALSE:
                return False
            raise ValueError
        if kind in ("integer", "integer64"):
            return int(value)
        if kind == "real":
            number = float(value)
            if not math.isfinite(number):
                raise ValueError
            return number
    except ValueError:
        raise fail(file, f"'{value[:40]}' is not {kind.replace('(boolean)', ' (boolean)')}, as "
                         f"{csvt} declares", f"row {row}", header) from None
    return value
