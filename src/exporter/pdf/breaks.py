"""Which blocks and table rows the brief keeps from being cut by a page break.

In: a block of the model (a list, a quote, a table) or a table row, the theme's sizes and, for a
table, its layout (``exporter.pdf.tables``).
Out: whether it is short enough — at most ``KEPT_SHARE`` of a page, by an estimate that errs
long — for ``break-inside: avoid`` to keep it whole. A block taller than a page that avoided
breaks would be pushed whole to the next page, leaving its heading or caption alone at the foot
of the page before (WeasyPrint then cuts it anyway): such blocks run over pages instead.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from functools import cache

from exporter.model import Block, BulletList, Quote, Table
from exporter.pdf.tables import CELL_PADDING_MM, LANDSCAPE_MM, PORTRAIT_MM, TableLayout
from exporter.theme import Theme

PT_PER_MM = 72 / 25.4
PAGE_HEIGHT_PT = {False: (297 - 2 * 20) * PT_PER_MM, True: (210 - 2 * 20) * PT_PER_MM}
"""Height of the text area of an A4 page, portrait and landscape (``@page`` in ``brief.css.j2``)."""

KEPT_SHARE = 0.85
"""The largest share of a page a block may take and still be kept whole: the rest leaves room
for the heading or caption kept with it."""

TABLE_LINE_HEIGHT = 1.55
"""``line-height`` of tables in ``brief.css.j2``."""

CELL_PADDING_PT = 2 * 1.6 * PT_PER_MM + 0.6
"""Top and bottom padding of a cell and its rule (``th, td`` in ``brief.css.j2``)."""


@cache
def _em(char: str) -> float:
    """A character's width in em, on the long side: full-width glyphs one em, others 0.6."""
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6


def lines(text: str, size: float, width_pt: float) -> int:
    """Lines ``text`` takes at ``size`` points in ``width_pt``, on the long side (a line
    breaks before a word that does not fit: some 15 % more)."""
    ems = sum(_em(char) for char in text)
    return max(1, math.ceil(ems * size * 1.15 / max(width_pt, size)))


def _list_height(block: BulletList, theme: Theme, width_pt: float) -> float:
    size = theme.pdf.body_size
    line = size * theme.pdf.line_height
    height = line if block.label else 0.0
    inner = width_pt - 6.5 * PT_PER_MM
    for index, item in enumerate(block.items):
        height += lines(item, size, inner) * line + 0.25 * size
        child = block.children[index] if index < len(block.children) else None
        if child is not None:
            height += _list_height(child, theme, inner)
    return height


def _quote_height(block: Quote, theme: Theme, width_pt: float) -> float:
    size = theme.pdf.body_size
    line = size * theme.pdf.line_height
    inner = width_pt - 10 * PT_PER_MM - 2.5
    labels = sum(1 for text in (block.label, block.attribution) if text)
    return 6 * PT_PER_MM + labels * line + sum(lines(p, size, inner) * line + 0.5 * size for p in block.paragraphs)


HEIGHTS: dict[str, Callable[..., float]] = {"list": _list_height, "quote": _quote_height}
"""The estimated height in points of each kind of block that ``break-inside: avoid`` may keep whole."""


def keeps_whole(block: Block, theme: Theme) -> bool:
    """Whether the brief keeps ``block`` (a list or a quote) on one page."""
    height = HEIGHTS[block.kind](block, theme, PORTRAIT_MM * PT_PER_MM)
    return height <= KEPT_SHARE * PAGE_HEIGHT_PT[False]


def row_heights(table: Table, plan: TableLayout) -> list[float]:
    """The estimated height in points of each row of ``table`` set by ``plan``, its header first:
    the tallest cell of the row, in the part of the table where it is tallest."""
    page_pt = (LANDSCAPE_MM if plan.landscape else PORTRAIT_MM) * PT_PER_MM
    line = plan.size * TABLE_LINE_HEIGHT
    heights = []
    for row in (table.header, *table.rows):
        tallest = 0
        for part in plan.parts:
            for column, percent in zip(part.columns, part.widths, strict=True):
                width = percent / 100 * page_pt - CELL_PADDING_MM * PT_PER_MM
                tallest = max(tallest, lines(row[column], plan.size, width))
        heights.append(tallest * line + CELL_PADDING_PT)
    return heights


def tall_rows(table: Table, plan: TableLayout) -> frozenset[int]:
    """The rows of ``table`` (from 0, the header aside) too tall to be kept from a page break."""
    most = KEPT_SHARE * PAGE_HEIGHT_PT[plan.landscape]
    return frozenset(index for index, height in enumerate(row_heights(table, plan)[1:]) if height > most)


def table_fits(table: Table, plan: TableLayout) -> bool:
    """Whether ``table``, set by ``plan`` with its caption, takes at most ``KEPT_SHARE`` of a page."""
    caption = plan.size * 2
    return caption + sum(row_heights(table, plan)) <= KEPT_SHARE * PAGE_HEIGHT_PT[plan.landscape]
