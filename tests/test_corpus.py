"""Every corpus document, rendered to both files, held to what must hold for any document.

In: ``source/article.yaml`` and every document of ``tests/documents/`` (``conftest.CORPUS``),
each written once per session to a brief and a deck through the console script
(``conftest.renders``), and ``exporter check --strict`` on each.
Out: assertions on the files read back. The brief: every word and number of every text found
unbroken in its text layer (PDFium), only the embedded Noto faces, a page count in proportion to
the text, and no word of another language's locale (nor, in English, CJK the source did not
bring). The deck: written (never refused when
the document has content), re-opened by python-pptx and clean under PowerPoint's validation
(openxml-audit), every key table's cells on its slides, no two slides titled alike, continuation
slides numbered "(n/m)" after a space and at least half full, an agenda of the sections when there
is no summary and three sections or more, no word of another language's locale, and every
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
from pptx.oxml.ns import qn
from pptx.util import Emu

from conftest import CORPUS, EXPORTER, Rendered
from exporter.lint import DECK_REFUSED
from exporter.model import (
    BulletList,
    CodeBlock,
    Document,
    Paragraph,
    Quote,
    Section,
    Summary,
    Table,
    around_formulas,
)
from exporter.readers import read_source
from exporter.slides.grid import CONTENT_H
from exporter.slides.layouts.sections import MOST_POINTS
from exporter.slides.ooxml import readable_text
from exporter.slides.outline import tree
from exporter.slides.plan import plan_deck
from exporter.text.compare import LINE_END_HYPHEN, squeeze
from exporter.text.fonts import region
from exporter.text.language import LANGUAGES, canonical
from exporter.theme import load_theme
from readback import deck_text, pdf_text, powerpoint_findings
from test_slides import _fit_problems as fit_problems
from test_slides import _lines as para_lines

CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uac00-\ud7a3\uff00-\uffef]")
"""CJK scripts and punctuation: kana, Han, Hangul, full-width forms, 、。「」."""
_TOKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%$()/+\-]*[0-9A-Za-z%)]|[0-9A-Za-z]")
"""A Latin word or a number as it must stay on one line (Japanese may break between any two characters)."""
_COUNTER = re.compile(r"(?P<stem>.*?)(?P<gap>\s*)\((?P<n>\d+)/(?P<m>\d+)\)$", re.S)
_AGENDA_PREFIX = 15
"""Characters of each section title an agenda must show (a long title may be shortened after them)."""


@pytest.fixture(params=CORPUS, ids=lambda path: path.name)
def corpus(request: pytest.FixtureRequest, renders: Callable[[Path], Rendered]) -> tuple[Document, Rendered]:
    return read_source(request.param), renders(request.param)


def _folded(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _english(document: Document) -> bool:
    return canonical(document.meta.lang) == "en"


def _locale_words(lang: str) -> set[str]:
    """The literal words of ``lang``'s locale (placeholders such as ``{n}`` cut out), two characters or more."""
    words = load_theme().localised(lang)
    values = [*(getattr(words.words, f) for f in vars(words.words)), *vars(words.slide_labels).values()]
    return {piece.strip(" :,()") for value in values if value for piece in re.split(r"\{[^}]*\}|,", value)} - {""}


def _foreign_words(document: Document, rendered: Rendered) -> set[str]:
    """Words of every other locale than the document's that it did not bring itself."""
    own = _locale_words(document.meta.lang)
    source = rendered.source.read_text(encoding="utf-8")
    others = set().union(*(_locale_words(lang) for lang in LANGUAGES)) - own
    return {word for word in others if len(word) >= 2 and word not in source}


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
        yield from _block_texts(block)


