"""Export layers to the formats analysts' tools read: GeoJSON, GeoPackage, KML, CSV, FlatGeobuf,
zipped Shapefile. Nested properties are flattened; every file is written atomically; KML is
always well-formed XML (geo.export.kml) and CSV never holds a live formula (geo.export.csvtext).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from ..atomic import WriteError, atomic_paths, failure_text
from ..errors import ExportError
from ..scratch import system_scratch
from .frames import Layers, flatten_properties, to_frame
from .kml import write_kml
from .writers import write_csv, write_csvt, write_fgb, write_geojson, write_gpkg, write_shp

__all__ = ["FORMATS", "MEDIA_TYPES", "SUFFIXES", "Layers", "export_bytes", "export_layers",
           "flatten_properties", "select_layers", "to_frame", "write_format"]

FORMATS = ("geojson", "gpkg", "kml", "csv", "fgb", "shp")
SUFFIXES = {"geojson": ".geojson", "gpkg": ".gpkg", "kml": ".kml", "csv": ".csv",
            "fgb": ".fgb", "shp": ".zip"}
MEDIA_TYPES = {"geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3",
               "kml": "application/vnd.google-earth.kml+xml", "csv": "text/csv",
               "fgb": "application/octet-stream", "shp": "application/zip"}

WRITERS: dict[str, Callable[[Layers, Path], None]] = {
    "geojson": write_geojson, "gpkg": write_gpkg, "kml": write_kml, "csv": write_csv,
    "fgb": write_fgb, "shp": write_shp}


def export_layers(layers: Layers, fmt: str, out: Path, durable: bool = True) -> Path:
    """Write the given layers to out in format fmt; returns the path written (a CSV gets its
    .csvt of column types beside it, csvt_path). Durable: flushed to disk before it replaces the
    previous file (geo.atomic.atomic_paths)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}")
    if not layers:
        raise ExportError("no layer to export")
    out = Path(out)
    if not out.name or str(out) in ("", "."):
        raise ExportError("no file name given for the export")
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name")
    targets = [out, csvt_path(out)] if fmt == "csv" else [out]
    try:
        with atomic_paths(targets, durable) as temps:
            write_format(layers, fmt, temps[0])
            if fmt == "csv":
                write_csvt(layers, temps[1])
    except (ExportError, WriteError):
        raise
    except OSError as exc:
        raise ExportError(f"could not write {out}: {failure_text(exc)}") from None
    except Exception as exc:  # GDAL and pandas raise many kinds; the caller needs one
        raise ExportError(f"could not write {out.name} as {fmt}: {failure_text(exc)}") from exc
    return out


def csvt_path(out: Path) -> Path:
    """Where GDAL and QGIS look for a CSV's column types: beside it, suffix .csvt."""
    return out.with_suffix(".csvt")


def write_format(layers: Layers, fmt: str, path: Path) -> None:
    """Write layers to path in format fmt, directly (the caller makes it atomic); GDAL's notes
    on renamed layers and Shapefile's 10-character field names (in the README) kept quiet."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.filterwarnings("ignore", "Column names longer than 10", UserWarning)
        WRITERS[fmt](layers, path)


def export_bytes(layers: Layers, fmt: str) -> bytes:
    """The export as bytes (for a download button)."""
    with system_scratch("geo-export") as folder:  # read back at once: no need to flush it
        path = export_layers(layers, fmt, folder / f"export{SUFFIXES[fmt]}", durable=False)
        return path.read_bytes()


def select_layers(available: Layers, names: Iterable[str] | None) -> Layers:
    """The named layers (all when names is empty), in the order given."""
    wanted = list(names or available)
    unknown = [name for name in wanted if name not in available]
    if unknown:
        raise ExportError(f"unknown layer '{unknown[0]}'; layers: {', '.join(available)}")
    return {name: available[name] for name in dict.fromkeys(wanted)}
