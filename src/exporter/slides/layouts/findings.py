"""The body of a section on slides: its key tables, its points beside a quote, its images.

In: a ``Context`` and the blocks of a section (key ``Table``s, the section's ``Quote``s, its first
``BulletList``, ``Image``s).
Out: ``Slide``s — a key table with its caption and its section's first quote beside it
(``table_with_quote``, None when they do not both fit), or across the slide (``table_slides``:
continued on further slides, "(1/2)" in the title, when too long); a ``small`` table under its
section's points (``table_with_points``, None when they do not both fit); a section's points beside its
first quote (``points_with_quote``); an image scaled to fit above its alt text, or the alt text in
a frame, with what the source named, when the deck cannot embed it (``image_slide``); a diagram's
source in a panel titled with its tool (``diagram_slide``). A table too wide for a slide has its
columns split over slides, each part repeating the first column; only one whose first column
and any other do not fit a slide together raises ``Unfit`` with the width it needs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from exporter.model import BulletList, CodeBlock, Image, Quote, Section, Table
from exporter.slides.context import Context
from exporter.slides.fit import Unfit, box_fits, fitting, para_height, sizes
from exporter.slides.frame import numbered, slide
from exporter.slides.grid import BODY_PITCH, EMU_PER_INCH, GAP, PANEL_INSET, points, to_points
from exporter.slides.layouts.quotes import quote_beside
from exporter.slides.layouts.sections import MOST_POINTS, Group
from exporter.slides.notes import block_notes, notes
from exporter.slides.outline import table_title
from exporter.slides.shapes import Box, Para, Picture, Shape, Slide
from exporter.slides.tables import CAPTION_GAP, below, caption, column_parts, least_width, table_frames
from exporter.slides.titles import table_tell
from exporter.slides.typeset import bullets, lines
from exporter.text.phrases import clipped
from exporter.theme import numbered as theme_numbered


def table_with_quote(ctx: Context, table: Table, quote: Quote) -> Slide | None:
    """A key table with its caption on the left and ``quote`` on the right; None if they do not both fit."""
    table_w, panel = quote_beside(ctx, quote)
    box = caption(ctx, table, ctx.grid.margin_x, 0, table_w)
    frames = table_frames(
        ctx, table, ctx.grid.margin_x, ctx.grid.content_y, table_w, ctx.grid.content_h - box.h - CAPTION_GAP
    )
    if panel is None or frames is None or len(frames) != 1:
        return None
    shapes = [frames[0], below(box, frames[0]), *panel]
    return _told(ctx, table, slide(ctx, "table", table_title(ctx, table), shapes, block_notes(ctx, table)))


def _told(ctx: Context, table: Table, made: Slide) -> Slide:
    """``made`` told apart from another slide of the same title by the table's header (``table_tell``)."""
    return dataclasses.replace(made, tell=table_tell(ctx, table))


def table_slides(ctx: Context, table: Table, title: str | None = None) -> list[Slide]:
    """A key table across the content width with its caption; continued on further slides, with
    " (1/2)" after the title, when it is too long for one; a table too wide for a slide even at the
    smallest table size has its columns split over slides (``column_parts``), each part repeating
    the first column, all at one size. Only a table whose first column and one other do not fit together raises.
    ``title`` (default: the headline, else the table's title) titles the slides."""
    notes = block_notes(ctx, table)
    title = title or table_title(ctx, table)
    box = caption(ctx, table, ctx.grid.margin_x, 0, ctx.grid.content_w)
    room = ctx.grid.content_h - box.h - CAPTION_GAP
    frames = table_frames(ctx, table, ctx.grid.margin_x, ctx.grid.content_y, ctx.grid.content_w, room)
    if frames is None:
        size = ctx.sizes.table_size[0]
        parts = column_parts(table, size, ctx.grid.content_w)
        framed = [
            table_frames(ctx, part, ctx.grid.margin_x, ctx.grid.content_y, ctx.grid.content_w, room)
            for part in parts or []
        ]
        if parts is None or any(f is None for f in framed):
            needed, width = least_width(table, size), to_points(ctx.grid.content_w)
            raise Unfit.of(
                f"{table.named} has a column too wide to stand beside its first on a slide",
                pos=table.pos,
                warning=f"{table.named} needs {needed:.0f} pt even at {size:g} pt, and its first column beside "
                f"any other is wider than a slide's {width:.0f} pt",
                advice="shorten its longest words",
                needed=needed,
                available=width,
            )
        common = min(frame.size for part in framed for frame in part or [])  # every part at one size
        if any(frame.size != common for part in framed for frame in part or []):
            framed = [
                table_frames(ctx, p, ctx.grid.margin_x, ctx.grid.content_y, ctx.grid.content_w, room, most=common)
                for p in parts
            ]
        frames = [frame for part in framed for frame in part or []]
    slides = []
    for number, frame in enumerate(frames, 1):
        text = numbered(ctx, title.removesuffix("。"), number, len(frames))
        slides.append(_told(ctx, table, slide(ctx, "table", text, [frame, below(box, frame)], notes)))
    return slides


