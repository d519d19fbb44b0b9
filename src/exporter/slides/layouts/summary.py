"""The summary family: the article's message at a glance, and its structured comparisons.

In: a ``Context`` (the document's ``Summary``: takeaways table, figures, before and after lists,
implication sections).
Out: ``Slide``s — the summary (the takeaways table beside the figures as cards, or the table and
then the figures in rows of cards on slides of their own when they do not fit beside it), the before/after
comparison (two columns, each a heading band over its list), the implications (one card per
section: its heading over its first paragraph) — and ``card``, the heading-over-body column they
share. Each is set at the largest body size at which everything fits; what does not fit even at
the smallest raises ``Unfit`` (for the summary slide, worded as its own).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from exporter.model import BulletList, Figure, Paragraph, Section
from exporter.slides.context import Context
from exporter.slides.fit import Unfit, box_fits, fewest, fitting, largest, para_height, shares, sizes
from exporter.slides.frame import numbered, slide
from exporter.slides.grid import (
    BODY_PITCH,
    FIGURE_PITCH,
    GAP,
    PANEL_INSET,
    TITLE_PITCH,
    Rect,
    inches,
    points,
    to_points,
)
from exporter.slides.notes import block_notes, notes, section_notes
from exporter.slides.shapes import Box, Para, Shape, Slide
from exporter.slides.tables import table_block
from exporter.slides.typeset import bullets, lines
from exporter.text.metrics import widest_piece


def summary(ctx: Context) -> list[Slide]:
    """The takeaways table (left) beside the figures at a glance (right, in one column of cards or
    two); when the figures do not fit there, the table across the slide and the figures on slides
    of their own, in rows of cards, shared evenly over as few slides as hold them. What does not
    fit even so is reported as the summary slide's, at the takeaways table (else the first figure)."""
    table = ctx.doc.summary.takeaways
    figures = ctx.doc.summary.figures
    if table is None and not figures:
        return []
    try:
        return _summary(ctx)
    except Unfit as exc:
        problem = exc.problem
        cause = f"the summary slide cannot hold its content ({problem.message})"
        where = (table or figures[0]).pos
        raise Unfit(dataclasses.replace(problem, pos=problem.pos or where, warning=cause)) from None


def _summary(ctx: Context) -> list[Slide]:
    summary = ctx.doc.summary
    table, figures = summary.takeaways, summary.figures
    if table is None:
        return _figure_slides(ctx, figures, ctx.theme.slide_labels.figures or ctx.doc.meta.title)
    title = table.headline or table.title
    told = block_notes(ctx, table)
    if figures:
        table_w = round(ctx.grid.content_w * 0.58)
        x = ctx.grid.margin_x + table_w + GAP
        beside = next(
            (
                f
                for c in (1, 2)
                if (
                    f := _figures(
                        ctx,
                        figures,
                        x,
                        ctx.grid.content_y,
                        ctx.grid.margin_x + ctx.grid.content_w - x,
                        ctx.grid.content_h,
                        c,
                    )
                )
            ),
            None,
        )
        if beside is not None:
            shapes = table_block(
                ctx, table, ctx.grid.margin_x, ctx.grid.content_y, table_w, ctx.grid.content_h, "Takeaways"
            )
            return [slide(ctx, "summary", title, [*shapes, *beside], told)]
    shapes = table_block(
        ctx, table, ctx.grid.margin_x, ctx.grid.content_y, ctx.grid.content_w, ctx.grid.content_h, "Takeaways"
    )
    first = slide(ctx, "summary", title, shapes, told)
    return [first, *_figure_slides(ctx, figures, ctx.theme.slide_labels.figures or "")] if figures else [first]


FIGURES_PER_ROW = 4
"""Most cards side by side on a slide of figures."""


def _figure_slides(ctx: Context, figures: Sequence[Figure], title: str) -> list[Slide]:
    """The figures across the content area in rows of cards (``_grid``), on as few slides as hold
    them, shared evenly; a counter ("(1/2)") after ``title`` when there is more than one."""

    def lay(parts: int) -> list[list[Shape] | None]:
        return [_grid(ctx, figures[r.start : r.stop]) for r in shares(len(figures), parts)]

    pages = fewest(len(figures), lay)
    if pages is None:
        raise Unfit.of(f"the figures at a glance do not fit a slide even at {ctx.sizes.figure_size[0]:g} pt")
    return [slide(ctx, "figures", numbered(ctx, title, n, len(pages)), shapes, "") for n, shapes in enumerate(pages, 1)]


