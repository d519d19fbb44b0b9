"""The model check: limits, characters and cross-references, checked once, for every reader.

In: a ``Document`` as a reader built it, and the path it was read from. Its texts carry where
the source wrote them (``Text.pos``; a text without one is where the node holding it is), and its
summary still names blocks by id (``Summary.references``).
Out: the document with those references followed into the summary's fields and the characters
XML cannot hold left out (a notice for each text that had any), and every problem found, each a
``Problem`` at ``path:line:col`` — a text over ``MAX_TEXT_LENGTH``, a language that is not a BCP 47
tag (``LANG_TAG``), a document over ``MAX_TOTAL_TEXT``, ``MAX_IMAGES`` or ``MAX_SECTIONS``, a table over its limits,
an id used twice, a reference to an id that nothing has or that names the wrong kind of block.

``exporter.readers.read_source`` calls ``checked`` once, on the model either reader built, so the
YAML and the Markdown form of an article get the same rules and the same messages. A reader
checks only what its own syntax says (keys, types, cells per row); it records a reference as a
``model.Reference`` (the id written, the summary key it is for, which says the kind expected, and
its position) instead of looking it up.

Ids are claimed in reading order: every table's, and the id of any quote, list or image that has
one and of any section the source named (``Section.named``; an id a reader made up for a section
without one is not claimed and cannot be pointed at). A second claim of an id is a problem; the
last block claiming an id is the one a reference finds. One walk of the model does everything;
characters are found with one compiled regular expression. Imports only the standard library,
the model and ``exporter.errors``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import TypeVar

from exporter.errors import Problem
from exporter.model import (
    Block,
    BulletList,
    CodeBlock,
    Definitions,
    Dispatch,
    Document,
    Image,
    Math,
    Meta,
    Notes,
    Notice,
    Paragraph,
    Pos,
    Quote,
    Reference,
    Section,
    Summary,
    Table,
    Text,
    footnotes,
)

_T = TypeVar("_T")

MAX_TEXT_LENGTH = 20_000
"""Longest text in any one field, in characters (about ten pages of the brief)."""

MAX_TOTAL_TEXT = 1_000_000
"""Most text in one document, in characters (a report of some 500 pages: the PDF takes about 2 minutes
within 900 MB, the deck a few seconds)."""

MAX_TABLE_ROWS = 2_000
"""Most rows in one table (about 70 pages of the brief, 150 slides)."""

MAX_TABLE_COLUMNS = 100
"""Most columns in one table (a table too wide for a page or a slide is split into parts, each
repeating its first column)."""

MAX_TABLE_CELLS = 20_000
"""Most cells in one table, header included."""

MAX_IMAGES = 500
"""Most images in one document: each is a figure in the brief and a slide in the deck (500 images
of 1,000 × 800 pixels build in about a minute within 1 GB; see docs/source-format.md)."""

MAX_SECTIONS = 5_000
"""Most headings (sections) in one document: each is a bookmark, a tagged heading and room on a
page of the brief — 5,000 short ones lay out some 330 pages in about 15 s within 0.5 GB, where
20,000 took 1.5 GB (see docs/source-format.md)."""

MAX_HEADER_CELL_LENGTH = 100
"""Longest header cell, in characters: the header row repeats on every page and slide, so it
must fit a page (WeasyPrint drops a header taller than the page, and its text with it)."""

XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters refused in text: C0 and C1 controls (except tab, line feed, carriage return),
surrogates, and U+FFFE/U+FFFF — what XML (so the PDF's tags and the deck) cannot hold. YAML
refuses them written directly, but not as escapes (``"\\x01"``, ``"\\ud800"``); Markdown takes
them as they are."""

MAX_LANG_LENGTH = 35
"""Longest language tag (``meta.lang``, a quote's ``lang``): BCP 47's longest of the form below."""

