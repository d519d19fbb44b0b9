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
from collections import Counter
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
    small,
    table_slides,
    table_with_points,
    table_with_quote,
)
from exporter.slides.layouts.quotes import opening, quote_slide, quote_stack
from exporter.slides.layouts.sections import Group, divider, groups, overview, section_slides, sparse
from exporter.slides.layouts.summary import compare, implications, summary
from exporter.slides.notes import untold
from exporter.slides.outline import heading, table_lead, table_title, tree, worded
from exporter.slides.shapes import Bar, Box, Deck, Properties, Slide, TableShape
from exporter.slides.titles import distinct, title_text
from exporter.text.compare import squeeze
from exporter.text.phrases import clipped
from exporter.text.sentences import sentences
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
"""Content slides beyond which a deck with an agenda opens each top-level section with a divider
(when its sections have three slides each on average: a divider before one or two is padding)."""

MOST_SLIDES = 250
"""Slides of sections a deck holds at most: the sections past them are told in the notes of the last
(a warning says where the deck stops), so that no document within the limits makes a deck
that takes minutes and gigabytes to write."""

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
    slides += _at(ctx, meta.pos, lambda: overview(ctx))  # the cover's notes tell the intro in any case
    at, mark = len(slides), len(ctx.problems)  # the agenda's place: planned once the sections are
    slides += _at(ctx, (first_quote or meta).pos, lambda: opening(ctx))
    quotes = _quotes_by_section(ctx)
    slides += [made for _, made in _blocks(ctx, None, quotes)]
    parts = _parts(ctx, quotes)
    listed = _listed(ctx, parts)
    after = len(ctx.problems)
    slides[at:at] = _at(ctx, meta.pos, lambda: agenda(ctx, listed))
    ctx.problems[mark:] = [*ctx.problems[after:], *ctx.problems[mark:after]]  # in the order of the slides
    owners: list[Section | None] = [None] * len(slides)
    anchors: list[tuple[Section, int]] = []  # each section, with the last slide before its end
    numbers = {id(top): number for number, top in enumerate(listed, 1)}
    content = sum(len(part.made) for part in parts)
    dividers = (
        has_agenda(ctx, listed) and len(numbers) <= MOST_DIVIDERS and content > max(DIVIDE_AFTER, 3 * len(numbers) - 1)
    )
    for part in parts:
        top, number = part.top, numbers.get(id(part.top))
        if dividers and part.made and number:
            slides += _at(ctx, top.pos, lambda: divider(ctx, top, number))  # noqa: B023 (called at once)
            owners.append(top)
        anchors += [(section, len(slides) + index) for section, index in part.inner]
        slides += [made_slide for _, made_slide in part.made]
        owners += [owner for owner, _ in part.made]
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


def _parts(ctx: Context, quotes: dict[int, list[Quote]]) -> list[_Part]:
    """The slides of each top-level section, up to ``MOST_SLIDES`` (those past it told in the notes
    of the last, with a warning); short sections' points carried to the next section that holds
    something, those at the end shown with the last section's points."""
    parts: list[_Part] = []
    carried: list[Group] = []  # the points of short sections before, shown with the next section's
    planned, cut = 0, None
    for top in ctx.doc.sections:
        if planned >= MOST_SLIDES:  # past the most a deck holds: told in the notes, not planned
            part, cut = _Part(top, [], [(section, -1) for section in tree(top)], []), cut or top
        else:
            part, carried = _part(ctx, top, quotes, carried)
        planned += len(part.made)
        parts.append(part)
    if cut is not None:
        ctx.record(FitProblem(
            f"the deck stops after {planned} slides of sections, at the section '{clipped(heading(ctx, cut))}': it "
            "and those after it are told in the notes of the last slide", pos=cut.pos, refused=False,
            advice="split the article"))  # fmt: skip
    if carried:  # short sections at the end: with the points of the last section that shows some
        at = next((i for i in range(len(parts) - 1, -1, -1) if parts[i].shown), None)
        if at is None and not any(part.made for part in parts):  # the only points: a slide of their own
            owner = carried[0].owner
            at = next(i for i, part in enumerate(parts) if any(s is owner for s in tree(part.top)))
        grown = _with_points(ctx, parts[at], [*parts[at].shown, *carried]) if at is not None else None
        if grown is not None and (grown.points == parts[at].points or not any(p.made for p in parts)):  # type: ignore[index]
            parts[at] = grown  # type: ignore[index]  # else (a slide of their own) the notes tell them
    parts = [_under_points(ctx, part) if part.points and part.lone else part for part in parts]
    return [_lead_rests(ctx, part) if part.lone else part for part in parts]


