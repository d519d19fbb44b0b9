"""Which tables the deck shows on slides of their own, and why.

In: a ``Document``.
Out: a ``Choice`` per table (``choose``): whether the deck shows it and the reason, in words
``exporter check`` prints. Tables marked key are the author's choice, and only they are shown.
A document that marks none has its tables chosen: all of them up to ``MOST_TABLES`` (so its only
table always), else the ``MOST_TABLES`` that rank first by their numbers, their size and their
position (``score``), shown in reading order. The summary's takeaways table is on the summary's
slide, never chosen again.
"""

from __future__ import annotations

from dataclasses import dataclass

from exporter.model import Document, Table

MOST_TABLES = 8
"""Tables a deck shows when the document marks none as key: a document with more has its
``MOST_TABLES`` best ranked shown, and the others told in the speaker notes."""


@dataclass(frozen=True)
class Choice:
    """One table of the document, whether the deck shows it, and why."""

    table: Table
    shown: bool
    reason: str


def choose(document: Document) -> list[Choice]:
    """Every table but the summary's takeaways, in reading order, each with the deck's choice."""
    tables = [t for t in document.tables() if t is not document.summary.takeaways]
    if any(t.key for t in tables):
        return [Choice(t, t.key, "marked key" if t.key else "not marked key, as other tables are") for t in tables]
    if len(tables) <= MOST_TABLES:
        reason = "the document's only table" if len(tables) == 1 else f"one of its {len(tables)} tables, all shown"
        return [Choice(t, True, reason) for t in tables]
    ranked = sorted(range(len(tables)), key=lambda i: -score(tables[i], i, len(tables)))
    rank = {index: place for place, index in enumerate(ranked, 1)}
    how = f"of {len(tables)} tables by numbers, size and position; the deck shows the first {MOST_TABLES}"
    return [Choice(t, rank[i] <= MOST_TABLES, f"ranked {rank[i]} {how}") for i, t in enumerate(tables)]


def score(table: Table, index: int, count: int) -> float:
    """How much an executive needs ``table`` (the ``index``-th of ``count``): the share of its cells
    (but the first column's) that hold figures counts most ("$1.2 billion", "77.2%"), then its size
    (rows up to 12, columns up to 6), then how early it comes (a document states what matters first)."""
    cells = [cell for row in table.rows for cell in row[1:] if cell.strip()]
    numbers = sum(any(c.isdigit() for c in cell) for cell in cells) / len(cells) if cells else 0.0
    size = min(len(table.rows), 12) / 12 + min(len(table.header), 6) / 12
    early = 1 - index / count
    return 2 * numbers + size + 0.5 * early
