"""Draw a chart plan as SVG for the brief: the chart the deck draws natively, as vector graphics.

In: a ``ChartPlan`` (``exporter.charts.plan``), its colours (the series palette, and the theme's
text, muted and rule colours), the face's family and the width in points.
Out: an ``<svg>`` element as a string — its ``<title>`` the chart told in words (the PDF's alt
text), every label real text (WeasyPrint sets it in the brief's face, so it is in the text
layer), everything from the source escaped. Same kind, order, colours, labels and number formats
as the deck: columns and stacked columns, horizontal bars (categories top to bottom as in the
table), lines with markers, a pie from twelve o'clock clockwise, labelled with category and value.
Widths come from the bundled faces' metrics (``exporter.text.metrics``); no plotting library.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from exporter.charts.plan import ChartPlan, on_color
from exporter.text.metrics import text_width, wrap

LABEL_SIZE = 7.5
"""Points of the value labels, ticks and unit."""
CATEGORY_SIZE = 8.0
"""Points of the category labels and the legend."""
LINE = 1.25
"""Line pitch, in multiples of the size."""
HEIGHT = 180.0
"""Height of a column, line or pie chart in points."""
BAR_PITCH = 16.0
"""Height of each category of a horizontal bar chart, in points."""


@dataclass(frozen=True)
class Colours:
    """What a chart is drawn in: the series (or slices) in order, then the theme's own."""

    series: tuple[str, ...]
    text: str
    muted: str
    rule: str
    light: str
    """Text on a dark fill (a label inside a stacked segment)."""

    def of(self, index: int) -> str:
        return self.series[index % len(self.series)]


class _Canvas:
    def __init__(self, family: str, colours: Colours):
        self.parts: list[str] = []
        self.family = family
        self.colours = colours

    def text(
        self, x: float, y: float, text: str, size: float, fill: str, anchor: str = "start", rotate: bool = False
    ) -> None:
        turn = f' transform="rotate(-90 {x:.2f} {y:.2f})"' if rotate else ""
        self.parts.append(
            f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size:g}" fill="{fill}" text-anchor="{anchor}"{turn}>'
            f"{escape(text)}</text>"
        )

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        if w > 0 and h > 0:
            self.parts.append(f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" fill="{fill}"/>')

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, width: float) -> None:
        self.parts.append(
            f'<line x1="{x1:.2f}" y1="{y1:.2f}" x2="{x2:.2f}" y2="{y2:.2f}" stroke="{stroke}" '
            f'stroke-width="{width:g}"/>'
        )

    def svg(self, width: float, height: float, title: str) -> str:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width:.2f}pt" height="{height:.2f}pt" '
            f'viewBox="0 0 {width:.2f} {height:.2f}" font-family={quoteattr(self.family)}>'
            f"<title>{escape(title)}</title>{''.join(self.parts)}</svg>"
        )


def svg(plan: ChartPlan, colours: Colours, family: str, width: float) -> str:
    """The chart of ``plan`` as an SVG element ``width`` points wide."""
    canvas = _Canvas(family, colours)
    if plan.kind == "pie":
        height = HEIGHT
        _pie(canvas, plan, width, height)
    else:
        top = _legend(canvas, plan, width)
        height = top + len(plan.categories) * BAR_PITCH + 34 if plan.kind == "bar" else HEIGHT
        _axes(canvas, plan, width, height, top)
    return canvas.svg(width, height, plan.alt())


def _legend(canvas: _Canvas, plan: ChartPlan, width: float) -> float:
    """The legend's rows centred across the top, as the deck's (several series only); how far
    down they reach."""
    if not plan.legend:
        return 4.0
    rows: list[list[tuple[int, float]]] = [[]]
    used = 0.0
    for index, series in enumerate(plan.series):
        item = 12 + text_width(series.name, CATEGORY_SIZE) + 10
        if rows[-1] and used + item > width:
            rows.append([])
            used = 0.0
        rows[-1].append((index, item))
        used += item
    y = CATEGORY_SIZE + 2
    for row in rows:
        x = (width - sum(item for _, item in row) + 10) / 2
        for index, item in row:
            canvas.rect(x, y - CATEGORY_SIZE * 0.8, 8, 8, canvas.colours.of(index))
            canvas.text(x + 11, y, plan.series[index].name, CATEGORY_SIZE, canvas.colours.text)
            x += item
        y += CATEGORY_SIZE * LINE + 2
    return y - CATEGORY_SIZE * LINE + 6


