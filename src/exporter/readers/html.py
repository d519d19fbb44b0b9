"""Raw HTML in a Markdown source → what the model holds: paragraphs, images, tables.

In: the text of one HTML block (``<p align="center"><img src="a.png" width="400"></p>``,
``<details><summary>…</summary>``, ``<table>…</table>``), parsed by the standard library's
``html.parser``: nothing is fetched, run or passed through to an output.
Out: ``HtmlBlocks.items`` — in reading order, ``("paragraph", Text)`` (inline styles of
``STYLE_TAGS``, ``<br>`` as a line break, a ``<summary>`` in bold), ``("image", attributes,
align)`` (the ``align`` of the image or of the block around it) and ``("table", rows, caption)``
(rows of cell texts, the first the header); and ``unknown``, the tags it kept only the text of,
``skipped``, those left out with their content (``<script>``, ``<style>``), and ``comments``, for
the reader's warnings.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from exporter.model import Span, Text
from exporter.readers.inline import STYLE_TAGS

BLOCK_TAGS = frozenset(
    ("p", "div", "center", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "details", "summary", "figure",
     "figcaption", "pre", "blockquote", "hr", "section", "article", "header", "footer", "dl", "dt", "dd", "nav",
     "main", "aside")
)  # fmt: skip
"""Tags that end a paragraph; their text is read, the tags themselves leave no trace."""

QUIET_TAGS = frozenset(
    ("span", "thead", "tbody", "tfoot", "picture", "source", "a", "font", "small", "big", "u", "s", "del", "ins",
     "mark", "abbr")
)  # fmt: skip
"""Inline tags whose text is kept as it is, without a warning."""

SKIPPED_TAGS = frozenset(("script", "style"))
"""Tags whose content is left out (with a warning): code and styles are never run, nor printed."""

_SPACE = re.compile(r"\s+")

Item = tuple[str, object, object]


class HtmlBlocks(HTMLParser):
    """Reads one HTML block into ``items`` (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[Item] = []
        self.unknown: list[str] = []
        self.skipped: list[str] = []
        self.comments: list[str] = []
        self.spans: list[Span] = []
        self.styles = {"bold": 0, "italic": 0, "code": 0, "sup": 0, "sub": 0}
        self.aligns: list[str | None] = []
        self.rows: list[list[Text]] | None = None
        self.cell: list[Span] | None = None
        self.caption: list[Span] | None = None
        self.skipping = 0

    def read(self, text: str) -> list[Item]:
        """The items of ``text``."""
        self.feed(text)
        self.close()
        self.flush()
        return self.items

    # -- the parser's callbacks --

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in SKIPPED_TAGS:
            self.skipping += 1
            self.skipped.append(tag)
        elif tag == "img":
            self.flush()
            self.items.append(("image", values, values.get("align") or next(filter(None, reversed(self.aligns)), None)))
        elif tag == "br":
            self.add("\n")
        elif tag in STYLE_TAGS:
            self.styles[STYLE_TAGS[tag]] += 1
        elif tag == "table":
            self.flush()
            self.rows, self.caption = [], None
        elif tag == "caption" and self.rows is not None:
            self.caption = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None:
            self.cell = []
        elif tag in BLOCK_TAGS:
            self.flush()
            self.aligns.append(values.get("align") or (tag == "center" and "center") or None)
            if tag == "summary":
                self.styles["bold"] += 1
        elif tag not in QUIET_TAGS and tag not in ("tr", "td", "th", "caption"):
            self.unknown.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in SKIPPED_TAGS:
            self.skipping -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in STYLE_TAGS:
            self.styles[STYLE_TAGS[tag]] = max(self.styles[STYLE_TAGS[tag]] - 1, 0)
        elif tag in ("td", "th") and self.rows is not None and self.cell is not None:
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append(_stripped(self.cell))
            self.cell = None
        elif tag == "caption" and self.caption is not None:
            self.items.append(("caption", _stripped(self.caption), None))
            self.caption = None
        elif tag == "table" and self.rows is not None:
            caption = self.items.pop()[1] if self.items and self.items[-1][0] == "caption" else None
            rows = [row for row in self.rows if row]
            if rows:
                self.items.append(("table", rows, caption))
            self.rows = None
        elif tag in BLOCK_TAGS:
            self.flush()
            if self.aligns:
                self.aligns.pop()
            if tag == "summary":
                self.styles["bold"] = max(self.styles["bold"] - 1, 0)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.add(_SPACE.sub(" ", data))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    # -- text --

    def add(self, text: str) -> None:
        """Adds ``text`` in the current style to the open cell, caption or paragraph."""
        if not text:
            return
        styles = self.styles
        script = "sup" if styles["sup"] else "sub" if styles["sub"] else None
        span = Span(text, bold=styles["bold"] > 0, italic=styles["italic"] > 0, code=styles["code"] > 0, script=script)
        if self.cell is not None:
            self.cell.append(span)
        elif self.caption is not None:
            self.caption.append(span)
        elif self.rows is None:
            self.spans.append(span)

    def flush(self) -> None:
        """Ends the paragraph being read, if it has any text."""
        text = _stripped(self.spans)
        self.spans = []
        if text:
            self.items.append(("paragraph", text, None))


def _stripped(spans: list[Span]) -> Text:
    """The text of ``spans`` without the white space and line breaks at its ends."""
    spans = [s for s in spans if s.text]
    while spans and not spans[0].text.strip():
        spans.pop(0)
    while spans and not spans[-1].text.strip():
        spans.pop()
    if not spans:
        return Text("")
    first, last = spans[0], spans[-1]
    spans[0] = Span(first.text.lstrip(), first.bold, first.italic, first.code, first.href, first.script)
    last = spans[-1]
    spans[-1] = Span(last.text.rstrip(), last.bold, last.italic, last.code, last.href, last.script)
    return Text.of(tuple(spans))
