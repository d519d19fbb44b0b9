"""Revision stamps: which inputs a brief or a deck was made from.

In: the source file and theme file (plus the templates, ``templates/*.j2`` and
``templates/theme.yaml``, and the exporter's version), or a written PDF / PPTX.
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
from exporter.theme import TEMPLATES

_EARLIEST, _LATEST = 315_532_800, 4_354_819_199
"""The seconds of 1980-01-01 and 2107-12-31T23:59:59 UTC: the dates a zip entry can carry."""

STAMP_LENGTH = 12
"""Hex digits of the stamp: 48 bits, enough to tell revisions of one article apart."""

_PDF_ID = re.compile(rb"/ID\s*\[\s*<(?P<stamp>(?:[0-9a-f]{2})+)>")
"""The trailer's ``/ID``, whose first element qpdf (``exporter.pdf.pdfua``) writes as a hex string."""
_PPTX_ID = re.compile(r"<dc:identifier>exporter:(?P<stamp>[0-9a-f]+)</dc:identifier>")


def revision(source: Path, theme: Path) -> str:
    """The stamp of ``source`` rendered with ``theme`` and the current templates."""
    digest = hashlib.sha256(f"exporter {__version__}\n".encode())
    inputs = [("source", Path(source)), ("theme", Path(theme))]
    inputs += [(f"templates/{p.name}", p) for p in sorted([*TEMPLATES.glob("*.j2"), TEMPLATES / "theme.yaml"])]
    for name, path in inputs:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SourceError.at(path, 1, 1, f"cannot read: {exc.strerror}") from None
        digest.update(f"{name} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()[:STAMP_LENGTH]


def read_stamp(path: Path) -> str | None:
    """The stamp stored in a PDF or PPTX written by exporter; None if it has none."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".pptx":
            with zipfile.ZipFile(path) as package:
                match = _PPTX_ID.search(package.read("docProps/core.xml").decode("utf-8"))
        else:
            with open(path, "rb") as handle:
                handle.seek(max(0, path.stat().st_size - 4096))
                match = _PDF_ID.search(handle.read())
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    if match is None:
        return None
    stamp = match.group("stamp")
    if isinstance(stamp, bytes):
        stamp = bytes.fromhex(stamp.decode("ascii")).decode("latin-1")
    return stamp if re.fullmatch(r"[0-9a-f]+", stamp) else None


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
    date = document.meta.date
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
