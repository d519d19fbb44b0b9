"""Native tables on slides: column widths, row heights, and a table split over slides.

In: a ``Context``, a ``Table`` of the model and the area (EMU) it may take.
Out: ``TableShape``s (``table_frames``) at the largest table size that fits the area — column widths
from each column's widest unbreakable piece and natural width, row heights from the measured
lines, cell texts broken between phrases with their spans kept, columns of numbers right-aligned
(``exporter.text.numbers``); a table that fits one slide only with its rows set tight (a smaller
line pitch and cell insets, ``TIGHT``) set so at the largest size that fits — or else the rows
split over as few slides as possible, at the largest size that needs no more, balanced, each with
the header row (a row taller
than a slide raises ``Unfit``); ``column_parts`` (a table too wide for a slide as tables of some
of its columns, each repeating the first); ``least_width`` (the points a table needs at a size), ``caption``
(the caption box below a table) and ``table_block`` (one table and its caption, not split).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import lru_cache

from exporter.model import Table
from exporter.slides.context import Context
from exporter.slides.fit import Unfit, broken, para_height, sizes
from exporter.slides.grid import (
    BODY_PITCH,
    CELL_INSET_X,
    CELL_INSET_Y_EM,
    ROW_AIR_EM,
    TABLE_PITCH,
    TIGHT_INSET_Y_EM,
    TIGHT_PITCH,
    inches,
    points,
    to_points,
)
from exporter.slides.outline import table_title
from exporter.slides.shapes import Box, Shape, TableShape
from exporter.slides.typeset import lines, rebroken
from exporter.text.compare import squeeze
from exporter.text.metrics import text_width, widest_piece, wrap
from exporter.text.numbers import numeric_columns

CAPTION_GAP = inches(0.12)
"""Space between a table and its caption."""


def table_frames(
    ctx: Context, table: Table, x: int, y: int, w: int, h: int, name: str = "Table", most: float | None = None
) -> list[TableShape] | None:
    """``table`` fitted to the area at the largest size (at most ``most``, when given), or its rows
    split over as few slides as any size allows, at the largest size that needs no more; None if
    too narrow at every size."""
    inset_x = to_points(2 * CELL_INSET_X)
    low, high = ctx.sizes.table_size
    laid: list[tuple[float, list[int], list[int]]] = []
    tight: list[tuple[float, list[int], list[int]]] = []  # the rows set tight, at each size
    for size in sizes((low, max(low, min(high, most or high)))):
        columns = _columns(table, size, to_points(w) - len(table.header) * inset_x)
        if columns is None:
            continue
        widths = [points(c + inset_x) for c in columns]
        widths[-1] = w - sum(widths[:-1])
        counts = [_row_lines(table.header, widths, size, True)]
        counts += [_row_lines(row, widths, size, False) for row in table.rows]
        heights = [_row_height(count, size) for count in counts]
        if sum(heights) <= h:
            extra = min((h - sum(heights)) // len(heights), points(ROW_AIR_EM * size))  # air, not emptiness
            heights = [height + extra for height in heights]
            return [_table_shape(ctx, table, name, x, y, w, widths, heights, table.rows, size)]
        laid.append((size, widths, heights))
        tight.append((size, widths, [_row_height(count, size, TIGHT) for count in counts]))
    fits = next(((size, widths, heights) for size, widths, heights in tight if sum(heights) <= h), None)
    if fits is not None:  # one slide with the rows set tight, rather than two
        size, widths, heights = fits
        return [_table_shape(ctx, table, name, x, y, w, widths, heights, table.rows, size, TIGHT)]
    if not laid:
        return None
    counts = [_page_count(heights, h) for _, _, heights in laid]
    fewest = min((c for c in counts if c is not None), default=None)
    size, widths, heights = next((f for f, c in zip(laid, counts, strict=True) if c == fewest), laid[-1])
    return _split(ctx, table, name, x, y, w, h, widths, heights, size)


def _page_count(heights: Sequence[int], h: int) -> int | None:
    """Slides the rows of ``heights`` (the header's first) take in ``h`` EMU each; None if a row is taller."""
    room = h - heights[0]
    return None if max(heights[1:]) > room else len(_pack(heights[1:], room))


def caption(ctx: Context, table: Table, x: int, y: int, w: int) -> Box:
    """The caption box of ``table`` (its caption, else its section's title) at ``y``, as tall as its
    lines; empty where those words already title its slide (``outline.table_title``)."""
    size = ctx.sizes.body_size[0]
    text = table.caption_under(ctx.section_of(table))
    shown = "" if squeeze(text) == squeeze(table_title(ctx, table)) else text
    para = lines(ctx, shown, w, size, BODY_PITCH, color=ctx.colors.muted)
    return Box("Caption", x, y, w, points(para_height(para)) + 1, (para,))


def below(caption: Box, frame: TableShape) -> Box:
    """``caption`` moved to just below ``frame``."""
    return dataclasses.replace(caption, y=frame.y + frame.h + CAPTION_GAP)


def table_block(ctx: Context, table: Table, x: int, y: int, w: int, h: int, name: str = "Table") -> list[Shape]:
    """One table with its caption below, fitted (not split) to the area."""
    caption_probe = caption(ctx, table, x, 0, w)
    frames = table_frames(ctx, table, x, y, w, h - caption_probe.h - CAPTION_GAP, name)
    if frames is None or len(frames) > 1:
        raise Unfit.of(f"{table.named} does not fit beside the other content of its slide", pos=table.pos)
    return [frames[0], below(caption_probe, frames[0])]


def least_width(table: Table, size: float) -> float:
    """Points ``table`` needs at ``size``: each column's widest unbreakable piece plus its insets."""
    return sum(_least_widths(table, size))


def _least_widths(table: Table, size: float) -> list[float]:
    """Each column's widest unbreakable piece at ``size``, plus its insets, in points."""
    inset = to_points(2 * CELL_INSET_X)
    widths = [widest_piece(cell, size, "bold") + inset for cell in table.header]
    for row in table.rows:
        widths = [max(w, widest_piece(cell, size) + inset) for w, cell in zip(widths, row, strict=True)]
    return widths


def column_parts(table: Table, size: float, width: int) -> list[Table] | None:
    """``table``'s columns in as few groups as fit ``width`` EMU at ``size`` beside the first
    column, which each part repeats — in order, and as even as that count allows (11 columns
    beside the first over three parts are 4 + 4 + 3, not 5 + 5 + 1); None if the first column
    and one other do not fit together."""
    room = to_points(width)
    least = _least_widths(table, size)  # once: a part needs the sum of its columns'

    def fits(columns: Sequence[int]) -> bool:
        return sum(least[j] for j in columns) <= room

    groups: list[list[int]] = [[]]
    for column in range(1, len(table.header)):
        if groups[-1] and not fits((0, *groups[-1], column)):
            groups.append([])
        groups[-1].append(column)
    if not all(fits((0, *group)) for group in groups):
        return None
    rest = [column for group in groups for column in group]
    per = -(-len(rest) // len(groups))
    even = [rest[i : i + per] for i in range(0, len(rest), per)]
    if len(even) == len(groups) and all(fits((0, *group)) for group in even):
        groups = even
    return [_part(table, (0, *group)) for group in groups]


def _part(table: Table, columns: Sequence[int]) -> Table:
    """``table`` with only ``columns``, in that order."""
    return dataclasses.replace(
        table,
        header=tuple(table.header[j] for j in columns),
        rows=tuple(tuple(row[j] for j in columns) for row in table.rows),
    )


def _columns(table: Table, size: float, width: float) -> list[float] | None:
    """Column text widths in points summing to ``width``, or None if the widest pieces do not fit."""
    ems = [_column_ems(head, tuple(row[j] for row in table.rows)) for j, head in enumerate(table.header)]
    natural = [em * size for em, _ in ems]
    least = [em * size for _, em in ems]
    if sum(least) > width:
        return None
    if sum(natural) <= width:
        return [n * width / sum(natural) for n in natural]
    # A column whose longest cell fits in an even share of the room left is not wrapped:
    # it gets that cell's width, and the others share the rest by how much they would shrink.
    widths: list[float | None] = [None] * len(natural)
    while True:
        open_ = [j for j, w in enumerate(widths) if w is None]
        room = width - sum(w for w in widths if w is not None)
        whole = [j for j in open_ if natural[j] <= room / len(open_)]
        rest = [j for j in open_ if j not in whole]
        if not whole or not rest or room - sum(natural[j] for j in whole) < sum(least[j] for j in rest):
            break
        for j in whole:
            widths[j] = natural[j]
    slack = {j: natural[j] - least[j] for j in open_}
    spare = room - sum(least[j] for j in open_)
    return [w if w is not None else least[j] + spare * slack[j] / sum(slack.values()) for j, w in enumerate(widths)]


@lru_cache(maxsize=512)
def _column_ems(header: str, cells: tuple[str, ...]) -> tuple[float, float]:
    """A column's natural and least text widths at 1 pt (its header bold; widths grow with the size):
    measured once for all the sizes and parts a table is tried at."""
    natural = max([text_width(header, 1.0, "bold"), *(text_width(c, 1.0) for c in cells)])
    least = max([widest_piece(header, 1.0, "bold"), *(widest_piece(c, 1.0) for c in cells)])
    return natural, least


AIRY = (TABLE_PITCH, CELL_INSET_Y_EM)
"""A table's line pitch and top and bottom cell insets, in ems of its size."""

TIGHT = (TIGHT_PITCH, TIGHT_INSET_Y_EM)
"""The same, set tight: for a table that fits one slide only so."""


def _row_lines(row: Sequence[str], widths: Sequence[int], size: float, bold: bool) -> int:
    """The lines the tallest cell of ``row`` takes in columns of ``widths`` EMU at ``size``."""
    inner = [to_points(w - 2 * CELL_INSET_X) for w in widths]
    return max(
        len(wrap(c, iw, size, "bold" if bold else "regular", by="phrase")) for c, iw in zip(row, inner, strict=True)
    )


def _row_height(lines: int, size: float, rows: tuple[float, float] = AIRY) -> int:
    """EMU of a row of ``lines`` lines at ``size``, set with ``rows`` (pitch and insets, in ems)."""
    pitch, inset = rows
    return points(lines * pitch * size + 2 * inset * size)


def _table_shape(
    ctx: Context,
    table: Table,
    name: str,
    x: int,
    y: int,
    w: int,
    widths: Sequence[int],
    heights: Sequence[int],
    rows: Sequence[tuple[str, ...]],
    size: float,
    setting: tuple[float, float] = AIRY,
) -> TableShape:
    inset_y = points(setting[1] * size)
    inner = [w - 2 * CELL_INSET_X for w in widths]

    def cells(texts: Sequence[str], bold: bool = False) -> tuple[str, ...]:
        return tuple(rebroken(c, broken(c, iw, size, bold, by="phrase")) for c, iw in zip(texts, inner, strict=True))

    return TableShape(
        name=name,
        x=x,
        y=y,
        w=w,
        h=sum(heights),
        columns=tuple(widths),
        rows=tuple(heights),
        header=cells(table.header, bold=True),
        body=tuple(cells(row) for row in rows),
        size=size,
        pitch=setting[0] * size,
        inset=(CELL_INSET_X, inset_y, CELL_INSET_X, inset_y),
        descr=table.headline or table.title,
        header_fill=ctx.colors.primary,
        header_color=ctx.colors.on_primary,
        band_fill=ctx.colors.band,
        text_color=ctx.colors.text,
        rule_color=ctx.colors.rule,
        lang=ctx.lang,
        align=tuple("r" if numeric else "l" for numeric in numeric_columns(table)),
    )


def _split(
    ctx: Context,
    table: Table,
    name: str,
    x: int,
    y: int,
    w: int,
    h: int,
    widths: list[int],
    heights: list[int],
    size: float,
) -> list[TableShape]:
    """Rows packed into as few slides as possible, balanced, each with the header row."""
    header, body = heights[0], heights[1:]
    room = h - header
    if max(body) > room:
        raise Unfit.of(f"a row of {table.named} is taller than a slide even at {size:g} pt", pos=table.pos)
    pages = len(_pack(body, room))
    low, high = max(body), room
    while low < high:  # the smallest capacity that still needs no more pages: balanced pages
        middle = (low + high) // 2
        if len(_pack(body, middle)) <= pages:
            high = middle
        else:
            low = middle + 1
    shapes = []
    for start, end in _pack(body, low):
        rows_h = [header, *body[start:end]]
        shapes.append(_table_shape(ctx, table, name, x, y, w, widths, rows_h, table.rows[start:end], size))
    return shapes


def _pack(heights: Sequence[int], room: int) -> list[tuple[int, int]]:
    """Greedy (start, end) ranges of consecutive ``heights`` each summing to at most ``room``."""
    ranges, start, used = [], 0, 0
    for index, height in enumerate(heights):
        if used + height > room and index > start:
            ranges.append((start, index))
            start, used = index, 0
        used += height
    ranges.append((start, len(heights)))
    return ranges
