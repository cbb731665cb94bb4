"""`geo zones parse FILE`: notices in, their danger areas out as one GeoJSON FeatureCollection.

FILE (or - for standard input) holds one notice, many (split at NOTAM ids, warning headers or
blank lines), or a table with a column of notices: JSON (a list of texts, a list of objects,
or an object of lists such as the NOTAM archive's {"RAWMESSAGE": […]}) or CSV/TSV. The
column is --column, or the first of DEFAULT_COLUMNS present. Replaced notices are left out.
Each refused notice is reported on stderr (file:line:column, or file, row/item N); the exit
code is 1 when no area at all could be read.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import stat
import sys
from pathlib import Path
from typing import Any

from ..errors import GeoError
from ..notices import MAX_NOTICE_CHARS, MAX_NOTICES_CHARS, read_notice_list
from ..notices.batch import NoticeReading, drawn_features, read_notices
from ..notices.pasted import collection_text, decorate, pointer, refusals, summary

DEFAULT_COLUMNS = ("notice", "notices", "text", "message", "raw_text", "rawmessage", "raw_message")
FORMATS = ("text", "json", "csv")
_SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".tsv": "csv"}
MAX_BYTES = MAX_NOTICES_CHARS * 4  # UTF-8: at most four bytes a character


def add_parser(zones_sub: argparse._SubParsersAction) -> None:
    """The `zones parse` subcommand and its options."""
    parse = zones_sub.add_parser(
        "parse", help="print the areas of one or many notices as a GeoJSON FeatureCollection",
        description=__doc__.split("\n\n")[1].replace("\n", " ") + f" Limits: {MAX_NOTICE_CHARS:,} "
        f"characters a notice, {MAX_NOTICES_CHARS:,} in all.")
    parse.add_argument("file", nargs="?", default="-",
                       help="file holding the notices, or - (the default) for standard input")
    parse.add_argument("--format", choices=FORMATS,
                       help="how FILE is written (default: by its suffix, .json, .csv or .tsv; else text)")
    parse.add_argument("--column", help="the column (or key) holding the notices in a JSON or CSV "
                                        f"file (default: the first of {', '.join(DEFAULT_COLUMNS)})")


def run(args: argparse.Namespace) -> int:
    """Read the notices of args.file, print their areas; returns the exit code."""
    name = "<stdin>" if args.file == "-" else str(args.file)
    fmt = args.format or _SUFFIX_FORMATS.get(Path(args.file).suffix.lower(), "text")
    text = _read_text(args.file, name)
    if fmt == "text":
        readings = read_notices_or_fail(text, name)
        problems = refusals(readings, name)
    else:
        rows, where = _table(text, fmt, args.column, name)
        readings = read_notice_list([row for _, row in rows])
        problems = [f"{name}, {where} {number}: {pointer(r.error, 'notice')}"
                    for (number, _), r in zip(rows, readings, strict=True) if r.error is not None]
    features = decorate(drawn_features(readings))
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if len(readings) > 1:
        print(summary(readings), file=sys.stderr)
    if not features:
        if len(readings) == 1 and not problems:
            raise GeoError(f"{name}:1:1: no danger area found: no corner list, circle or numbered area")
        return 1
    print(collection_text(features))
    return 0


def read_notices_or_fail(text: str, name: str) -> list[NoticeReading]:
    """The notices of a text; one line naming the file when it is over the size limit."""
    if len(text) > MAX_NOTICES_CHARS:
        raise GeoError(f"{name}: {len(text):,} characters; the limit is {MAX_NOTICES_CHARS:,}")
    return read_notices(text)


def _read_text(file: str, name: str) -> str:
    """The file's (or standard input's) UTF-8 text, refused when it is too big or not a file."""
    if file == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        path = Path(file)
        mode = path.stat().st_mode  # FileNotFoundError ends in one line in geo.cli
        if not stat.S_ISREG(mode):
            raise GeoError(f"{name}: not a regular file")
        if path.stat().st_size > MAX_BYTES:
            raise GeoError(f"{name}: {path.stat().st_size:,} bytes; the limit is "
                           f"{MAX_NOTICES_CHARS:,} characters")
        data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise GeoError(f"{name}: more than {MAX_BYTES:,} bytes; the limit is "
                       f"{MAX_NOTICES_CHARS:,} characters")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GeoError(f"{name}: not UTF-8 text (byte {exc.start})") from None


def _table(text: str, fmt: str, column: str | None, name: str) -> tuple[list[tuple[int, str]], str]:
    """(row or item number, notice text) of each non-empty cell of the notices' column."""
    if len(text) > MAX_NOTICES_CHARS:
        raise GeoError(f"{name}: {len(text):,} characters; the limit is {MAX_NOTICES_CHARS:,}")
    if fmt == "json":
        return _json_rows(text, column, name), "item"
    return _csv_rows(text, column, name), "row"


def _json_rows(text: str, column: str | None, name: str) -> list[tuple[int, str]]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise GeoError(f"{name}: not JSON ({exc})") from None
    if isinstance(data, dict):
        key = _pick(list(data), column, name)
        values = data[key]
        if not isinstance(values, list):
            raise GeoError(f"{name}: '{key}' is not a list of notices")
    elif isinstance(data, list):
        values = data
        objects = [item for item in data if isinstance(item, dict)]
        if objects:
            key = _pick(list(dict.fromkeys(k for item in objects for k in item)), column, name)
            values = [item.get(key) if isinstance(item, dict) else item for item in data]
    else:
        raise GeoError(f"{name}: expected a list of notices or an object of lists")
    return _cells(values, name, "item")


def _csv_rows(text: str, column: str | None, name: str) -> list[tuple[int, str]]:
    try:
        dialect = csv.Sniffer().sniff(text[:10_000], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader, [])
        index = header.index(_pick(header, column, name))
        rows = [row[index] if index < len(row) else "" for row in reader]
    except csv.Error as exc:
        raise GeoError(f"{name}, row {reader.line_num}: {exc}") from None
    return [(number + 1, cell) for number, cell in _cells(rows, name, "row")]


def _pick(columns: list[str], column: str | None, name: str) -> str:
    """The column holding the notices: the one asked for, or the first usual name present."""
    if column is not None:
        if column in columns:
            return column
        raise GeoError(f"{name}: no column '{column}' (columns: {', '.join(columns[:20]) or 'none'})")
    lower = {c.lower(): c for c in columns}
    for wanted in DEFAULT_COLUMNS:
        if wanted in lower:
            return lower[wanted]
    raise GeoError(f"{name}: no column of notices found; name it with --column "
                   f"(columns: {', '.join(columns[:20]) or 'none'})")


def _cells(values: list[Any], name: str, what: str) -> list[tuple[int, str]]:
    """Numbered non-empty text cells; anything but text is refused by number."""
    out = []
    for number, value in enumerate(values, start=1):
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not isinstance(value, str):
            raise GeoError(f"{name}, {what} {number}: a notice must be text, not {type(value).__name__}")
        out.append((number, value))
    return out
