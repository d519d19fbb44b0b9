"""Every brief as four PDF engines draw it, what a PDF/UA checker finds in it, where its ink lies,
and that no page ends with a heading or a caption.

In: the article and every document of ``tests/documents/``, written by ``exporter pdf``.
Out: assertions that poppler (``pdftoppm``), MuPDF (``mutool draw``), Ghostscript (``gs``) and
PDFium draw every page without a warning and alike; that ``outloud`` finds no PDF/UA-1 error;
and that nothing but the running heads and footers is inked outside the page's content box.
Text extraction cannot see a broken font (its ToUnicode map stays intact): drawing can.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageFilter

from conftest import CORPUS, Rendered

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = CORPUS

DPI = 72
MM = DPI / 25.4
"""Pixels per millimetre at ``DPI``."""

MARGIN_X_MM, MARGIN_Y_MM = 18, 20
"""The page margins of ``templates/brief.css.j2``: left and right, top and bottom."""

UNLIKE = 0.002
"""The share of a page's pixels two engines may draw differently, once blurred past their
anti-aliasing and hinting, before the page counts as drawn differently. Measured on the briefs
of the article and ``tests/documents``: at most 0.06 % between any two engines; faces that
MuPDF or Ghostscript cannot read (issue 12) differ on at least 0.63 % of every page."""

_BENIGN = re.compile(r"^(page .*|warning: ICC support is not available)$")
"""What ``mutool draw`` prints on every run: the page it draws, and that Debian's build has no ICC."""


@pytest.fixture(params=DOCUMENTS, ids=lambda path: path.stem)
def brief(request: pytest.FixtureRequest, renders: Callable[[Path], Rendered]) -> Path:
    return renders(request.param).pdf


def _run(command: list[str | Path]) -> list[str]:
    """Run an engine; return what it printed on stderr, line by line."""
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{command[0]} failed: {result.stderr[-2000:]}"
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]


