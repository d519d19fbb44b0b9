"""Sentences of a paragraph, so that a slide can show an article's own sentences as points.

In: a text (Japanese, English or mixed).
Out: its sentences (``sentences``), each as written — the pieces concatenate back to the text
but for the spaces between them and its footnotes' calls (a slide's point shows no "¹": the notes
hold the footnote). A sentence ends at 。！？ (and their half-width forms after
Japanese), or at . ! ? followed by a space and a capital, a digit, kana or kanji, or an opening quote or bracket —
but not after a title or a common abbreviation ("Dr.", "e.g.", "Inc.") or an initial ("J. Smith").
"""

from __future__ import annotations

import re

_END = re.compile(r"(?<=[。！？])\s*|(?<=[.!?])\s+(?=[A-Z0-9\"“‘(「\u3040-\u30ff\u4e00-\u9fff])")


_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|St|Mt|No|Nos|Inc|Ltd|Co|Corp|Jr|Sr|vs|etc|e\.g|i\.e|cf|approx|Fig|Figs|Vol|pp)\.$"
)
"""A piece ending like this does not end a sentence: the next piece continues it."""


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order, without the spaces between them."""
    out: list[str] = []
    spans = getattr(text, "spans", None)
    plain = "".join(s.text for s in spans if s.note is None) if spans else str(text)
    for piece in (p.strip() for p in _END.split(plain)):
        if not piece:
            continue
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out
