"""Inline Markdown → ``Text``: the one parser of bold, italic, code and links, for both readers.

In: markdown-it's inline tokens (from a Markdown paragraph, heading or table cell), or a YAML
string, which is parsed as one inline paragraph.
Out: a ``exporter.model.Text`` whose spans carry bold, italic, inline code and links; and,
through a callback, a warning for each thing kept only as text (raw HTML, an image inside
text, a link the outputs will not follow), with the line it is on. Nothing is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from exporter.model import Pos, Span, Text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

Warn = Callable[[int, str], None]
"""Records a warning ``message`` at a line offset from where the text starts."""

LINK_SCHEMES = ("http", "https", "mailto")
"""Links the outputs make clickable; any other target is kept as plain text, with a warning."""

_MARKUP = re.compile(r"[*_`\[<>&\\]")
"""A text without these characters has no inline markup: it needs no parsing."""

_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
"""An HTML line break, which the model holds as the space between the words it separates."""


@cache
def parser() -> MarkdownIt:
    """CommonMark with GFM pipe tables, YAML front matter, attribute lines and ``::: notes`` blocks."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_block_plugin
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"linkify": False}).enable("table")
    md.use(front_matter_plugin).use(attrs_block_plugin).use(container_plugin, "notes")
    md.core.ruler.at("inline", _inline_where_markup_may_be)
    return md


def _inline_where_markup_may_be(state: StateCore) -> None:
    """markdown-it's ``inline`` core rule, for the blocks whose text may hold inline markup (a
    ``_MARKUP`` character or a line break); any other block's text is one text token, which is
    what parsing it would give. Most paragraphs, headings and cells of an article have no markup:
    this is a third of the time a long article takes to parse."""
    from markdown_it.token import Token

    for token in state.tokens:
        if token.type != "inline":
            continue
        if _MARKUP.search(token.content) or "\n" in token.content:
            token.children = token.children or []
            state.md.inline.parse(token.content, state.md, state.env, token.children)
        else:
            token.children = [Token("text", "", 0, content=token.content)] if token.content else []


def parse_string(text: str, warn: Warn, pos: Pos | None = None) -> Text:
    """A YAML string's inline markup as a ``Text`` written at ``pos``; a string without markup
    characters as it is."""
    if not _MARKUP.search(text):
        return Text(text, pos=pos)
    tokens = parser().parseInline(text)
    return inline_text(tokens[0].children or [], warn, hard_breaks=True, pos=pos) if tokens else Text(text, pos=pos)


def inline_text(tokens: Sequence[Token], warn: Warn, *, hard_breaks: bool = False, pos: Pos | None = None) -> Text:
    """The ``Text`` of an inline token stream, written at ``pos``. A soft line break becomes a space,
    or nothing between two East Asian characters; with ``hard_breaks`` (YAML strings) it stays a
    line break."""
    spans: list[Span] = []
    bold = italic = 0
    links: list[str | None] = []
    line = 0
    for index, token in enumerate(tokens):
        href = next((h for h in reversed(links) if h), None)
        style = {"bold": bold > 0, "italic": italic > 0, "href": href}
        kind = token.type
        if kind == "text":
            spans.append(Span(token.content, **style))
        elif kind == "code_inline":
            spans.append(Span(token.content, code=True, **style))
        elif kind in ("softbreak", "hardbreak"):
            line += 1
            if kind == "hardbreak" or hard_breaks:
                spans.append(Span("\n", **style))
            elif not (_wide_at(tokens, index - 1, -1) and _wide_at(tokens, index + 1, 0)):
                spans.append(Span(" ", **style))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            target = str(token.attrs.get("href", ""))
            if urlsplit(target).scheme in LINK_SCHEMES:
                links.append(target)
            else:
                links.append(None)
                warn(line, f"link to '{_short(target)}' is kept as text: the outputs link only to {_schemes()} URLs")
        elif kind == "link_close":
            links.pop()
        elif kind == "image":
            alt = "".join(c.content for c in token.children or ())
            warn(line, f"image '{_short(str(token.attrs.get('src', '')))}' inside text is shown as its alt text; "
                 "put an image on a line of its own")  # fmt: skip
            spans.append(Span(alt, **style))
        elif kind == "html_inline":
            if _BREAK.fullmatch(token.content):  # a line break between words: a space, not nothing
                spans.append(Span(" ", **style))
            elif not token.content.startswith("<!--"):
                warn(line, f"raw HTML {_short(token.content)} is not interpreted; the text around it is kept")
            else:
                warn(line, f"HTML comment {_short(token.content)} is left out")
        else:  # a construct of a plugin: keep what it says
            spans.append(Span(token.content, **style))
    return Text.of(tuple(spans), pos)


def plain(tokens: Sequence[Token]) -> str:
    """The characters of an inline token stream without any style (headings, captions, alt text)."""
    return str(inline_text(tokens, lambda line, message: None))


def _wide_at(tokens: Sequence[Token], index: int, end: int) -> bool:
    if not 0 <= index < len(tokens) or not tokens[index].content:
        return False
    return bool(_WIDE.match(tokens[index].content[end]))


def _schemes() -> str:
    return ", ".join(LINK_SCHEMES[:-1]) + " and " + LINK_SCHEMES[-1]


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
