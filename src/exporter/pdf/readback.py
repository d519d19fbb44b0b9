"""Re-open a written PDF before it replaces anything; the only module that imports pypdfium2.

In: the path of a freshly written PDF and the page count the renderer laid out.
Out: its text layer if PDFium opens the file, finds that many pages, parses every page's
content and finds every font it uses embedded; otherwise an ``OutputError`` saying why.
``missing_texts`` then finds which of the source's texts that layer lacks. One pass over
the pages serves both.

PDFium rather than pypdf: its import and a full pass over the brief take some 35 ms
inside ``exporter pdf``, against some 95 ms for pypdf.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from exporter.errors import OutputError
from exporter.text.compare import Layer

T = TypeVar("T")


def verify_pdf(path: Path, pages: int) -> str:
    """Refuse the PDF at ``path`` unless it opens with ``pages`` pages and only embedded fonts;
    return the text PDFium extracts from its pages."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise OutputError(f"{path}: the rendered PDF does not re-open ({exc}); nothing was replaced") from None
    try:
        if len(document) != pages:
            raise OutputError(f"{path}: the rendered PDF has {len(document)} pages, expected {pages}")
        layer = []
        for index in range(pages):
            page = document[index]
            try:
                text_page = page.get_textpage()
                layer.append(text_page.get_text_range())
                text_page.close()
                for text in page.get_objects(filter=(raw.FPDF_PAGEOBJ_TEXT,)):
                    font = raw.FPDFTextObj_GetFont(text.raw)
                    if not raw.FPDFFont_GetIsEmbedded(font):
                        raise OutputError(
                            f"{path}: font {_base_name(raw, font)} on page {index + 1} is not embedded; "
                            "nothing was replaced"
                        )
            finally:
                page.close()
    finally:
        document.close()
    return "".join(layer)


def _base_name(raw, font) -> str:  # type: ignore[no-untyped-def]
    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFFont_GetBaseFontName(font, buffer, size)
    return buffer.value.decode("latin-1")


def missing_texts(layer: str, texts: Iterable[tuple[str, T]]) -> Iterator[tuple[str, T]]:
    """Each ``(text, where)`` whose text is not in ``layer`` (``verify_pdf``'s), white space aside.

    A table header taller than its page, or a paragraph a renderer dropped, is absent from it.
    """
    found = Layer(layer)
    for text, where in texts:
        if not found.holds(text):
            yield text, where
