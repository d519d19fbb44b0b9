"""How the brief sets a table: column widths from the content, its size, its page and its parts.

In: a ``Table`` and the theme's table size in points.
Out: a ``TableLayout``: the size the table is set at, whether it needs an A4 landscape page,
and one or more parts — the columns each shows (a split table repeats its first column) with
their widths in percent — plus which columns are numeric (right-aligned).

Widths follow a browser's automatic table layout, computed here from the bundled faces'
metrics (``exporter.text.metrics``) so that WeasyPrint can lay the table out with fixed
widths: a column's minimum is its widest unbreakable piece (a Latin word or a number; Japanese
breaks between characters), its preferred width its longest text. When every preferred width
fits, the columns share the width in proportion to them; otherwise each column gets its minimum
and the rest is shared in proportion to what each still wants, so no word or number is broken
while any column has room. When even the minimums do not fit, the table is set smaller (down
to ``SMALLEST_SIZE``), then on a landscape page, then its columns are split into parts.
"""

from __future__ import annotations

from dataclasses import dataclass

from exporter.model import Table
from exporter.text.metrics import characters, face_width
from exporter.text.numbers import numeric_columns

PORTRAIT_MM = 210 - 2 * 18
"""Width of the text column on an A4 portrait page (the margins of ``brief.css.j2``)."""

LANDSCAPE_MM = 297 - 2 * 18
"""Width of the text column on an A4 landscape page."""

CELL_PADDING_MM = 2 * 2.5
"""Left and right padding of a cell (``th, td`` in ``brief.css.j2``)."""

SLACK_PT = 1.0
"""Points added to every measured width: rounding in WeasyPrint's layout."""

SIZE_STEPS = (0, 1, 2)
"""Points by which a table too wide for the page is set smaller before it turns the page."""

SMALLEST_SIZE = 7.0
"""No table is set smaller than this, in points."""


@dataclass(frozen=True)
class TablePart:
    """Some of a table's columns, set as one table: their indices and widths in percent."""

    columns: tuple[int, ...]
    widths: tuple[float, ...]


@dataclass(frozen=True)
class TableLayout:
    size: float
    """Font size in points."""
    landscape: bool
    """Whether the table needs an A4 landscape page."""
    parts: tuple[TablePart, ...]
    """One part, or the column groups of a table too wide for any page, each repeating column 0."""
    numeric: tuple[bool, ...]
    """Per column: whether every value is a number (right-aligned)."""


def layout(table: Table, size: float) -> TableLayout:
    """Where and how ``table`` fits, at ``size`` points or smaller, on a portrait or landscape page."""
    numeric = numeric_columns(table)
    sizes = sorted({max(SMALLEST_SIZE, size - step) for step in SIZE_STEPS}, reverse=True)
    everything = tuple(range(len(table.header)))
    table = _Measured(table)
    for landscape, page_mm in ((False, PORTRAIT_MM), (True, LANDSCAPE_MM)):
        for points in sizes:
            widths = _widths(table, everything, points, page_mm)
            if widths is not None:
                return TableLayout(points, landscape, (TablePart(everything, widths),), numeric)
    return TableLayout(sizes[-1], True, _split(table, sizes[-1], LANDSCAPE_MM), numeric)


class _Measured:
    """A table whose columns' bounds are measured once per size: splitting a wide table asks for
    each column's many times."""

    def __init__(self, table: Table):
        self.header = table.header
        self.rows = table.rows
        self.bounds: dict[tuple[int, float], tuple[float, float]] = {}


def _bounds(table: _Measured, column: int, size: float) -> tuple[float, float]:
    """A column's minimum and preferred widths in points, padding included (measured once)."""
    key = (column, size)
    if key not in table.bounds:
        table.bounds[key] = _measure(table, column, size)
    return table.bounds[key]


def _measure(table: _Measured, column: int, size: float) -> tuple[float, float]:
    """A column's minimum and preferred widths in points, padding included."""
    padding = CELL_PADDING_MM / 25.4 * 72 + SLACK_PT
    cells = [(table.header[column], "bold")] + [
        (row[column], "bold" if column == 0 else "regular") for row in table.rows
    ]
    least = max(max((face_width(p.strip(), size, w) for p in characters(text)), default=0.0) for text, w in cells)
    most = max(face_width(text, size, weight) for text, weight in cells)
    return least + padding, max(most, least) + padding


def _widths(table: _Measured, columns: tuple[int, ...], size: float, page_mm: float) -> tuple[float, ...] | None:
    """Percent widths of ``columns`` across ``page_mm``, or None when their minimums do not fit."""
    available = page_mm / 25.4 * 72
    bounds = [_bounds(table, column, size) for column in columns]
    least = sum(low for low, _ in bounds)
    most = sum(high for _, high in bounds)
    if least > available:
        return None
    if most <= available:
        points = [high * available / most for _, high in bounds]
    else:
        share = (available - least) / (most - least)
        points = [low + (high - low) * share for low, high in bounds]
    return tuple(round(100 * p / available, 3) for p in points)


def _split(table: _Measured, size: float, page_mm: float) -> tuple[TablePart, ...]:
    """The table's columns in as few groups as fit ``page_mm`` beside column 0, in order, and as
    even as that count allows (19 columns over four parts are 5 + 5 + 5 + 4, not 6 + 6 + 6 + 1)."""
    groups: list[list[int]] = [[]]
    for column in range(1, len(table.header)):
        if groups[-1] and _widths(table, (0, *groups[-1], column), size, page_mm) is None:
            groups.append([])
        groups[-1].append(column)
    rest = [column for group in groups for column in group]
    if not rest:  # one column, wider than the page on its own
        return (_part(table, (0,), size, page_mm),)
    per = -(-len(rest) // len(groups))
    even = [rest[i : i + per] for i in range(0, len(rest), per)]
    if len(even) == len(groups) and all(_widths(table, (0, *g), size, page_mm) for g in even):
        groups = even
    return tuple(_part(table, (0, *group), size, page_mm) for group in groups)


def _part(table: _Measured, columns: tuple[int, ...], size: float, page_mm: float) -> TablePart:
    widths = _widths(table, columns, size, page_mm)
    if widths is None:  # a column wider than the page on its own: even shares, its words wrap anywhere
        widths = tuple(round(100 / len(columns), 3) for _ in columns)
    return TablePart(columns, widths)
