"""The deck's bookends: the cover, and the closing slide of what to watch.

In: a ``Context`` (the document's metadata, its outlook list and last paragraph; the theme's
organisation and confidentiality label).
Out: the cover ``Slide`` (title at the largest cover size that fits two lines, a longer one on more
lines at the smallest cover size or below it down to the slide titles' smallest; subtitle, byline, source,
the confidentiality label at the top right, on the primary colour) and the closing ``Slide``
(the outlook as bullets, the article's last paragraph as the closing statement below, unless the
implications slide shows it already); what does not fit raises ``Unfit``.
"""

from __future__ import annotations

from collections.abc import Callable

from exporter.model import Paragraph
from exporter.slides.context import Context
from exporter.slides.fit import Unfit, box_fits, fitting, hung, largest, para_height
from exporter.slides.frame import slide
from exporter.slides.grid import (
    ACCENT_W,
    BODY_PITCH,
    CONTENT_BOTTOM,
    CONTENT_W,
    CONTENT_Y,
    GAP,
    MARGIN_X,
    PANEL_INSET,
    SLIDE_H,
    SLIDE_W,
    inches,
    points,
)
from exporter.slides.notes import notes
from exporter.slides.shapes import Bar, Box, Para, Shape, Slide
from exporter.slides.typeset import bullets, heading, lines, run
from exporter.text.metrics import text_width


def cover(ctx: Context) -> Slide:
    """The cover: the title, an accent bar, the subtitle, date and author, and the source."""
    meta = ctx.doc.meta
    on = ctx.colors.on_primary
    soft = ctx.colors.rule
    body_low = ctx.sizes.body_size[0]
    x, w = inches(0.9), SLIDE_W - inches(1.8)

    title = _cover_title(ctx, x, w)
    sub_size = ctx.sizes.body_size[1] + 4
    shapes: list[Shape] = [Bar("Cover accent", x, inches(4.05), inches(1.4), inches(0.08), ctx.colors.accent)]
    if ctx.theme.confidentiality:
        shapes.append(_cover_label(ctx, x + w, ctx.theme.confidentiality))
    if meta.subtitle:
        para = lines(ctx, meta.subtitle, w, sub_size, BODY_PITCH, color=on, by="phrase")
        shapes.append(Box("Subtitle", x, inches(4.35), w, points(para_height(para)) + 1, (para,)))
    byline = " | ".join(p for p in (ctx.theme.words.date_text(meta.date), meta.author, ctx.theme.organisation) if p)
    para = lines(ctx, byline, w, body_low + 2, BODY_PITCH, color=soft)
    shapes.append(Box("Date and author", x, inches(5.55), w, points(para_height(para)) + 1, (para,)))
    if meta.source:
        para = lines(ctx, f"{ctx.theme.slide_labels.source}: {meta.source}", w, body_low, BODY_PITCH, color=soft)
        height = points(para_height(para)) + 1
        shapes.append(Box("Source", x, SLIDE_H - inches(0.55) - height, w, height, (para,)))
    return Slide("cover", title, tuple(shapes), notes(ctx, ctx.doc.intro), background=ctx.colors.primary)


COVER_TITLE_BOTTOM = inches(3.85)
"""Where the cover title ends (its last line stands on this), just above the accent bar."""
COVER_TITLE_TOPS = (inches(2.35), inches(1.1))
"""Where the cover title may start: two lines' room at the cover sizes, then the room below the
confidentiality label."""


def _cover_title(ctx: Context, x: int, w: int) -> Box:
    """The cover title at the largest cover size that fits two lines; a longer title on more lines
    (down to the room below the confidentiality label) at the smallest cover size, and only then
    smaller, down to the smallest slide-title size."""
    low, high = ctx.sizes.cover_title_size
    floor = min(low, ctx.sizes.title_size[0])

    def build(top: int) -> Callable[[float], Box | None]:
        def at(size: float) -> Box | None:
            para = heading(ctx, ctx.doc.meta.title, w, size, color=ctx.colors.on_primary)
            box = hung(Box("Title", x, top, w, COVER_TITLE_BOTTOM - top, (para,), anchor="b"))
            return box if box_fits(box) else None

        return at

    short, tall = COVER_TITLE_TOPS
    found = fitting((low, high), build(short))
    return found or largest((floor, low), build(tall), "the cover title")


def _cover_label(ctx: Context, right: int, text: str) -> Box:
    """The confidentiality label ``text``, white on the accent colour, at the cover's top right (as on the brief)."""
    size = ctx.sizes.footer_size + 3
    inset = (inches(0.12), inches(0.04), inches(0.12), inches(0.04))
    w = points(text_width(text, size, "bold")) + inset[0] + inset[2] + 1
    h = points(BODY_PITCH * size) + inset[1] + inset[3] + 1
    para = Para((run(ctx, text, size, ctx.colors.on_primary, bold=True),), BODY_PITCH * size, align="ctr")
    box = Box(
        "Confidentiality", right - w, inches(0.6), w, h, (para,), anchor="ctr", fill=ctx.colors.accent, inset=inset
    )
    if not box_fits(box):
        raise Unfit.of(f"the confidentiality label '{text}' does not fit its box", theme_key="confidentiality")
    return box


def closing(ctx: Context) -> Slide | None:
    """What to watch, as bullets, with the article's last paragraph as the closing statement."""
    outlook = ctx.doc.summary.outlook
    if outlook is None:
        return None
    section, blocks = ctx.context_of(outlook)
    shown = {s.lead for s in ctx.doc.summary.implications}  # on the implications slide already
    last = [b for b in ctx.doc.blocks() if isinstance(b, Paragraph)][-1:]
    last = [b for b in last if b.text not in shown]
    inner = CONTENT_W - 2 * PANEL_INSET

    def build(size: float) -> list[Shape] | None:
        items = bullets(ctx, outlook, CONTENT_W, size, spacing=0.7)
        list_h = points(sum(para_height(p) for p in items)) + 1
        shapes: list[Shape] = [Box("Outlook", MARGIN_X, CONTENT_Y, CONTENT_W, list_h, items)]
        if last:
            para = lines(ctx, last[0].text, inner, size - 2, BODY_PITCH, color=ctx.colors.primary)
            box_h = points(para_height(para)) + 2 * PANEL_INSET + 1
            y = CONTENT_BOTTOM - box_h
            if y < CONTENT_Y + list_h + GAP:
                return None
            shapes += [
                Box("Closing statement", MARGIN_X, y, CONTENT_W, box_h, (para,), fill=ctx.colors.band, anchor="ctr",
                    inset=(PANEL_INSET,) * 4),
                Bar("Closing statement accent", MARGIN_X, y, ACCENT_W, box_h, ctx.colors.accent),
            ]  # fmt: skip
        return shapes if all(box_fits(s) for s in shapes if isinstance(s, Box)) else None

    shapes = largest(ctx.sizes.body_size, build, "the outlook")
    title = section.title if section else (outlook.label or ctx.doc.meta.short_title)
    return slide(ctx, "closing", title, shapes, notes(ctx, blocks, section.title if section else None))
