"""The slide grid and its units: where every content slide puts its title, content and footer.

In: nothing (constants).
Out: EMU conversions (``inches``, ``points``, ``to_points``), the 16:9 slide size, the
margins and bands every layout places its shapes in, the line pitches (multiples of the font
size, written as exact spacing so heights do not depend on the face that renders them), the
insets of cells and panels.
"""

from __future__ import annotations

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

# Line pitch as a multiple of the font size; written as exact spacing, so heights
# do not depend on the face that renders them.
TITLE_PITCH = 1.2
BODY_PITCH = 1.4
TABLE_PITCH = 1.3
FIGURE_PITCH = 1.1

CELL_INSET_X = inches(0.12)
ROW_AIR_EM = 0.8  # at most this much extra row height, in ems, where the slide has room
CELL_INSET_Y_EM = 0.4  # top and bottom cell insets, in ems of the table size
PANEL_INSET = inches(0.22)
ACCENT_W = inches(0.07)  # the accent bar at the left edge of a panel
BULLET_INDENT_EM = 1.2
MAX_BULLET_DEPTH = 2  # items nested deeper stand as far in as the third level
