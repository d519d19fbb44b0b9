"""Revision stamps: which inputs a brief or a deck was made from.

In: the source file and theme file (plus the templates, ``templates/*.j2`` and
``templates/theme.yaml``, and the exporter's version), or a written PDF / PPTX.
Out: a short hex stamp — the same inputs give the same stamp on any machine — and
the stamp read back from a file in bounded time and memory, without loading
WeasyPrint or python-pptx: from the ``/ID`` of the PDF's last trailer or
cross-reference stream (found through ``startxref``; never compressed), or the
deck's ``docProps/core.xml`` ``dc:identifier``. Only regular files are read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from exporter import __version__
from exporter.errors import ExporterError, SourceError
from exporter.inputs import InputError, open_regular, read_bounded
from exporter.model import Document
from exporter.theme import TEMPLATES
from exporter.yamlnodes import MAX_FILE_BYTES

_EARLIEST, _LATEST = 315_532_800, 4_354_819_199
"""The seconds of 1980-01-01 and 2107-12-31T23:59:59 UTC: the dates a zip entry can carry."""

STAMP_LENGTH = 12
"""Hex digits of the stamp: 48 bits, enough to tell revisions of one article apart."""

_EPOCH = re.compile(r"[0-9]{1,20}")
"""ASCII digits only (``str.isdigit`` also takes ² and other scripts' digits) and few enough to convert."""

_PDF_ID = re.compile(rb"/ID\s*\[\s*\((?P<stamp>[0-9a-f]+)\)")
_PPTX_ID = re.compile(r"<dc:identifier>exporter:(?P<stamp>[0-9a-f]+)</dc:identifier>")


def revision(source: Path, theme: Path) -> str:
    """The stamp of ``source`` rendered with ``theme`` and the current templates."""
    digest = hashlib.sha256(f"exporter {__version__}\n".encode())
    inputs = [("source", Path(source)), ("theme", Path(theme))]
    inputs += [(f"templates/{p.name}", p) for p in sorted([*TEMPLATES.glob("*.j2"), TEMPLATES / "theme.yaml"])]
    for name, path in inputs:
        try:
            data = read_bounded(path, MAX_FILE_BYTES)
        except InputError as exc:
            raise SourceError.at(path, 1, 1, exc.reason) from None
        digest.update(f"{name} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()[:STAMP_LENGTH]


def read_stamp(path: Path) -> str | None:
    """The stamp stored in a PDF or PPTX written by exporter; None if it has none.

    Bounded whatever the file: a PDF's is read from its last cross-reference section's
    dictionary (two reads of a few KB), a deck's from at most ``MAX_CORE_BYTES`` of
    ``docProps/core.xml`` inflated. ``InputError`` if ``path`` is not a regular file.
    """
    path = Path(path)
    try:
        with open_regular(path) as handle:
            stamp = _deck_stamp(handle) if path.suffix.lower() == ".pptx" else _pdf_stamp(handle)
    except InputError as exc:
        if exc.reason == "no such file":
            return None
        raise
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile, zlib.error):
        return None
    return stamp


_TAIL = 1024
"""Bytes read from a PDF's end to find ``startxref``: the PDF reference puts it in the last 1024."""

_WINDOW = 4096
"""Bytes read where a cross-reference section starts, to find its dictionary's ``/ID``."""

MAX_CORE_BYTES = 64 * 1024
"""Most bytes of ``docProps/core.xml`` inflated from a deck (exporter's are under 1 KB)."""

_STARTXREF = re.compile(rb"startxref\s+(\d{1,15})\s+%%EOF\s*$")
_XREF_STREAM = re.compile(rb"\d+\s+\d+\s+obj\s*<<")


def _pdf_stamp(handle: BinaryIO) -> str | None:
    size = os.fstat(handle.fileno()).st_size
    handle.seek(max(0, size - _TAIL))
    tail = handle.read(_TAIL)
    trailer = tail.rfind(b"trailer")
    if trailer >= 0:  # a classic trailer: it sits just before startxref
        match = _PDF_ID.search(tail, trailer)
    else:  # a cross-reference stream: /ID is in its dictionary, at the offset startxref gives
        found = _STARTXREF.search(tail)
        if found is None or int(found.group(1)) >= size:
            return None
        handle.seek(int(found.group(1)))
        window = handle.read(_WINDOW)
        if not _XREF_STREAM.match(window):
            return None
        end = window.find(b"stream")
        match = _PDF_ID.search(window, 0, end if end >= 0 else len(window))
    return match.group("stamp").decode("ascii") if match else None


def _deck_stamp(handle: BinaryIO) -> str | None:
    with zipfile.ZipFile(handle) as package, package.open("docProps/core.xml") as core:
        data = core.read(MAX_CORE_BYTES + 1)  # inflated step by step: a bomb stops here
    if len(data) > MAX_CORE_BYTES:
        return None
    match = _PPTX_ID.search(data.decode("utf-8", "replace"))
    return match.group("stamp") if match else None


def output_date(document: Document) -> dt.datetime:
    """The date written into outputs: ``SOURCE_DATE_EPOCH`` if set, else the source's date (UTC midnight)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not _EPOCH.fullmatch(epoch) or not _EARLIEST <= int(epoch) <= _LATEST:
            shown = epoch[:40].encode("ascii", "backslashreplace").decode() + ("…" if len(epoch) > 40 else "")
            raise ExporterError(
                f"SOURCE_DATE_EPOCH={shown}: expected whole seconds since 1970 in ASCII digits, "
                f"from {_EARLIEST} (1980) to {_LATEST} (2107)"
            )
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    date = document.meta.date
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
