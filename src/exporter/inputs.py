"""Opening the files the tool is given: regular files only, read with a bound.

In: a path (a source, a theme, a written PDF or deck whose stamp is read) and the most
bytes a caller will take from it.
Out: the file's bytes, or an open binary handle on it — or an ``InputError`` saying
what the path is instead (a folder, a FIFO, a device, a socket) or that it is larger
than the bound. Nothing blocks: a FIFO is opened without waiting for a writer and
refused before anything is read, and ``/dev/zero`` is refused, not read until memory
runs out.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from exporter.errors import ExporterError


class InputError(ExporterError):
    """A path given as an input is not a regular file, is too large, or cannot be read."""

    def __init__(self, path: str | Path, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str | None:
    """What a file of ``mode`` is when it is not a regular file; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def open_regular(path: str | Path) -> BinaryIO:
    """``path`` opened for reading in binary; ``InputError`` unless it is a regular file."""
    try:
        # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder; expected a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise InputError(path, f"is {kind}; expected a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: str | Path, limit: int) -> bytes:
    """All of the regular file ``path``; ``InputError`` if it holds more than ``limit`` bytes.

    At most ``limit + 1`` bytes are read, whatever the file claims its size is.
    """
    with open_regular(path) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror}") from None
        if len(data) > limit:
            size = max(os.fstat(handle.fileno()).st_size, len(data))
            raise InputError(path, f"file is {size:,} bytes; the limit is {limit:,} bytes")
    return data