def _axes(canvas: _Canvas, plan: ChartPlan, width: float, height: float, top: float) -> None:
    """Gridlines, ticks, category labels and the points of a column, bar or line chart."""
    axis, number, colours = plan.axis, plan.format, canvas.colours
    assert axis is not None
    ticks = axis.ticks
    tick_w = max(text_width(number.text(t), LABEL_SIZE) for t in ticks) + 4
    sideways = plan.kind == "bar"
    unit_room = (LABEL_SIZE * LINE if sideways else text_width(plan.unit, LABEL_SIZE) + 6) if plan.unit else 0.0
    if sideways:
        widest = max(text_width(c, CATEGORY_SIZE) for c in plan.categories) + 6
        left = min(widest, width * 0.35)
        x0, x1, y0, y1 = left, width - tick_w / 2 - 2, top + 4, height - LABEL_SIZE * LINE - 4 - unit_room
    else:
        x0, x1, y0 = unit_room + tick_w, width - 4, top + LABEL_SIZE * LINE + 2
        band = (x1 - x0) / len(plan.categories)
        rows = max(len(_lines(c, band - 4)) for c in plan.categories)
        y1 = height - rows * CATEGORY_SIZE * LINE - 4
    span = axis.high - axis.low

    def at(value: float) -> float:  # a value's position along the value axis
        share = (value - axis.low) / span
        return x0 + share * (x1 - x0) if sideways else y1 - share * (y1 - y0)

    for tick in ticks:
        where, stroke = at(tick), colours.text if tick == 0 else colours.rule
        if sideways:
            canvas.line(where, y0, where, y1, stroke, 0.75 if tick == 0 else 0.5)
            canvas.text(where, y1 + LABEL_SIZE * LINE, number.text(tick), LABEL_SIZE, colours.muted, "middle")
        else:
            canvas.line(x0, where, x1, where, stroke, 0.75 if tick == 0 else 0.5)
            canvas.text(x0 - 4, where + LABEL_SIZE * 0.35, number.text(tick), LABEL_SIZE, colours.muted, "end")
    if plan.unit and sideways:
        canvas.text((x0 + x1) / 2, height - 3, plan.unit, LABEL_SIZE, colours.muted, "middle")
    elif plan.unit:  # upright, left of the axis, as the deck's axis title
        canvas.text(0, (y0 + y1) / 2 + LABEL_SIZE * 0.35, plan.unit, LABEL_SIZE, colours.muted)
    band = ((y1 - y0) if sideways else (x1 - x0)) / len(plan.categories)
    for index, category in enumerate(plan.categories):
        centre = (y0 if sideways else x0) + (index + 0.5) * band
        if sideways:
            lines = _lines(category, x0 - 6)
            first = centre - (len(lines) - 1) * CATEGORY_SIZE * LINE / 2 + CATEGORY_SIZE * 0.35
            for n, text in enumerate(lines):
                canvas.text(x0 - 5, first + n * CATEGORY_SIZE * LINE, text, CATEGORY_SIZE, colours.text, "end")
        else:
            for n, text in enumerate(_lines(category, band - 4)):
                canvas.text(centre, y1 + (n + 1) * CATEGORY_SIZE * LINE, text, CATEGORY_SIZE, colours.text, "middle")
    if plan.kind == "line":
        _lines_of(canvas, plan, x0, band, at)
    elif plan.stacked:
        _stacks(canvas, plan, (x0, y0) if not sideways else (y0, x0), band, at, sideways)
    else:
        _clusters(canvas, plan, x0 if not sideways else y0, band, at, sideways)


def _lines(text: str, width: float) -> list[str]:
    """A category label in at most three lines of ``width`` points, broken between phrases."""
    lines = wrap(text, max(width, CATEGORY_SIZE * 2), CATEGORY_SIZE, by="phrase")
    return [line.strip() for line in lines[:3]] or [""]


def _bar(canvas: _Canvas, start: float, thick: float, base: float, end: float, fill: str, sideways: bool) -> None:
    low, high = min(base, end), max(base, end)
    if sideways:
        canvas.rect(low, start, high - low, thick, fill)
    else:
        canvas.rect(start, low, thick, high - low, fill)


def _clusters(canvas: _Canvas, plan: ChartPlan, origin: float, band: float, at, sideways: bool) -> None:  # type: ignore[no-untyped-def]
    group = band * (0.6 if len(plan.series) == 1 else 0.75)
    thick = group / len(plan.series)
    zero = at(max(plan.axis.low, min(0.0, plan.axis.high)))  # type: ignore[union-attr]
    for s, series in enumerate(plan.series):
        fill = canvas.colours.of(s)
        for index, value in enumerate(series.values):
            if value is None:
                continue
            start = origin + index * band + (band - group) / 2 + s * thick
            end = at(value)
            _bar(canvas, start, thick, zero, end, fill, sideways)
            if not plan.labelled(s, index):
                continue
            label = series.format.text(value)
            if sideways:
                gap = 3 if value >= 0 else -3
                canvas.text(end + gap, start + thick / 2 + LABEL_SIZE * 0.35, label, LABEL_SIZE, canvas.colours.text,
                            "start" if value >= 0 else "end")  # fmt: skip
            else:
                y = end - 3 if value >= 0 else end + LABEL_SIZE + 2
                canvas.text(start + thick / 2, y, label, LABEL_SIZE, canvas.colours.text, "middle")