def _grid(ctx: Context, figures: Sequence[Figure]) -> list[Shape] | None:
    """``figures`` across the content area: in as many columns as fit (up to ``FIGURES_PER_ROW``),
    each row full but the last; None if they fit in none."""
    for columns in range(min(len(figures), FIGURES_PER_ROW), 0, -1):
        found = _figures(
            ctx, figures, ctx.grid.margin_x, ctx.grid.content_y, ctx.grid.content_w, ctx.grid.content_h, columns
        )
        if found is not None:
            return found
    return None


def _figures(
    ctx: Context, figures: Sequence[Figure], x: int, y: int, w: int, h: int, columns: int = 1
) -> list[Shape] | None:
    """Figures as cards in ``columns`` columns, row by row — value large in the accent colour,
    then label and note — at the largest figure size that fits; None if at none."""
    gap = inches(0.1)
    inset = (inches(0.2), inches(0.06), inches(0.2), inches(0.06))
    rows = -(-len(figures) // columns)
    card_w = (w - gap * (columns - 1)) // columns
    card_h = (h - gap * (rows - 1)) // rows
    inner = card_w - inset[0] - inset[2]
    low, high = ctx.sizes.body_size

    def card(figure: Figure, value_size: float, label_size: float) -> tuple[Para, ...] | None:
        if widest_piece(figure.value, value_size, "bold") > to_points(inner):
            return None
        accent = ctx.colors.accent
        paras = [lines(ctx, figure.value, inner, value_size, FIGURE_PITCH, bold=True, color=accent, by="phrase")]
        paras.append(lines(ctx, figure.label, inner, label_size, BODY_PITCH, by="phrase"))
        if figure.note:
            muted = ctx.colors.muted
            paras.append(lines(ctx, figure.note, inner, label_size, BODY_PITCH, color=muted, by="phrase"))
        return tuple(paras)

    def build(value_size: float) -> list[Shape] | None:
        label_size = max(low, min(high, round(value_size * 0.5)))
        cards = [card(f, value_size, label_size) for f in figures]
        if any(c is None for c in cards):
            return None
        shapes: list[Shape] = []
        for index, paras in enumerate(cards):
            row, column = divmod(index, columns)
            box = Box(
                f"Figure {index + 1}", x + column * (card_w + gap), y + row * (card_h + gap), card_w, card_h,
                paras,  # type: ignore[arg-type]
                fill=ctx.colors.band, inset=inset, anchor="ctr",
            )  # fmt: skip
            if not box_fits(box):
                return None
            shapes.append(box)
        return shapes

    return fitting(ctx.sizes.figure_size, build)


def compare(ctx: Context) -> list[Slide]:
    """The before and after lists side by side, each under its heading, in halves at the largest
    size that fits; a side too long for half the width takes more of it (up to two thirds). Lists
    too long for one slide even so continue on further slides, their items shared evenly ("(1/2)")."""
    summary = ctx.doc.summary
    if summary.before is None or summary.after is None:
        return []
    sides = (summary.before, summary.after)
    sections = [ctx.section_of(s) for s in sides]
    same = sections[0] is sections[1]
    headings = [_side_heading(ctx, lst, s, same) for s, lst in zip(sections, sides, strict=True)]
    parent = sections[0] if same else ctx.parent(sections[0]) if sections[0] else None
    title = parent.title if parent else " / ".join(headings)
    told = section_notes(ctx, parent) if parent else notes(ctx, sides)
    longest = max(len(side.items) for side in sides)

    def lay(parts: int) -> list[list[Shape] | None]:
        count = len(shares(longest, parts))
        pers = [-(-len(side.items) // count) for side in sides]  # each side shared evenly over the slides
        pages = [tuple(_items(side, n * per, per) for side, per in zip(sides, pers, strict=True)) for n in range(count)]
        return [fitting(ctx.sizes.body_size, lambda size, p=page: _compared(ctx, p, headings, size)) for page in pages]

    laid = fewest(longest, lay)
    if laid is None:
        raise Unfit.of(f"the before/after comparison does not fit its slide even at {ctx.sizes.body_size[0]:g} pt")
    return [
        slide(ctx, "compare", numbered(ctx, title, n, len(laid)), shapes, told if n == 1 else "")
        for n, shapes in enumerate(laid, 1)
    ]


def _items(side: BulletList, start: int, count: int) -> BulletList:
    """``count`` items of ``side`` from ``start``, with their nested lists and their numbers."""
    end = start + count
    children = side.children[start:end] if side.children else ()
    return dataclasses.replace(side, items=side.items[start:end], children=children, start=side.start + start)


def _compared(ctx: Context, sides: tuple[BulletList, ...], headings: list[str], size: float) -> list[Shape] | None:
    """Both sides at ``size`` in the two boxes of the grid (``Grid.content_halves``): a template's two
    body boxes, else halves of the content box, else the longer side taking up to two thirds of it."""
    head_h = inches(0.7)
    fills = [(ctx.colors.muted, ctx.colors.band), (ctx.colors.primary, ctx.colors.band)]
    on = ctx.colors.on_primary
    longer = max((0, 1), key=lambda i: sum(len(item) for _, lst, n in sides[i].nested() for item in [lst.items[n]]))

    def columns(share: float) -> list[Shape] | None:
        boxes = ctx.grid.content_halves(share if longer == 0 else 1 - share)
        shapes: list[Shape] = []
        for index, (lst, heading, box) in enumerate(zip(sides, headings, boxes, strict=True)):
            inner = box.w - 2 * PANEL_INSET
            head_para = lines(ctx, heading, inner, size + 2, TITLE_PITCH, bold=True, color=on, by="phrase")
            paras = bullets(ctx, lst, inner, size)
            names = ("Before heading", "Before list") if index == 0 else ("After heading", "After list")
            column = card(box, names, box.x, box.w, head_h, head_para, paras, fills[index])
            if column is None:
                return None
            shapes += column
        return shapes

    cuts = (0.5,) if ctx.grid.halves else (0.5, 0.6, 2 / 3)  # a template's two boxes are as they are
    return next((c for share in cuts if (c := columns(share)) is not None), None)


def _side_heading(ctx: Context, side: BulletList, section: Section | None, same: bool) -> str:
    """A side's heading: its section's title, unless both sides stand in one section; then the
    list's label, else the paragraph leading into it when that ends in a colon, else the section's."""
    if section is not None and not same:
        return section.title
    _, blocks = ctx.context_of(side)
    at = next(i for i, b in enumerate(blocks) if b is side)
    before = blocks[at - 1] if at else None
    lead = before.text.rstrip(":：") if isinstance(before, Paragraph) and before.text.endswith((":", "：")) else None
    return side.label or lead or (section.title if section else "")


def card(
    content: Rect,
    names: tuple[str, str],
    x: int,
    w: int,
    head_h: int,
    head: Para,
    paras: tuple[Para, ...],
    fills: tuple[str, str],
) -> list[Shape] | None:
    """A column from the top of the ``content`` box to its bottom: a heading band over a tinted body;
    None if either does not fit."""
    band_inset = (PANEL_INSET, 0, PANEL_INSET, 0)
    head_box = Box(names[0], x, content.y, w, head_h, (head,), anchor="ctr", fill=fills[0], inset=band_inset)
    body = Box(names[1], x, content.y + head_h, w, content.h - head_h, paras, fill=fills[1], inset=(PANEL_INSET,) * 4)
    return [head_box, body] if box_fits(head_box) and box_fits(body) else None


def implications(ctx: Context) -> Slide | None:
    """The implication sections as cards: heading band over the section's first paragraph."""
    sections = ctx.doc.summary.implications
    if not sections:
        return None
    count = len(sections)
    card_w = (ctx.grid.content_w - GAP * (count - 1)) // count
    inner = card_w - 2 * PANEL_INSET
    low = ctx.sizes.body_size[0]
    on = ctx.colors.on_primary
    fills = (ctx.colors.primary, ctx.colors.band)

    def build(size: float) -> list[Shape] | None:
        # the headings may be set smaller than the text, so that no phrase of theirs is broken
        head_size = next(
            (
                s
                for s in sizes((low, size))
                if all(widest_piece(c.title, s, "bold") <= to_points(inner) for c in sections)
            ),
            low,
        )
        heads = [lines(ctx, s.title, inner, head_size, TITLE_PITCH, bold=True, color=on, by="phrase") for s in sections]
        head_h = max(points(para_height(p)) for p in heads) + 2 * PANEL_INSET
        shapes: list[Shape] = []
        for index, (section, head) in enumerate(zip(sections, heads, strict=True)):
            x = ctx.grid.margin_x + index * (card_w + GAP)
            paras = tuple(lines(ctx, t, inner, size, BODY_PITCH) for t in [section.lead] if t)
            names = (f"Implication {index + 1} heading", f"Implication {index + 1}")
            column = card(ctx.grid.content_box(), names, x, card_w, head_h, head, paras, fills)
            if column is None:
                return None
            shapes += column
        return shapes

    shapes = largest(ctx.sizes.body_size, build, "the implications")
    parent = ctx.parent(sections[0])
    title = parent.title if parent else sections[0].title
    told = "\n\n".join(section_notes(ctx, s) for s in ([parent] if parent else sections))
    return slide(ctx, "implications", title, shapes, told)
