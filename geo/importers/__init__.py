"""Bring your own data: CSV/TSV, GeoJSON, KML/KMZ and GeoPackage to checked GeoJSON features.

import_bytes and import_path (geo.importers.reader) read a file in this process; ImportJob and
run_import (geo.importers.job) run that in a process of its own, with a memory cap, a time
limit, progress and cancel, which is how the CLI and the app import. ImportResult
(geo.importers.result) holds what came of it. The modules that need pandas or GDAL are only
loaded by the reader, so that the light parts (options, limits, job) cost nothing to import.
"""