SMALL_ROWS = 3
"""Rows a table may have to share its slide with its section's points (``table_with_points``)."""

SMALL_COLUMNS = 4
"""Columns a table may have to share its slide with its section's points."""


BALANCE = 2
"""Points a table under its section's points may be set smaller than they are, at most, while a
smaller size of the points evens them."""


def small(table: Table) -> bool:
    """Whether ``table`` is small enough to stand under its section's points (alone, its slide is mostly empty)."""
    return len(table.rows) <= SMALL_ROWS and len(table.header) <= SMALL_COLUMNS


def table_with_points(ctx: Context, table: Table, title: str, groups: Sequence[Group], told: str) -> Slide | None:
    """``groups`` of points (each under its label) above a small ``table`` and its caption, titled
    ``title`` with ``told`` in the notes: the points at the largest body size that leaves the table
    room for all its rows at no more than ``BALANCE`` pt below them (else at the smallest that leaves
    it room at the smallest table size); None if they do not fit together."""
    x, y, w = ctx.grid.margin_x, ctx.grid.content_y, ctx.grid.content_w
    probe = caption(ctx, table, x, 0, w)
    fitted = None
    for size in sizes(ctx.sizes.body_size):
        paras: list[Para] = []
        for group in groups:
            space = size * 0.9 if paras else 0.0
            if group.label:
                paras.append(lines(ctx, group.label, w, size, BODY_PITCH, bold=True, color=ctx.colors.primary,
                                   by="phrase", space_before=space))  # fmt: skip
                space = size * 0.5
            points_ = bullets(ctx, group.points, w, size)
            paras += [dataclasses.replace(points_[0], space_before=space), *points_[1:]]
        box = Box("Points", x, y, w, points(sum(para_height(p) for p in paras)) + 1, tuple(paras))
        room = ctx.grid.content_h - box.h - GAP - probe.h - CAPTION_GAP
        if room <= 0 or not box_fits(box):
            continue
        frames = table_frames(ctx, table, x, y + box.h + GAP, w, room, most=size)
        if frames is not None and len(frames) == 1:
            made = slide(ctx, "section", title, [box, frames[0], below(probe, frames[0])], told)
            if frames[0].size >= min(size, ctx.sizes.table_size[1]) - BALANCE:
                return made
            fitted = made  # the points larger than the table: kept unless a smaller size evens them
    return fitted


def points_with_quote(ctx: Context, section: Section, quote: Quote) -> Slide | None:
    """A section's first list that no other slide shows (its points, under its label as written)
    on the left, ``quote`` on the right; None if the section has no such list or they do not both fit."""
    summary = ctx.doc.summary
    shown = (summary.before, summary.after, summary.outlook)
    found = next((b for b in section.blocks if isinstance(b, BulletList) and not any(b is s for s in shown)), None)
    if found is None:
        return None
    if sum(1 for _ in found.nested()) > MOST_POINTS:  # its first points, the rest in the notes
        found = dataclasses.replace(found, items=found.items[:MOST_POINTS], children=())
    list_w, panel = quote_beside(ctx, quote)

    def build(size: float) -> Box | None:
        paras = bullets(ctx, found, list_w, size)
        if found.label:
            label = lines(ctx, found.label, list_w, size, BODY_PITCH, bold=True, color=ctx.colors.primary, by="phrase")
            paras = (label, dataclasses.replace(paras[0], space_before=size * 0.8), *paras[1:])
        box = Box("Points", ctx.grid.margin_x, ctx.grid.content_y, list_w, ctx.grid.content_h, paras)
        return box if box_fits(box) else None

    points_box = fitting(ctx.sizes.body_size, build)
    if panel is None or points_box is None:
        return None
    return slide(ctx, "quote", section.title, [points_box, *panel], block_notes(ctx, quote))


