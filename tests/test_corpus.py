"""Every corpus document, rendered to both files, held to what must hold for any document.

In: ``source/article.yaml`` and every document of ``tests/documents/`` (``conftest.CORPUS``),
each written once per session to a brief and a deck through the console script
(``conftest.renders``), and ``exporter check --strict`` on each.
Out: assertions on the files read back. The brief: every word and number of every text found
unbroken in its text layer (PDFium), only the embedded Noto faces, a page count in proportion to
the text, and no Japanese an English source did not bring. The deck: written (never refused when
the document has content), re-opened by python-pptx and clean under PowerPoint's validation
(openxml-audit), every key table's cells on its slides, no two slides titled alike, continuation
slides numbered "(n/m)" after a space and at least half full, an agenda of the sections when there
is no summary and three sections or more, no Japanese an English source did not bring, and every
text measured inside its box. ``check`` foretells exactly the refusals of ``slides``, at their place.
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from conftest import CORPUS, EXPORTER, Rendered
from exporter.lint import DECK_REFUSED
from exporter.model import BulletList, CodeBlock, Document, Paragraph, Quote, Summary, Table, around_formulas
from exporter.readers import read_source
from exporter.slides.ooxml import readable_text
from exporter.text.compare import LINE_END_HYPHEN, squeeze
from readback import deck_text, pdf_text, powerpoint_findings
from test_slides import _fit_problems as fit_problems

JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
"""Japanese script and punctuation: kana, kanji, full-width forms, 、。「」."""
_TOKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%$()/+\-]*[0-9A-Za-z%)]|[0-9A-Za-z]")
"""A Latin word or a number as it must stay on one line (Japanese may break between any two characters)."""
_COUNTER = re.compile(r"(?P<stem>.*?)(?P<gap>\s*)\((?P<n>\d+)/(?P<m>\d+)\)$", re.S)
_AGENDA_PREFIX = 15
"""Characters of each section title an agenda must show (a long title may be shortened after them)."""


@pytest.fixture(params=CORPUS, ids=lambda path: path.name)
def corpus(request: pytest.FixtureRequest, renders: Callable[[Path], Rendered]) -> tuple[Document, Rendered]:
    return read_source(request.param), renders(request.param)


def _english(document: Document) -> bool:
    return document.meta.lang.split("-")[0] == "en"


def _items(block: BulletList) -> Iterator[str]:
    for _, current, index in block.nested():
        yield current.items[index]


def _written(document: Document) -> Iterator[tuple[str, str]]:
    """(what, text) of every text the brief sets as running text or in a table (a formula is
    typeset: the parts around it)."""
    for what, text in _texts(document):
        for part in around_formulas(text):
            yield from ((what, piece) for piece in _runs(part))


def _runs(text: str) -> Iterator[str]:
    """``text`` cut where raised, lowered or code text begins or ends: its smaller size or padding
    parts a word in extraction (H₂O comes back as "H 2 O"), not on the page."""
    spans = getattr(text, "spans", None)
    if not spans:
        yield text
        return
    current, style = "", None
    for span in spans:
        if (span.script, span.code) != style and current:
            yield current
            current = ""
        current, style = current + span.text, (span.script, span.code)
    if current:
        yield current


def _texts(document: Document) -> Iterator[tuple[str, str]]:
    for section in document.walk_sections():
        yield "section title", section.title
    for block in document.blocks():
        if isinstance(block, Paragraph):
            yield "paragraph", block.text
        elif isinstance(block, Quote):
            yield from (("quote", p) for p in block.paragraphs)
        elif isinstance(block, BulletList):
            yield from (("list item", item) for item in _items(block))
        elif isinstance(block, Table):
            yield from ((f"table '{block.id}'", cell) for row in (block.header, *block.rows) for cell in row)


# -- the brief ------------------------------------------------------------------------------


def test_every_word_and_number_is_unbroken_in_the_brief(corpus: tuple[Document, Rendered]) -> None:
    document, rendered = corpus
    layer = pdf_text(rendered.pdf)
    # a hyphen ending a line comes back as U+FFFE: a compound's own hyphen, or hyphenation's
    joined = (layer.replace(LINE_END_HYPHEN, "-"), layer.replace(LINE_END_HYPHEN, ""))
    broken = [
        f"{what}: {token}"
        for what, text in _written(document)
        for token in _TOKEN.findall(text)
        if not any(token in candidate for candidate in joined)
    ]
    assert broken == []


def test_the_brief_uses_only_the_embedded_noto_faces(corpus: tuple[Document, Rendered]) -> None:
    _, rendered = corpus
    header, _, *rows = subprocess.run(
        ["pdffonts", rendered.pdf], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    emb = header.index(" emb ") + 1
    fonts = [(row.split()[0], row[emb : emb + 3]) for row in rows if row.strip()]
    assert fonts and all("+Noto-Sans-CJK-JP" in name and embedded == "yes" for name, embedded in fonts), fonts


def _lines(text: str) -> int:
    """Lines a text takes in the brief's column, give or take, with the space after it: the column
    holds some 42 full-width characters or 76 Latin ones."""
    ems = sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)
    return 2 + int(ems // 42)


def test_the_page_count_is_in_proportion_to_the_text(corpus: tuple[Document, Rendered]) -> None:
    """No page is wasted: at most a page for every 30 lines of running text (a full page holds
    over 40), 15 table rows, two pages for each table (a landscape one) and one for each image."""
    document, rendered = corpus
    pages = int(re.search(r": (\d+) pages?,", rendered.pdf_run.stdout)[1])  # type: ignore[index]
    lines = sum(_lines(text) + (what == "section title") for what, text in _written(document) if what[:5] != "table")
    lines += sum(b.text.count("\n") + 2 for b in document.blocks() if isinstance(b, CodeBlock))
    tables = list(document.tables())
    rows = sum(len(table.rows) for table in tables)
    most = 1 + lines // 30 + rows // 15 + 2 * len(tables) + len(list(document.images()))
    assert max(1, lines // 60) <= pages <= most, f"{pages} pages for {lines} lines of text and {rows} table rows"


def test_an_english_brief_has_no_japanese_it_did_not_bring(corpus: tuple[Document, Rendered]) -> None:
    document, rendered = corpus
    if not _english(document):
        return
    brought = set(rendered.source.read_text(encoding="utf-8"))
    assert sorted(set(JAPANESE.findall(pdf_text(rendered.pdf))) - brought) == []


# -- the deck -------------------------------------------------------------------------------


def _title(slide) -> str:  # type: ignore[no-untyped-def]
    return slide.shapes.title.text_frame.text.replace("\v", "\n")


def test_the_deck_reopens_and_passes_powerpoints_validation(corpus: tuple[Document, Rendered]) -> None:
    _, rendered = corpus
    assert len(Presentation(str(rendered.deck)).slides) >= 1
    assert powerpoint_findings(rendered.deck) == []


def test_every_key_table_cell_is_on_a_slide(corpus: tuple[Document, Rendered]) -> None:
    document, rendered = corpus
    shown = {
        squeeze(readable_text(cell._tc.get_or_add_txBody()))  # a formula's readable text included
        for slide in Presentation(str(rendered.deck)).slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    }
    tables = [t for t in document.tables() if t.key or t is document.summary.takeaways]
    missing = [
        f"{table.id}: {cell}"
        for table in tables
        for row in (table.header, *table.rows)
        for cell in row
        if cell.strip() and squeeze(cell) not in shown
    ]
    assert missing == []


def test_no_two_slides_share_a_title(corpus: tuple[Document, Rendered]) -> None:
    _, rendered = corpus
    titles = [squeeze(_title(slide)) for slide in Presentation(str(rendered.deck)).slides]
    assert sorted({t for t in titles if titles.count(t) > 1}) == []


def test_continuation_slides_are_numbered_after_a_space_and_at_least_half_full(
    corpus: tuple[Document, Rendered],
) -> None:
    _, rendered = corpus
    presentation = Presentation(str(rendered.deck))
    runs: dict[str, list[tuple[int, int, int, float]]] = {}
    for number, slide in enumerate(presentation.slides, 1):
        found = _COUNTER.fullmatch(_title(slide).strip())
        if found is None:
            continue
        assert found["gap"], f"slide {number}: the counter is glued to the title: {_title(slide)!r}"
        [table] = [shape for shape in slide.shapes if shape.has_table]
        footer = [shape.top for shape in slide.shapes if shape.name == "Footer title"]
        room = min(footer, default=presentation.slide_height) - table.top
        height = sum(row.height for row in table.table.rows)
        assert height >= room / 2, f"slide {number}: the table fills {Emu(height).pt:.0f} of {Emu(room).pt:.0f} pt"
        runs.setdefault(squeeze(found["stem"]), []).append(
            (int(found["n"]), int(found["m"]), len(table.table.rows) - 1, height)
        )
    for stem, run in runs.items():
        total = run[0][1]
        assert [(n, m) for n, m, _, _ in run] == [(n, total) for n in range(1, total + 1)], stem
        counts = [rows for _, _, rows, _ in run]
        assert min(counts) >= max(counts) / 2, f"{stem}: rows per slide {counts} are not shared evenly"


def test_a_document_without_summary_has_an_agenda_of_its_sections(corpus: tuple[Document, Rendered]) -> None:
    document, rendered = corpus
    if document.summary != Summary() or len(document.sections) < 3:
        return
    wanted = [squeeze(section.title)[:_AGENDA_PREFIX] for section in document.sections]

    def lists_them(slide) -> bool:  # type: ignore[no-untyped-def]
        text = squeeze("".join(s.text_frame.text for s in slide.shapes if s.has_text_frame and s != slide.shapes.title))
        at = 0
        for prefix in wanted:
            at = text.find(prefix, at)
            if at < 0:
                return False
        return True

    slides = list(Presentation(str(rendered.deck)).slides)[1:]
    assert any(lists_them(slide) for slide in slides), f"no slide lists the sections {wanted}"


def test_an_english_deck_has_no_japanese_it_did_not_bring(corpus: tuple[Document, Rendered]) -> None:
    document, rendered = corpus
    if not _english(document):
        return
    brought = set(rendered.source.read_text(encoding="utf-8"))
    assert sorted(set(JAPANESE.findall(deck_text(rendered.deck, notes=True))) - brought) == []


def test_every_text_fits_its_box_and_cell(corpus: tuple[Document, Rendered]) -> None:
    _, rendered = corpus
    assert fit_problems(rendered.deck) == []


def test_check_foretells_exactly_what_the_deck_refuses(corpus: tuple[Document, Rendered]) -> None:
    _, rendered = corpus
    run = subprocess.run(
        [EXPORTER, "check", "--strict", "--format", "json", rendered.source],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    foretold = {(p["line"], p["column"]) for p in json.loads(run.stdout) if DECK_REFUSED in p["message"]}
    refused = rendered.deck_run
    if refused.returncode == 0:
        assert foretold == set(), "check foretold a refusal the deck did not make"
        return
    where = re.match(rf"{re.escape(str(rendered.source))}:(\d+):(\d+): error: ", refused.stderr)
    assert where, f"the deck's refusal names no file:line:col: {refused.stderr}"
    assert (int(where[1]), int(where[2])) in foretold, f"check did not foretell: {refused.stderr}"
