"""Blocks that page breaks cut, and long briefs, held to the page rules.

In: the corpus documents ``across-pages-{en,ja,zh}.md`` (plain Markdown, no front matter), in
which every kind of block is longer than the room a page leaves it, and long documents written
here once per session: a quarterly statement of 200 pages and more (``scripts/statement.py``)
and 60 pages of Japanese prose, lists, quotes and tables.
Out: assertions on the briefs ``exporter pdf`` wrote (so their read-back passed) and their pages
read back with PDFium: each kind of block does cross a page and is found whole; ``check`` agrees
with ``pdf``; no caption or heading is left at the foot of a page without what it heads, a table
that fits on a page is not split, and no number of a table is broken.
"""

from __future__ import annotations

import importlib.util
import subprocess
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from conftest import EXPORTER, ROOT, Rendered
from exporter.model import BulletList, CodeBlock, Document, Paragraph, Quote, Table
from exporter.pdf.readback import verify_pdf
from exporter.readers import read_source
from exporter.text.compare import squeeze
from exporter.theme import load_theme
from readback import pdf_text

ACROSS = [ROOT / "tests" / "documents" / f"across-pages-{lang}.md" for lang in ("en", "ja", "zh")]


def _items(document: Document) -> Iterator[str]:
    for block in document.blocks():
        if isinstance(block, BulletList):
            yield from (current.items[index] for _, current, index in block.nested())


KINDS: dict[str, Callable[[Document], Iterator[str]]] = {
    "paragraph": lambda d: (b.text for b in d.blocks() if isinstance(b, Paragraph)),
    "list item": _items,
    "quote": lambda d: (p for b in d.blocks() if isinstance(b, Quote) for p in b.paragraphs),
    "table cell": lambda d: (c for b in d.blocks() if isinstance(b, Table) for row in b.rows for c in row),
    "code block": lambda d: (b.text for b in d.blocks() if isinstance(b, CodeBlock)),
    # "footnote": lambda d: (note for text, _, _ in d.prose() for _, note in footnotes(text)),  ← one line, once
    # a document holds a footnote longer than a page's footnote area (WeasyPrint 70 moves a footnote whole)
}
"""Each kind of block a page break may cut, and its texts in a document."""


def page_texts(pdf: Path) -> list[str]:
    """The content of each page of ``pdf`` as the read-back gets it (no running head, footer or
    list label), squeezed."""
    pages = len(pdfium.PdfDocument(str(pdf)))
    return [squeeze(text) for text in verify_pdf(pdf, pages).pages]


def _span(pages: list[str], text: str) -> tuple[int, int]:
    """The pages (from 0) on which ``text`` begins and ends."""
    ends = list(accumulate(map(len, pages)))
    start = "".join(pages).index(squeeze(text))
    end = start + len(squeeze(text)) - 1
    return bisect_right(ends, start), bisect_right(ends, end)


def _crosses(pages: list[str], text: str) -> bool:
    """Whether ``text`` begins on one page and ends on a later one."""
    first, last = _span(pages, text)
    return last > first


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("source", ACROSS, ids=lambda path: path.stem)
def test_every_kind_of_block_crosses_a_page_and_reads_back(
    source: Path, kind: str, renders: Callable[[Path], Rendered]
) -> None:
    pdf = renders(source).pdf  # written, so the read-back found every text of the source in it
    pages = page_texts(pdf)
    texts = list(KINDS[kind](read_source(source)))
    assert texts, f"{source.name} has no {kind}"
    assert any(_crosses(pages, text) for text in texts), f"no {kind} of {source.name} crosses a page"


def test_the_read_back_reads_a_cut_paragraph_whole_and_sets_the_page_furniture_apart(
    renders: Callable[[Path], Rendered],
) -> None:
    pdf = renders(ACROSS[0]).pdf
    paragraph = squeeze(max(KINDS["paragraph"](read_source(ACROSS[0])), key=len))
    readback = verify_pdf(pdf, len(pdfium.PdfDocument(str(pdf))))
    assert paragraph in squeeze("".join(readback.pages))
    assert paragraph not in squeeze(pdf_text(pdf)), "the page break did not put the footer inside the paragraph"
    assert all("rev." not in page for page in readback.pages) and "rev." in readback.furniture[-1]


