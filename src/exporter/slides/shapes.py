"""The plan's data: a deck as plain frozen dataclasses, every position and size in EMU.

In: values the planner computed (``exporter.slides.plan``).
Out: ``Deck`` — its ``Slide``s, each a title ``Box`` and ``Shape``s (text ``Box``es of ``Para``s of
``Run``s, native ``TableShape``s and ``ChartShape``s, ``Picture``s, decorative ``Bar``s), its footer
boxes and notes — and its core ``Properties``. ``exporter.slides.pptx`` draws exactly this;
``Deck.to_json()`` serialises it for golden-file tests and inspection.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field

from exporter.charts.plan import ChartPlan


@dataclass(frozen=True)
class Run:
    """Text in one style; ``"\\n"`` is a line break inside the paragraph."""

    text: str
    size: float
    color: str
    bold: bool = False
    lang: str = "ja-JP"
    italic: bool = False
    href: str | None = None
    script: str | None = None
    """"sup" or "sub": raised or lowered (a footnote's mark, H₂O)."""
    math: str | None = None
    """The TeX of the formula whose readable text this run is: the deck draws it as an equation."""


@dataclass(frozen=True)
class Para:
    """A paragraph; ``pitch`` is the exact line spacing in points."""

    runs: tuple[Run, ...]
    pitch: float
    align: str = "l"
    space_before: float = 0.0
    bullet: str | None = None
    bullet_color: str | None = None
    indent: int = 0
    """EMU from the box's left edge to every line but the first (``a:pPr@marL``); the first
    line starts at the edge: a hanging bullet, or a heading's hanging bracket."""
    field: str | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Frame:
    """A named shape's position and size in EMU."""

    name: str
    x: int
    y: int
    w: int
    h: int

    @property
    def frame(self) -> tuple[int, int, int, int]:
        return self.x, self.y, self.w, self.h


@dataclass(frozen=True)
class Box(Frame):
    """A text box (a slide's ``title`` box is drawn in its title placeholder)."""

    paras: tuple[Para, ...]
    anchor: str = "t"
    fill: str | None = None
    inset: tuple[int, int, int, int] = (0, 0, 0, 0)
    kind: str = "box"


@dataclass(frozen=True)
class TableShape(Frame):
    """A native table: header row plus ``body`` rows; ``rows`` are heights, header first.

    Cell texts carry their line breaks (``"\\n"``), between phrases, as every text box does, and
    their spans (a ``Text``) when they have bold, italic or links.
    """

    columns: tuple[int, ...]
    rows: tuple[int, ...]
    header: tuple[str, ...]
    body: tuple[tuple[str, ...], ...]
    size: float
    pitch: float
    inset: tuple[int, int, int, int]
    descr: str
    header_fill: str
    header_color: str
    band_fill: str
    text_color: str
    rule_color: str
    lang: str
    align: tuple[str, ...] = ()
    """Each column's alignment (``l``, or ``r`` for a column of numbers), header included."""
    kind: str = "table"


@dataclass(frozen=True)
class ChartShape(Frame):
    """A native chart of ``plan`` (with its workbook), its series in ``colors`` and its text at
    ``size`` points in ``text_color`` (``light`` on a dark fill), ticks and unit in ``muted``,
    gridlines in ``rule``; ``descr`` is its alternative text."""

    plan: ChartPlan
    colors: tuple[str, ...]
    text_color: str
    muted: str
    rule: str
    light: str
    size: float
    lang: str
    descr: str
    kind: str = "chart"


@dataclass(frozen=True)
class Picture(Frame):
    """A picture file (PNG or JPEG) drawn at this frame, with its alternative text; ``data``, PNG or
    JPEG bytes drawn instead of the file (converted or downscaled by the reader)."""

    path: str
    descr: str
    kind: str = "picture"
    data: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Bar(Frame):
    """A decorative filled rectangle (marked decorative for screen readers)."""

    fill: str
    kind: str = "bar"


Shape = Box | TableShape | ChartShape | Picture | Bar


@dataclass(frozen=True)
class Slide:
    """One slide: the title first in reading order, then ``shapes``, then the footer."""

    kind: str
    title: Box
    shapes: tuple[Shape, ...]
    notes: str
    background: str | None = None
    footer: tuple[Box, ...] = ()
    tell: str = ""
    """The article's words that tell this slide apart from another of its section under the same
    title (a quote's author), added to the title only when the two would be alike."""

    @property
    def role(self) -> str:
        """The part the slide plays, which a template's writer maps to one of its layouts:
        ``cover``, ``section``, ``two-content``, ``closing`` or ``content``."""
        return _ROLES.get(self.kind, "content")


_ROLES = {
    "cover": "cover",
    "divider": "section",
    "closing": "closing",
    "compare": "two-content",
    "chart-table": "two-content",
}


@dataclass(frozen=True)
class Properties:
    """Core document properties."""

    title: str
    subject: str
    author: str
    keywords: str
    language: str
    date: str
    """ISO date and time (UTC) of creation and modification."""
    identifier: str
    """``exporter:<revision>``, or empty when the deck has no revision stamp."""


@dataclass(frozen=True)
class Deck:
    """The whole deck as data."""

    width: int
    height: int
    lang: str
    latin: str
    east_asian: str
    properties: Properties
    slides: tuple[Slide, ...]

    def to_json(self) -> str:
        """The plan as indented JSON, for golden-file tests and inspection (a run's ``script`` and
        ``math`` only where it has one; a picture's bytes by their length, and only where it has them)."""
        return json.dumps(dataclasses.asdict(self, dict_factory=_json_fields), ensure_ascii=False, indent=1) + "\n"


def _json_fields(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A plan's dataclass as a dict, without the ``"script": None`` and ``"math": None`` of plain runs and the
    ``"data": None`` of pictures drawn from their files."""
    return {
        key: f"{len(value):,} bytes" if isinstance(value, bytes) else value
        for key, value in pairs
        if not (key in ("script", "math", "data") and value is None)
    }
