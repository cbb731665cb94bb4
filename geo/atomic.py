"""Files and folders written whole or not at all, and a folder of files read as one set.

A file is written in a scratch folder beside its target (geo.scratch), then renamed over it; a
set of files (an import's output and its --skipped report) is renamed into place only when
every one of them is complete. A folder (the layer set) is written beside the old one and
switched with it in one step: renameat2(RENAME_EXCHANGE) on Linux, renamex_np(RENAME_SWAP) on
macOS; elsewhere two renames, with a note in the scratch folder from which the next write or
read finishes a switch that a kill interrupted. Readers open the folder once and read its files
through that handle, so they see the old set or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import functools
import glob
import json
import os
import shutil
import stat
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .errors import GeoError
from .scratch import SETTLE_NOTE, clean_stale, held, scratch_dir

STALE_AFTER_S = 600
SWITCH_NOTE = "SWITCHING"


class WriteError(GeoError):
    """A file or folder could not be written; the message names it and the previous one is intact."""


FULL_BELOW_BYTES = 1_000_000
"""A write that fails with less than this free beside it is said to have filled the disk
(GDAL and SQLite report a full disk in words of their own: 'no such table: gpkg_contents',
'Unexpected I/O failure', 'Extending field … failed')."""


def os_message(exc: OSError, path: Path | str) -> str:
    """'layers/zones.geojson: No space left on device' — the file an OS error is about, named."""
    name = exc.filename if isinstance(exc.filename, str) and exc.filename else str(path)
    return f"{name}: {exc.strerror or exc}{_notes(exc)}"


def disk_full_note(folder: Path) -> str:
    """'the disk is full (12 KB free where …)' when the folder's file system is (almost), else ''."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return ""
    if free >= FULL_BELOW_BYTES:
        return ""
    return f"the disk is full ({free / 1000:,.0f} KB free in {folder})"


def failure_text(exc: BaseException) -> str:
    """An exception's message with its notes (such as the disk being full), on one line."""
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return f"{text}{_notes(exc)}"


def _notes(exc: BaseException) -> str:
    notes = [n for n in getattr(exc, "__notes__", []) if n]
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        notes = [n for n in notes if not n.startswith("the disk is full")]  # it says so already
    return "".join(f"; {n}" for n in notes)


@contextlib.contextmanager
def atomic_path(target: Path, durable: bool = True) -> Iterator[Path]:
    """Yield a temp path beside target; on success rename it over target, on error remove it."""
    with atomic_paths([target], durable) as (tmp,):
        yield tmp


@contextlib.contextmanager
def atomic_paths(targets: Sequence[Path], durable: bool = True) -> Iterator[list[Path]]:
    """Yield one temp path per target; when the block ends without an error, the temp files
    replace their targets as a set (see install_set); on error none does. Durable: each file is
    flushed to disk (fsync) before its rename, so a power cut leaves the old file or the whole
    new one. Failures of its own (a folder that cannot be made, a rename) raise WriteError
    naming the target."""
    targets = [Path(target) for target in targets]
    for target in targets:
        _check_target(target)
    if len({os.path.abspath(target) for target in targets}) < len(targets):
        raise WriteError(f"{targets[-1]}: the same file is given twice")
    for target in targets:
        with _naming(target):
            if target.parent.exists() and not target.parent.is_dir():
                raise NotADirectoryError
    for parent in dict.fromkeys(target.parent for target in targets):
        settle(parent)
    with contextlib.ExitStack() as stack:
        temps = []
        for target in targets:
            with _naming(target):
                _remove_stale_temps(target)
                folder = stack.enter_context(scratch_dir(target.parent, f".{target.name}"))
            temps.append(folder / target.name)
        try:
            yield temps
        except Exception as exc:  # before the scratch folders go: they hold what filled the disk
            note = disk_full_note(targets[0].parent)
            if note:
                exc.add_note(note)
            raise
        for tmp, target in zip(temps, targets, strict=True):
            if not tmp.exists():
                raise WriteError(f"{target}: the writer left no file")
            if durable:
                with _naming(target):
                    _fsync_path(tmp)
        install_set(temps, targets, durable)


