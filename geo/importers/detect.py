"""Which reader a file needs: by its suffix, or by its first bytes when the suffix says nothing."""

from __future__ import annotations

from pathlib import PurePath

from .failure import fail

SUFFIXES = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".tab": "csv", ".geojson": "geojson",
            ".json": "geojson", ".kml": "kml", ".kmz": "kmz", ".gpkg": "gpkg", ".fgb": "fgb",
            ".zip": "shpzip"}
ACCEPTED = tuple(suffix.lstrip(".") for suffix in SUFFIXES)
_REFUSED = {".xlsx": "Excel workbooks are not read; save the sheet as CSV",
            ".xls": "Excel workbooks are not read; save the sheet as CSV",
            ".ods": "spreadsheets are not read; save the sheet as CSV",
            ".shp": "a shapefile alone is not read: zip it with its .shx, .dbf and .prj (or save "
                    "the layer as GeoPackage)"}
SQLITE = b"SQLite format 3\x00"
FLATGEOBUF = b"fgb\x03"  # magic bytes of FlatGeobuf 3 (the 4th byte is the major version)


def detect(filename: str, data: bytes) -> str:
    """'csv', 'geojson', 'kml', 'kmz', 'gpkg', 'fgb' or 'shpzip' (a zip of Shapefiles). Raises
    ImportDataError for other files."""
    suffix = PurePath(filename).suffix.lower()
    name = PurePath(filename).name
    if suffix in _REFUSED:
        raise fail(name, _REFUSED[suffix])
    if data.startswith(SQLITE):
        return "gpkg"
    if data.startswith(FLATGEOBUF):
        return "fgb"
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK"):
        return "kmz"
    if head[:1] in (b"{", b"["):
        return "geojson"
    if head.startswith(b"<"):
        return "kml"
    return "csv"
