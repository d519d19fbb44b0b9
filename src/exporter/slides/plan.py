"""Plan the deck: which slides, in which order, from which nodes — as plain data, before any file exists.

In: a ``Document`` and a ``Theme``.
Out: a ``Plan`` — the ``Deck`` (``exporter.slides.shapes``: slides of text boxes, tables, pictures
and decorative bars, every position and size in EMU and every font size chosen from the measured
text) and the ``FitProblem``s met on the way, each at its source node. The order: the cover, the
summary (or, without one, the overview and the agenda), the opening quotes, then each top-level
section's slides, after its divider in a long deck with an agenda (the implications where the
first implication section starts; each key table, with the first quote of its section beside it
when both fit; the before/after comparison; each image; a section's quotes, the first beside its
points; the section's own points when none of these shows it), then the closing slide. No two
slides share a title (``exporter.slides.titles``); every section's text is in some slide's
notes, and every slide but the cover has the footer. The layouts are in ``exporter.slides.layouts``. A slide that cannot
be fitted is left out and its problem recorded, so that ``exporter check`` reports every one;
``Plan.deck_to_write`` refuses such a deck with the first.

Pure: no python-pptx, no I/O. ``Deck.to_json()`` serialises the plan for tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from exporter.charts.plan import chart_of
from exporter.model import (
    Block,
    BulletList,
    CodeBlock,
    Definitions,
    Dispatch,
    Document,
    Image,
    Math,
    Notes,
    Paragraph,
    Pos,
    Quote,
    Section,
    Table,
)
from exporter.slides.context import Context
from exporter.slides.fit import FitProblem, Unfit
from exporter.slides.frame import footer
from exporter.slides.grid import DEFAULT_GRID, Grid
from exporter.slides.layouts.agenda import agenda, has_agenda
from exporter.slides.layouts.charts import chart_slides
from exporter.slides.layouts.cover import closing, cover
from exporter.slides.layouts.findings import (
    diagram_slide,
    image_slide,
    points_with_quote,
    table_slides,
    table_with_quote,
)
from exporter.slides.layouts.quotes import opening, quote_slide, quote_stack
from exporter.slides.layouts.sections import divider, overview, section_slide, tree
from exporter.slides.layouts.summary import compare, implications, summary
from exporter.slides.notes import untold
from exporter.slides.shapes import Box, Deck, Properties, Slide
from exporter.slides.titles import distinct
from exporter.theme import Theme


@dataclass(frozen=True)
class Plan:
    """The deck as planned, and what did not fit in it (refusals and warnings, in slide order)."""

    deck: Deck
    """Every slide that could be planned: the whole deck when no problem refuses it."""
    problems: tuple[FitProblem, ...]

    def deck_to_write(self) -> Deck:
        """The deck; a ``RenderError`` at the first problem that refuses it, if any does."""
        refusal = next((p for p in self.problems if p.refused), None)
        if refusal is not None:
            raise refusal.error()
        return self.deck


def plan_deck(
    document: Document,
    theme: Theme,
    revision: str | None = None,
    date: dt.datetime | None = None,
    grid: Grid = DEFAULT_GRID,
) -> Plan:
    """The slide plan of ``document`` in ``theme`` on ``grid`` (a template's, see
    ``exporter.slides.template``); ``revision`` is stamped in the footer and properties, ``date``
    (default: the source's) in the properties. Pure: no files, no environment."""
    ctx = Context.of(document, theme, revision, date, grid)
    deck = _deck(ctx)
    return Plan(deck, tuple(ctx.problems))


DIVIDE_AFTER = 8
"""Content slides beyond which a deck with an agenda opens each top-level section with a divider."""

MOST_DIVIDERS = 8
"""Top-level sections beyond which no section gets a divider: with more, dividers would be as
many as the slides they divide, and the agenda already lists the sections."""


def _deck(ctx: Context) -> Deck:
    """The deck of ``ctx``'s document, slide by slide in the order they are shown."""
    doc = ctx.doc
    meta, wanted = doc.meta, doc.summary
    first_quote = next((b for b in doc.intro if isinstance(b, Quote)), None)
    summary_at = wanted.takeaways or next(iter(wanted.figures), None) or meta
    slides = _at(ctx, meta.pos, lambda: cover(ctx))
    slides += _at(ctx, summary_at.pos, lambda: summary(ctx))
    slides += _at(ctx, meta.pos, lambda: overview(ctx))
    slides += _at(ctx, meta.pos, lambda: agenda(ctx))
    slides += _at(ctx, (first_quote or meta).pos, lambda: opening(ctx))
    quotes = _quotes_by_section(ctx)
    slides += _blocks(ctx, None, quotes)
    owners: list[Section | None] = [None] * len(slides)
    anchors: list[tuple[Section, int]] = []  # each section, with the last slide before its end
    parts = [_part(ctx, top, quotes) for top in doc.sections]
    dividers = has_agenda(ctx) and len(parts) <= MOST_DIVIDERS and sum(len(made) for _, made, _ in parts) > DIVIDE_AFTER
    for number, (top, made, inner) in enumerate(parts, 1):
        if dividers:
            slides += _at(ctx, top.pos, lambda: divider(ctx, top, number))  # noqa: B023 (called at once)
            owners.append(top)
        anchors += [(section, len(slides) + index) for section, index in inner]
        slides += [made_slide for _, made_slide in made]
        owners += [owner for owner, _ in made]
    slides += _at(ctx, (wanted.outlook or meta).pos, lambda: closing(ctx))
    owners += [None] * (len(slides) - len(owners))
    slides = distinct(ctx, untold(ctx, slides, anchors), owners)
    slides = [
        s if s.kind == "cover" else dataclasses.replace(s, footer=_footer(ctx, n)) for n, s in enumerate(slides, 1)
    ]
    fonts = ctx.theme.fonts
    return Deck(
        ctx.grid.slide_w,
        ctx.grid.slide_h,
        ctx.lang,
        fonts.slides_latin,
        fonts.slides_east_asian,
        _properties(ctx),
        tuple(slides),
    )


def _part(
    ctx: Context, top: Section, quotes: dict[int, list[Quote]]
) -> tuple[Section, list[tuple[Section, Slide]], list[tuple[Section, int]]]:
    """The slides of a top-level section and its subsections, each with its section, and each
    section with the index of its last slide (-1 before the first); when none of them shows on a
    slide (a diagram's source aside), the section's own points slide first."""
    made: list[tuple[Section, Slide]] = []
    inner: list[tuple[Section, int]] = []
    for section in tree(top):
        if ctx.doc.summary.implications and section is ctx.doc.summary.implications[0]:
            made += [(section, s) for s in _at(ctx, section.pos, lambda: implications(ctx))]
        made += [(section, s) for s in _blocks(ctx, section, quotes)]
        if id(section) in quotes:  # no key table slide to stand beside
            made += [(section, s) for s in _findings(ctx, section, quotes.pop(id(section)))]
        inner.append((section, len(made) - 1))
    if all(s.kind == "diagram" for _, s in made) and not _in_summary(ctx, top):  # a diagram's source is no point
        made = [(top, s) for s in _at(ctx, top.pos, lambda: section_slide(ctx, top))] + made
        inner = [(section, len(made) - 1) for section, _ in inner]
    return top, made, inner


def _in_summary(ctx: Context, top: Section) -> bool:
    """Whether a block of ``top`` (or a subsection) is on the summary's slides: the takeaways, the
    outlook (the closing slide), the before/after lists or an implication section."""
    wanted = ctx.doc.summary
    shown = [wanted.takeaways, wanted.outlook, wanted.before, wanted.after]
    sections = list(tree(top))
    blocks = [b for s in sections for b in s.blocks]
    return any(any(b is s for s in shown if s is not None) for b in blocks) or any(
        any(s is i for i in wanted.implications) for s in sections
    )


def _blocks(ctx: Context, section: Section | None, quotes: dict[int, list[Quote]]) -> list[Slide]:
    """The slides of the blocks of ``section`` (of the intro, for None): its charts, its key tables,
    each with the first quote of the section beside it when both fit, the before/after comparison, images."""
    slides: list[Slide] = []
    for block in section.blocks if section else ctx.doc.intro:
        slides += SHOWN(block, ctx, section, quotes)
    return slides


SHOWN: Dispatch[list[Slide]] = Dispatch("slides")
"""The slides a block of a section has of its own (most have none: their text is in the notes and
the section's points); quotes are planned per section (``_quotes_by_section``)."""


@SHOWN.register(Table)
def _table(table: Table, ctx: Context, section: Section | None, quotes: dict[int, list[Quote]]) -> list[Slide]:
    if table is ctx.doc.summary.takeaways:
        return []
    chart = chart_of(table)
    if chart is not None:
        return _at(ctx, table.pos, lambda: chart_slides(ctx, table, chart))
    if not table.key:
        return []
    return _key_table(ctx, table, quotes.pop(id(section), []) if section else [])  # beside one only


@SHOWN.register(BulletList)
def _list(block: BulletList, ctx: Context, section: Section | None, quotes: dict[int, list[Quote]]) -> list[Slide]:
    return _at(ctx, block.pos, lambda: compare(ctx)) if block is ctx.doc.summary.before else []


@SHOWN.register(Image)
def _image(block: Image, ctx: Context, section: Section | None, quotes: dict[int, list[Quote]]) -> list[Slide]:
    return _at(ctx, block.pos, lambda: image_slide(ctx, block))


@SHOWN.register(CodeBlock)
def _code(block: CodeBlock, ctx: Context, section: Section | None, quotes: dict[int, list[Quote]]) -> list[Slide]:
    return _at(ctx, block.pos, lambda: diagram_slide(ctx, block)) if block.diagram else []


@SHOWN.register(Paragraph, Quote, Notes, Math, Definitions)
def _none(block: Block, ctx: Context, section: Section | None, quotes: dict[int, list[Quote]]) -> list[Slide]:
    return []


def _key_table(ctx: Context, table: Table, quotes: Sequence[Quote]) -> list[Slide]:
    """A key table's slides, with the first of ``quotes`` beside it when both fit; then each other quote."""
    paired = _at(ctx, table.pos, lambda: table_with_quote(ctx, table, quotes[0])) if quotes else []
    slides = paired or _at(ctx, table.pos, lambda: table_slides(ctx, table))
    return slides + _quote_slides(ctx, quotes[1:] if paired else quotes, table.headline or table.title)


def _findings(ctx: Context, section: Section, quotes: Sequence[Quote]) -> list[Slide]:
    """The quotes of a section with no key table: the first beside the section's points when both fit."""
    paired = _at(ctx, section.pos, lambda: points_with_quote(ctx, section, quotes[0]))
    return paired + _quote_slides(ctx, quotes[1:] if paired else quotes, section.title)


def _quote_slides(ctx: Context, quotes: Sequence[Quote], title: str) -> list[Slide]:
    """``quotes`` on one slide when they fit there together, else each on its own."""
    if not quotes:
        return []
    if len(quotes) > 1 and quote_stack(ctx, quotes) is not None:
        return _at(ctx, quotes[0].pos, lambda: quote_slide(ctx, quotes, title))
    slides: list[Slide] = []
    for quote in quotes:
        slides += _at(ctx, quote.pos, lambda: quote_slide(ctx, [quote], title))  # noqa: B023 (called at once)
    return slides


def _quotes_by_section(ctx: Context) -> dict[int, list[Quote]]:
    """The quotes inside sections, by ``id`` of their section (those before the first open the deck)."""
    found: dict[int, list[Quote]] = {}
    for block in ctx.doc.blocks():
        if isinstance(block, Quote) and (section := ctx.section_of(block)) is not None:
            found.setdefault(id(section), []).append(block)
    return found


def _at(ctx: Context, pos: Pos | None, make: Callable[[], Slide | list[Slide] | None]) -> list[Slide]:
    """The slides ``make()`` plans for the node at ``pos``: none if it refuses, and its problem
    recorded. Problems recorded or raised without a position of their own get ``pos``."""
    start = len(ctx.problems)
    try:
        made = make()
    except Unfit as exc:
        ctx.problems.append(exc.problem)
        made = None
    new = [p.at(pos) for p in ctx.problems[start:]]
    del ctx.problems[start:]
    for problem in new:
        ctx.record(problem)
    return [] if made is None else [made] if isinstance(made, Slide) else made


def _footer(ctx: Context, number: int) -> tuple[Box, ...]:
    try:
        return footer(ctx, number)
    except Unfit as exc:
        ctx.record(exc.problem)
        return ()


def _properties(ctx: Context) -> Properties:
    meta = ctx.doc.meta
    return Properties(
        title=meta.title,
        subject=meta.subtitle or "",
        author=meta.author or ctx.theme.organisation or "",
        keywords="; ".join(meta.keywords),
        language=ctx.lang,
        date=ctx.date.replace(tzinfo=None).isoformat(),
        identifier=f"exporter:{ctx.revision}" if ctx.revision else "",
    )
