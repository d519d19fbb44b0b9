"""Every word the tool adds follows the document's language, and a theme can override any of them.

In: the English documents of ``tests/documents`` and the Japanese article, rendered to both files.
Out: assertions that an English document's brief and deck hold no Japanese it did not bring,
that the Japanese article keeps its Japanese words, that no organisation or confidentiality label
is printed unless the theme names one, and that a theme's word wins over the locale.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from exporter.project import DEFAULT_THEME
from exporter.theme import load_theme
from readback import deck_text, pdf_text

ROOT = Path(__file__).resolve().parents[1]
EXPORTER = Path(sys.executable).parent / "exporter"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


def render(source: Path, folder: Path, *theme: str) -> tuple[str, str]:
    pdf, deck = folder / f"{source.stem}.pdf", folder / f"{source.stem}.pptx"
    subprocess.run([EXPORTER, "pdf", source, "-o", pdf, *theme], check=True, capture_output=True)
    subprocess.run([EXPORTER, "slides", source, "-o", deck, *theme], check=True, capture_output=True)
    return pdf_text(pdf), deck_text(deck, notes=True)


@pytest.mark.parametrize("name", ["english-report.yaml", "release-notes.md", "wide-tables.yaml"])
def test_an_english_document_shows_no_japanese(name: str, tmp_path: Path) -> None:
    brief, deck = render(ROOT / "tests" / "documents" / name, tmp_path)
    assert JAPANESE.findall(brief) == []
    assert JAPANESE.findall(deck) == []
    assert "Confidential" not in brief and "Corporate Planning" not in brief  # the theme's alone: none by default


def test_the_japanese_article_keeps_its_words_and_a_theme_overrides_them(tmp_path: Path) -> None:
    article = ROOT / "source" / "article.yaml"
    brief, _ = render(article, tmp_path)
    assert "エグゼクティブサマリー" in brief and "表1" in brief and "2025年12月8日" in brief
    assert "社外秘" not in brief and "経営企画部" not in brief
    theme = tmp_path / "theme.yaml"
    theme.write_text(
        DEFAULT_THEME.read_text(encoding="utf-8") + 'confidentiality: "極秘"\nwords:\n  table: "第{n}表"\n',
        encoding="utf-8",
    )
    assert load_theme(theme).localised("en").confidentiality == "極秘"
    brief, deck = render(article, tmp_path, "--theme", str(theme))
    assert "極秘" in brief and "社外秘" not in brief and "第1表" in brief
    assert "極秘" in deck


@pytest.mark.parametrize("name", ["english-report.yaml", "release-notes.md"])
def test_a_quote_is_in_the_documents_language_unless_it_says_otherwise(name: str) -> None:
    from exporter.pdf.html import render_html
    from exporter.readers import read_source

    document = read_source(ROOT / "tests" / "documents" / name)
    assert {b.lang for b in document.blocks() if b.kind == "quote"} == {"en"}
    assert 'lang="ja"' not in render_html(document, load_theme())