def _listed(ctx: Context, parts: Sequence[_Part]) -> list[Section]:
    """The top-level sections the agenda lists: those with slides of their own besides points (a
    table, an image, a quote…), and those whose heading titles a slide of points (its first group's
    section's) or labels points on one; not one whose points all went to the notes, nor one whose
    points stand on another section's slide under a lead-in of their own."""
    tops = {id(section): part.top for part in parts for section in tree(part.top)}
    found = {id(part.top) for part in parts if len(part.made) > part.points}
    for part in parts:
        for index, group in enumerate(part.shown):
            top = tops[id(group.owner)]
            if index == 0 or group.label in (heading(ctx, group.owner), heading(ctx, top)):
                found.add(id(top))
    return [part.top for part in parts if id(part.top) in found]


@dataclass(frozen=True)
class _Part:
    """The slides of a top-level section: each with its section, the points slides first."""

    top: Section
    made: list[tuple[Section, Slide]]
    inner: list[tuple[Section, int]]
    """Each section of the part, with the index of its last slide in ``made`` (-1 before the first)."""
    shown: list[Group]
    """The groups of points on the points slides."""
    points: int = 0
    """How many of ``made`` are points slides (they come first)."""
    lone: tuple[tuple[Table, Slide], ...] = ()
    """The small tables each alone on a slide of ``made`` (``findings.small``), with that slide."""


def _part(
    ctx: Context, top: Section, quotes: dict[int, list[Quote]], carried: list[Group]
) -> tuple[_Part, list[Group]]:
    """The slides of a top-level section and its subsections; when none of a key table, a quote,
    the summary's slides or the implications shows the section, its own points first, after the
    points ``carried`` from short sections before it. Points that would fill less than a quarter
    of a slide make no slide of their own: beside another slide of the section they are left to the
    notes; else they are carried on (returned) to the next section that holds something, or, at the
    end, to the last section that shows points."""
    sections = list(tree(top))
    if not any(section.blocks for section in sections):  # headings alone: nothing to show or carry
        return _Part(top, [], [(section, -1) for section in sections], []), carried
    made: list[tuple[Section, Slide]] = []
    inner: list[tuple[Section, int]] = []
    lone: list[tuple[Table, Slide]] = []  # small tables each alone on its slide
    told = False  # whether a slide made from the author's marks tells the section
    for section in sections:
        if ctx.doc.summary.implications and section is ctx.doc.summary.implications[0]:
            made += [(section, s) for s in _at(ctx, section.pos, lambda: implications(ctx))]
            told = True
        pairs = _blocks(ctx, section, quotes)
        told = told or _marked(ctx, section) or any(s.kind not in ("table", "image", "diagram") for _, s in pairs)
        slides_of = Counter(id(b) for b, _ in pairs)
        lone += [(b, s) for b, s in pairs if isinstance(b, Table) and small(b) and slides_of[id(b)] == 1 and _alone(s)]
        made += [(section, s) for _, s in pairs]
        if id(section) in quotes:  # no key table slide to stand beside
            made += [(section, s) for s in _findings(ctx, section, quotes.pop(id(section)))]
            told = True
        inner.append((section, len(made) - 1))
    own = groups(ctx, top) if not told and not _in_summary(ctx, top) else []
    part = _Part(top, made, inner, [], lone=tuple(lone))
    if (carried or own) and sparse(ctx, [*carried, *own]):
        if made:  # beside the section's other slides: above a small table of theirs, else in the notes
            return _over_table(ctx, part, lone, own), []
        if own:  # carried on under this section's heading, unless its first group has a lead-in
            own = [dataclasses.replace(own[0], label=own[0].label or heading(ctx, top)), *own[1:]]
        return part, [*carried, *(dataclasses.replace(g, carried=True) for g in own)]
    if carried and own and own[0].label is None:  # after the points of others: under its heading
        own = [dataclasses.replace(own[0], label=heading(ctx, top)), *own[1:]]
    return (_with_points(ctx, part, [*carried, *own]) if carried or own else part), []


