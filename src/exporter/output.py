"""Atomic output: a file is either the complete, verified new one or the previous one.

In: a target path, a function that writes a file at a given path, and a function
that checks the written file.
Out: the target replaced in one ``os.replace`` — or an ``OutputError`` with the
previous file (if any) untouched and no temporary file left behind.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from exporter.errors import OutputError


def write_atomically(target: Path, write: Callable[[Path], None], verify: Callable[[Path], None]) -> int:
    """Write via ``write`` to a temporary file beside ``target``, ``verify`` it, then rename.

    Returns the size in bytes of the file put in place.
    """
    target = Path(target)
    folder = target.parent
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; expected a file path to write")
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{target}: {folder} is a file, not a folder")
    if not folder.is_dir():
        raise OutputError(f"{target}: the folder {folder} does not exist")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write in {folder} ({_reason(exc)}); nothing was changed") from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        verify(temp)
        size = temp.stat().st_size
        with open(temp, "rb") as written:
            os.fsync(written.fileno())  # on disk before the rename makes it the file
        os.chmod(temp, _MODE)
        os.replace(temp, target)
    except OSError as exc:
        raise OutputError(f"{target}: could not be written ({_reason(exc)}); the previous file is unchanged") from None
    finally:
        temp.unlink(missing_ok=True)
    return size


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