def test_a_paragraph_cut_with_the_pages_footnotes_between_reads_back(tmp_path: Path) -> None:
    """The footnotes of a page are set at its foot, between the halves of a paragraph that the
    page break cuts: the read-back reads them apart (``/Note``), and finds both."""
    say = lambda what, first, last: " ".join(  # noqa: E731
        f"Sentence {n} of the {what} reports the throughput of the fleet and its memory bandwidth."
        for n in range(first, last)
    )
    source = tmp_path / "notes.md"
    text = f"# Notes\n\n## Notes\n\n{say('paragraph', 1, 36)}[^1] {say('paragraph', 36, 40)}\n\n"
    source.write_text(text + f"{say('closing', 1, 60)}\n\n[^1]: {say('footnote', 1, 30)}\n", encoding="utf-8")
    pdf = tmp_path / "notes.pdf"
    run = subprocess.run([EXPORTER, "pdf", str(source), "-o", str(pdf)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    readback = verify_pdf(pdf, len(pdfium.PdfDocument(str(pdf))))
    closing, note = squeeze(say("closing", 1, 60)), squeeze(say("footnote", 1, 30))
    assert note in squeeze(pdf_text(pdf)) and closing not in squeeze(pdf_text(pdf)), "no footnote cut the paragraph"
    assert closing in squeeze("".join(readback.pages)) and note in squeeze("".join(readback.notes))


def _structure(node: object) -> Iterator[dict]:
    """Every structure element below ``node`` (pypdf objects), in document order."""
    kids = node.get("/K", [])  # type: ignore[attr-defined]
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and kid.get("/Type") == "/StructElem":
            yield kid
            yield from _structure(kid)


def test_a_table_header_repeated_on_the_next_page_is_an_artifact(renders: Callable[[Path], Rendered]) -> None:
    """The part of a table on the page it continues on has no header of its own in the structure
    tree; its data cells name the header cells of the first part, which exist."""
    reader = PdfReader(renders(ACROSS[0]).pdf)
    elements = list(_structure(reader.trailer["/Root"]["/StructTreeRoot"]))
    tables = [e for e in elements if e["/S"] == "/Table"]
    assert len(tables) == 2, "the table did not run over two pages"
    heads = [[k.get_object()["/S"] for k in table["/K"]].count("/THead") for table in tables]
    assert heads == [1, 0]
    ids = {str(e["/ID"]) for e in elements if e["/S"] == "/TH" and "/ID" in e}
    named = [str(h) for e in _structure(tables[1]) if e["/S"] == "/TD" for h in e["/A"].get("/Headers", [])]
    assert named and set(named) <= ids


# -- long briefs ---------------------------------------------------------------------------------

STATEMENT_KB = 224
"""The long statement's size (``scripts/statement.py``): over 200 pages, some 250 tables."""


def _statement() -> str:
    spec = importlib.util.spec_from_file_location("statement", ROOT / "scripts" / "statement.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.statement(STATEMENT_KB * 1000)


def _japanese(sections: int = 50) -> str:
    """Some 60 pages of Japanese: numbered sections of prose, lists, quotes and tables whose first
    row is sometimes taller than what a page has left."""
    say = "第{s}章の第{n}文は、事業部門の売上と費用の推移を、前年同期と比べて説明します。"
    parts = [
        "# 長い報告書の改ページ",
        "本書は、長い報告書が改ページの規則どおりに組まれることを確かめるためのものです。",
    ]
    for s in range(1, sections + 1):
        prose = "".join(say.format(s=s, n=n) for n in range(1, 9 + s % 7))
        parts += [f"## 第{s}章 部門{s}の概況", prose, f"### {s}.1 要点"]
        parts.append(
            "\n".join(f"- 第{s}章の要点{i}は、部門{s}の売上が前年を上回ったことです。" for i in range(1, 4 + s % 3))
        )
        if s % 2:
            parts.append("> " + "".join(say.format(s=s, n=100 + n) for n in range(1, 5)))
        remark = "".join(say.format(s=s, n=200 + n) for n in range(1, 2 + (s % 4) * 3))
        rows = [f"| 第{s}表の先頭行 | {s * 101:,} | {s * 37:,} | {remark} |"]
        rows += [f"| 項目{s}-{r} | {s * r * 13:,} | {s * r * 7:,} | 変化なし |" for r in range(2, 6 + s % 11)]
        parts += [f"### {s}.2 数値", "\n".join(["| 項目 | 売上 | 費用 | 備考 |", "|---|---:|---:|---|", *rows])]
    return "\n\n".join(parts) + "\n"


@dataclass(frozen=True)
class Long:
    """A long document, its brief and deck, and what ``exporter check`` said of it."""

    document: Document
    rendered: Rendered
    check: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module", params=["statement", "japanese"])
def long(request: pytest.FixtureRequest, renders: Callable[[Path], Rendered], tmp_path_factory) -> Long:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("long")
    source = folder / f"{request.param}.md"
    source.write_text(_statement() if request.param == "statement" else _japanese(), encoding="utf-8")
    check = subprocess.run([EXPORTER, "check", str(source)], capture_output=True, text=True, check=False)
    return Long(read_source(source), renders(source), check)


class Pages:
    """The content of a brief's pages as the read-back gets it, to find where a text lies."""

    def __init__(self, pdf: Path):
        self.texts = page_texts(pdf)
        self.joined = "".join(self.texts)
        self.ends = list(accumulate(map(len, self.texts)))

    def find(self, text: str, start: int = 0) -> int:
        """Where ``text`` first lies at or after ``start``, in the pages' joined content."""
        return self.joined.index(squeeze(text), start)

    def page(self, offset: int) -> int:
        """The page (from 0) of ``offset`` in the joined content."""
        return bisect_right(self.ends, offset)


def test_a_long_brief_is_written_and_check_agrees(long: Long) -> None:
    pages = len(Pages(long.rendered.pdf).texts)
    assert 60 <= pages <= 250 and long.check.returncode <= 1, (pages, long.check.stderr[-600:])
    assert long.rendered.deck_run.returncode == 0 or "cannot be written" in long.check.stdout + long.check.stderr


FIRST_TEXT: dict[str, Callable[..., str]] = {
    "paragraph": lambda b: b.text,
    "list": lambda b: b.items[0],
    "quote": lambda b: b.paragraphs[0],
    "code": lambda b: b.text,
}
"""The text a block of each kind begins with (a table begins with its caption's number)."""


def _row(row: tuple[str, ...]) -> str:
    """A row's first two cells, which every part of a table split by its columns begins with."""
    return "".join(row[:2])


def test_no_caption_or_heading_is_left_at_the_foot_of_a_page(long: Long) -> None:
    """Each heading is on the page where the text under it begins, each table's caption on the
    page of its header and first row."""
    words = load_theme().localised(long.document.meta.lang).words
    numbers = {id(table): number for number, table in enumerate(long.document.tables(), 1)}
    pages, cursor, alone = Pages(long.rendered.pdf), 0, []
    for section in long.document.walk_sections():
        cursor = heading = pages.find(section.title, cursor)
        for index, block in enumerate(section.blocks):
            if isinstance(block, Table):
                cursor = caption = pages.find(words.table.format(n=numbers[id(block)]), cursor)
                cursor = pages.find(_row(block.rows[0]), caption)
                if pages.page(cursor) != pages.page(caption):
                    alone.append(f"the caption of {block.id}")
            elif block.kind in FIRST_TEXT:
                cursor = pages.find(FIRST_TEXT[block.kind](block)[:30], cursor)
            else:
                continue
            if index == 0 and pages.page(cursor) != pages.page(heading):
                alone.append(section.title)
    assert not alone, f"left at the foot of a page: {alone[:5]} ({len(alone)})"


def test_a_table_that_fits_a_page_is_not_split(long: Long) -> None:
    """A table of at most 15 rows of short cells (under half a page) is never split."""
    pages, cursor, split = Pages(long.rendered.pdf), 0, []
    for table in long.document.tables():
        cursor = first = pages.find(_row(table.rows[0]), cursor)
        cursor = last = pages.find(_row(table.rows[-1]), cursor)
        short = len(table.rows) <= 15 and all(len(cell) <= 40 for row in table.rows for cell in row)
        if short and pages.page(first) != pages.page(last):
            split.append(table.id)
    assert not split, f"split over two pages: {split[:5]} ({len(split)})"


def test_a_one_page_brief_whose_title_is_shortened_is_written(tmp_path: Path) -> None:
    """The short title is printed only in the running head, which a one-page brief has not."""
    title = "A ranking of the twenty largest cloud providers by revenue in the year 2026 and beyond, as measured"
    source = tmp_path / "ranking.md"
    source.write_text(f"# {title}\n\nOne paragraph only.\n", encoding="utf-8")
    run = subprocess.run([EXPORTER, "pdf", source, "-o", tmp_path / "r.pdf"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert len(PdfReader(tmp_path / "r.pdf").pages) == 1
    assert title in " ".join(pdf_text(tmp_path / "r.pdf").split())
