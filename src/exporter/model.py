"""The document model: the contract between the source reader and every renderer.

In: nothing — these are plain frozen dataclasses built by ``exporter.source``.
Out: a ``Document`` (metadata, a tree of sections and blocks, and a summary that
points at blocks of the body) that the PDF and slides renderers consume.

The model knows nothing of YAML, HTML, PDF or PowerPoint and does no I/O. Every
node may carry the ``Pos`` it came from so that linters can point at it; positions
never take part in equality.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True)
class Pos:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    kind: ClassVar[str] = "paragraph"

    text: str
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Quote:
    """A quotation: one or more paragraphs, optionally introduced by a label.

    ``label`` is the article's own lead-in ("重要な発見:"); ``author``, ``handle``
    and ``date`` form the attribution; ``lang`` is a BCP 47 tag.
    """

    kind: ClassVar[str] = "quote"

    paragraphs: tuple[str, ...]
    lang: str = "ja"
    label: str | None = None
    author: str | None = None
    handle: str | None = None
    date: str | None = None
    id: str | None = None
    pos: Pos | None = field(default=None, compare=False, repr=False)

    @property
    def attribution(self) -> str | None:
        """The attribution line, e.g. ``— Chubby♨️ (@kimmonismus) 2025年12月7日``."""
        parts = [p for p in (self.author, f"({self.handle})" if self.handle else None, self.date) if p]
        return "— " + " ".join(parts) if parts else None


@dataclass(frozen=True)
class BulletList:
    """A bulleted list, optionally introduced by a label ("この戦略のポイント:")."""

    kind: ClassVar[str] = "list"

    items: tuple[str, ...]
    label: str | None = None
    id: str | None = None
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Table:
    """A table with one header row; every row has as many cells as the header.

    ``key`` tables go into the deck, each titled with its ``headline`` — the
    article's own sentence stating the table's message.
    """

    kind: ClassVar[str] = "table"

    id: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None
    headline: str | None = None
    key: bool = False
    pos: Pos | None = field(default=None, compare=False, repr=False)

    @property
    def title(self) -> str:
        """What to call the table where one name is needed: caption, else headline, else id."""
        return self.caption or self.headline or self.id


Block = Paragraph | Quote | BulletList | Table


@dataclass(frozen=True)
class Section:
    """A heading (level 2 for sections, 3 and 4 for subsections) with its blocks and subsections."""

    id: str
    title: str
    level: int
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    pos: Pos | None = field(default=None, compare=False, repr=False)

    @property
    def lead(self) -> str | None:
        """The text of the section's first paragraph, if it has one."""
        return next((b.text for b in self.blocks if isinstance(b, Paragraph)), None)


@dataclass(frozen=True)
class Figure:
    """A figure at a glance: a short value and what it measures."""

    value: str
    label: str
    note: str | None = None
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Summary:
    """What an executive reads first; every field points into the body.

    ``takeaways`` is the article's key-takeaways table, ``outlook`` its list of
    what to watch, ``implications`` the sections that state its implications,
    ``before`` / ``after`` two lists to compare side by side.
    """

    figures: tuple[Figure, ...] = ()
    takeaways: Table | None = None
    outlook: BulletList | None = None
    implications: tuple[Section, ...] = ()
    before: BulletList | None = None
    after: BulletList | None = None


@dataclass(frozen=True)
class Meta:
    """Document metadata."""

    title: str
    subtitle: str | None
    short_title: str
    date: dt.date
    lang: str
    author: str | None
    source: str | None
    keywords: tuple[str, ...] = ()
    pos: Pos | None = field(default=None, compare=False, repr=False)

    @property
    def date_text(self) -> str:
        """The date as the document's language writes it: 2025年12月8日 in Japanese, else ISO."""
        date = self.date
        return f"{date.year}年{date.month}月{date.day}日" if self.lang == "ja" else date.isoformat()


@dataclass(frozen=True)
class Document:
    """A whole article: metadata, leading blocks before the first heading, sections."""

    meta: Meta
    intro: tuple[Block, ...]
    sections: tuple[Section, ...]
    summary: Summary = Summary()

    def walk_sections(self) -> Iterator[Section]:
        """Every section, depth first, in reading order."""
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.sections))

    def blocks(self) -> Iterator[Block]:
        """Every block in reading order."""
        yield from self.intro
        for section in self.walk_sections():
            yield from section.blocks

    def prose(self) -> Iterator[tuple[str, Pos | None, str]]:
        """Paragraphs (quoted ones too) and list items, with where they are and what they are."""
        for block in self.blocks():
            if isinstance(block, Paragraph):
                yield block.text, block.pos, "paragraph"
            elif isinstance(block, Quote):
                for text in block.paragraphs:
                    yield text, block.pos, "quote"
            elif isinstance(block, BulletList):
                for number, item in enumerate(block.items, 1):
                    yield item, block.pos, f"list item {number}"

    def printed_texts(self) -> Iterator[tuple[str, Pos | None, str]]:
        """Every text the outputs print, with where it is and what it is."""
        meta = self.meta
        for name in ("title", "subtitle", "short_title", "author", "source"):
            value = getattr(meta, name)
            if value:
                yield value, meta.pos, f"meta '{name}'"
        for figure in self.summary.figures:
            for value in (figure.value, figure.label, figure.note):
                if value:
                    yield value, figure.pos, "figure"
        for section in self.walk_sections():
            yield section.title, section.pos, "section title"
        yield from self.prose()
        for block in self.blocks():
            if isinstance(block, Quote):
                for value in (block.label, block.attribution):
                    if value:
                        yield value, block.pos, "quote"
            elif isinstance(block, BulletList) and block.label:
                yield block.label, block.pos, "list label"
            elif isinstance(block, Table):
                for value in (block.caption, block.headline, *block.header, *(c for row in block.rows for c in row)):
                    if value:
                        yield value, block.pos, f"table '{block.id}'"

    def tables(self) -> Iterator[Table]:
        """Every table in reading order."""
        return (b for b in self.blocks() if isinstance(b, Table))

    def caption_of(self, table: Table) -> str:
        """What a table is called under it: its caption, else the title of its section."""
        section, _ = self.context_of(table)
        return table.caption or (section.title if section else table.title)

    def context_of(self, block: Block) -> tuple[Section | None, tuple[Block, ...]]:
        """The section holding ``block`` (None for the intro) and that section's blocks."""
        if any(b is block for b in self.intro):
            return None, self.intro
        for section in self.walk_sections():
            if any(b is block for b in section.blocks):
                return section, section.blocks
        raise ValueError("block is not part of this document")