def _lead_rests(ctx: Context, part: _Part) -> _Part:
    """``part`` with each small table still alone on its slide under the rest of the lead-in that
    titles it (``_lead_rest``), when they fit together: the author's next sentence, often what the
    table means, is not left to the notes."""
    made = list(part.made)
    places = {id(s): i for i, (_, s) in enumerate(made)}
    for table, alone in part.lone:
        at = places.get(id(alone))
        rest = _lead_rest(ctx, table) if at is not None else []
        if at is None or not rest:
            continue
        shared = _tried(ctx, lambda: table_with_points(ctx, table, title_text(alone), rest, alone.notes))  # noqa: B023
        if shared is not None:
            made[at] = (made[at][0], shared)
    return dataclasses.replace(part, made=made)


def _lead_rest(ctx: Context, table: Table) -> list[Group]:
    """The sentences after the first of the paragraph whose first sentence titles ``table``'s slide
    (``outline.table_lead``), as one group; none if there are none."""
    section, blocks = ctx.context_of(table)
    index = next(i for i, block in enumerate(blocks) if block is table)
    before = blocks[index - 1] if index else None
    if section is None or table.headline or table.caption or not isinstance(before, Paragraph):
        return []
    if table_lead(ctx, table) is None:
        return []
    rest = tuple(s for s in sentences(before.text)[1:] if worded(s))
    return [Group(None, BulletList(rest), section)] if rest else []


def _alone(made: Slide) -> bool:
    """Whether ``made`` shows a table alone with its caption (no quote beside it)."""
    shapes = [shape for shape in made.shapes if not isinstance(shape, Bar)]
    return made.kind == "table" and len(shapes) == 2 and isinstance(shapes[0], TableShape)


def _over_table(ctx: Context, part: _Part, lone: Sequence[tuple[Table, Slide]], groups: Sequence[Group]) -> _Part:
    """``part`` (which has no slide of points) with ``groups``, its section's points that would fill
    too little of a slide of their own, above the first small table of ``lone`` whose section they
    come from, on that table's slide, when they fit together (else the notes tell them)."""
    for table, alone in lone:
        section = ctx.section_of(table)
        own = [g for g in groups if g.owner is section or section is part.top]
        if not own:
            continue
        shared = _tried(ctx, lambda: table_with_points(ctx, table, title_text(alone), own, alone.notes))  # noqa: B023
        if shared is not None:
            return dataclasses.replace(part, made=[(owner, shared if s is alone else s) for owner, s in part.made])
    return part


def _under_points(ctx: Context, part: _Part) -> _Part:
    """``part`` with each of its small tables (``part.lone``) under the slide of points that shows
    its section's (the first such; the part's only one for a table of the top section), when they
    fit together: that slide takes the table, titled as it was, and the table's own slide goes. A
    table with a headline or a lead-in of its own goes only onto the part's only slide of points,
    which it then titles; beside others, its claim keeps its own slide."""
    pages = _pages_of(part)
    made, inner, taken = list(part.made), list(part.inner), set()
    for table, alone in part.lone:
        section = ctx.section_of(table)
        at = next((j for j, page in enumerate(pages) if any(g.owner is section for g in page)), None)
        if at is None and part.points == 1 and section is part.top:
            at = 0
        headline = table.headline or (None if table.caption else table_lead(ctx, table))
        if at is None or at in taken or (headline and part.points > 1):  # its claim keeps its own slide
            continue
        points = made[at][1]
        shown = [dataclasses.replace(g, label=None) if g.label == title_text(points) else g for g in pages[at]]
        title = headline or title_text(points)
        told = "\n\n".join(t for t in (points.notes, alone.notes) if t)
        shared = _tried(ctx, lambda: table_with_points(ctx, table, title, shown, told))  # noqa: B023
        if shared is None:
            continue
        gone = next(i for i, (_, s) in enumerate(made) if s is alone)
        made[at] = (made[at][0], shared)
        del made[gone]
        inner = [(s, index - (index >= gone)) for s, index in inner]
        taken.add(at)
    return dataclasses.replace(part, made=made, inner=inner)


