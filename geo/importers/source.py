"""Reading a file to import: regular files only, never more than the size limit.

A FIFO would block forever, /dev/zero never ends and a folder or a socket is not data: each is
refused by what the open file is (fstat), not by its name, so a symlink to one is refused too.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from .failure import fail
from .limits import MAX_BYTES, MAX_UPLOAD_MB, megabytes

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))
CHUNK = 1 << 20


def too_big(file: str, size: int) -> Exception:
    """The refusal of a file over the size limit."""
    return fail(file, f"is {megabytes(size)}; at most {MAX_UPLOAD_MB} MB is imported")


def read_source(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES. Raises ImportDataError naming it."""
    name = Path(path).name or str(path)
    try:
        # O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        with contextlib.suppress(OSError):  # a socket cannot be opened at all: say what it is
            _check_kind(name, os.stat(path).st_mode)
        raise fail(name, _reason(exc)) from None
    try:
        info = os.fstat(fd)
        _check_kind(name, info.st_mode)
        if info.st_size > MAX_BYTES:
            raise too_big(name, info.st_size)
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while total <= MAX_BYTES:
            chunk = os.read(fd, CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > MAX_BYTES:  # it grew while being read
            raise too_big(name, total)
        return b"".join(chunks)
    except OSError as exc:
        raise fail(name, _reason(exc)) from None
    finally:
        os.close(fd)


def _check_kind(name: str, mode: int) -> None:
    for test, kind in _KINDS:
        if test(mode):
            raise fail(name, f"is {kind}, not a file; only regular files are imported")
    if not stat.S_ISREG(mode):
        raise fail(name, "is not a regular file; only regular files are imported")


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "cannot be read: a loop of symbolic links"
    if exc.errno == errno.ENOENT:
        return "cannot be read: no such file"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file; only regular files are imported"
    return f"cannot be read ({exc.strerror or exc})"
