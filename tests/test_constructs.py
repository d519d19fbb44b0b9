"""Markdown as people write it reaches both files whole: footnotes, task lists, definition lists,
HTML images, inline and block HTML, formulas, diagram code blocks, captions.

In: the corpus documents ``readme-constructs.md`` (English) and ``readme-constructs-ja.md``, rendered
once per session (``conftest.renders``), and small YAML sources.
Out: assertions on the PDF's text layer and images and on the deck's text and notes.
"""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from conftest import ROOT
from exporter.model import Definitions, Math
from exporter.readers import read_source
from readback import deck_text, pdf_text

ENGLISH = ROOT / "tests" / "documents" / "readme-constructs.md"
JAPANESE = ROOT / "tests" / "documents" / "readme-constructs-ja.md"
RAW = re.compile(r"\[\^|\\frac|\\text|\\sqrt|\$\$|\$[a-zO\\]|<(img|sub|sup|kbd|br|details|summary|table|td)\b")
"""What must never print: a footnote's label, TeX source, an HTML tag."""


def _document(path: Path):  # type: ignore[no-untyped-def]
    found = read_source(path)
    return found[0] if isinstance(found, tuple) else found


def test_nothing_raw_reaches_either_file(renders) -> None:  # type: ignore[no-untyped-def]
    for path in (ENGLISH, JAPANESE):
        rendered = renders(path)
        brief, deck = pdf_text(rendered.pdf), deck_text(rendered.deck, notes=True)
        assert RAW.search(brief) is None, RAW.search(brief)
        assert RAW.search(deck) is None, RAW.search(deck)
        assert "table-1" not in brief and "table-2" not in brief  # captions are words, never ids


def test_footnotes_are_footnotes_in_the_brief_and_in_the_deck_notes(renders) -> None:  # type: ignore[no-untyped-def]
    rendered = renders(ENGLISH)
    pages = [page.extract_text() for page in PdfReader(rendered.pdf).pages]
    brief = "\n".join(pages)
    (called,) = [n for n, page in enumerate(pages) if "over its keys1" in page]
    assert "1. Heads run in parallel" in pages[called]  # at the foot of the page that calls it
    assert "1. Heads run in parallel on the same input." in brief  # with its mark, once
    assert brief.count("Heads run in parallel") == 1
    assert "Owned by the inference team." in brief  # the heading's, under it
    assert "Rollout status" in brief and "Rollout status1" not in brief
    notes = deck_text(rendered.deck, notes=True)
    assert "1 Heads run in parallel on the same input." in notes
    slides = deck_text(rendered.deck)
    assert "over its keys," in slides and "keys1" not in slides  # a point shows no call: the notes hold it


def test_task_and_definition_lists_and_html_read_into_both_files(renders) -> None:  # type: ignore[no-untyped-def]
    rendered = renders(ENGLISH)
    brief, deck = pdf_text(rendered.pdf), deck_text(rendered.deck, notes=True)
    for text in (brief, deck):
        assert "▣ Ship the fused kernel" in text.replace("\n", " ")
        assert "□ Measure the cache" in text.replace("\n", " ")
        assert "KV cache" in text and "The keys and values kept between decoding steps." in text.replace("\n", " ")
        assert "Why grouped queries" in text and "Sharing keys across heads" in text
        assert "Fused" in text and "1,950" in text  # the HTML table's cells
        assert "Diagram (Mermaid)" in text and "Q --> Attention" in text
    assert "KV cache: The keys and values kept" in deck_text(rendered.deck).replace("\n", " ")  # a point
    assert "Measured throughput" in brief  # the HTML table's caption
    assert "Ctrl+C" in brief.replace(" ", "")
    assert "Prices stay at $5 and $6 a run." in brief.replace("\n", " ")  # dollars that are not a formula
    document = _document(ENGLISH)
    assert any(isinstance(b, Definitions) for b in document.blocks())
    assert any(isinstance(b, Math) for b in document.blocks())


