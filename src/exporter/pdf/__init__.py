"""The PDF renderer: document model → HTML and CSS (Jinja2) → A4 PDF (WeasyPrint).

In: a ``Document``, a ``Theme``, the source's folder and an output path.
Out: the PDF written atomically, verified before it replaces anything; returns
(pages, bytes). ``exporter.pdf.html`` builds the markup without WeasyPrint;
``exporter.pdf.weasy`` is the only module that imports it; ``exporter.pdf.readback``
re-opens the file (pages, embedded fonts, and every text of the source in its text
layer) before the rename.
"""

from __future__ import annotations

from pathlib import Path

from exporter.errors import RenderError
from exporter.model import Document
from exporter.output import write_atomically
from exporter.pdf.fonts import subset_faces
from exporter.pdf.html import render_css, render_html
from exporter.pdf.readback import missing_texts, verify_pdf
from exporter.theme import TEMPLATES, Theme


def write_pdf(
    document: Document, theme: Theme, source_dir: Path, output: Path, revision: str | None = None
) -> tuple[int, int]:
    """Render ``document`` to ``output``; return (pages, size in bytes).

    ``revision`` (see ``exporter.revision``) is printed in the footer and stored in the
    metadata and as the PDF's ``/ID``.
    """
    from exporter.pdf import weasy

    html = render_html(document, theme, revision)
    css = render_css(document, theme, revision)
    faces = subset_faces(html + css)
    pages = 0

    def write(path: Path) -> None:
        nonlocal pages
        pages = weasy.write(html, css, path, allowed=(TEMPLATES, Path(source_dir)), faces=faces, identifier=revision)

    def verify(path: Path) -> None:
        verify_pdf(path, pages)
        texts = ((text, (pos, what)) for text, pos, what in document.printed_texts())
        missing = list(missing_texts(path, texts))
        if missing:
            text, (pos, what) = missing[0]
            others = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
            raise RenderError(
                f"PDF: the {what} text '{text[:40]}' is missing from the rendered brief{others}, "
                "as when a theme size is too large for a page; nothing was replaced",
                pos=pos,
            )

    size = write_atomically(output, write, verify)
    return pages, size
