"""Revision stamps: which inputs a brief or a deck was made from.

In: the source file and theme file (plus the templates they are rendered with, see
``exporter.project``, and the exporter's version), or a written PDF / PPTX.
Out: a short hex stamp — the same inputs give the same stamp on any machine — and
the stamp read back from a file, without loading WeasyPrint or python-pptx:
from the PDF trailer's ``/ID`` (never compressed; a hex string) or the deck's
``docProps/core.xml`` ``dc:identifier``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import zipfile
from pathlib import Path

from exporter import __version__
from exporter.errors import ExporterError, SourceError
from exporter.model import Document
from exporter.project import template_files, template_folders

_EARLIEST, _LATEST = 315_532_800, 4_354_819_199
"""The seconds of 1980-01-01 and 2107-12-31T23:59:59 UTC: the dates a zip entry can carry."""

STAMP_LENGTH = 12
"""Hex digits of the stamp: 48 bits, enough to tell revisions of one article apart."""

_PDF_ID = re.compile(rb"/ID\s*\[\s*<(?P<stamp>(?:[0-9a-f]{2})+)>")
"""The trailer's ``/ID``, whose first element qpdf (``exporter.pdf.pdfua``) writes as a hex string."""
_PPTX_ID = re.compile(r"<dc:identifier>exporter:(?P<stamp>[0-9a-f]+)</dc:identifier>")


def revision(source: Path, theme: Path) -> str:
    """The stamp of ``source`` rendered with ``theme`` and the templates it would be rendered with."""
    digest = hashlib.sha256(f"exporter {__version__}\n".encode())
    inputs = [("source", Path(source)), ("theme", Path(theme))]
    inputs += [(f"templates/{name}", p) for name, p in template_files(template_folders(source, theme)).items()]
    for name, path in inputs:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SourceError.at(path, 1, 1, f"cannot read: {exc.strerror}") from None
        digest.update(f"{name} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()[:STAMP_LENGTH]


def read_pdf_stamp(path: Path) -> str | None:
    """The stamp in a PDF's trailer ``/ID``; None if it has none."""
    try:
        with open(path, "rb") as handle:
            handle.seek(max(0, Path(path).stat().st_size - 4096))
            match = _PDF_ID.search(handle.read())
    except OSError:
        return None
    if match is None:
        return None
    stamp = bytes.fromhex(match.group("stamp").decode("ascii")).decode("latin-1")
    return stamp if re.fullmatch(r"[0-9a-f]+", stamp) else None


def read_pptx_stamp(path: Path) -> str | None:
    """The stamp in a deck's ``dc:identifier``; None if it has none."""
    try:
        with zipfile.ZipFile(path) as package:
            match = _PPTX_ID.search(package.read("docProps/core.xml").decode("utf-8"))
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    return match.group("stamp") if match else None


def output_date(document: Document) -> dt.datetime:
    """The date written into outputs: ``SOURCE_DATE_EPOCH`` if set, else the source's date (UTC midnight)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit() or not _EARLIEST <= int(epoch) <= _LATEST:
            raise ExporterError(
                f"SOURCE_DATE_EPOCH={epoch}: expected whole seconds since 1970, from {_EARLIEST} (1980) "
                f"to {_LATEST} (2107)"
            )
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return document.meta.midnight