LANG_TAG = re.compile(
    r"[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|[0-9]{3}))?(-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
)
"""A BCP 47 language tag as documents write them: a language of 2–3 letters (``ja``, ``en``), then
optionally a script of 4 letters (``Hant``), a region of 2 letters or 3 digits (``TW``, ``419``) and
variants (``1996``), joined by hyphens; the tag picks the locale and goes into the files' ``lang``."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Characters written as ``\\xNN`` when a message quotes a value."""

_START = Pos(1, 1)
"""Where a problem is reported when neither the text nor its node has a position."""


def checked(document: Document, path: str) -> tuple[Document, list[Problem]]:
    """``document`` with the characters XML cannot hold left out (a notice for each text that had
    any) and its summary's references followed, and every problem of it."""
    check = _Check(path)
    check.document(document)
    if check.dropped:
        dropped = tuple(check.dropped)
        document = without_unsafe(document)
        document = dataclasses.replace(document, notices=(*document.notices, *dropped))
        check = _Check(path)  # the ids now name the cleaned blocks
        check.document(document)
    summary = check.resolve(document.summary)
    return dataclasses.replace(document, summary=summary), check.problems


def without_unsafe(value: _T) -> _T:
    """``value`` — a model object, a tuple of them or a text — with every ``XML_UNSAFE`` character left
    out; what holds none is returned as it is (the same object)."""
    if isinstance(value, str):
        if not XML_UNSAFE.search(value):
            return value
        if isinstance(value, Text):
            return Text.of(without_unsafe(value.spans), value.pos)  # type: ignore[return-value]
        return XML_UNSAFE.sub("", value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        cleaned = tuple(without_unsafe(v) for v in value)
        return cleaned if any(a is not b for a, b in zip(cleaned, value, strict=True)) else value  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type | Pos | Notice):
        changes = {}
        for item in dataclasses.fields(value):
            old = getattr(value, item.name)
            new = without_unsafe(old)
            if new is not old:
                changes[item.name] = new
        return dataclasses.replace(value, **changes) if changes else value  # type: ignore[type-var]
    return value


