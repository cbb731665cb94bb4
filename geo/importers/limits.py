"""What an import accepts at most; stated to users in the CLI help, the upload box and the README.

One definition of a megabyte everywhere: MB is 10**6 bytes (as the upload box counts on macOS
and Linux, and as disks are sold). Every size a user reads is written with megabytes().
"""

from __future__ import annotations

from typing import Any

from ..i18n.catalogue import DEFAULT, translate

MB = 1_000_000
"""A megabyte: 10**6 bytes, in every limit, check and message of the project."""

MAX_UPLOAD_MB = 50
MAX_BYTES = MAX_UPLOAD_MB * MB
MAX_ROWS = 200_000
MAX_COLUMNS = 1_000
MAX_FIELD_CHARS = 1_000_000
MAX_LAYERS = 100
"""Tables of a GeoPackage or folders of a KML: each one read opens the file again."""
MAX_LAYER_NAME = 48
TWO_DIGIT_YEAR_PIVOT = 50
"""Two-digit years: 00–49 are 2000–2049, 50–99 are 1950–1999 (so '84' is 1984, '23' is 2023)."""

JOB_MEMORY_MB = 2_000
"""The memory (address space) an import's own process may take, on top of its code."""
JOB_SECONDS = 120
"""The wall-clock time an import may take before it is stopped."""

MAX_SESSION_UPLOADS = 10
MAX_SESSION_MB = 100
"""What one app session may hold: files, and their total size."""
MAX_SERVER_MB = 400
"""What all the app's sessions together may hold. A file takes about 13 times its size in
server memory while it is shown (45 MB of CSV took about 575 MB), so 400 MB of uploads is about
5 GB; beyond it an upload waits for other sessions to free theirs."""

LIMITS_TEXT = translate(DEFAULT, "upload.limits", mb=MAX_UPLOAD_MB, rows=f"{MAX_ROWS:,}", layers=MAX_LAYERS,
                        seconds=JOB_SECONDS, memory_mb=f"{JOB_MEMORY_MB:,}")
"""What an import accepts at most, in English (the catalogue's words, geo.i18n)."""


def megabytes(size: int) -> str:
    """'47.3 MB': a size in bytes as users read it (1 MB = 10**6 bytes)."""
    return f"{size / MB:,.1f} MB"


class Refusal(str):
    """Why an upload is refused: the message `key` of the catalogues (geo.i18n), in English as a
    text; key and params say it in the page's language."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, **params: Any) -> Refusal:
        self = super().__new__(cls, translate(DEFAULT, key, **params))
        self.key, self.params = key, params
        return self


def server_problem(others: int, own: int) -> Refusal | None:
    """Why a session holding `own` bytes of files cannot take them while the other sessions
    hold `others`, or None when it fits the server's budget."""
    if others + own > MAX_SERVER_MB * MB:
        return Refusal("upload.server_full", held=megabytes(others), most=MAX_SERVER_MB)
    return None


def session_problem(sizes: list[int]) -> Refusal | None:
    """Why one more upload would not fit a session holding files of these sizes (the new one
    last), or None when it fits."""
    if len(sizes) > MAX_SESSION_UPLOADS:
        return Refusal("upload.too_many_files", files=MAX_SESSION_UPLOADS)
    total = sum(sizes)
    if total > MAX_SESSION_MB * MB:
        return Refusal("upload.session_full", size=megabytes(total), most=MAX_SESSION_MB)
    return None
