"""One chart from a table of numbers: what the deck and the brief both draw.

In: a ``Table`` (its ``ChartMark``, if the source marked it; the rules below for ``auto``).
Out: a ``ChartPlan`` — its kind (column, bar, line, pie; stacked or not), categories in the
table's order, series of values (``None`` for a gap) each with the number format the source
wrote, the unit, the value axis (low, high, step) and whether points carry labels — or a
``NoChart`` with the reason the table cannot be one. ``chartable`` tells which unmarked tables
look like charts (``exporter check`` hints at them).

The rules (docs/source-format.md, "Charts"): total rows, change and note columns are left out;
a total column equal to the sum of the others makes a stacked chart and is left out; ``n/a``,
dashes and ``?`` are gaps. For ``auto``: time-like categories (the first column, or a header of
periods, which turns the table so that each row is a series) → a line, or columns for four points
or fewer; one series of shares summing to about 100 over six rows or fewer → a pie; a total
column → stacked; more than eight categories or long labels → horizontal bars; otherwise columns,
clustered when several series. A total column decides before periods do: a breakdown over time is
stacked. Pure: no I/O, no renderer.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from exporter.model import ChartMark, Table
from exporter.text.metrics import text_width
from exporter.text.numbers import Reading, is_gap, read_number

MANY_CATEGORIES = 8
"""Categories beyond which a chart lies on its side (horizontal bars), where labels have room."""

LONG_LABEL_PT = 80.0
"""Width of a category label at 10 pt beyond which bars lie on their side (some 8 Japanese
characters, 14 Latin ones)."""

FEW_POINTS = 4
"""Periods up to which a time series is drawn as columns rather than a line."""

MOST_PIE_SLICES = 6
"""Most slices of a pie; more shares are read more easily as bars."""

PIE_TOTAL = (98.5, 101.5)
"""The sum of shares that reads as a whole (rounding of each share allowed for)."""

THINNEST_LABELLED = 0.06
"""Share of the value axis a stacked segment needs to carry its label inside it."""

MOST_CATEGORIES = 40
"""Most categories a chart shows (a bar each, some 16 pt apart in the brief); a longer table stays a table."""

MOST_SERIES = 10
"""Most series a chart shows (the palette has seven colours, a legend one row or two)."""

MOST_LABELS = 40
"""Most labelled points in a chart; beyond them the axis and the table below carry the values."""

_TOTAL = re.compile(r"(total|sum|grand total|all|合計|総計|計|小計|全体|総額|合計額|總計|合计|총계|합계)\b.*", re.I)
_CHANGE = re.compile(
    r".*(\b(change|growth|yoy|y/y|q/q|m/m|mom|delta|diff)\b|Δ|前年比|前期比|増減|変化|伸び率|成長率|増加率|前年差|差異|增减|同比|"
    r"증감).*|.*差",
    re.I,
)
_NOTE = re.compile(
    r".*\b(notes?|comments?|remarks?|sources?)\b.*|.*(備考|注記|注釈|コメント|出典|备注|비고).*|注", re.I
)
_UNIT = re.compile(r"[(（\[]\s*([^()（）\[\]]{1,16}?)\s*[)）\]]\s*$")
_PERIOD = re.compile(
    r"((FY|CY|H[12]|Q[1-4]|FY\s?Q[1-4])\s?'?\d{2,4}|'?\d{2,4}\s?(Q[1-4]|H[12])|(19|20)\d\d(年度?|年\d{1,2}月|/\d{1,2}|-\d{1,2}"
    r"|\.\d{1,2}|年?上期|年?下期|年?第?[1-4]四半期)?|\d{1,2}月|第?[1-4]四半期|[上下]期|"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(\s?'?\d{2,4})?|(19|20)\d\d\s?年?\s?[1-4]Q|[1-4]Q(\s?'?\d{2,4})?"
    r"|Q[1-4]|H[12])",
    re.I,
)


class NoChart(ValueError):
    """A table that cannot be drawn as a chart, and why."""


@dataclass(frozen=True)
class NumberFormat:
    """How a series' numbers are written: as the source wrote them (``Reading``'s fields)."""

    decimals: int = 0
    grouped: bool = False
    prefix: str = ""
    suffix: str = ""
    negative: str = "-"

    def text(self, value: float) -> str:
        """``value`` written in this format: ``1,234.5%``, ``△12``, ``(12)``, ``$1,200``."""
        digits = f"{abs(value):,.{self.decimals}f}" if self.grouped else f"{abs(value):.{self.decimals}f}"
        shown = f"{self.prefix}{digits}{self.suffix}"
        if value >= 0 or not float(digits.replace(",", "")):
            return shown
        return f"({shown})" if self.negative == "()" else f"{self.negative}{shown}"

    def excel(self) -> str:
        """The same format as an Excel number format code (the deck's labels, axis and workbook);
        a percent sign is a literal, so values are never multiplied by 100."""
        digits = ("#,##0" if self.grouped else "0") + ("." + "0" * self.decimals if self.decimals else "")
        shown = _literal(self.prefix) + digits + _literal(self.suffix)
        if self.negative == "()":
            return f"{shown};({shown})"
        return f"{shown};{_literal(self.negative)}{shown}"


def _literal(text: str) -> str:
    return f'"{text.replace(chr(34), "")}"' if text else ""


@dataclass(frozen=True)
class Series:
    """One series: its name (a column's header, or a row's first cell) and its values in category
    order (None: a gap)."""

    name: str
    values: tuple[float | None, ...]
    format: NumberFormat


@dataclass(frozen=True)
class Axis:
    """The value axis: from ``low`` to ``high`` in steps of ``step`` (ticks and gridlines)."""

    low: float
    high: float
    step: float

    @property
    def ticks(self) -> tuple[float, ...]:
        count = round((self.high - self.low) / self.step)
        return tuple(round(self.low + i * self.step, 10) for i in range(count + 1))


@dataclass(frozen=True)
class ChartPlan:
    """A chart as both renderers draw it."""

    kind: str
    """``column``, ``bar`` (horizontal), ``line`` or ``pie``."""
    stacked: bool
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str | None
    axis: Axis | None
    """None for a pie."""
    labels: bool
    """Whether every point is labelled with its value."""
    title: str
    """The table's headline, else its title."""

    @property
    def legend(self) -> bool:
        """Whether the chart needs a legend: several series (a pie labels its slices)."""
        return self.kind != "pie" and len(self.series) > 1

    @property
    def format(self) -> NumberFormat:
        """The axis's number format: the first series', with as many decimals as its step needs and
        negatives written as any series writes them."""
        step = self.axis.step if self.axis else 1.0
        decimals = next(d for d in range(4) if abs(step * 10**d - round(step * 10**d)) < 1e-6 or d == 3)
        negative = next((s.format.negative for s in self.series if s.format.negative != "-"), "-")
        return dataclasses.replace(self.series[0].format, decimals=decimals, negative=negative)

    def labelled(self, series: int, point: int) -> bool:
        """Whether point ``point`` of series ``series`` carries its value: every point of a labelled
        chart, but a stacked segment only when it is tall enough to hold it, and of several lines,
        which would cross their labels, only each line's last point."""
        values = self.series[series].values
        value = values[point]
        if not self.labels or value is None:
            return False
        if self.kind == "line" and len(self.series) > 1:
            return point == max(i for i, v in enumerate(values) if v is not None)
        if not self.stacked or self.axis is None:
            return True
        return abs(value) >= THINNEST_LABELLED * (self.axis.high - self.axis.low)

    def alt(self) -> str:
        """The chart told in words, for screen readers: the title, then each series' values."""
        told = [
            f"{s.name}: " + ", ".join(f"{c} {s.format.text(v) if v is not None else '–'}" for c, v in zip(
                self.categories, s.values, strict=True))
            for s in self.series
        ]  # fmt: skip
        unit = f" ({self.unit})" if self.unit else ""
        return f"{self.title}{unit}. " + "; ".join(told)


@lru_cache(maxsize=256)
def chart_of(table: Table) -> ChartPlan | None:
    """The chart the source asks of ``table``; None when it asks none or the table cannot be one
    (``chart_problem`` says why)."""
    if table.chart is None:
        return None
    try:
        return plan(table, table.chart)
    except NoChart:
        return None


def chart_problem(table: Table) -> str | None:
    """Why a table marked as a chart cannot be one; None when it can (or is not marked)."""
    if table.chart is None:
        return None
    try:
        plan(table, table.chart)
    except NoChart as exc:
        return str(exc)
    return None


def chartable(table: Table) -> bool:
    """Whether an unmarked table looks like a chart: two to 40 categories and a column of numbers
    in every row (not an identifier, such as a year, alone)."""
    if table.chart is not None or not 2 <= len(table.rows) <= MOST_LABELS:
        return False
    try:
        made = plan(table, ChartMark())
    except NoChart:
        return False
    return all(v is not None for s in made.series[:1] for v in s.values)


def plan(table: Table, mark: ChartMark) -> ChartPlan:
    """The chart of ``table`` as ``mark`` asks; ``NoChart`` if it has nothing to plot."""
    rows = [row for row in table.rows if not _TOTAL.fullmatch(row[0].strip())]
    total_rows = [row for row in table.rows if _TOTAL.fullmatch(row[0].strip())]
    header = tuple(cell.strip() for cell in table.header)
    if not rows:
        raise NoChart("it has no rows but totals")
    columns = _value_columns(header, rows, mark)
    totals = _total_columns(header, rows, columns)
    columns = [c for c in columns if c not in totals]
    if not columns:
        raise NoChart("it has no column of numbers to plot")
    labels = tuple(row[0].strip() for row in rows)
    periods = (
        not mark.series and not _timely(labels) and len(columns) > 1 and _timely(tuple(header[c] for c in columns))
    )
    if periods:  # a header of periods: each row is a series over them
        categories = tuple(header[c] for c in columns)
        series = tuple(_series(row[0].strip(), [row[c] for c in columns]) for row in rows)
    else:
        categories = labels
        series = tuple(_series(header[c], [row[c] for row in rows]) for c in columns)
    series = tuple(s for s in series if s is not None)
    if not series:
        raise NoChart("its numbers are not written alike (units or currencies differ)")
    if len(categories) > MOST_CATEGORIES or len(series) > MOST_SERIES:
        raise NoChart(
            f"it has {len(categories)} categories and {len(series)} series; a chart shows at most "
            f"{MOST_CATEGORIES} and {MOST_SERIES}"
        )
    if periods:  # the rows are the series: a total row adding them up makes the stack
        totals = {0} if total_rows and len(rows) > 1 and all(
            _adds_up((total_rows[0][c], *(row[c] for row in rows)), 0, list(range(1, len(rows) + 1))) for c in columns
        ) else set()  # fmt: skip
    kind, stacked = _kind(mark.kind, categories, series, bool(totals), periods or _timely(labels))
    if kind == "pie":
        series = series[:1]
        if any(v is not None and v < 0 for v in series[0].values):
            raise NoChart("a pie cannot show negative values")
    points = len(categories) * len(series)
    label = kind == "pie" or points <= (MOST_LABELS if kind != "line" else MOST_LABELS // 2)
    unit = mark.unit or _unit(header, columns)
    axis = None if kind == "pie" else _axis(series, stacked, kind == "line")
    return ChartPlan(kind, stacked, categories, series, unit, axis, label, table.headline or table.title)


def _value_columns(header: tuple[str, ...], rows: list[tuple[str, ...]], mark: ChartMark) -> list[int]:
    """The columns to plot: the ones ``mark`` names, else every column after the first of numbers
    (gaps allowed) that is no change or note column."""

    def numeric(column: int) -> bool:
        cells = [row[column] for row in rows]
        return any(not is_gap(c) for c in cells) and all(is_gap(c) or read_number(c) is not None for c in cells)

    if mark.series:
        wanted = [header.index(name.strip()) for name in mark.series]
        for column in wanted:
            if not numeric(column):
                raise NoChart(f"column '{header[column]}' holds cells that are not numbers")
        return wanted
    return [c for c in range(1, len(header)) if numeric(c) and not _left_out(header[c], [row[c] for row in rows])]


def _left_out(name: str, cells: list[str]) -> bool:
    """Whether a column of numbers is left out of an ``auto`` chart: a change or note column, or
    one of years (when something happened, not how much)."""
    years = all(re.fullmatch(r"(19|20)\d\d", c.strip()) for c in cells if not is_gap(c))
    return bool(_CHANGE.fullmatch(name) or _NOTE.fullmatch(name)) or years


def _total_columns(header: tuple[str, ...], rows: list[tuple[str, ...]], columns: list[int]) -> set[int]:
    """The column that totals the others (named so, or equal to their sum on every row), if any."""
    if len(columns) < 3:
        return set()
    for column in columns:
        others = [c for c in columns if c != column]
        sums_up = all(_adds_up(row, column, others) for row in rows)
        if sums_up and (_TOTAL.fullmatch(header[column]) or column == columns[-1]):
            return {column}
    return set()


def _adds_up(row: tuple[str, ...], column: int, others: list[int]) -> bool:
    """Whether the cell at ``column`` is the sum of those at ``others``, to the rounding of each
    (half a unit of its last decimal) or a thousandth of the total."""
    total = read_number(row[column])
    found = [read_number(row[c]) for c in others]
    parts = [p for p in found if p is not None]
    if total is None or len(parts) < len(found):
        return False
    unit = 10.0 ** -max(total.decimals, *(p.decimals for p in parts))
    slack = max(0.001 * abs(total.value), 0.5 * unit * (len(parts) + 1))
    return abs(sum(p.value for p in parts) - total.value) <= slack


def _timely(texts: tuple[str, ...]) -> bool:
    """Whether every text names a period (a year, a quarter, a month, a fiscal year)."""
    return len(texts) > 1 and all(_PERIOD.fullmatch(t.strip()) for t in texts)


def _series(name: str, cells: list[str]) -> Series | None:
    """A series of ``cells``, in the format most of them are written in; None when their prefixes
    or suffixes differ (units that cannot share an axis)."""
    readings: list[Reading | None] = [None if is_gap(c) else read_number(c) for c in cells]
    found = [r for r in readings if r is not None]
    if not found or len({(r.prefix, r.suffix) for r in found}) > 1:
        return None
    negative = next((r.negative for r in found if r.value < 0), "-")
    grouped = any(r.grouped for r in found)
    number = NumberFormat(max(r.decimals for r in found), grouped, found[0].prefix, found[0].suffix, negative)
    return Series(name, tuple(r.value if r else None for r in readings), number)


def _kind(
    asked: str, categories: tuple[str, ...], series: tuple[Series, ...], total: bool, time: bool
) -> tuple[str, bool]:
    """The kind of chart and whether it is stacked: as asked, or for ``auto`` by the rules above."""
    sideways = len(categories) > MANY_CATEGORIES or max(text_width(c, 10) for c in categories) > LONG_LABEL_PT
    if asked == "stacked":
        return ("bar" if sideways else "column"), True
    if asked != "auto":
        return asked, False
    if total:  # a breakdown (over time too): its parts stacked to the total
        return ("bar" if sideways else "column"), True
    if time:
        return ("line" if len(categories) > FEW_POINTS else "column"), False
    if len(series) == 1 and len(categories) <= MOST_PIE_SLICES and _shares(series[0]):
        return "pie", False
    return ("bar" if sideways else "column"), False


def _shares(series: Series) -> bool:
    values = series.values
    if any(v is None or v < 0 for v in values):
        return False
    return PIE_TOTAL[0] <= sum(v for v in values if v is not None) <= PIE_TOTAL[1]


def _unit(header: tuple[str, ...], columns: list[int]) -> str | None:
    """The unit the plotted columns' headers name in brackets (``売上(億円)``, ``Revenue ($m)``), when
    they name one and the same."""
    units = {m[1] if (m := _UNIT.search(header[c])) else None for c in columns}
    return units.pop() if len(units) == 1 else None


def _axis(series: tuple[Series, ...], stacked: bool, line: bool) -> Axis:
    """The value axis: from zero (or, for a line whose values stay far from it, just below them) to
    just above the highest value (or stacked sum), in about five round steps."""
    values = [v for s in series for v in s.values if v is not None]
    if stacked:
        columns = list(zip(*(s.values for s in series), strict=True))
        values = [sum(v for v in c if v is not None and v > 0) for c in columns]
        values += [sum(v for v in c if v is not None and v < 0) for c in columns]
    low, high = min(*values, 0.0), max(*values, 0.0)
    if line and min(values) > 0 and min(values) > 0.5 * max(values):
        low = min(values)
    if high == low:
        high = low + 1
    step = _nice((high - low) / 5)
    return Axis(math.floor(low / step) * step, math.ceil(high / step - 1e-9) * step, step)


def _nice(rough: float) -> float:
    """The round step (1, 2, 2.5 or 5 times a power of ten) nearest above ``rough``."""
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough * 0.999)


PALETTE_TINT = 0.45
"""How far toward white the second round of series colours is mixed."""


def palette(primary: str, accent: str, muted: str) -> tuple[str, ...]:
    """The series colours, from the theme's: primary, accent, muted, then each mixed toward white."""
    base = (primary, accent, muted)
    return (*base, *(_mix(c, "#FFFFFF", PALETTE_TINT) for c in base), _mix(primary, accent, 0.5))


def _mix(a: str, b: str, share: float) -> str:
    left, right = (tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in (a, b))
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(left, right, strict=True))


def on_color(fill: str, light: str, dark: str) -> str:
    """Of ``light`` and ``dark``, the text colour that reads on ``fill`` (by its luminance)."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return light if 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.55 else dark
