"""The agenda: the sections of a document without a summary, numbered, on one slide.

In: a ``Context`` (the document's top-level sections; the theme's ``slide_labels.agenda``).
Out: the agenda ``Slide`` — each top-level section's title as a numbered item, in one column or,
when one does not hold them even at the smallest body size, two — or None when the document has a
summary or fewer than ``AGENDA_SECTIONS`` sections. What does not fit raises ``Unfit``.
"""

from __future__ import annotations

from exporter.model import BulletList, Summary
from exporter.slides.context import Context
from exporter.slides.fit import box_fits, largest
from exporter.slides.frame import slide
from exporter.slides.grid import CONTENT_H, CONTENT_W, CONTENT_Y, GAP, MARGIN_X
from exporter.slides.shapes import Box, Shape, Slide
from exporter.slides.typeset import bullets

AGENDA_SECTIONS = 3
"""Top-level sections from which a document without a summary opens with an agenda."""


def has_agenda(ctx: Context) -> bool:
    """Whether the deck lists the sections: no summary, and ``AGENDA_SECTIONS`` sections or more."""
    return ctx.doc.summary == Summary() and len(ctx.doc.sections) >= AGENDA_SECTIONS


def agenda(ctx: Context) -> Slide | None:
    """The numbered titles of the top-level sections, at the largest size that fits (bounded by
    the body size plus 4 pt), in two columns when one does not hold them."""
    if not has_agenda(ctx):
        return None
    titles = tuple(s.title for s in ctx.doc.sections)
    low, high = ctx.sizes.body_size

    def build(size: float) -> list[Shape] | None:
        for columns in (1, 2):
            per = -(-len(titles) // columns)
            width = (CONTENT_W - GAP * (columns - 1)) // columns
            shapes: list[Shape] = []
            for column in range(columns):
                part = BulletList(titles[column * per : (column + 1) * per], ordered=True, start=column * per + 1)
                x = MARGIN_X + column * (width + GAP)
                paras = bullets(ctx, part, width, size, 1.0)
                shapes.append(Box(f"Agenda {column + 1}", x, CONTENT_Y, width, CONTENT_H, paras))
            if all(box_fits(s) for s in shapes if isinstance(s, Box)):
                return shapes
        return None

    shapes = largest((low, high + 4), build, "the agenda")
    return slide(ctx, "agenda", ctx.theme.slide_labels.agenda or "", shapes, "")
