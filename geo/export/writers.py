"""The writers of the formats other than KML: each writes layers to one temp path."""

from __future__ import annotations

import os
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import geojson
from ..layers import registry
from ..layers.spec import LayerSpec
from . import qgisstyle
from .csvtext import write_rows
from .frames import Layers, merged, to_frame
from .timespan import add_time_columns

if TYPE_CHECKING:
    import geopandas as gpd

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


GPKG_VERSION = "1.2"
"""GDAL 3.12 writes 1.4 unless told; Debian 12's GDAL 3.6 (QGIS 3.22) warns on every open of it."""
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def write_gpkg(layers: Layers, tmp: Path) -> None:
    """One table per layer, dates and times typed (typed_columns), each table's registry style
    as its default QGIS style (a row of layer_styles: QML and SLD, geo.export.qgisstyle)."""
    styles = []
    for index, (name, features) in enumerate(layers.items()):
        spec = registry.spec_of(name)
        frame = typed_columns(to_frame(features), spec)
        frame.to_file(tmp, layer=name, driver="GPKG", engine="pyogrio", append=index > 0,
                      use_arrow=True, **({} if index else {"dataset_options": {"VERSION": GPKG_VERSION}}))
        kind = qgisstyle.symbol_kind(frame.geom_type)
        classes = qgisstyle.style_classes(spec, features)
        styles.append({"f_table_catalog": "", "f_table_schema": "", "f_table_name": name,
                       "f_geometry_column": "geom", "styleName": name,
                       "styleQML": qgisstyle.qml(spec, classes, kind,
                                                 temporal={"time_start", "time_end"} <= set(frame.columns)),
                       "styleSLD": qgisstyle.sld(name, spec, classes, kind),
                       "useAsDefault": True, "description": f"{spec.title}: the map's style",
                       "owner": "", "ui": None})
    _write_styles(tmp, styles)


def _write_styles(tmp: Path, styles: list[dict[str, Any]]) -> None:
    """The layer_styles table QGIS reads (and writes) styles from, as an attribute table."""
    import pandas as pd
    import pyogrio

    frame = pd.DataFrame(styles)
    frame["update_time"] = pd.Timestamp.now(tz="UTC").floor("s")
    pyogrio.write_dataframe(frame, tmp, layer="layer_styles", driver="GPKG", append=True)


def typed_columns(frame: gpd.GeoDataFrame, spec: LayerSpec | None) -> gpd.GeoDataFrame:
    """time_start/time_end as DATETIME (UTC); the registry's date fields as DATE when every value
    is a whole day (else they stay text, at the precision the sources give)."""
    import pandas as pd

    for column in ("time_start", "time_end"):
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column], utc=True, format="%Y-%m-%dT%H:%M:%SZ")
    for prop in spec.properties if spec else ():
        if prop.type != "date" or prop.name not in frame.columns:
            continue
        values = [None if pd.isna(v) else v for v in frame[prop.name]]
        if all(v is None or (isinstance(v, str) and _DAY.match(v)) for v in values):
            frame[prop.name] = pd.array(
                [None if v is None else date.fromisoformat(v) for v in values],
                dtype="date32[pyarrow]")
    return frame


CSV_ENCODING = "utf-8-sig"
"""UTF-8 with a byte-order mark, always: Excel (by its documented behaviour) and LibreOffice's
default import need it to read Korean and Russian as UTF-8, and GDAL, QGIS, pandas and geo import
skip it."""


def csv_table(layers: Layers) -> tuple[list[str], list[list[Any]], list[str]]:
    """(header, rows, GDAL .csvt types) of the CSV: the properties, the point (or a polygon's
    representative point) as lon/lat, the exact geometry as WKT (in place of properties of those
    names)."""
    frame = to_frame(merged(layers))
    points = frame.geometry.representative_point()
    computed = {"lon": points.x.round(geojson.DECIMALS).tolist(),
                "lat": points.y.round(geojson.DECIMALS).tolist(),
                "wkt": frame.geometry.to_wkt(rounding_precision=geojson.DECIMALS).tolist()}
    columns = [column for column in frame.columns if column != "geometry"]
    columns += [name for name in computed if name not in columns]
    values = [computed[column] if column in computed else frame[column].tolist()
              for column in columns]
    types = [_csvt_type(column, values[index]) for index, column in enumerate(columns)]
    return columns, [list(row) for row in zip(*values, strict=True)], types


def _csvt_type(column: str, values: list[Any]) -> str:
    """GDAL's CSVT type of a column: ids and all other text stay String (QGIS would otherwise
    read '2012-04-12-kwangmyongsong-3-footprint-mnd' as a date)."""
    if column == "wkt":
        return "WKT"
    if column in ("time_start", "time_end"):
        return "DateTime"
    present = [v for v in values if v is not None and not _missing(v)]
    if not present:
        return "String"
    if all(isinstance(v, bool) for v in present):
        return "Integer(Boolean)"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "Integer64"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "Real"
    return "String"


def _missing(value: Any) -> bool:
    return type(value).__name__ in ("NAType", "NaTType") or (isinstance(value, float)
                                                            and value != value)


def write_csv(layers: Layers, tmp: Path) -> None:
    """One table (csv_table), UTF-8 with BOM; cells made safe for spreadsheets
    (geo.export.csvtext)."""
    columns, rows, _ = csv_table(layers)
    with open(tmp, "w", encoding=CSV_ENCODING, newline="") as handle:
        write_rows(handle, columns, rows)


def write_csvt(layers: Layers, tmp: Path) -> None:
    """The CSV's column types for GDAL and QGIS (a .csvt beside the .csv: one line, quoted)."""
    _, _, types = csv_table(layers)
    tmp.write_text(",".join(f'"{kind}"' for kind in types) + "\n", encoding="ascii")


def write_fgb(layers: Layers, tmp: Path) -> None:
    """One FlatGeobuf; several layers merged with a 'layer' column; times typed as in GPKG."""
    features = next(iter(layers.values())) if len(layers) == 1 else merged(layers)
    spec = registry.spec_of(next(iter(layers))) if len(layers) == 1 else None
    frame = typed_columns(to_frame(features), spec)
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
