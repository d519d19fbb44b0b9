"""The PDF renderer: document model → HTML and CSS (Jinja2) → A4 PDF (WeasyPrint).

In: a ``Document``, a ``Theme``, the source's folder, an output path, and the revision,
date, template folders and logo (``exporter.brand``) the build gives it.
Out: the PDF written atomically, verified before it replaces anything; returns
(pages, bytes). ``exporter.pdf.html`` builds the markup without WeasyPrint;
``exporter.pdf.weasy`` is the only module that imports it; ``exporter.pdf.pdfua`` patches
what PDF/UA-1 needs and WeasyPrint does not write, before it is written; ``exporter.pdf.readback``
re-opens the file (pages, embedded fonts, and every text of the source in its text
layer) before the rename.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.brand import Logo
from exporter.errors import RenderError
from exporter.model import Document
from exporter.output import write_atomically
from exporter.pdf.fonts import subset_brand, subset_faces
from exporter.pdf.html import embedded, render_css, render_html
from exporter.pdf.pdfua import conform
from exporter.pdf.readback import missing_texts, verify_pdf
from exporter.project import DEFAULTS
from exporter.theme import Theme


def write_pdf(
    document: Document,
    theme: Theme,
    source_dir: Path,
    output: Path,
    revision: str | None = None,
    date: dt.datetime | None = None,
    templates: tuple[Path, ...] = (DEFAULTS,),
    resources: tuple[Path, ...] = (),
    logo: Logo | None = None,
) -> tuple[int, int]:
    """Render ``document`` to ``output``; return (pages, size in bytes).

    ``revision`` (see ``exporter.revision``) is printed in the footer and stored in the
    metadata and as the PDF's ``/ID``; ``date`` is its creation date (default: the
    source's); ``templates`` are the folders searched for each template, first match wins;
    ``resources`` the folders besides the source's that its images may be read from (its project);
    ``logo`` stands on the cover and in the running head.
    """
    from exporter.pdf import weasy

    html = render_html(document, theme, revision, date, templates, logo)
    css = render_css(document, theme, revision, templates, logo)
    faces = subset_faces(html + css) | subset_brand(html + css, theme.brand_fonts)
    pages = 0

    def write(path: Path) -> None:
        nonlocal pages
        allowed = (*templates, *resources, Path(source_dir))
        assets = {"logo": (logo.data, logo.media_type)} if logo is not None else {}
        data, pages = weasy.write(
            html, css, allowed, faces=faces, identifier=revision, finisher=conform, images=embedded(document),
            assets=assets,
        )  # fmt: skip
        path.write_bytes(data)

    def verify(path: Path) -> None:
        layer = verify_pdf(path, pages)
        texts = ((text, (pos, what)) for text, pos, what in document.printed_texts(headlines=False))
        missing = list(missing_texts(layer, texts))
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
