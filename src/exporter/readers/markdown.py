"""Read an article written in Markdown into the document model.

In: the path of a ``.md`` source (format: docs/source-format.md, "Markdown"). markdown-it-py
parses it — CommonMark, GFM pipe tables, and from mdit-py-plugins the YAML front matter,
attribute lines (``{#id .key headline="…"}``), ``::: notes`` blocks, footnotes (read first, each
carried by its first call), task lists, definition lists and ``$$…$$`` formulas; HTML blocks are
read by ``exporter.readers.html`` into paragraphs, images and tables.
Out: ``read`` gives the ``exporter.model.Document`` as far as the source allows, the same model
the article gives in YAML (front matter ``meta`` and ``summary`` are read by the YAML reader's own
code, positions shifted into the file), with a notice for everything kept only as text (raw
HTML, remote images) — every text at its line and column (a table cell at its own), the
summary's ids as references not yet followed — and the problems with what the file says, each
``article.md:LINE:COL``; a file that cannot be read is a ``SourceError``. Limits, characters, ids
and references are checked afterwards on the model by ``exporter.validate``, as for YAML.
Imports only markdown-it-py and PyYAML (Pillow when the article has a local PNG or JPEG,
latex2mathml when it has a formula).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from yaml.nodes import MappingNode

from exporter.errors import Problem
from exporter.model import (
    CHART_KINDS,
    TASK_BOXES,
    Block,
    BulletList,
    ChartMark,
    CodeBlock,
    Definitions,
    Document,
    Image,
    Math,
    Meta,
    Notes,
    Paragraph,
    Pos,
    Quote,
    Section,
    Span,
    Summary,
    Table,
    Text,
)
from exporter.readers.html import HtmlBlocks
from exporter.readers.inline import Warn, inline_text, parser, plain
from exporter.readers.yaml import DEFAULT_LANG, MAX_SECTION_DEPTH, UNREAD_META, Reader, ragged_row
from exporter.readers.yamlnodes import Checker, describe, read_text, yaml_nodes
from exporter.text.phrases import short_title

if TYPE_CHECKING:
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode

ATTRIBUTES = {
    "table": ("id", "headline", "caption", "chart", "series", "unit"),
    "quote": ("id", "lang"),
    "list": ("id",),
    "section": ("id",),
    "image": ("id", "caption"),
}
"""The keys an attribute line may give each kind of block (a table's ``.key`` and ``.chart`` are classes)."""

_LEAD_END = (":", "：")
_ATTRIBUTION = re.compile(r"[—―]\s*(?P<author>.+?)(?:\s+\((?P<handle>@[^)\s]+)\)(?:\s+(?P<date>.+))?)?\s*")
_CAPTION = re.compile(r"Table:\s*(?P<caption>.+)", re.DOTALL)
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_ALIGNS = ("left", "center", "right")


def read(path: str | Path, roots: tuple[Path, ...] = ()) -> tuple[Document | None, list[Problem]]:
    """The document at ``path`` as far as it can be read, its images taken from inside ``roots``
    (default: the source's folder), and the problems of what the file says (none for a document
    the model check may take); ``SourceError`` if it cannot be read."""
    path = Path(path)
    text = read_text(path, "a Markdown file")
    tokens = parser().parse(text)
    front = tokens[0] if tokens and tokens[0].type == "front_matter" else None
    root = yaml_nodes("\n" * (front.map[0] + 1) + front.content, str(path)) if front and front.map else None
    reader = _MarkdownReader(path, _lines(text), roots)
    if front and front.map and reader.lines[front.map[1] : front.map[1] + 1] in (["---"], ["..."]):
        reader.check.at(
            front.map[1] + 1, 1, "a second YAML block after the front matter; expected one: put its keys in the first"
        )
    document = reader.document(tokens, root)
    assert document is not None or reader.check.problems, "a document that failed to build has recorded a problem"
    return document, reader.check.problems


class _Draft:
    """A section being read: its heading and what follows it, until the next heading as high."""

    def __init__(self, title: str, level: int, depth: int, section_id: str, pos: Pos):
        self.title, self.level, self.depth, self.id, self.pos = title, level, depth, section_id, pos
        self.blocks: list[Block] = []
        self.sections: list[_Draft] = []


class _MarkdownReader(Reader):
    """Builds model objects from markdown-it's syntax tree; every mismatch becomes a problem."""

    def __init__(self, path: Path, lines: list[str], roots: tuple[Path, ...] = ()):
        super().__init__(Checker(str(path)), path.parent, roots)
        self.path = path
        self.lines = lines
        self.table_count = 0
        self.footnotes: dict[str, Text] = {}
        self.heading_notes: list[Block] = []
        self.marks: dict[str, str] = {}
        self.in_heading = False

    # -- positions --

    def start(self, node: SyntaxTreeNode) -> tuple[int, int]:
        """The 1-based line and column where a block starts (its first non-blank character)."""
        line = (node.map[0] if node.map else 0) + 1
        text = self.lines[line - 1] if line <= len(self.lines) else ""
        return line, len(text) - len(text.lstrip()) + 1

    def pos_of(self, node: SyntaxTreeNode) -> Pos:
        return Pos(*self.start(node))

    def warn_at(self, pos: Pos) -> Warn:
        """Records a notice at a line offset from ``pos`` (at the start of a line after the first)."""
        return lambda offset, message: self.notice(pos.line + offset, pos.column if not offset else 1, message)

    def text_of(self, node: SyntaxTreeNode, pos: Pos | None = None) -> Text:
        """The running text of a block holding one inline child (a paragraph, a cell), at ``pos``
        (by default where the block starts)."""
        at = pos or self.pos_of(node)
        inline = next((c for c in node.children if c.type == "inline"), None)
        if inline is None:
            return Text("", pos=at)
        return inline_text(inline.token.children or [], self.warn_at(at), pos=at, notes=self.note)

    def note(self, label: str) -> tuple[str, Text]:
        """The mark (1, 2… in the order of first calls) and text of footnote ``label``; an empty text
        for a later call, which only repeats its mark. In a heading, "*" (the note goes under it)."""
        if self.in_heading:
            return "*", self.footnotes.get(label, Text(""))
        if label in self.marks:
            return self.marks[label], Text("")
        self.marks[label] = str(len(self.marks) + 1)
        return self.marks[label], self.footnotes.get(label, Text(""))

    def read_footnotes(self, block: SyntaxTreeNode) -> None:
        """The texts of the footnotes defined in the document (markdown-it gathers them at its end)."""
        for footnote in block.children:
            label = str(footnote.meta.get("label", footnote.meta.get("id", "")))
            texts = [self.text_of(c) if _is_text(c) else self.flattened(c, "a footnote") for c in footnote.children
                     if c.type != "footnote_anchor"]  # fmt: skip
            texts = [t for t in texts if t]
            spans = tuple(s for n, t in enumerate(texts) for s in ((*_sep(n), *t.spans)))
            self.footnotes[label] = Text.of(spans, texts[0].pos if texts else None)

    # -- document --

    def document(self, tokens: list[Token], root: object) -> Document | None:
        from markdown_it.tree import SyntaxTreeNode

        tree = SyntaxTreeNode(tokens)
        fields = {}
        if root is not None and not isinstance(root, MappingNode):
            self.check.error(
                root,
                f"front matter: expected a mapping (meta:, summary:), found {describe(root)}; a file that opens "
                "with a '---' line that is not front matter starts with a blank line",
            )
        elif root is not None and not (_has_key(root, "meta") or _has_key(root, "summary")):
            self.notice(1, 1, "front matter without 'meta' or 'summary' (another tool's, such as Jekyll's) is not read")
        elif root is not None:
            fields = self.check.mapping(root, "front matter", (), ("meta", "summary")) or {}  # type: ignore[arg-type]
        for block in tree.children:
            if block.type == "footnote_block":
                self.read_footnotes(block)
        nodes = [n for n in tree.children if n.type not in ("front_matter", "footnote_block")]
        headings = [n for n in nodes if n.type == "heading"]
        title_node = None
        if "meta" not in fields or not _has_key(fields["meta"], "title"):
            title_node = next((h for h in headings if h.tag == "h1"), None)
        title = self.heading_text(title_node) if title_node else None
        meta = self.meta_of(fields.get("meta"), title)
        first = headings[0] if headings and headings[0].tag == "h1" else None
        if meta is not None and title_node is None and first and first.children[0].content.strip() == meta.title:
            title_node = first  # the front matter's title, written again as the first heading
        top = min((int(h.tag[1]) for h in headings if h is not title_node), default=2)
        intro: list[Block] = [*self.heading_notes]
        self.heading_notes.clear()
        stack: list[_Draft] = []
        drafts: list[_Draft] = []
        for node in nodes:
            if node.type == "heading":
                if node is title_node:
                    continue
                self.heading(node, int(node.tag[1]) - top + 2, stack, drafts)
                continue
            blocks = self.blocks(node)
            (stack[-1].blocks if stack else intro).extend(blocks)
        if not nodes:
            self.check.at(1, 1, "the document is empty; expected headings and paragraphs")
            return None
        sections = tuple(self.freeze(d) for d in drafts)
        summary = self.summary(fields["summary"]) if "summary" in fields else Summary()
        return Document(meta or UNREAD_META, self.attach(intro), sections, summary, tuple(self.notices))

    def meta_of(self, node: object, title: Text | None) -> Meta | None:
        """The front matter's ``meta``; a title it does not give is the first ``#`` heading (else the
        file's name) and a date it does not give the file's date, each with a notice — with or without
        front matter."""
        given = () if node is None else [getattr(k, "value", None) for k, _ in getattr(node, "value", ())]
        if "title" not in given and title is None:
            title = Text(self.path.stem, pos=Pos(1, 1))
            self.notice(1, 1, f"no title: no 'meta' 'title' in front matter and no '#' heading; the title is '{title}'")
        date = None
        if "date" not in given:
            date = dt.date.fromtimestamp(self.path.stat().st_mtime)
            self.notice(1, 1, f"no meta 'date': the file's date {date.isoformat()} is used", "note")
        if node is not None:
            return self.meta(node, title=title, date=date)  # type: ignore[arg-type]
        assert title is not None and date is not None
        return Meta(
            title=title,
            subtitle=None,
            short_title=short_title(title),
            date=date,
            lang=DEFAULT_LANG,
            author=None,
            source=None,
        )

    def heading(self, node: SyntaxTreeNode, level: int, stack: list[_Draft], drafts: list[_Draft]) -> None:
        attrs = self.attributes(node, "section")
        title = self.heading_text(node)
        if not title.strip():
            self.notice(*self.start(node), "an empty heading is left out; what follows stays in the section before")
            return
        while stack and stack[-1].level >= level:
            stack.pop()
        depth = len(stack) + 1
        if depth > MAX_SECTION_DEPTH:  # deeper headings become siblings at the deepest level
            stack.pop()
            depth -= 1
        self.section_count += 1
        pos = self.pos_of(node)
        section_id = self.id_of(attrs, pos) or self.free_id(f"section-{self.section_count}")
        draft = _Draft(title, level, depth, section_id, pos)
        draft.blocks += self.heading_notes
        self.heading_notes.clear()
        (stack[-1].sections if stack else drafts).append(draft)
        stack.append(draft)

    def heading_text(self, node: SyntaxTreeNode) -> Text:
        """A heading's plain text (headings take no styles; raw HTML in one is warned about). A
        footnote called in it is left out of it, its note kept as a paragraph under the heading."""
        self.in_heading = True
        text = self.text_of(node)
        self.in_heading = False
        kept = "".join(s.text for s in text.spans if s.note is None)
        for _, note in text.notes:
            self.notice(*self.start(node), "a footnote in a heading is printed under it, as a paragraph")
            self.heading_notes.append(Paragraph(note, pos=note.pos or text.pos))
        return Text(kept if text.notes else str(text), pos=text.pos)

    def id_of(self, attrs: dict[str, str], pos: Pos) -> Text | None:
        """The id an attribute line gives a block starting at ``pos``, at that position."""
        return self.take(Text(attrs["id"], pos=pos)) if attrs.get("id") else None

    def freeze(self, draft: _Draft) -> Section:
        return Section(
            draft.id,
            draft.title,
            draft.depth + 1,
            self.attach(draft.blocks),
            tuple(self.freeze(d) for d in draft.sections),
            pos=draft.pos,
        )

    def attach(self, blocks: list[Block]) -> tuple[Block, ...]:
        """A lead line ending in a colon becomes the label of the quote or list right after it;
        a ``Table: …`` paragraph right after a table its caption."""
        out: list[Block] = []
        for block in blocks:
            last = out[-1] if out else None
            if (
                isinstance(block, Quote | BulletList)
                and block.label is None
                and isinstance(last, Paragraph)
                and last.text.rstrip().endswith(_LEAD_END)
                and not last.text.styled
            ):
                out[-1] = _replace(block, label=Text(str(last.text).strip(), pos=last.text.pos))
            elif isinstance(block, Paragraph) and isinstance(last, Table) and _CAPTION.fullmatch(block.text):
                if last.caption is None:
                    caption = _CAPTION.fullmatch(block.text)["caption"].strip()  # type: ignore[index]
                    out[-1] = _replace(last, caption=Text(caption, pos=block.pos))
                else:
                    line, column = (block.pos.line, block.pos.column) if block.pos else (1, 1)
                    self.check.at(line, column, "the table already has a caption in its attribute line; give one")
            else:
                out.append(block)
        return tuple(out)

    # -- blocks --

    def blocks(self, node: SyntaxTreeNode) -> list[Block]:
        kind = node.type
        if kind == "paragraph":
            return self.paragraph(node)
        if kind == "blockquote":
            quote = self.quote(node)
            return [quote] if quote else []
        if kind in ("bullet_list", "ordered_list"):
            attrs = self.attributes(node, "list")
            items = self.list_of(node)
            return [_replace(items, id=self.id_of(attrs, self.pos_of(node)), pos=self.pos_of(node))]
        if kind == "table":
            table = self.table_of(node)
            return [table] if table else []
        if kind in ("fence", "code_block"):
            self.attributes(node, "code")
            lang = node.info.split()[0] if node.info.strip() else None
            return [CodeBlock(node.content.rstrip("\n"), lang, pos=self.pos_of(node))]
        if kind == "html_block":
            return self.html(node)
        if kind == "container_notes":
            texts = [self.plain_text(child) for child in node.children]
            return [Notes("\n\n".join(t for t in texts if t), pos=self.pos_of(node))]
        if kind == "hr":
            return []
        if kind in ("math_block", "math_block_label"):
            return [self.formula(node)]
        if kind == "dl":
            return [self.definitions(node)]
        text = self.plain_text(node)
        self.notice(*self.start(node), f"{kind.replace('_', ' ')} is kept as a paragraph")
        return [Paragraph(Text(text), pos=self.pos_of(node))] if text else []

    def formula(self, node: SyntaxTreeNode) -> Math:
        """A displayed formula (``$$…$$``), with its readable text; TeX that cannot be read is warned
        about and shown as that text."""
        from exporter.text.formula import FormulaError, mathml, readable

        tex = node.content.strip()
        try:
            mathml(tex)
        except FormulaError as exc:
            self.notice(*self.start(node), f"{exc}; it is shown as text")
        return Math(tex, readable(tex), pos=self.pos_of(node))

    def definitions(self, node: SyntaxTreeNode) -> Definitions:
        """A definition list: each ``dt`` with the ``dd``s after it (a ``dd``'s paragraphs joined)."""
        terms: list[Text] = []
        details: list[list[Text]] = []
        for child in node.children:
            if child.type == "dt":
                terms.append(self.text_of(child))
                details.append([])
            elif child.type == "dd" and terms:
                texts = [self.text_of(c) if _is_text(c) else self.flattened(c, "a definition") for c in child.children]
                texts = [t for t in texts if t]
                spans = tuple(s for n, t in enumerate(texts) for s in ((*_sep(n), *t.spans)))
                details[-1].append(Text.of(spans, self.pos_of(child)))
        return Definitions(tuple(terms), tuple(tuple(d) for d in details), pos=self.pos_of(node))

    def plain_text(self, node: SyntaxTreeNode) -> str:
        """All the characters of a node and its children, blocks a blank line apart."""
        if node.type == "inline":
            return plain(node.token.children or [])
        if node.type in ("fence", "code_block", "html_block"):
            return node.content.rstrip("\n")
        parts = [self.plain_text(child) for child in node.children]
        return "\n\n".join(p for p in parts if p)

    def paragraph(self, node: SyntaxTreeNode) -> list[Block]:
        inline = node.children[0].token.children or [] if node.children else []
        pictures = _pictures(inline)
        if pictures is not None:
            attrs = self.attributes(node, "image")
            images = [self.picture(node, token, attrs if len(pictures) == 1 else {}) for token in pictures]
            if any(t.type == "link_open" for t in inline):
                self.notice(*self.start(node), "the link around an image is left out; the image is kept")
            return [i for i in images if i is not None]
        self.attributes(node, "paragraph")
        text = self.text_of(node)
        return [Paragraph(text, pos=self.pos_of(node))] if text.strip() else []  # only tags: warned about

    def picture(self, node: SyntaxTreeNode, token: Token, attrs: dict[str, str]) -> Image | None:
        line, column = self.start(node)
        src = str(token.attrs.get("src", ""))
        alt = plain(token.children or []).strip()
        caption = attrs.get("caption") or (str(token.attrs["title"]) if token.attrs.get("title") else None)
        return self.image_at(src, alt, caption, self.id_of(attrs, Pos(line, column)), line, column)

    def quote(self, node: SyntaxTreeNode) -> Quote | None:
        attrs = self.attributes(node, "quote")
        paragraphs = [self.text_of(c) if _is_text(c) else self.flattened(c, "a quote") for c in node.children]
        paragraphs = [p for p in paragraphs if p]
        author = handle = date = None
        if paragraphs and (match := _ATTRIBUTION.fullmatch(paragraphs[-1])):
            at = paragraphs.pop().pos
            author, handle, date = (Text(v, pos=at) if v else None for v in match.group("author", "handle", "date"))
        if not paragraphs:
            self.check.at(*self.start(node), "quote: expected text in the quote")
            return None
        return Quote(
            tuple(paragraphs),
            lang=attrs.get("lang") or DEFAULT_LANG,
            author=author,
            handle=handle,
            date=date,
            id=self.id_of(attrs, self.pos_of(node)),
            pos=self.pos_of(node),
        )

    def list_of(self, node: SyntaxTreeNode) -> BulletList:
        items: list[Text] = []
        children: list[BulletList | None] = []
        checked: list[bool | None] = []
        for item in node.children:
            texts: list[Text] = []
            nested: BulletList | None = None
            for child in item.children:
                if child.type in ("bullet_list", "ordered_list") and nested is None:
                    nested = self.list_of(child)
                elif _is_text(child):
                    if texts:
                        line, column = self.start(child)
                        self.notice(line, column, "a list item's next paragraph is joined to it after a line break")
                    texts.append(self.text_of(child))
                else:
                    texts.append(self.flattened(child, "a list item"))
            texts = [t for t in texts if t]
            spans = tuple(s for n, t in enumerate(texts) for s in ((*_sep(n), *t.spans)))
            done = _task(item)
            if done is not None:  # the box, then the item's text without the space after it
                first = spans[0] if spans else Span("")
                spans = (Span(TASK_BOXES[done]), dataclasses.replace(first, text=first.text.lstrip()), *spans[1:])
            items.append(Text.of(spans, self.pos_of(item)))
            children.append(nested)
            checked.append(done)
        start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 1
        nested_lists = tuple(children) if any(c is not None for c in children) else ()
        tasks = tuple(checked) if any(c is not None for c in checked) else ()
        return BulletList(
            tuple(items), ordered=node.type == "ordered_list", start=start, children=nested_lists, checked=tasks
        )

    def flattened(self, node: SyntaxTreeNode, where: str) -> Text:
        """The text of a block inside a list item or a quote that the model cannot hold there — a
        code block (as inline code), a table (a line per row), a quote, a list (a line per item),
        an image (its alt text), raw HTML, a heading — with a notice at the block."""
        line, column = self.start(node)
        kind = node.type
        if kind == "html_block":  # its own notices; an image's alt text, a table a line per row
            kept = [_flat(block) for block in self.html(node)]
            spans = tuple(s for n, t in enumerate(t for t in kept if t) for s in ((*_sep(n), *t.spans)))
            return Text.of(spans, Pos(line, column))
        if kind == "paragraph":  # made only of images
            inline = node.children[0].token.children or []
            pictures = _pictures(inline) or []
            shown = ", ".join(f"'{t.attrs.get('src', '')}'" for t in pictures)
            self.notice(line, column, f"image {shown} inside {where} is shown as its alt text; only an image "
                        "outside lists and quotes is a figure")  # fmt: skip
            return Text("\n".join(plain(t.children or []).strip() for t in pictures), pos=Pos(line, column))
        if kind in ("fence", "code_block"):
            code = node.content.rstrip("\n")
            text, what, how = Text(code, (Span(code, code=True),) if code else ()), "a code block", "monospaced text"
        elif kind == "table":
            rows = [tr for part in node.children for tr in part.children]
            spans = [
                span
                for number, tr in enumerate(rows)
                for index, cell in enumerate(tr.children)
                for span in ((*_sep(number),) if not index else (Span(" | "),)) + self.text_of(cell).spans
            ]  # fmt: skip
            text, what, how = Text.of(tuple(spans)), "a table", "text, a line per row, cells apart by ' | '"
        elif kind in ("bullet_list", "ordered_list"):
            nested = self.list_of(node)
            lines = [
                "  " * depth + current.marker(index, "• ") + current.items[index]
                for depth, current, index in nested.nested()
            ]  # fmt: skip
            text, what, how = Text("\n".join(lines)), "a list", "text, a line per item"
        else:
            text, how = Text(self.plain_text(node)), "plain text"
            what = {"blockquote": "a quote", "heading": "a heading"}.get(kind, "a " + kind.replace("_", " "))
        if text:
            self.notice(line, column, f"{what} inside {where} is kept in it as {how}")
        else:
            self.notice(line, column, f"{what} inside {where} has no text and is left out")
        return text.at(Pos(line, column))

    def table_of(self, node: SyntaxTreeNode) -> Table | None:
        attrs = self.attributes(node, "table")
        line, column = self.start(node)
        self.table_count += 1
        head = [tr for section in node.children if section.type == "thead" for tr in section.children]
        body = [tr for section in node.children if section.type == "tbody" for tr in section.children]
        header = self.cells(head[0], line, column) if head else ()
        rows = []
        padded = []
        for number, tr in enumerate(body, 1):
            written = self.cells_written(tr)
            if written != len(header):  # markdown-it padded or cut the row, as GFM says
                self.notice(tr.map[0] + 1 if tr.map else line, column, ragged_row(number, written, len(header)))
                padded += [(number, written)] if written < len(header) else []
            rows.append(self.cells(tr, line, column))
        pos = Pos(line, column)
        table_id = self.id_of(attrs, pos) or self.take(Text(self.free_id(f"table-{self.table_count}"), pos=pos))
        classes = attrs.get("class", "").split()
        for name in classes:
            if name not in ("key", "chart"):
                self.check.at(line, column, f"table: unknown class '.{name}'; expected .key or .chart")
        return Table(
            id=table_id,
            header=header,
            rows=tuple(rows),
            caption=attrs.get("caption"),
            headline=attrs.get("headline"),
            key="key" in classes,
            chart=self.chart_mark(node, attrs, "chart" in classes),
            pos=pos,
            header_pos=pos,
            rows_pos=Pos(body[0].map[0] + 1 if body and body[0].map else line, column),
            padded=tuple(padded),
        )

    def chart_mark(self, node: SyntaxTreeNode, attrs: dict[str, str], marked: bool) -> ChartMark | None:
        """The chart a table's attribute line asks for — ``.chart``, ``chart="bar"``, ``series="A, B"``,
        ``unit="%"`` (either of the last two alone means ``.chart``) — at the line; None for none."""
        if not (marked or {"chart", "series", "unit"} & attrs.keys()):
            return None
        kind = attrs.get("chart", "auto").strip()
        if kind not in CHART_KINDS:
            hint = difflib.get_close_matches(kind, CHART_KINDS, n=1)
            known = f"did you mean '{hint[0]}'?" if hint else "expected one of: " + ", ".join(CHART_KINDS)
            self.check.at(*self.attribute_at(node, "chart"), f"table: unknown chart '{kind}'; {known}")
            kind = "auto"
        series = tuple(Text(name.strip()) for name in attrs.get("series", "").split(",") if name.strip())
        return ChartMark(kind, series, attrs.get("unit") or None, Pos(*self.attribute_at(node, "chart")))

    def attribute_at(self, node: SyntaxTreeNode, key: str) -> tuple[int, int]:
        """Where the attribute line before ``node`` writes ``key=`` (else ``.key``, else the line's start)."""
        line, column = self.start(node)
        if line < 2 or not self.lines[line - 2].lstrip().startswith("{"):
            return line, column
        text = self.lines[line - 2]
        found = next((at for at in (text.find(f"{key}="), text.find(f".{key}")) if at >= 0), None)
        return line - 1, (found if found is not None else len(text) - len(text.lstrip())) + 1

    def cells(self, tr: SyntaxTreeNode, line: int, column: int) -> tuple[Text, ...]:
        """The texts of a table row's cells, each at its own column of the row's line (a cell
        markdown-it added to a short row at the row's start)."""
        row = tr.map[0] + 1 if tr.map else line
        text = self.lines[row - 1] if tr.map and row <= len(self.lines) else ""
        inner = len(text) - len(text.lstrip())
        inner += text.startswith("|", inner)
        columns = []
        for piece in _CELL_SPLIT.split(text[inner:]):
            columns.append(inner + len(piece) - len(piece.lstrip()) + 1)
            inner += len(piece) + 1
        return tuple(
            self.text_of(cell, Pos(row, columns[index] if index < len(columns) else column))
            for index, cell in enumerate(tr.children)
        )

    def cells_written(self, tr: SyntaxTreeNode) -> int:
        """How many cells a table row's line holds as written (markdown-it pads or cuts it)."""
        if not tr.map:
            return len(tr.children)
        inner = self.lines[tr.map[0]].strip()
        inner = inner[1:] if inner.startswith("|") else inner
        inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
        return len(_CELL_SPLIT.split(inner))

    def html(self, node: SyntaxTreeNode) -> list[Block]:
        """Raw HTML read into the model (``exporter.readers.html``): its paragraphs, images and
        tables; a tag it does not know gives its text, with a warning; a comment is left out."""
        line, column = self.start(node)
        pos = Pos(line, column)
        found = HtmlBlocks()
        blocks: list[Block] = []
        for kind, value, extra in found.read(node.content):
            if kind == "paragraph":
                blocks.append(Paragraph(Text.of(value.spans, pos), pos=pos))  # type: ignore[attr-defined]
            elif kind == "image":
                blocks += self.html_image(value, extra, line, column)  # type: ignore[arg-type]
            elif kind == "table":
                blocks.append(self.html_table(value, extra, pos))  # type: ignore[arg-type]
        shown = node.content.strip().replace("\n", " ")
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        if found.unknown:
            tags = ", ".join(f"<{t}>" for t in dict.fromkeys(found.unknown))
            self.notice(line, column, f"raw HTML {tags} is not interpreted; its text is kept")
        if found.skipped:
            tags = ", ".join(f"<{t}>" for t in dict.fromkeys(found.skipped))
            self.notice(line, column, f"raw HTML {tags} is left out with its content; it is never run")
        if found.comments:
            self.notice(line, column, f"HTML comment {shown} is left out")
        return blocks

    def html_image(self, attrs: dict[str, str], align: str | None, line: int, column: int) -> list[Block]:
        """An ``<img>``: its file (or URL) as a Markdown image's (``image_at``: one without ``alt`` or
        ``title`` is named after its file, one that cannot be shown is a framed placeholder, each with
        a warning), its ``width`` and ``align``."""
        src = attrs.get("src", "")
        if not src:
            self.notice(line, column, "an <img> without 'src' is left out")
            return []
        alt = (attrs.get("alt") or attrs.get("title") or "").strip()
        image = self.image_at(src, alt, None, None, line, column)
        if image is None:
            return []
        width = attrs.get("width", "").strip()
        width = width + "px" if width.isdigit() else width if re.fullmatch(r"\d{1,3}(\.\d+)?%", width) else ""
        align = (align or "").lower()
        return [_replace(image, width=width or None, align=align if align in _ALIGNS else None)]

    def html_table(self, rows: list[list[Text]], caption: Text | None, pos: Pos) -> Table:
        """An HTML table: its first row the header (a table of one row has an empty header), every
        row as wide as the widest."""
        self.table_count += 1
        columns = max(len(r) for r in rows)
        empty = (Text("", pos=pos),)
        cells = [tuple(Text.of(c.spans, pos) for c in row) + empty * (columns - len(row)) for row in rows]
        table_id = self.take(Text(self.free_id(f"table-{self.table_count}"), pos=pos))
        return Table(
            id=table_id,
            header=cells[0] if len(cells) > 1 else empty * columns,  # one row: a row, not a header
            rows=tuple(cells[1:]) if len(cells) > 1 else tuple(cells),
            caption=Text(str(caption), pos=pos) if caption else None,
            pos=pos,
            header_pos=pos,
            rows_pos=pos,
        )

    def attributes(self, node: SyntaxTreeNode, kind: str) -> dict[str, str]:
        """The attribute line's values for a block, each key checked against ``ATTRIBUTES``."""
        attrs = {str(k): str(v) for k, v in node.attrs.items()}
        if node.type in ("ordered_list",):
            attrs.pop("start", None)
        if attrs.get("class") == "contains-task-list":  # the task list plugin's, not the author's
            attrs.pop("class")
        if not attrs:
            return attrs
        line, column = self.start(node)
        at = (line - 1, 1) if line > 1 and self.lines[line - 2].lstrip().startswith("{") else (line, column)
        known = ATTRIBUTES.get(kind, ())
        for key in attrs:
            if key == "class" and kind == "table":
                continue
            if key not in known:
                noun = {"image": "an image", "code": "a code block"}.get(kind, "a " + kind)
                hint = difflib.get_close_matches(key, known, n=1)
                expected = f"did you mean '{hint[0]}'?" if hint else (
                    "expected one of: " + ", ".join(known) if known else "it takes no attributes"
                )  # fmt: skip
                self.check.at(*at, f"attribute '{key}' is not known for {noun}; {expected}")
        return attrs


def _lines(text: str) -> list[str]:
    """The lines of ``text`` as markdown-it counts them: broken at CR LF, CR and LF only (not at
    U+000B, U+000C, U+001C… as ``str.splitlines`` also does)."""
    return (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text).split("\n")


def _pictures(inline: list[Token]) -> list[Token] | None:
    """The images of a paragraph made only of images (each maybe inside a link), else None."""
    images = []
    for token in inline:
        if token.type == "image":
            images.append(token)
        elif token.type not in ("link_open", "link_close", "softbreak", "hardbreak") and (
            token.type != "text" or token.content.strip()
        ):
            return None
    return images or None


def _flat(block: Block) -> Text:
    """The text of a block read from HTML inside a list item, a quote or a footnote: a paragraph's,
    an image's alt text, a table's rows a line each (cells apart by ' | ')."""
    if isinstance(block, Paragraph):
        return block.text if isinstance(block.text, Text) else Text(block.text)
    if isinstance(block, Image):
        return Text(block.alt)
    if isinstance(block, Table):
        rows = (" | ".join(row) for row in (block.header, *block.rows))
        return Text("\n".join(row for row in rows if row.strip(" |")))
    return Text("")


def _task(item: SyntaxTreeNode) -> bool | None:
    """Whether a task list's item is done (None: the item is not a task)."""
    if item.attrs.get("class") != "task-list-item":
        return None
    first = item.children[0] if item.children else None
    inline = first.children[0].token.children or [] if first is not None and first.children else []
    box = next((t.content for t in inline if t.type == "html_inline"), "")
    return "checked" in box


def _is_text(node: SyntaxTreeNode) -> bool:
    """Whether a block inside a list item or a quote is a paragraph of text (not only images)."""
    if node.type != "paragraph":
        return False
    return not node.children or _pictures(node.children[0].token.children or []) is None


def _sep(number: int) -> tuple[Span, ...]:
    """What separates the ``number``-th paragraph of a list item from the one before: a line break."""
    return (Span("\n"),) if number else ()


def _has_key(node: object, key: str) -> bool:
    from yaml.nodes import MappingNode

    return isinstance(node, MappingNode) and any(getattr(k, "value", None) == key for k, _ in node.value)


def _replace(block, **changes):  # type: ignore[no-untyped-def]
    return dataclasses.replace(block, **changes)
