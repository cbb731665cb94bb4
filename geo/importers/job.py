"""Imports as jobs: each in a process of its own, with a memory cap and a time limit, progress
reported as it goes, cancellable, and never outliving whoever started it.

    job = ImportJob(data_or_path, "mine.csv", ImportOptions(kind="events"))
    while not job.wait(0.2):           # True once finished
        fraction, text = job.progress
    result = job.result()              # ImportResult, or raises (see below)

or, blocking, with a progress callback: ``run_import(source, filename, options, progress)``.

The child (geo.importers.worker) caps its address space at its code's size plus
``Budget.memory_mb`` and its CPU time at ``Budget.seconds`` (plus a margin); this side stops
it when the wall clock passes ``Budget.seconds``. result() then raises ImportBudgetError naming
the file and the budget that ran out; ImportDataError for a file that cannot be imported (as
import_bytes does); ImportCancelled after cancel(). The child is killed when the job is
cancelled, closed, garbage-collected (its owner went away) or when this process exits, and by
the kernel when this process dies (PR_SET_PDEATHSIG). Results come back as JSON, not pickle, so
a child fed a hostile file cannot make this process run anything.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import dataclasses
import json
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from ..errors import GeoError, ImportDataError, Problem
from .failure import fail
from .limits import JOB_MEMORY_MB, JOB_SECONDS, MB
from .options import ImportOptions
from .progress import Progress
from .result import ImportResult, Skipped

WORKER_ARGS = ["-m", "geo.importers.worker"]
"""How the child is started, after the Python executable."""
POLL_S = 0.1
STDERR_KEPT = 4000
_PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent.parent)
_MEMORY_WORDS = ("MemoryError", "bad_alloc", "Cannot allocate memory", "out of memory",
                 "Out of memory")


@dataclass(frozen=True)
class Budget:
    """What one import may take: memory beyond its code (MB of 10**6 bytes), wall-clock seconds."""

    memory_mb: int = JOB_MEMORY_MB
    seconds: float = JOB_SECONDS


class ImportBudgetError(ImportDataError):
    """An import stopped because it took more time or memory than its budget allows."""

    def __init__(self, file: str, budget: str, message: str) -> None:
        super().__init__([Problem(file, "", "", message)])
        self.budget = budget  # "time" or "memory"


class ImportCancelled(GeoError):
    """An import was cancelled before it finished."""


@dataclass
class _Run:
    """What the job's thread shares with the job: no reference back to the job itself, so that
    the job can be garbage-collected (and its child killed) while the thread still runs."""

    file: str
    budget: Budget
    started: float = 0.0
    progress: tuple[float, str] = (0.0, "starting")
    features: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    outcome: ImportResult | GeoError | None = None
    process: subprocess.Popen[bytes] | None = None
    cancelled: bool = False
    done: threading.Event = dataclasses.field(default_factory=threading.Event)
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)


class ImportJob:
    """One import running in a child process; see the module's description."""

    def __init__(self, source: bytes | Path, filename: str | None = None,
                 options: ImportOptions | None = None, taken: Iterable[str] = (),
                 budget: Budget | None = None) -> None:
        if isinstance(source, bytes | bytearray | memoryview):
            data: bytes | None = bytes(source)
            path = None
            name = filename or "upload"
        else:
            data, path = None, Path(source)
            name = filename or path.name
        file = PurePath(str(name).replace("\\", "/")).name or "upload"
        self.file = file
        self.budget = budget or Budget()
        request = {"path": None if path is None else str(path), "filename": name,
                   "size": len(data) if data is not None else 0,
                   "options": dataclasses.asdict(options or ImportOptions()),
                   "taken": list(taken), "memory_bytes": int(self.budget.memory_mb * MB),
                   "seconds": self.budget.seconds, "parent": os.getpid()}
        self._run = _Run(file=file, budget=self.budget, started=time.monotonic())
        parts = [json.dumps(request).encode("utf-8") + b"\n", data or b""]
        thread = threading.Thread(target=_drive, args=(self._run, parts),
                                  name=f"import {file}", daemon=True)
        # Whoever holds the job goes away: the child goes too (also at interpreter exit).
        self._finalizer = weakref.finalize(self, _stop, self._run)
        thread.start()

    @property
    def progress(self) -> tuple[float, str]:
        """(fraction done, what is happening)."""
        return self._run.progress

    @property
    def pid(self) -> int | None:
        """The child's process id, once it has started."""
        process = self._run.process
        return process.pid if process is not None else None

    @property
    def done(self) -> bool:
        """Whether the job has finished (with a result, an error, or cancelled)."""
        return self._run.done.is_set()

    @property
    def elapsed(self) -> float:
        """Seconds since the job started."""
        return time.monotonic() - self._run.started

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the job finishes or timeout passes; True when finished."""
        return self._run.done.wait(timeout)

    def result(self, timeout: float | None = None) -> ImportResult:
        """The ImportResult; raises ImportDataError (ImportBudgetError) or ImportCancelled."""
        if not self._run.done.wait(timeout):
            raise TimeoutError(f"{self.file}: the import is still running")
        outcome = self._run.outcome
        if isinstance(outcome, ImportResult):
            return outcome
        assert isinstance(outcome, GeoError)
        raise outcome

    def cancel(self) -> None:
        """Stop the job now (its child is killed); result() then raises ImportCancelled."""
        _stop(self._run)
        self._run.done.wait(10)

    def close(self) -> None:
        """Cancel the job if it is still running."""
        if not self.done:
            self.cancel()

    def __enter__(self) -> ImportJob:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_import(source: bytes | Path, filename: str | None = None,
               options: ImportOptions | None = None, progress: Progress | None = None,
               taken: Iterable[str] = (), budget: Budget | None = None) -> ImportResult:
    """Run an import job to its end, calling progress as it goes. Whatever interrupts the
    wait (Ctrl-C, an exception raised by progress) stops the job before it propagates."""
    with ImportJob(source, filename, options, taken, budget) as job:
        shown = None
        while True:
            finished = job.wait(POLL_S)
            if progress is not None and job.progress != shown:
                shown = job.progress
                progress(*shown)
            if finished:
                return job.result()


def release_memory() -> None:
    """Hand freed memory back to the system (glibc keeps it otherwise): call after dropping a
    large result."""
    if _LIBC is not None and hasattr(_LIBC, "malloc_trim"):
        _LIBC.malloc_trim(0)


def _libc() -> ctypes.CDLL | None:
    with contextlib.suppress(OSError, TypeError):
        return ctypes.CDLL("libc.so.6" if sys.platform.startswith("linux")
                           else ctypes.util.find_library("c"))
    return None


_LIBC = _libc()


def _stop(run: _Run) -> None:
    with run.lock:
        if run.done.is_set():
            return
        run.cancelled = True
        if run.process is not None:
            with contextlib.suppress(OSError):
                run.process.kill()


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
    # Fewer threads and malloc arenas: less address space taken before any work is done.
    env.update({"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                "MALLOC_ARENA_MAX": "2", "PYTHONDONTWRITEBYTECODE": "1"})
    return env


def _drive(run: _Run, parts: list[bytes]) -> None:
    """The job's thread: start the child (so that the child dies with this thread), feed it,
    read what it says, enforce the clock, and record the outcome."""
    try:
        run.outcome = _talk(run, parts)
    except Exception as exc:  # the thread must always end with an outcome
        run.outcome = fail(run.file, f"the import could not run ({type(exc).__name__}: {exc})")
    finally:
        process = run.process
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):
                process.kill()
            process.wait()
        for stream in (process.stdin, process.stdout, process.stderr) if process else ():
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()
        run.features = []
        run.done.set()
        release_memory()


def _talk(run: _Run, parts: list[bytes]) -> ImportResult | GeoError:
    """Start the child and exchange with it; parts (the request line and the file's bytes) are
    let go of as soon as they are written."""
    with run.lock:
        if run.cancelled:
            return ImportCancelled(f"{run.file}: import cancelled")
        run.process = subprocess.Popen(
            [sys.executable, *WORKER_ARGS], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env=_child_env(), close_fds=True)
    process = run.process
    assert process.stdin and process.stdout and process.stderr
    pending = [memoryview(part) for part in parts if part]
    parts.clear()
    deadline = run.started + run.budget.seconds
    selector = selectors.DefaultSelector()
    for stream in (process.stdin, process.stdout, process.stderr):
        os.set_blocking(stream.fileno(), False)
    selector.register(process.stdin, selectors.EVENT_WRITE)
    selector.register(process.stdout, selectors.EVENT_READ)
    selector.register(process.stderr, selectors.EVENT_READ)
    buffer, errors = bytearray(), bytearray()
    shared = _Sharing()
    summary: dict[str, Any] | None = None
    problems: list[Problem] | None = None
    out_of_memory = False
    open_streams = 2
    while open_streams:
        if run.cancelled:
            return ImportCancelled(f"{run.file}: import cancelled")
        if time.monotonic() > deadline:
            return _time_error(run)
        for key, _ in selector.select(POLL_S):
            if key.fileobj is process.stdin:
                try:
                    written = os.write(process.stdin.fileno(), pending[0][:1 << 16])
                except BrokenPipeError:  # the child ended early; what it says tells why
                    written = len(pending[0])
                pending[0] = pending[0][written:]
                if not pending[0]:
                    pending.pop(0)
                if not pending:
                    selector.unregister(process.stdin)
                    process.stdin.close()
                continue
            chunk = os.read(key.fd, 1 << 20)
            if not chunk:
                selector.unregister(key.fileobj)
                open_streams -= 1
                continue
            if key.fileobj is process.stderr:
                errors.extend(chunk)
                del errors[:-STDERR_KEPT]
                continue
            buffer.extend(chunk)
            while (end := buffer.find(b"\n")) >= 0:
                message = json.loads(bytes(buffer[:end]))
                del buffer[:end + 1]
                if "progress" in message:
                    fraction, text = message["progress"]
                    run.progress = (float(fraction), str(text))
                elif "features" in message:
                    run.features.extend(shared.share(message["features"]))
                elif "result" in message:
                    summary = message["result"]
                elif "error" in message:
                    problems = [Problem(*item) for item in message["error"]]
                elif "memory" in message:
                    out_of_memory = True
    selector.close()
    while process.poll() is None:  # the child closed its output: it is ending
        if time.monotonic() > deadline:
            return _time_error(run)
        time.sleep(0.01)
    if run.cancelled:
        return ImportCancelled(f"{run.file}: import cancelled")
    if summary is not None:
        return _result(summary, run.features)
    if problems is not None:
        return ImportDataError(problems)
    stderr = errors.decode("utf-8", "replace")
    if out_of_memory or any(word in stderr for word in _MEMORY_WORDS):
        return ImportBudgetError(run.file, "memory",
                                 f"stopped: reading it needs more than the {run.budget.memory_mb:,} "
                                 "MB of memory an import may use")
    if process.returncode == -signal.SIGXCPU:
        return _time_error(run)
    how = (f"signal {signal.Signals(-process.returncode).name}" if process.returncode < 0
           else f"exit code {process.returncode}")
    last = stderr.strip().splitlines()[-1:] or [""]
    return fail(run.file, f"the import stopped unexpectedly ({how}) {last[0][:200]}".strip())


class _Sharing:
    """One string object for a value repeated down a column (a kind, a file name, a date), and
    the feature's id shared with its 'id' property, as an import in this process would have
    them: JSON gives every value an object of its own. A column whose first values are mostly
    distinct (coordinates, names) is left alone, so the table stays small."""

    SHORT = 40
    DISTINCT = 1000

    def __init__(self) -> None:
        self.columns: dict[str, dict[str, str] | None] = {}

    def share(self, features: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for feature in features:
            props = feature.get("properties")
            if not isinstance(props, dict):
                continue
            if "id" in props and props["id"] == feature.get("id"):
                props["id"] = feature["id"]
            for key, value in props.items():
                if type(value) is not str or len(value) > self.SHORT:
                    continue
                seen = self.columns.setdefault(key, {})
                if seen is None:
                    continue
                kept = seen.setdefault(value, value)
                if kept is not value:
                    props[key] = kept
                elif len(seen) > self.DISTINCT:
                    self.columns[key] = None
        return features


def _time_error(run: _Run) -> ImportBudgetError:
    return ImportBudgetError(run.file, "time",
                             f"stopped after {run.budget.seconds:g} s, the time an import may take")


def _result(summary: dict[str, Any], features: list[dict[str, Any]]) -> ImportResult:
    result = ImportResult(source_file=summary["source_file"], layer=summary["layer"],
                          unit=summary["unit"], total=summary["total"], features=features,
                          notes=list(summary["notes"]))
    result.skipped = [Skipped(**item) for item in summary["skipped"]]
    result.warnings = [Skipped(**item) for item in summary["warnings"]]
    return result
