"""The upload box: analysts' own CSV, GeoJSON, KML/KMZ or GeoPackage as extra map layers.

Every text that comes from an upload is shown with st.text or st.dataframe, never as markdown
or HTML. Each file becomes a layer of its own namespace (geo.layers.registry.user_key), so it
can never take the place of a built-in layer, whatever its name.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from ..errors import DataError, GeoError
from ..importers.detect import ACCEPTED
from ..importers.kinds import KINDS, requirement
from ..importers.limits import LIMITS_TEXT, MAX_UPLOAD_MB
from ..importers.names import safe_layer_name
from ..importers.options import ImportOptions
from ..importers.reader import import_bytes
from ..importers.result import ImportResult
from ..layers import registry
from ..layers.spec import LayerSpec
from .state import UPLOAD_KEY, UPLOAD_KIND_KEY, ExplorerState

LARGE_LAYER = 20_000
UserLayers = dict[str, tuple[LayerSpec, list[dict[str, Any]]]]


def _kind_label(kind: str | None) -> str:
    return "auto" if kind is None else f"{kind} (need {requirement(kind)})"


def render_upload(state: ExplorerState) -> UserLayers:
    """The upload box, a progress bar while reading, and a report per file; {key: (spec, features)}."""
    st.subheader("Your own data")
    files = st.file_uploader(
        f"Add CSV, GeoJSON, KML/KMZ or GeoPackage (up to {MAX_UPLOAD_MB} MB each)",
        type=list(ACCEPTED), accept_multiple_files=True, key=UPLOAD_KEY,
        help=f"Limits: {LIMITS_TEXT}. Coordinate columns are found by name (lat, latitude, y, "
             "Facility Latitude…); rows that cannot be placed are listed, never guessed.")
    kind = st.selectbox("The rows are", [None, *KINDS], key=UPLOAD_KIND_KEY,
                        format_func=_kind_label)
    cache = state.imports
    layers: UserLayers = {}
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
        layers[name] = (registry.user_spec(name, outcome.source_file), outcome.features)
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
