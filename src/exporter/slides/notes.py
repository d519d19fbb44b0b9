"""Speaker notes: the article's own text, so that the deck tells everything the article says.

In: a ``Context`` and the blocks or sections a slide shows.
Out: the notes text of those blocks (``notes``, tables left out — they are on the slide — except
those not shown as key tables), of a section with its subsections (``section_notes``), of the
section around one block (``block_notes``); and ``untold``, which adds the text of each section
that no slide's notes tell to the notes of the last slide before the section ends.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from exporter.model import (
    PROSE,
    Block,
    BulletList,
    CodeBlock,
    Definitions,
    Dispatch,
    Image,
    Math,
    Notes,
    Paragraph,
    Quote,
    Section,
    Table,
    footnotes,
)
from exporter.slides.context import Context
from exporter.slides.shapes import Slide
from exporter.theme import numbered


def notes(ctx: Context, blocks: Sequence[Block], heading: str | None = None) -> str:
    """The article's text of ``blocks`` (key tables left out: they are on slides of their own)."""
    parts = [heading] if heading else []
    parts += [text + _footnotes(block) for block in blocks if (text := TOLD(block, ctx))]
    return "\n\n".join(parts)


def _footnotes(block: Block) -> str:
    """The footnotes ``block``'s texts call, a line each after its mark ("\n1 …")."""
    return "".join(f"\n{mark} {note}" for text, _, _ in PROSE(block) for mark, note in footnotes(text))


TOLD: Dispatch[str] = Dispatch("notes")
"""What the notes say of one block: its text, "" for nothing."""


@TOLD.register(Paragraph)
def _paragraph(block: Paragraph, ctx: Context) -> str:
    return block.text


@TOLD.register(Quote)
def _quote(block: Quote, ctx: Context) -> str:
    lines = [block.label] if block.label else []
    lines += list(block.paragraphs)
    if block.attribution:
        lines.append(block.attribution)
    return "\n".join(lines)


@TOLD.register(BulletList)
def _list(block: BulletList, ctx: Context) -> str:
    lines = [block.label] if block.label else []
    for depth, lst, index in block.nested():
        lines.append("  " * depth + lst.marker(index, ctx.theme.words.bullet) + lst.items[index])
    return "\n".join(lines)


@TOLD.register(Notes, Math)
def _text(block: Notes | Math, ctx: Context) -> str:
    return block.text


@TOLD.register(CodeBlock)
def _code(block: CodeBlock, ctx: Context) -> str:
    title = numbered(ctx.theme.words.diagram, tool=block.diagram) if block.diagram else None
    return f"{title}\n{block.text}" if title else block.text


@TOLD.register(Definitions)
def _definitions(block: Definitions, ctx: Context) -> str:
    return "\n".join(
        f"{term}: {' / '.join(details)}" for term, details in zip(block.terms, block.definitions, strict=True)
    )


@TOLD.register(Image)
def _image(block: Image, ctx: Context) -> str:
    return "\n".join(t for t in (block.caption, block.alt, block.url) if t)


@TOLD.register(Table)
def _table(block: Table, ctx: Context) -> str:
    if block.key:  # a key table is on a slide of its own
        return ""
    rows = [block.caption] if block.caption else []
    rows += [" | ".join(row) for row in (block.header, *block.rows)]
    return "\n".join(rows)


def section_notes(ctx: Context, section: Section) -> str:
    """The notes of a section and its subsections, headings included."""
    parts = [notes(ctx, section.blocks, section.title)]
    parts += [section_notes(ctx, sub) for sub in section.sections]
    return "\n\n".join(p for p in parts if p)


def block_notes(ctx: Context, block: Block) -> str:
    """The notes of the section holding ``block`` (of the intro, for a block before the first section)."""
    section, blocks = ctx.context_of(block)
    return notes(ctx, blocks, section.title if section else None)


def untold(ctx: Context, slides: list[Slide], anchors: list[tuple[Section, int]]) -> list[Slide]:
    """Every section's text in the deck: a section that no slide's notes tell has its own
    text added to the notes of the last slide before it ends (``anchors``: each section, with
    the index of that slide)."""
    told = "\n".join(s.notes for s in slides)
    extra: dict[int, list[str]] = {}
    for section, index in anchors:
        if section.title not in told:
            extra.setdefault(index, []).append(notes(ctx, section.blocks, section.title))
    return [
        dataclasses.replace(s, notes="\n\n".join([s.notes, *extra[n]]).strip()) if n in extra else s
        for n, s in enumerate(slides)
    ]
