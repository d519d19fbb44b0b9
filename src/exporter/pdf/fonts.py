"""The bundled faces cut down to the characters a document uses, before WeasyPrint sees them.

In: every character the brief will show (its HTML and CSS text).
Out: OpenType bytes of Noto Sans CJK JP Regular and Bold holding only those
characters (plus printable ASCII for page numbers and list markers), all layout
features kept. HarfBuzz's subsetter does this in milliseconds, so WeasyPrint
loads and embeds a few hundred kilobytes instead of two 16 MB faces.
"""

from __future__ import annotations

import uharfbuzz as hb

from exporter.text.fonts import WEIGHTS, font_file

_ASCII = range(0x20, 0x7F)
_GENERATED = "•◦▪"
"""Characters the stylesheets generate rather than the text (list markers)."""


def subset_faces(text: str) -> dict[str, bytes]:
    """Regular and bold faces holding the characters of ``text``, by weight name."""
    codepoints = {ord(c) for c in text + _GENERATED} | set(_ASCII)
    return {weight: _subset(weight, codepoints) for weight in WEIGHTS}


def _subset(weight: str, codepoints: set[int]) -> bytes:
    face = hb.Face(hb.Blob.from_file_path(str(font_file(weight))))
    request = hb.SubsetInput()
    for codepoint in sorted(codepoints):
        request.unicode_set.add(codepoint)
    request.sets(hb.SubsetInputSets.LAYOUT_FEATURE_TAG).invert()  # keep every OpenType feature
    return bytes(hb.subset(face, request).blob.data)