class _Check:
    """One walk of a document, in reading order, collecting problems and the blocks ids name."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.total = 0
        """Characters of text seen so far."""
        self.lines: dict[str, int] = {}
        """Each id claimed, with the line it was first claimed on."""
        self.objects: dict[str, Table | BulletList | Section | Quote | Image] = {}
        """Each id claimed, with the last block claiming it."""
        self.dropped: list[Notice] = []
        """A notice for each text holding characters XML cannot hold, which are left out."""
        self.images = 0
        """Images seen so far."""

    def problem(self, pos: Pos, message: str) -> None:
        self.problems.append(Problem(self.path, pos.line, pos.column, message))

    # -- texts -----------------------------------------------------------------

    def text(self, value: str, node: Pos | None) -> None:
        """Check one text, at its own position or else at its node's ``node``."""
        pos = getattr(value, "pos", None) or node or _START
        bad = XML_UNSAFE.search(value)
        if bad is not None:
            more = len(XML_UNSAFE.findall(value)) - 1
            self.dropped.append(
                Notice(
                    f"character U+{ord(bad.group()):04X} (character {bad.start() + 1} of this text) cannot be "
                    "written to a PDF or a deck; it is left out" + (f" (and {more} more in this text)" if more else ""),
                    pos,
                )
            )
        length = len(value)
        if length > MAX_TEXT_LENGTH:
            self.problem(
                pos,
                f"this text has {length:,} characters; the limit is {MAX_TEXT_LENGTH:,} per text "
                "(split it into paragraphs)",
            )
        for _, note in footnotes(value):
            self.text(note, pos)
        crossed = self.total <= MAX_TOTAL_TEXT < self.total + length
        self.total += length
        if crossed:
            self.problem(
                pos,
                f"the document has more than {MAX_TOTAL_TEXT:,} characters of text by here; "
                f"the limit is {MAX_TOTAL_TEXT:,} (split the article)",
            )

    def lang(self, value: str | None, node: Pos | None, what: str) -> None:
        """Check a language tag (``LANG_TAG``), at its own position or else at its node's."""
        if value is None or (len(value) <= MAX_LANG_LENGTH and LANG_TAG.fullmatch(value)):
            return
        shown = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value if len(value) <= 40 else value[:39] + "…")
        hint = value.replace("_", "-")
        hint = f"did you mean '{hint}'? " if hint != value and LANG_TAG.fullmatch(hint) else ""
        self.problem(
            getattr(value, "pos", None) or node or _START,
            f"{what}: '{shown}' is not a language tag; {hint}expected one such as ja, en, en-GB or zh-Hant-TW: "
            f"a language of 2 or 3 letters, then optionally a script, a region and variants, joined by hyphens, "
            f"at most {MAX_LANG_LENGTH} characters",
        )

    def texts(self, values: Iterable[str | None], node: Pos | None) -> None:
        for value in values:
            if value is not None:
                self.text(value, node)

    def claim(self, obj_id: str, obj: Table | BulletList | Section | Quote | Image, node: Pos | None) -> None:
        """Claim ``obj_id`` for ``obj``: a problem if a block before it has it."""
        pos = getattr(obj_id, "pos", None) or node or _START
        if obj_id in self.lines:
            self.problem(pos, f"id '{obj_id}' is already used on line {self.lines[obj_id]}; ids must be unique")
        else:
            self.lines[obj_id] = pos.line
        self.objects[obj_id] = obj
        self.text(obj_id, pos)

    # -- the document ----------------------------------------------------------

    def document(self, document: Document) -> None:
        self.meta(document.meta)
        for figure in document.summary.figures:
            self.texts((figure.value, figure.label, figure.note), figure.pos)
        for reference in document.summary.references:
            self.text(reference.id, reference.pos)
        self.blocks(document.intro)
        for count, section in enumerate(document.walk_sections(), 1):  # each, then its blocks, its subsections
            if count == MAX_SECTIONS + 1:
                self.too_many(section.pos, "headings", MAX_SECTIONS)
            if section.named:
                self.claim(section.id, section, section.pos)
            self.text(section.title, section.pos)
            self.blocks(section.blocks)

    def too_many(self, pos: Pos | None, what: str, limit: int) -> None:
        """The document's ``limit`` of ``what`` is passed at ``pos``."""
        self.problem(
            pos or _START,
            f"the document has more than {limit:,} {what} by here; the limit is {limit:,} (split the article)",
        )

    def meta(self, meta: Meta) -> None:
        self.texts((meta.title, meta.subtitle, meta.lang, meta.author, meta.source, *meta.keywords), meta.pos)
        self.lang(meta.lang, meta.pos, "meta 'lang'")
        if getattr(meta.short_title, "pos", None) is not None:  # else made from the title, of the title's characters
            self.text(meta.short_title, meta.pos)

    def blocks(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            CHECK(block, self)

    def table(self, table: Table) -> None:
        """The table's texts (a cell without a position of its own at its header's or rows'), then its size."""
        pos = table.pos or _START
        header_at, rows_at = table.header_pos or pos, table.rows_pos or pos
        self.claim(table.id, table, pos)
        self.texts((table.caption, table.headline), pos)
        for cell in table.header:
            self.text(cell, header_at)
        for row in table.rows:
            for cell in row:
                self.text(cell, rows_at)
        rows, columns = len(table.rows), len(table.header)
        if rows > MAX_TABLE_ROWS:
            self.problem(rows_at, f"table rows: {rows:,} rows; the limit is {MAX_TABLE_ROWS:,} (split the table)")
        elif columns > MAX_TABLE_COLUMNS:
            self.problem(header_at, f"table header: {columns} columns; the limit is {MAX_TABLE_COLUMNS}")
        elif (rows + 1) * columns > MAX_TABLE_CELLS:
            self.problem(
                rows_at, f"table: {(rows + 1) * columns:,} cells; the limit is {MAX_TABLE_CELLS:,} (split the table)"
            )
        if table.chart is not None:
            self.chart(table)
        for number, cell in enumerate(table.header, 1):
            if MAX_HEADER_CELL_LENGTH < len(cell) <= MAX_TEXT_LENGTH:  # a longer one is refused as a text
                self.problem(
                    getattr(cell, "pos", None) or header_at,
                    f"table header cell {number} has {len(cell):,} characters; the limit is "
                    f"{MAX_HEADER_CELL_LENGTH} (the header repeats on every page: put long text in a row)",
                )

    def chart(self, table: Table) -> None:
        """The chart's unit and series, each series the header text of one of the table's columns."""
        mark = table.chart
        assert mark is not None
        at = mark.pos or table.pos or _START
        self.texts((mark.unit, *mark.series), at)
        columns = [cell.strip() for cell in table.header]
        for name in mark.series:
            if name.strip() not in columns:
                known = ", ".join(f"'{c}'" for c in columns[1:])
                self.problem(at, f"{table.named}: chart series '{name}' is not a column; expected one of: {known}")

    # -- references ------------------------------------------------------------

    def resolve(self, summary: Summary) -> Summary:
        """``summary`` with the block each reference names in the reference's field."""
        chosen: dict[str, Table | BulletList] = {}
        implications: list[Section] = []
        for reference in summary.references:
            target = self.follow(reference)
            if isinstance(target, Section):
                implications.append(target)
            elif target is not None:
                chosen[reference.key] = target
        return dataclasses.replace(
            summary, **chosen, implications=(*summary.implications, *implications), references=()
        )

    def follow(self, reference: Reference) -> Table | BulletList | Section | None:
        """The block ``reference`` names; None, with a problem, if it names nothing or another kind."""
        kind = reference.kind
        target = self.objects.get(reference.id)
        if isinstance(target, kind):
            return target
        candidates = ", ".join(sorted(k for k, v in self.objects.items() if isinstance(v, kind))) or "(none)"
        pos = reference.pos or _START
        if target is None:
            self.problem(pos, f"no {kind.kind} has the id '{reference.id}'; expected one of: {candidates}")
        else:
            self.problem(pos, f"'{reference.id}' is a {target.kind}; expected a {kind.kind}, one of: {candidates}")
        return None


CHECK: Dispatch[None] = Dispatch("validate")
"""A block's texts and ids checked by a ``_Check`` (a table's size too)."""


@CHECK.register(Paragraph)
def _paragraph(block: Paragraph, check: _Check) -> None:
    check.text(block.text, block.pos)


@CHECK.register(Math)
def _math(block: Math, check: _Check) -> None:
    check.texts((block.tex, block.text), block.pos)


@CHECK.register(Definitions)
def _definitions(block: Definitions, check: _Check) -> None:
    for term, details in zip(block.terms, block.definitions, strict=True):
        check.texts((term, *details), block.pos)


@CHECK.register(Table)
def _table(block: Table, check: _Check) -> None:
    check.table(block)


@CHECK.register(BulletList)
def _list(block: BulletList, check: _Check) -> None:
    if block.id:
        check.claim(block.id, block, block.pos)
    if block.label is not None:
        check.text(block.label, block.pos)
    for _, current, index in block.nested():
        check.text(current.items[index], current.pos or block.pos)


@CHECK.register(Quote)
def _quote(block: Quote, check: _Check) -> None:
    if block.id:
        check.claim(block.id, block, block.pos)
    check.texts((*block.paragraphs, block.label, block.author, block.handle, block.date, block.lang), block.pos)
    check.lang(block.lang, block.pos, "quote 'lang'")


@CHECK.register(Image)
def _image(block: Image, check: _Check) -> None:
    check.images += 1
    if check.images == MAX_IMAGES + 1:
        check.too_many(block.pos, "images", MAX_IMAGES)
    if block.id:
        check.claim(block.id, block, block.pos)
    check.texts((block.alt, block.url, block.caption), block.pos)


@CHECK.register(CodeBlock)
def _code(block: CodeBlock, check: _Check) -> None:
    check.texts((block.text, block.lang), block.pos)


@CHECK.register(Notes)
def _notes(block: Notes, check: _Check) -> None:
    check.text(block.text, block.pos)
