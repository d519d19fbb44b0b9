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
from exporter.slides.grid import ACCENT_W, BODY_PITCH, GAP, PANEL_INSET, Rect, inches, points
from exporter.slides.notes import notes
from exporter.slides.shapes import Bar, Box, Para, Shape, Slide
from exporter.slides.typeset import bullets, heading, lines, run
from exporter.text.metrics import text_width


def cover(ctx: Context) -> Slide:
    """The cover: the title, an accent bar, the subtitle, date and author, and the source; on a
    template's cover layout, its title box and the text below it (``templated_cover``)."""
    if ctx.grid.templated:
        return templated_cover(ctx)
    meta = ctx.doc.meta
    on = ctx.colors.on_primary
    soft = ctx.colors.rule
    body_low = ctx.sizes.body_size[0]
    x, w = ctx.grid.cover_title.x, ctx.grid.cover_title.w

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
        shapes.append(Box("Source", x, ctx.grid.cover_text.bottom - height, w, height, (para,)))
    return Slide("cover", title, tuple(shapes), notes(ctx, ctx.doc.intro), background=ctx.colors.primary)


def templated_cover(ctx: Context) -> Slide:
    """The cover on a template's cover layout: the title at the largest cover size that fits its
    title box (down to the smallest slide-title size), then the subtitle, byline, source and
    confidentiality label as paragraphs of the box below it, at the largest size that fits."""
    meta, grid = ctx.doc.meta, ctx.grid
    low, high = ctx.sizes.cover_title_size
    box = grid.cover_title

    def title_at(size: float) -> Box | None:
        para = heading(ctx, meta.title, box.w, size, color=ctx.colors.primary)
        made = hung(Box("Title", box.x, box.y, box.w, box.h, (para,), anchor="b"))
        return made if box_fits(made) else None

    title = largest((min(low, ctx.sizes.title_size[0]), high), title_at, "the cover title")
    byline = " | ".join(p for p in (ctx.theme.words.date_text(meta.date), meta.author, ctx.theme.organisation) if p)
    source = f"{ctx.theme.slide_labels.source}: {meta.source}" if meta.source else ""

    def text_in(text: Rect) -> Callable[[float], Box | None]:
        def at(size: float) -> Box | None:
            paras = [lines(ctx, meta.subtitle, text.w, size + 4, BODY_PITCH, by="phrase")] if meta.subtitle else []
            paras += [lines(ctx, t, text.w, size, BODY_PITCH, space_before=size * 0.5) for t in (byline, source) if t]
            if ctx.theme.confidentiality:
                label = run(ctx, ctx.theme.confidentiality, size, ctx.colors.accent, bold=True)
                paras.append(Para((label,), BODY_PITCH * size, space_before=size * 0.5))
            made = Box("Subtitle", text.x, text.y, text.w, text.h, tuple(paras))
            return made if box_fits(made) else None

        return at

    box = grid.cover_text  # the subtitle's box, else down to the slide's bottom margin
    taller = Rect(box.x, box.y, box.w, max(box.h, grid.slide_h - inches(0.4) - box.y))
    made = fitting(ctx.sizes.body_size, text_in(box))
    shapes = (made or largest(ctx.sizes.body_size, text_in(taller), "the cover's subtitle and byline"),)
    return Slide("cover", title, shapes, notes(ctx, ctx.doc.intro))


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
    inner = ctx.grid.content_w - 2 * PANEL_INSET

    def build(size: float) -> list[Shape] | None:
        items = bullets(ctx, outlook, ctx.grid.content_w, size, spacing=0.7)
        list_h = points(sum(para_height(p) for p in items)) + 1
        shapes: list[Shape] = [Box("Outlook", ctx.grid.margin_x, ctx.grid.content_y, ctx.grid.content_w, list_h, items)]
        if last:
            para = lines(ctx, last[0].text, inner, size - 2, BODY_PITCH, color=ctx.colors.primary)
            box_h = points(para_height(para)) + 2 * PANEL_INSET + 1
            y = ctx.grid.content_bottom - box_h
            if y < ctx.grid.content_y + list_h + GAP:
                return None
            shapes += [
                Box("Closing statement", ctx.grid.margin_x, y, ctx.grid.content_w, box_h, (para,),
                    fill=ctx.colors.band, anchor="ctr", inset=(PANEL_INSET,) * 4),
                Bar("Closing statement accent", ctx.grid.margin_x, y, ACCENT_W, box_h, ctx.colors.accent),
            ]  # fmt: skip
        return shapes if all(box_fits(s) for s in shapes if isinstance(s, Box)) else None

    shapes = largest(ctx.sizes.body_size, build, "the outlook")
    title = section.title if section else (outlook.label or ctx.doc.meta.short_title)
    return slide(ctx, "closing", title, shapes, notes(ctx, blocks, section.title if section else None))
