"""Plan the deck: which slides, in which order, from which nodes — as plain data, before any file exists.

In: a ``Document`` and a ``Theme``.
Out: a ``Deck`` (``exporter.slides.shapes``) — slides made of text boxes, tables, pictures and
decorative bars, every position and size in EMU and every font size chosen from the measured
text. The order: the cover, the summary, the opening quotes, then each section's slides (the
implications where the first implication section starts; a key table, with a quote of its
section beside it; the before/after comparison; each image; the section's other quotes beside its
points), the closing slide; every section's text is in some slide's notes, and every slide but
the cover has the footer. The layouts are in ``exporter.slides.layouts``; what does not fit is a
``RenderError`` at the node being planned.

Pure: no python-pptx, no I/O. ``Deck.to_json()`` serialises the plan for tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from exporter.errors import RenderError
from exporter.model import Document, Image, Pos, Quote, Section, Table
from exporter.slides.context import Context
from exporter.slides.frame import footer
from exporter.slides.grid import SLIDE_H, SLIDE_W
from exporter.slides.layouts.cover import closing, cover
from exporter.slides.layouts.findings import finding_slides, image_slide, table_slides
from exporter.slides.layouts.quotes import opening
from exporter.slides.layouts.summary import compare, implications, summary
from exporter.slides.notes import untold
from exporter.slides.shapes import Deck, Properties
from exporter.theme import Theme

T = TypeVar("T")


def plan_deck(document: Document, theme: Theme, revision: str | None = None, date: dt.datetime | None = None) -> Deck:
    """The slide plan of ``document`` in ``theme``; ``revision`` is stamped in the footer and properties,
    ``date`` (default: the source's) in the properties. Pure: no files, no environment."""
    return deck(Context.of(document, theme, revision, date))


def deck(ctx: Context) -> Deck:
    """The deck of ``ctx``'s document, slide by slide in the order they are shown."""
    doc = ctx.doc
    summary_, meta = doc.summary, doc.meta
    first_quote = next((b for b in doc.intro if isinstance(b, Quote)), None)
    summary_at = summary_.takeaways or next(iter(summary_.figures), None) or meta
    slides = [_at(meta.pos, lambda: cover(ctx))]
    slides += [
        s
        for s in (_at(summary_at.pos, lambda: summary(ctx)), _at((first_quote or meta).pos, lambda: opening(ctx)))
        if s
    ]
    quotes_by_section: dict[int, list[Quote]] = {}
    for block in doc.blocks():
        if isinstance(block, Quote):
            section = ctx.section_of(block)
            if section is not None:
                quotes_by_section.setdefault(id(section), []).append(block)
    implications_ = {id(s) for s in summary_.implications}
    anchors: list[tuple[Section, int]] = []  # each section, with the last slide before its end
    for section in [None, *doc.walk_sections()]:
        if section is not None and id(section) in implications_ and section is summary_.implications[0]:
            slides += [s for s in (_at(section.pos, lambda: implications(ctx)),) if s]
        blocks = section.blocks if section else doc.intro
        for block in blocks:
            if isinstance(block, Table) and block.key and block is not summary_.takeaways:
                quotes = quotes_by_section.pop(id(section), []) if section else []  # beside one table only
                slides += _at(block.pos, lambda: table_slides(ctx, block, quotes))  # noqa: B023 (called at once)
            elif block is summary_.before:
                slides += [s for s in (_at(block.pos, lambda: compare(ctx)),) if s]
            elif isinstance(block, Image):
                slides.append(_at(block.pos, lambda: image_slide(ctx, block)))  # noqa: B023 (called at once)
        if section is not None and id(section) in quotes_by_section:  # no key table slide to stand beside
            quotes = quotes_by_section.pop(id(section))
            slides += _at(section.pos, lambda: finding_slides(ctx, section, quotes))  # noqa: B023
        if section is not None:
            anchors.append((section, len(slides) - 1))
    slides += [s for s in (_at((summary_.outlook or meta).pos, lambda: closing(ctx)),) if s]
    slides = untold(ctx, slides, anchors)
    slides = [
        s if s.kind == "cover" else dataclasses.replace(s, footer=footer(ctx, n)) for n, s in enumerate(slides, 1)
    ]
    return Deck(SLIDE_W, SLIDE_H, ctx.lang, ctx.theme.fonts.slides_latin, ctx.theme.fonts.slides_east_asian,
                _properties(ctx), tuple(slides))  # fmt: skip


def _properties(ctx: Context) -> Properties:
    meta = ctx.doc.meta
    return Properties(
        title=meta.title,
        subject=meta.subtitle or "",
        author=meta.author or ctx.theme.organisation,
        keywords="; ".join(meta.keywords),
        language=meta.lang,
        date=ctx.date.replace(tzinfo=None).isoformat(),
        identifier=f"exporter:{ctx.revision}" if ctx.revision else "",
    )


def _at(pos: Pos | None, make: Callable[[], T]) -> T:
    """``make()``; a ``RenderError`` it raises without a position gets ``pos``, the node being planned."""
    try:
        return make()
    except RenderError as exc:
        if exc.pos is None and exc.theme_key is None:
            exc.pos = pos
        raise
