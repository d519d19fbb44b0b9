"""Sentences of a paragraph, so that a slide can show an article's own sentences as points.

In: a text (Japanese, English or mixed).
Out: its sentences (``sentences``), each as written — the pieces concatenate back to the text
but for the spaces between them and its footnotes' calls (a slide's point shows no "¹": the notes
hold the footnote). A sentence ends at 。！？ (and their half-width forms after
Japanese), or at . ! ? followed by a space and a capital, a digit, kana or kanji, or an opening quote or bracket —
but not after a title or a common abbreviation ("Dr.", "e.g.", "Inc.") or an initial ("J. Smith").
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re

from exporter.model import Span, Text

_END = re.compile(r"(?<=[。！？])\s*|(?<=[.!?])\s+(?=[A-Z0-9\"“‘(「\u3040-\u30ff\u4e00-\u9fff])")


_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|St|Mt|No|Nos|Inc|Ltd|Co|Corp|Jr|Sr|vs|etc|e\.g|i\.e|cf|approx|Fig|Figs|Vol|pp)\.$"
)
"""A piece ending like this does not end a sentence: the next piece continues it."""


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order, without the spaces between them; a ``Text``'s sentences
    keep their spans (a formula stays a formula)."""
    spans = [s for s in getattr(text, "spans", ()) if s.note is None]
    plain = "".join(s.text for s in spans) if spans else str(text)
    found: list[list[tuple[int, int]]] = []
    at = 0
    for piece in (p.strip() for p in _END.split(plain)):
        if not piece:
            continue
        start = plain.index(piece, at)
        at = start + len(piece)
        if found and _ABBREVIATION.search(plain[found[-1][-1][0] : found[-1][-1][1]]):
            found[-1].append((start, at))
        else:
            found.append([(start, at)])
    if not any(s.bold or s.italic or s.code or s.href or s.script or s.math for s in spans):
        return [" ".join(plain[start:end] for start, end in pieces) for pieces in found]
    starts = list(itertools.accumulate((len(s.text) for s in spans), initial=0))
    return [Text.of(_joined(spans, starts, pieces)) for pieces in found]


def _joined(spans: list[Span], starts: list[int], pieces: list[tuple[int, int]]) -> tuple[Span, ...]:
    """The spans of each piece (``start``, ``end``) of the text ``spans`` make (``starts``: where each
    span starts), a space between pieces."""
    out: list[Span] = []
    for number, (start, end) in enumerate(pieces):
        if number:
            out.append(Span(" "))
        index = bisect.bisect_right(starts, start) - 1
        while index < len(spans) and starts[index] < end:
            at, span = starts[index], spans[index]
            out.append(dataclasses.replace(span, text=span.text[max(start - at, 0) : end - at]))
            index += 1
    return tuple(out)
