"""The PDF brief, rendered for real by WeasyPrint and read back (pypdf, pdfplumber, pdffonts)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from exporter.errors import RenderError
from exporter.model import BulletList, Document, Meta, Paragraph, Quote, Section, Table
from exporter.pdf import weasy, write_pdf
from exporter.pdf.html import render_css, render_html
from exporter.pdf.weasy import ConfinedFetcher, RefusedURL
from exporter.project import DEFAULTS
from exporter.readers import read_source
from exporter.text.phrases import phrases
from exporter.theme import load_theme

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "source" / "article.yaml"
EXPORTER = Path(sys.executable).with_name("exporter")


def squash(text: str) -> str:
    """Text without white space or U+FE0F, for comparing with what a PDF gives back."""
    return re.sub(r"\s+", "", text).replace("\ufe0f", "")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """The article's brief, written by the command as a user runs it, with a temporary folder of its own."""
    folder = tmp_path_factory.mktemp("pdf")
    out, temporary = folder / "article.pdf", folder / "tmp"
    temporary.mkdir()
    result = subprocess.run(
        [EXPORTER, "pdf", ARTICLE, "-o", out],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    assert result.returncode == 0, result.stderr
    return out, result


def test_nothing_is_left_in_the_temporary_folder(rendered: tuple[Path, subprocess.CompletedProcess]) -> None:
    """WeasyPrint writes the faces to a temporary folder, which the command removes (it ends with
    ``os._exit``, so WeasyPrint's own clean-up never runs)."""
    out, _ = rendered
    assert list((out.parent / "tmp").iterdir()) == []


@pytest.fixture(scope="module")
def pdf_path(rendered: tuple[Path, subprocess.CompletedProcess]) -> Path:
    return rendered[0]


@pytest.fixture(scope="module")
def pdf_text(pdf_path: Path) -> str:
    return squash("".join(page.extract_text() for page in PdfReader(pdf_path).pages))


def test_success_line(rendered: tuple[Path, subprocess.CompletedProcess]) -> None:
    out, result = rendered
    pages = len(PdfReader(out).pages)
    assert re.fullmatch(rf"{re.escape(str(out))}: {pages} pages, [\d,]+ KB, \d+\.\d\d s\n", result.stdout)
    assert result.stderr == ""


def test_every_word_of_the_source_is_in_the_pdf(pdf_text: str) -> None:
    document = read_source(ARTICLE)
    expected: list[str] = [document.meta.title, document.meta.subtitle or ""]
    for section in document.walk_sections():
        expected.append(section.title)
    for block in document.blocks():
        if isinstance(block, Paragraph):
            expected.append(block.text)
        elif isinstance(block, Quote):
            expected += [*block.paragraphs, block.label or "", block.attribution or ""]
        elif isinstance(block, BulletList):
            expected += [*block.items, block.label or ""]
        elif isinstance(block, Table):
            expected += [block.caption or "", *block.header, *(cell for row in block.rows for cell in row)]
    missing = [text for text in expected if squash(text) not in pdf_text]
    assert not missing
    assert len(expected) > 150


def test_cover_and_summary_come_first(pdf_path: Path) -> None:
    first = squash(PdfReader(pdf_path).pages[0].extract_text())
    document = read_source(ARTICLE)
    for text in (document.meta.title, "2025年12月8日", "エグゼクティブサマリー", "数百万〜数千万ドル", "約20-25%"):
        assert squash(text) in first
    for row in document.summary.takeaways.rows:
        assert squash(row[0]) in first
    for item in document.summary.outlook.items:
        assert squash(item) in first
    # the body starts on a page of its own
    assert squash(document.intro[1].text) not in first


def test_the_titles_opening_bracket_hangs_into_the_margin(pdf_path: Path) -> None:
    with pdfplumber.open(pdf_path) as pdf:
        chars = pdf.pages[0].chars
    title = next(c for c in chars if c["text"] == "「" and c["size"] > 20)
    subtitle = next(c for c in chars if c["text"] == "禁")
    assert title["x0"] == pytest.approx(subtitle["x0"] - title["size"] / 2, abs=0.5)


def test_fonts_are_the_bundled_faces_embedded_and_subset(pdf_path: Path) -> None:
    listing = subprocess.run(["pdffonts", pdf_path], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    names = [row.split()[0] for row in rows]
    assert sorted(name.split("+")[1] for name in names) == ["Noto-Sans-CJK-JP", "Noto-Sans-CJK-JP-Bold"]
    assert "DejaVu" not in listing
    for row in rows:
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_every_glyph_comes_from_noto_including_the_emoji(pdf_path: Path) -> None:
    with pdfplumber.open(pdf_path) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    assert {c["fontname"].split("+")[1] for c in chars} == {"Noto-Sans-CJK-JP", "Noto-Sans-CJK-JP-Bold"}
    assert any(c["text"] == "♨" for c in chars)


def test_a4_pages_metadata_language_and_tags(pdf_path: Path) -> None:
    reader = PdfReader(pdf_path)
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (595.3, 841.9)
    meta = reader.metadata
    assert meta.title == "「侮られた国」の逆転劇"
    assert meta.author == "調査・分析チーム"
    assert meta.subject == "禁輸措置を突破し、MetaのLlamaを追い抜いた中国オープンソースAI"
    assert "DeepSeek" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20251208")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "ja"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_bookmarks_follow_the_headings(pdf_path: Path) -> None:
    def titles(outline: list) -> list[str]:
        out: list[str] = []
        for item in outline:
            out += titles(item) if isinstance(item, list) else [item.title]
        return out

    bookmarks = titles(PdfReader(pdf_path).outline)
    document = read_source(ARTICLE)
    for section in document.walk_sections():
        assert section.title in bookmarks


def test_running_header_and_footer(pdf_path: Path) -> None:
    reader = PdfReader(pdf_path)
    total = len(reader.pages)
    for number, page in enumerate(reader.pages[1:], 2):
        text = squash(page.extract_text())
        assert "中国AI逆転劇" in text and "社外秘" not in text  # no confidentiality label unless the theme sets one
        assert f"{number}/{total}" in text
        assert "2025年12月8日" in text


def test_english_quotes_are_marked_english() -> None:
    html = render_html(read_source(ARTICLE), load_theme())
    figure = re.search(r'<figure class="quote[^"]*" lang="en">.*?</figure>', html, re.S)
    assert figure and "Initially, China was written off" in figure.group(0)


def test_headings_break_only_between_phrases(tmp_path: Path) -> None:
    title = (
        "禁輸措置の「完全包囲網」とは何だったのか、"
        "そして中国はいかにして禁輸を突破し世界のオープンソースAIの王座を奪取したのか"
    )
    document = _document(Section("s", title, 2, (Paragraph("本文"),)))
    out = tmp_path / "h.pdf"
    write_pdf(document, load_theme(), tmp_path, out)
    with pdfplumber.open(out) as pdf:
        lines = [
            line["text"]
            for page in pdf.pages
            for line in page.extract_text_lines()
            if abs(line["chars"][0]["size"] - load_theme().pdf.h2_size) < 0.5
        ]
    assert len(lines) >= 2 and "".join(lines) == title
    boundaries = set()
    position = 0
    for phrase in phrases(title):
        position += len(phrase)
        boundaries.add(position)
    position = 0
    for line in lines[:-1]:
        position += len(line)
        assert position in boundaries, f"line broken inside a phrase after {line!r}"


def test_markup_in_content_is_printed_not_interpreted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fetched: list[str] = []
    original = ConfinedFetcher.fetch

    def spy(self: ConfinedFetcher, url: str, headers: dict | None = None):  # type: ignore[no-untyped-def]
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(ConfinedFetcher, "fetch", spy)
    script = "<script>alert('x')</script>"
    image = '<img src="file:///etc/passwd">'
    style = "<style>body{display:none}</style>"
    document = _document(Section("s", "見出し<b>太字</b>", 2, (Paragraph(f"{script}{image}"), Paragraph(style))))
    out = tmp_path / "x.pdf"
    write_pdf(document, load_theme(), tmp_path, out)
    text = squash("".join(p.extract_text() for p in PdfReader(out).pages))
    for literal in (script, image, style, "見出し<b>太字</b>"):
        assert squash(literal) in text
    assert not any("passwd" in url for url in fetched)
    assert all(url.startswith("exporter-font:") for url in fetched)


def test_theme_labels_cannot_break_out_of_css(tmp_path: Path) -> None:
    theme_file = tmp_path / "theme.yaml"
    hostile = '社外秘"; } html { display: none } @page { @top-left { content: "x'
    text = (DEFAULTS / "theme.yaml").read_text(encoding="utf-8") + "confidentiality: '" + hostile + "'\n"
    theme_file.write_text(text, encoding="utf-8")
    out = tmp_path / "t.pdf"
    write_pdf(read_source(ARTICLE), load_theme(theme_file), ARTICLE.parent, out)
    second = squash(PdfReader(out).pages[1].extract_text())
    assert squash(hostile) in second
    assert "禁輸措置" in second  # the body is still there
    assert "display:none" not in render_css(read_source(ARTICLE), load_theme(theme_file)).split("content:")[0]


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.css",
        "https://example.com/font.otf",
        "file:///etc/passwd",
        "ftp://example.com/x",
        "data:text/plain,hello",
    ],
)
def test_fetcher_refuses_everything_outside_the_allowed_folders(url: str, tmp_path: Path) -> None:
    fetcher = ConfinedFetcher((DEFAULTS, tmp_path))
    with pytest.raises(RefusedURL, match="refused"):
        fetcher.fetch(url)


