"""A section's own slides where nothing else shows it: its points, its dividers, the overview.

In: a ``Context`` and a top-level ``Section`` (with its subsections), or the document's intro.
Out: ``Slide``s of the article's own words only — ``section_slides``: the section's points in
groups, each under its lead-in (a list's label, the bold line right before it, or the
subsection's title), a subsection without a list giving the first sentence of each paragraph;
at most ``MOST_POINTS`` points a slide, over at most ``SECTION_SLIDES`` slides, each group cut
to its first items when the section holds more (the rest is in the speaker notes, every word in
the brief); ``divider``: the section's number and title alone on the primary colour, before its
slides in a long deck; ``overview``: the first sentences of the paragraphs before the first
section, for a document without a summary. Points are set at the largest size that fits, never
below the theme's body size; a table of contents, a point that is only a number and a heading
with nothing under it never show.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from exporter.model import Block, BulletList, Definitions, Math, Paragraph, Section, Summary, Table
from exporter.slides.context import Context
from exporter.slides.fit import Unfit, bisected, box_fits, hung, largest, para_height
from exporter.slides.frame import slide
from exporter.slides.grid import BODY_PITCH, inches, to_points
from exporter.slides.notes import notes, section_notes
from exporter.slides.outline import contents, heading, table_lead, tree, worded
from exporter.slides.shapes import Bar, Box, Para, Slide
from exporter.slides.typeset import bullets, lines
from exporter.slides.typeset import heading as heading_para
from exporter.text.phrases import clipped
from exporter.text.sentences import sentences

MOST_POINTS = 6
"""Points (bullets, nested ones included) a slide shows at most: more is a wall an executive cannot read."""

SECTION_SLIDES = 2
"""Slides of points a top-level section takes at most while cutting its groups to fewer items
makes them fit; a section of more lead-ins than that holds shows each with its first point."""

MOST_GROUPS = 3
"""Groups (lead-ins with their points) a slide shows at most: each label is a line to read too."""

TAKES = (MOST_POINTS, 4, 3, 2, 1)
"""Items each group keeps, tried in turn until the section's points take ``SECTION_SLIDES`` slides."""

FEWEST_POINTS = 3
"""Points below which a section of paragraphs shows every sentence, not only the first of each."""

LEAD_IN_LENGTH = 120
"""Characters a bold line right before a list may have to be taken as the list's lead-in."""


@dataclass(frozen=True)
class Group:
    """Points under one lead-in: a list (or first sentences) and the section it is in."""

    label: str | None
    points: BulletList
    owner: Section
    carried: bool = False
    """Whether the group comes from a short section before the one whose slide shows it."""

    @property
    def count(self) -> int:
        return sum(1 for _ in self.points.nested())

    def first(self, count: int) -> Group:
        """This group with its first ``count`` points: nested points kept only while all fit."""
        points = self.points
        if self.count > count:
            points = dataclasses.replace(points, items=points.items[:count], children=())
        return dataclasses.replace(self, points=points)


def section_slides(ctx: Context, section: Section, groups: list[Group]) -> list[Slide]:
    """``groups``, the points of ``section`` and its subsections (after any carried from short
    sections before it), under its title; none if there are none."""
    if not groups:
        return []
    pages: list[list[Group]] = []
    for take in TAKES:
        cut = [g.first(take) for g in groups]
        if take > 1 and _least_pages(cut) > SECTION_SLIDES:  # too many by their count alone
            continue
        pages = _pages(ctx, cut)
        if len(pages) <= SECTION_SLIDES:
            break
    return [_slide(ctx, section, page, number) for number, page in enumerate(pages)]


def overview(ctx: Context) -> Slide | None:
    """The first sentences of the intro, for a document without a summary; None if it has none or
    they would fill less than a quarter of the slide. One paragraph gives its first sentences,
    several the first sentence of each."""
    leads = _lead_ins(ctx.doc.intro)
    paragraphs = [b for i, b in enumerate(ctx.doc.intro) if isinstance(b, Paragraph | Math) and i not in leads]
    if ctx.doc.summary != Summary() or not paragraphs:
        return None
    found = [_sentences(p) for p in paragraphs]
    items = tuple(s for s in (found[0] if len(found) == 1 else [f[0] for f in found if f]) if worded(s))
    if not items:
        return None
    group = Group(None, BulletList(items[:MOST_POINTS]), Section("", "", 1))
    while group.count > 1 and _box(ctx, [group], ctx.sizes.body_size[0]) is None:
        group = group.first(group.count - 1)
    if sparse(ctx, [group]):  # a line or two: the cover's notes tell it
        return None
    box = _points(ctx, [group])
    return slide(ctx, "overview", ctx.theme.slide_labels.overview or "", [box], notes(ctx, ctx.doc.intro))