def install_set(temps: Sequence[Path], targets: Sequence[Path], durable: bool = True) -> None:
    """Rename each temp file (each in its own scratch folder beside its target) over its target,
    so that no one ever sees a new target beside an old one.

    POSIX renames one path at a time, so a set is put in place in three steps: the old
    companions (every target but the first) are first withdrawn into their scratch folders,
    then the first target is replaced (the set's commit point), then the companions are put in
    place. Whatever moment a kill strikes, the folder holds the old set or the new one, with at
    most the companions missing; a SETTLE note in each scratch folder, written before the first
    rename, lets settle() (run by the next write in the same folder) finish the set, or undo
    it, and remove the pieces."""
    if len(targets) == 1:
        with _naming(targets[0]):
            os.replace(temps[0], targets[0])
            if durable:
                _fsync_path(targets[0].parent)
        return
    withdrawn = [tmp.parent / f"old-{target.name}" for tmp, target in zip(temps, targets, strict=True)]
    note = json.dumps({"commit": os.path.abspath(temps[0]),
                       "set": [[os.path.abspath(p) for p in piece]
                               for piece in zip(temps, targets, withdrawn, strict=True)][1:]})
    for tmp, target in zip(temps, targets, strict=True):
        with _naming(target):
            (tmp.parent / SETTLE_NOTE).write_text(note, encoding="utf-8")
            if durable:
                _fsync_path(tmp.parent / SETTLE_NOTE)
                _fsync_path(tmp.parent)
    for target, old in zip(targets[1:], withdrawn[1:], strict=True):
        with _naming(target):
            if os.path.lexists(target):
                os.rename(target, old)
    with _naming(targets[0]):
        os.replace(temps[0], targets[0])  # the commit point: from here the set is new
    for tmp, target in zip(temps[1:], targets[1:], strict=True):
        with _naming(target):
            os.replace(tmp, target)
    for tmp, target in zip(temps, targets, strict=True):
        with _naming(target):
            (tmp.parent / SETTLE_NOTE).unlink()
            if durable:
                _fsync_path(target.parent)


def settle(parent: Path) -> None:
    """Finish, or undo, every set of files in parent that a kill interrupted (install_set):
    forward when its first target was already replaced, back to the old set otherwise."""
    try:
        notes = [Path(entry.path) / SETTLE_NOTE for entry in os.scandir(parent)
                 if entry.is_dir(follow_symlinks=False) and entry.name.endswith(".tmp")]
    except OSError:
        return
    for note in notes:
        with contextlib.suppress(OSError):  # another process may be settling it as well
            if not note.is_file() or held(note.parent):
                continue
            try:
                plan = json.loads(note.read_text(encoding="utf-8"))
                commit, pieces = Path(plan["commit"]), [[Path(p) for p in piece] for piece in plan["set"]]
            except (ValueError, TypeError, KeyError):
                # A note cut short: it is written before any rename, so nothing was moved yet.
                shutil.rmtree(note.parent)
                continue
            forward = not os.path.lexists(commit)
            for tmp, target, old in pieces:
                if forward and os.path.lexists(tmp):
                    os.replace(tmp, target)
                elif not forward and os.path.lexists(old) and not os.path.lexists(target):
                    os.rename(old, target)
            for folder in dict.fromkeys([commit.parent, *(tmp.parent for tmp, _, _ in pieces)]):
                if folder.is_dir() and not held(folder):
                    shutil.rmtree(folder)


@contextlib.contextmanager
def _naming(target: Path) -> Iterator[None]:
    try:
        yield
    except (FileExistsError, NotADirectoryError):
        raise WriteError(f"{target}: {target.parent} is not a folder") from None
    except OSError as exc:
        raise WriteError(f"{target}: {exc.strerror or exc}") from None


def _check_target(target: Path) -> None:
    if not target.name or str(target) in ("", "."):
        raise WriteError("no file name given")
    if target.is_dir():
        raise WriteError(f"{target} is a folder; give a file name")


def write_texts_atomic(texts: dict[Path, str]) -> None:
    """Write several text files, each atomically, renamed into place only once all are written."""
    targets = list(texts)
    try:
        with atomic_paths(targets) as temps:
            for tmp, target in zip(temps, targets, strict=True):
                tmp.write_text(texts[target], encoding="utf-8", newline="\n")
    except OSError as exc:
        raise WriteError(os_message(exc, targets[0])) from None


def _fsync_path(path: Path) -> None:
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.EBADF):  # some file systems refuse it on folders
            raise
    finally:
        os.close(fd)


def _remove_stale_temps(target: Path) -> None:
    """Temp files of the earlier scheme (.X.abc.tmp and GDAL's .X.abc.tmp-journal, .tmp.fgb)
    that a killed writer left beside target, once they are old enough to be nobody's."""
    now = time.time()
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp*"):
        if leftover.name.endswith((".tmp", ".tmp-journal", ".tmp-wal", ".tmp-shm", ".tmp.fgb")):
            with contextlib.suppress(OSError):  # another process may be cleaning up as well
                if now - leftover.lstat().st_mtime > STALE_AFTER_S:
                    if leftover.is_dir() and not leftover.is_symlink():
                        shutil.rmtree(leftover)
                    else:
                        leftover.unlink()


# --- folders ---------------------------------------------------------------------------------


