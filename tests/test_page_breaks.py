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

from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import accumulate
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from conftest import ROOT, Rendered
from exporter.model import BulletList, CodeBlock, Document, Paragraph, Quote, Table
from exporter.pdf.readback import verify_pdf
from exporter.readers import read_source
from exporter.text.compare import squeeze

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
    # "footnote": lambda d: (…the footnotes' texts…),  ← one line, once the model has footnotes
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