def divider(ctx: Context, section: Section, number: int) -> Slide:
    """``number``. and the title of ``section``, large, on the primary colour (like the cover); on a
    template, in its section layout's title box, on that layout's own background."""
    box, templated = ctx.grid.section_title, ctx.grid.templated
    text = f"{number}. {heading(ctx, section)}"

    def build(size: float) -> Box | None:
        para = heading_para(ctx, text, box.w, size, color=ctx.colors.primary if templated else ctx.colors.on_primary)
        made = hung(Box("Title", box.x, box.y, box.w, box.h, (para,), anchor="b"))
        return made if box_fits(made) else None

    low, high = ctx.sizes.cover_title_size
    title = largest(
        (min(low, ctx.sizes.title_size[0]) if templated else low, high), build, "the section divider's title"
    )
    if templated:
        return Slide("divider", title, (), "")
    x = box.x
    accent = Bar("Divider accent", x, inches(4.45), inches(1.4), inches(0.08), ctx.colors.accent)
    return Slide("divider", title, (accent,), "", background=ctx.colors.primary)


def sparse(ctx: Context, groups: list[Group]) -> bool:
    """Whether ``groups`` would fill less than a quarter of a slide's content area on their own."""
    if sum(g.count for g in groups) >= FEWEST_POINTS:
        return False
    first = groups[0]
    if first.label == heading(ctx, first.owner):  # the lead-in that titles the slide is not among its points
        groups = [dataclasses.replace(first, label=None), *groups[1:]]
    box = _box(ctx, groups, ctx.sizes.body_size[1] + 4)  # set as large as points are
    return box is not None and sum(para_height(p) for p in box.paras) < to_points(ctx.grid.content_h) / 4


def groups(ctx: Context, top: Section) -> list[Group]:
    """The groups of points of ``top`` and its subsections, in reading order."""
    found: list[Group] = []
    for section in tree(top):
        own = _lists(ctx, section) or _leads(ctx, section)
        if own and section is not top and own[0].label is None:  # a sub-heading names its first group
            own[0] = dataclasses.replace(own[0], label=heading(ctx, section))
        found += own
    return found


def _lists(ctx: Context, section: Section) -> list[Group]:
    """Each list of ``section`` that no other slide shows and that is not a table of contents,
    under its label or the bold line right before it (items that are only a number left out), and
    each definition list ("term: definition")."""
    summary = ctx.doc.summary
    shown = (summary.before, summary.after, summary.outlook)
    leads = _lead_ins(section.blocks)
    found = []
    for index, block in enumerate(section.blocks):
        if isinstance(block, Definitions):  # "term: definition" points
            found.append(Group(None, block.as_list(), section))
            continue
        if not isinstance(block, BulletList) or any(block is s for s in shown) or contents(ctx, block):
            continue
        before = section.blocks[index - 1]
        label = block.label or (before.text if index - 1 in leads else None)  # type: ignore[union-attr]
        points = _worded(block)
        if points.items:
            found.append(Group(label, points, section))
    return found


def _leads(ctx: Context, section: Section) -> list[Group]:
    """The first sentence of each paragraph of ``section`` (lead-in lines left out), as one group."""
    leads = _lead_ins(section.blocks) | _table_leads(ctx, section.blocks)
    firsts = []
    for index, block in enumerate(section.blocks):
        if isinstance(block, Paragraph | Math) and index not in leads:
            first = next(iter(_sentences(block)), "")
            if worded(first):
                firsts.append(first)
    if 0 < len(firsts) < FEWEST_POINTS:  # a short section: its sentences, not only the first of each paragraph
        firsts = [s for i, b in enumerate(section.blocks) if isinstance(b, Paragraph | Math) and i not in leads
                  for s in _sentences(b) if worded(s)]  # fmt: skip
    return [Group(None, BulletList(tuple(firsts)), section)] if firsts else []


def _sentences(block: Paragraph | Math) -> list[str]:
    """A paragraph's sentences; a displayed formula is one."""
    return [block.as_point()] if isinstance(block, Math) else sentences(block.text)


def _lead_ins(blocks: Sequence[Block]) -> set[int]:
    """The indices of the lead-in lines of ``blocks``: short paragraphs opening in bold right
    before a list without a label of its own."""
    found = set()
    for index, (block, after) in enumerate(pairwise(blocks)):
        if not isinstance(block, Paragraph) or not isinstance(after, BulletList) or after.label is not None:
            continue
        spans = getattr(block.text, "spans", ())
        if spans and spans[0].bold and len(block.text) <= LEAD_IN_LENGTH:
            found.add(index)
    return found


def _table_leads(ctx: Context, blocks: Sequence[Block]) -> set[int]:
    """The indices of the paragraphs whose first sentence titles the slide of the table right after them."""
    return {
        index
        for index, (block, after) in enumerate(pairwise(blocks))
        if isinstance(after, Table)
        and id(after) in ctx.shown_tables
        and not (after.headline or after.caption)
        and isinstance(block, Paragraph)
        and table_lead(ctx, after) is not None
    }


def _worded(block: BulletList) -> BulletList:
    """``block`` without its top-level items that are only numbers or symbols."""
    keep = [i for i, item in enumerate(block.items) if worded(item)]
    if len(keep) == len(block.items):
        return block
    children = tuple(block.children[i] for i in keep) if block.children else ()
    return dataclasses.replace(block, items=tuple(block.items[i] for i in keep), children=children)


