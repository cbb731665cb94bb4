"""`geo import FILE -o OUT`: the import, its report on stderr, and an atomic write."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from ..atomic import write_text_atomic
from ..errors import GeoError
from ..export import SUFFIXES, export_layers
from ..importers.failure import fail
from ..importers.kinds import requirement
from ..importers.limits import LIMITS_TEXT
from ..importers.options import KINDS, ImportOptions
from ..importers.progress import TerminalBar
from ..importers.result import ImportResult

FORMAT_BY_SUFFIX = {suffix: fmt for fmt, suffix in SUFFIXES.items()} | {".json": "geojson"}
SHOWN = 20


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The `import` subcommand and its options."""
    parser = sub.add_parser(
        "import", help="import your own CSV/TSV, GeoJSON, KML/KMZ or GeoPackage",
        description=f"Read a file of your own, check every row and write the rows that pass. "
                    f"Limits: {LIMITS_TEXT}.")
    parser.add_argument("file", type=Path, help="the file to import")
    parser.add_argument("-o", "--output", type=Path, required=True,
                        help="file to write; the suffix picks the format (.geojson, .gpkg, .kml, "
                             ".csv, .fgb, .zip); a folder gets <layer>.geojson")
    needs = ", ".join(f"{kind} need {requirement(kind)}" for kind in KINDS)
    parser.add_argument("--kind", choices=KINDS, help=f"what the rows are ({needs})")
    for flag, text in (("--lat", "latitude column"), ("--lon", "longitude column"),
                       ("--coords", "one column holding 'lat, lon' or a DMS position"),
                       ("--wkt", "column holding WKT geometry"),
                       ("--time", "date (or date and time) column"),
                       ("--time-of-day", "a separate time-of-day column"),
                       ("--name", "column naming each row"),
                       ("--layer", "the one layer to read from a GeoPackage or KML"),
                       ("--delimiter", "CSV delimiter (default: detected)"),
                       ("--encoding", "text encoding (default: UTF-8, else Windows-1252)")):
        parser.add_argument(flag, help=text)
    parser.add_argument("--skipped", type=Path, help="also write the skipped rows, as CSV, here")
    parser.add_argument("--strict", action="store_true", help="write nothing if any row is skipped")


def run(args: argparse.Namespace) -> int:
    """Import args.file and write args.output; returns the exit code."""
    options = ImportOptions(kind=args.kind, lat=args.lat, lon=args.lon, coords=args.coords,
                            wkt=args.wkt, time=args.time, time_of_day=args.time_of_day,
                            name=args.name, layer=args.layer, delimiter=_delimiter(args.delimiter),
                            encoding=args.encoding)
    _target(Path(args.output), args.file)  # a bad -o fails before the work, not after
    bar = TerminalBar(sys.stderr)
    try:
        from ..importers.reader import import_path  # pandas and GDAL: only when importing

        result = import_path(args.file, options, bar)
    finally:
        bar.close()
    _report(result)
    if not result.features:
        raise fail(result.source_file, f"nothing could be imported ({result.summary()})")
    if args.strict and result.skipped:
        raise GeoError(f"{len(result.skipped)} {result.unit}(s) skipped and --strict given")
    out, fmt = _target(Path(args.output), args.file, result.layer)
    bar(0.0, f"writing {out.name}")
    try:
        export_layers({result.layer: result.features}, fmt, out)
    finally:
        bar.close()
    if args.skipped:
        write_text_atomic(args.skipped, skipped_csv(result))
    print(f"wrote {out} ({fmt}, {len(result.features)} features, layer '{result.layer}')")
    print(result.summary())
    return 0


def _delimiter(text: str | None) -> str | None:
    if text is None:
        return None
    named = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
    value = named.get(text.lower(), text)
    if len(value) != 1:
        raise GeoError(f"--delimiter must be one character (or tab), not '{text}'")
    return value


def _target(output: Path, source: Path, layer: str = "imported") -> tuple[Path, str]:
    """(file to write, format); a folder gets <layer>.geojson, whose name cannot leave it."""
    if output.is_dir():
        return output / f"{layer}.geojson", "geojson"
    fmt = FORMAT_BY_SUFFIX.get(output.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMAT_BY_SUFFIX))
        raise GeoError(f"cannot tell a format from '{output.name}'; end it with one of {known}")
    if output.resolve() == Path(source).resolve():
        raise GeoError(f"{output} is the file being imported; write somewhere else")
    return output, fmt


def _report(result: ImportResult) -> None:
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    for label, items in (("warning", result.warnings), ("skipped", result.skipped)):
        for item in items[:SHOWN]:
            print(f"{label}: {result.where(item)}: {item.reason}", file=sys.stderr)
        if len(items) > SHOWN:
            print(f"{label}: … and {len(items) - SHOWN} more (--skipped FILE lists them all)",
                  file=sys.stderr)


def skipped_csv(result: ImportResult) -> str:
    """Skipped rows and warnings as CSV text: row, column, problem, reason."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[result.unit, "column", "problem", "reason"],
                            lineterminator="\n")
    writer.writeheader()
    for item in [*result.skipped, *result.warnings]:
        writer.writerow(item.as_dict(result.unit))
    return buffer.getvalue()
