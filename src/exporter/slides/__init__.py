"""The slides renderer: a document model and a theme in, a verified 16:9 .pptx out.

In: a ``Document``, a ``Theme``, the output path and optionally the revision stamp and date.
Out: the file, written atomically (``exporter.output``) after re-opening it with
python-pptx; returns (slides, bytes). Planning (``plan``) is pure; writing
(``pptx``) is the only place python-pptx is used; raw XML lives in ``ooxml``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.errors import OutputError
from exporter.model import Document
from exporter.output import write_atomically
from exporter.slides.plan import plan_deck
from exporter.theme import Theme


def write_slides(
    document: Document, theme: Theme, output: Path, revision: str | None = None, date: dt.datetime | None = None
) -> tuple[int, int]:
    """Plan the deck, write it to ``output`` atomically and return (slide count, size in bytes).

    ``revision`` (see ``exporter.revision``) goes into the footer and the core properties,
    ``date`` (default: the source's) into the core properties.
    """
    from exporter.slides.pptx import read_slide_count, write_pptx

    deck = plan_deck(document, theme, revision, date)

    def verify(path: Path) -> None:
        try:
            found = read_slide_count(path)
        except Exception as exc:  # python-pptx raises many kinds on a broken package
            raise OutputError(f"{output}: the written deck does not re-open ({exc})") from None
        expected = (len(deck.slides), deck.width, deck.height)
        if found != expected:
            raise OutputError(f"{output}: the written deck has (slides, width, height) {found}, expected {expected}")

    size = write_atomically(Path(output), lambda path: write_pptx(deck, path), verify)
    return len(deck.slides), size
