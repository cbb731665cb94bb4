"""The writers of the formats other than KML: each writes layers to one temp path."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any

from .. import geojson
from .csvtext import write_rows
from .frames import Layers, merged, to_frame
from .timespan import add_time_columns

SHP_TEXT_LIMIT = 254


def write_geojson(layers: Layers, tmp: Path) -> None:
    """One FeatureCollection; several layers merged with a 'layer' property; the time columns
    of geo.export.timespan added to each feature's properties."""
    if len(layers) == 1:
        ((name, features),) = layers.items()
    else:
        name, features = "+".join(layers), merged(layers)
    tmp.write_text(geojson.dumps([_with_times(item) for item in features], name),
                   encoding="utf-8")


def _with_times(item: dict[str, Any]) -> dict[str, Any]:
    props = item.get("properties") or {}
    return {**item, "properties": add_time_columns(dict(props), props)}


def write_gpkg(layers: Layers, tmp: Path) -> None:
    """One table per layer."""
    for index, (name, features) in enumerate(layers.items()):
        to_frame(features).to_file(tmp, layer=name, driver="GPKG", engine="pyogrio",
                                   append=index > 0)


def write_csv(layers: Layers, tmp: Path) -> None:
    """One table: the properties, the point (or a polygon's representative point) as lon/lat,
    the exact geometry as WKT (in place of properties of those names); cells made safe for
    spreadsheets (geo.export.csvtext)."""
    frame = to_frame(merged(layers))
    points = frame.geometry.representative_point()
    computed = {"lon": points.x.round(geojson.DECIMALS).tolist(),
                "lat": points.y.round(geojson.DECIMALS).tolist(),
                "wkt": frame.geometry.to_wkt(rounding_precision=geojson.DECIMALS).tolist()}
    columns = [column for column in frame.columns if column != "geometry"]
    columns += [name for name in computed if name not in columns]
    values = [computed[column] if column in computed else frame[column].tolist()
              for column in columns]
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        write_rows(handle, columns, zip(*values, strict=True))


def write_fgb(layers: Layers, tmp: Path) -> None:
    """One FlatGeobuf; several layers merged with a 'layer' column."""
    features = next(iter(layers.values())) if len(layers) == 1 else merged(layers)
    frame = to_frame(features)
    types = set(frame.geom_type)
    kwargs = {} if len(types) == 1 else {"geometry_type": "Unknown"}
    # GDAL writes a folder unless the name ends in .fgb; give it one, then take its place.
    named = tmp if tmp.suffix == ".fgb" else tmp.with_name(tmp.name + ".fgb")
    frame.to_file(named, driver="FlatGeobuf", engine="pyogrio", **kwargs)
    if named != tmp:
        os.replace(named, tmp)


def write_shp(layers: Layers, tmp: Path) -> None:
    """A zip of one Shapefile per layer (text clipped to 254 bytes), made beside tmp."""
    folder = tmp.with_name(tmp.name + ".shp-parts")  # inside the writer's scratch folder
    folder.mkdir()
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


def _clip(value: Any) -> Any:
    """Shapefile text fields hold 254 bytes; cut longer text at a character boundary."""
    if not isinstance(value, str) or len(value.encode("utf-8")) <= SHP_TEXT_LIMIT:
        return value
    return value.encode("utf-8")[: SHP_TEXT_LIMIT - 3].decode("utf-8", "ignore") + "…"
