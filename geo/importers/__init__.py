"""Bring your own data: CSV/TSV, GeoJSON, KML/KMZ and GeoPackage to checked GeoJSON features.

import_bytes and import_path (geo.importers.reader) read a file; ImportResult
(geo.importers.result) holds what came of it. The modules that need pandas or GDAL are only
loaded by the reader, so that the light parts (options, limits) cost nothing to import.
"""