def _pages(folder: Path, prefix: str) -> list[Image.Image]:
    files = sorted(folder.glob(f"{prefix}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [Image.open(p).convert("L") for p in files]


def drawings(pdf: Path, folder: Path) -> dict[str, tuple[list[Image.Image], list[str]]]:
    """Every page of ``pdf`` drawn in grey by each engine, with the lines the engine printed."""
    engines = {
        "poppler": ["pdftoppm", "-r", str(DPI), "-gray", "-png", pdf, folder / "poppler"],
        "mupdf": ["mutool", "draw", "-r", str(DPI), "-c", "gray", "-o", folder / "mupdf-%d.png", pdf],
        "ghostscript": [
            "gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pnggray", f"-r{DPI}",
            "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", f"-sOutputFile={folder / 'ghostscript-%d.png'}", pdf,
        ],
    }  # fmt: skip
    drawn = {}
    for name, command in engines.items():
        printed = _run(command)
        drawn[name] = (_pages(folder, name), [line for line in printed if not _BENIGN.match(line)])
    document = pdfium.PdfDocument(str(pdf))
    try:
        drawn["pdfium"] = ([page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for page in document], [])
    finally:
        document.close()
    return drawn


def unlike(a: Image.Image, b: Image.Image) -> float:
    """The share of pixels where two drawings of one page differ beyond anti-aliasing."""
    b = b.resize(a.size) if b.size != a.size else b
    soft = ImageFilter.GaussianBlur(2)
    difference = ImageChops.difference(a.filter(soft), b.filter(soft)).point(lambda v: 255 if v > 48 else 0)
    return sum(difference.histogram()[255:]) / (a.width * a.height)


def test_four_engines_draw_every_page_alike_without_a_warning(brief: Path, tmp_path: Path) -> None:
    drawn = drawings(brief, tmp_path)
    for name, (_, printed) in drawn.items():
        assert not printed, f"{name} warned drawing {brief.name}: {printed[:5]}"
    reference, _ = drawn.pop("poppler")
    assert reference
    for name, (pages, _) in drawn.items():
        assert len(pages) == len(reference), f"{name} drew {len(pages)} pages, poppler {len(reference)}"
        for number, (ours, theirs) in enumerate(zip(reference, pages, strict=True), 1):
            share = unlike(ours, theirs)
            assert share < UNLIKE, f"{brief.name} page {number}: {name} differs from poppler on {share:.2%} of it"


def test_outloud_finds_no_pdf_ua_error(brief: Path) -> None:
    result = subprocess.run(
        [Path(sys.executable).parent / "outloud", "--json", "-", "--fail-on", "never", brief],
        capture_output=True,
        text=True,
        check=True,
    )
    (report,) = json.loads(result.stdout)["results"]
    assert report["error"] is None, report["error"]  # the checker read the file
    assert report["stats"], "outloud checked nothing"
    errors = [f"{f['rule']}: {f['message']}" for f in report["findings"] if f["severity"] == "error"]
    assert errors == []
    assert report["counts"]["error"] == 0


def _ink(image: Image.Image) -> list[tuple[int, int]]:
    """Pixels darker than paper, as (x, y)."""
    width = image.width
    return [(i % width, i // width) for i, value in enumerate(image.tobytes()) if value < 235]


def test_nothing_but_running_heads_is_inked_outside_the_content_box(brief: Path) -> None:
    document = pdfium.PdfDocument(str(brief))
    with pdfplumber.open(brief) as plumbed:
        for number, (page, words_page) in enumerate(zip(document, plumbed.pages, strict=True), 1):
            image = page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
            scale = DPI / 72
            left, right = MARGIN_X_MM * MM - 1, image.width - MARGIN_X_MM * MM + 1
            top, bottom = MARGIN_Y_MM * MM - 1, image.height - MARGIN_Y_MM * MM + 1
            furniture = [
                (w["x0"] * scale, w["top"] * scale, w["x1"] * scale, w["bottom"] * scale)
                for w in words_page.extract_words()
                if w["bottom"] * scale <= top or w["top"] * scale >= bottom
            ]
            stray = [
                (x, y)
                for x, y in _ink(image)
                if x < left
                or x > right
                or (
                    (y < top or y > bottom)
                    and not any(x0 - 2 <= x <= x1 + 2 and y0 - 3 <= y <= y1 + 3 for x0, y0, x1, y1 in furniture)
                )
            ]
            assert not stray, f"{brief.name} page {number}: ink outside the content box at {stray[:3]} ({DPI} dpi)"
            assert all(left <= x0 and x1 <= right for x0, _, x1, _ in furniture), "a running head runs into the margin"
    document.close()


def test_faces_cut_without_an_identity_charset_are_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The defect of issue 12 — faces whose CIDs are not their glyph ids — fails the checks above."""
    import uharfbuzz as hb

    import exporter.pdf
    from exporter.readers import read_source
    from exporter.text.fonts import WEIGHTS, font_file
    from exporter.theme import load_theme

    shipped = exporter.pdf.subset_faces

    def keeping_cids(text: str, fallbacks: tuple = ()) -> dict[str, bytes]:  # type: ignore[type-arg]
        faces = shipped(text, fallbacks)  # the fallback faces as shipped; the CJK faces cut the old way
        for weight in WEIGHTS:
            request = hb.SubsetInput()
            for char in set(text) | {chr(c) for c in range(0x20, 0x7F)}:
                request.unicode_set.add(ord(char))
            faces[weight] = bytes(hb.subset(hb.Face(hb.Blob.from_file_path(str(font_file(weight)))), request).blob.data)
        return faces

    monkeypatch.setattr(exporter.pdf, "subset_faces", keeping_cids)
    article = DOCUMENTS[0]
    out = tmp_path / "broken.pdf"
    exporter.pdf.write_pdf(read_source(article), load_theme(), article.parent, out)
    drawn = drawings(out, tmp_path)
    assert drawn["mupdf"][1], "MuPDF drew the broken faces without a warning"
    shares = [unlike(a, b) for a, b in zip(drawn["poppler"][0], drawn["ghostscript"][0], strict=True)]
    assert max(shares) > UNLIKE


def _lines(page: pdfplumber.page.Page) -> list[tuple[float, str, float, bool]]:
    """The page's text lines between its margins, top to bottom: (bottom, text, size, bold)."""
    top, bottom = MARGIN_Y_MM * 72 / 25.4, page.height - MARGIN_Y_MM * 72 / 25.4
    rows: dict[int, list[dict]] = {}
    for char in page.chars:
        if top <= char["top"] and char["bottom"] <= bottom and char["text"].strip():
            rows.setdefault(round(char["bottom"]), []).append(char)
    return [
        (y, "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"])), max(c["size"] for c in chars),
         all("Bold" in c["fontname"] for c in chars))
        for y, chars in sorted(rows.items())
    ]  # fmt: skip


def test_no_page_ends_with_a_heading_or_a_caption(brief: Path) -> None:
    with pdfplumber.open(brief) as pdf:
        for number, page in enumerate(pdf.pages[:-1], 1):
            lines = _lines(page)
            if not lines:
                continue
            _, text, size, bold = lines[-1]
            assert not (bold and size >= 11.5), f"{brief.name} page {number} ends with a heading: {text}"
            assert not re.match(r"(表|Table )\d+", text), f"{brief.name} page {number} ends with a caption: {text}"


def test_every_glyph_is_drawn_with_the_bundled_faces(brief: Path) -> None:
    """No system font: code, symbols, emoji and generated marks all come from the bundled Noto faces."""
    listing = subprocess.run(["pdffonts", brief], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in listing.splitlines()[2:] if line.strip()]
    bundled = re.compile(r"\+Noto-(Sans-CJK-(JP|SC|TC|KR)|Emoji|Sans-Symbols|Sans\b)")
    assert names and all(bundled.search(name) for name in names), names