def _block_texts(block: object) -> Iterator[tuple[str, str]]:
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
    """The CJK face named for the document's region, and the bundled symbol and emoji faces."""
    document, rendered = corpus
    header, _, *rows = subprocess.run(
        ["pdffonts", rendered.pdf], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    emb = header.index(" emb ") + 1
    fonts = [(row.split()[0], row[emb : emb + 3]) for row in rows if row.strip()]
    assert fonts and all(embedded == "yes" for _, embedded in fonts), fonts
    cjk = f"+Noto-Sans-CJK-{region(document.meta.lang)}"
    fallback = re.compile(r"\+Noto-(Emoji|Sans-Symbols|Sans\b(?!-CJK))")
    assert all(cjk in name or fallback.search(name) for name, _ in fonts), fonts


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


def test_the_brief_shows_no_other_locales_words(corpus: tuple[Document, Rendered]) -> None:
    """No word of another language's locale, and in English no CJK character the source did not bring."""
    document, rendered = corpus
    text = pdf_text(rendered.pdf)
    assert sorted(w for w in _foreign_words(document, rendered) if w in text) == []
    if _english(document):
        brought = set(rendered.source.read_text(encoding="utf-8"))
        assert sorted(set(CJK.findall(text)) - brought) == []


# -- the deck -------------------------------------------------------------------------------


def _title(slide) -> str:  # type: ignore[no-untyped-def]
    return slide.shapes.title.text_frame.text.replace("\v", "\n")


def test_the_deck_reopens_and_passes_powerpoints_validation(corpus: tuple[Document, Rendered]) -> None:
    _, rendered = corpus
    assert len(Presentation(str(rendered.deck)).slides) >= 1
    assert powerpoint_findings(rendered.deck) == []


def _table_cells(path: Path) -> set[str]:
    """Every cell of every table on the deck's slides, squeezed (a formula's readable text included)."""
    return {
        squeeze(readable_text(cell._tc.get_or_add_txBody()))
        for slide in Presentation(str(path)).slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    }


def _missing(tables: list[Table], deck: Path) -> list[str]:
    """The cells of ``tables`` (``id: cell``) that no table on the deck's slides holds."""
    shown = _table_cells(deck)
    return [
        f"{table.id}: {cell}"
        for table in tables
        for row in (table.header, *table.rows)
        for cell in row
        if cell.strip() and squeeze(cell) not in shown
    ]


def test_every_key_table_cell_is_on_a_slide(corpus: tuple[Document, Rendered]) -> None:
    document, rendered = corpus
    assert _missing([t for t in document.tables() if t.key or t is document.summary.takeaways], rendered.deck) == []


def test_every_table_of_a_document_with_six_or_fewer_is_on_a_slide(corpus: tuple[Document, Rendered]) -> None:
    """Where the author marked no table key, the deck chose: a document of six tables or fewer shows them all."""
    document, rendered = corpus
    tables = [t for t in document.tables() if t is not document.summary.takeaways]
    if any(t.key for t in tables) or len(tables) > 6:
        return
    unfit = {p.pos for p in plan_deck(document, load_theme()).problems}  # warned of: in the notes
    assert _missing([t for t in tables if t.pos not in unfit], rendered.deck) == []


def _body(slide):  # type: ignore[no-untyped-def]
    """The text frames of a slide but its title and footer."""
    for shape in slide.shapes:
        if (
            shape.has_text_frame
            and shape != slide.shapes.title
            and not shape.name.startswith(("Footer", "Slide number"))
        ):
            yield shape


def _text_height(shape) -> float:  # type: ignore[no-untyped-def]
    """Points the text of a frame takes: each paragraph's space before and its lines at their pitch;
    a filled frame (a figure's card, a panel) all of its height."""
    if shape._element.spPr.find(qn("a:solidFill")) is not None:
        return Emu(shape.height).pt
    used = 0.0
    for p in shape.text_frame._txBody.findall(qn("a:p")):
        ppr = p.find(qn("a:pPr"))
        pitch, before = (ppr.find(qn(tag)) if ppr is not None else None for tag in ("a:lnSpc", "a:spcBef"))
        size = max((s for _, s, _ in para_lines(p)), default=0.0)
        line = int(pitch.find(qn("a:spcPts")).get("val")) / 100 if pitch is not None else 1.2 * size
        space = int(before.find(qn("a:spcPts")).get("val")) / 100 if before is not None else 0.0
        used += space + len(para_lines(p)) * line
    return used


def test_no_slide_is_under_a_quarter_full_without_a_table_or_a_picture(corpus: tuple[Document, Rendered]) -> None:
    """The cover, the dividers and the closing slide aside, a slide's text fills at least a quarter
    of the content area unless it shows a table or a picture (or the frame standing for one)."""
    _, rendered = corpus
    slides = list(Presentation(str(rendered.deck)).slides)
    room = Emu(CONTENT_H).pt
    sparse = []
    for number, slide in enumerate(slides[1:-1], 2):
        names = {shape.name for shape in slide.shapes}
        if {"Divider accent", "Image alt text"} & names or any(
            s.has_table or s.has_chart or s.shape_type == 13 for s in slide.shapes
        ):
            continue
        filled = sum(_text_height(shape) for shape in _body(slide))
        if filled < room / 4:
            sparse.append(f"slide {number} '{_title(slide)}': {filled:.0f} of {room:.0f} pt")
    assert sparse == []


def _points(slide) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The points of a slide by text frame: its paragraphs set with a hanging indent (bulleted or
    numbered items), the agenda's aside."""
    return {
        shape.name: [
            "".join(t.text or "" for t in p.iter(qn("a:t")))
            for p in shape.text_frame._txBody.findall(qn("a:p"))
            if p.find(qn("a:pPr")) is not None and int(p.find(qn("a:pPr")).get("marL", "0")) > 0
        ]
        for shape in _body(slide)
        if not shape.name.startswith("Agenda")
    }


def test_no_slide_shows_more_than_six_points_or_a_point_that_is_only_a_number(
    corpus: tuple[Document, Rendered],
) -> None:
    """The agenda aside (a list of the sections); a before/after comparison counts its longer side:
    its points are read across, in pairs."""
    _, rendered = corpus
    crowded, bare = [], []
    for number, slide in enumerate(Presentation(str(rendered.deck)).slides, 1):
        points = _points(slide)
        count = sum(len(p) for name, p in points.items() if name not in ("Before list", "After list"))
        count += max(len(points.get("Before list", [])), len(points.get("After list", [])))  # read as pairs
        if count > MOST_POINTS:
            crowded.append(f"slide {number} '{_title(slide)}': {count} points")
        bare += [
            f"slide {number}: '{p}'" for found in points.values() for p in found if not any(c.isalpha() for c in p)
        ]
    assert (crowded, bare) == ([], [])


def test_no_slide_is_titled_by_a_generated_table_number(corpus: tuple[Document, Rendered]) -> None:
    """A table's slide is titled by the author's words (its caption, the sentence leading into it,
    its section's heading, with its header cells to tell it from another), never "Table 3"."""
    document, rendered = corpus
    word = load_theme().localised(document.meta.lang).words.table
    number = re.compile(re.escape(word).replace(re.escape("{n}"), r"\s*\d+"))
    source = rendered.source.read_text(encoding="utf-8")
    titles = [_title(slide) for slide in Presentation(str(rendered.deck)).slides]
    assert [t for t in titles if number.search(t) and not number.search(source)] == []


def _shown_parts(deck: Path, table: Table) -> list[int]:
    """The numbers of the slides that show rows of ``table`` (its header, and rows all of it)."""
    header = [squeeze(c) for c in table.header]
    rows = {tuple(squeeze(c) for c in row) for row in table.rows}
    found = []
    for number, slide in enumerate(Presentation(str(deck)).slides, 1):
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            cells = [[squeeze(c.text) for c in row.cells] for row in shape.table.rows]
            if cells[0] == header and all(tuple(row) in rows for row in cells[1:]):
                found.append(number)
    return found


SHORT_ROWS, SHORT_COLUMNS, SHORT_CELL = 20, 6, 30
"""A table of at most this many rows, columns and characters a cell fits one slide at the smallest table size."""


def test_a_table_of_twenty_short_rows_is_on_one_slide(corpus: tuple[Document, Rendered]) -> None:
    """A table that fits one slide at the theme's smallest table size is not split: a ranking of
    twenty one-line rows is one slide, not two halves."""
    document, rendered = corpus
    split = []
    for table in document.tables():
        cells = [c for row in (table.header, *table.rows) for c in row]
        if len(table.rows) <= SHORT_ROWS and len(table.header) <= SHORT_COLUMNS and max(map(len, cells)) <= SHORT_CELL:
            parts = _shown_parts(rendered.deck, table)
            if len(parts) > 1:
                split.append(f"{table.id}: slides {parts}")
    assert split == []


def test_a_small_table_shares_its_slide_with_its_sections_points(corpus: tuple[Document, Rendered]) -> None:
    """A table of three rows and four columns at most is not alone on a slide while its section's
    points are on another that shows no table: it stands under them."""
    document, rendered = corpus
    slides = list(Presentation(str(rendered.deck)).slides)
    points = {
        number: [text for texts in _points(slide).values() for text in texts] for number, slide in enumerate(slides, 1)
    }
    alone = []
    for section in document.walk_sections():
        own = squeeze("".join(text for block in section.blocks for _, text in _block_texts(block)))
        for table in (b for b in section.blocks if isinstance(b, Table)):
            if len(table.rows) > 3 or len(table.header) > 4:
                continue
            for number in _shown_parts(rendered.deck, table):
                elsewhere = [
                    n for n, texts in points.items()
                    if n != number
                    and not any(shape.has_table for shape in slides[n - 1].shapes)
                    and any(len(squeeze(t)) >= 8 and squeeze(t) in own for t in texts)
                ]  # fmt: skip
                if not points[number] and elsewhere:
                    alone.append(f"{table.id} on slide {number}, its section's points on {elsewhere}")
    assert alone == []


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
        tables = [shape for shape in slide.shapes if shape.has_table]
        if not tables:  # a quote continued: its panels are measured by test_every_text_fits_its_box_and_cell
            continue
        [table] = tables
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


def _shown(slide) -> tuple[str, list[str], list[str]]:  # type: ignore[no-untyped-def]
    """What tells a slide's sections, squeezed: its title without a counter; its labels (the lines
    of its body set without a hanging indent: lead-ins, headings); what it shows of the source but
    points (a table's header cells joined by "|", an image's alt text, a diagram's source)."""
    title = squeeze(_COUNTER.sub(r"\g<stem>", _title(slide)))
    labels = [
        squeeze(p.text)
        for shape in _body(slide)
        for p in shape.text_frame.paragraphs
        if p._p.pPr is None or int(p._p.pPr.get("marL", "0")) == 0
    ]
    shown = ["|".join(squeeze(c.text) for c in s.table.rows[0].cells) for s in slide.shapes if s.has_table]
    shown += [
        squeeze(shape._element.find(".//" + qn("p:cNvPr")).get("descr", ""))
        for shape in slide.shapes
        if shape.shape_type == 13
    ]
    shown += [squeeze(s.text_frame.text) for s in slide.shapes if s.name in ("Diagram source", "Image alt text")]
    return title, labels, [text for text in shown if len(text) >= (4 if CJK.search(text) else 8)]


def _has_slide(section: Section, slides: list[tuple[str, list[str], list[str]]]) -> bool:
    """Whether one of ``slides`` (``_shown``) is ``section``'s: titled with one of its headings (or
    that heading first, "Section — Revenue") or its words, a heading of it labelling points, or a
    table, image or diagram of it shown."""
    sections = list(tree(section))
    headings = {squeeze(s.title) for s in sections} - {""}
    blocks = [b for s in sections for b in s.blocks]
    words = [text for block in blocks for _, text in _block_texts(block)]
    words += [
        t
        for b in blocks
        for t in (getattr(b, "caption", None), getattr(b, "headline", None), getattr(b, "label", None))
        if t
    ]
    shown = ["|".join(squeeze(c) for c in b.header) for b in blocks if isinstance(b, Table)]
    shown += [t for b in blocks for t in (getattr(b, "alt", None), getattr(b, "url", None)) if t]
    shown += [b.text for b in blocks if isinstance(b, CodeBlock)]
    told, seen = squeeze("".join(words)), "\n".join(squeeze(t) if "|" not in t else t for t in shown)
    return any(
        any(title.startswith(h) for h in headings)
        or (len(title) >= 20 and title in told)
        or any(label in headings for label in labels)
        or any(text in seen for text in content)
        for title, labels, content in slides
    )


def test_a_document_without_summary_has_an_agenda_of_the_sections_that_have_slides(
    corpus: tuple[Document, Rendered],
) -> None:
    """The agenda lists, in order, every top-level section that has a slide after it (``_has_slide``)
    and no other: not one whose points all went to the speaker notes or stand on another section's
    slide under a lead-in of their own, nor headings alone, nor the document's own table of
    contents; a heading that is not words is listed by its section's."""
    document, rendered = corpus
    if document.summary != Summary():
        return
    slides = list(Presentation(str(rendered.deck)).slides)[1:]
    agenda = [i for i, slide in enumerate(slides) if any(s.name.startswith("Agenda") for s in slide.shapes)]
    later = [
        _shown(slide)
        for slide in slides[agenda[-1] + 1 if agenda else 0 :]
        if "Divider accent" not in {s.name for s in slide.shapes}
    ]
    headings = {_folded(s.title) for s in document.walk_sections()}

    def contents(block: object) -> bool:  # the document's own table of contents: a list of its headings
        return isinstance(block, BulletList) and all(_folded(item) in headings for item in _items(block))

    listed = [
        s
        for s in document.sections
        if not all(contents(b) for sub in tree(s) for b in sub.blocks) and _has_slide(s, later)
    ]
    if len(listed) < 3:
        assert agenda == [] or len(listed) == 0, "an agenda of fewer than three sections with slides"
        return
    assert agenda, f"no slide lists the sections {[s.title for s in listed]}"
    entries = [
        re.sub(r"^\d+\.", "", squeeze(p.text))  # its number
        for i in agenda
        for shape in slides[i].shapes
        if shape.name.startswith("Agenda")
        for p in shape.text_frame.paragraphs
        if p.text.strip()
    ]
    assert len(entries) == len(listed), f"the agenda {entries} lists other sections than {[s.title for s in listed]}"
    for entry, section in zip(entries, listed, strict=True):
        if any(c.isalpha() for c in section.title):
            assert entry.startswith(squeeze(section.title)[:_AGENDA_PREFIX]), (entry, section.title)


def test_the_deck_shows_no_other_locales_words(corpus: tuple[Document, Rendered]) -> None:
    document, rendered = corpus
    text = deck_text(rendered.deck, notes=True)
    assert sorted(w for w in _foreign_words(document, rendered) if w in text) == []
    if _english(document):
        brought = set(rendered.source.read_text(encoding="utf-8"))
        assert sorted(set(CJK.findall(text)) - brought) == []


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
