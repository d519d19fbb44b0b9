"""Re-open a written PDF before it replaces anything; the only module that imports pypdfium2.

In: the path of a freshly written PDF and the page count the renderer laid out.
Out: its text as a reader gets it (``Readback``) — the content of each page without its
artifacts (the running head, footer and page number that ``exporter.pdf.pdfua`` marks
``/Artifact``), without its list labels (marked ``/Lbl``), which WeasyPrint draws after the
lines they label, and with its footnotes (marked ``/Note``) read apart — if PDFium opens the
file, finds that many pages, parses every page's content and finds every font it uses embedded;
otherwise an ``OutputError`` saying why.
``missing_texts`` then finds which of the source's texts that text lacks. One pass over the
pages serves both.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from exporter.errors import OutputError
from exporter.text.compare import Layer

T = TypeVar("T")

_ARTIFACT, _LABEL, _NOTE = (f"{name}\0".encode("utf-16-le") for name in ("Artifact", "Lbl", "Note"))
"""The marked-content tags whose text the read-back takes off the page, as PDFium returns them."""
_LONGEST = len(_ARTIFACT)


@dataclass(frozen=True)
class Readback:
    """The text of a brief as a reader gets it: each page's content, without its running head,
    footer, list labels and footnotes; the footnotes of each page that has any; and the furniture
    (running head and footer) of its first two pages that have any — the first page of the brief
    has no running head."""

    pages: tuple[str, ...]
    furniture: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The pages' content one after the other, then the footnotes, then the furniture."""
        return "\n".join(["".join(self.pages), *self.notes, *self.furniture])


def verify_pdf(path: Path, pages: int) -> Readback:
    """Refuse the PDF at ``path`` unless it opens with ``pages`` pages and only embedded fonts;
    return its text as PDFium extracts it once each page's artifacts, labels and footnotes are
    taken off (the footnotes are read on their own).

    They are removed from PDFium's copy of each page in memory (the file is not touched) before
    its text page is built, so a paragraph that a page break cuts reads on as one text, as a
    screen reader gives it — not with the footer, the running head or the footnotes of the page
    between its halves — and a list item's text is not cut by its marker.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise OutputError(f"{path}: the rendered PDF does not re-open ({exc}); nothing was replaced") from None
    try:
        if len(document) != pages:
            raise OutputError(f"{path}: the rendered PDF has {len(document)} pages, expected {pages}")
        content: list[str] = []
        furniture: list[str] = []
        notes: list[str] = []
        for index in range(pages):
            page = document[index]
            try:
                apart, artifacts, footnotes = [], [], []
                for text in page.get_objects(filter=(raw.FPDF_PAGEOBJ_TEXT,)):
                    font = raw.FPDFTextObj_GetFont(text.raw)
                    if not raw.FPDFFont_GetIsEmbedded(font):
                        raise OutputError(
                            f"{path}: font {_base_name(raw, font)} on page {index + 1} is not embedded; "
                            "nothing was replaced"
                        )
                    tag = _set_apart(raw, text.raw)
                    if tag:
                        apart.append(text)
                    if tag == _ARTIFACT:
                        artifacts.append(text)
                    elif tag == _NOTE:
                        footnotes.append(text)
                if artifacts and len(furniture) < 2:
                    furniture.append(_texts(raw, page, artifacts))
                if footnotes:
                    notes.append(_texts(raw, page, footnotes, ""))
                for text in apart:
                    page.remove_obj(text)
                    text.close()
                text_page = page.get_textpage()
                content.append(text_page.get_text_range())
                text_page.close()
            finally:
                page.close()
    finally:
        document.close()
    return Readback(tuple(content), tuple(furniture), tuple(notes))


def _set_apart(raw, text) -> bytes | None:  # type: ignore[no-untyped-def]
    """``_ARTIFACT``, ``_LABEL`` or ``_NOTE`` if the page object ``text`` lies inside such a sequence."""
    buffer = (ctypes.c_ushort * (_LONGEST // 2))()
    length = ctypes.c_ulong()
    for index in range(raw.FPDFPageObj_CountMarks(text)):
        mark = raw.FPDFPageObj_GetMark(text, index)
        if raw.FPDFPageObjMark_GetName(mark, buffer, _LONGEST, ctypes.byref(length)) and length.value <= _LONGEST:
            name = bytes(buffer)[: length.value]
            if name in (_ARTIFACT, _LABEL, _NOTE):
                return name
    return None


def _texts(raw, page, objects, between: str = " ") -> str:  # type: ignore[no-untyped-def]
    """The text of the page objects ``objects`` of ``page``, one after the other."""
    text_page = page.get_textpage()
    try:
        parts = []
        for text in objects:
            size = raw.FPDFTextObj_GetText(text.raw, text_page.raw, None, 0)  # in bytes, the final NUL too
            buffer = (ctypes.c_ushort * (size // 2 + 1))()
            raw.FPDFTextObj_GetText(text.raw, text_page.raw, buffer, size)
            parts.append(bytes(buffer).decode("utf-16-le", errors="ignore").rstrip("\0"))  # as the text page
        return between.join(parts)
    finally:
        text_page.close()


def _base_name(raw, font) -> str:  # type: ignore[no-untyped-def]
    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFFont_GetBaseFontName(font, buffer, size)
    return buffer.value.decode("latin-1")


def missing_texts(readback: Readback, texts: Iterable[tuple[str, T]]) -> Iterator[tuple[str, T]]:
    """Each ``(text, where)`` whose text is not in ``readback`` (``verify_pdf``'s), white space aside.

    A table row taller than its page, or a paragraph a renderer dropped, is absent from it.
    """
    found = Layer(readback.text)
    for text, where in texts:
        if not found.holds(text):
            yield text, where
