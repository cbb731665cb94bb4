"""The orbit tool's file box: a file of element sets (TLE/3LE, OMM JSON, CSV or XML), beside the
paste box, read with the same checks as pasted text and within the same limits as the app's
other uploads (a file's size, the session's and the server's budgets; geo.importers.limits).

What a file holds is shown back only as text (st.text), its name only through plain().
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ..errors import DataError, GeoError, Problem
from ..importers.limits import (
    MAX_SESSION_MB,
    MAX_SESSION_UPLOADS,
    MAX_UPLOAD_MB,
    MB,
    megabytes,
    server_problem,
    session_problem,
)
from ..orbits.elements import ElementSet, read_elements
from .language import limits_text, refusal, say
from .plain import plain
from .sessions import held_by_others
from .state import ORBIT_KEY, ExplorerState

FILE_KEY = f"{ORBIT_KEY}_file"
ACCEPTED = ("tle", "3le", "txt", "json", "csv", "xml")
MAX_SETS = 2_000
"""Element sets of one satellite the app works with at once (each moment looks for the nearest);
`geo orbit` takes any number."""


@dataclass(frozen=True)
class ElementsFile:
    """A file's element sets, or what was wrong with it; size counts in the session's budget."""

    name: str
    size: int
    sets: list[ElementSet] | None
    error: GeoError | None


def decode(data: bytes, name: str) -> str:
    """The file's text: UTF-8 (a byte-order mark allowed), no NUL byte; DataError otherwise."""
    if b"\x00" in data[:65536]:
        raise DataError([Problem(name, "", "", "a binary file, not element sets in text")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise DataError([Problem(name, f"line {line}", "", "not UTF-8 text")]) from None


def read_file(data: bytes, name: str) -> ElementsFile:
    """The element sets of a file's bytes, checked as pasted text is."""
    try:
        if len(data) > MAX_UPLOAD_MB * MB:
            raise GeoError(f"{name}: {megabytes(len(data))}; at most {MAX_UPLOAD_MB} MB a file")
        return ElementsFile(name, len(data), read_elements(decode(data, name), name), None)
    except GeoError as exc:
        return ElementsFile(name, len(data), None, exc)


def render_elements_file(state: ExplorerState) -> ElementsFile | None:
    """The file box; the file read (once per upload), or None when no file is given or it does
    not fit the session's or the server's budget (then said in words)."""
    upload = st.file_uploader(
        say("orbit.file_label", mb=MAX_UPLOAD_MB), type=list(ACCEPTED), key=FILE_KEY,
        help=say("orbit.file_help", limits=limits_text(), files=MAX_SESSION_UPLOADS,
                 session_mb=MAX_SESSION_MB))
    if upload is None:
        state.orbit_file = None
        return None
    sizes = state.upload_sizes
    problem = session_problem([*sizes, upload.size]) \
        or server_problem(held_by_others(state.session.token), sum(sizes) + upload.size)
    if problem is not None:
        state.orbit_file = None
        st.error(say("orbit.file_refused", file=plain(upload.name), why=plain(refusal(problem))))
        return None
    state.session.upload_bytes = sum(sizes) + upload.size
    if state.orbit_file is None or state.orbit_file[0] != upload.file_id:
        state.orbit_file = (upload.file_id, read_file(upload.getvalue(), upload.name))
    return state.orbit_file[1]


def show_error(name: str | None, error: GeoError) -> None:
    """What was wrong with the element sets of the file name (None: the pasted ones), as text."""
    st.error(say("orbit.unread") if name is None else say("orbit.file_unread", file=plain(name)))
    problems = error.problems if isinstance(error, DataError) else [error]
    st.text("\n".join(str(p) for p in problems[:20]))
