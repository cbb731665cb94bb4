"""CSV and TSV as spreadsheets save them: delimiter and encoding detected, odd rows reported."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from .failure import fail
from .limits import MAX_COLUMNS, MAX_FIELD_CHARS, MAX_ROWS
from .records import Record
from .result import RowProblem
from .values import clean_text

DELIMITERS = (",", "\t", ";", "|")
DELIMITER_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}
PROGRESS_ROWS = 5000
csv.field_size_limit(MAX_FIELD_CHARS)


def sniff(text: str, suffix: str) -> str:
    """The delimiter: tab for .tsv/.tab, else the one that splits the first lines most evenly."""
    if suffix in (".tsv", ".tab"):
        return "\t"
    sample = text[:65536]
    scores = {}
    for delimiter in DELIMITERS:
        try:
            rows = [row for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
                    if any(cell.strip() for cell in row)][:50]
        except csv.Error:
            continue
        if rows and len(rows[0]) > 1:
            scores[delimiter] = (sum(len(row) == len(rows[0]) for row in rows), len(rows[0]))
    return max(scores, key=lambda d: scores[d]) if scores else ","


def read_csv(text: str, file: str, suffix: str, delimiter: str | None,
             progress: Callable[[float, str], None] | None = None
             ) -> tuple[list[str], list[Record], str]:
    """(headers, records, delimiter) of CSV text, with progress (share of the text read, what is
    happening) every PROGRESS_ROWS rows. Raises ImportDataError for an unreadable file."""
    if "\x00" in text:
        raise fail(file, "contains NUL bytes: this is a binary file, not CSV text")
    first_line = text.split("\n", 1)[0].strip()
    skipped_lines = 0
    if first_line.lower().startswith("sep=") and len(first_line) == 5:  # Excel's hint line
        delimiter = delimiter or first_line[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
        skipped_lines = 1
    delimiter = delimiter or sniff(text, suffix)
    headers: list[str] | None = None
    records: list[Record] = []
    consumed = 0
    for number, cells in _rows(text, delimiter, file, skipped_lines):
        if progress is not None:
            consumed += sum(len(cell) for cell in cells) + len(cells)
            if number % PROGRESS_ROWS == 0:
                progress(min(1.0, consumed / max(1, len(text))), f"read {number:,} rows")
        if not any(cell.strip() for cell in cells):
            continue
        if headers is None:
            headers = _headers(cells, file, number)
            continue
        if len(records) >= MAX_ROWS:
            raise fail(file, f"more than {MAX_ROWS:,} rows; split the file", f"row {number}")
        records.append(_record(headers, cells, number))
    if headers is None:
        raise fail(file, "is empty: no header row")
    return headers, records, delimiter


def _rows(text: str, delimiter: str, file: str, offset: int) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = offset
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise fail(file, f"malformed CSV ({exc}); check the quotes on this row",
                       f"row {number}") from None
        yield number, cells


def _headers(cells: list[str], file: str, number: int) -> list[str]:
    if len(cells) > MAX_COLUMNS:
        raise fail(file, f"{len(cells):,} columns; at most {MAX_COLUMNS:,} are read", f"row {number}")
    headers: list[str] = []
    seen: set[str] = set()
    for index, cell in enumerate(cells, start=1):
        name = " ".join(clean_text(cell).replace("\ufeff", "").split()) or f"column_{index}"
        unique, count = name, 2
        while unique.lower() in seen:
            unique, count = f"{name}_{count}", count + 1
        seen.add(unique.lower())
        headers.append(unique)
    return headers


def _record(headers: list[str], cells: list[str], number: int) -> Record:
    extra = cells[len(headers):]
    if any(cell.strip() for cell in extra):
        problem = RowProblem("malformed row", f"{len(cells)} cells but the header has {len(headers)} "
                                              "columns (an unquoted delimiter?)")
        return Record(number, {}, problem=problem)
    values = [clean_text(cell) for cell in cells[: len(headers)]]
    values += [""] * (len(headers) - len(values))
    fields = {header: (value if value.strip() else None) for header, value in zip(headers, values,
                                                                                  strict=True)}
    return Record(number, fields)
