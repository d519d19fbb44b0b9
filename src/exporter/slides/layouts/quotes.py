"""Quote layouts: a quote on a tinted panel, beside other content or on a slide of its own, and
the article's opening quotes.

In: a ``Context`` and ``Quote``s of the model.
Out: quote panels (``quote_panel``, ``quote_beside``, ``quote_stack``: the shapes, or None when the
quote does not fit even at the smallest body size), a quote's own slide (``quote_slide``) and the
opening slide (``opening``: the quotes before the first section, those in the document's language
large, the originals below); what does not fit a slide of its own raises ``Unfit``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from exporter.model import Quote
from exporter.slides.context import Context
from exporter.slides.fit import Unfit, box_fits, fewest, fitting, para_height, shares
from exporter.slides.frame import numbered, slide
from exporter.slides.grid import ACCENT_W, BODY_PITCH, GAP, PANEL_INSET, points
from exporter.slides.notes import block_notes, notes
from exporter.slides.shapes import Bar, Box, Para, Shape, Slide
from exporter.slides.typeset import lines
from exporter.text.fonts import deck_tag
from exporter.text.phrases import clipped
from exporter.text.sentences import sentences


def quote_panel(ctx: Context, quote: Quote, x: int, y: int, w: int, h: int, name: str = "Quote") -> list[Shape] | None:
    """A quote on a tinted panel with an accent bar, at the largest body size that fits, the panel
    as tall as its text (at most ``h``)."""
    inner = w - 2 * PANEL_INSET

    def build(size: float) -> Box | None:
        paras = _quote_paras(ctx, quote, inner, size)
        box = Box(name, x, y, w, h, paras, fill=ctx.colors.band, anchor="ctr", inset=(PANEL_INSET,) * 4)
        return box if box_fits(box) else None

    box = fitting(ctx.sizes.body_size, build)
    if box is None:
        return None
    box = dataclasses.replace(box, h=min(h, points(sum(para_height(p) for p in box.paras)) + 2 * PANEL_INSET + 1))
    return [box, Bar(f"{name} accent", x, y, ACCENT_W, box.h, ctx.colors.accent)]


def _quote_paras(ctx: Context, quote: Quote, inner: int, size: float) -> tuple[Para, ...]:
    """A quote's label (small, bold), its paragraphs and its attribution (small), for ``inner`` EMU."""
    lang = deck_tag(quote.lang)
    muted = ctx.colors.muted
    paras = []
    if quote.label:
        paras.append(lines(ctx, quote.label, inner, size * 0.8, BODY_PITCH, bold=True, color=muted))
    for text in quote.paragraphs:
        space = size * 0.6 if paras else 0.0
        paras.append(lines(ctx, text, inner, size, BODY_PITCH, lang=lang, space_before=space))
    if quote.attribution:
        paras.append(lines(ctx, quote.attribution, inner, size * 0.8, BODY_PITCH, color=muted, space_before=size * 0.6))
    return tuple(paras)


def quote_stack(ctx: Context, quotes: Sequence[Quote], high: float | None = None) -> list[Shape] | None:
    """``quotes`` on panels stacked down the content area, each as tall as its text, at the
    largest body size (up to ``high``) at which all fit; None if they do not even at the smallest."""
    inner = ctx.grid.content_w - 2 * PANEL_INSET
    low, top = ctx.sizes.body_size

    def build(size: float) -> list[Shape] | None:
        sets = [_quote_paras(ctx, q, inner, size) for q in quotes]
        heights = [points(sum(para_height(p) for p in paras)) + 2 * PANEL_INSET + 1 for paras in sets]
        if sum(heights) + GAP * (len(sets) - 1) > ctx.grid.content_h:
            return None
        shapes: list[Shape] = []
        y = ctx.grid.content_y
        for number, (paras, h) in enumerate(zip(sets, heights, strict=True), 1):
            name = "Quote" if len(sets) == 1 else f"Quote {number}"
            box = Box(name, ctx.grid.margin_x, y, ctx.grid.content_w, h, paras, fill=ctx.colors.band, anchor="ctr",
                      inset=(PANEL_INSET,) * 4)  # fmt: skip
            if not box_fits(box):
                return None
            shapes += [box, Bar(f"{name} accent", ctx.grid.margin_x, y, ACCENT_W, h, ctx.colors.accent)]
            y += h + GAP
        return shapes

    return fitting((low, high or top), build)


def quote_beside(ctx: Context, quote: Quote) -> tuple[int, list[Shape] | None]:
    """A quote's panel on the right two-fifths of a slide, and the width left of it for what
    it stands beside; the panel is None if it does not fit even at the smallest size."""
    left_w = round(ctx.grid.content_w * 0.6)
    panel_x = ctx.grid.margin_x + left_w + GAP
    width = ctx.grid.margin_x + ctx.grid.content_w - panel_x
    return left_w, quote_panel(ctx, quote, panel_x, ctx.grid.content_y, width, ctx.grid.content_h)


