"""Read an article source (YAML) into the document model.

In: the path of a source file such as ``source/article.yaml`` (format: docs/source-format.md).
Out: ``read`` gives the ``exporter.model.Document`` as far as the source allows — every text at
its scalar's position, the summary's ids as ``Reference``s not yet followed — and the problems
with what the file says (syntax, keys, types, cells per row), each ``path:line:col``; a file that
cannot be parsed at all is a ``SourceError``. Limits, characters, ids and references are checked
afterwards on the model, by ``exporter.validate``, for both readers (``read_source`` does both).
Running texts go through ``exporter.readers.inline``, so they may carry the same inline
Markdown as a Markdown source. ``Reader.meta``, ``Reader.summary``, ``Reader.image_at`` and the
made-up ids are shared with ``exporter.readers.markdown``.
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
    CHART_KINDS,
    REFERRED,
    Block,
    BulletList,
    ChartMark,
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
    Reference,
    Section,
    Summary,
    Table,
    Text,
)
from exporter.readers.images import MAX_DOCUMENT_PIXELS, Unusable, file_part, resolve_image
from exporter.readers.inline import parse_string
from exporter.readers.yamlnodes import Checker, position, read_yaml
from exporter.text.phrases import short_title
from exporter.validate import MAX_IMAGES, MAX_TEXT_LENGTH

DEFAULT_LANG = ""
"""``meta.lang`` (and a quote's ``lang``) when the source gives none: ``exporter.text.language``
then finds it from the text."""

MAX_SECTION_DEPTH = 3
"""Sections nest at most this deep (rendered as h2, h3, h4)."""

BLOCK_KINDS = ("section", "quote", "list", "table", "code", "image", "notes")

_QUOTE_KEYS = ("lang", "label", "author", "handle", "date", "id")
_TABLE_KEYS = ("caption", "headline", "key", "chart", "header", "rows")
_CHART_KEYS = ("type", "series", "unit")

UNREAD_META = Meta(
    title="", subtitle=None, short_title="", date=dt.date(1980, 1, 1), lang=DEFAULT_LANG, author=None, source=None
)
"""What stands in for a ``meta`` that could not be read, so that the rest of the document is
still checked; only ever in a document read with problems, which is never rendered."""


def read(path: str | Path, roots: tuple[Path, ...] = ()) -> tuple[Document | None, list[Problem]]:
    """The document at ``path`` as far as it can be read, its images taken from inside ``roots``
    (default: the source's folder), and the problems of what the file says (none for a document the
    model check may take); ``SourceError`` if it cannot be parsed."""
    path = Path(path)
    root = read_yaml(path)
    if root is None:
        raise SourceError.at(path, 1, 1, "the document is empty; expected a mapping with keys 'meta' and 'body'")
    reader = Reader(Checker(str(path)), path.parent, roots)
    document = reader.document(root)
    assert document is not None or reader.check.problems, "a document that failed to build has recorded a problem"
    return document, reader.check.problems


def ragged_row(number: int, cells: int, header: int) -> str:
    """The notice for a table row of ``cells`` cells under a header of ``header``: padded or cut, as GFM does."""
    written = f"table row {number} has {cells} cell{'' if cells == 1 else 's'}; the header has {header}"
    if cells < header:
        return f"{written}: the row is padded with empty cells"
    return f"{written}: the cells past column {header} are left out"


class Reader:
    """Builds model objects from nodes; every mismatch becomes a problem in ``check``.

    A part that cannot be built is left out (or, for ``meta``, stood in for) once its problem is
    recorded, so that the rest is still read and checked. The Markdown reader uses its made-up
    ids, ``meta``, ``summary`` and ``image_at`` too.
    """

    def __init__(self, check: Checker, folder: Path, roots: tuple[Path, ...] = ()):
        self.check = check
        self.folder = folder
        self.roots = roots or (folder,)
        """The folders images may come from: the project and the resource paths."""
        self.pixels = 0
        """The pixels of the images read so far, as written (``MAX_DOCUMENT_PIXELS``)."""
        self.image_count = 0
        """Images met so far: those past ``MAX_IMAGES`` are not read (the model check refuses them)."""
        self.taken: set[str] = set()
        """The ids the source has written so far (and those made up for tables), which a made-up id avoids."""
        self.section_count = 0
        self.notices: list[Notice] = []

    def notice(self, line: int, column: int, message: str, severity: str = "warning") -> None:
        """A warning (something kept only as text, replaced or left out), or a note of what was decided."""
        self.notices.append(Notice(message, Pos(line, column), severity))

    def running(self, node: Node, text: str) -> Text:
        """``text`` (read at ``node``) with its inline markup, at its position. The markup of a text
        longer than a text may be is left unparsed: the model check refuses it, and a hostile one
        costs no parsing (the file itself holds at most ``MAX_FILE_CHARACTERS``)."""
        line, column = position(node)
        pos = Pos(line, column)
        if len(text) > MAX_TEXT_LENGTH:
            return Text(text, pos=pos)
        return parse_string(text, lambda offset, message: self.notice(line + offset, column, message), pos)

    def pos(self, node: Node) -> Pos:
        return Pos(*position(node))

    def text(self, node: Node, what: str) -> Text | None:
        """The text at ``node``, at its position; None (a problem recorded) if it is not text."""
        value = self.check.text(node, what)
        return None if value is None else Text(value, pos=self.pos(node))

    def texts(
        self, node: Node, what: str, *, allow_empty: bool = False, running: bool = False
    ) -> tuple[Text, ...] | None:
        """A list of texts (or one text taken as a list of one), each at its position and, if
        ``running``, with its inline markup."""
        values = self.check.texts(node, what, allow_empty=allow_empty)
        if values is None:
            return None
        nodes = node.value if isinstance(node, SequenceNode) else [node]
        if running:
            return tuple(self.running(n, v) for n, v in zip(nodes, values, strict=True))
        return tuple(Text(v, pos=self.pos(n)) for n, v in zip(nodes, values, strict=True))

    def optional_text(self, fields: dict[str, Node], key: str, what: str) -> Text | None:
        return self.text(fields[key], f"{what} '{key}'") if key in fields else None

    def take(self, obj_id: Text | None) -> Text | None:
        """``obj_id``, an id the source wrote, noted so that no id made up later is the same."""
        if obj_id:
            self.taken.add(obj_id)
        return obj_id

    def free_id(self, wanted: str) -> str:
        """``wanted``, or ``wanted-2``, ``wanted-3``… if the source already uses it. Unnamed
        sections are not claimed or referable, so an id given later in the file still wins."""
        candidate, number = wanted, 1
        while candidate in self.taken:
            number += 1
            candidate = f"{wanted}-{number}"
        return candidate

    # -- document ------------------------------------------------------------

    def document(self, root: Node) -> Document | None:
        fields = self.check.mapping(root, "document", ("meta", "body"), ("summary",))
        if fields is None:
            if not isinstance(root, MappingNode):
                return None
            fields = {k.value: v for k, v in root.value if isinstance(k, ScalarNode)}
        meta = self.meta(fields["meta"]) if "meta" in fields else None
        body = fields.get("body")
        intro, sections = self.body(body, "body", level=2) if body is not None else ((), ())
        summary = self.summary(fields["summary"]) if "summary" in fields else Summary()
        return Document(meta or UNREAD_META, intro, sections, summary, tuple(self.notices))

    def meta(self, node: Node, title: Text | None = None, date: dt.date | None = None) -> Meta | None:
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
        title = self.text(fields["title"], "meta 'title'") if "title" in fields else title
        date = self.date(fields["date"]) if "date" in fields else date
        keywords = self.texts(fields["keywords"], "meta 'keywords'") if "keywords" in fields else ()
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

    def body(self, node: Node, what: str, level: int) -> tuple[tuple[Block, ...], tuple[Section, ...]]:
        """The blocks and the sections of a ``body``; those that cannot be read are left out."""
        items = self.check.sequence(node, what, allow_empty=level > 2)
        if items is None:
            return (), ()
        blocks: list[Block] = []
        sections: list[Section] = []
        after_section = False
        for item in items:
            kind = self.kind(item)
            if kind == "section":
                after_section = True
                section = self.section(item, level)
                if section is not None:
                    sections.append(section)
            elif kind is not None:
                if after_section:
                    self.check.error(
                        item,
                        f"{what}: a {kind} after a section belongs inside that section's 'body'; "
                        "expected only sections here",
                    )
                    continue
                block = self.block(item, kind)
                if block is not None:
                    blocks.append(block)
        return tuple(blocks), tuple(sections)

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
        text = self.text(fields["code"], "code")
        lang = self.optional_text(fields, "lang", "code")
        return None if text is None else CodeBlock(Text(text.rstrip("\n"), pos=text.pos), lang, pos=self.pos(node))

    def notes(self, node: Node) -> Notes | None:
        fields = self.check.mapping(node, "notes", ("notes",))
        text = self.text(fields["notes"], "notes") if fields is not None else None
        return None if text is None else Notes(text, pos=self.pos(node))

    def image(self, node: Node) -> Image | None:
        fields = self.check.mapping(node, "image", ("image",), ("alt", "caption", "id"))
        if fields is None:
            return None
        where = self.text(fields["image"], "image")
        alt = self.text(fields["alt"], "image 'alt'") if "alt" in fields else Text("")
        image_id = self.take(self.optional_text(fields, "id", "image"))
        if where is None or alt is None:
            return None
        return self.image_at(where, alt, self.optional_text(fields, "caption", "image"), image_id, *position(node))

    def image_at(
        self, where: str, alt: str, caption: str | None, image_id: str | None, line: int, column: int
    ) -> Image | None:
        """The image ``where`` names (``resolve_image``), or a placeholder framing its alt text (else
        its file name) with a notice when it cannot be shown; None, with a problem, for a bomb."""
        pos = Pos(line, column)
        self.image_count += 1
        if self.image_count > MAX_IMAGES:  # refused by the model check: not read
            return Image(alt, url=where, caption=caption, id=image_id, pos=pos)
        if not alt.strip():
            alt = Text(Path(file_part(where)).name or where, pos=pos)
            self.notice(line, column, f"image '{where}' has no alt text; its file name '{alt}' stands in")
        found = resolve_image(where, self.folder, self.roots, MAX_DOCUMENT_PIXELS - self.pixels)
        if isinstance(found, Unusable):
            if found.fatal:
                self.check.at(line, column, f"image '{where}': {found.reason}")
                return None
            shown = f"image '{where}' cannot be shown ({found.reason}); its alt text is framed instead"
            self.notice(line, column, shown)
            return Image(alt, url=where, caption=caption, id=image_id, pos=pos)
        for note in found.warnings:
            self.notice(line, column, f"image '{where}' {note}")
        self.pixels += found.pixels
        return Image(alt, path=found.path, caption=caption, size=found.size, id=image_id, pos=pos, data=found.data)

    def section(self, node: Node, level: int) -> Section | None:
        fields = self.check.mapping(node, "section", ("section", "body"), ("id",))
        if fields is None:
            return None
        if level - 1 > MAX_SECTION_DEPTH:
            self.check.error(node, f"sections nest at most {MAX_SECTION_DEPTH} deep; expected a block here")
            return None
        self.section_count += 1
        title = self.text(fields["section"], "section title")
        section_id = self.take(self.optional_text(fields, "id", "section"))
        section_id = section_id or self.free_id(f"section-{self.section_count}")
        blocks, sections = self.body(fields["body"], f"section '{title}' body", level + 1)
        # a section whose title cannot be read is kept untitled, so that what is in it is still checked
        return Section(section_id, title or "", level, blocks, sections, pos=self.pos(node))

    def quote(self, node: Node) -> Quote | None:
        fields = self.check.mapping(node, "quote", ("quote",), _QUOTE_KEYS)
        if fields is None:
            return None
        paragraphs = self.texts(fields["quote"], "quote", running=True)
        if paragraphs is None:
            return None
        values = {k: self.optional_text(fields, k, "quote") for k in _QUOTE_KEYS}
        self.take(values["id"])
        return Quote(paragraphs, lang=values.pop("lang") or DEFAULT_LANG, pos=self.pos(node), **values)

    def bullet_list(self, node: Node) -> BulletList | None:
        fields = self.check.mapping(node, "list", ("list",), ("label", "id", "ordered"))
        if fields is None:
            return None
        ordered = self.check.boolean(fields["ordered"], "list 'ordered'") if "ordered" in fields else False
        items = self.list_items(fields["list"], bool(ordered))
        list_id = self.take(self.optional_text(fields, "id", "list"))
        if items is None or ordered is None:
            return None
        label = self.optional_text(fields, "label", "list")
        return dataclasses.replace(items, label=label, id=list_id, pos=self.pos(node))

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
        table_id = self.take(self.text(fields["table"], "table id"))
        header = self.texts(fields["header"], "table header", running=True)
        rows_nodes = self.check.sequence(fields["rows"], "table rows")
        rows: list[tuple[Text, ...]] = []
        padded: list[tuple[int, int]] = []
        for number, row_node in enumerate(rows_nodes or (), 1):
            cells = self.texts(row_node, f"table row {number}", allow_empty=True, running=True)
            if cells is None:
                continue
            if header is not None and len(cells) != len(header):
                self.notice(*position(row_node), ragged_row(number, len(cells), len(header)))
                padded += [(number, len(cells))] if len(cells) < len(header) else []
                cells = (*cells[: len(header)], *(Text("", pos=self.pos(row_node)),) * (len(header) - len(cells)))
            rows.append(cells)
        key = self.check.boolean(fields["key"], "table 'key'") if "key" in fields else False
        chart = self.chart(fields["chart"]) if "chart" in fields else None
        if table_id is None or header is None or rows_nodes is None or key is None or chart is False:
            return None
        if len(rows) != len(rows_nodes):
            return None
        return Table(
            id=table_id,
            header=header,
            rows=tuple(rows),
            caption=self.optional_text(fields, "caption", "table"),
            headline=self.optional_text(fields, "headline", "table"),
            key=key,
            chart=chart or None,
            pos=self.pos(node),
            header_pos=self.pos(fields["header"]),
            rows_pos=self.pos(fields["rows"]),
            padded=tuple(padded),
        )

    def chart(self, node: Node) -> ChartMark | bool | None:
        """A table's ``chart``: a kind (``CHART_KINDS``), ``true``/``false``, or a mapping of ``type``,
        ``series`` and ``unit``; None for no chart, False (a problem recorded) for one that cannot be read."""
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return ChartMark(pos=self.pos(node)) if self.check.boolean(node, "table 'chart'") else None
        if not isinstance(node, MappingNode):
            kind = self.chart_kind(node)
            return False if kind is None else ChartMark(kind, pos=self.pos(node))
        fields = self.check.mapping(node, "table 'chart'", (), _CHART_KEYS)
        if fields is None:
            return False
        kind = self.chart_kind(fields["type"]) if "type" in fields else "auto"
        series = self.texts(fields["series"], "chart 'series'") if "series" in fields else ()
        unit = self.optional_text(fields, "unit", "chart")
        if kind is None or series is None or ("unit" in fields and unit is None):
            return False
        return ChartMark(kind, series, unit, pos=self.pos(node))

    def chart_kind(self, node: Node) -> str | None:
        """A chart's kind, one of ``CHART_KINDS``; None (a problem recorded) for any other value."""
        kind = self.check.text(node, "table 'chart'")
        if kind is not None and kind not in CHART_KINDS:
            hint = difflib.get_close_matches(kind, CHART_KINDS, n=1)
            known = f"did you mean '{hint[0]}'?" if hint else "expected one of: " + ", ".join(CHART_KINDS)
            self.check.error(node, f"table 'chart': unknown chart '{kind}'; {known}")
            return None
        return kind

    # -- summary -------------------------------------------------------------

    def summary(self, node: Node) -> Summary:
        """The summary's figures, and the ids it gives for its other fields, as references."""
        fields = self.check.mapping(node, "summary", (), ("figures", "takeaways", "outlook", "implications", "compare"))
        if fields is None:
            return Summary()
        figures: list[Figure] = []
        if "figures" in fields:
            nodes = self.check.sequence(fields["figures"], "summary 'figures'") or []
            figures = [f for f in (self.figure(n) for n in nodes) if f is not None]
        pointers = [(key, fields[key]) for key in ("takeaways", "outlook") if key in fields]
        if "implications" in fields:
            nodes = self.check.sequence(fields["implications"], "summary 'implications'") or []
            pointers += [("implications", n) for n in nodes]
        if "compare" in fields:
            pair = self.check.mapping(fields["compare"], "summary 'compare'", ("before", "after"))
            pointers += [(key, pair[key]) for key in ("before", "after")] if pair is not None else []
        references = [self.reference(key, n) for key, n in pointers]
        return Summary(figures=tuple(figures), references=tuple(r for r in references if r is not None))

    def figure(self, node: Node) -> Figure | None:
        fields = self.check.mapping(node, "figure", ("value", "label"), ("note",))
        if fields is None:
            return None
        value = self.text(fields["value"], "figure 'value'")
        label = self.text(fields["label"], "figure 'label'")
        if value is None or label is None:
            return None
        return Figure(value, label, self.optional_text(fields, "note", "figure"), pos=self.pos(node))

    def reference(self, key: str, node: Node) -> Reference | None:
        """The id written at ``node`` for the summary's ``key``, which ``exporter.validate`` follows."""
        ref_id = self.check.text(node, f"reference to a {REFERRED[key].kind}")
        return None if ref_id is None else Reference(key, ref_id, self.pos(node))
