"""KML, KMZ and GeoPackage through GDAL (pyogrio): every layer read, LIBKML's renames undone."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyogrio
import pyogrio.raw
import shapely

from ..errors import ImportDataError
from .crs import CrsRefused, reproject_records
from .failure import fail
from .gpkgcheck import STYLE_TABLE
from .limits import MAX_BYTES, MAX_COLUMNS, MAX_LAYERS, MAX_ROWS, MAX_UPLOAD_MB
from .records import Record
from .result import RowProblem
from .values import plain

# LIBKML adds these columns to every layer, and renames a file's own 'id' or 'Name' to 'id2'…
LIBKML_COLUMNS = {"id": None, "Name": None, "description": None, "Description": None,
                  "timestamp": None, "begin": None, "end": None, "altitudeMode": None,
                  "tessellate": -1, "extrude": 0, "visibility": -1, "drawOrder": None, "icon": None,
                  "snippet": None}
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)


def check_kml_bytes(data: bytes, file: str) -> None:
    """Refuse KML with a DOCTYPE or ENTITY declaration (entity expansion, external fetches)."""
    if _DECLARATION.search(data):
        raise fail(file, "declares a DOCTYPE or ENTITY; such KML is refused (it can expand or "
                         "fetch data)")


def kml_from_kmz(data: bytes, file: str) -> bytes:
    """The KML inside a KMZ: doc.kml, else the first .kml file. Refuses zip bombs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [i for i in archive.infolist() if i.filename.lower().endswith(".kml")]
            names.sort(key=lambda i: (i.filename.lower() != "doc.kml", i.filename.count("/"),
                                      i.filename))
            if not names:
                raise fail(file, "is a zip without a .kml file inside, so not a KMZ")
            info = names[0]
            if info.file_size > MAX_BYTES:
                raise fail(file, f"{info.filename} unpacks to more than {MAX_UPLOAD_MB} MB")
            with archive.open(info) as handle:
                kml = handle.read(MAX_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError,
            EOFError, ValueError) as exc:
        raise fail(file, f"is not a readable KMZ (zip) file ({exc})") from None
    if len(kml) > MAX_BYTES:
        raise fail(file, f"{info.filename} unpacks to more than {MAX_UPLOAD_MB} MB")
    return kml


SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def shapefiles_from_zip(data: bytes, file: str, folder: Path) -> Path:
    """Unpack the Shapefiles of a zip (.shp with its .shx, .dbf, .prj, .cpg; other members are
    left) into folder, each under its own base name (no path of the zip's choosing); returns
    folder. Refuses zips without a .shp and zip bombs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [i for i in archive.infolist() if not i.is_dir()
                       and Path(i.filename).suffix.lower() in SHAPEFILE_PARTS
                       and not Path(i.filename).name.startswith(".")]
            if not any(Path(i.filename).suffix.lower() == ".shp" for i in members):
                raise fail(file, "is a zip without a .shp file inside; zips are read as "
                                 "Shapefiles (a zipped KML must be named .kmz)")
            if sum(i.file_size for i in members) > MAX_BYTES:
                raise fail(file, f"unpacks to more than {MAX_UPLOAD_MB} MB")
            seen: set[str] = set()
            for info in members:
                name = Path(info.filename).name
                if name.lower() in seen:
                    raise fail(file, f"holds two files named {name}; keep one")
                seen.add(name.lower())
                with archive.open(info) as source:
                    part = source.read(MAX_BYTES + 1)
                if len(part) > MAX_BYTES:
                    raise fail(file, f"{name} unpacks to more than {MAX_UPLOAD_MB} MB")
                (folder / name).write_bytes(part)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError,
            EOFError, ValueError) as exc:
        raise fail(file, f"is not a readable zip file ({exc})") from None
    return folder


def read_ogr(path: Path, file: str, layer: str | None,
             progress: Callable[[float, str], None] | None = None
             ) -> tuple[list[tuple[str, list[Record]]], list[str]]:
    """([(layer, its records)…], notes) of every layer (or the one named), records numbered
    across layers; 'source_layer' tells them apart. progress gets (share of layers read, text)."""
    try:
        with warnings.catch_warnings():  # GDAL's warnings about odd files; errors still raise
            warnings.simplefilter("ignore", RuntimeWarning)
            listed = [str(name) for name, _ in pyogrio.list_layers(path)]
    except Exception as exc:  # GDAL raises DataSourceError and others for damaged files
        raise fail(file, f"cannot be read ({_gdal_message(exc)})") from None
    notes = []
    if STYLE_TABLE in listed and layer != STYLE_TABLE and path.suffix.lower() == ".gpkg":
        listed.remove(STYLE_TABLE)  # QGIS's styles, not data
        notes.append(f"'{STYLE_TABLE}' (QGIS's styles of the layers) is not imported")
    if layer is not None:
        if layer not in listed:
            raise fail(file, f"has no layer '{layer}'; layers are: {', '.join(listed)}")
        listed = [layer]
    if not listed:
        raise fail(file, "has no layer to import")
    if len(listed) > MAX_LAYERS:
        raise fail(file, f"has {len(listed):,} layers; at most {MAX_LAYERS} are read")
    layers: list[tuple[str, list[Record]]] = []
    count = 0
    for index, name in enumerate(listed):
        if progress is not None:
            progress(index / len(listed), f"reading layer '{name}' ({index + 1} of {len(listed)})")
        layer_records = _read_layer(path, file, name, len(listed) > 1)
        for record in layer_records:
            count += 1
            record.row = count
            if count > MAX_ROWS:
                raise fail(file, f"has more than {MAX_ROWS:,} features; at most {MAX_ROWS:,} are read")
        layers.append((name, layer_records))
        notes.append(f"layer '{name}': {len(layer_records)} features")
    return layers, notes


def _read_layer(path: Path, file: str, name: str, tag: bool) -> list[Record]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            # pyogrio allocates every column at max_features before reading: a one-row table of
            # 999 columns asked for 200,001 rows took 1.7 GB. Count first, then ask for that many.
            info = pyogrio.read_info(path, layer=name, force_feature_count=True)
            features, columns_count = int(info["features"]), len(info["fields"])
            if features > MAX_ROWS:
                raise fail(file, f"layer '{name}' has {features:,} features; at most {MAX_ROWS:,} are read")
            if columns_count > MAX_COLUMNS:
                raise fail(file, f"layer '{name}' has {columns_count:,} columns; "
                                 f"at most {MAX_COLUMNS:,} are read")
            meta, _, wkbs, columns = pyogrio.raw.read(
                path, layer=name, datetime_as_string=True,
                max_features=features + 1 if features >= 0 else MAX_ROWS + 1)
    except ImportDataError:
        raise
    except Exception as exc:  # GDAL raises many kinds for damaged files
        raise fail(file, f"layer '{name}' cannot be read ({_gdal_message(exc)})") from None
    names = _rename_libkml([str(n) for n in meta["fields"]], columns)
    records = []
    count = len(wkbs) if wkbs is not None else (len(columns[0]) if columns else 0)
    for index in range(count):
        fields: dict[str, Any] = {"source_layer": name} if tag else {}
        for column, values in zip(names, columns, strict=True):
            if column is not None:
                fields[column] = plain(values[index])
        record = Record(index + 1, fields)
        try:
            record.geometry = _geometry(wkbs[index] if wkbs is not None else None)
        except RowProblem as problem:
            record.problem = problem
        records.append(record)
    crs = meta.get("crs")
    if crs and records:
        try:
            reproject_records(records, crs)
        except CrsRefused as exc:
            raise fail(file, f"layer '{name}' cannot be converted to WGS 84: {exc}") from None
    return records


def _geometry(wkb: Any) -> Any:
    if wkb is None:
        return None
    try:
        return shapely.from_wkb(wkb)
    except Exception as exc:  # GEOSException, ValueError…
        raise RowProblem("bad geometry", f"unreadable geometry ({str(exc)[:120]})", "geometry") from None


def _rename_libkml(names: list[str], columns: list[Any]) -> list[str | None]:
    """Drop LIBKML's empty bookkeeping columns, give renamed fields back their names ('id2' → 'id')."""
    out: list[str | None] = list(names)
    for index, name in enumerate(names):
        if name in LIBKML_COLUMNS and _all_default(columns[index], LIBKML_COLUMNS[name]):
            out[index] = None
    kept = {name for name in out if name is not None}
    for index, name in enumerate(names):
        if name.endswith("2") and name[:-1] in LIBKML_COLUMNS and name[:-1] in names:
            original = name[:-1]
            if _all_default(columns[index], None):  # an empty copy: nothing to give back
                out[index] = None
                continue
            if original in kept:
                out[names.index(original)] = f"kml_{original}"
            out[index] = original
    for index, column in enumerate(out):
        lower = {"Name": "name", "Description": "description"}.get(column or "")
        if lower and lower not in out:
            out[index] = lower
    return out


def _all_default(values: Any, default: Any) -> bool:
    for value in values:
        item = plain(value)
        if item not in (None, "", default):
            return False
    return True


def _gdal_message(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text[:200] if text else type(exc).__name__

