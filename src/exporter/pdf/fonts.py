"""The bundled faces cut down to the characters a document uses, before WeasyPrint sees them.

In: every character the brief will show (its HTML and CSS text).
Out: OpenType bytes of Noto Sans CJK Regular and Bold holding only those characters (plus
printable ASCII for page numbers and list markers), all layout features kept — ``locl`` among
them, which draws each text in its own language's forms (``exporter.text.fonts``) — and of each
fallback face (symbols, monochrome emoji) that holds a character the CJK face lacks, a variable
one instanced to each weight. HarfBuzz's subsetter does this in milliseconds, so WeasyPrint
loads and embeds a few hundred kilobytes instead of two 16 MB faces.

The CJK faces are CID-keyed CFF: their ``charset`` gives each glyph a CID, and in the
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

from exporter.text.fonts import FALLBACKS, WEIGHTS, Fallback, fallback_characters, font_file
from exporter.text.metrics import covered_by_cjk

_ASCII = range(0x20, 0x7F)
_GENERATED = "•◦▪"
"""Characters the stylesheets generate rather than the text (list markers)."""

_WEIGHT_VALUES = {"regular": 400, "bold": 700}


def fallbacks_for(text: str) -> tuple[Fallback, ...]:
    """The fallback faces ``text`` needs: each that holds a character of it which neither the CJK
    face nor a fallback before it has."""
    missing = {ord(c) for c in set(text) if not covered_by_cjk(c)}
    needed = []
    for fallback in FALLBACKS:
        held = missing & fallback_characters(fallback)
        if held:
            needed.append(fallback)
            missing -= held
    return tuple(needed)


def subset_faces(text: str, fallbacks: tuple[Fallback, ...] = ()) -> dict[str, bytes]:
    """Regular and bold faces holding the characters of ``text``, by weight name (the CJK face)
    and by ``<fallback key>-<weight>`` (each of ``fallbacks``)."""
    codepoints = _codepoints(text)
    faces = {weight: _subset(str(font_file(weight)), codepoints, cff=True) for weight in WEIGHTS}
    for fallback in fallbacks:
        held = codepoints & fallback_characters(fallback)
        for weight in WEIGHTS:
            axis = _WEIGHT_VALUES[weight] if fallback.variable else None
            faces[f"{fallback.key}-{weight}"] = _subset(str(fallback.path), held, weight=axis)
    return faces


def subset_brand(text: str, brand: Mapping[str, Path]) -> dict[str, bytes]:
    """The ``brand`` faces (a theme's font files by weight) cut to the characters of ``text`` as the
    bundled ones are, by ``brand-<weight>``."""
    codepoints = _codepoints(text)
    return {f"brand-{weight}": _subset(str(path), codepoints, cff=True) for weight, path in brand.items()}


def _codepoints(text: str) -> set[int]:
    return {ord(c) for c in text + _GENERATED} | set(_ASCII)


def _subset(path: str, codepoints: set[int], cff: bool = False, weight: int | None = None) -> bytes:
    face = hb.Face(hb.Blob.from_file_path(path))
    request = hb.SubsetInput()
    for codepoint in sorted(codepoints):
        request.unicode_set.add(codepoint)
    features = request.sets(hb.SubsetInputSets.LAYOUT_FEATURE_TAG)
    features.clear()  # the set starts as HarfBuzz's defaults (locl, kern, init…): inverted alone, it drops them
    features.invert()  # every OpenType feature: locl's regional forms, Arabic joining, vertical forms
    if cff:
        request.flags = hb.SubsetFlags.CFF_IDENTITY_CHARSET  # CID = glyph id, as PDF readers assume (above)
    if weight is not None:
        request.pin_axis_location(face, "wght", weight)  # a static instance: PDF embeds no variations
    return bytes(hb.subset(face, request).blob.data)
