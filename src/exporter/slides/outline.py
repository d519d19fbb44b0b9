"""The document's outline as the deck sees it: which headings hold something, and what to call them.

In: a ``Context`` and the model's ``Section``s and blocks.
Out: ``tree`` (a section and its subsections in reading order); ``contents`` (whether a list is
the document's own table of contents: every item names one of its headings — never a slide);
``heading`` (a section's title when it is words, else the
nearest enclosing section's that is, else the first of its subsections', else the document's
short title: a title of numbers or symbols never heads a slide); ``table_lead`` (the sentence
that opens the paragraph right before a table, which titles its slide); ``worded``.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from exporter.model import Block, BulletList, Paragraph, Section, Table
from exporter.text.sentences import sentences

if TYPE_CHECKING:
    from exporter.slides.context import Context


def tree(section: Section) -> Iterator[Section]:
    """``section`` and its subsections, depth first, in reading order."""
    yield section
    for sub in section.sections:
        yield from tree(sub)


def worded(text: str) -> bool:
    """Whether ``text`` holds a letter or an ideograph (not only numbers, symbols and spaces)."""
    return any(unicodedata.category(char)[0] == "L" for char in text)


def folded(text: str) -> str:
    """``text`` reduced to its letters and digits, lower case: how an entry of a table of contents is
    matched with a heading ("1. Market size" and "[1. Market Size](#1-market-size)")."""
    return "".join(char for char in text.casefold() if char.isalnum())


def contents(ctx: Context, block: Block) -> bool:
    """Whether ``block`` is the document's own table of contents: a list of two items or more,
    every one of which (nested ones too) names a heading of the document."""
    if not isinstance(block, BulletList) or len(block.items) < 2:
        return False
    headings = ctx.heading_keys
    return all(folded(current.items[index]) in headings for _, current, index in block.nested())


TABLE_LEAD_LENGTH = 120
"""Characters the first sentence of the paragraph right before a table may have to title its slide."""

TABLE_LEAD_SENTENCES = 2
"""Sentences the paragraph right before a table may have to lead into it: a longer one is a
paragraph of its own, whose first sentence says what the section is about, not the table."""


def table_lead(ctx: Context, table: Table) -> str | None:
    """The first sentence of the paragraph right before ``table`` in its section, when that paragraph
    is a lead-in (at most ``TABLE_LEAD_SENTENCES`` sentences) and the sentence is words of at most
    ``TABLE_LEAD_LENGTH`` characters: the author's own statement of what the table shows."""
    _, blocks = ctx.context_of(table)
    index = next(i for i, block in enumerate(blocks) if block is table)
    before = blocks[index - 1] if index else None
    if not isinstance(before, Paragraph):
        return None
    said = list(itertools.islice(sentences(before.text), TABLE_LEAD_SENTENCES + 1))
    if not said or len(said) > TABLE_LEAD_SENTENCES:  # a paragraph of its own, not a lead-in to the table
        return None
    return said[0] if worded(said[0]) and len(said[0]) <= TABLE_LEAD_LENGTH else None


def table_title(ctx: Context, table: Table) -> str:
    """What a table's slide is titled: its headline, else its caption, else the sentence that opens the
    paragraph right before it, else its section's heading (the document's title, before the first)."""
    section = ctx.section_of(table)
    lead = table_lead(ctx, table)
    return table.headline or table.caption or lead or (heading(ctx, section) if section else ctx.doc.meta.title)


def heading(ctx: Context, section: Section) -> str:
    """What a slide of ``section`` is titled: its title when it is words, else the nearest
    enclosing section's that is, else its first subsection's, else the document's short title."""
    current: Section | None = section
    while current is not None:
        if worded(current.title):
            return current.title
        current = ctx.parent(current)
    return next((s.title for s in tree(section) if worded(s.title)), ctx.doc.meta.short_title)
