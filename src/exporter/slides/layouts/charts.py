"""A table drawn as a native chart on a slide of its own.

In: a ``Context``, a ``Table`` and its ``ChartPlan`` (``exporter.charts.plan``).
Out: the chart's slides — titled with the table's headline (else its caption, else its section's
title): the chart with the table's caption below it and, when the whole table fits beside it (its
right ``TABLE_SHARE``, or a template's second body) at a table size, the table there as the exact
figures; otherwise the chart across the slide, followed, for a key table, by the table's own
slides, titled with its caption (else its section's title).
"""

from __future__ import annotations

from exporter.charts.plan import ChartPlan, palette
from exporter.model import Table
from exporter.slides.context import Context
from exporter.slides.frame import slide
from exporter.slides.grid import GAP, Grid, Rect
from exporter.slides.layouts.findings import table_slides
from exporter.slides.notes import block_notes
from exporter.slides.shapes import ChartShape, Shape, Slide
from exporter.slides.tables import CAPTION_GAP, caption, table_frames

TABLE_SHARE = 0.4
"""Share of the content width the table takes beside its chart."""


def chart_slides(ctx: Context, table: Table, chart: ChartPlan) -> list[Slide]:
    """The slide of ``table``'s chart, with the table beside it when it fits there whole (a
    ``chart-table`` slide, of role ``two-content``); else the chart alone, then the table's slides
    when the table is a key table."""
    left, right = _sides(ctx.grid)
    probe = caption(ctx, table, left.x, 0, left.w)
    frames = table_frames(ctx, table, right.x, right.y, right.w, right.h)
    beside = frames is not None and len(frames) == 1
    area = left if beside else ctx.grid.content
    room = area.h - probe.h - CAPTION_GAP
    box = caption(ctx, table, area.x, area.y + room + CAPTION_GAP, area.w)
    chart_h = area.h - box.h - CAPTION_GAP
    shapes: list[Shape] = [chart_shape(ctx, chart, area.x, area.y, area.w, chart_h), box]
    if beside and frames:
        shapes.insert(1, frames[0])
    named = table.caption_under(ctx.section_of(table))
    made = [slide(ctx, "chart-table" if beside else "chart", table.headline or named, shapes, block_notes(ctx, table))]
    return made if beside or not table.key else made + table_slides(ctx, table, named)


def _sides(grid: Grid) -> tuple[Rect, Rect]:
    """The chart's box and the box of the table beside it: a template's two bodies (``Grid.halves``),
    else the content box with the table on its right ``TABLE_SHARE``."""
    if grid.halves is not None:
        return grid.halves
    c = grid.content
    table_w = round(c.w * TABLE_SHARE)
    chart_w = c.w - table_w - GAP
    return Rect(c.x, c.y, chart_w, c.h), Rect(c.x + chart_w + GAP, c.y, table_w, c.h)


def chart_shape(ctx: Context, chart: ChartPlan, x: int, y: int, w: int, h: int) -> ChartShape:
    """The native chart of ``chart`` at this frame, in the theme's colours."""
    colors = ctx.colors
    return ChartShape(
        "Chart",
        x,
        y,
        w,
        h,
        chart,
        palette(colors.primary, colors.accent, colors.muted),
        colors.text,
        colors.muted,
        colors.rule,
        colors.on_primary,
        ctx.sizes.table_size[0] + 2,
        ctx.lang,
        chart.alt(),
    )