def replace_folder(target: Path, write: Callable[[Path], None]) -> None:
    """Fill a new folder with write(folder), then put it in target's place in one step.

    The files of the old folder that write did not make are carried over (hard links); a
    folder inside it is refused, since the whole folder is replaced. Raises WriteError naming
    the file when anything fails; target is then as it was.
    """
    target = Path(target)
    if not target.name or str(target) in ("", "."):
        raise WriteError("no folder name given")
    if target.is_symlink():  # replace the folder it points to, not the link
        target = Path(os.path.realpath(target))
    parent = target.parent
    try:
        recover(target)
        old = os.stat(target) if target.exists() else None
        if old is not None and not stat.S_ISDIR(old.st_mode):
            raise WriteError(f"{target} is not a folder")
        with scratch_dir(parent, f".{target.name}") as scratch:
            new = scratch / target.name
            new.mkdir()
            write(new)
            if old is not None:
                _carry_over(target, new)
                os.chmod(new, stat.S_IMODE(old.st_mode))
            for item in new.iterdir():
                _fsync_path(item)
            _fsync_path(new)
            if old is None:
                os.rename(new, target)
            else:
                _switch(new, target, scratch)
            _fsync_path(parent)
    except OSError as exc:
        raise WriteError(os_message(exc, target)) from None


def _carry_over(old: Path, new: Path) -> None:
    for entry in os.scandir(old):
        if (new / entry.name).exists() or entry.name.endswith((".tmp", ".new")):
            continue
        if entry.is_dir(follow_symlinks=False):
            raise WriteError(f"{old} holds the folder '{entry.name}'; the build replaces the whole "
                             "folder, so give it a folder of its own")
        try:
            os.link(entry.path, new / entry.name, follow_symlinks=False)
        except OSError:
            shutil.copy2(entry.path, new / entry.name, follow_symlinks=False)


def _switch(new: Path, target: Path, scratch: Path) -> None:
    """Put new in target's place; the old folder ends up at new's path (removed with scratch)."""
    try:
        exchange(new, target)
        return
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
    # No atomic exchange here: two renames, with a note that lets recover() finish the switch.
    note = scratch / SWITCH_NOTE
    note.write_text(target.name, encoding="utf-8")
    _fsync_path(note)
    _fsync_path(scratch)
    old_place = scratch / f"{target.name}.old"
    _rename(target, old_place)
    _rename(new, target)  # a kill before this line: recover() does it
    _rename(old_place, new)
    note.unlink()


def _rename(source: Path, destination: Path) -> None:
    os.rename(source, destination)


def recover(target: Path) -> None:
    """Finish a folder switch that a kill interrupted between its two renames (only where the
    system has no atomic exchange): the complete new folder waiting in a stale scratch folder
    takes target's empty place."""
    if target.exists():
        return
    parent = target.parent
    with contextlib.suppress(OSError):
        for scratch in parent.glob(f".{glob.escape(target.name)}.geo*.tmp"):
            note = scratch / SWITCH_NOTE
            waiting = scratch / target.name
            if note.is_file() and waiting.is_dir() and not held(scratch):
                os.rename(waiting, target)
                note.unlink()
                break
    clean_stale(parent)


_RENAME_EXCHANGE = 2  # linux/fs.h
_RENAME_SWAP = 2  # macOS stdio.h


@functools.cache
def _libc() -> ctypes.CDLL:
    # By name on Linux: find_library would start a process (ldconfig) to look for it.
    name = "libc.so.6" if sys.platform.startswith("linux") else ctypes.util.find_library("c")
    return ctypes.CDLL(name, use_errno=True)


def exchange(first: Path, second: Path) -> None:
    """Swap two paths in one step. Raises OSError (EINVAL/ENOSYS when the system cannot)."""
    libc = _libc()
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        at_fdcwd = -100
        result = libc.renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                                _RENAME_EXCHANGE)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        result = libc.renamex_np(os.fsencode(first), os.fsencode(second), _RENAME_SWAP)
    else:
        raise OSError(errno.ENOSYS, "no atomic exchange of two paths on this system")
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(second))


def read_folder(folder: Path, names: Sequence[str], attempts: int = 5) -> dict[str, bytes]:
    """The bytes of the named files of folder, all from the same folder even while a
    replace_folder switches it. Raises FileNotFoundError naming a missing file."""
    folder = Path(folder)
    recover(folder)
    for _ in range(attempts):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            return {name: _read_at(fd, name) for name in names}
        except FileNotFoundError as exc:
            # The folder was switched and its old files removed while we read: read again.
            if os.fstat(fd).st_ino == _inode(folder):
                raise FileNotFoundError(exc.errno, exc.strerror, str(folder / str(exc.filename))) \
                    from None
        finally:
            os.close(fd)
    raise OSError(errno.EAGAIN, "the folder kept changing while being read", str(folder))


def _read_at(dir_fd: int, name: str) -> bytes:
    try:  # O_NONBLOCK: a FIFO put in a file's place must not block the reader
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=dir_fd)
    except FileNotFoundError:
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), name) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", name)
        os.set_blocking(fd, True)
        return handle.read()


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None
