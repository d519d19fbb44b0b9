"""Check a source without writing anything: schema errors and what would hurt the deliverables.

In: the path of an article source and a ``Theme``.
Out: a sorted list of ``Problem``s — the source's schema errors (severity "error", from
``exporter.readers``), or, for a valid source, warnings (severity "warning") about empty
table cells, key tables without a headline, deck tables too wide for a slide even at
the smallest table size, quotes too long for a slide of their own (or, before the first
section, to share the opening slide), a summary slide that cannot hold its takeaways and
figures, anything else that would stop the deck (planned here, with the deck's reason),
characters the bundled faces cannot show, very long titles and text written twice. Each
points at ``path:line:col`` from the model's ``pos`` fields.

Nothing here imports WeasyPrint or python-pptx: a check takes a fraction of a second.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from exporter.errors import Problem, RenderError, SourceError
from exporter.model import BulletList, Document, Pos, Quote, Table
from exporter.readers import read_source as load
from exporter.slides.context import Context
from exporter.slides.grid import CELL_INSET_X, CONTENT_W, to_points
from exporter.slides.layouts import quotes as quote_layouts
from exporter.slides.layouts import summary as summary_layouts
from exporter.slides.plan import deck
from exporter.text.fonts import WEIGHTS, font_file
from exporter.text.metrics import widest_piece
from exporter.text.phrases import SHORT_TITLE_LENGTH
from exporter.theme import Theme

MAX_TITLE_LENGTH = 60
"""Longest ``meta.title`` (characters) that sets well on the cover and the title slide."""

MAX_SHORT_TITLE_LENGTH = SHORT_TITLE_LENGTH
"""Longest ``meta.short_title`` (characters), which runs in every page header."""

MAX_SECTION_TITLE_LENGTH = 80
"""Longest section title (characters) that still reads as a heading and a slide title."""

DECK_REFUSED = "the deck cannot be written"
"""Every warning about something that would stop ``exporter slides`` says so in these words."""

DUPLICATE_MIN_LENGTH = 12
"""Paragraphs and list items at least this long are reported when written twice anywhere;
shorter ones only when repeated inside one list."""

_IGNORED = {0xFE0E, 0xFE0F}
"""Variation selectors the PDF drops or never needs a glyph for."""


def check(source: str | Path, theme: Theme) -> list[Problem]:
    """Every problem of the source at ``source``: its errors if invalid, else its warnings; sorted."""
    try:
        document = load(source)
    except SourceError as exc:
        return exc.problems
    linter = _Linter(str(source), theme)
    linter.run(document)
    return sorted(linter.problems, key=lambda p: (p.path, p.line, p.column, p.message))


class _Linter:
    """Collects warnings about a valid document."""

    def __init__(self, path: str, theme: Theme):
        self.path = path
        self.theme = theme
        self.problems: list[Problem] = []

    def warn(self, pos: Pos | None, message: str) -> None:
        line, column = (pos.line, pos.column) if pos else (1, 1)
        self.problems.append(Problem(self.path, line, column, message, "warning"))

    def run(self, document: Document) -> None:
        for notice in document.notices:
            self.warn(notice.pos, notice.message)
        self.titles(document)
        deck_tables = {id(t) for t in document.tables() if t.key}
        if document.summary.takeaways is not None:
            deck_tables.add(id(document.summary.takeaways))
        for table in document.tables():
            self.table(table, id(table) in deck_tables)
        self.deck(document)
        self.duplicates(document)
        self.glyphs(document)

    def titles(self, document: Document) -> None:
        meta = document.meta
        if len(meta.title) > MAX_TITLE_LENGTH:
            self.warn(
                meta.pos,
                f"meta 'title' has {len(meta.title)} characters; more than {MAX_TITLE_LENGTH} crowds the cover "
                "and the title slide",
            )
        if meta.short_title != meta.title and len(meta.short_title) > MAX_SHORT_TITLE_LENGTH:
            self.warn(
                meta.pos,
                f"meta 'short_title' has {len(meta.short_title)} characters; more than {MAX_SHORT_TITLE_LENGTH} "
                "crowds the page headers",
            )
        for section in document.walk_sections():
            if len(section.title) > MAX_SECTION_TITLE_LENGTH:
                self.warn(
                    section.pos,
                    f"section title has {len(section.title)} characters; more than {MAX_SECTION_TITLE_LENGTH} "
                    "is hard to read as a heading or a slide title",
                )

    def table(self, table: Table, in_deck: bool) -> None:
        for number, row in enumerate(table.rows, 1):
            empty = [str(j) for j, cell in enumerate(row, 1) if not cell.strip()]
            if empty:
                which = f"column {empty[0]}" if len(empty) == 1 else "columns " + ", ".join(empty)
                self.warn(table.pos, f"table '{table.id}' row {number}: empty cell in {which}")
        if table.key and not table.headline:
            self.warn(
                table.pos,
                f"key table '{table.id}' has no 'headline'; its slide is titled with "
                f"'{table.title}' instead of the table's message",
            )
        if in_deck:
            size = self.theme.slides.table_size[0]
            needed = _least_table_width(table, size)
            room = to_points(CONTENT_W)
            if needed > room:
                self.warn(
                    table.pos,
                    f"table '{table.id}' needs {needed:.0f} pt even at {size:g} pt, wider than a slide's "
                    f"{room:.0f} pt; {DECK_REFUSED} (shorten the longest words or use fewer columns)",
                )

    def deck(self, document: Document) -> None:
        """What would stop the deck. It is planned here; if that fails, the quotes and the summary
        slide are checked one by one to point at every cause in the source, and a cause none of
        the warnings names (a title too long for two lines, a card that cannot hold its text…)
        is reported with the deck's own reason, at the node the deck was planning."""
        ctx = Context.of(document, self.theme)
        try:
            deck(ctx)
        except RenderError as exc:
            self.quotes(document, ctx)
            self.summary_slide(document, ctx)
            if not any(DECK_REFUSED in p.message for p in self.problems):
                self.warn(exc.pos, f"{str(exc).removeprefix('slides: ')}; {DECK_REFUSED}")  # type: ignore[arg-type]

    def quotes(self, document: Document, ctx: Context) -> None:
        """Quotes that even a slide of their own cannot hold: one inside a section, or those
        before the first section, which share the opening slide."""
        size = self.theme.slides.body_size[0]
        quotes = [b for b in document.blocks() if isinstance(b, Quote) and document.context_of(b)[0] is not None]
        for quote in quotes:
            if quote_layouts.quote_alone(ctx, quote) is None:
                self.warn(
                    quote.pos,
                    f"quote '{_short(quote.paragraphs[0])}' does not fit a slide even at {size:g} pt; "
                    f"{DECK_REFUSED} (shorten it or split it into two quotes)",
                )
        opening = [b for b in document.intro if isinstance(b, Quote)]
        try:
            quote_layouts.opening(ctx)
        except RenderError:
            self.warn(
                opening[0].pos,
                f"the opening quotes (before the first section) do not fit one slide even at {size:g} pt; "
                f"{DECK_REFUSED} (shorten them)",
            )

    def summary_slide(self, document: Document, ctx: Context) -> None:
        """The takeaways table and the figures share one slide, which cannot continue on another."""
        summary = document.summary
        try:
            summary_layouts.summary(ctx)
        except RenderError as exc:
            where = summary.takeaways.pos if summary.takeaways else summary.figures[0].pos
            cause = str(exc).removeprefix("slides: ")
            self.warn(where, f"the summary slide cannot hold its content ({cause}); {DECK_REFUSED}")

    def duplicates(self, document: Document) -> None:
        seen: dict[str, Pos | None] = {}
        for text, pos, what in document.prose():
            key = " ".join(text.split())
            if len(key) < DUPLICATE_MIN_LENGTH:
                continue
            if key in seen:
                first = seen[key]
                where = f" on line {first.line}" if first else ""
                self.warn(pos, f"{what} repeats text already written{where}: '{_short(key)}'")
            else:
                seen[key] = pos
        for block in document.blocks():
            if isinstance(block, BulletList):
                counts: dict[str, int] = {}
                for number, item in enumerate(block.items, 1):
                    key = " ".join(item.split())
                    if len(key) < DUPLICATE_MIN_LENGTH and key in counts:
                        self.warn(block.pos, f"list item {number} repeats item {counts[key]}: '{key}'")
                    counts.setdefault(key, number)

    def glyphs(self, document: Document) -> None:
        covered = covered_codepoints()
        reported: set[str] = set()
        for text, pos, what in document.printed_texts():
            for char in text:
                if char in reported or ord(char) in covered or not _needs_glyph(char):
                    continue
                reported.add(char)
                name = unicodedata.name(char, "unnamed")
                self.warn(
                    pos,
                    f"{what}: character U+{ord(char):04X} '{char}' ({name}) is in none of the bundled fonts; "
                    "it would print as a box",
                )


def _least_table_width(table: Table, size: float) -> float:
    """Points a table needs on a slide at ``size``: each column's widest unbreakable piece plus insets."""
    inset = to_points(2 * CELL_INSET_X)
    widths = [widest_piece(cell, size, "bold") + inset for cell in table.header]
    for row in table.rows:
        widths = [max(w, widest_piece(cell, size) + inset) for w, cell in zip(widths, row, strict=True)]
    return sum(widths)


def _needs_glyph(char: str) -> bool:
    """Whether ``char`` is drawn: not white space, a control, a format character or a variation selector."""
    return not (char.isspace() or ord(char) in _IGNORED or unicodedata.category(char) in ("Cc", "Cf"))


@cache
def covered_codepoints() -> frozenset[int]:
    """Code points every bundled face maps to a glyph (read with HarfBuzz, once per process)."""
    import uharfbuzz as hb

    faces = [set(hb.Face(hb.Blob.from_file_path(str(font_file(weight)))).unicodes) for weight in WEIGHTS]
    return frozenset(set.intersection(*faces))


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
