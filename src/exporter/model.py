"""The document model: the contract between the source readers and every renderer.

In: nothing — these are plain frozen dataclasses built by ``exporter.readers`` (YAML or Markdown)
and checked by ``exporter.validate``.
Out: a ``Document`` (metadata, a tree of sections and blocks, and a summary that
points at blocks of the body) that the PDF and slides renderers consume.

Running text (paragraphs, quote paragraphs, list items, table cells) is a ``Text``: a ``str``
holding the plain text, so measuring and linting see the characters, that also carries its
``Span``s — bold, italic, inline code and links — for the renderers to style.

The model knows nothing of YAML, HTML, PDF or PowerPoint and does no I/O. Every
node may carry the ``Pos`` it came from so that checks can point at it, and so may any text
the source wrote (``Text.pos``: a title, a cell, an id); positions never take part in equality.

A reader leaves the summary's pointers as it found them — ids, in ``Summary.references`` — and
``exporter.validate`` resolves them into the summary's fields: the documents renderers get
(from ``exporter.readers.read_source``) are always resolved.
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
class Span:
    """A run of text in one style; ``href`` makes it a link."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


class Text(str):
    """Plain text (the ``str`` itself) with its styled ``spans``, which join to exactly that text,
    and the ``pos`` where the source wrote it, if known.

    A ``Text`` made from a plain string has one unstyled span. Two texts are equal when their
    characters and their spans are; ``pos`` takes no part in equality.
    """

    __slots__ = ("pos", "spans")
    spans: tuple[Span, ...]
    pos: Pos | None

    def __new__(cls, value: str = "", spans: tuple[Span, ...] | None = None, pos: Pos | None = None) -> Text:
        text = super().__new__(cls, value)
        text.spans = spans if spans is not None else ((Span(value),) if value else ())
        text.pos = pos
        assert "".join(s.text for s in text.spans) == value, "spans must join to the text"
        return text

    @classmethod
    def of(cls, spans: tuple[Span, ...], pos: Pos | None = None) -> Text:
        """The text the ``spans`` make, neighbours in the same style merged."""
        merged: list[Span] = []
        for span in spans:
            if not span.text:
                continue
            if merged and _same_style(merged[-1], span):
                merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic, span.code, span.href)
            else:
                merged.append(span)
        return cls("".join(s.text for s in merged), tuple(merged), pos)

    def at(self, pos: Pos | None) -> Text:
        """This text, written at ``pos``."""
        return Text(str(self), self.spans, pos)

    @property
    def styled(self) -> bool:
        """Whether any span has a style or a link."""
        return any(s.bold or s.italic or s.code or s.href for s in self.spans)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Text):
            return str.__eq__(self, other) and self.spans == other.spans
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = str.__hash__

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Text, (str(self), self.spans, self.pos))


def _same_style(a: Span, b: Span) -> bool:
    return (a.bold, a.italic, a.code, a.href) == (b.bold, b.italic, b.code, b.href)


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
    """A bulleted or numbered list, optionally introduced by a label ("この戦略のポイント:").

    ``children`` is empty or holds, for each item, the list nested under it (or None);
    a numbered (``ordered``) list counts from ``start``.
    """

    kind: ClassVar[str] = "list"

    items: tuple[str, ...]
    label: str | None = None
    id: str | None = None
    ordered: bool = False
    start: int = 1
    children: tuple[BulletList | None, ...] = ()
    pos: Pos | None = field(default=None, compare=False, repr=False)

    def nested(self) -> Iterator[tuple[int, BulletList, int]]:
        """(depth, list, index) of every item, nested items right after their parent; depth 0 is this list."""
        stack: list[tuple[int, BulletList, int]] = [(0, self, 0)]
        while stack:
            depth, current, index = stack.pop()
            if index >= len(current.items):
                continue
            yield depth, current, index
            stack.append((depth, current, index + 1))
            child = current.children[index] if current.children else None
            if child is not None:
                stack.append((depth + 1, child, 0))

    def marker(self, index: int, bullet: str) -> str:
        """The item's marker as the notes print it: "3. " in a numbered list, else ``bullet``."""
        return f"{self.start + index}. " if self.ordered else bullet


@dataclass(frozen=True)
class CodeBlock:
    """Preformatted text (a program, a command), set in a monospaced face, lines as written."""

    kind: ClassVar[str] = "code"

    text: str
    lang: str | None = None
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Image:
    """A picture with its required alternative text.

    ``path`` is a PNG, JPEG or SVG file inside the source's folder (absolute, as the reader
    resolved it), with its size in pixels when known; a remote image (``url``) is never
    fetched: the renderers show ``alt`` in a frame instead.
    """

    kind: ClassVar[str] = "image"

    alt: str
    path: str | None = None
    url: str | None = None
    caption: str | None = None
    size: tuple[int, int] | None = None
    id: str | None = None
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Notes:
    """Speaker notes: text for the deck's notes pages, not printed in the brief."""

    kind: ClassVar[str] = "notes"

    text: str
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Table:
    """A table with one header row; every row has as many cells as the header.

    ``key`` tables go into the deck, each titled with its ``headline`` — the
    article's own sentence stating the table's message. ``header_pos`` and ``rows_pos`` are
    where the header and the rows begin (the table's limits are counted there).
    """

    kind: ClassVar[str] = "table"

    id: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None
    headline: str | None = None
    key: bool = False
    pos: Pos | None = field(default=None, compare=False, repr=False)
    header_pos: Pos | None = field(default=None, compare=False, repr=False)
    rows_pos: Pos | None = field(default=None, compare=False, repr=False)

    @property
    def title(self) -> str:
        """What to call the table where one name is needed: caption, else headline, else id."""
        return self.caption or self.headline or self.id

    def caption_under(self, section: Section | None) -> str:
        """What the table is called under it in ``section`` (None: the intro): its caption, else
        the section's title."""
        return self.caption or (section.title if section else self.title)


