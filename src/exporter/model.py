"""The document model: the contract between the source readers and every renderer.

In: nothing — these are plain frozen dataclasses built by ``exporter.readers`` (YAML or Markdown)
and checked by ``exporter.validate``.
Out: a ``Document`` (metadata, a tree of sections and blocks, and a summary that
points at blocks of the body) that the PDF and slides renderers consume.

Running text (paragraphs, quote paragraphs, list items, table cells) is a ``Text``: a ``str``
holding the plain text, so measuring and linting see the characters, that also carries its
``Span``s — bold, italic, inline code, links, raised and lowered text, footnote calls (with their
note) and formulas (with their TeX) — for the renderers to style.

Each consumer of blocks (the model's texts here, the model check, the deck's notes and slides)
has one function per block type in a ``Dispatch``; ``BLOCK_TYPES`` lists the kinds.

The model knows nothing of YAML, HTML, PDF or PowerPoint and does no I/O. Every
node may carry the ``Pos`` it came from so that checks can point at it, and so may any text
the source wrote (``Text.pos``: a title, a cell, an id); positions never take part in equality.

A reader leaves the summary's pointers as it found them — ids, in ``Summary.references`` — and
``exporter.validate`` resolves them into the summary's fields: the documents renderers get
(from ``exporter.readers.read_source``) are always resolved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar


@dataclass(frozen=True)
class Pos:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass(frozen=True)
class Span:
    """A run of text in one style; ``href`` makes it a link, ``script`` ("sup" or "sub") raises or
    lowers it. A footnote's mark ("1", superscript) carries the footnote's ``note``; a formula's
    readable text (``z = Softmax(QK^T/√h)V``) carries its TeX source in ``math``, for a renderer
    that typesets it."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None
    script: str | None = None
    """"sup" or "sub"; a footnote's call is "sup" with a ``note`` (empty when it calls again)."""
    note: Text | None = None
    math: str | None = None


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
                merged[-1] = Span(
                    merged[-1].text + span.text, span.bold, span.italic, span.code, span.href, span.script
                )
            else:
                merged.append(span)
        return cls("".join(s.text for s in merged), tuple(merged), pos)

    def at(self, pos: Pos | None) -> Text:
        """This text, written at ``pos``."""
        return Text(str(self), self.spans, pos)

    @property
    def styled(self) -> bool:
        """Whether any span has a style, a link, a footnote or a formula."""
        return any(s.bold or s.italic or s.code or s.href or s.script or s.note or s.math for s in self.spans)

    @property
    def notes(self) -> tuple[tuple[str, Text], ...]:
        """The footnotes this text calls first: (mark, note), in order (a later call of the same
        footnote has an empty note)."""
        return tuple((s.text, s.note) for s in self.spans if s.note)

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
    if a.note is not None or b.note is not None or a.math is not None or b.math is not None:
        return False
    return (a.bold, a.italic, a.code, a.href, a.script) == (b.bold, b.italic, b.code, b.href, b.script)


def around_formulas(text: str) -> list[str]:
    """The parts of ``text`` around its formulas (all of it when it has none), with their spans:
    what the brief sets as running text, a formula being typeset from its TeX."""
    spans = getattr(text, "spans", ())
    if not any(s.math for s in spans):
        return [text]
    parts: list[list[Span]] = [[]]
    for span in spans:
        if span.math:
            parts.append([])
        else:
            parts[-1].append(span)
    found = (Text.of(tuple(part), getattr(text, "pos", None)) for part in parts)
    return [part for part in found if part.strip()]


def footnotes(text: str) -> tuple[tuple[str, Text], ...]:
    """The footnotes (mark, note) a text calls; none for a plain ``str``."""
    return text.notes if isinstance(text, Text) else ()


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
    a numbered (``ordered``) list counts from ``start``. ``checked`` is empty, or, in a task list,
    holds for each item whether it is done (None: an item that is not a task); a task item's text
    begins with its box, ``TASK_BOXES``.
    """

    kind: ClassVar[str] = "list"

    items: tuple[str, ...]
    label: str | None = None
    id: str | None = None
    ordered: bool = False
    start: int = 1
    children: tuple[BulletList | None, ...] = ()
    checked: tuple[bool | None, ...] = ()
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


TASK_BOXES = {False: "□ ", True: "▣ "}
"""What begins a task item's text, open and done (both in the bundled face)."""

