"""The agenda: the sections of a document without a summary, numbered, on one slide.

In: a ``Context`` (the theme's ``slide_labels.agenda``) and the top-level sections that have
slides (a section whose points all went to the speaker notes is not listed).
Out: the agenda's slides — each such section's heading as a numbered item, in one column or,
when one does not hold them even at the smallest body size, two, over several slides when one
does not hold them — or none when the document has a summary or fewer than ``AGENDA_SECTIONS``
sections. What does not fit even one title a slide raises ``Unfit``.
"""

from __future__ import annotations

from collections.abc import Sequence

from exporter.model import BulletList, Section, Summary
from exporter.slides.context import Context
from exporter.slides.fit import Unfit, bisected, box_fits, fewest, para_height, shares
from exporter.slides.frame import numbered, slide
from exporter.slides.grid import GAP, to_points
from exporter.slides.outline import heading
from exporter.slides.shapes import Box, Shape, Slide
from exporter.slides.typeset import bullets

AGENDA_SECTIONS = 3
"""Top-level sections from which a document without a summary opens with an agenda."""

MOST_AGENDA = 100
"""Top-level sections beyond which a document has no agenda: a list of more is no guide."""


def has_agenda(ctx: Context, sections: Sequence[Section]) -> bool:
    """Whether the deck lists ``sections`` (the top-level ones that have slides): no summary, and
    ``AGENDA_SECTIONS`` to ``MOST_AGENDA`` of them."""
    return ctx.doc.summary == Summary() and AGENDA_SECTIONS <= len(sections) <= MOST_AGENDA


def _least(ctx: Context, titles: tuple[str, ...], size: float) -> int:
    """The fewest slides ``titles`` could take: filled in order, two columns a slide, at ``size``
    (the smallest); where ``agenda`` starts looking, so that its cost grows with the titles alone."""
    width, room = (ctx.grid.content_w - GAP) // 2, to_points(ctx.grid.content_h)
    slides, columns, used = 1, 1, 0.0
    for number, title in enumerate(titles, 1):
        height = para_height(bullets(ctx, BulletList((title,), ordered=True, start=number), width, size)[0])
        if used and used + size + height > room:  # the next column, or the next slide
            slides, columns, used = (slides + 1, 1, 0.0) if columns == 2 else (slides, 2, 0.0)
        used += (size if used else 0.0) + height
    return slides


def agenda(ctx: Context, sections: Sequence[Section]) -> list[Slide]:
    """The numbered titles of ``sections`` (the top-level ones that have slides), at the largest
    size that fits (bounded by the body size plus 4 pt), in two columns when one does not hold
    them; sections too many for one slide even so are shared evenly over as few slides as hold
    them, each titled with a counter ("Agenda (1/2)") and numbering on."""
    if not has_agenda(ctx, sections):
        return []
    titles = tuple(heading(ctx, s) for s in sections)
    low, high = ctx.sizes.body_size

    def build(size: float, part: tuple[str, ...], first: int) -> list[Shape] | None:
        for columns in (1, 2):
            per = -(-len(part) // columns)
            width = (ctx.grid.content_w - GAP * (columns - 1)) // columns
            shapes: list[Shape] = []
            for column in range(columns):
                items = BulletList(part[column * per : (column + 1) * per], ordered=True, start=first + column * per)
                x = ctx.grid.margin_x + column * (width + GAP)
                paras = bullets(ctx, items, width, size, 1.0)
                shapes.append(Box(f"Agenda {column + 1}", x, ctx.grid.content_y, width, ctx.grid.content_h, paras))
            if all(box_fits(s) for s in shapes if isinstance(s, Box)):
                return shapes
        return None

    def lay(parts: int) -> list[list[Shape] | None]:
        return [
            bisected((low, high + 4), lambda size, r=share: build(size, titles[r.start : r.stop], r.start + 1))
            for share in shares(len(titles), parts)
        ]

    laid = fewest(len(titles), lay, least=_least(ctx, titles, low))
    if laid is None:
        raise Unfit.of(f"the agenda does not fit its slide even at {low:g} pt")
    label = ctx.theme.slide_labels.agenda or ""
    return [slide(ctx, "agenda", numbered(ctx, label, n, len(laid)), shapes, "") for n, shapes in enumerate(laid, 1)]
