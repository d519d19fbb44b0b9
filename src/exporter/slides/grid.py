"""The slide grid and its units: where every content slide puts its title, content and footer.

In: nothing (constants), or the boxes a company template's layouts give (``exporter.slides.template``).
Out: EMU conversions (``inches``, ``points``, ``to_points``); a ``Grid`` — the slide size, the title,
content and footer boxes, the cover's and dividers' boxes and a two-content slide's two boxes every
layout places its shapes in —
with ``DEFAULT_GRID``, the 16:9 grid of a deck without a template; the line pitches (multiples of the font
size, written as exact spacing so heights do not depend on the face that renders them), the
insets of cells and panels.
"""

from __future__ import annotations

from dataclasses import dataclass

EMU_PER_INCH = 914400
EMU_PER_PT = 12700

SLIDE_W = EMU_PER_INCH * 40 // 3  # 13⅓ in: the 16:9 widescreen size PowerPoint uses
SLIDE_H = round(7.5 * EMU_PER_INCH)


def inches(value: float) -> int:
    """EMU of ``value`` inches."""
    return round(value * EMU_PER_INCH)


def points(value: float) -> int:
    """EMU of ``value`` points."""
    return round(value * EMU_PER_PT)


def to_points(emu: int) -> float:
    """Points of ``emu``."""
    return emu / EMU_PER_PT


# The grid, shared by every content slide.
MARGIN_X = inches(0.65)
CONTENT_W = SLIDE_W - 2 * MARGIN_X
TITLE_Y = inches(0.4)
TITLE_H = inches(1.0)
TITLE_RULE_Y = TITLE_Y + TITLE_H + inches(0.1)
CONTENT_Y = TITLE_RULE_Y + inches(0.3)
FOOTER_Y = SLIDE_H - inches(0.5)
FOOTER_H = inches(0.3)
CONTENT_BOTTOM = FOOTER_Y - inches(0.2)
CONTENT_H = CONTENT_BOTTOM - CONTENT_Y
GAP = inches(0.3)


@dataclass(frozen=True)
class Rect:
    """A box in EMU."""

    x: int
    y: int
    w: int
    h: int

    @property
    def bottom(self) -> int:
        return self.y + self.h


@dataclass(frozen=True)
class Grid:
    """Where a deck's slides put their shapes, in EMU: a value, read from a template or ``DEFAULT_GRID``."""

    slide_w: int
    slide_h: int
    title: Rect
    """A content slide's title box."""
    content: Rect
    """The content box of a content slide: everything but the title and footer stands in it."""
    footers: tuple[Rect, Rect, Rect]
    """The footer's short title, confidentiality label and slide number."""
    cover_title: Rect
    cover_text: Rect
    """Below the cover title: the subtitle, byline and source."""
    section_title: Rect
    """A section divider's title."""
    templated: bool = False
    """Whether a company template gave these boxes: its layouts then draw the backgrounds and rules."""
    halves: tuple[Rect, Rect] | None = None
    """The two side-by-side body boxes of a template's two-content layout, left then right; None
    (the default grid, a template without such a layout): the planner shares ``content`` between them."""

    def content_box(self, role: str = "content") -> Rect:
        """The box a slide of ``role`` holds its content in (a table, a picture, a chart, points):
        the body placeholder's on a template; below the cover title on the cover."""
        return {"cover": self.cover_text, "section": self.section_title}.get(role, self.content)

    def content_halves(self, share: float = 0.5) -> tuple[Rect, Rect]:
        """The two boxes a ``two-content`` slide holds its two things in, left then right: the
        template's (``halves``), else ``content`` cut at ``share`` of its width, a ``GAP`` between."""
        if self.halves is not None:
            return self.halves
        c = self.content
        left, right = round((c.w - GAP) * share), round((c.w - GAP) * (1 - share))
        return Rect(c.x, c.y, left, c.h), Rect(c.x + left + GAP, c.y, right, c.h)

    @property
    def margin_x(self) -> int:
        return self.content.x

    @property
    def content_y(self) -> int:
        return self.content.y

    @property
    def content_w(self) -> int:
        return self.content.w

    @property
    def content_h(self) -> int:
        return self.content.h

    @property
    def content_bottom(self) -> int:
        return self.content.bottom


def _thirds(x: int, y: int, w: int, h: int) -> tuple[Rect, Rect, Rect]:
    return (Rect(x, y, w // 3, h), Rect(x + w // 3, y, w // 3, h), Rect(x + 2 * (w // 3), y, w // 3, h))


DEFAULT_GRID = Grid(
    SLIDE_W,
    SLIDE_H,
    title=Rect(MARGIN_X, TITLE_Y, CONTENT_W, TITLE_H),
    content=Rect(MARGIN_X, CONTENT_Y, CONTENT_W, CONTENT_H),
    footers=_thirds(MARGIN_X, FOOTER_Y, CONTENT_W, FOOTER_H),
    cover_title=Rect(inches(0.9), inches(1.1), SLIDE_W - inches(1.8), inches(3.85) - inches(1.1)),
    cover_text=Rect(inches(0.9), inches(4.35), SLIDE_W - inches(1.8), SLIDE_H - inches(0.55) - inches(4.35)),
    section_title=Rect(inches(0.9), inches(2.35), SLIDE_W - inches(1.8), inches(1.9)),
)
"""The grid of a deck without a template: 13⅓ × 7½ in."""


def footer_thirds(slide_w: int, slide_h: int, clear: tuple[Rect, ...] = ()) -> tuple[Rect, Rect, Rect]:
    """The footer's three boxes on a slide of this size where a template gives none: its bottom band,
    ended before the first of ``clear`` (a master's pictures) standing in it on its right half."""
    margin = round(slide_w * MARGIN_X / SLIDE_W)
    y, right = slide_h - inches(0.5), slide_w - margin
    in_band = [r.x for r in clear if r.y < y + FOOTER_H and r.bottom > y and slide_w // 2 < r.x + r.w and r.x < right]
    if in_band:
        right = max(min(in_band) - inches(0.15), slide_w // 2)
    return _thirds(margin, y, right - margin, FOOTER_H)


# Line pitch as a multiple of the font size; written as exact spacing, so heights
# do not depend on the face that renders them.
TITLE_PITCH = 1.2
BODY_PITCH = 1.4
TABLE_PITCH = 1.3
FIGURE_PITCH = 1.1

CELL_INSET_X = inches(0.12)
ROW_AIR_EM = 0.8  # at most this much extra row height, in ems, where the slide has room
CELL_INSET_Y_EM = 0.4  # top and bottom cell insets, in ems of the table size
TIGHT_PITCH = 1.2  # a table's line pitch and cell insets when only set tight does it fit one slide
TIGHT_INSET_Y_EM = 0.15
PANEL_INSET = inches(0.22)
ACCENT_W = inches(0.07)  # the accent bar at the left edge of a panel
BULLET_INDENT_EM = 1.2
MAX_BULLET_DEPTH = 2  # items nested deeper stand as far in as the third level
