"""The frame of a content slide: its title, the rule under it, and the footer.

In: a ``Context`` and a slide's kind, title text, shapes and notes.
Out: a ``Slide`` (``slide``) whose title is broken at phrase boundaries at the largest size that
fits two lines, with the accent rule below it; the footer boxes (``footer``) — short title and
revision, confidentiality label, slide number — that ``plan`` adds once the slides are numbered.
What does not fit raises ``Unfit``; a title set on more than two lines is recorded as a warning.
"""

from __future__ import annotations

from collections.abc import Sequence

from exporter.slides.context import Context
from exporter.slides.fit import FitProblem, Unfit, box_fits, hung, sizes
from exporter.slides.grid import BODY_PITCH, inches
from exporter.slides.shapes import Bar, Box, Para, Shape, Slide
from exporter.slides.typeset import heading, run
from exporter.text.phrases import clipped, short_title
from exporter.theme import numbered as theme_numbered


def slide(ctx: Context, kind: str, title: str, shapes: Sequence[Shape], notes: str) -> Slide:
    """A content slide: ``title`` in its title box, the rule under it (not on a template, whose
    layouts draw their own), then ``shapes``."""
    rules = () if ctx.grid.templated else (rule(ctx),)
    return Slide(kind, title_box(ctx, title), (*rules, *shapes), notes)


def numbered(ctx: Context, title: str, number: int, total: int) -> str:
    """``title`` with the locale's continuation counter ("… (1/2)") when it is one of ``total`` slides."""
    return f"{title} {theme_numbered(ctx.theme.words.part, n=number, total=total)}" if total > 1 else title


def title_box(ctx: Context, text: str) -> Box:
    """The slide title, broken at phrase boundaries, at the largest size that fits two lines.

    A closing 。 is dropped, as on Japanese slide titles, and one closing full stop of an English
    sentence ("…" and ".." are kept): headlines taken from the article's sentences then read
    alike whether the sentence ended in a stop or in a colon.
    """
    text = text.removesuffix("。")
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]

    frame = ctx.grid.title

    def at(size: float) -> Box:
        para = heading(ctx, text, frame.w, size, color=ctx.colors.primary)
        return hung(Box("Title", frame.x, frame.y, frame.w, frame.h, (para,), anchor="b"))

    for size in sizes(ctx.sizes.title_size):
        box = at(size)
        if box.paras[0].text.count("\n") < 2 and box_fits(box):
            return box
    size = ctx.sizes.title_size[0]
    box = at(size)
    if not box_fits(box):
        raise Unfit.of(f"the title '{text}' does not fit two lines even at {size:g} pt")
    count = box.paras[0].text.count("\n") + 1
    ctx.record(
        FitProblem(f"the slide title '{clipped(text)}' takes {count} lines even at {size:g} pt", refused=False,
                   advice="shorten it to two lines")
    )  # fmt: skip
    return box


def rule(ctx: Context) -> Bar:
    """The accent rule under a content slide's title."""
    title = ctx.grid.title
    return Bar("Title rule", title.x, title.bottom + inches(0.1), inches(1.1), inches(0.06), ctx.colors.accent)


def _footer_box(ctx: Context, name: str, text: str, align: str, field: str | None, index: int) -> Box:
    """The footer's ``index``-th box (``Grid.footers``) holding ``text``."""
    size = ctx.sizes.footer_size
    piece = run(ctx, text, size, ctx.colors.muted, bold=field is None and index == 1)
    para = Para((piece,), BODY_PITCH * size, align=align, field=field)
    frame = ctx.grid.footers[index]
    return Box(name, frame.x, frame.y, frame.w, frame.h, (para,), anchor="ctr")


def footer(ctx: Context, number: int) -> tuple[Box, ...]:
    """Short title (left), the theme's confidentiality label if any (centre) and slide number (right). A short title
    too wide for its third, beside the revision, is cut shorter at a phrase or word boundary."""
    revision = [f"rev. {ctx.revision}"] if ctx.revision else []
    title = ctx.doc.meta.short_title
    texts = [
        ("Footer title", "  |  ".join([title, *revision]), "l", None),
        ("Footer confidentiality", ctx.theme.confidentiality or "", "ctr", None),
        ("Slide number", str(number), "r", "slidenum"),
    ]
    boxes = []
    for index, (name, text, align, field) in enumerate(texts):
        if not text:  # no confidentiality label unless the theme sets one
            continue
        box = _footer_box(ctx, name, text, align, field, index)
        for limit in range(len(title) - 1, 0, -1) if index == 0 else ():  # a short title too long: cut shorter
            if box_fits(box):
                break
            box = _footer_box(ctx, name, "  |  ".join([short_title(title, limit), *revision]), align, field, index)
        if not box_fits(box):
            where = {"pos": ctx.doc.meta.pos} if index == 0 else {"theme_key": "confidentiality"}
            raise Unfit.of(f"the footer text '{text}' does not fit its footer box", **where)
        boxes.append(box)
    return tuple(boxes)
