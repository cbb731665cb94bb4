"""The process an import job runs in (``python -m geo.importers.worker``); see geo.importers.job.

It reads one request line (JSON) and the file's bytes on stdin, caps its own memory (address
space) and CPU time, dies with the thread that started it (PR_SET_PDEATHSIG), and writes JSON
lines on its own copy of stdout: progress, batches of features, then the result or the error.
Anything else that prints (GDAL, warnings) goes to stderr, so it cannot corrupt the channel.
"""

from __future__ import annotations

import ctypes
import dataclasses
import json
import os
import resource
import signal
import sys
import time
from pathlib import Path
from typing import IO, Any

PR_SET_PDEATHSIG = 1
BATCH = 2000
MEMORY_EXIT = 3


def main() -> int:
    """Run one import as the request on stdin says; the exit code is 0 unless it crashed."""
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints go to stderr, never into the channel
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    request = json.loads(sys.stdin.buffer.readline())
    _die_with_parent(int(request["parent"]))
    data = sys.stdin.buffer.read(int(request["size"])) if request.get("path") is None else None

    from ..errors import ImportDataError  # the heavy modules load before the caps are set
    from .options import ImportOptions
    from .reader import import_bytes
    from .source import read_source

    _cap(int(request["memory_bytes"]), float(request["seconds"]))
    options = ImportOptions(**request["options"])
    last = [0.0]

    def progress(fraction: float, text: str) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.05 or fraction >= 1:
            last[0] = now
            _send(channel, {"progress": [fraction, text]})

    try:
        if data is None:
            data = read_source(Path(request["path"]))
        result = import_bytes(data, request["filename"], options, progress, request["taken"])
        del data
        progress(1.0, "sending the features")
        for start in range(0, len(result.features), BATCH):
            _send(channel, {"features": result.features[start:start + BATCH]})
        summary = {"source_file": result.source_file, "layer": result.layer, "unit": result.unit,
                   "total": result.total, "notes": result.notes,
                   "skipped": [dataclasses.asdict(item) for item in result.skipped],
                   "warnings": [dataclasses.asdict(item) for item in result.warnings]}
        _send(channel, {"result": summary})
    except ImportDataError as exc:
        _send(channel, {"error": [dataclasses.astuple(problem) for problem in exc.problems]})
    except MemoryError:
        _send(channel, {"memory": True})
        return MEMORY_EXIT
    channel.close()
    return 0


def _send(channel: IO[bytes], message: dict[str, Any]) -> None:
    channel.write(json.dumps(message, allow_nan=False).encode("ascii") + b"\n")
    channel.flush()


def _die_with_parent(parent: int) -> None:
    """Be killed when the thread that started this process ends (Linux), or leave now if the
    parent is already gone."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _cap(memory_bytes: int, seconds: float) -> None:
    """Address space: what the code took so far plus the budget; CPU: the time budget and a
    margin (a backstop: the parent stops the job on the wall clock first); no core files."""
    limit = _address_space() + memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = int(seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _address_space() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
