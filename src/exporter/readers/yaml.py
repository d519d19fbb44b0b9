"""Read an article source (YAML) into the document model.

In: the path of a source file such as ``source/article.yaml`` (format: docs/source-format.md).
Out: a validated ``exporter.model.Document``; or a ``SourceError`` listing every
problem found, each as ``path:line:col: error: what is wrong and what was expected``.
Running texts go through ``exporter.readers.inline``, so they may carry the same inline
Markdown as a Markdown source. ``TextLimits``, ``Reader.meta``, ``Reader.summary`` and the
id bookkeeping are shared with ``exporter.readers.markdown``: limits, characters and
cross-references are checked by the same code for both readers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from exporter.errors import Problem, SourceError
from exporter.model import (
    Block,
    BulletList,
    CodeBlock,
    Document,
    Figure,
    Image,
    Meta,
    Notes,
    Notice,
    Paragraph,
    Pos,
    Quote,
    Section,
    Summary,
    Table,
    Text,
)
from exporter.readers.images import local_image
from exporter.readers.inline import parse_string
from exporter.readers.yamlnodes import Checker, position, read_yaml
from exporter.text.phrases import short_title

DEFAULT_LANG = "ja"
"""``meta.lang`` when the source gives none."""

MAX_SECTION_DEPTH = 3
"""Sections nest at most this deep (rendered as h2, h3, h4)."""

MAX_TEXT_LENGTH = 20_000
"""Longest text in any one field, in characters (about ten pages of the brief)."""

MAX_TOTAL_TEXT = 300_000
"""Most text in one document, in characters (about 150 pages; the PDF takes some 20 s)."""

MAX_TABLE_ROWS = 2_000
"""Most rows in one table (about 70 pages of the brief, 150 slides)."""

MAX_TABLE_COLUMNS = 20
"""Most columns in one table."""

MAX_TABLE_CELLS = 20_000
"""Most cells in one table, header included."""

MAX_HEADER_CELL_LENGTH = 100
"""Longest header cell, in characters: the header row repeats on every page and slide, so it
must fit a page (WeasyPrint drops a header taller than the page, and its text with it)."""

_XML_UNSAFE = {*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF} - {0x09, 0x0A, 0x0D}
"""Code points refused in text: C0 and C1 controls (except tab, line feed, carriage return),
surrogates, and U+FFFE/U+FFFF — what XML (so the PDF's tags and the deck) cannot hold, or
what the YAML reader refuses when written directly; YAML escapes (``"\\x01"``, ``"\\ud800"``)
would otherwise let them in."""

BLOCK_KINDS = ("section", "quote", "list", "table", "code", "image", "notes")

_NOUNS = {Table: "table", BulletList: "list", Section: "section", Quote: "quote", Image: "image"}
"""What the source format calls each kind of object that has an id."""

_QUOTE_KEYS = ("lang", "label", "author", "handle", "date", "id")
_TABLE_KEYS = ("caption", "headline", "key", "header", "rows")


def load(path: str | Path) -> Document:
    """Read and validate the source at ``path``; raise ``SourceError`` with every problem."""
    path = Path(path)
    root = read_yaml(path)
    if root is None:
        raise SourceError.at(path, 1, 1, "the document is empty; expected a mapping with keys 'meta' and 'body'")
    limits = TextLimits(str(path))
    limits.see_nodes(root)
    limits.raise_if_any()
    reader = Reader(Checker(str(path)), path.parent)
    document = reader.document(root)
    reader.check.raise_if_any()
    assert document is not None, "a document that failed to build has recorded a problem"
    return document


class TextLimits:
    """Refuses characters XML cannot hold, a text over ``MAX_TEXT_LENGTH`` and a document over
    ``MAX_TOTAL_TEXT``: each reader shows it every text, before anything is built from them."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.total = 0

    def see(self, text: str, line: int, column: int) -> bool:
        """Check one text at its position; False once the document is over ``MAX_TOTAL_TEXT``."""
        bad = next((c for c in text if ord(c) in _XML_UNSAFE), None)
        if bad is not None:
            index = text.index(bad)
            self.problem(
                line,
                column,
                f"character U+{ord(bad):04X} (character {index + 1} of this text) cannot be written "
                "to a PDF or a deck; remove it",
            )
        if len(text) > MAX_TEXT_LENGTH:
            self.problem(
                line,
                column,
                f"this text has {len(text):,} characters; the limit is {MAX_TEXT_LENGTH:,} per text "
                "(split it into paragraphs)",
            )
        self.total += len(text)
        if self.total > MAX_TOTAL_TEXT:
            self.problem(
                line,
                column,
                f"the document has more than {MAX_TOTAL_TEXT:,} characters of text by here; "
                f"the limit is {MAX_TOTAL_TEXT:,} (split the article)",
            )
            return False
        return True

    def see_nodes(self, root: Node) -> bool:
        """Check every scalar of a YAML node tree; False once over ``MAX_TOTAL_TEXT``."""
        stack = [root]
        while stack:
            node = stack.pop()
            if isinstance(node, SequenceNode):
                stack.extend(reversed(node.value))
            elif isinstance(node, MappingNode):
                stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
            elif not self.see(node.value, *position(node)):
                return False
        return True

    def problem(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, column, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise SourceError(self.problems)


class Reader:
    """Builds model objects from nodes; every mismatch becomes a problem in ``check``.

    The Markdown reader uses its id bookkeeping, ``meta``, ``summary`` and ``table_size`` too.
    """

    def __init__(self, check: Checker, folder: Path):
        self.check = check
        self.folder = folder
        self.ids: dict[str, int] = {}
        """Each id claimed, with the line it was claimed on."""
        self.objects: dict[str, object] = {}
        self.section_count = 0
        self.notices: list[Notice] = []
        self.lang = DEFAULT_LANG
        """The document's language (``meta.lang``), which a quote is in unless it says otherwise."""

    def notice(self, line: int, column: int, message: str) -> None:
        """A warning: something kept only as text."""
        self.notices.append(Notice(message, Pos(line, column)))

    def running(self, node: Node, text: str) -> Text:
        """``text`` (read at ``node``) with its inline markup."""
        line, column = position(node)
        return parse_string(text, lambda offset, message: self.notice(line + offset, column, message))

    def pos(self, node: Node) -> Pos:
        return Pos(*position(node))

    def free_id(self, wanted: str) -> str:
        """``wanted``, or ``wanted-2``, ``wanted-3``… if the source already uses it. Unnamed
        sections are not claimed or referable, so an id given later in the file still wins."""
        candidate, number = wanted, 1
        while candidate in self.ids or candidate in self.objects:
            number += 1
            candidate = f"{wanted}-{number}"
        return candidate

    def claim_id(self, node: Node, obj_id: str) -> None:
        self.claim_id_at(*position(node), obj_id)

    def claim_id_at(self, line: int, column: int, obj_id: str) -> None:
        if obj_id in self.ids:
            self.check.at(line, column, f"id '{obj_id}' is already used on line {self.ids[obj_id]}; ids must be unique")
        else:
            self.ids[obj_id] = line

    def optional_text(self, fields: dict[str, Node], key: str, what: str) -> str | None:
        return self.check.text(fields[key], f"{what} '{key}'") if key in fields else None

    # -- document ------------------------------------------------------------

    def document(self, root: Node) -> Document | None:
        fields = self.check.mapping(root, "document", ("meta", "body"), ("summary",))
        if fields is None:
            if not isinstance(root, MappingNode):
                return None
            fields = {k.value: v for k, v in root.value if isinstance(k, ScalarNode)}
        meta = self.meta(fields["meta"]) if "meta" in fields else None
        self.lang = meta.lang if meta else DEFAULT_LANG
        body = fields.get("body")
        intro, sections = self.body(body, "body", level=2) if body is not None else ((), ())
        summary = self.summary(fields["summary"]) if "summary" in fields else Summary()
        if meta is None or intro is None or sections is None or summary is None:
            return None
        return Document(meta, intro, sections, summary, tuple(self.notices))

    def meta(self, node: Node, title: str | None = None, date: dt.date | None = None) -> Meta | None:
        """The ``meta`` mapping; a ``title`` or ``date`` given here (a Markdown source's heading and
        file date) makes that key optional."""
        defaults = {"title": title, "date": date}
        required = tuple(k for k, v in defaults.items() if v is None)
        optional = tuple(k for k, v in defaults.items() if v is not None)
        fields = self.check.mapping(
            node, "meta", required, (*optional, "subtitle", "short_title", "lang", "author", "source", "keywords")
        )
        if fields is None:
            return None
        title = self.check.text(fields["title"], "meta 'title'") if "title" in fields else title
        date = self.date(fields["date"]) if "date" in fields else date
        keywords = self.check.texts(fields["keywords"], "meta 'keywords'") if "keywords" in fields else ()
        lang = self.optional_text(fields, "lang", "meta") or DEFAULT_LANG
        if title is None or date is None or keywords is None:
            return None
        return Meta(
            title=title,
            subtitle=self.optional_text(fields, "subtitle", "meta"),
            short_title=self.optional_text(fields, "short_title", "meta") or short_title(title),
            date=date,
            lang=lang,
            author=self.optional_text(fields, "author", "meta"),
            source=self.optional_text(fields, "source", "meta"),
            keywords=keywords,
            pos=self.pos(node),
        )

    def date(self, node: Node) -> dt.date | None:
        """A YYYY-MM-DD date from 1980 to 2107, the years a zip entry (the deck) can carry."""
        value = node.value.strip() if isinstance(node, ScalarNode) else ""
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError(value)
            date = dt.date.fromisoformat(value)
        except ValueError:
            self.check.error(node, "meta 'date': expected a date as YYYY-MM-DD")
            return None
        if not 1980 <= date.year <= 2107:
            self.check.error(node, f"meta 'date': the year {date.year} is out of range; expected 1980 to 2107")
            return None
        return date

    # -- body ----------------------------------------------------------------

    def body(self, node: Node, what: str, level: int) -> tuple[tuple[Block, ...] | None, tuple[Section, ...] | None]:
        items = self.check.sequence(node, what, allow_empty=level > 2)
        if items is None:
            return None, None
        blocks: list[Block | None] = []
        sections: list[Section | None] = []
        for item in items:
            kind = self.kind(item)
            if kind == "section":
                sections.append(self.section(item, level))
            elif kind is not None:
                if sections:
                    self.check.error(
                        item,
                        f"{what}: a {kind} after a section belongs inside that section's 'body'; "
                        "expected only sections here",
                    )
                    continue
                blocks.append(self.block(item, kind))
        ok = all(b is not None for b in blocks) and all(s is not None for s in sections)
        if not ok:
            return None, None
        return tuple(blocks), tuple(sections)  # type: ignore[arg-type]

    def kind(self, node: Node) -> str | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:str":
            return "paragraph"
        if isinstance(node, MappingNode):
            keys = [k.value for k, _ in node.value if isinstance(k, ScalarNode)]
            kinds = [k for k in keys if k in BLOCK_KINDS]
            if len(kinds) == 1:
                return kinds[0]
            if len(kinds) > 1:
                self.check.error(node, f"a block has both '{kinds[0]}' and '{kinds[1]}'; expected one of them")
                return None
            scalar_keys = [k for k, _ in node.value if isinstance(k, ScalarNode)]
            for key_node in scalar_keys:
                hint = difflib.get_close_matches(key_node.value, BLOCK_KINDS, n=1)
                if hint:
                    self.check.error(key_node, f"block: unknown key '{key_node.value}'; did you mean '{hint[0]}'?")
                    return None
            if scalar_keys:  # most often a paragraph with ': ' in it, which YAML reads as a mapping
                self.check.error(
                    scalar_keys[0],
                    f"block: unknown key '{scalar_keys[0].value}'; expected one of: "
                    + ", ".join(BLOCK_KINDS)
                    + " (a paragraph containing ': ' must be in quotes)",
                )
                return None
        self.check.error(
            node,
            "expected a paragraph (text) or a mapping with one of: " + ", ".join(BLOCK_KINDS),
        )
        return None

    def block(self, node: Node, kind: str) -> Block | None:
        if kind == "paragraph":
            text = self.check.text(node, "paragraph")
            return None if text is None else Paragraph(self.running(node, text), pos=self.pos(node))
        readers = {
            "quote": self.quote,
            "list": self.bullet_list,
            "table": self.table,
            "code": self.code,
            "image": self.image,
            "notes": self.notes,
        }
        return readers[kind](node)

    def code(self, node: Node) -> CodeBlock | None:
        fields = self.check.mapping(node, "code", ("code",), ("lang",))
        if fields is None:
            return None
        text = self.check.text(fields["code"], "code")
        lang = self.optional_text(fields, "lang", "code")
        return None if text is None else CodeBlock(text.rstrip("\n"), lang, pos=self.pos(node))

    def notes(self, node: Node) -> Notes | None:
        fields = self.check.mapping(node, "notes", ("notes",))
        text = self.check.text(fields["notes"], "notes") if fields is not None else None
        return None if text is None else Notes(text, pos=self.pos(node))

    def image(self, node: Node) -> Image | None:
        fields = self.check.mapping(node, "image", ("image", "alt"), ("caption", "id"))
        if fields is None:
            return None
        where = self.check.text(fields["image"], "image")
        alt = self.check.text(fields["alt"], "image 'alt'")
        image_id = self.optional_text(fields, "id", "image")
        if image_id:
            self.claim_id(fields["id"], image_id)
        if where is None or alt is None:
            return None
        image = self.image_at(where, alt, self.optional_text(fields, "caption", "image"), image_id, *position(node))
        if image is not None and image_id:
            self.objects[image_id] = image
        return image

    def image_at(
        self, where: str, alt: str, caption: str | None, image_id: str | None, line: int, column: int
    ) -> Image | None:
        """An image of a file in the source's folder, or of a URL (never fetched: a notice)."""
        pos = Pos(line, column)
        if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", where) or where.startswith("//"):
            self.notice(line, column, f"remote image '{where}' is not fetched; its alt text is shown in a frame")
            return Image(alt, url=where, caption=caption, id=image_id, pos=pos)
        found = local_image(self.folder, where)
        if isinstance(found, str):
            self.check.at(line, column, f"image '{where}': {found}")
            return None
        path, size, refused = found
        if refused:
            self.notice(
                line,
                column,
                f"image '{where}' refers to {', '.join(refused)}; the brief draws the SVG without "
                + ("it" if len(refused) == 1 else "them"),
            )
        return Image(alt, path=path, caption=caption, size=size, id=image_id, pos=pos)

    def section(self, node: Node, level: int) -> Section | None:
        fields = self.check.mapping(node, "section", ("section", "body"), ("id",))
        if fields is None:
            return None
        if level - 1 > MAX_SECTION_DEPTH:
            self.check.error(node, f"sections nest at most {MAX_SECTION_DEPTH} deep; expected a block here")
            return None
        self.section_count += 1
        title = self.check.text(fields["section"], "section title")
        section_id = self.optional_text(fields, "id", "section") or self.free_id(f"section-{self.section_count}")
        if "id" in fields:
            self.claim_id(fields["id"], section_id)
        blocks, sections = self.body(fields["body"], f"section '{title}' body", level + 1)
        if title is None or blocks is None or sections is None:
            return None
        section = Section(section_id, title, level, blocks, sections, pos=self.pos(node))
        if "id" in fields:  # only a section given an id can be referred to
            self.objects[section_id] = section
        return section

    def quote(self, node: Node) -> Quote | None:
        fields = self.check.mapping(node, "quote", ("quote",), _QUOTE_KEYS)
        if fields is None:
            return None
        paragraphs = self.check.texts(fields["quote"], "quote")
        if paragraphs is None:
            return None
        nodes = fields["quote"].value if isinstance(fields["quote"], SequenceNode) else [fields["quote"]]
        paragraphs = tuple(self.running(n, p) for n, p in zip(nodes, paragraphs, strict=True))
        values = {k: self.optional_text(fields, k, "quote") for k in _QUOTE_KEYS}
        if "id" in fields and values["id"]:
            self.claim_id(fields["id"], values["id"])
        quote = Quote(paragraphs, lang=values.pop("lang") or self.lang, pos=self.pos(node), **values)
        if quote.id:
            self.objects[quote.id] = quote
        return quote

    def bullet_list(self, node: Node) -> BulletList | None:
        fields = self.check.mapping(node, "list", ("list",), ("label", "id", "ordered"))
        if fields is None:
            return None
        ordered = self.check.boolean(fields["ordered"], "list 'ordered'") if "ordered" in fields else False
        items = self.list_items(fields["list"], bool(ordered))
        list_id = self.optional_text(fields, "id", "list")
        if list_id:
            self.claim_id(fields["id"], list_id)
        if items is None or ordered is None:
            return None
        label = self.optional_text(fields, "label", "list")
        bullets = dataclasses.replace(items, label=label, id=list_id, pos=self.pos(node))
        if list_id:
            self.objects[list_id] = bullets
        return bullets

    def list_items(self, node: Node, ordered: bool) -> BulletList | None:
        """A list's items: texts, each optionally followed by a list (of texts) nested under it."""
        if isinstance(node, ScalarNode):
            text = self.check.text(node, "list")
            return None if text is None else BulletList((self.running(node, text),), ordered=ordered)
        nodes = self.check.sequence(node, "list")
        if nodes is None:
            return None
        items: list[Text] = []
        children: list[BulletList | None] = []
        ok = True
        for number, item in enumerate(nodes, 1):
            if isinstance(item, SequenceNode) and items and children[-1] is None:
                children[-1] = self.list_items(item, ordered)
                ok = ok and children[-1] is not None
                continue
            text = self.check.text(item, f"list entry {number}")
            if text is None:
                ok = False
                continue
            items.append(self.running(item, text))
            children.append(None)
        if not ok:
            return None
        nested = tuple(children) if any(c is not None for c in children) else ()
        return BulletList(tuple(items), ordered=ordered, children=nested)

    def table(self, node: Node) -> Table | None:
        fields = self.check.mapping(node, "table", ("table", "header", "rows"), _TABLE_KEYS)
        if fields is None:
            return None
        table_id = self.check.text(fields["table"], "table id")
        if table_id:
            self.claim_id(fields["table"], table_id)
        header = self.check.texts(fields["header"], "table header")
        rows_nodes = self.check.sequence(fields["rows"], "table rows")
        size_ok = self.table_size(position(fields["rows"]), position(fields["header"]), len(rows_nodes or ()), header)
        if rows_nodes is not None and not size_ok:
            return None
        if header is not None:
            cells_at = fields["header"].value if isinstance(fields["header"], SequenceNode) else [fields["header"]]
            if not self.header_cells_fit([position(n) for n in cells_at], header):
                return None
            header = tuple(self.running(n, h) for n, h in zip(cells_at, header, strict=True))
        rows: list[tuple[str, ...]] = []
        if rows_nodes is not None:
            for number, row_node in enumerate(rows_nodes, 1):
                cells = self.check.texts(row_node, f"table row {number}", allow_empty=True)
                if cells is None:
                    continue
                cell_nodes = row_node.value if isinstance(row_node, SequenceNode) else [row_node]
                cells = tuple(self.running(n, c) for n, c in zip(cell_nodes, cells, strict=True))
                if header is not None and len(cells) != len(header):
                    self.check.error(
                        row_node,
                        f"table row {number} has {len(cells)} cell{'' if len(cells) == 1 else 's'}; "
                        f"expected {len(header)} like the header",
                    )
                rows.append(cells)
        key = self.check.boolean(fields["key"], "table 'key'") if "key" in fields else False
        if table_id is None or header is None or rows_nodes is None or key is None:
            return None
        if len(rows) != len(rows_nodes):
            return None
        table = Table(
            id=table_id,
            header=header,
            rows=tuple(rows),
            caption=self.optional_text(fields, "caption", "table"),
            headline=self.optional_text(fields, "headline", "table"),
            key=key,
            pos=self.pos(node),
        )
        self.objects[table_id] = table
        return table

    def table_size(
        self, rows_at: tuple[int, int], header_at: tuple[int, int], rows: int, header: tuple[str, ...] | None
    ) -> bool:
        """Whether a table of ``rows`` rows under ``header`` is within the limits; records why not,
        at the rows (``rows_at``) or the header (``header_at``)."""
        columns = len(header) if header is not None else 0
        if rows > MAX_TABLE_ROWS:
            self.check.at(*rows_at, f"table rows: {rows:,} rows; the limit is {MAX_TABLE_ROWS:,} (split the table)")
        elif columns > MAX_TABLE_COLUMNS:
            self.check.at(*header_at, f"table header: {columns} columns; the limit is {MAX_TABLE_COLUMNS}")
        elif (rows + 1) * columns > MAX_TABLE_CELLS:
            self.check.at(
                *rows_at,
                f"table: {(rows + 1) * columns:,} cells; the limit is {MAX_TABLE_CELLS:,} (split the table)",
            )
        else:
            return True
        return False

    def header_cells_fit(self, cells_at: list[tuple[int, int]], header: tuple[str, ...]) -> bool:
        """Whether every header cell is within ``MAX_HEADER_CELL_LENGTH``; records each that is not."""
        fits = True
        for number, (cell_at, cell) in enumerate(zip(cells_at, header, strict=True), 1):
            if len(cell) > MAX_HEADER_CELL_LENGTH:
                fits = False
                self.check.at(
                    *cell_at,
                    f"table header cell {number} has {len(cell):,} characters; the limit is "
                    f"{MAX_HEADER_CELL_LENGTH} (the header repeats on every page: put long text in a row)",
                )
        return fits

    # -- summary -------------------------------------------------------------

    def summary(self, node: Node) -> Summary | None:
        fields = self.check.mapping(node, "summary", (), ("figures", "takeaways", "outlook", "implications", "compare"))
        if fields is None:
            return None
        figures: list[Figure] | None = []
        if "figures" in fields:
            nodes = self.check.sequence(fields["figures"], "summary 'figures'")
            figures = self.check.each(nodes, self.figure) if nodes is not None else None
        takeaways = self.ref(fields.get("takeaways"), Table, "a table")
        outlook = self.ref(fields.get("outlook"), BulletList, "a list")
        implications: list[Section] | None = []
        if "implications" in fields:
            nodes = self.check.sequence(fields["implications"], "summary 'implications'")
            implications = (
                self.check.each(nodes, lambda n: self.ref(n, Section, "a section")) if nodes is not None else None
            )
        before = after = None
        if "compare" in fields:
            pair = self.check.mapping(fields["compare"], "summary 'compare'", ("before", "after"))
            if pair is None:
                return None
            before = self.ref(pair["before"], BulletList, "a list")
            after = self.ref(pair["after"], BulletList, "a list")
            if before is None or after is None:
                return None
        refs_ok = all(
            fields.get(k) is None or v is not None for k, v in (("takeaways", takeaways), ("outlook", outlook))
        )
        if figures is None or implications is None or not refs_ok:
            return None
        return Summary(
            figures=tuple(figures),
            takeaways=takeaways,
            outlook=outlook,
            implications=tuple(implications),
            before=before,
            after=after,
        )

    def figure(self, node: Node) -> Figure | None:
        fields = self.check.mapping(node, "figure", ("value", "label"), ("note",))
        if fields is None:
            return None
        value = self.check.text(fields["value"], "figure 'value'")
        label = self.check.text(fields["label"], "figure 'label'")
        if value is None or label is None:
            return None
        return Figure(value, label, self.optional_text(fields, "note", "figure"), pos=self.pos(node))

    def ref(self, node: Node | None, kind: type, what: str):  # type: ignore[no-untyped-def]
        """The object with the id written at ``node``, which must be of ``kind``."""
        if node is None:
            return None
        ref_id = self.check.text(node, f"reference to {what}")
        if ref_id is None:
            return None
        target = self.objects.get(ref_id)
        if isinstance(target, kind):
            return target
        candidates = ", ".join(sorted(k for k, v in self.objects.items() if isinstance(v, kind))) or "(none)"
        if target is None:
            self.check.error(node, f"no {_NOUNS[kind]} has the id '{ref_id}'; expected one of: {candidates}")
        else:
            self.check.error(node, f"'{ref_id}' is a {_NOUNS[type(target)]}; expected {what}, one of: {candidates}")
        return None
