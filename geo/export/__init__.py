"""Export layers to the formats analysts' tools read: GeoJSON, GeoPackage, KML, CSV, FlatGeobuf,
zipped Shapefile. Nested properties are flattened; every file is written atomically."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shapely.geometry import shape

from . import geojson
from .atomic import atomic_path
from .errors import ExportError
from .layers import popup, registry

if TYPE_CHECKING:
    import geopandas as gpd

FORMATS = ("geojson", "gpkg", "kml", "csv", "fgb", "shp")
SUFFIXES = {"geojson": ".geojson", "gpkg": ".gpkg", "kml": ".kml", "csv": ".csv",
            "fgb": ".fgb", "shp": ".zip"}
MEDIA_TYPES = {"geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3",
               "kml": "application/vnd.google-earth.kml+xml", "csv": "text/csv",
               "fgb": "application/octet-stream", "shp": "application/zip"}
SHP_TEXT_LIMIT = 254

Layers = dict[str, list[dict[str, Any]]]


def flatten_properties(props: dict[str, Any]) -> dict[str, Any]:
    """One level of columns: names → names_en…; sources → titles, urls and full JSON; lists → text."""
    flat: dict[str, Any] = {}
    for key, value in props.items():
        if isinstance(value, dict):
            for sub, item in value.items():
                flat[f"{key}_{sub}"] = _scalar(item)
        elif key == "sources" and isinstance(value, list):
            flat["source_titles"] = "; ".join(str(s.get("title", "")) for s in value)
            flat["source_urls"] = " ".join(str(s.get("url", "")) for s in value)
            flat["sources_json"] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        else:
            flat[key] = _scalar(value)
    return flat


def _scalar(value: Any) -> Any:
    if isinstance(value, list):
        if all(isinstance(item, str | int | float) for item in value):
            return "; ".join(str(item) for item in value)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def to_frame(features: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """A GeoDataFrame (EPSG:4326) of flattened properties, columns in first-seen order."""
    import geopandas as gpd  # deferred: most commands never export
    import pandas as pd

    rows = [flatten_properties(item.get("properties") or {}) for item in features]
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    frame = pd.DataFrame(rows, columns=list(columns))
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].astype("string").astype(object)
            frame[column] = frame[column].where(frame[column].notna(), None)
    geometry = [shape(item["geometry"]) for item in features]
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def _merged(layers: Layers) -> list[dict[str, Any]]:
    merged = []
    for name, features in layers.items():
        for item in features:
            props = {"layer": name, **(item.get("properties") or {})}
            merged.append({**item, "properties": props})
    return merged


def export_layers(layers: Layers, fmt: str, out: Path) -> Path:
    """Write the given layers to out in format fmt; returns the path written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}")
    if not layers:
        raise ExportError("no layer to export")
    out = Path(out)
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            # Shapefile's 10-character field names are documented in the README.
            warnings.filterwarnings("ignore", "Column names longer than 10", UserWarning)
            with atomic_path(out) as tmp:
                _WRITERS[fmt](layers, tmp)
    except ExportError:
        raise
    except Exception as exc:  # GDAL and pandas raise many kinds; the caller needs one
        raise ExportError(f"could not write {out.name} as {fmt}: {exc}") from exc
    return out


def _write_geojson(layers: Layers, tmp: Path) -> None:
    if len(layers) == 1:
        ((name, features),) = layers.items()
    else:
        name, features = "+".join(layers), _merged(layers)
    tmp.write_text(geojson.dumps(features, name), encoding="utf-8")


def _write_gpkg(layers: Layers, tmp: Path) -> None:
    for index, (name, features) in enumerate(layers.items()):
        to_frame(features).to_file(tmp, layer=name, driver="GPKG", engine="pyogrio",
                                   append=index > 0)


def _write_kml(layers: Layers, tmp: Path) -> None:
    related = popup.related_in(layers)
    for index, (name, features) in enumerate(layers.items()):
        frame = to_frame(features)
        spec = registry.spec_of(name).popup
        frame["description"] = [popup.render(spec, item.get("properties") or {}, related)
                                for item in features]
        frame.to_file(tmp, layer=name, driver="KML", engine="pyogrio", append=index > 0,
                      dataset_options={"NameField": "name", "DescriptionField": "description"})


def _write_csv(layers: Layers, tmp: Path) -> None:
    frame = to_frame(_merged(layers))
    points = frame.geometry.representative_point()
    import pandas as pd

    table = pd.DataFrame(frame.drop(columns="geometry"))
    table["lon"] = points.x.round(geojson.DECIMALS)
    table["lat"] = points.y.round(geojson.DECIMALS)
    table["wkt"] = frame.geometry.to_wkt(rounding_precision=geojson.DECIMALS)
    table.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")


def _write_fgb(layers: Layers, tmp: Path) -> None:
    features = next(iter(layers.values())) if len(layers) == 1 else _merged(layers)
    frame = to_frame(features)
    types = set(frame.geom_type)
    kwargs = {} if len(types) == 1 else {"geometry_type": "Unknown"}
    # GDAL writes a folder unless the name ends in .fgb; give it one, then take its place.
    named = tmp.with_name(tmp.name + ".fgb")
    try:
        frame.to_file(named, driver="FlatGeobuf", engine="pyogrio", **kwargs)
        os.replace(named, tmp)
    finally:
        if named.exists():
            named.unlink()


def _write_shp(layers: Layers, tmp: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="geo-shp-"))
    try:
        for name, features in layers.items():
            frame = to_frame(features)
            for column in frame.columns.drop("geometry"):
                if frame[column].dtype == object:
                    frame[column] = [_clip(value) for value in frame[column]]
            frame.to_file(folder / f"{name}.shp", driver="ESRI Shapefile", engine="pyogrio",
                          encoding="UTF-8")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.iterdir()):
                archive.write(path, path.name)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _clip(value: Any) -> Any:
    """Shapefile text fields hold 254 bytes; cut longer text at a character boundary."""
    if not isinstance(value, str) or len(value.encode("utf-8")) <= SHP_TEXT_LIMIT:
        return value
    return value.encode("utf-8")[: SHP_TEXT_LIMIT - 3].decode("utf-8", "ignore") + "…"


_WRITERS = {"geojson": _write_geojson, "gpkg": _write_gpkg, "kml": _write_kml,
            "csv": _write_csv, "fgb": _write_fgb, "shp": _write_shp}


def export_bytes(layers: Layers, fmt: str) -> bytes:
    """The export as bytes (for a download button)."""
    folder = Path(tempfile.mkdtemp(prefix="geo-export-"))
    try:
        path = export_layers(layers, fmt, folder / f"export{SUFFIXES[fmt]}")
        return path.read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def select_layers(available: Layers, names: Iterable[str] | None) -> Layers:
    """The named layers (all when names is empty), in the order given."""
    wanted = list(names or available)
    unknown = [name for name in wanted if name not in available]
    if unknown:
        raise ExportError(f"unknown layer '{unknown[0]}'; layers: {', '.join(available)}")
    return {name: available[name] for name in dict.fromkeys(wanted)}
