"""Inline Markdown → ``Text``: the one parser of inline markup, for both readers.

In: markdown-it's inline tokens (from a Markdown paragraph, heading or table cell), or a YAML
string, which is parsed as one inline paragraph.
Out: a ``exporter.model.Text`` whose spans carry bold, italic, inline code, links, raised and
lowered text (``<sup>``, ``<sub>``), footnote calls with their notes and formulas with their TeX;
and, through a callback, a warning for each thing kept only as text (an HTML tag it does not
know, an image inside text, a link the outputs will not follow), with the line it is on.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from functools import cache, partial
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

_MARKUP = re.compile(r"[*_`\[<>&\\$]")
"""A text without these characters has no inline markup: it needs no parsing."""

_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>", re.DOTALL)
"""An inline HTML tag: closing or not, its name and its attributes."""

STYLE_TAGS = {"sub": "sub", "sup": "sup", "kbd": "code", "code": "code", "b": "bold", "strong": "bold",
              "i": "italic", "em": "italic"}  # fmt: skip
"""Inline HTML read as a style: ``<sub>``, ``<sup>``, ``<kbd>`` (as code), bold and italic."""

Notes = Callable[[str], "tuple[str, Text]"]
"""The mark and note of a footnote by its label (an empty note for a later call)."""


@cache
def parser() -> MarkdownIt:
    """``markdown()``, whose inline parsing runs only where markup may be (``_MARKUP``)."""
    md = markdown()
    md.core.ruler.at("inline", _inline_where_markup_may_be)
    return md


def markdown() -> MarkdownIt:
    """CommonMark with GFM pipe tables, YAML front matter, attribute lines, ``::: notes`` blocks,
    footnotes, task lists, definition lists and ``$…$``/``$$…$$`` formulas (not ``$5 or $6``)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_block_plugin
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    md = MarkdownIt("commonmark", {"linkify": False}).enable("table")
    md.use(front_matter_plugin).use(attrs_block_plugin).use(container_plugin, "notes")
    md.use(footnote_plugin).use(tasklists_plugin).use(deflist_plugin)
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
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


def inline_text(
    tokens: Sequence[Token],
    warn: Warn,
    *,
    hard_breaks: bool = False,
    pos: Pos | None = None,
    notes: Notes | None = None,
) -> Text:
    """The ``Text`` of an inline token stream, written at ``pos``. A soft line break becomes a space,
    or nothing between two East Asian characters; with ``hard_breaks`` (YAML strings) it stays a
    line break. A footnote's call is its number, raised, carrying the note ``notes`` gives; a formula
    its readable text; inline HTML's ``<br>`` a line break, its styles (``STYLE_TAGS``) styles and an
    ``<img>`` its alt text; any other tag is left out with a warning, the text around it kept."""
    spans: list[Span] = []
    styles = {"bold": 0, "italic": 0, "code": 0, "sup": 0, "sub": 0}
    links: list[str | None] = []
    line = 0
    for index, token in enumerate(tokens):
        href = next((h for h in reversed(links) if h), None)
        script = "sup" if styles["sup"] else "sub" if styles["sub"] else None
        style = {"bold": styles["bold"] > 0, "italic": styles["italic"] > 0, "href": href, "script": script}
        kind = token.type
        if kind == "text":
            spans.append(Span(token.content, code=styles["code"] > 0, **style))
        elif kind == "code_inline":
            spans.append(Span(token.content, code=True, **style))
        elif kind in ("softbreak", "hardbreak"):
            line += 1
            if kind == "hardbreak" or hard_breaks:
                spans.append(Span("\n", **style))
            elif not (_wide_at(tokens, index - 1, -1) and _wide_at(tokens, index + 1, 0)):
                spans.append(Span(" ", **style))
        elif kind in ("strong_open", "strong_close", "em_open", "em_close"):
            styles["bold" if kind.startswith("strong") else "italic"] += 1 if kind.endswith("open") else -1
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
            spans += _html_inline(token.content, styles, style, partial(warn, line))
        elif kind == "footnote_ref":
            label = str(token.meta.get("label", token.meta.get("id", "")))
            mark, note = notes(label) if notes else (str(token.meta.get("id", 0) + 1), Text(""))
            spans.append(Span(mark, bold=style["bold"], script="sup", note=note))
        elif kind == "footnote_anchor":
            continue
        elif kind in ("math_inline", "math_inline_double"):
            from exporter.text.formula import readable

            spans.append(Span(readable(token.content), math=token.content, **style))
        else:  # a construct of a plugin: keep what it says
            spans.append(Span(token.content, **style))
    return Text.of(tuple(spans), pos)


def _html_inline(tag: str, styles: dict[str, int], style: dict, warn: Callable[[str], None]) -> list[Span]:  # type: ignore[type-arg]
    """The spans of one inline HTML tag (``styles`` counts the open style tags)."""
    match = _TAG.fullmatch(tag.strip())
    name = match.group(2).lower() if match else ""
    if name == "br":
        return [Span("\n", **style)]
    if name in STYLE_TAGS:
        styles[STYLE_TAGS[name]] += -1 if match.group(1) else 1  # type: ignore[union-attr]
        styles[STYLE_TAGS[name]] = max(styles[STYLE_TAGS[name]], 0)
        return []
    if name == "img":
        alt = html_attributes(match.group(3)).get("alt") or ""  # type: ignore[union-attr]
        warn(f"image {_short(tag)} inside text is shown as its alt text; put an image on a line of its own")
        return [Span(alt, **style)] if alt else []
    if name == "input" and "checkbox" in tag:  # a task list's box, read with its item
        return []
    if match and match.group(1):  # the end of a tag warned about at its start
        return []
    if tag.startswith("<!--"):
        warn(f"HTML comment {_short(tag)} is left out")
    else:
        warn(f"raw HTML {_short(tag)} is not interpreted; the text around it is kept")
    return []


def html_attributes(text: str) -> dict[str, str]:
    """The attributes written inside an HTML tag (``src="a.png" width=300``), names in lower case."""
    found = re.findall(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""", text)
    return {name.lower(): html.unescape(a or b or c) for name, a, b, c in found}


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