MOST_ENLARGED = 2
"""A picture is drawn at most twice its size at 96 pixels an inch: a 160-pixel badge is not blown up
to the slide's width."""


def image_slide(ctx: Context, image: Image) -> Slide:
    """An image on a slide of its own, scaled to fit the content area above its alt text (at most
    ``MOST_ENLARGED`` times its size); an
    image the deck cannot embed (an SVG, or one that cannot be shown: remote, missing…) shows its
    alt text in a frame, with what the source named."""
    section = ctx.section_of(image)
    title = image.label or (section.title if section else ctx.doc.meta.title)
    size = ctx.sizes.body_size[0]
    said = image.label if image.label and image.label != title else None  # a file name, "image": no caption
    note = lines(ctx, said or "", ctx.grid.content_w, size, BODY_PITCH, color=ctx.colors.muted, align="ctr")
    note_h = points(para_height(note)) + 1 if said else 0
    room_h = ctx.grid.content_h - note_h - (CAPTION_GAP if said else 0)
    shapes: list[Shape]
    if image.path and image.size and not image.path.lower().endswith(".svg"):
        width, height = image.size
        scale = min(
            ctx.grid.content_w / width, room_h / height, MOST_ENLARGED * EMU_PER_INCH / 96
        )  # a badge stays small
        w, h = round(width * scale), round(height * scale)
        x, y = ctx.grid.margin_x + (ctx.grid.content_w - w) // 2, ctx.grid.content_y + (room_h - h) // 2
        shapes = [Picture("Image", x, y, w, h, image.path, image.alt, data=image.data)]
    else:
        text = "\n".join(dict.fromkeys(t for t in (image.alt, image.url) if t))
        para = lines(ctx, text, ctx.grid.content_w - 2 * PANEL_INSET, ctx.sizes.body_size[1], BODY_PITCH, align="ctr")
        frame = Box("Image alt text", ctx.grid.margin_x, ctx.grid.content_y, ctx.grid.content_w, room_h, (para,),
                    anchor="ctr", fill=ctx.colors.band, inset=(PANEL_INSET,) * 4)  # fmt: skip
        shapes = [frame]
    box = Box("Image caption", ctx.grid.margin_x, ctx.grid.content_bottom - note_h, ctx.grid.content_w, note_h, (note,))
    made = slide(ctx, "image", title, [*shapes, box] if said else shapes, notes(ctx, (image,)))  # the rest: `untold`
    number = theme_numbered(ctx.theme.words.figure, n=ctx.figure_numbers.get(id(image), 0))
    return dataclasses.replace(made, tell=clipped(image.label, 24) if image.label else number)  # never a file name


def diagram_slide(ctx: Context, code: CodeBlock) -> Slide:
    """A diagram's source (Mermaid, PlantUML, Graphviz) in a panel, titled "Diagram (Mermaid)", at the
    largest table size that fits; a source too long even at the smallest shows its first lines and
    "…" (the notes hold all of it). Never run: the source is text."""
    title = theme_numbered(ctx.theme.words.diagram, tool=code.diagram)
    low, high = ctx.sizes.table_size[0], ctx.sizes.body_size[1]
    width = ctx.grid.content_w - 2 * PANEL_INSET

    def build(size: float, text: str) -> Box | None:
        para = lines(ctx, text, width, size, BODY_PITCH)
        h = min(points(para_height(para)) + 2 * PANEL_INSET, ctx.grid.content_h)  # as tall as its lines
        box = Box("Diagram source", ctx.grid.margin_x, ctx.grid.content_y, ctx.grid.content_w, h, (para,),
                  fill=ctx.colors.band, inset=(PANEL_INSET,) * 4)  # fmt: skip
        return box if box_fits(box) else None

    box = fitting((low, high), lambda size: build(size, code.text))
    source = code.text.split("\n")
    for count in range(len(source) - 1, 0, -1):
        if box is not None:
            break
        box = build(low, "\n".join([*source[:count], "…"]))
    shapes = [box] if box is not None else []
    return slide(ctx, "diagram", title, shapes, block_notes(ctx, code))