DIAGRAMS = {"mermaid": "Mermaid", "plantuml": "PlantUML", "puml": "PlantUML", "dot": "Graphviz", "graphviz": "Graphviz"}
"""Code block languages that are diagram sources, and the name of their tool."""


@dataclass(frozen=True)
class CodeBlock:
    """Preformatted text (a program, a command), set in a monospaced face, lines as written."""

    kind: ClassVar[str] = "code"

    text: str
    lang: str | None = None
    pos: Pos | None = field(default=None, compare=False, repr=False)

    @property
    def diagram(self) -> str | None:
        """The tool whose diagram source this is ("Mermaid"), shown as a titled figure; else None."""
        return DIAGRAMS.get((self.lang or "").lower())


@dataclass(frozen=True)
class Math:
    """A displayed formula: its TeX source (``tex``) and its readable text (``text``, no TeX)."""

    kind: ClassVar[str] = "math"

    tex: str
    text: str
    pos: Pos | None = field(default=None, compare=False, repr=False)

    def as_point(self) -> Text:
        """The formula as a slide's point: its readable text, carrying its TeX."""
        return Text.of((Span(self.text, math=self.tex),), self.pos)


@dataclass(frozen=True)
class Definitions:
    """A definition list: each term with its definitions."""

    kind: ClassVar[str] = "definitions"

    terms: tuple[str, ...]
    definitions: tuple[tuple[str, ...], ...]
    pos: Pos | None = field(default=None, compare=False, repr=False)

    def as_list(self) -> BulletList:
        """The definitions as a list for a slide's points: "term: definition", the term in bold."""
        items = []
        for term, details in zip(self.terms, self.definitions, strict=True):
            spans = [Span(str(term), bold=True)]
            for number, detail in enumerate(details):
                spans += [Span(": " if not number else " / "), *getattr(detail, "spans", (Span(str(detail)),))]
            items.append(Text.of(tuple(spans)))
        return BulletList(tuple(items), pos=self.pos)


@dataclass(frozen=True)
class Image:
    """A picture with its alternative text.

    ``path`` is a PNG, JPEG or SVG file inside the project (absolute, as the reader resolved it),
    with its size in pixels as shown when known, and ``data``, PNG (or JPEG) bytes to embed instead of
    the file when the reader converted it (a GIF, WebP, BMP or TIFF) or downscaled it. An image that
    cannot be shown (remote, missing, outside the project, unreadable, too costly) has no ``path``:
    the renderers frame ``alt`` and ``url``, what the source named, instead. An HTML ``<img>`` may
    give its ``width`` (pixels, or a percentage of the text's width: "50%") and ``align`` ("center"…).
    """

    kind: ClassVar[str] = "image"

    alt: str
    path: str | None = None
    url: str | None = None
    caption: str | None = None
    size: tuple[int, int] | None = None
    id: str | None = None
    width: str | None = None
    align: str | None = None
    pos: Pos | None = field(default=None, compare=False, repr=False)
    data: bytes | None = field(default=None, repr=False)

    @property
    def remote(self) -> bool:
        """Whether the source named an image on the web (``https://…``, ``//…``), which is never fetched."""
        return self.path is None and self.url is not None and is_url(self.url)

    @property
    def label(self) -> str | None:
        """What the image's caption says: its caption, else its alt text when that describes it
        (not "image", "screenshot", a file name, a badge…); else None: a number alone."""
        if self.caption:
            return self.caption
        if self.url and _BADGE.search(self.url):
            return None
        alt = self.alt.strip()
        bare = alt.lower().rstrip(".")
        if len(alt) < 3 or bare in _UNDESCRIPTIVE or _FILE_NAME.fullmatch(alt) or "://" in alt:
            return None
        return alt


_UNDESCRIPTIVE = frozenset(
    ("image", "img", "picture", "pic", "photo", "screenshot", "screen shot", "imgur", "logo", "badge", "icon",
     "diagram", "figure", "chart", "graph", "gif", "banner", "demo", "preview", "untitled", "alt", "build status",
     "license", "pypi", "downloads", "version", "coverage")
)  # fmt: skip
"""Alt texts that name no content: never a caption."""

_MADE_UP_ID = re.compile(r"table-\d+")
"""The id the Markdown reader gives a table the author did not name (``readers.markdown``)."""

_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
"""A URL's scheme (``https:``, ``data:``), which a path inside the project never has."""


