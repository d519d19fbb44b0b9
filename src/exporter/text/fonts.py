"""The bundled faces, and which of them (and which faces of the viewer's) each language is set in.

In: a weight name, a language tag (``exporter.text.language.canonical`` reads any).
Out: the path of the Noto Sans CJK OpenType file of a weight, for embedding (PDF) and for
measuring (slides); the brief's family name for a language (``pdf_family``: Noto Sans CJK JP, SC,
TC or KR); the deck's language tag (``deck_tag``: ``ja-JP``, ``zh-CN``…) and the faces it names,
which Windows and macOS have (``deck_faces``); and the fallback faces for what the CJK face lacks
(``FALLBACKS``: symbols and monochrome emoji), with the characters they hold.

Every language is drawn from the same files, ``noto-cjk``'s Noto Sans CJK JP Regular and Bold:
Adobe's language-specific OTFs hold the glyphs of all four regions (65,535), and their ``locl``
feature picks the Simplified Chinese, Traditional Chinese or Korean form of a character from the
text's language (OpenType language systems ZHS, ZHT, KOR) — what the SC, TC and KR files draw by
default. (``noto-cjk``'s ``sans-sc``, ``sans-tc`` and ``sans-kr`` extras name packages the registry
does not have.) The brief therefore tags every text with its language and names the face by its
region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import noto_cjk

from exporter.text.language import canonical

WEIGHTS = ("regular", "bold")

REGIONS = {"ja": "JP", "zh-Hans": "SC", "zh-Hant": "TC", "ko": "KR"}
"""The Noto Sans CJK region of each language; any other is set in JP's."""

DECK_TAGS = {"ja": "ja-JP", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW", "ko": "ko-KR", "en": "en-US"}
"""The deck's language tag (``a:rPr@lang``) of each language; any other tag is written as given."""

DECK_FACES = {
    "ja": ("Yu Gothic", "Yu Gothic"),
    "zh-Hans": ("Microsoft YaHei", "Microsoft YaHei"),
    "zh-Hant": ("Microsoft JhengHei", "Microsoft JhengHei"),
    "ko": ("Malgun Gothic", "Malgun Gothic"),
    "en": ("Calibri", "Yu Gothic"),
}
"""The faces the deck names for Latin (``a:latin``) and East Asian text (``a:ea``), by language:
Windows has them all, and Office for Mac installs them; Keynote and LibreOffice substitute their
own face of the run's language. A theme's ``fonts.slides_latin``/``slides_east_asian`` win."""


@cache
def font_file(weight: str = "regular") -> Path:
    """Path of the bundled Noto Sans CJK face of ``weight`` ("regular" or "bold")."""
    if weight not in WEIGHTS:
        raise ValueError(f"unknown weight {weight!r}; expected one of {WEIGHTS}")
    return Path(noto_cjk.font_path("sans", "jp", weight)).resolve()


def region(lang: str) -> str:
    """JP, SC, TC or KR: the Noto Sans CJK region ``lang`` is set in."""
    return REGIONS.get(canonical(lang), "JP")


def pdf_family(base: str, lang: str) -> str:
    """The brief's family name for ``lang``: the theme's ``fonts.pdf`` with its region (a trailing
    JP, SC, TC or KR replaced): "Noto Sans CJK JP" is "Noto Sans CJK SC" in Simplified Chinese."""
    return f"{re.sub(r' (JP|SC|TC|KR)$', '', base)} {region(lang)}"


def deck_tag(lang: str) -> str:
    """The deck's tag for ``lang``: ``zh-Hant`` → ``zh-TW``; a tag without a region as given."""
    return DECK_TAGS.get(canonical(lang), lang)


def deck_faces(lang: str) -> tuple[str, str]:
    """The (Latin, East Asian) faces the deck names for ``lang``; English's for any other."""
    return DECK_FACES.get(canonical(lang), DECK_FACES["en"])


@dataclass(frozen=True)
class Fallback:
    """A face for what the CJK face lacks: its family name in the brief, and where its file is."""

    family: str
    module: str
    """The package holding the file (``exporter.text`` for the ones bundled here)."""
    name: str
    variable: bool
    """A variable face (a ``wght`` axis), instanced to each weight when it is cut."""

    @property
    def path(self) -> Path:
        import importlib.util

        spec = importlib.util.find_spec(self.module)
        assert spec is not None and spec.origin is not None, self.module
        folder = Path(spec.origin).parent
        return (folder / "faces" / self.name) if self.module == "exporter.text" else folder / self.name

    @property
    def key(self) -> str:
        """Its name in URLs and tables: lower case, hyphens."""
        return self.family.lower().replace(" ", "-")


FALLBACKS = (
    Fallback("Noto Sans Symbols 2", "exporter.text", "NotoSansSymbols2-Regular.ttf", False),
    Fallback("Noto Sans Symbols", "manimgx_fonts", "NotoSansSymbols[wght].ttf", True),
    Fallback("Noto Emoji", "manimgx_fonts", "NotoEmoji[wght].ttf", True),
    Fallback("Noto Sans", "manimgx_fonts", "NotoSans[wght].ttf", True),
    *(
        Fallback(f"Noto Sans {script}", "manimgx_fonts", f"NotoSans{script}[wght].ttf", True)
        for script in (
            "Arabic",
            "Hebrew",
            "Devanagari",
            "Bengali",
            "Thai",
            "Tamil",
            "Telugu",
            "Gujarati",
            "Gurmukhi",
            "Kannada",
            "Malayalam",
            "Oriya",
            "Sinhala",
            "Khmer",
            "Lao",
            "Myanmar",
            "Georgian",
            "Armenian",
            "Ethiopic",
        )
    ),
)
"""In the order the brief falls back on them after the CJK face: symbols in text style before the
monochrome emoji (✓ ☐ ⚠ as signs, 📋 ✅ 🟢 as pictographs), then Noto Sans for the Latin, Greek and
Cyrillic letters the CJK face lacks (₹, ẞ), then a face for each other script (Arabic, Thai…).
Noto Sans Symbols 2 ships inside exporter (640 KB); the others come from the ``manimgx-fonts``
package (unmodified Noto, OFL)."""


@cache
def fallback_characters(fallback: Fallback) -> frozenset[int]:
    """The code points ``fallback``'s cmap maps (HarfBuzz reads it)."""
    import uharfbuzz as hb

    return frozenset(hb.Face(hb.Blob.from_file_path(str(fallback.path))).unicodes)
