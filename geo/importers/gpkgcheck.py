"""GeoPackages checked before GDAL opens them: no SQL views, not too many layers.

A GeoPackage is an SQLite database, and a view in it is a query of the file's choosing that
runs when the view is read: a recursive one keeps a processor busy for as long as it likes
(issue 15: a 368 KB file held a core for minutes). GDAL reads the gpkg_* tables, and the
layers, as soon as it opens the file, so the schema is looked at here first, with SQLite
itself and without running anything the file defines: a file with any view is refused, and so
is one with more than MAX_LAYERS layers (each layer read opens the file again).
"""

from __future__ import annotations

import sqlite3

from .failure import fail
from .limits import MAX_LAYERS

STYLE_TABLE = "layer_styles"
"""QGIS's table of layer styles (the GeoPackage exports write one): not data, never imported."""


def check_gpkg(data: bytes, file: str) -> None:
    """Raise ImportDataError for a GeoPackage with views or too many layers."""
    if len(data) < 100:  # SQLite's header alone is 100 bytes (and deserialize refuses b"")
        raise fail(file, "is not a readable GeoPackage (too short)")
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(data)
        schema = connection.execute("SELECT type, name FROM sqlite_master").fetchall()
        views = sorted(str(name) for kind, name in schema if kind == "view")
        if views:
            shown = ", ".join(f"'{name[:40]}'" for name in views[:5])
            raise fail(file, f"holds the SQL view{'s' if len(views) > 1 else ''} {shown}; "
                             "GeoPackages with views are not read (a view runs a query of the "
                             "file's choosing); save its layers as tables")
        tables = {str(name) for kind, name in schema if kind == "table"}
        if "gpkg_contents" in tables:
            count = connection.execute("SELECT count(*) FROM gpkg_contents WHERE table_name "
                                       "IS NOT ?", (STYLE_TABLE,)).fetchone()[0]
        else:  # GDAL then reads it as plain SQLite: every table is a layer
            count = sum(1 for name in tables if not name.startswith("sqlite_"))
    except sqlite3.DatabaseError as exc:
        raise fail(file, f"is not a readable GeoPackage ({exc})") from None
    finally:
        connection.close()
    if count > MAX_LAYERS:
        raise fail(file, f"has {count:,} layers; at most {MAX_LAYERS} are read")
