"""Read written files back for the tests.

In: the path of a PDF or a deck this project wrote.
Out: its text — the PDF's through PDFium, the deck's through python-pptx (text frames,
table cells and, on request, speaker notes) — and what PowerPoint's validation finds in a deck.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from pptx import Presentation

from exporter.slides.ooxml import readable_text


def pdf_text(path: Path) -> str:
    """Every page's text, in order."""
    document = pdfium.PdfDocument(str(path))
    try:
        return "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def deck_text(path: Path, notes: bool = False) -> str:
    """The text of every text frame and table cell (a formula's readable text, its fallback,
    included), and with ``notes`` the speaker notes."""
    parts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(readable_text(shape.text_frame._txBody))
            if shape.has_table:
                parts += [readable_text(cell._tc.get_or_add_txBody()) for row in shape.table.rows for cell in row.cells]
        if notes and slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "".join(parts)


def powerpoint_findings(path: Path, file_format: str = "microsoft365") -> list[str]:
    """What the Open XML SDK's validation (schema and semantics, ported by openxml-audit) finds
    in the deck at ``path``: PowerPoint offers to repair a file with any of these."""
    from openxml_audit import FileFormat, OpenXmlValidator

    result = OpenXmlValidator(file_format=FileFormat(file_format), max_errors=0).validate(path)
    return [str(error) for error in result.errors]
