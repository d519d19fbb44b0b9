"""The bundled faces cut down to the characters a document uses, before WeasyPrint sees them.

In: every character the brief will show (its HTML and CSS text).
Out: OpenType bytes of Noto Sans CJK JP Regular and Bold holding only those
characters (plus printable ASCII for page numbers and list markers), all layout
features kept. HarfBuzz's subsetter does this in milliseconds, so WeasyPrint
loads and embeds a few hundred kilobytes instead of two 16 MB faces.

The faces are CID-keyed CFF: their ``charset`` gives each glyph a CID, and in the
full faces CID = glyph id. Subsetting renumbers the glyphs; by default HarfBuzz keeps
each glyph's original CID, so CID and glyph id part. WeasyPrint then writes glyph ids
as the codes of an ``Identity-H`` font, and a PDF reader must take those codes as
CIDs (ISO 32000-1, 9.7.4.2): MuPDF and Ghostscript look them up in the charset and
find the wrong glyph or none, while poppler and PDFium happen to index by glyph id.
``CFF_IDENTITY_CHARSET`` writes a charset in which CID = new glyph id again, so every
reader draws the same glyphs. A brand's TrueType or OpenType faces (a theme's ``brand_fonts``) are
cut to the same characters; the brief names them first and Noto for what they lack.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import uharfbuzz as hb

from exporter.text.fonts import WEIGHTS, font_file

_ASCII = range(0x20, 0x7F)
_GENERATED = "•◦▪"
"""Characters the stylesheets generate rather than the text (list markers)."""


def subset_faces(text: str) -> dict[str, bytes]:
    """Regular and bold faces holding the characters of ``text``, by weight name."""
    codepoints = _codepoints(text)
    return {weight: _subset(font_file(weight), codepoints) for weight in WEIGHTS}


def subset_brand(text: str, brand: Mapping[str, Path]) -> dict[str, bytes]:
    """The ``brand`` faces (a theme's font files by weight) cut to the characters of ``text`` as the
    bundled ones are, by ``brand-<weight>``."""
    codepoints = _codepoints(text)
    return {f"brand-{weight}": _subset(path, codepoints) for weight, path in brand.items()}


def _codepoints(text: str) -> set[int]:
    return {ord(c) for c in text + _GENERATED} | set(_ASCII)


def _subset(path: Path, codepoints: set[int]) -> bytes:
    face = hb.Face(hb.Blob.from_file_path(str(path)))
    request = hb.SubsetInput()
    for codepoint in sorted(codepoints):
        request.unicode_set.add(codepoint)
    request.sets(hb.SubsetInputSets.LAYOUT_FEATURE_TAG).invert()  # keep every OpenType feature
    request.flags = hb.SubsetFlags.CFF_IDENTITY_CHARSET  # CID = glyph id, as PDF readers assume (above)
    return bytes(hb.subset(face, request).blob.data)