def _tried(ctx: Context, make: Callable[[], Slide | None]) -> Slide | None:
    """The slide ``make()`` plans; None, and nothing recorded, when it does not fit: a slide tried
    in place of others that fit never refuses the deck."""
    start = len(ctx.problems)
    try:
        return make()
    except Unfit:
        del ctx.problems[start:]
        return None


def _pages_of(part: _Part) -> list[list[Group]]:
    """The groups of ``part.shown`` on each of its slides of points, found by their first point,
    each with the points that slide shows of it."""
    texts = [
        squeeze("".join(p.text for shape in made.shapes if isinstance(shape, Box) for p in shape.paras))
        for _, made in part.made[: part.points]
    ]
    pages: list[list[Group]] = [[] for _ in texts]
    at = 0
    for group in part.shown:
        first = squeeze(str(group.points.items[0])) if group.points.items else ""
        while at < len(texts) and first not in texts[at]:
            at += 1
        if at == len(texts):
            break
        items = group.points.items
        shown = next((n for n, item in enumerate(items) if squeeze(str(item)) not in texts[at]), len(items))
        pages[at].append(group if shown == len(items) else group.first(shown))
    return pages


def _with_points(ctx: Context, part: _Part, shown: list[Group]) -> _Part:
    """``part`` with its points slides (planned anew) showing ``shown``."""
    points = [(part.top, s) for s in _at(ctx, part.top.pos, lambda: section_slides(ctx, part.top, shown))]
    made = points + part.made[part.points :]
    inner = [(section, index + len(points) - part.points) for section, index in part.inner]
    return _Part(part.top, made, inner, shown, len(points), part.lone)


def _marked(ctx: Context, section: Section) -> bool:
    """Whether ``section`` holds a table its author marked key (its slide tells the section)."""
    return any(isinstance(b, Table) and b.key and b is not ctx.doc.summary.takeaways for b in section.blocks)


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


def _blocks(ctx: Context, section: Section | None, quotes: dict[int, list[Quote]]) -> list[tuple[Block, Slide]]:
    """The slides of the blocks of ``section`` (of the intro, for None): its charts, the tables the
    deck shows (``exporter.slides.chosen``), each with the first quote of the section beside it when
    both fit, the before/after comparison, images, diagrams."""
    slides: list[tuple[Block, Slide]] = []
    for block in section.blocks if section else ctx.doc.intro:
        slides += [(block, made) for made in SHOWN(block, ctx, section, quotes)]
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
    if id(table) not in ctx.shown_tables:
        return []
    start = len(ctx.problems)
    made = _key_table(ctx, table, quotes.pop(id(section), []) if section else [])  # beside one only
    if not table.key:  # the deck chose it: what does not fit leaves it to the notes, never refuses the deck
        chosen = [dataclasses.replace(p, refused=False, advice="it stays in the notes and the brief")
                  for p in ctx.problems[start:]]  # fmt: skip
        ctx.problems[start:] = chosen
        made = made if not any(p.refused for p in chosen) else []
    return made


@SHOWN.register(BulletList)
def _list(block: BulletList, ctx: Context, section: Section | None, quotes: dict[int, list[Quote]]) -> list[Slide]:
    return _at(ctx, block.pos, lambda: compare(ctx)) if block is ctx.doc.summary.before else []


@SHOWN.register(Image)
def _image(block: Image, ctx: Context, section: Section | None, quotes: dict[int, list[Quote]]) -> list[Slide]:
    if block.remote:  # never fetched: a slide would frame an address (a README's badges); the notes name it
        return []
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
    return slides + _quote_slides(ctx, quotes[1:] if paired else quotes, table_title(ctx, table))


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
