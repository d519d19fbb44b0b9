"""Atomic output: a file is either the complete, verified new one or the previous one.

In: a target path, a function that writes a file at a given path, and a function
that checks the written file; for ``check_target``, the inputs the target must not be.
Out: the target replaced in one ``os.replace`` (then the folder synced; the folder is created
when missing) — or an
``OutputError`` with the previous file (if any) untouched and no temporary file left
behind. A target that is a folder, a device, a FIFO or a socket, or that is the same
file as an input (by name, symlink or hard link), is refused before anything is written.

The temporary file, ``.<name>.<8 random characters>.tmp`` beside the target, is locked
(``flock``) by the process writing it; the kernel drops the lock when that process dies,
even by ``kill -9``. Each write first removes this target's temporaries that nobody
holds locked and that are older than ``STALE_SECONDS``: what killed runs left behind.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from exporter.errors import OutputError
from exporter.inputs import kind_of

STALE_SECONDS = 2.0
"""A temporary this old and unlocked belongs to no running write (the lock is taken
microseconds after the file is created)."""


def check_target(target: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse ``target`` unless it is absent or a regular file that is none of ``inputs``."""
    try:
        found = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing there (or a dangling symlink, which the rename replaces); the folder is checked later
    except OSError as exc:
        raise OutputError(f"{target}: cannot be examined ({_reason(exc)}); nothing was written") from None
    if stat.S_ISDIR(found.st_mode):
        raise OutputError(f"{target}: is a folder; expected a file path to write")
    kind = kind_of(found.st_mode)
    if kind is not None:
        raise OutputError(f"{target}: is {kind}; expected a regular file or a new path; nothing was written")
    for path in inputs:
        try:
            same = os.path.samestat(found, os.stat(path))
        except OSError:
            continue
        if same:
            raise OutputError(
                f"{target}: is the same file as the input {path}; choose another output path; nothing was written"
            )


def write_atomically(target: Path, write: Callable[[Path], None], verify: Callable[[Path], None]) -> int:
    """Write via ``write`` to a temporary file beside ``target``, ``verify`` it, then rename.

    Returns the size in bytes of the file put in place.
    """
    target = Path(target)
    folder = target.parent
    check_target(target)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{target}: {folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)  # `exporter build` in a folder without out/
    except OSError as exc:
        raise OutputError(f"{target}: the folder {folder} cannot be created ({_reason(exc)})") from None
    remove_stale(target)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write in {folder} ({_reason(exc)}); nothing was changed") from None
    temp = Path(temp_name)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held until closed: the mark of a live write
        write(temp)
        verify(temp)
        size = temp.stat().st_size
        os.fsync(handle)  # on disk before the rename makes it the file
        os.chmod(temp, _MODE)
        os.replace(temp, target)
        _sync_folder(folder)
    except OSError as exc:
        raise OutputError(f"{target}: could not be written ({_reason(exc)}); the previous file is unchanged") from None
    finally:
        temp.unlink(missing_ok=True)
        os.close(handle)
    return size


def remove_stale(target: Path) -> list[Path]:
    """Remove the temporaries of ``target`` that killed writes left; return what was removed.

    Only names this module makes (``.<name>.<8 of [a-z0-9_]>.tmp``), only regular files,
    only when no process holds their lock and they are older than ``STALE_SECONDS``.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.tmp")
    removed = []
    try:
        entries = [e for e in os.scandir(target.parent) if pattern.fullmatch(e.name)]
    except OSError:
        return removed
    for entry in entries:
        try:
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue  # gone already, a symlink, or not ours to read
        try:
            held = os.fstat(fd)
            if not stat.S_ISREG(held.st_mode) or time.time() - held.st_mtime < STALE_SECONDS:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a live write holds it
            if os.path.samestat(held, os.lstat(entry.path)):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
        finally:
            os.close(fd)
    return removed


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform lets a folder be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()
"""Mode of a written file: what ``open`` would have given it (``mkstemp`` gives 0o600)."""


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or str(exc) or type(exc).__name__
