"""Fitting: whether measured text fits its box, and the largest size at which a layout fits.

In: ``Box``es and ``Para``s of the plan (``exporter.slides.shapes``), size bounds from the theme,
and layout builders (a size → the shapes, or None when they do not fit at that size).
Out: broken lines (``broken``), heights (``para_height``), the fit test (``box_fits``), the
candidate sizes (``sizes``) and the result at the largest size that fits (``fitting``;
``bisected`` where every smaller size fits too; ``largest``, which raises ``Unfit`` naming what
does not fit). A ``FitProblem`` is the record of
something that did not fit, at the source node being planned: ``Unfit`` carries a refusal out of
a layout, and ``exporter.slides.plan`` collects the records for ``exporter slides`` (which
refuses the deck) and ``exporter check`` (which reports each at its ``file:line:col``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from exporter.errors import RenderError
from exporter.model import Pos
from exporter.slides.grid import to_points
from exporter.slides.shapes import Box, Para
from exporter.text.metrics import FIT_TOLERANCE, text_width, wrap

T = TypeVar("T")


@dataclass(frozen=True)
class FitProblem:
    """Something the planner could not fit, or fitted only by setting it worse than the theme asks."""

    message: str
    """What ``exporter slides`` says when this refuses the deck (after ``slides: ``)."""
    pos: Pos | None = None
    """The source node it comes from (None with a ``theme_key``, or until the planner fills it in)."""
    theme_key: str | None = None
    """The theme value it comes from, such as ``confidentiality``."""
    refused: bool = True
    """Whether the deck cannot be written; False for a warning (the deck was planned all the same)."""
    warning: str = ""
    """What ``exporter check`` says, where it says more than ``message`` (default: ``message``)."""
    advice: str = ""
    """What to change in the source, as ``exporter check`` words it."""
    needed: float | None = None
    """Points the content needs, where measured (a table's width)…"""
    available: float | None = None
    """…and the points there are for it."""

    def at(self, pos: Pos | None) -> FitProblem:
        """This problem at ``pos``, the node being planned, unless it already says where it comes from."""
        return self if self.pos is not None or self.theme_key is not None else dataclasses.replace(self, pos=pos)

    def error(self) -> RenderError:
        """The error ``exporter slides`` stops with."""
        return RenderError(f"slides: {self.message}", pos=self.pos, theme_key=self.theme_key)


class Unfit(RenderError):
    """Raised by a layout that cannot fit its content even at the smallest size: ``problem`` says what."""

    def __init__(self, problem: FitProblem):
        super().__init__(f"slides: {problem.message}", pos=problem.pos, theme_key=problem.theme_key)
        self.problem = problem

    @classmethod
    def of(cls, message: str, **fields) -> Unfit:  # type: ignore[no-untyped-def]
        """The refusal ``message``, with the ``FitProblem`` fields given."""
        return cls(FitProblem(message, **fields))


def broken(text: str, width: int, size: float, bold: bool = False, by: str = "character") -> str:
    """``text`` with a line break at each measured wrap point, for ``width`` EMU (see ``metrics.wrap``)."""
    return "\n".join(wrap(text, to_points(width), size, "bold" if bold else "regular", by))


def hung(box: Box) -> Box:
    """``box`` moved left and widened by its heading's hanging indent, so the first line starts
    in the margin and the others where the box was."""
    indent = box.paras[0].indent
    return dataclasses.replace(box, x=box.x - indent, w=box.w + indent) if indent else box


def para_height(para: Para) -> float:
    """Height in points of ``para``: its lines at its exact pitch, plus the space before it."""
    return para.space_before + (para.text.count("\n") + 1) * para.pitch


def box_fits(box: Box) -> bool:
    """Whether the measured text of ``box`` fits inside it, insets included."""
    left, top, right, bottom = box.inset
    width = to_points(box.w - left - right)
    height = to_points(box.h - top - bottom)
    for para in box.paras:
        line_width = width - to_points(para.indent)
        for run in para.runs:
            for line in run.text.split("\n"):
                if text_width(line.rstrip(), run.size, "bold" if run.bold else "regular") > line_width + FIT_TOLERANCE:
                    return False
    return sum(para_height(p) for p in box.paras) <= height + FIT_TOLERANCE


def sizes(bounds: tuple[float, float]) -> list[float]:
    """Candidate sizes from largest to smallest: whole points, ending with the smallest allowed."""
    low, high = bounds
    found = [float(s) for s in range(int(high), int(low) - 1, -1) if low <= s <= high]
    return found if found and found[-1] == low else [*found, low]


def fitting(bounds: tuple[float, float], build: Callable[[float], T | None]) -> T | None:
    """The result of ``build`` at the largest size for which it returns something; None if at none."""
    for size in sizes(bounds):
        result = build(size)
        if result is not None:
            return result
    return None


def bisected(bounds: tuple[float, float], build: Callable[[float], T | None]) -> T | None:
    """``fitting`` for a ``build`` that fits every size below one that fits (text in a box of its
    own): the largest size found by bisection, in a handful of builds instead of one per size."""
    candidates = sizes(bounds)
    best: T | None = None
    low, high = 0, len(candidates)  # candidates[high:] fit, as far as is known; candidates[:low] do not
    while low < high:
        middle = (low + high) // 2
        result = build(candidates[middle])
        if result is None:
            low = middle + 1
        else:
            best, high = result, middle
    return best


def shares(count: int, parts: int) -> list[range]:
    """The indices of ``count`` items shared evenly over at most ``parts`` slides: as many on each
    but the last, and no slide left empty (so there may be fewer than ``parts``)."""
    per = -(-count // parts)
    return [range(start, min(start + per, count)) for start in range(0, count, per)]


def fewest(count: int, lay: Callable[[int], Sequence[T | None]], least: int = 1) -> list[T] | None:
    """``lay(parts)`` for the fewest ``parts`` (from ``least`` up to ``count``, the items to share)
    at which it lays out every part; None if it never does."""
    for parts in range(least, count + 1):
        laid = lay(parts)
        if all(part is not None for part in laid):
            return [part for part in laid if part is not None]
    return None


def largest(bounds: tuple[float, float], build: Callable[[float], T | None], what: str) -> T:
    """The result of ``build`` at the largest size for which it returns something."""
    result = fitting(bounds, build)
    if result is None:
        raise Unfit.of(f"{what} does not fit its slide even at {bounds[0]:g} pt")
    return result
