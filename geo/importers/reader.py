"""import_bytes and import_path: any accepted file to an ImportResult, or an ImportDataError."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path, PurePath

from ..scratch import system_scratch
from .columns import Plan, normal, plan_columns
from .csvfile import DELIMITER_NAMES, read_csv
from .csvt import apply_types, sidecar
from .decode import decode
from .detect import detect
from .failure import fail
from .geojsonfile import read_geojson
from .gpkgcheck import check_gpkg
from .kinds import needs_date
from .kmlscan import apply_scan, scan_kml
from .limits import MAX_BYTES
from .names import safe_layer_name
from .ogrfile import check_kml_bytes, kml_from_kmz, read_ogr, shapefiles_from_zip
from .options import ImportOptions
from .progress import Progress, no_progress
from .records import Builder, Record
from .result import ImportResult
from .source import read_source, too_big

SAMPLE_ROWS = 2000
READ_SHARE = 0.4
"""The part of the progress bar for reading the file; the rest is for checking its rows."""


def import_path(path: Path, options: ImportOptions | None = None,
                progress: Progress | None = None, taken: Iterable[str] = ()) -> ImportResult:
    """Import a regular file on disk (geo.importers.source). Raises ImportDataError; never
    changes the file."""
    path = Path(path)
    options = options or ImportOptions()
    if options.column_types is None:
        options = dataclasses.replace(options, column_types=sidecar(path))
    return import_bytes(read_source(path), path.name, options, progress, taken)


def import_bytes(data: bytes, filename: str, options: ImportOptions | None = None,
                 progress: Progress | None = None, taken: Iterable[str] = ()) -> ImportResult:
    """Import a file's bytes (an upload); taken holds layer names already in use."""
    options = options or ImportOptions()
    report = progress or no_progress
    file = PurePath(filename.replace("\\", "/")).name or "upload"
    if len(data) > MAX_BYTES:
        raise too_big(file, len(data))
    fmt = detect(file, data)
    report(0.0, f"reading {file}")
    unit = "row" if fmt == "csv" else "feature"
    result = ImportResult(source_file=file, layer=safe_layer_name(file, taken), unit=unit)
    records = _records(fmt, data, file, options, result, report)
    if not records:
        raise fail(file, f"has no {unit}s to import")
    headers = _headers(records)
    try:
        plan = plan_columns(headers, [r.fields for r in records[:SAMPLE_ROWS]], options,
                            need_position=fmt == "csv")
    except KeyError as exc:
        raise fail(file, str(exc.args[0])) from None
    _check_plan(plan, fmt, file, headers, options)
    result.notes.append(plan.describe())
    if plan.date and not any(w in normal(f"{plan.date} {plan.clock or ''}").split()
                             for w in ("utc", "gmt", "z", "zulu")):
        result.notes.append("times without a zone are read as UTC")
    result.total = len(records)
    builder = Builder(result, plan, options.kind, from_cells=fmt == "csv")
    step = max(1, len(records) // 200)
    for index, record in enumerate(records):
        builder.add(record)
        if index % step == 0:
            report(READ_SHARE + (1 - READ_SHARE) * index / len(records),
                   f"{index:,} of {len(records):,} {unit}s")
    report(1.0, result.summary())
    return result


def _records(fmt: str, data: bytes, file: str, options: ImportOptions,
             result: ImportResult, report: Progress) -> list[Record]:
    """The file's rows or features as records; reports progress up to READ_SHARE."""
    if fmt in ("csv", "geojson"):
        try:
            text, encoding = decode(data, options.encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise fail(file, f"cannot be decoded as {options.encoding} ({exc})") from None
        if fmt == "geojson":
            return read_geojson(text, file)
        headers, records, delimiter = read_csv(
            text, file, PurePath(file).suffix.lower(), options.delimiter,
            lambda share, text: report(READ_SHARE * share, text))
        if options.column_types:
            apply_types(headers, records, options.column_types, file)
            result.notes.append(f"column types from {PurePath(file).with_suffix('.csvt').name}")
        result.notes.append(f"read as {encoding}, {DELIMITER_NAMES.get(delimiter, repr(delimiter))}"
                            "-separated")
        return records
    if fmt == "kmz":
        data = kml_from_kmz(data, file)
    containers = None
    if fmt in ("kml", "kmz"):
        check_kml_bytes(data, file)
        containers = scan_kml(data, file, lambda share: report(
            READ_SHARE / 2 * share, "checking the coordinates"))
    elif fmt == "gpkg":
        check_gpkg(data, file)
    # GDAL reads from a path: the file goes in a scratch folder that a kill cannot leave behind
    with system_scratch("geo-import") as folder:
        if fmt == "shpzip":
            path = shapefiles_from_zip(data, file, folder)
        else:
            path = folder / {"gpkg": "upload.gpkg", "fgb": "upload.fgb"}.get(fmt, "doc.kml")
            path.write_bytes(data)
        layers, notes = read_ogr(path, file, options.layer, lambda share, text: report(
            READ_SHARE / 2 * (1 + share), text))
    if containers is not None:
        apply_scan(layers, containers, file)
    result.notes.extend(notes)
    return [record for _, records in layers for record in records]


def _headers(records: list[Record]) -> list[str]:
    seen: dict[str, None] = {}
    for record in records[:SAMPLE_ROWS]:
        seen.update(dict.fromkeys(record.fields))
    return list(seen)


def _check_plan(plan: Plan, fmt: str, file: str, headers: list[str], options: ImportOptions) -> None:
    listing = ", ".join(f"'{h}'" for h in headers[:30]) + (" …" if len(headers) > 30 else "")
    if fmt == "csv" and not (plan.lat and plan.lon or plan.coords or plan.wkt):
        raise fail(file, f"no latitude and longitude columns found among {listing}; "
                         "name them with --lat and --lon (or --coords for one column)")
    if needs_date(options.kind) and not plan.date:
        raise fail(file, f"{options.kind} need a date, and no date column was found among "
                         f"{listing}; name it with --time")