def test_html_images_are_drawn_with_their_width_and_captioned_only_by_words(renders) -> None:  # type: ignore[no-untyped-def]
    document = _document(ENGLISH)
    images = list(document.images())
    assert [(i.width, i.align) for i in images] == [("320px", "center"), (None, "center")]
    assert [i.label for i in images] == ["Latency of each attention variant by sequence length", None]
    rendered = renders(ENGLISH)
    assert sum(len(page.images) for page in PdfReader(rendered.pdf).pages) >= 2  # (a PNG with alpha counts twice)
    brief = pdf_text(rendered.pdf)
    assert "Figure 1 Latency of each attention variant" in brief.replace("\n", " ")
    assert "cost-split" not in brief  # a file name is never a caption
    assert "Table 1" in brief and "Table 2 Measured throughput" in brief.replace("\n", " ")


def test_formulas_are_typeset_in_the_brief_and_readable_in_the_deck(renders) -> None:  # type: ignore[no-untyped-def]
    rendered = renders(ENGLISH)
    brief = pdf_text(rendered.pdf)
    assert "Softmax" in brief and "√" in brief and "∑" in brief
    notes = deck_text(rendered.deck, notes=True)
    assert "z=Softmax((QK^T)/√h)V" in notes
    assert "∑_(i=1)^n w_i=1" in notes
    assert "O(n²)" in notes  # a table cell's formula


def test_the_japanese_document_gets_its_own_words(renders) -> None:  # type: ignore[no-untyped-def]
    rendered = renders(JAPANESE)
    brief = pdf_text(rendered.pdf)
    assert "ダイアグラム(PlantUML)" in brief
    assert "1. 2026年第4四半期の計画です。" in brief
    assert sum(len(page.images) for page in PdfReader(rendered.pdf).pages) >= 1


YAML = """meta:
  title: Inline markup in YAML
  date: 2026-11-30
  lang: en
body:
  - "Water is H<sub>2</sub>O, the area is $\\\\pi r^2$, a <b>bold</b> word and <marquee>moving</marquee> text."
  - "The logo <img src=logo.png alt=\\"the company logo\\"> stays as its words."
"""


def test_html_and_formulas_in_a_yaml_string(tmp_path: Path) -> None:
    source = tmp_path / "doc.yaml"
    source.write_text(YAML, encoding="utf-8")
    document = _document(source)
    first, second = (b.text for b in document.intro)
    assert str(first) == "Water is H2O, the area is πr², a bold word and moving text."
    assert [s.script for s in first.spans if s.text == "2"] == ["sub"]
    assert any(s.bold and s.text == "bold" for s in first.spans)
    assert str(second) == "The logo the company logo stays as its words."  # an inline <img> keeps its alt text
    messages = [n.message for n in document.notices]
    assert any("<marquee>" in m for m in messages) and any("alt text" in m for m in messages)


def test_a_table_is_never_captioned_with_its_id(tmp_path: Path) -> None:
    from exporter.pdf.html import render_html
    from exporter.theme import load_theme

    source = tmp_path / "doc.yaml"
    source.write_text(
        "meta:\n  title: Tables\n  date: 2026-11-30\n  lang: en\nbody:\n"
        "  - table: quarterly-results\n    header: [Quarter, Revenue]\n    rows:\n      - [Q1, '10']\n",
        encoding="utf-8",
    )
    html = render_html(_document(source), load_theme())
    caption = re.search(r"<caption>(.*?)</caption>", html, re.S)
    assert caption is not None
    assert "Table 1" in caption.group(1) and "quarterly-results" not in caption.group(1)


HTML_BLOCKS = """---
meta:
  title: HTML blocks
  date: 2026-11-30
  lang: en
---

<details>
<summary>More</summary>

<div align="center"><b>Nested</b> <i>markup</i> x<sup>2</sup></div>

</details>

<table><tr><th>one</th><th>two</th><th>three</th></tr><tr><td>only</td></tr></table>

<script>alert(1)</script>

<img src="missing.png" alt="A missing chart">

<img src="../outside.png" alt="Out of the folder">
"""