def quote_slide(ctx: Context, quotes: Sequence[Quote], title: str) -> list[Slide]:
    """``quotes`` (of one section) on a slide of their own, each on a panel as tall as its text;
    titled with the quote's own label when there is one quote, else with its section's title
    (else ``title``). One quote too long for a slide continues on further slides, split between
    its sentences and shared evenly ("(1/2)"), the attribution under its last part."""
    quote = quotes[0]
    section = ctx.section_of(quote)
    label = quote.label.rstrip(":：") if len(quotes) == 1 and quote.label else None
    heading = label or (section.title if section else title)
    tell = (quote.author or "").split(",")[0] or clipped(quote.paragraphs[0], 24)
    panels = [quote_stack(ctx, quotes)] if len(quotes) > 1 else _continued(ctx, quote)
    if any(panel is None for panel in panels):
        size = ctx.sizes.body_size[0]
        raise Unfit.of(
            f"the quote '{quote.id or quote.paragraphs[0][:20]}' does not fit a slide",
            pos=quote.pos,
            warning=f"quote '{clipped(quote.paragraphs[0])}' does not fit a slide even at {size:g} pt",
            advice="shorten it or split it into two quotes",
        )
    slides = []
    for number, panel in enumerate(panels, 1):
        told = block_notes(ctx, quote) if number == 1 else ""
        made = slide(ctx, "quote", numbered(ctx, heading, number, len(panels)), panel or [], told)
        slides.append(dataclasses.replace(made, tell=tell))
    return slides


def _continued(ctx: Context, quote: Quote) -> list[list[Shape] | None]:
    """The panels of ``quote`` on as few slides as hold it: whole, else its sentences shared evenly
    over parts (each part's paragraphs kept apart), the attribution on the last part only."""
    whole = quote_stack(ctx, [quote])
    if whole is not None:
        return [whole]
    pieces = [(index, sentence) for index, text in enumerate(quote.paragraphs) for sentence in sentences(text)]

    def lay(parts: int) -> list[list[Shape] | None]:
        return [
            quote_stack(ctx, [_part(quote, pieces[r.start : r.stop], last=r.stop == len(pieces))])
            for r in shares(len(pieces), parts)
        ]

    panels: list[list[Shape] | None] | None = fewest(len(pieces), lay, least=2)
    return panels or [None]


def _part(quote: Quote, pieces: Sequence[tuple[int, str]], last: bool) -> Quote:
    """The quote's ``pieces`` (paragraph index, sentence), sentences of one paragraph joined again."""
    paragraphs: list[str] = []
    current = None
    for index, sentence in pieces:
        if index == current:
            space = "" if paragraphs[-1].endswith(("。", "！", "？")) else " "  # Japanese sets no space after a stop
            paragraphs[-1] = f"{paragraphs[-1]}{space}{sentence}"
        else:
            paragraphs.append(sentence)
            current = index
    keep = {} if last else {"author": None, "handle": None, "date": None}
    return dataclasses.replace(quote, paragraphs=tuple(paragraphs), **keep)


def opening(ctx: Context) -> list[Slide]:
    """The article's opening quotes: those in the document's language large, the originals below;
    when they do not fit one slide together, each on slides of its own (``quote_slide``)."""
    quotes = [b for b in ctx.doc.intro if isinstance(b, Quote)]
    if not quotes:
        return []
    main = [q for q in quotes if deck_tag(q.lang) == ctx.lang] or quotes[:1]
    others = [q for q in quotes if q not in main]
    inner = ctx.grid.content_w - 2 * PANEL_INSET
    muted, primary = ctx.colors.muted, ctx.colors.primary

    def build(size: float) -> Box | None:
        paras: list[Para] = []
        for quote in main:
            for text in quote.paragraphs:
                paras.append(lines(ctx, text, inner, size, BODY_PITCH, space_before=size * 0.5 if paras else 0.0))
            if quote.attribution:
                paras.append(
                    lines(ctx, quote.attribution, inner, size * 0.7, BODY_PITCH, color=muted, space_before=size * 0.4)
                )
        small = max(ctx.sizes.body_size[0], size * 0.7)
        for quote in others:
            lang = deck_tag(quote.lang)
            for number, text in enumerate(quote.paragraphs):
                space = size * 1.2 if number == 0 else small * 0.3
                paras.append(lines(ctx, text, inner, small, BODY_PITCH, color=muted, lang=lang, space_before=space))
            if quote.attribution:
                paras.append(
                    lines(
                        ctx, quote.attribution, inner, small, BODY_PITCH, bold=True, color=primary,
                        space_before=small * 0.5,
                    )
                )  # fmt: skip
        height = min(ctx.grid.content_h, points(sum(para_height(p) for p in paras)) + 2 * PANEL_INSET + 1)
        box = Box(
            "Opening quotes", ctx.grid.margin_x, ctx.grid.content_y, ctx.grid.content_w, height, tuple(paras),
            anchor="ctr", fill=ctx.colors.band, inset=(PANEL_INSET,) * 4,
        )  # fmt: skip
        return box if box_fits(box) else None

    low = ctx.sizes.body_size[0]
    label = next((q.label.rstrip(":：") for q in main if q.label), None)
    title = label or ctx.theme.slide_labels.opening or ""
    box = fitting((low, ctx.sizes.body_size[1] + 4), build)
    if box is None:  # too long for one slide together: each on slides of its own, continued as needed
        return [made for quote in quotes for made in quote_slide(ctx, [quote], title)]
    accent = Bar("Opening quotes accent", ctx.grid.margin_x, ctx.grid.content_y, ACCENT_W, box.h, ctx.colors.accent)
    return [slide(ctx, "quote", title, [box, accent], notes(ctx, ctx.doc.intro))]
