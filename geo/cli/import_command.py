"""`geo import FILE -o OUT`: the import, its report on stderr, and an atomic write."""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

from ..atomic import WriteError, atomic_paths
from ..errors import ExportError, GeoError
from ..export import SUFFIXES, write_format
from ..export.csvtext import write_rows
from ..importers.failure import fail
from ..importers.kinds import requirement
from ..importers.limits import JOB_MEMORY_MB, JOB_SECONDS, LIMITS_TEXT
from ..importers.options import KINDS, ImportOptions
from ..importers.progress import TerminalBar
from ..importers.result import ImportResult
from .arguments import non_empty_path, positive_megabytes, positive_seconds

FORMAT_BY_SUFFIX = {suffix: fmt for fmt, suffix in SUFFIXES.items()} | {".json": "geojson"}
SHOWN = 20


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The `import` subcommand and its options."""
    parser = sub.add_parser(
        "import", help="import your own CSV/TSV, GeoJSON, KML/KMZ or GeoPackage",
        description=f"Read a file of your own, check every row and write the rows that pass. "
                    f"Limits: {LIMITS_TEXT}.")
    parser.add_argument("file", type=Path, help="the file to import")
    parser.add_argument("-o", "--output", type=non_empty_path, required=True,
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
    parser.add_argument("--skipped", type=non_empty_path,
                        help="also write the skipped rows, as CSV, here")
    parser.add_argument("--strict", action="store_true", help="write nothing if any row is skipped")
    parser.add_argument("--time-limit", type=positive_seconds, default=JOB_SECONDS, metavar="SECONDS",
                        help=f"stop the import after this long (default {JOB_SECONDS})")
    parser.add_argument("--memory-limit", type=positive_megabytes, default=JOB_MEMORY_MB, metavar="MB",
                        help=f"stop the import when it needs more memory, in MB of 10^6 bytes "
                             f"(default {JOB_MEMORY_MB:,})")


def _column_types(file: str) -> tuple[str, ...] | None:
    """The types of the .csvt beside a CSV file given by path (geo export writes one)."""
    from ..importers.csvt import sidecar

    path = Path(file)
    return sidecar(path) if path.suffix.lower() in (".csv", ".txt", ".tsv") else None


def run(args: argparse.Namespace) -> int:
    """Import args.file and write args.output; returns the exit code."""
    options = ImportOptions(kind=args.kind, lat=args.lat, lon=args.lon, coords=args.coords,
                            wkt=args.wkt, time=args.time, time_of_day=args.time_of_day,
                            name=args.name, layer=args.layer, delimiter=_delimiter(args.delimiter),
                            encoding=args.encoding, column_types=_column_types(args.file))
    skipped: Path | None = args.skipped
    _target(Path(args.output), args.file)  # a bad -o fails before the work, not after
    if skipped is not None and (skipped.is_dir() or not skipped.name):
        raise GeoError(f"--skipped {skipped} is a folder; give a file name")
    bar = TerminalBar(sys.stderr)
    try:
        from ..importers.job import Budget, run_import

        result = run_import(args.file, options=options, progress=bar,
                            budget=Budget(memory_mb=args.memory_limit, seconds=args.time_limit))
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
        _write(result, out, fmt, skipped)
    finally:
        bar.close()
    print(f"wrote {out} ({fmt}, {len(result.features)} features, layer '{result.layer}')")
    if skipped:
        print(f"wrote {skipped} ({len(result.skipped) + len(result.warnings)} rows)")
    print(result.summary())
    return 0


def _write(result: ImportResult, out: Path, fmt: str, skipped: Path | None) -> None:
    """The output and the --skipped report, both or neither (each atomically)."""
    targets = [out] + ([skipped] if skipped else [])
    with atomic_paths(targets) as temps:
        try:
            write_format({result.layer: result.features}, fmt, temps[0])
        except (GeoError, KeyboardInterrupt):
            raise
        except OSError as exc:
            raise WriteError(f"{out}: {exc.strerror or exc}; nothing was written") from None
        except Exception as exc:  # GDAL and pandas raise many kinds
            raise ExportError(f"could not write {out} as {fmt}: {exc}; nothing was written") \
                from exc
        if skipped:
            try:
                temps[1].write_text(skipped_csv(result), encoding="utf-8", newline="")
            except OSError as exc:
                raise WriteError(f"{skipped}: {exc.strerror or exc}; nothing was written") \
                    from None


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
    if _same_file(output, Path(source)):
        raise GeoError(f"{output} is the file being imported; write somewhere else")
    return output, fmt


def _same_file(first: Path, second: Path) -> bool:
    """Whether two paths name the same file (symbolic link loops and missing files are not)."""
    try:
        return os.path.samefile(first, second)
    except (OSError, ValueError):
        return os.path.realpath(first) == os.path.realpath(second)


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
    """Skipped rows and warnings as CSV text: row, column, problem, reason (cells made safe for
    spreadsheets, as every CSV the project writes: geo.export.csvtext)."""
    buffer = io.StringIO()
    rows = ([item.row, item.column, item.category, item.reason]
            for item in [*result.skipped, *result.warnings])
    write_rows(buffer, [result.unit, "column", "problem", "reason"], rows)
    return buffer.getvalue()