def test_html_blocks_are_read_into_the_model_never_run(tmp_path: Path) -> None:
    from exporter.readers.markdown import read

    source = tmp_path / "doc.md"
    source.write_text(HTML_BLOCKS, encoding="utf-8")
    document, problems = read(source)
    assert document is not None
    summary, nested, table, missing, outside = document.intro
    assert str(summary.text) == "More" and summary.text.spans[0].bold
    assert str(nested.text) == "Nested markup x2" and [s.script for s in nested.text.spans][-1] == "sup"
    assert table.header == ("one", "two", "three") and table.rows == (("only", "", ""),)  # a short row padded
    # a missing file, a path out of the project: framed placeholders holding the alt text, with a warning
    assert (missing.alt, missing.path, missing.url) == ("A missing chart", None, "missing.png")
    assert (outside.alt, outside.path, outside.url) == ("Out of the folder", None, "../outside.png")
    assert "alert" not in "".join(str(b) for b in document.intro)
    messages = [n.message for n in document.notices]
    assert any("<script> is left out with its content" in m for m in messages)
    assert any("'missing.png' cannot be shown (no such file)" in m for m in messages)
    assert any("'../outside.png' cannot be shown (outside the project" in m for m in messages)
    assert problems == []


def test_blocks_of_tags_or_calls_alone_leave_no_empty_paragraph_and_plan_a_deck(tmp_path: Path) -> None:
    from exporter.readers.markdown import read
    from exporter.slides.plan import plan_deck
    from exporter.theme import load_theme

    source = tmp_path / "doc.md"
    source.write_text("<br>\n\n<b></b><i></i>\n\n[^1]\n\n- <table><tr><td>x</td></tr></table>\n\n[^1]: note\n")
    document, problems = read(source)
    assert document is not None and problems == []
    assert [str(getattr(b, "text", b)) for b in document.intro][:1] == ["1"]  # the call alone
    assert all(str(getattr(b, "text", "x")).strip() for b in document.intro)
    assert str(document.intro[-1].items[0]) == "x"  # an HTML table in a list item: its cells as text
    plan = plan_deck(document, load_theme())
    assert plan.deck.slides


def test_a_footnote_in_the_title_is_never_printed_raw(tmp_path: Path) -> None:
    source = tmp_path / "doc.md"
    source.write_text("# Quarterly review[^src]\n\nBody text.\n\n[^src]: From the board pack.\n", encoding="utf-8")
    document = _document(source)
    assert document.meta.title == "Quarterly review"
    assert [str(b.text) for b in document.intro] == ["From the board pack.", "Body text."]
    assert any("footnote in a heading" in n.message for n in document.notices)


def test_check_warns_of_a_formula_character_no_bundled_face_has(tmp_path: Path) -> None:
    import subprocess
    import sys

    source = tmp_path / "doc.md"
    source.write_text(
        "---\nmeta:\n  title: T\n  date: 2026-01-01\n  lang: en\n---\n\n"
        "Let $x \\in \\mathbb{R}$ and $\\text{𝄞} + x$.\n",
        encoding="utf-8",
    )
    exporter = Path(sys.executable).parent / "exporter"
    result = subprocess.run([exporter, "check", source], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"{source}:8:1: warning: formula: character U+1D11E '𝄞'" in result.stdout
    assert "U+211D" not in result.stdout  # ℝ is drawn by a bundled fallback face


def test_formulas_read_as_text_without_tex() -> None:
    from exporter.text.formula import html, readable

    assert readable(r"\hat{x} + \bar{y} = \frac{a}{b+c}") == "hat(x)+y\u0304=a/(b+c)"
    assert readable(r"O(n^2) \le \sqrt{n}") == "O(n²)≤√n"
    assert readable(r"\unknowncommand{x}") == "unknowncommandx"  # latex2mathml keeps it: no backslash
    typeset = html(r"\sum_{i=1}^{n} \hat{x}_i", display=True)
    assert 'class="bigop"' in typeset and 'class="stack"' in typeset and "\\" not in typeset
