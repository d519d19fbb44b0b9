"""Comparing the source's texts with what a written file holds.

In: a text of the source, or text read back from a PDF's text layer or a deck's cells.
Out: the text as line breaking and extraction leave it, so that the two can be compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

_INVISIBLE = re.compile(r"[\s\u00ad\u200b-\u200d\u2060\ufe00-\ufe0f\ufeff]+")


def squeeze(text: str) -> str:
    """``text`` without white space, soft hyphens, format characters (zero-width, bidi controls),
    variation selectors and right-to-left letters (extracted in visual order): what survives
    line breaking and text extraction in the same order."""
    return "".join(c for c in _INVISIBLE.sub("", text) if c.isascii() or _kept(c))


@cache
def _kept(char: str) -> bool:
    return unicodedata.category(char) != "Cf" and unicodedata.bidirectional(char) not in ("R", "AL")


_REORDERING = {"R", "AL", "RLE", "LRE", "RLO", "LRO", "RLI", "LRI", "FSI"}

LINE_END_HYPHEN = "\ufffe"
"""What PDFium extracts for a hyphen that ends a line, the two lines joined: the hyphen of a
compound written with one ("read-heavy") or one that hyphenation added ("hyphen-ation")."""


class Layer:
    """The text a file holds, squeezed, to ask whether a text of the source is in it."""

    def __init__(self, text: str):
        self.text = squeeze(text.replace(LINE_END_HYPHEN, "-"))
        self._unhyphenated = squeeze(text.replace(LINE_END_HYPHEN, "")) if LINE_END_HYPHEN in text else None
        self._counts: Counter[str] | None = None
        self._cursor = 0

    def holds(self, text: str) -> bool:
        """Whether ``text`` is in the layer: in order (a hyphen that ends a line read as written
        or as added by hyphenation), or — for a text that bidi controls or right-to-left letters
        reorder on the page — as the same characters at least as often.

        The search starts where the last text asked for was found, then from the start: texts
        asked for in reading order are each found a little further on, so a document's texts
        cost a pass over its layer rather than one each."""
        wanted = squeeze(text)
        found = self.text.find(wanted, self._cursor)
        if found < 0 and self._cursor:
            found = self.text.find(wanted)
        if found >= 0:
            self._cursor = found
            return True
        if self._unhyphenated is not None and wanted in self._unhyphenated:
            return True
        if not any(unicodedata.bidirectional(c) in _REORDERING for c in text):
            return False
        if self._counts is None:
            self._counts = Counter(self.text)
        return Counter(wanted) <= self._counts