def _stacks(canvas: _Canvas, plan: ChartPlan, origin: tuple[float, float], band: float, at, sideways: bool) -> None:  # type: ignore[no-untyped-def]
    thick = band * 0.6
    colours = canvas.colours
    for index in range(len(plan.categories)):
        start = origin[0] + index * band + (band - thick) / 2
        above = below = 0.0
        for s, series in enumerate(plan.series):
            value = series.values[index]
            if value is None:
                continue
            base = above if value >= 0 else below
            end = base + value
            if value >= 0:
                above = end
            else:
                below = end
            fill = colours.of(s)
            _bar(canvas, start, thick, at(base), at(end), fill, sideways)
            if plan.labelled(s, index):
                middle = (at(base) + at(end)) / 2
                ink = on_color(fill, colours.light, colours.text)
                label = series.format.text(value)
                if sideways:
                    canvas.text(middle, start + thick / 2 + LABEL_SIZE * 0.35, label, LABEL_SIZE, ink, "middle")
                else:
                    canvas.text(start + thick / 2, middle + LABEL_SIZE * 0.35, label, LABEL_SIZE, ink, "middle")


def _lines_of(canvas: _Canvas, plan: ChartPlan, x0: float, band: float, at) -> None:  # type: ignore[no-untyped-def]
    for s, series in enumerate(plan.series):
        colour = canvas.colours.of(s)
        points = [(x0 + (i + 0.5) * band, at(v) if v is not None else 0.0, v) for i, v in enumerate(series.values)]
        path, pen = [], "M"
        for x, y, value in points:
            if value is None:
                pen = "M"
                continue
            path.append(f"{pen}{x:.2f},{y:.2f}")
            pen = "L"
        canvas.parts.append(f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for index, (x, y, value) in enumerate(points):
            if value is None:
                continue
            canvas.parts.append(f'<circle cx="{x:.2f}" cy="{y:.2f}" r="2.5" fill="{colour}"/>')
            if plan.labelled(s, index):
                canvas.text(x, y - 5, series.format.text(value), LABEL_SIZE, canvas.colours.text, "middle")


def _pie(canvas: _Canvas, plan: ChartPlan, width: float, height: float) -> None:
    """Slices from twelve o'clock, clockwise, each labelled outside with its category and value."""
    series = plan.series[0]
    values = [v or 0.0 for v in series.values]
    total = sum(values) or 1.0
    radius = height / 2 - 2 * CATEGORY_SIZE * LINE
    cx, cy = width / 2, height / 2
    angle = -math.pi / 2
    for index, (category, value) in enumerate(zip(plan.categories, values, strict=True)):
        sweep = 2 * math.pi * value / total
        if sweep <= 0:
            continue
        fill = canvas.colours.of(index)
        end = angle + sweep
        x1, y1 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        x2, y2 = cx + radius * math.cos(end), cy + radius * math.sin(end)
        large = 1 if sweep > math.pi else 0
        if sweep >= 2 * math.pi - 1e-9:
            canvas.parts.append(f'<circle cx="{cx:.2f}" cy="{cy:.2f}" r="{radius:.2f}" fill="{fill}"/>')
        else:
            canvas.parts.append(
                f'<path d="M{cx:.2f},{cy:.2f} L{x1:.2f},{y1:.2f} A{radius:.2f},{radius:.2f} 0 {large} 1 '
                f'{x2:.2f},{y2:.2f} Z" fill="{fill}" stroke="#FFFFFF" stroke-width="1"/>'
            )
        middle = angle + sweep / 2
        lx, ly = cx + (radius + 8) * math.cos(middle), cy + (radius + 8) * math.sin(middle)
        anchor = "start" if math.cos(middle) > 0.15 else "end" if math.cos(middle) < -0.15 else "middle"
        ly += CATEGORY_SIZE * 0.35 - (CATEGORY_SIZE * LINE / 2 if math.sin(middle) <= 0 else -CATEGORY_SIZE * 0.2)
        canvas.text(lx, ly, category, CATEGORY_SIZE, canvas.colours.text, anchor)
        canvas.text(lx, ly + CATEGORY_SIZE * LINE, series.format.text(value), LABEL_SIZE, canvas.colours.text, anchor)
        angle = end
