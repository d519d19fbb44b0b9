"""Revision stamps: which inputs a brief or a deck was made from.

In: the source file and theme file (plus the templates they are rendered with, see
``exporter.project``, the exporter's version, and every local image the document shows),
or a written PDF / PPTX.
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
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from exporter import __version__
from exporter.errors import ExporterError, SourceError
from exporter.inputs import InputError, open_regular, read_bounded
from exporter.model import Document, Image, Pos
from exporter.project import source_file, template_files, template_folders
from exporter.readers import read_source
from exporter.readers.yamlnodes import MAX_FILE_BYTES
from exporter.theme import MAX_TEMPLATE_BYTES, brand_inputs

_EARLIEST, _LATEST = 315_532_800, 4_354_819_199
"""The seconds of 1980-01-01 and 2107-12-31T23:59:59 UTC: the dates a zip entry can carry."""

STAMP_LENGTH = 12
"""Hex digits of the stamp: 48 bits, enough to tell revisions of one article apart."""

_EPOCH = re.compile(r"[0-9]{1,20}")
"""ASCII digits only (``str.isdigit`` also takes ² and other scripts' digits) and few enough to convert."""

_PDF_ID = re.compile(rb"/ID\s*\[\s*(?:\((?P<literal>[0-9a-f]+)\)|<(?P<hex>(?:[0-9a-f]{2})+)>)")
"""The first element of ``/ID``: WeasyPrint writes it as a literal string, qpdf
(``exporter.pdf.pdfua``) as a hex string."""
_PPTX_ID = re.compile(r"<dc:identifier>exporter:(?P<stamp>[0-9a-f]+)</dc:identifier>")


def revision(source: Path, theme: Path, resources: tuple[Path, ...] = (), template: Path | None = None) -> str:
    """The stamp of ``source`` rendered with ``theme``, the templates, the deck's template
    (``template``, else the theme's) and the images it shows (from its project or ``resources``)."""
    return revised(source, theme, resources, template)[0]


def revised(
    source: Path, theme: Path, resources: tuple[Path, ...] = (), template: Path | None = None
) -> tuple[str, Document]:
    """The stamp of ``source`` with ``theme`` and the deck's ``template``, and the document read from
    it (its images from its project or ``resources``).

    The source, theme and templates are hashed before the source is read, and the images
    after it (they are known only then) and before any renderer reads them: a save in
    between leaves the output stale, never a new output with an old stamp.
    """
    digest = inputs_digest(source, theme, template)
    document = read_source(source, resources)
    return with_images(digest, source, document.images()), document


def inputs_digest(source: Path, theme: Path, template: Path | None = None) -> hashlib._Hash:
    """The running hash of the exporter's version, ``source``, ``theme``, the templates and the
    deck's template (``template``, else the one the theme names, if any)."""
    digest = hashlib.sha256(f"exporter {__version__}\n".encode())
    inputs = [("source", source_file(Path(source))), ("theme", Path(theme))]
    inputs += [(f"templates/{name}", p) for name, p in template_files(template_folders(source, theme)).items()]
    inputs += brand_inputs(Path(theme), template)
    for name, path in inputs:
        try:
            data = read_bounded(path, MAX_TEMPLATE_BYTES if name.startswith(("deck", "brand")) else MAX_FILE_BYTES)
        except InputError as exc:
            raise SourceError.at(path, 1, 1, exc.reason) from None
        _fold(digest, name, data)
    return digest


def with_images(digest: hashlib._Hash, source: Path, images: Iterable[Image]) -> str:
    """The stamp: ``digest`` (left as it is) with the bytes of each local image, by its name
    relative to the source's folder (``../images/a.png`` for one beside it), in the order of the
    names (each once)."""
    digest = digest.copy()
    folder = Path(source).resolve().parent
    found = {Path(os.path.relpath(i.path, folder)).as_posix(): i for i in images if i.path is not None}
    for name in sorted(found):
        try:
            with open_regular(Path(found[name].path)) as handle:  # type: ignore[arg-type]
                hashed = hashlib.file_digest(handle, "sha256").hexdigest()  # in chunks: a photo may be large
        except (InputError, OSError) as exc:
            pos = found[name].pos or Pos(1, 1)
            reason = exc.reason if isinstance(exc, InputError) else f"cannot read: {exc.strerror}"
            raise SourceError.at(source, pos.line, pos.column, f"image '{name}': {reason}") from None
        _fold(digest, f"image {name}", hashed.encode())
    return digest.hexdigest()[:STAMP_LENGTH]


def _fold(digest: hashlib._Hash, name: str, data: bytes) -> None:
    digest.update(f"{name} {len(data)}\n".encode())
    digest.update(data)


def read_pdf_stamp(path: Path) -> str | None:
    """The stamp stored in a PDF written by exporter; None if it has none.

    Bounded whatever the file: it is read from the last cross-reference section's
    dictionary (two reads of a few KB). ``InputError`` if ``path`` is not a regular file.
    """
    return _read(path, _pdf_stamp)


def read_pptx_stamp(path: Path) -> str | None:
    """The stamp stored in a deck written by exporter; None if it has none.

    Bounded whatever the file: at most ``MAX_CORE_BYTES`` of ``docProps/core.xml`` are
    inflated. ``InputError`` if ``path`` is not a regular file.
    """
    return _read(path, _deck_stamp)


def _read(path: Path, stamp_of) -> str | None:  # type: ignore[no-untyped-def]
    try:
        with open_regular(Path(path)) as handle:
            stamp = stamp_of(handle)
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
    if match is None:
        return None
    if match.group("literal"):
        return match.group("literal").decode("ascii")
    stamp = bytes.fromhex(match.group("hex").decode("ascii")).decode("latin-1")
    return stamp if re.fullmatch(r"[0-9a-f]+", stamp) else None


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
    return document.meta.midnight