def test_fetcher_reads_inside_the_allowed_folders(tmp_path: Path) -> None:
    (tmp_path / "logo.txt").write_text("ok", encoding="utf-8")
    fetcher = ConfinedFetcher((DEFAULTS, tmp_path))
    assert fetcher.fetch((tmp_path / "logo.txt").as_uri()).read() == b"ok"
    with pytest.raises(RefusedURL, match="refused"):
        fetcher.fetch((tmp_path / ".." / "elsewhere.txt").resolve().as_uri())


def test_a_refused_resource_is_a_clean_error(tmp_path: Path) -> None:
    css = 'body { background: url("file:///etc/hostname"); }'
    with pytest.raises(RenderError, match="refused to read /etc/hostname"):
        weasy.write("<p>x</p>", css, (tmp_path,))


def test_a_failed_render_leaves_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "article.pdf"
    out.write_bytes(b"previous")

    def broken(*args: object, **kwargs: object) -> int:
        raise RenderError("boom")

    monkeypatch.setattr(weasy, "write", broken)
    with pytest.raises(RenderError):
        write_pdf(read_source(ARTICLE), load_theme(), ARTICLE.parent, out)
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.pdf"]


def _document(*sections: Section) -> Document:
    meta = Meta("テスト", None, "テスト", __import__("datetime").date(2025, 1, 2), "ja", None, None)
    return Document(meta=meta, intro=(Paragraph("前文"),), sections=sections)