def _pages(ctx: Context, groups: list[Group]) -> list[list[Group]]:
    """``groups`` packed in order onto as few slides as hold them, at most ``MOST_POINTS`` points
    and ``MOST_GROUPS`` groups a slide, fitting at the body size, then shared as evenly as that
    many slides allow, by points and by groups (``_evened``); a group that does not fit a slide
    alone keeps as many of its first points as do."""
    pages = _packed(ctx, groups, MOST_POINTS)
    if len(pages) > 1:
        even = _packed(ctx, groups, -(-sum(g.count for page in pages for g in page) // len(pages)))
        if len(even) == len(pages):
            pages = even
    return _evened(ctx, pages)


def _evened(ctx: Context, pages: list[list[Group]]) -> list[list[Group]]:
    """``pages`` with the last groups of a slide moved on to the next while it has two groups more
    (three lead-ins and one is a near-empty slide), as long as the next still fits."""
    pages = [list(page) for page in pages]
    for index in range(len(pages) - 1, 0, -1):
        before, after = pages[index - 1], pages[index]
        while len(before) > len(after) + 1:
            moved = [before[-1], *after]
            if sum(g.count for g in moved) > MOST_POINTS or _box(ctx, moved, ctx.sizes.body_size[0]) is None:
                break
            before.pop()
            pages[index] = after = moved
    return pages


def _packed(ctx: Context, groups: list[Group], fill: int) -> list[list[Group]]:
    """``groups`` in order, a slide taking the next while it holds at most ``fill`` points."""
    low = ctx.sizes.body_size[0]
    pages: list[list[Group]] = []
    page: list[Group] = []
    for group in groups:
        held = sum(g.count for g in page)
        if page and len(page) < MOST_GROUPS and held + group.count <= fill and _box(ctx, [*page, group], low):
            page.append(group)
            continue
        if page:
            pages.append(page)
        group = group.first(MOST_POINTS)
        while group.count > 1 and _box(ctx, [group], low) is None:
            group = group.first(group.count - 1)
        page = [group]
    return [*pages, page] if page else pages


def _least_pages(groups: list[Group]) -> int:
    """The slides ``_pages`` would take for ``groups`` at the least, counting points and groups alone."""
    pages, held, count = 0, MOST_POINTS, MOST_GROUPS
    for group in groups:
        points = min(group.count, MOST_POINTS)
        if held + points > MOST_POINTS or count == MOST_GROUPS:
            pages, held, count = pages + 1, 0, 0
        held, count = held + points, count + 1
    return pages


def _slide(ctx: Context, top: Section, page: list[Group], number: int) -> Slide:
    """One slide of points: titled with the section all its groups are in (whose label then goes),
    else with the nearest section holding them all (short subsections sharing a slide are told
    under their parent's title); a slide that opens with the points of a short section before is
    titled with that section's."""
    owner = page[0].owner
    while not page[0].carried and owner is not top and not all(_within(ctx, g.owner, owner) for g in page):
        owner = ctx.parent(owner) or top
    title = heading(ctx, owner)
    shown = [dataclasses.replace(g, label=None) if g.label == title else g for g in page]
    told = [notes(ctx, top.blocks, heading(ctx, top))] if number == 0 else []
    told += [section_notes(ctx, s) for s in dict.fromkeys(g.owner for g in page) if s is not top]
    tell = next((g.label for g in shown if g.label), "") or str(shown[0].points.items[0])
    made = slide(ctx, "section", title, [_points(ctx, shown)], "\n\n".join(t for t in told if t))
    return dataclasses.replace(made, tell=tell)


def _within(ctx: Context, section: Section, outer: Section) -> bool:
    """Whether ``section`` is ``outer`` or one of its subsections."""
    current: Section | None = section
    while current is not None and current is not outer:
        current = ctx.parent(current)
    return current is outer


def _box(ctx: Context, groups: list[Group], size: float) -> Box | None:
    """The groups as labelled bullets at ``size``; None if they do not fit the content area."""
    paras: list[Para] = []
    for group in groups:
        space = size * 0.9 if paras else 0.0
        if group.label:
            paras.append(lines(ctx, group.label, ctx.grid.content_w, size, BODY_PITCH, bold=True,
                               color=ctx.colors.primary, by="phrase", space_before=space))  # fmt: skip
            space = size * 0.5
        points = bullets(ctx, group.points, ctx.grid.content_w, size)
        paras += [dataclasses.replace(points[0], space_before=space), *points[1:]]
    box = Box("Points", ctx.grid.margin_x, ctx.grid.content_y, ctx.grid.content_w, ctx.grid.content_h, tuple(paras))
    return box if box_fits(box) else None


def _points(ctx: Context, groups: list[Group]) -> Box:
    """The groups at the largest size that fits, from the body size up to 4 pt more (as the agenda)."""
    low, high = ctx.sizes.body_size
    box = bisected((low, high + 4), lambda size: _box(ctx, groups, size))
    if box is None:
        raise Unfit.of(f"the point '{clipped(groups[0].points.items[0])}' does not fit a slide even at {low:g} pt")
    return box
