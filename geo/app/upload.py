"""The upload box: analysts' own CSV, GeoJSON, KML/KMZ or GeoPackage as extra map layers.

Every text that comes from an upload is shown with st.text or st.dataframe, never as markdown
or HTML. Each file becomes a layer of its own namespace (geo.layers.registry.user_key), so it
can never take the place of a built-in layer, whatever its name.
"""

from __future__ import annotations

import functools
import gc
from typing import Any

import pandas as pd
import streamlit as st

from ..errors import DataError, GeoError
from ..i18n.catalogue import DEFAULT, registry_text, translate
from ..importers.detect import ACCEPTED
from ..importers.job import ImportCancelled, ImportJob, release_memory
from ..importers.kinds import KINDS, requirement
from ..importers.limits import (
    MAX_SESSION_MB,
    MAX_SESSION_UPLOADS,
    MAX_UPLOAD_MB,
    server_problem,
    session_problem,
)
from ..importers.names import safe_layer_name
from ..importers.options import ImportOptions
from ..importers.result import ImportResult
from ..layers import registry
from ..layers.spec import LayerSpec
from . import language
from .import_report import problem_rows
from .language import limits_text, refusal, say, say_count
from .plain import plain
from .sessions import held_by_others
from .state import UPLOAD_KEY, UPLOAD_KIND_KEY, ExplorerState

LARGE_LAYER = 20_000
UserLayers = dict[str, tuple[LayerSpec, list[dict[str, Any]]]]


def _kind_label(lang: str, kind: str | None) -> str:
    """A kind of rows as the choice says it: in English by its name (as `geo import --kind`
    takes it), in another language by its layer's title there; and what its rows need."""
    if kind is None:
        return translate(lang, "upload.auto")
    name = kind if lang == DEFAULT else registry_text(lang, registry.BY_NAME[kind].title)
    need = translate(lang, "upload.need_" + requirement(kind).removeprefix("a "))
    return translate(lang, "upload.kind_need", kind=name, need=need)


def render_upload(state: ExplorerState) -> UserLayers:
    """The upload box, a progress bar and a Cancel button while a file is read, and a report per
    file; {key: (spec, features)}."""
    st.subheader(say("upload.heading"))
    files = st.file_uploader(
        say("upload.label", mb=MAX_UPLOAD_MB),
        type=list(ACCEPTED), accept_multiple_files=True, key=UPLOAD_KEY,
        help=say("upload.help", limits=limits_text(), files=MAX_SESSION_UPLOADS, session_mb=MAX_SESSION_MB))
    kind = st.selectbox(say("upload.kind"), [None, *KINDS], key=UPLOAD_KIND_KEY,
                        placeholder=say("app.choose"),
                        format_func=functools.partial(_kind_label, language.current()))
    cache = state.imports
    layers: UserLayers = {}
    current: set[str] = set()
    sizes: list[int] = []
    others = held_by_others(state.session.token)
    for upload in files or []:
        problem = session_problem([*sizes, upload.size]) \
            or server_problem(others, sum(sizes) + upload.size)
        if problem is not None:  # over the session's or the server's budget: not read at all
            st.error(say("upload.refused", file=plain(upload.name), why=plain(refusal(problem))))
            continue
        sizes.append(upload.size)
        key = f"{upload.file_id}:{kind}"  # Streamlit's id of this upload: the same on every rerun
        current.add(key)
        if key not in cache:
            cache[key] = _run_job(state, key, upload.getvalue(), upload.name, kind)
        outcome = cache[key]
        if isinstance(outcome, GeoError):
            _show_error(upload.name, outcome)
            continue
        name = safe_layer_name(outcome.source_file, taken=layers)
        layers[name] = (registry.user_spec(name, outcome.source_file), outcome.features)
        _show_result(name, outcome)
    state.session.upload_bytes = sum(sizes)
    state.upload_sizes = sizes  # the orbit tool's file counts on top of them
    _forget(state, current)
    return layers


def _run_job(state: ExplorerState, key: str, data: bytes, filename: str, kind: str | None
             ) -> ImportResult | GeoError:
    """Read a file in a job of its own, showing its progress with a Cancel button; a click on
    Cancel reruns the page, which stops the job. The job outlives a rerun of the page (it is
    kept in the session) and ends with the session."""
    job = state.jobs.get(key)
    if job is None:
        job = state.jobs[key] = ImportJob(data, filename, ImportOptions(kind=kind))
    slot = st.empty()  # the button and the bar, gone once the file is read
    with slot.container():
        if st.button(say("upload.cancel", file=plain(filename)), key=f"cancel:{key}"):
            job.close()
            del state.jobs[key]
            slot.empty()
            return ImportCancelled(say("upload.cancelled", file=filename))
        reading = say("upload.reading", file=plain(filename))
        bar = st.progress(0.0, text=reading)
        # the reader says what it is doing in English (as the command line's bar does): shown in
        # English only; another language gets its own "reading" and the share done
        english = language.current() == DEFAULT
        while not job.wait(0.2):
            fraction, text = job.progress
            doing = f"{plain(filename)}: {plain(text or 'reading')}" if english else reading
            bar.progress(max(0.0, min(1.0, fraction)), text=f"{doing} ({fraction:.0%})")
    slot.empty()
    del state.jobs[key]
    try:
        return job.result()
    except GeoError as exc:
        return exc


def _forget(state: ExplorerState, current: set[str]) -> None:
    """Removed files leave no data and no job behind in the session, and their memory goes back
    to the system."""
    stale = (set(state.imports) | set(state.jobs)) - current
    for key in stale:
        state.imports.pop(key, None)
        job = state.jobs.pop(key, None)
        if job is not None:
            job.close()
    if stale:
        gc.collect()
        release_memory()


def _show_error(filename: str, error: GeoError) -> None:
    if isinstance(error, ImportCancelled):
        st.warning(plain(error))
        return
    st.error(say("upload.failed", file=plain(filename)))
    problems = error.problems if isinstance(error, DataError) else [error]
    st.text("\n".join(str(problem) for problem in problems[:20]))


def _show_result(name: str, result: ImportResult) -> None:
    if not result.features:
        st.warning(say("upload.nothing"))
    lang = language.current()
    st.text(f"{say('upload.result', file=result.source_file, layer=name)}\n{result.summary(lang)}")
    if len(result.features) > LARGE_LAYER:
        st.caption(say("upload.large"))
    problems = [*result.skipped, *result.warnings]
    if problems:
        with st.expander(say_count("upload.skipped", len(problems))):
            st.dataframe(pd.DataFrame(problem_rows(result, lang)), hide_index=True, width="stretch")
    with st.expander(say("upload.how")):
        st.text("\n".join(result.notes))
