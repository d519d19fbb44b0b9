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
from collections.abc import Iterator
from pathlib import Path

from exporter.brand import Logo
from exporter.errors import RenderError
from exporter.model import CodeBlock, Document, Pos
from exporter.output import write_atomically
from exporter.pdf.fonts import fallbacks_for, subset_brand, subset_faces
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
    fallbacks = fallbacks_for(html)
    css = render_css(document, theme, revision, templates, fallbacks, logo)
    faces = subset_faces(html + css, fallbacks) | subset_brand(html + css, theme.brand_fonts)
    rendered = weasy.Rendered(b"", 0, ())

    def write(path: Path) -> None:
        nonlocal rendered
        allowed = (*templates, *resources, Path(source_dir))
        assets = {"logo": (logo.data, logo.media_type)} if logo is not None else {}
        rendered = weasy.write(
            html, css, allowed, faces=faces, identifier=revision, finisher=conform, images=embedded(document),
            assets=assets,
        )  # fmt: skip
        path.write_bytes(rendered.pdf)

    def verify(path: Path) -> None:
        readback = verify_pdf(path, rendered.pages)
        missing = list(missing_texts(readback, _brief_texts(document, rendered.pages)))
        if missing:
            text, (pos, what) = missing[0]
            others = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
            raise RenderError(f"PDF: the {what} text '{text[:40]}' is missing from the rendered brief{others}, "
                              f"{_cause(rendered.tall_rows)}; nothing was replaced", pos=pos)  # fmt: skip

    size = write_atomically(output, write, verify)
    return rendered.pages, size


def _brief_texts(document: Document, pages: int) -> Iterator[tuple[str, tuple[Pos | None, str]]]:
    """Every text a brief of ``pages`` pages prints, with where it is and what it is: the document's
    printed texts but the key tables' headlines (slide titles) — and the short title on a brief of
    one page, which has no running head —, and its code blocks."""
    for text, pos, what in document.printed_texts(headlines=False):
        if pages > 1 or what != "meta 'short_title'":
            yield text, (pos, what)
    for block in document.blocks():
        if isinstance(block, CodeBlock):
            yield block.text, (block.pos, "code block")


def _cause(tall_rows: tuple[int, ...]) -> str:
    """Why texts are missing: a table row too tall for a page (``tall_rows``, the pages it fills),
    else a fault of the renderer's."""
    if tall_rows:
        pages = ", ".join(map(str, tall_rows[:3])) + (" …" if len(tall_rows) > 3 else "")
        return f"cut where a table row is taller than a page (page {pages}): a theme size is too large for a page"
    return "though the brief was laid out without an error (a fault of exporter's: please report it)"
