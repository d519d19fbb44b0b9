"""Plan the deck: which slides, which layout, what fits — as plain data, before any file exists.

In: a ``Document`` and a ``Theme``.
Out: a ``Deck`` — slides made of text boxes, tables and decorative bars, every
position and size in EMU and every font size chosen here from the measured text
(``exporter.text.metrics``). Text boxes carry their line breaks, so what was
measured is what is drawn; tables carry column widths and row heights; a key table
too long for one slide at the smallest allowed size continues on further slides with
its header repeated and "(1/2)" in the title (the takeaways table must fit the summary
slide). What does not fit is a ``RenderError`` naming it. A text's bold, italic and links (its
``Text`` spans) carry over onto the runs of its broken lines; each image gets a slide of its
own, the picture scaled to fit (an SVG or remote image: its alt text in a frame).

Pure: no python-pptx, no I/O. ``Deck.to_json()`` serialises the plan for tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from exporter.errors import RenderError
from exporter.model import (
    Block,
    BulletList,
    CodeBlock,
    Document,
    Figure,
    Image,
    Notes,
    Paragraph,
    Pos,
    Quote,
    Section,
    Span,
    Table,
    Text,
)
from exporter.slides.grid import (
    BODY_PITCH,
    BULLET_INDENT_EM,
    CELL_INSET_X,
    CELL_INSET_Y_EM,
    CONTENT_BOTTOM,
    CONTENT_W,
    CONTENT_Y,
    FIGURE_PITCH,
    FOOTER_H,
    FOOTER_Y,
    GAP,
    LANGS,
    MARGIN_X,
    MAX_BULLET_DEPTH,
    PANEL_INSET,
    ROW_AIR_EM,
    SLIDE_H,
    SLIDE_W,
    TABLE_PITCH,
    TITLE_H,
    TITLE_PITCH,
    TITLE_RULE_Y,
    TITLE_Y,
    inches,
    points,
    to_points,
)
from exporter.slides.shapes import Bar, Box, Deck, Para, Picture, Properties, Run, Shape, Slide, TableShape
from exporter.text.metrics import FIT_TOLERANCE, balanced_wrap, hanging, text_width, widest_piece, wrap
from exporter.theme import Theme

T = TypeVar("T")

# -- measuring helpers ------------------------------------------------------------------------


def _broken(text: str, width: int, size: float, bold: bool = False, by: str = "character") -> str:
    """``text`` with a line break at each measured wrap point, for ``width`` EMU (see ``metrics.wrap``)."""
    return "\n".join(wrap(text, to_points(width), size, "bold" if bold else "regular", by))


def with_spans(runs: tuple[Run, ...], source: str) -> tuple[Run, ...]:
    """``runs`` (``source`` broken into lines: the same characters with ``"\n"`` added) split where
    the spans of ``source``, a ``Text``, change style; bold either way stays bold."""
    spans = getattr(source, "spans", None)
    if not spans or not source.styled:  # type: ignore[attr-defined]
        return runs
    styles = [span for span in spans for _ in span.text]
    out: list[Run] = []
    i = 0
    for run in runs:
        for char in run.text:
            if i < len(styles) and char == source[i]:
                span = styles[i]
                i += 1
            else:  # a line break the wrapping added
                span = styles[i - 1] if i else styles[0]
            piece = dataclasses.replace(run, text=char, bold=run.bold or span.bold, italic=span.italic, href=span.href)
            last = out[-1] if out else None
            if last and (last.bold, last.italic, last.href, last.color, last.size) == (
                piece.bold, piece.italic, piece.href, piece.color, piece.size
            ):  # fmt: skip
                out[-1] = dataclasses.replace(last, text=last.text + char)
            else:
                out.append(piece)
    return tuple(out)


def rebroken(source: str, broken: str) -> str:
    """``broken`` (``source`` with line breaks added) with the spans of ``source``, if it has any:
    a table cell keeps its links and styles through its line breaks."""
    if not getattr(source, "styled", False):
        return broken
    runs = with_spans((Run(broken, 0.0, ""),), source)
    return Text.of(tuple(Span(r.text, bold=r.bold, italic=r.italic, href=r.href) for r in runs))


def _hung(box: Box) -> Box:
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


def _sizes(bounds: tuple[float, float]) -> list[float]:
    """Candidate sizes from largest to smallest: whole points, ending with the smallest allowed."""
    low, high = bounds
    sizes = [float(s) for s in range(int(high), int(low) - 1, -1) if low <= s <= high]
    return sizes if sizes and sizes[-1] == low else [*sizes, low]


def _fitting(bounds: tuple[float, float], build: Callable[[float], T | None]) -> T | None:
    """The result of ``build`` at the largest size for which it returns something; None if at none."""
    for size in _sizes(bounds):
        result = build(size)
        if result is not None:
            return result
    return None


def _largest(bounds: tuple[float, float], build: Callable[[float], object | None], what: str) -> object:
    """The result of ``build`` at the largest size for which it returns something."""
    result = _fitting(bounds, build)
    if result is None:
        raise RenderError(f"slides: {what} does not fit its slide even at {bounds[0]:g} pt")
    return result


# -- the planner ------------------------------------------------------------------------------


class Planner:
    """Lays out one document with one theme; ``deck()`` returns the plan."""

    def __init__(self, document: Document, theme: Theme, revision: str | None = None, date: dt.datetime | None = None):
        self.doc = document
        self.theme = theme = theme.localised(document.meta.lang)
        self.revision = revision
        self.date = date or document.meta.midnight
        self.colors = theme.colors
        self.sizes = theme.slides
        self.lang = LANGS.get(document.meta.lang, document.meta.lang)
        self.contexts: dict[int, tuple[Section | None, tuple[Block, ...]]] = {
            id(b): (None, document.intro) for b in document.intro
        }
        for section in document.walk_sections():  # Document.context_of, once for every block
            self.contexts.update((id(b), (section, section.blocks)) for b in section.blocks)

    # -- text builders --

    def run(self, text: str, size: float, color: str | None = None, bold: bool = False, lang: str | None = None) -> Run:
        return Run(text, size, color or self.colors.text, bold, lang or self.lang)

    def lines(self, text: str, width: int, size: float, pitch: float, **style) -> Para:  # type: ignore[no-untyped-def]
        """A paragraph of ``text`` broken to ``width`` EMU: between characters as body text
        is set, or with ``by="phrase"`` between phrases as headings are."""
        bold = style.pop("bold", False)
        color = style.pop("color", None)
        lang = style.pop("lang", None)
        broken = _broken(text, width, size, bold, style.pop("by", "character"))
        return Para(with_spans((self.run(broken, size, color, bold, lang),), text), pitch * size, **style)

    def heading(self, text: str, width: int, size: float, color: str) -> Para:
        """A bold heading broken into lines as even as the phrase boundaries allow.

        A heading that opens with a bracket has a negative first-line ``indent`` (see
        ``metrics.hanging``); ``_hung`` then draws its box that much further left and wider.
        """
        lines = balanced_wrap(text, to_points(width), size, "bold")
        indent = points(hanging(text) * size)
        return Para((self.run("\n".join(lines), size, color, True),), TITLE_PITCH * size, indent=indent)

    def bullet(self, item: str, width: int, size: float, space_before: float, depth: int = 0) -> Para:
        """A bulleted item, broken between phrases; a lead term ending in a full-width colon is set bold.
        A nested item (``depth`` 1, 2…) stands one indent further in per level."""
        indent = points(BULLET_INDENT_EM * size)
        width -= depth * indent
        lines = wrap(item, to_points(width - indent), size, "bold", by="phrase")
        head, colon, _ = item.partition(":")
        cut = len(head) + len(colon) if colon else 0
        runs: list[Run] = []
        done = 0
        for number, line in enumerate(lines):
            start, end = done, done + len(line)
            done = end
            text = ("\n" if number else "") + line
            if end <= cut:
                runs.append(self.run(text, size, bold=True))
            elif start >= cut:
                runs.append(self.run(text, size))
            else:
                split = cut - start + (1 if number else 0)
                runs += [self.run(text[:split], size, bold=True), self.run(text[split:], size)]
        merged: list[Run] = []
        for run in runs:
            if merged and merged[-1].bold == run.bold:
                merged[-1] = dataclasses.replace(merged[-1], text=merged[-1].text + run.text)
            else:
                merged.append(run)
        return Para(
            with_spans(tuple(merged), item),
            BODY_PITCH * size,
            space_before=space_before,
            bullet="•" if depth == 0 else "◦",
            bullet_color=self.colors.accent,
            indent=indent * (depth + 1),
        )

    def bullets(self, items: BulletList, width: int, size: float, spacing: float = 0.8) -> tuple[Para, ...]:
        """A list's items as bullets, ``spacing`` ems apart, nested items under theirs (numbered items
        keep their number in front)."""
        paras = []
        for n, (depth, lst, index) in enumerate(items.nested()):
            item = lst.items[index]
            if lst.ordered:
                item = _numbered(lst, index)
            depth = min(depth, MAX_BULLET_DEPTH)
            paras.append(self.bullet(item, width, size, size * spacing if n else 0.0, depth))
        return tuple(paras)

    # -- slide frame --

    def title(self, text: str, bounds: tuple[float, float] | None = None) -> Box:
        """The slide title, broken at phrase boundaries, at the largest size that fits two lines.

        A closing 。 is dropped, as on Japanese slide titles: headlines taken from the
        article's sentences then read alike whether the sentence ended in 。 or in a colon.
        """
        text = text.removesuffix("。")

        def at(size: float) -> Box:
            para = self.heading(text, CONTENT_W, size, color=self.colors.primary)
            return _hung(Box("Title", MARGIN_X, TITLE_Y, CONTENT_W, TITLE_H, (para,), anchor="b"))

        for size in _sizes(bounds or self.sizes.title_size):
            box = at(size)
            if box.paras[0].text.count("\n") < 2 and box_fits(box):
                return box
        size = (bounds or self.sizes.title_size)[0]
        box = at(size)
        if not box_fits(box):
            raise RenderError(f"slides: the title '{text}' does not fit two lines even at {size:g} pt")
        return box

    def footer(self, number: int) -> tuple[Box, ...]:
        """Short title (left), confidentiality label (centre) and slide number (right)."""
        size = self.sizes.footer_size
        pitch = BODY_PITCH * size
        third = CONTENT_W // 3
        texts = [
            ("Footer title", "  |  ".join([self.doc.meta.short_title, *self.revision_label()]), "l", None),
            ("Footer confidentiality", self.theme.confidentiality, "ctr", None),
            ("Slide number", str(number), "r", "slidenum"),
        ]
        boxes = []
        for index, (name, text, align, field) in enumerate(texts):
            run = self.run(text, size, self.colors.muted, bold=field is None and index == 1)
            para = Para((run,), pitch, align=align, field=field)
            box = Box(name, MARGIN_X + index * third, FOOTER_Y, third, FOOTER_H, (para,), anchor="ctr")
            if not box_fits(box):
                where = {"pos": self.doc.meta.pos} if index == 0 else {"theme_key": "confidentiality"}
                raise RenderError(f"slides: the footer text '{text}' does not fit a third of the slide width", **where)
            boxes.append(box)
        return tuple(boxes)

    def revision_label(self) -> list[str]:
        return [f"rev. {self.revision}"] if self.revision else []

    def rule(self) -> Bar:
        return Bar("Title rule", MARGIN_X, TITLE_RULE_Y, inches(1.1), inches(0.06), self.colors.accent)

    def slide(self, kind: str, title: str, shapes: Sequence[Shape], notes: str) -> Slide:
        return Slide(kind, self.title(title), (self.rule(), *shapes), notes)

    # -- notes --

    def notes(self, blocks: Sequence[Block], heading: str | None = None) -> str:
        """The article's text of ``blocks`` (tables left out: they are on the slide)."""
        parts = [heading] if heading else []
        for block in blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            elif isinstance(block, Quote):
                lines = [block.label] if block.label else []
                lines += list(block.paragraphs)
                if block.attribution:
                    lines.append(block.attribution)
                parts.append("\n".join(lines))
            elif isinstance(block, BulletList):
                lines = [block.label] if block.label else []
                for depth, lst, index in block.nested():
                    lines.append("  " * depth + lst.marker(index, self.theme.words.bullet) + lst.items[index])
                parts.append("\n".join(lines))
            elif isinstance(block, CodeBlock | Notes):
                parts.append(block.text)
            elif isinstance(block, Image):
                parts.append("\n".join(t for t in (block.caption, block.alt, block.url) if t))
            elif isinstance(block, Table) and not block.key:  # a key table is on a slide of its own
                rows = [block.caption] if block.caption else []
                rows += [" | ".join(row) for row in (block.header, *block.rows)]
                parts.append("\n".join(rows))
        return "\n\n".join(parts)

    def section_notes(self, section: Section) -> str:
        """The notes of a section and its subsections, headings included."""
        parts = [self.notes(section.blocks, section.title)]
        parts += [self.section_notes(sub) for sub in section.sections]
        return "\n\n".join(p for p in parts if p)

    def block_notes(self, block: Block) -> str:
        section, blocks = self.context_of(block)
        return self.notes(blocks, section.title if section else None)

    def parent(self, section: Section) -> Section | None:
        return next((s for s in self.doc.walk_sections() if any(c is section for c in s.sections)), None)

    def section_of(self, block: Block) -> Section | None:
        return self.context_of(block)[0]

    def context_of(self, block: Block) -> tuple[Section | None, tuple[Block, ...]]:
        """The section holding ``block`` (None for the intro) and that section's blocks."""
        return self.contexts[id(block)]

    # -- tables --

    def table(self, table: Table, x: int, y: int, w: int, h: int, name: str = "Table") -> list[TableShape] | None:
        """``table`` fitted to the area at the largest size, or split at the smallest; None if too narrow."""
        inset_x = to_points(2 * CELL_INSET_X)
        low, _ = self.sizes.table_size
        for size in _sizes(self.sizes.table_size):
            columns = self._columns(table, size, to_points(w) - len(table.header) * inset_x)
            if columns is None:
                continue
            widths = [points(c + inset_x) for c in columns]
            widths[-1] = w - sum(widths[:-1])
            heights = [self._row_height(table.header, widths, size, True)]
            heights += [self._row_height(row, widths, size, False) for row in table.rows]
            if sum(heights) <= h:
                extra = min((h - sum(heights)) // len(heights), points(ROW_AIR_EM * size))  # air, not emptiness
                heights = [height + extra for height in heights]
                return [self._table_shape(table, name, x, y, w, widths, heights, table.rows, size)]
            if size == low:
                return self._split(table, name, x, y, w, h, widths, heights, size)
        return None

    def _columns(self, table: Table, size: float, width: float) -> list[float] | None:
        """Column text widths in points summing to ``width``, or None if the widest pieces do not fit."""
        cells = [[(c, True) for c in table.header]] + [[(c, False) for c in row] for row in table.rows]
        natural = [
            max(text_width(row[j][0], size, "bold" if row[j][1] else "regular") for row in cells)
            for j in range(len(table.header))
        ]
        least = [
            max(widest_piece(row[j][0], size, "bold" if row[j][1] else "regular") for row in cells)
            for j in range(len(table.header))
        ]
        if sum(least) > width:
            return None
        if sum(natural) <= width:
            return [n * width / sum(natural) for n in natural]
        # A column whose longest cell fits in an even share of the room left is not wrapped:
        # it gets that cell's width, and the others share the rest by how much they would shrink.
        widths: list[float | None] = [None] * len(natural)
        while True:
            open_ = [j for j, w in enumerate(widths) if w is None]
            room = width - sum(w for w in widths if w is not None)
            whole = [j for j in open_ if natural[j] <= room / len(open_)]
            rest = [j for j in open_ if j not in whole]
            if not whole or not rest or room - sum(natural[j] for j in whole) < sum(least[j] for j in rest):
                break
            for j in whole:
                widths[j] = natural[j]
        slack = {j: natural[j] - least[j] for j in open_}
        spare = room - sum(least[j] for j in open_)
        return [w if w is not None else least[j] + spare * slack[j] / sum(slack.values()) for j, w in enumerate(widths)]

    def _row_height(self, row: Sequence[str], widths: Sequence[int], size: float, bold: bool) -> int:
        inner = [to_points(w - 2 * CELL_INSET_X) for w in widths]
        lines = max(
            len(wrap(c, iw, size, "bold" if bold else "regular", by="phrase")) for c, iw in zip(row, inner, strict=True)
        )
        return points(lines * TABLE_PITCH * size + 2 * CELL_INSET_Y_EM * size)

    def _table_shape(
        self,
        table: Table,
        name: str,
        x: int,
        y: int,
        w: int,
        widths: Sequence[int],
        heights: Sequence[int],
        rows: Sequence[tuple[str, ...]],
        size: float,
    ) -> TableShape:
        inset_y = points(CELL_INSET_Y_EM * size)
        inner = [w - 2 * CELL_INSET_X for w in widths]

        def broken(cells: Sequence[str], bold: bool = False) -> tuple[str, ...]:
            return tuple(
                rebroken(c, _broken(c, iw, size, bold, by="phrase")) for c, iw in zip(cells, inner, strict=True)
            )

        return TableShape(
            name=name,
            x=x,
            y=y,
            w=w,
            h=sum(heights),
            columns=tuple(widths),
            rows=tuple(heights),
            header=broken(table.header, bold=True),
            body=tuple(broken(row) for row in rows),
            size=size,
            pitch=TABLE_PITCH * size,
            inset=(CELL_INSET_X, inset_y, CELL_INSET_X, inset_y),
            descr=table.headline or table.title,
            header_fill=self.colors.primary,
            header_color=self.colors.on_primary,
            band_fill=self.colors.band,
            text_color=self.colors.text,
            rule_color=self.colors.rule,
            lang=self.lang,
        )

    def _split(
        self,
        table: Table,
        name: str,
        x: int,
        y: int,
        w: int,
        h: int,
        widths: list[int],
        heights: list[int],
        size: float,
    ) -> list[TableShape]:
        """Rows packed into as few slides as possible, balanced, each with the header row."""
        header, body = heights[0], heights[1:]
        room = h - header
        if max(body) > room:
            raise RenderError(
                f"slides: a row of table '{table.id}' is taller than a slide even at {size:g} pt", pos=table.pos
            )
        pages = len(_pack(body, room))
        low, high = max(body), room
        while low < high:  # the smallest capacity that still needs no more pages: balanced pages
            middle = (low + high) // 2
            if len(_pack(body, middle)) <= pages:
                high = middle
            else:
                low = middle + 1
        shapes = []
        for start, end in _pack(body, low):
            rows_h = [header, *body[start:end]]
            shapes.append(self._table_shape(table, name, x, y, w, widths, rows_h, table.rows[start:end], size))
        return shapes

    def caption(self, table: Table, x: int, y: int, w: int) -> Box:
        size = self.sizes.body_size[0]
        text = self.doc.caption_of(table)
        para = self.lines(text, w, size, BODY_PITCH, color=self.colors.muted)
        return Box("Caption", x, y, w, points(para_height(para)) + 1, (para,))

    # -- quotes --

    def quote_panel(self, quote: Quote, x: int, y: int, w: int, h: int, name: str = "Quote") -> list[Shape] | None:
        """A quote on a tinted panel with an accent bar, at the largest body size that fits."""
        inner = w - 2 * PANEL_INSET
        lang = LANGS.get(quote.lang, quote.lang)

        def build(size: float) -> Box | None:
            paras = []
            if quote.label:
                paras.append(self.lines(quote.label, inner, size * 0.8, BODY_PITCH, bold=True, color=self.colors.muted))
            for text in quote.paragraphs:
                space = size * 0.6 if paras else 0.0
                paras.append(self.lines(text, inner, size, BODY_PITCH, lang=lang, space_before=space))
            if quote.attribution:
                paras.append(
                    self.lines(
                        quote.attribution,
                        inner,
                        size * 0.8,
                        BODY_PITCH,
                        color=self.colors.muted,
                        space_before=size * 0.6,
                    )
                )
            box = Box(name, x, y, w, h, tuple(paras), fill=self.colors.band, anchor="ctr", inset=(PANEL_INSET,) * 4)
            return box if box_fits(box) else None

        box = _fitting(self.sizes.body_size, build)
        return None if box is None else [box, Bar(f"{name} accent", x, y, inches(0.07), h, self.colors.accent)]

    # -- slides --

    def cover(self) -> Slide:
        meta = self.doc.meta
        on = self.colors.on_primary
        soft = self.colors.rule
        x, w = inches(0.9), SLIDE_W - inches(1.8)

        def build(size: float) -> Box | None:
            para = self.heading(meta.title, w, size, color=on)
            box = _hung(Box("Title", x, inches(2.35), w, inches(1.5), (para,), anchor="b"))
            return box if box_fits(box) else None

        title = _largest(self.sizes.cover_title_size, build, "the cover title")
        assert isinstance(title, Box)
        sub_size = self.sizes.body_size[1] + 4
        shapes: list[Shape] = [Bar("Cover accent", x, inches(4.05), inches(1.4), inches(0.08), self.colors.accent)]
        shapes.append(self.cover_label(x + w))
        if meta.subtitle:
            para = self.lines(meta.subtitle, w, sub_size, BODY_PITCH, color=on, by="phrase")
            shapes.append(Box("Subtitle", x, inches(4.35), w, points(para_height(para)) + 1, (para,)))
        small = self.sizes.body_size[0] + 2
        byline = " | ".join(p for p in (meta.date_text, meta.author, self.theme.organisation) if p)
        para = self.lines(byline, w, small, BODY_PITCH, color=soft)
        shapes.append(Box("Date and author", x, inches(5.55), w, points(para_height(para)) + 1, (para,)))
        if meta.source:
            para = self.lines(
                f"{self.theme.slide_labels.source}: {meta.source}", w, self.sizes.body_size[0], BODY_PITCH, color=soft
            )
            height = points(para_height(para)) + 1
            shapes.append(Box("Source", x, SLIDE_H - inches(0.55) - height, w, height, (para,)))
        return Slide("cover", title, tuple(shapes), self.notes(self.doc.intro), background=self.colors.primary)

    def cover_label(self, right: int) -> Box:
        """The confidentiality label, white on the accent colour, at the cover's top right (as on the brief)."""
        size = self.sizes.footer_size + 3
        inset = (inches(0.12), inches(0.04), inches(0.12), inches(0.04))
        text = self.theme.confidentiality
        w = points(text_width(text, size, "bold")) + inset[0] + inset[2] + 1
        h = points(BODY_PITCH * size) + inset[1] + inset[3] + 1
        para = Para((self.run(text, size, self.colors.on_primary, bold=True),), BODY_PITCH * size, align="ctr")
        box = Box(
            "Confidentiality", right - w, inches(0.6), w, h, (para,), anchor="ctr", fill=self.colors.accent, inset=inset
        )
        if not box_fits(box):
            raise RenderError(
                f"slides: the confidentiality label '{text}' does not fit its box", theme_key="confidentiality"
            )
        return box

    def summary(self) -> Slide | None:
        """The takeaways table (left) beside the figures at a glance (right)."""
        summary = self.doc.summary
        table = summary.takeaways
        if table is None and not summary.figures:
            return None
        shapes: list[Shape] = []
        height = CONTENT_BOTTOM - CONTENT_Y
        table_w = round(CONTENT_W * 0.58) if summary.figures else CONTENT_W
        if table is not None:
            shapes += self.table_block(table, MARGIN_X, CONTENT_Y, table_w, height, "Takeaways")
        if summary.figures:
            x = MARGIN_X + table_w + GAP if table is not None else MARGIN_X
            shapes += self.figures(summary.figures, x, CONTENT_Y, MARGIN_X + CONTENT_W - x, height)
        title = (table.headline or table.title) if table else self.doc.meta.title
        return self.slide("summary", title, shapes, self.block_notes(table) if table else "")

    def figures(self, figures: Sequence[Figure], x: int, y: int, w: int, h: int) -> list[Shape]:
        """Figures stacked as cards — value large in the accent colour, then label and note."""
        gap = inches(0.1)
        inset = (inches(0.2), inches(0.06), inches(0.2), inches(0.06))
        inner = w - inset[0] - inset[2]

        def card(figure: Figure, value_size: float, label_size: float) -> tuple[Para, ...] | None:
            if widest_piece(figure.value, value_size, "bold") > to_points(inner):
                return None
            paras = [
                self.lines(
                    figure.value, inner, value_size, FIGURE_PITCH, bold=True, color=self.colors.accent, by="phrase"
                )
            ]
            paras.append(self.lines(figure.label, inner, label_size, BODY_PITCH, by="phrase"))
            if figure.note:
                muted = self.colors.muted
                paras.append(self.lines(figure.note, inner, label_size, BODY_PITCH, color=muted, by="phrase"))
            return tuple(paras)

        def build(value_size: float) -> list[Shape] | None:
            label_size = max(self.sizes.body_size[0], min(self.sizes.body_size[1], round(value_size * 0.5)))
            cards = [card(f, value_size, label_size) for f in figures]
            if any(c is None for c in cards):
                return None
            height = (h - gap * (len(cards) - 1)) // len(cards)
            shapes: list[Shape] = []
            for index, paras in enumerate(cards):
                box = Box(
                    f"Figure {index + 1}",
                    x,
                    y + index * (height + gap),
                    w,
                    height,
                    paras,
                    fill=self.colors.band,
                    inset=inset,
                    anchor="ctr",
                )  # type: ignore[arg-type]
                if not box_fits(box):
                    return None
                shapes.append(box)
            return shapes

        shapes = _largest(self.sizes.figure_size, build, "the figures at a glance")
        assert isinstance(shapes, list)
        return shapes

    def table_block(self, table: Table, x: int, y: int, w: int, h: int, name: str = "Table") -> list[Shape]:
        """One table with its caption below, fitted (not split) to the area."""
        caption_probe = self.caption(table, x, 0, w)
        room = h - caption_probe.h - inches(0.12)
        shapes = self.table(table, x, y, w, room, name)
        if shapes is None or len(shapes) > 1:
            raise RenderError(
                f"slides: table '{table.id}' does not fit beside the other content of its slide", pos=table.pos
            )
        frame = shapes[0]
        return [frame, dataclasses.replace(caption_probe, y=frame.y + frame.h + inches(0.12))]

    def table_slides(self, table: Table, quotes: Sequence[Quote]) -> list[Slide]:
        """The slides of a key table: with its quote beside it if both fit, else the quote after."""
        notes = self.block_notes(table)
        title = table.headline or table.title
        height = CONTENT_BOTTOM - CONTENT_Y
        if quotes:
            table_w, panel = self.quote_beside(quotes[0])
            caption = self.caption(table, MARGIN_X, 0, table_w)
            frames = self.table(table, MARGIN_X, CONTENT_Y, table_w, height - caption.h - inches(0.12))
            if panel is not None and frames is not None and len(frames) == 1:
                shapes = [frames[0], dataclasses.replace(caption, y=frames[0].y + frames[0].h + inches(0.12)), *panel]
                rest = [self.quote_slide(q, title) for q in quotes[1:]]
                return [self.slide("table", title, shapes, notes), *rest]
        caption = self.caption(table, MARGIN_X, 0, CONTENT_W)
        frames = self.table(table, MARGIN_X, CONTENT_Y, CONTENT_W, height - caption.h - inches(0.12))
        if frames is None:
            raise RenderError(f"slides: table '{table.id}' has more columns than fit a slide", pos=table.pos)
        slides = []
        for number, frame in enumerate(frames, 1):
            part = self.theme.words.part.format(n=number, total=len(frames))
            suffix = f" {part}" if len(frames) > 1 else ""
            shapes = [frame, dataclasses.replace(caption, y=frame.y + frame.h + inches(0.12))]
            slides.append(self.slide("table", title.removesuffix("。") + suffix, shapes, notes))
        return slides + [self.quote_slide(q, title) for q in quotes]

    def quote_beside(self, quote: Quote) -> tuple[int, list[Shape] | None]:
        """A quote's panel on the right two-fifths of a slide, and the width left of it for what
        it stands beside; the panel is None if it does not fit even at the smallest size."""
        left_w = round(CONTENT_W * 0.6)
        panel_x = MARGIN_X + left_w + GAP
        width = MARGIN_X + CONTENT_W - panel_x
        return left_w, self.quote_panel(quote, panel_x, CONTENT_Y, width, CONTENT_BOTTOM - CONTENT_Y)

    def quote_alone(self, quote: Quote) -> list[Shape] | None:
        """A quote's panel filling a slide's content area; None if it does not fit even at the smallest size."""
        return self.quote_panel(quote, MARGIN_X, CONTENT_Y, CONTENT_W, CONTENT_BOTTOM - CONTENT_Y)

    def quote_slide(self, quote: Quote, title: str) -> Slide:
        section = self.section_of(quote)
        panel = self.quote_alone(quote)
        if panel is None:
            raise RenderError(
                f"slides: the quote '{quote.id or quote.paragraphs[0][:20]}' does not fit a slide", pos=quote.pos
            )
        return self.slide("quote", section.title if section else title, panel, self.block_notes(quote))

    def finding_slides(self, section: Section, quotes: Sequence[Quote]) -> list[Slide]:
        """The quotes of a section with no key table of its own: the first beside the section's
        first list that no other slide shows (its points, under its label as written) when both
        fit, each other on a slide of its own."""
        shown = (self.doc.summary.before, self.doc.summary.after, self.doc.summary.outlook)
        points = next((b for b in section.blocks if isinstance(b, BulletList) and not any(b is s for s in shown)), None)
        if points is not None:
            list_w, panel = self.quote_beside(quotes[0])

            def build(size: float) -> Box | None:
                paras = self.bullets(points, list_w, size)
                if points.label:
                    label = self.lines(
                        points.label, list_w, size, BODY_PITCH, bold=True, color=self.colors.primary, by="phrase"
                    )
                    paras = (label, dataclasses.replace(paras[0], space_before=size * 0.8), *paras[1:])
                box = Box("Points", MARGIN_X, CONTENT_Y, list_w, CONTENT_BOTTOM - CONTENT_Y, paras)
                return box if box_fits(box) else None

            points_box = _fitting(self.sizes.body_size, build)
            if panel is not None and points_box is not None:
                first = self.slide("quote", section.title, [points_box, *panel], self.block_notes(quotes[0]))
                return [first, *(self.quote_slide(q, section.title) for q in quotes[1:])]
        return [self.quote_slide(q, section.title) for q in quotes]

    def image_slide(self, image: Image) -> Slide:
        """An image on a slide of its own, scaled to fit the content area above its alt text; an
        image the deck cannot embed (remote, or SVG) shows its alt text in a frame."""
        section = self.section_of(image)
        title = image.caption or (section.title if section else image.alt)
        size = self.sizes.body_size[0]
        note = self.lines(image.alt, CONTENT_W, size, BODY_PITCH, color=self.colors.muted, align="ctr")
        note_h = points(para_height(note)) + 1
        room_h = CONTENT_BOTTOM - CONTENT_Y - note_h - inches(0.12)
        shapes: list[Shape]
        if image.path and image.size and not image.path.lower().endswith(".svg"):
            width, height = image.size
            scale = min(CONTENT_W / width, room_h / height)
            w, h = round(width * scale), round(height * scale)
            x, y = MARGIN_X + (CONTENT_W - w) // 2, CONTENT_Y + (room_h - h) // 2
            shapes = [Picture("Image", x, y, w, h, image.path, image.alt)]
        else:
            text = "\n".join(t for t in (image.alt, image.url) if t)
            para = self.lines(text, CONTENT_W - 2 * PANEL_INSET, self.sizes.body_size[1], BODY_PITCH, align="ctr")
            frame = Box("Image alt text", MARGIN_X, CONTENT_Y, CONTENT_W, room_h, (para,), anchor="ctr",
                        fill=self.colors.band, inset=(PANEL_INSET,) * 4)  # fmt: skip
            shapes = [frame]
        caption = Box("Image caption", MARGIN_X, CONTENT_BOTTOM - note_h, CONTENT_W, note_h, (note,))
        return self.slide("image", title, [*shapes, caption], self.block_notes(image))

    def opening(self) -> Slide | None:
        """The article's opening quotes: those in the document's language large, the originals below."""
        quotes = [b for b in self.doc.intro if isinstance(b, Quote)]
        if not quotes:
            return None
        main = [q for q in quotes if LANGS.get(q.lang, q.lang) == self.lang] or quotes[:1]
        others = [q for q in quotes if q not in main]
        inner = CONTENT_W - 2 * PANEL_INSET
        height = CONTENT_BOTTOM - CONTENT_Y

        def build(size: float) -> Box | None:
            paras: list[Para] = []
            for quote in main:
                for text in quote.paragraphs:
                    paras.append(self.lines(text, inner, size, BODY_PITCH, space_before=size * 0.5 if paras else 0.0))
            small = max(self.sizes.body_size[0], size * 0.7)
            for quote in others:
                lang = LANGS.get(quote.lang, quote.lang)
                for number, text in enumerate(quote.paragraphs):
                    space = size * 1.2 if number == 0 else small * 0.3
                    paras.append(
                        self.lines(
                            text, inner, small, BODY_PITCH, color=self.colors.muted, lang=lang, space_before=space
                        )
                    )
                if quote.attribution:
                    paras.append(
                        self.lines(
                            quote.attribution,
                            inner,
                            small,
                            BODY_PITCH,
                            bold=True,
                            color=self.colors.primary,
                            space_before=small * 0.5,
                        )
                    )
            box = Box(
                "Opening quotes",
                MARGIN_X,
                CONTENT_Y,
                CONTENT_W,
                height,
                tuple(paras),
                anchor="ctr",
                fill=self.colors.band,
                inset=(PANEL_INSET,) * 4,
            )
            return box if box_fits(box) else None

        box = _largest((self.sizes.body_size[0], self.sizes.body_size[1] + 4), build, "the opening quotes")
        assert isinstance(box, Box)
        accent = Bar("Opening quotes accent", MARGIN_X, CONTENT_Y, inches(0.07), height, self.colors.accent)
        return self.slide("quote", self.theme.slide_labels.opening, [box, accent], self.notes(self.doc.intro))

    def compare(self) -> Slide | None:
        """The before and after lists side by side, each under its section's heading."""
        summary = self.doc.summary
        if summary.before is None or summary.after is None:
            return None
        sides = [summary.before, summary.after]
        sections = [self.section_of(s) for s in sides]
        headings = [s.title if s else (lst.label or "") for s, lst in zip(sections, sides, strict=True)]
        column_w = (CONTENT_W - GAP) // 2
        inner = column_w - 2 * PANEL_INSET
        head_h = inches(0.7)
        fills = [(self.colors.muted, self.colors.band), (self.colors.primary, self.colors.band)]

        def build(size: float) -> list[Shape] | None:
            shapes: list[Shape] = []
            for index, (lst, heading) in enumerate(zip(sides, headings, strict=True)):
                x = MARGIN_X + index * (column_w + GAP)
                head_para = self.lines(
                    heading, inner, size + 2, TITLE_PITCH, bold=True, color=self.colors.on_primary, by="phrase"
                )
                paras = self.bullets(lst, inner, size)
                side = "Before" if index == 0 else "After"
                names = (f"{side} heading", f"{side} list")
                card = self.card(names, x, column_w, head_h, head_para, paras, fills[index])
                if card is None:
                    return None
                shapes += card
            return shapes

        shapes = _largest(self.sizes.body_size, build, "the before/after comparison")
        assert isinstance(shapes, list)
        parent = self.parent(sections[0]) if sections[0] else None
        title = parent.title if parent else " / ".join(headings)
        notes = self.section_notes(parent) if parent else self.notes(sides)
        return self.slide("compare", title, shapes, notes)

    def card(
        self,
        names: tuple[str, str],
        x: int,
        w: int,
        head_h: int,
        head: Para,
        paras: tuple[Para, ...],
        fills: tuple[str, str],
    ) -> list[Shape] | None:
        """A column from the content top to its bottom: a heading band over a tinted body; None if
        either does not fit."""
        band_inset = (PANEL_INSET, 0, PANEL_INSET, 0)
        head_box = Box(names[0], x, CONTENT_Y, w, head_h, (head,), anchor="ctr", fill=fills[0], inset=band_inset)
        body = Box(
            names[1], x, CONTENT_Y + head_h, w, CONTENT_BOTTOM - CONTENT_Y - head_h, paras, fill=fills[1],
            inset=(PANEL_INSET,) * 4,
        )  # fmt: skip
        return [head_box, body] if box_fits(head_box) and box_fits(body) else None

    def implications(self) -> Slide | None:
        """The implication sections as cards: heading band over the section's first paragraph."""
        sections = self.doc.summary.implications
        if not sections:
            return None
        count = len(sections)
        card_w = (CONTENT_W - GAP * (count - 1)) // count
        inner = card_w - 2 * PANEL_INSET

        def build(size: float) -> list[Shape] | None:
            # the headings may be set smaller than the text, so that no phrase of theirs is broken
            head_size = next(
                (
                    s
                    for s in _sizes((self.sizes.body_size[0], size))
                    if all(widest_piece(section.title, s, "bold") <= to_points(inner) for section in sections)
                ),
                self.sizes.body_size[0],
            )
            heads = [
                self.lines(s.title, inner, head_size, TITLE_PITCH, bold=True, color=self.colors.on_primary, by="phrase")
                for s in sections
            ]
            head_h = max(points(para_height(p)) for p in heads) + 2 * PANEL_INSET
            shapes: list[Shape] = []
            for index, (section, head) in enumerate(zip(sections, heads, strict=True)):
                x = MARGIN_X + index * (card_w + GAP)
                paras = tuple(self.lines(t, inner, size, BODY_PITCH) for t in [section.lead] if t)
                names = (f"Implication {index + 1} heading", f"Implication {index + 1}")
                card = self.card(names, x, card_w, head_h, head, paras, (self.colors.primary, self.colors.band))
                if card is None:
                    return None
                shapes += card
            return shapes

        shapes = _largest(self.sizes.body_size, build, "the implications")
        assert isinstance(shapes, list)
        parent = self.parent(sections[0])
        title = parent.title if parent else sections[0].title
        notes = "\n\n".join(self.section_notes(s) for s in ([parent] if parent else sections))
        return self.slide("implications", title, shapes, notes)

    def closing(self) -> Slide | None:
        """What to watch, as bullets, with the article's last paragraph as the closing statement."""
        outlook = self.doc.summary.outlook
        if outlook is None:
            return None
        section, blocks = self.context_of(outlook)
        last = [b for b in self.doc.blocks() if isinstance(b, Paragraph)][-1:]
        inner = CONTENT_W - 2 * PANEL_INSET

        def build(size: float) -> list[Shape] | None:
            items = self.bullets(outlook, CONTENT_W, size, spacing=0.7)
            list_h = points(sum(para_height(p) for p in items)) + 1
            shapes: list[Shape] = [Box("Outlook", MARGIN_X, CONTENT_Y, CONTENT_W, list_h, items)]
            if last:
                para = self.lines(last[0].text, inner, size - 2, BODY_PITCH, color=self.colors.primary)
                box_h = points(para_height(para)) + 2 * PANEL_INSET + 1
                y = CONTENT_BOTTOM - box_h
                if y < CONTENT_Y + list_h + GAP:
                    return None
                shapes += [
                    Box(
                        "Closing statement",
                        MARGIN_X,
                        y,
                        CONTENT_W,
                        box_h,
                        (para,),
                        fill=self.colors.band,
                        anchor="ctr",
                        inset=(PANEL_INSET,) * 4,
                    ),
                    Bar("Closing statement accent", MARGIN_X, y, inches(0.07), box_h, self.colors.accent),
                ]
            return shapes if all(box_fits(s) for s in shapes if isinstance(s, Box)) else None

        shapes = _largest(self.sizes.body_size, build, "the outlook")
        assert isinstance(shapes, list)
        title = section.title if section else (outlook.label or self.doc.meta.short_title)
        return self.slide("closing", title, shapes, self.notes(blocks, section.title if section else None))

    def deck(self) -> Deck:
        summary = self.doc.summary
        meta = self.doc.meta
        first_quote = next((b for b in self.doc.intro if isinstance(b, Quote)), None)
        summary_at = summary.takeaways or next(iter(summary.figures), None) or meta
        slides = [_at(meta.pos, self.cover)]
        slides += [s for s in (_at(summary_at.pos, self.summary), _at((first_quote or meta).pos, self.opening)) if s]
        quotes_by_section: dict[int, list[Quote]] = {}
        for block in self.doc.blocks():
            if isinstance(block, Quote):
                section = self.section_of(block)
                if section is not None:
                    quotes_by_section.setdefault(id(section), []).append(block)
        implications = {id(s) for s in summary.implications}
        anchors: list[tuple[Section, int]] = []  # each section, with the last slide before its end
        for section in [None, *self.doc.walk_sections()]:
            if section is not None and id(section) in implications and section is summary.implications[0]:
                slides += [s for s in (_at(section.pos, self.implications),) if s]
            blocks = section.blocks if section else self.doc.intro
            for block in blocks:
                if isinstance(block, Table) and block.key and block is not summary.takeaways:
                    quotes = quotes_by_section.pop(id(section), []) if section else []  # beside one table only
                    slides += _at(block.pos, lambda: self.table_slides(block, quotes))  # noqa: B023 (called at once)
                elif block is summary.before:
                    slides += [s for s in (_at(block.pos, self.compare),) if s]
                elif isinstance(block, Image):
                    slides.append(_at(block.pos, lambda: self.image_slide(block)))  # noqa: B023 (called at once)
            if section is not None and id(section) in quotes_by_section:  # no key table slide to stand beside
                quotes = quotes_by_section.pop(id(section))
                slides += _at(section.pos, lambda: self.finding_slides(section, quotes))  # noqa: B023
            if section is not None:
                anchors.append((section, len(slides) - 1))
        slides += [s for s in (_at((summary.outlook or meta).pos, self.closing),) if s]
        slides = self.untold(slides, anchors)
        slides = [
            s if s.kind == "cover" else dataclasses.replace(s, footer=self.footer(n)) for n, s in enumerate(slides, 1)
        ]
        properties = Properties(
            title=meta.title,
            subject=meta.subtitle or "",
            author=meta.author or self.theme.organisation,
            keywords="; ".join(meta.keywords),
            language=meta.lang,
            date=self.date.replace(tzinfo=None).isoformat(),
            identifier=f"exporter:{self.revision}" if self.revision else "",
        )
        fonts = self.theme.fonts
        return Deck(SLIDE_W, SLIDE_H, self.lang, fonts.slides_latin, fonts.slides_east_asian, properties, tuple(slides))

    def untold(self, slides: list[Slide], anchors: list[tuple[Section, int]]) -> list[Slide]:
        """Every section's text in the deck: a section that no slide's notes tell has its own
        text added to the notes of the last slide before it ends."""
        told = "\n".join(s.notes for s in slides)
        extra: dict[int, list[str]] = {}
        for section, index in anchors:
            if section.title not in told:
                extra.setdefault(index, []).append(self.notes(section.blocks, section.title))
        return [
            dataclasses.replace(s, notes="\n\n".join([s.notes, *extra[n]]).strip()) if n in extra else s
            for n, s in enumerate(slides)
        ]


def _numbered(lst: BulletList, index: int) -> str:
    """A numbered list's item with its number in front ("2. …"), spans kept."""
    item = lst.items[index]
    spans = getattr(item, "spans", (Span(str(item)),))
    return Text.of((Span(lst.marker(index, "")), *spans))


def _at(pos: Pos | None, make: Callable[[], T]) -> T:
    """``make()``; a ``RenderError`` it raises without a position gets ``pos``, the node being planned."""
    try:
        return make()
    except RenderError as exc:
        if exc.pos is None and exc.theme_key is None:
            exc.pos = pos
        raise


def _pack(heights: Sequence[int], room: int) -> list[tuple[int, int]]:
    """Greedy (start, end) ranges of consecutive ``heights`` each summing to at most ``room``."""
    ranges, start, used = [], 0, 0
    for index, height in enumerate(heights):
        if used + height > room and index > start:
            ranges.append((start, index))
            start, used = index, 0
        used += height
    ranges.append((start, len(heights)))
    return ranges


def plan_deck(document: Document, theme: Theme, revision: str | None = None, date: dt.datetime | None = None) -> Deck:
    """The slide plan of ``document`` in ``theme``; ``revision`` is stamped in the footer and properties,
    ``date`` (default: the source's) in the properties. Pure: no files, no environment."""
    return Planner(document, theme, revision, date).deck()
