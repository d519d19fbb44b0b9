"""Read written files back for the tests.

In: the path of a PDF or a deck this project wrote.
Out: its text — the PDF's through PDFium, the deck's through python-pptx (text frames,
table cells and, on request, speaker notes) — and what PowerPoint's validation finds in a deck.
"""

from __future__ import annotations

import os
import subprocess
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


def libreoffice_pdf(soffice: str, deck: Path, folder: Path, timeout: int = 300) -> Path:
    """``deck`` converted to PDF by LibreOffice (``soffice``) into ``folder``, with the bundled Noto
    found in place of Yu Gothic (this machine has no CJK system font) and a profile of its own."""
    from exporter.text.fonts import font_file

    fonts = folder / "fonts.conf"
    fonts.write_text(
        f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>{font_file("regular").parent}</dir><dir>{font_file("bold").parent}</dir>
<cachedir>{folder / "fc-cache"}</cachedir>
<alias binding="same"><family>Yu Gothic</family><prefer><family>Noto Sans CJK JP</family></prefer></alias>
</fontconfig>"""
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts)}
    profile = f"-env:UserInstallation=file://{folder / 'lo-profile'}"
    command = [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(folder), str(deck)]
    subprocess.run(command, check=True, capture_output=True, timeout=timeout, env=env)
    return folder / deck.with_suffix(".pdf").name