def is_url(written: str) -> bool:
    """Whether ``written``, where a source names a file, is a URL (``https://…``, ``data:…``, ``//…``)."""
    return _SCHEME.match(written) is not None or written.startswith("//")


_BADGE = re.compile(r"shields\.io|badge|travis-ci|codecov\.io|badgen\.net", re.I)
"""The address of a badge (build status, version…): its alt text is never a caption."""

_FILE_NAME = re.compile(r"[\w.-]+\.(png|jpe?g|gif|svg|webp|bmp)|[A-Za-z0-9]+(_[A-Za-z0-9]+)+|[\w-]*\d{3,}[\w-]*", re.I)
"""A file name, an identifier (``arch_v2``, ``img-001``): an alt text made by a tool, not a person."""


@dataclass(frozen=True)
class Notes:
    """Speaker notes: text for the deck's notes pages, not printed in the brief."""

    kind: ClassVar[str] = "notes"

    text: str
    pos: Pos | None = field(default=None, compare=False, repr=False)


CHART_KINDS = ("auto", "bar", "column", "line", "pie", "stacked")
"""The charts a table may ask for; ``auto`` lets ``exporter.charts`` choose from the table's shape."""


@dataclass(frozen=True)
class ChartMark:
    """A table's request to be drawn as a chart: its ``kind`` (one of ``CHART_KINDS``), the header
    texts of the columns to plot (``series``; empty: every column of numbers) and the ``unit`` of
    the values, if the source names one; at ``pos``, where the source asked."""

    kind: str = "auto"
    series: tuple[str, ...] = ()
    unit: str | None = None
    pos: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Table:
    """A table with one header row; every row has as many cells as the header.

    ``key`` tables go into the deck, each titled with its ``headline`` — the
    article's own sentence stating the table's message. ``header_pos`` and ``rows_pos`` are
    where the header and the rows begin (the table's limits are counted there). A table with a
    ``chart`` is also drawn as one, in both files (``exporter.charts``).
    """

    kind: ClassVar[str] = "table"

    id: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None
    headline: str | None = None
    key: bool = False
    chart: ChartMark | None = None
    pos: Pos | None = field(default=None, compare=False, repr=False)
    header_pos: Pos | None = field(default=None, compare=False, repr=False)
    rows_pos: Pos | None = field(default=None, compare=False, repr=False)
    padded: tuple[tuple[int, int], ...] = field(default=(), compare=False, repr=False)
    """(row number, cells the author wrote) of each row the reader padded with empty cells (with a warning)."""

    @property
    def named(self) -> str:
        """The table as a message names it: ``table 'regions'`` by the author's id, else ``this table``
        (an id the reader made up, ``table-2``, names nothing the author wrote; the message's position
        says which table)."""
        return "this table" if _MADE_UP_ID.fullmatch(self.id) else f"table '{self.id}'"

    @property
    def title(self) -> str:
        """What to call the table where one name is needed: caption, else headline, else id."""
        return self.caption or self.headline or self.id

    def caption_under(self, section: Section | None) -> str:
        """What the table is called under it in ``section`` (None: the intro): its caption, else
        the section's title, else its headline; never its id (then "": its number alone)."""
        return self.caption or (section.title if section else self.headline or "")


Block = Paragraph | Quote | BulletList | Table | CodeBlock | Image | Notes | Math | Definitions

BLOCK_TYPES: tuple[type, ...] = (Paragraph, Quote, BulletList, Table, CodeBlock, Image, Notes, Math, Definitions)
"""Every kind of block, in the order the docs list them: each ``Dispatch`` has a function for each."""

R = TypeVar("R")


