"""The registry of renderers: every output format exporter writes, in one place.

In: a ``Job`` — the document, theme, source, template folders, revision and date that a
build computed once — and an output path.
Out: for each renderer its name (the command), file suffix, a write function that returns
(pages or slides, bytes), the stamp reader that ``build`` and ``stamp`` use without loading
the engine, and the modules ``watch`` imports up front. ``build``, ``cli``, ``watch`` and
``stamp`` loop over ``RENDERERS``; a renderer's engine is imported only inside its write
function, so listing them here costs nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from exporter.model import Document
from exporter.revision import read_pdf_stamp, read_pptx_stamp
from exporter.theme import Theme


@dataclass(frozen=True)
class Job:
    """What every renderer is given; nothing else is read from the environment."""

    document: Document
    theme: Theme
    source: Path
    theme_path: Path
    templates: tuple[Path, ...]
    revision: str
    date: dt.datetime
    resources: tuple[Path, ...] = ()
    """The folders the document's images may be read from: its project and the resource paths."""
    template: Path | None = None
    """The company template the deck is drawn on (``--template``, else the theme's), if any."""


@dataclass(frozen=True)
class Renderer:
    """One output format: how it is named, written, read back and warmed up."""

    name: str
    """The command that writes only this format (``exporter pdf``)."""
    suffix: str
    help: str
    unit: str
    """What the write function counts: ``page``, ``slide``."""
    write: Callable[[Job, Path], tuple[int, int]]
    read_stamp: Callable[[Path], str | None]
    warm: tuple[str, ...]
    """Modules holding the engine, imported once by ``exporter watch`` before the first build."""

    def describe(self, count: int) -> str:
        """What a written file holds: ``6 pages``, ``1 slide``."""
        return f"{count} {self.unit}{'' if count == 1 else 's'}"


def _write_pdf(job: Job, output: Path) -> tuple[int, int]:
    from exporter.brand import brief_brand
    from exporter.pdf import write_pdf

    theme, logo = brief_brand(job.theme, job.template)
    return write_pdf(
        job.document, theme, job.source.parent, output, job.revision, job.date, job.templates, job.resources, logo
    )


def _write_slides(job: Job, output: Path) -> tuple[int, int]:
    from exporter.slides import write_slides

    return write_slides(job.document, job.theme, output, job.revision, job.date, job.template)


RENDERERS = (
    Renderer("pdf", ".pdf", "Write the A4 PDF brief.", "page", _write_pdf, read_pdf_stamp, ("exporter.pdf.weasy",)),
    Renderer(
        "slides", ".pptx", "Write the 16:9 PowerPoint deck.", "slide", _write_slides, read_pptx_stamp,
        ("exporter.slides.pptx",),
    ),
)  # fmt: skip


def read_stamp(path: Path) -> str | None:
    """The stamp in a file any renderer wrote, chosen by its suffix; None if it has none.
    ``InputError`` if ``path`` is not a regular file (a folder, a FIFO, a device)."""
    for renderer in RENDERERS:
        if Path(path).suffix.lower() == renderer.suffix:
            return renderer.read_stamp(path)
    return read_pdf_stamp(path)  # no known suffix: a PDF's stamp, if it is one
