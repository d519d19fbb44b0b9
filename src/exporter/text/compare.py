"""Comparing the source's texts with what a written file holds.

In: a text of the source, or text read back from a PDF's text layer or a deck's cells.
Out: the text as line breaking and extraction leave it, so that the two can be compared.
"""

from __future__ import annotations

import re

_INVISIBLE = re.compile(r"[\s\u00ad\u200b-\u200d\u2060\ufe00-\ufe0f\ufeff]+")


def squeeze(text: str) -> str:
    """``text`` without white space, soft hyphens, zero-width characters and variation selectors:
    what survives line breaking and text extraction."""
    return _INVISIBLE.sub("", text)