def _pages_of(tmp_path: Path, fillers: int, rows: int) -> list[int]:
    """Page index of each row of a table that follows ``fillers`` paragraphs, rendered for real."""
    body = tuple((f"行{i}甲", f"行{i}乙") for i in range(rows))
    blocks = (
        *(Paragraph(f"段落{k}。" + "本文の例です。" * 12) for k in range(fillers)),
        Table("t", ("項目", "内容"), body),
    )
    out = tmp_path / f"t{fillers}-{rows}.pdf"
    write_pdf(_document(Section("s", "節", 2, blocks)), load_theme(), tmp_path, out)
    with pdfplumber.open(out) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    return [next(i for i, text in enumerate(texts) if f"行{r}甲" in text) for r in range(rows)]


def test_a_table_that_fits_a_page_is_never_split(tmp_path: Path) -> None:
    placements = [_pages_of(tmp_path, fillers, 6) for fillers in range(6, 16)]  # the page break sweeps the table
    assert all(len(set(pages)) == 1 for pages in placements), placements
    assert placements[0][0] < placements[-1][0], "the fillers never pushed the table to the next page"


def test_a_table_longer_than_a_page_still_runs_over_pages(tmp_path: Path) -> None:
    pages = _pages_of(tmp_path, 1, 120)
    assert pages[0] == 0, "a long table starts right under the text before it"
    assert pages == sorted(pages) and pages[-1] > pages[0]


def test_a_hyphen_that_ends_a_line_still_reads_back(tmp_path: Path) -> None:
    """PDFium joins a line ending in a hyphen to the next and gives U+FFFE for the hyphen: the
    check before the rename must still find "read-heavy" (it refused such briefs)."""
    from readback import pdf_text as pdfium_text

    paragraphs = tuple(
        Paragraph("Egress " + "dominates " * k + "for read-heavy workloads and write-once archives.") for k in range(14)
    )
    meta = Meta("Hyphens", None, "Hyphens", __import__("datetime").date(2025, 1, 2), "en", None, None)
    out = tmp_path / "hyphens.pdf"
    write_pdf(Document(meta, paragraphs, ()), load_theme(), tmp_path, out)
    assert "\ufffe" in pdfium_text(out), "no hyphen fell at a line end: the test did not test it"


def test_weasyprint_is_imported_without_the_work_the_brief_never_needs() -> None:
    """``exporter.pdf.loading``: fontTools' subsetter and instancer load on first use, and are then
    the real modules for WeasyPrint and for any later import; cffi still parses every C type."""
    code = """
import sys
from exporter.pdf import weasy
from weasyprint.pdf import fonts
from weasyprint.text.ffi import ffi
assert "fontTools.subset" not in sys.modules and "fontTools.varLib.instancer" not in sys.modules
assert fonts.subset.Options is not None  # first use: the real module is imported
import fontTools.subset
assert sys.modules["fontTools.subset"] is fontTools.subset and fontTools.subset.Options is fonts.subset.Options
assert ffi.sizeof("hb_codepoint_t[7]") == 28 and ffi.typeof("PangoRectangle *").cname == "PangoRectangle *"
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