class Dispatch(Generic[R]):
    """One function per block type, for one consumer of blocks (the model check, the notes…).

    In: functions registered with ``@name.register(Paragraph)`` (or several types at once).
    Out: calling the dispatch on a block calls its type's function with the same arguments. A new
    block kind is one type in ``BLOCK_TYPES`` and one function in each dispatch (``ALL`` lists
    them; a test holds every one to every type).
    """

    ALL: ClassVar[list[Dispatch[Any]]] = []

    def __init__(self, name: str):
        self.name = name
        self.functions: dict[type, Callable[..., R]] = {}
        Dispatch.ALL.append(self)

    def register(self, *types: type) -> Callable[[Callable[..., R]], Callable[..., R]]:
        """Registers the decorated function for ``types``."""

        def add(function: Callable[..., R]) -> Callable[..., R]:
            for kind in types:
                self.functions[kind] = function
            return function

        return add

    def __call__(self, block: object, *args: Any, **kwargs: Any) -> R:
        return self.functions[type(block)](block, *args, **kwargs)

    def missing(self) -> list[type]:
        """The block types without a function here."""
        return [kind for kind in BLOCK_TYPES if kind not in self.functions]


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
    severity: str = "warning"
    """"warning", or "note" for what was decided rather than read (the file's date standing in for
    one the source does not give), which ``check`` prints on stderr and never counts as a problem."""


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
            yield from PROSE(block)

    def printed_texts(self, headlines: bool = True) -> Iterator[tuple[str, Pos | None, str]]:
        """Every text the outputs print, with where it is and what it is; without ``headlines``,
        those of the key tables (only the deck prints them, as slide titles). A text with a formula
        is given as its parts around the formula (the brief typesets the formula from its TeX)."""
        for text, pos, what in self._printed(headlines):
            for part in around_formulas(text):
                yield part, pos, what

    def formulas(self) -> Iterator[tuple[str, Pos | None, str]]:
        """The readable text of every formula, displayed or in running text, with where it is."""
        for block in self.blocks():
            if isinstance(block, Math):
                yield block.text, block.pos, "formula"
        for text, pos, _ in self._printed(headlines=True):
            for span in getattr(text, "spans", ()):
                if span.math:
                    yield span.text, pos, "formula"

    def _printed(self, headlines: bool) -> Iterator[tuple[str, Pos | None, str]]:
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
        for text, pos, what in self.prose():
            yield text, pos, what
            for _, note in footnotes(text):
                yield note, note.pos or pos, "footnote"
        for block in self.blocks():
            yield from LABELS(block, headlines)

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


PROSE: Dispatch[Iterator[tuple[str, Pos | None, str]]] = Dispatch("prose")
"""A block's running text (``Document.prose``): paragraphs, quote paragraphs and list items."""

LABELS: Dispatch[Iterator[tuple[str, Pos | None, str]]] = Dispatch("labels")
"""A block's printed texts that are not prose (``Document.printed_texts``): labels, attributions,
a table's caption and cells (its headline with ``headlines``)."""


@PROSE.register(Paragraph)
def _paragraph_prose(block: Paragraph) -> Iterator[tuple[str, Pos | None, str]]:
    yield block.text, block.pos, "paragraph"


@PROSE.register(Quote)
def _quote_prose(block: Quote) -> Iterator[tuple[str, Pos | None, str]]:
    for text in block.paragraphs:
        yield text, block.pos, "quote"


@PROSE.register(BulletList)
def _list_prose(block: BulletList) -> Iterator[tuple[str, Pos | None, str]]:
    for depth, current, index in block.nested():
        what = f"list item {index + 1}" if depth == 0 else f"nested list item {index + 1}"
        yield current.items[index], current.pos or block.pos, what


@PROSE.register(Definitions)
def _definitions_prose(block: Definitions) -> Iterator[tuple[str, Pos | None, str]]:
    for number, (term, details) in enumerate(zip(block.terms, block.definitions, strict=True), 1):
        yield term, block.pos, f"term {number}"
        for detail in details:
            yield detail, block.pos, f"definition of term {number}"


@PROSE.register(Table, CodeBlock, Image, Notes, Math)
@LABELS.register(Paragraph, CodeBlock, Image, Notes, Math, Definitions)
def _nothing(block: Block, *args: object) -> Iterator[tuple[str, Pos | None, str]]:
    return iter(())


@LABELS.register(Quote)
def _quote_labels(block: Quote, headlines: bool) -> Iterator[tuple[str, Pos | None, str]]:
    for value in (block.label, block.attribution):
        if value:
            yield value, block.pos, "quote"


@LABELS.register(BulletList)
def _list_labels(block: BulletList, headlines: bool) -> Iterator[tuple[str, Pos | None, str]]:
    if block.label:
        yield block.label, block.pos, "list label"


@LABELS.register(Table)
def _table_labels(block: Table, headlines: bool) -> Iterator[tuple[str, Pos | None, str]]:
    headline = block.headline if headlines else None
    for value in (block.caption, headline, *block.header, *(c for row in block.rows for c in row)):
        if value:
            yield value, block.pos, block.named
