"""A section's own slides where nothing else shows it: its points, its dividers, the overview.

In: a ``Context`` and a top-level ``Section`` (with its subsections), or the document's intro.
Out: ``Slide``s of the article's own words only — ``section_slide``: the section's lists (each under
its label as written; nested items kept while they fit, else the top-level items, else as many
items as fit, the rest told in the notes), or, when it has no list, the first sentence of each of
its paragraphs, as bullets under the section's title; ``divider``: the section's number and title
alone on the primary colour, before its slides in a long deck; ``overview``: the sentences of the
paragraphs before the first section, under the locale's ``overview`` word, for a document
without a summary. Each is set at the largest body size that fits; None when there is nothing to show.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

from exporter.model import Block, BulletList, Definitions, Math, Paragraph, Section, Summary
from exporter.slides.context import Context
from exporter.slides.fit import box_fits, fitting, hung, largest
from exporter.slides.frame import slide
from exporter.slides.grid import BODY_PITCH, inches
from exporter.slides.notes import notes, section_notes
from exporter.slides.shapes import Bar, Box, Para, Slide
from exporter.slides.typeset import bullets, heading, lines
from exporter.text.sentences import sentences


def section_slide(ctx: Context, section: Section) -> Slide | None:
    """The points of ``section`` and its subsections under its title; None if it has no list or paragraph."""
    blocks = [b for s in tree(section) for b in s.blocks]
    groups = _groups(ctx, blocks)
    if not groups:
        return None
    box = _points(ctx, groups)
    return slide(ctx, "section", section.title, [box], section_notes(ctx, section))


def overview(ctx: Context) -> Slide | None:
    """The sentences of the intro's paragraphs, for a document without a summary; None if it has none."""
    paragraphs = [b for b in ctx.doc.intro if isinstance(b, Paragraph | Math)]
    if ctx.doc.summary != Summary() or not paragraphs:
        return None
    items = tuple(s for p in paragraphs for s in _sentences(p))
    if not items:  # paragraphs of footnote calls only
        return None
    box = _points(ctx, [(None, BulletList(items))])
    return slide(ctx, "overview", ctx.theme.slide_labels.overview or "", [box], notes(ctx, ctx.doc.intro))


def divider(ctx: Context, section: Section, number: int) -> Slide:
    """``number``. and the title of ``section``, large, on the primary colour (like the cover); on a
    template, in its section layout's title box, on that layout's own background."""
    box, templated = ctx.grid.section_title, ctx.grid.templated
    text = f"{number}. {section.title}"

    def build(size: float) -> Box | None:
        para = heading(ctx, text, box.w, size, color=ctx.colors.primary if templated else ctx.colors.on_primary)
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


def tree(section: Section) -> Iterator[Section]:
    """``section`` and its subsections, depth first, in reading order."""
    yield section
    for sub in section.sections:
        yield from tree(sub)


def _groups(ctx: Context, blocks: Sequence[Block]) -> list[tuple[str | None, BulletList]]:
    """(label, list) of each list the summary does not show elsewhere and of each definition list
    ("term: definition"); else one list of the first sentence of every paragraph."""
    summary = ctx.doc.summary
    shown = (summary.before, summary.after, summary.outlook)
    found = [
        (b.label, b) if isinstance(b, BulletList) else (None, b.as_list())
        for b in blocks
        if (isinstance(b, BulletList) and not any(b is s for s in shown)) or isinstance(b, Definitions)
    ]
    if found:
        return found
    leads = tuple(_sentences(b)[0] for b in blocks if isinstance(b, Paragraph | Math) and _sentences(b))
    return [(None, BulletList(leads))] if leads else []


def _sentences(block: Paragraph | Math) -> list[str]:
    """A paragraph's sentences; a displayed formula is one."""
    return [block.as_point()] if isinstance(block, Math) else sentences(block.text)


def _points(ctx: Context, groups: list[tuple[str | None, BulletList]]) -> Box:
    """The groups as labelled bullets at the largest size that fits (up to the body size plus 4 pt,
    as the agenda): whole, else their top-level items, else as many of those as fit (at the smallest size)."""

    def build(size: float, cut: list[tuple[str | None, BulletList]]) -> Box | None:
        paras: list[Para] = []
        for label, items in cut:
            space = size * 0.9 if paras else 0.0
            if label:
                paras.append(lines(ctx, label, ctx.grid.content_w, size, BODY_PITCH, bold=True,
                                   color=ctx.colors.primary, by="phrase", space_before=space))  # fmt: skip
                space = size * 0.5
            points = bullets(ctx, items, ctx.grid.content_w, size)
            paras += [dataclasses.replace(points[0], space_before=space), *points[1:]]
        box = Box("Points", ctx.grid.margin_x, ctx.grid.content_y, ctx.grid.content_w, ctx.grid.content_h, tuple(paras))
        return box if box_fits(box) else None

    low, high = ctx.sizes.body_size
    flat = [(label, dataclasses.replace(items, children=())) for label, items in groups]
    for cut in (groups, flat):
        box = fitting((low, high + 4), lambda size: build(size, cut))  # noqa: B023 (called at once)
        if box is not None:
            return box
    total = sum(len(lst.items) for _, lst in flat)
    for count in range(total - 1, 1, -1):
        box = build(low, _first(flat, count))
        if box is not None:
            return box
    return largest((low, low), lambda size: build(size, _first(flat, 1)), "the section's points")


def _first(groups: list[tuple[str | None, BulletList]], count: int) -> list[tuple[str | None, BulletList]]:
    """The first ``count`` items of ``groups``, in their groups."""
    cut = []
    for label, lst in groups:
        if count <= 0:
            break
        cut.append((label, dataclasses.replace(lst, items=lst.items[:count])))
        count -= len(lst.items)
    return cut
