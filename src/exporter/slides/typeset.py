"""Text set for a slide: runs, paragraphs, headings and bullets, broken into measured lines.

In: a ``Context`` (the colours and the deck's language), texts of the model (``str`` or a
``Text`` with bold, italic and link spans), widths in EMU and sizes in points.
Out: ``Run``s and ``Para``s whose line breaks are the measured ones (``exporter.text.metrics``),
so what was measured is what is drawn; a text's spans carry over onto the runs of its broken
lines (``with_spans``) and onto a table cell's broken text (``rebroken``).
"""

from __future__ import annotations

import dataclasses

from exporter.model import BulletList, Span, Text
from exporter.slides.context import Context
from exporter.slides.fit import broken
from exporter.slides.grid import BODY_PITCH, BULLET_INDENT_EM, MAX_BULLET_DEPTH, TITLE_PITCH, points, to_points
from exporter.slides.shapes import Para, Run
from exporter.text.metrics import balanced_wrap, hanging, wrap


def run(
    ctx: Context, text: str, size: float, color: str | None = None, bold: bool = False, lang: str | None = None
) -> Run:
    """``text`` in one style: the theme's text colour and the deck's language unless given."""
    return Run(text, size, color or ctx.colors.text, bold, lang or ctx.lang)


def lines(ctx: Context, text: str, width: int, size: float, pitch: float, **style) -> Para:  # type: ignore[no-untyped-def]
    """A paragraph of ``text`` broken to ``width`` EMU: between characters as body text
    is set, or with ``by="phrase"`` between phrases as headings are."""
    bold = style.pop("bold", False)
    color = style.pop("color", None)
    lang = style.pop("lang", None)
    text_broken = broken(text, width, size, bold, style.pop("by", "character"))
    return Para(with_spans((run(ctx, text_broken, size, color, bold, lang),), text), pitch * size, **style)


def heading(ctx: Context, text: str, width: int, size: float, color: str) -> Para:
    """A bold heading broken into lines as even as the phrase boundaries allow.

    A heading that opens with a bracket has a negative first-line ``indent`` (see
    ``metrics.hanging``); ``fit.hung`` then draws its box that much further left and wider.
    """
    wrapped = balanced_wrap(text, to_points(width), size, "bold")
    indent = points(hanging(text) * size)
    return Para((run(ctx, "\n".join(wrapped), size, color, True),), TITLE_PITCH * size, indent=indent)


def bullet(ctx: Context, item: str, width: int, size: float, space_before: float, depth: int = 0) -> Para:
    """A bulleted item, broken between phrases; a lead term ending in a full-width colon is set bold.
    A nested item (``depth`` 1, 2…) stands one indent further in per level."""
    indent = points(BULLET_INDENT_EM * size)
    width -= depth * indent
    wrapped = wrap(item, to_points(width - indent), size, "bold", by="phrase")
    head, colon, _ = item.partition(":")
    cut = len(head) + len(colon) if colon else 0
    runs: list[Run] = []
    done = 0
    for number, line in enumerate(wrapped):
        start, end = done, done + len(line)
        done = end
        text = ("\n" if number else "") + line
        if end <= cut:
            runs.append(run(ctx, text, size, bold=True))
        elif start >= cut:
            runs.append(run(ctx, text, size))
        else:
            split = cut - start + (1 if number else 0)
            runs += [run(ctx, text[:split], size, bold=True), run(ctx, text[split:], size)]
    merged: list[Run] = []
    for piece in runs:
        if merged and merged[-1].bold == piece.bold:
            merged[-1] = dataclasses.replace(merged[-1], text=merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return Para(
        with_spans(tuple(merged), item),
        BODY_PITCH * size,
        space_before=space_before,
        bullet="•" if depth == 0 else "◦",
        bullet_color=ctx.colors.accent,
        indent=indent * (depth + 1),
    )


def bullets(ctx: Context, items: BulletList, width: int, size: float, spacing: float = 0.8) -> tuple[Para, ...]:
    """A list's items as bullets, ``spacing`` ems apart, nested items under theirs (numbered items
    have their number in front, instead of a bullet at the first level)."""
    paras = []
    for n, (depth, lst, index) in enumerate(items.nested()):
        item = _numbered(lst, index) if lst.ordered else lst.items[index]
        para = bullet(ctx, item, width, size, size * spacing if n else 0.0, min(depth, MAX_BULLET_DEPTH))
        paras.append(dataclasses.replace(para, bullet=None) if lst.ordered and depth == 0 else para)
    return tuple(paras)


def _numbered(lst: BulletList, index: int) -> str:
    """A numbered list's item with its number in front ("2. …"), spans kept."""
    item = lst.items[index]
    spans = getattr(item, "spans", (Span(str(item)),))
    return Text.of((Span(lst.marker(index, "")), *spans))


def with_spans(runs: tuple[Run, ...], source: str) -> tuple[Run, ...]:
    """``runs`` (``source`` broken into lines: the same characters with ``"\n"`` added) split where
    the spans of ``source``, a ``Text``, change style; bold either way stays bold."""
    spans = getattr(source, "spans", None)
    if not spans or not source.styled:  # type: ignore[attr-defined]
        return runs
    styles = [span for span in spans for _ in span.text]
    out: list[Run] = []
    i = 0
    for piece_run in runs:
        for char in piece_run.text:
            if i < len(styles) and char == source[i]:
                span = styles[i]
                i += 1
            else:  # a line break the wrapping added
                span = styles[i - 1] if i else styles[0]
            piece = dataclasses.replace(
                piece_run,
                text=char,
                bold=piece_run.bold or span.bold,
                italic=span.italic,
                href=span.href,
                script=span.script,
                math=span.math,
            )
            last = out[-1] if out else None
            if last and (last.bold, last.italic, last.href, last.color, last.size, last.script, last.math) == (
                piece.bold, piece.italic, piece.href, piece.color, piece.size, piece.script, piece.math
            ):  # fmt: skip
                out[-1] = dataclasses.replace(last, text=last.text + char)
            else:
                out.append(piece)
    return tuple(out)


def rebroken(source: str, text: str) -> str:
    """``text`` (``source`` with line breaks added) with the spans of ``source``, if it has any:
    a table cell keeps its links and styles through its line breaks."""
    if not getattr(source, "styled", False):
        return text
    runs = with_spans((Run(text, 0.0, ""),), source)
    return Text.of(
        tuple(Span(r.text, bold=r.bold, italic=r.italic, href=r.href, script=r.script, math=r.math) for r in runs)
    )
