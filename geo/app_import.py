"""The upload box: analysts' own CSV, GeoJSON, KML/KMZ or GeoPackage as extra map layers.

Every text that comes from an upload is shown with st.text or st.dataframe, never as markdown
or HTML; layer names are made safe by geo.importers.safe_layer_name.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from geo.errors import DataError, GeoError
from geo.importers import (
    LIMITS_TEXT,
    MAX_UPLOAD_MB,
    ImportOptions,
    ImportResult,
    import_bytes,
    safe_layer_name,
)
from geo.importers.detect import ACCEPTED

STATE_KEY = "geo_imports"
KIND_LABELS = {"auto": None, "events (need a date)": "events", "sites (points)": "sites",
               "zones (polygons)": "zones"}
LARGE_LAYER = 20_000


def render_upload() -> dict[str, list[dict[str, Any]]]:
    """The upload box, a progress bar while reading, and a report per file; {layer: features}."""
    st.subheader("Your own data")
    files = st.file_uploader(
        f"Add CSV, GeoJSON, KML/KMZ or GeoPackage (up to {MAX_UPLOAD_MB} MB each)",
        type=list(ACCEPTED), accept_multiple_files=True, key="geo_upload",
        help=f"Limits: {LIMITS_TEXT}. Coordinate columns are found by name (lat, latitude, y, "
             "Facility Latitude…); rows that cannot be placed are listed, never guessed.")
    kind = KIND_LABELS[str(st.selectbox("The rows are", list(KIND_LABELS), key="geo_upload_kind"))]
    cache: dict[str, ImportResult | GeoError] = st.session_state.setdefault(STATE_KEY, {})
    layers: dict[str, list[dict[str, Any]]] = {}
    current = set()
    for index, upload in enumerate(files or [], start=1):
        data = upload.getvalue()
        key = f"{hashlib.sha256(data).hexdigest()}:{upload.name}:{kind}"
        current.add(key)
        if key not in cache:
            cache[key] = _import(data, upload.name, kind, index, len(files or []))
        outcome = cache[key]
        if isinstance(outcome, GeoError):
            _show_error(outcome)
            continue
        name = safe_layer_name(outcome.source_file, taken=layers)
        layers[name] = outcome.features
        _show_result(name, outcome)
    for stale in set(cache) - current:  # removed files leave no data behind in the session
        del cache[stale]
    return layers


def _import(data: bytes, filename: str, kind: str | None, index: int, count: int
            ) -> ImportResult | GeoError:
    bar = st.progress(0.0, text=f"Reading file {index} of {count}…")

    def report(fraction: float, _text: str) -> None:
        bar.progress(max(0.0, min(1.0, fraction)), text=f"Reading file {index} of {count}: "
                                                        f"{fraction:.0%}")

    try:
        return import_bytes(data, filename, ImportOptions(kind=kind), report)
    except GeoError as exc:
        return exc
    finally:
        bar.empty()


def _show_error(error: GeoError) -> None:
    st.error("A file could not be imported; nothing from it is on the map.")
    problems = error.problems if isinstance(error, DataError) else [error]
    st.text("\n".join(str(problem) for problem in problems[:20]))


def _show_result(name: str, result: ImportResult) -> None:
    if not result.features:
        st.warning("Nothing in this file could be placed on the map.")
    st.text(f"{result.source_file} → layer '{name}'\n{result.summary()}")
    if len(result.features) > LARGE_LAYER:
        st.caption("A large layer: the map may take a while to draw.")
    problems = [*result.skipped, *result.warnings]
    if problems:
        with st.expander(f"Rows skipped or repaired ({len(problems)})"):
            st.dataframe(pd.DataFrame([item.as_dict(result.unit) for item in problems]),
                         hide_index=True, width="stretch")
    with st.expander("How the file was read"):
        st.text("\n".join(result.notes))