Block = Paragraph | Quote | BulletList | Table | CodeBlock | Image | Notes


@dataclass(frozen=True)
class Section:
    """A heading (level 2 for sections, 3 and 4 for subsections) with its blocks and subsections.

    ``id`` is the one the source gave (a ``Text`` carrying its position), or one a reader made up
    for a section without one (``section-3``, a plain ``str``), which nothing can point at.
    """

    kind: ClassVar[str] = "section"

    id: str
    title: str
    level: int
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    pos: Pos | None = field(default=None, compare=False, repr=False)

    @property
    def named(self) -> bool:
        """Whether the source gave the section its id (so the summary may point at it)."""
        return getattr(self.id, "pos", None) is not None

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
class Reference:
    """An id the source's summary gives under ``key`` (``takeaways``, ``outlook``,
    ``implications``, ``before`` or ``after``), as written and where: a pointer not yet followed."""

    key: str
    id: str
    pos: Pos | None = None

    @property
    def kind(self) -> type[Table | BulletList | Section]:
        """What the id must name for ``key``: a table, a list or a section."""
        return REFERRED[self.key]


REFERRED: dict[str, type[Table | BulletList | Section]] = {
    "takeaways": Table,
    "outlook": BulletList,
    "implications": Section,
    "before": BulletList,
    "after": BulletList,
}
"""What each of the summary's pointers points at."""


@dataclass(frozen=True)
class Summary:
    """What an executive reads first; every field points into the body.

    ``takeaways`` is the article's key-takeaways table, ``outlook`` its list of
    what to watch, ``implications`` the sections that state its implications,
    ``before`` / ``after`` two lists to compare side by side.

    A reader fills in ``figures`` and ``references`` only: the ids the source gives for the other
    fields. ``exporter.validate`` follows them into those fields and leaves ``references`` empty.
    """

    figures: tuple[Figure, ...] = ()
    takeaways: Table | None = None
    outlook: BulletList | None = None
    implications: tuple[Section, ...] = ()
    before: BulletList | None = None
    after: BulletList | None = None
    references: tuple[Reference, ...] = field(default=(), compare=False, repr=False)


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
    lang_found: str | None = field(default=None, compare=False, repr=False)
    """Why ``lang`` is what it is when the source did not say (``exporter.text.language``)."""

    @property
    def midnight(self) -> dt.datetime:
        """The date at 00:00 UTC: the outputs' date unless the build is given another."""
        return dt.datetime(self.date.year, self.date.month, self.date.day, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Notice:
    """What a reader kept but could not represent as written (raw HTML, a remote image): a warning."""

    message: str
    pos: Pos | None = None


@dataclass(frozen=True)
class Document:
    """A whole article: metadata, leading blocks before the first heading, sections; and the
    reader's ``notices``, which take no part in equality."""

    meta: Meta
    intro: tuple[Block, ...]
    sections: tuple[Section, ...]
    summary: Summary = Summary()
    notices: tuple[Notice, ...] = field(default=(), compare=False, repr=False)

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
        """Paragraphs (quoted ones too) and list items (nested ones after their parent, numbered in
        their own list), with where they are and what they are."""
        for block in self.blocks():
            if isinstance(block, Paragraph):
                yield block.text, block.pos, "paragraph"
            elif isinstance(block, Quote):
                for text in block.paragraphs:
                    yield text, block.pos, "quote"
            elif isinstance(block, BulletList):
                for depth, current, index in block.nested():
                    what = f"list item {index + 1}" if depth == 0 else f"nested list item {index + 1}"
                    yield current.items[index], current.pos or block.pos, what

    def printed_texts(self, headlines: bool = True) -> Iterator[tuple[str, Pos | None, str]]:
        """Every text the outputs print, with where it is and what it is; without ``headlines``,
        those of the key tables (only the deck prints them, as slide titles)."""
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
                headline = block.headline if headlines else None
                for value in (block.caption, headline, *block.header, *(c for row in block.rows for c in row)):
                    if value:
                        yield value, block.pos, f"table '{block.id}'"

    def tables(self) -> Iterator[Table]:
        """Every table in reading order."""
        return (b for b in self.blocks() if isinstance(b, Table))

    def images(self) -> Iterator[Image]:
        """Every image in reading order."""
        return (b for b in self.blocks() if isinstance(b, Image))

    def context_of(self, block: Block) -> tuple[Section | None, tuple[Block, ...]]:
        """The section holding ``block`` (None for the intro) and that section's blocks."""
        if any(b is block for b in self.intro):
            return None, self.intro
        for section in self.walk_sections():
            if any(b is block for b in section.blocks):
                return section, section.blocks
        raise ValueError("block is not part of this document")
