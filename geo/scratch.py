"""Scratch folders that a killed process cannot leave behind for long.

A scratch folder is made as ``<prefix>.geo<8 random>.new``, locked with flock(2), then renamed to
``….tmp``; it is removed when its block ends. Whatever kills its process, SIGKILL included, the
kernel drops the lock: so whoever next makes a scratch folder in the same place removes every
``….tmp`` folder that no process holds (and every ``….new`` one older than a minute, from a
process killed between the two steps), except one that holds a SETTLE note (geo.atomic).
Writers put all their temporaries inside one (GDAL's journals and side files too), so nothing
else is left beside a target or in the temp folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

_NAME = re.compile(r"^.+\.geo[a-z0-9_]{8}\.(?P<state>tmp|new)$")
NEW_STALE_AFTER_S = 60
SETTLE_NOTE = "SETTLE"
"""A folder holding this note keeps the pieces of a set of files a kill interrupted while it was
put in place; geo.atomic.settle finishes or undoes that set and removes it, nothing else does."""


@contextlib.contextmanager
def scratch_dir(parent: Path, prefix: str) -> Iterator[Path]:
    """A private folder in parent, held (locked) until the block ends, then removed."""
    parent = Path(parent)
    parent.mkdir(parents=True, exist_ok=True)
    clean_stale(parent)
    while True:
        fresh = parent / f"{prefix}.geo{secrets.token_hex(4)}.new"
        try:
            fresh.mkdir(mode=0o700)
            break
        except FileExistsError:
            continue
    fd = os.open(fresh, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        folder = fresh.with_suffix(".tmp")
        os.rename(fresh, folder)
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        os.close(fd)  # releases the lock
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)


def system_scratch(prefix: str) -> contextlib.AbstractContextManager[Path]:
    """A scratch folder in the system's temp folder (for files that have no target beside them)."""
    return scratch_dir(Path(tempfile.gettempdir()), prefix)


def clean_stale(parent: Path) -> list[Path]:
    """Remove the scratch folders in parent whose process is gone; returns those removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match or not entry.is_dir(follow_symlinks=False):
            continue
        path = Path(entry.path)
        with contextlib.suppress(OSError):  # another process may be cleaning up as well
            if match["state"] == "new":
                if now - entry.stat(follow_symlinks=False).st_mtime > NEW_STALE_AFTER_S:
                    shutil.rmtree(path)
                    removed.append(path)
            elif not held(path) and not (path / SETTLE_NOTE).exists():
                shutil.rmtree(path)
                removed.append(path)
    return removed


def held(folder: Path) -> bool:
    """Whether a living process holds this scratch folder."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
