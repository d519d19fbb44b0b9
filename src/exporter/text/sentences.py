"""Sentences of a paragraph, so that a slide can show an article's own sentences as points.

In: a text (Japanese, English or mixed).
Out: its sentences (``sentences``), each as written — the pieces concatenate back to the text
but for the spaces between them. A sentence ends at 。！？ (and their half-width forms after
Japanese), or at . ! ? followed by a space and a capital, a digit or an opening quote or bracket.
"""

from __future__ import annotations

import re

_END = re.compile(r"(?<=[。！？])\s*|(?<=[.!?])\s+(?=[A-Z0-9\"“‘(「])")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order, without the spaces between them."""
    return [piece.strip() for piece in _END.split(str(text)) if piece.strip()]
