"""Formulas in the deck: native Office Math (``a14:m``) with their readable text as the fallback.

In: TeX formulas, the corpus document ``readme-constructs.md`` (rendered once per session) and a
small Markdown source with a key table of formulas.
Out: assertions on the exact OMML ``exporter.slides.ooxml`` writes, on that OMML read back to TeX
by dwml, and on the written decks: every formula an equation with its fallback, no TeX in any text,
clean under the Open XML SDK's validation, re-opened by python-pptx, drawn by LibreOffice,
rebuilt byte for byte.
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from conftest import EXPORTER, ROOT
from exporter.readers import read_source
from exporter.slides import ooxml
from exporter.slides.shapes import Run
from exporter.text.formula import mathml, readable
from readback import deck_text, powerpoint_findings
from test_slides import _soffice

MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A14 = "http://schemas.microsoft.com/office/drawing/2010/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"m": MATH, "mc": MC, "a14": A14, "a": A}
TEX = re.compile(r"\\[A-Za-z]+|\$\$|\$[A-Za-z\\{]|[{}]")
"""TeX source, which no text of the deck (a formula's fallback included) may show."""
ENGLISH = ROOT / "tests" / "documents" / "readme-constructs.md"


def _omml(tex: str, display: bool = True) -> str:
    """The ``m:oMath`` written for ``tex``, as a string without namespace declarations."""
    zone = etree.Element(f"{{{MATH}}}oMath", nsmap={"m": MATH})
    ooxml.office_math(zone, mathml(tex), display)
    return re.sub(r' xmlns:m="[^"]+"', "", etree.tostring(zone, encoding="unicode"))


def _r(text: str, upright: bool = False) -> str:
    style = '<m:rPr><m:sty m:val="p"/></m:rPr>' if upright else ""
    return f"<m:r>{style}<m:t>{text}</m:t></m:r>"


def test_a_fraction_is_m_f_stacked_when_displayed_and_on_its_line_in_text() -> None:
    parts = f"<m:num>{_r('a')}</m:num><m:den>{_r('b')}</m:den>"
    assert _omml(r"\frac{a}{b}") == f'<m:oMath><m:f><m:fPr><m:type m:val="bar"/></m:fPr>{parts}</m:f></m:oMath>'
    assert _omml(r"\frac{a}{b}", display=False) == (
        f'<m:oMath><m:f><m:fPr><m:type m:val="lin"/></m:fPr>{parts}</m:f></m:oMath>'
    )


def test_a_root_is_m_rad_its_degree_hidden_or_given() -> None:
    assert _omml(r"\sqrt{x}") == (
        f'<m:oMath><m:rad><m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/><m:e>{_r("x")}</m:e></m:rad></m:oMath>'
    )
    assert _omml(r"\sqrt[3]{x}") == (
        f"<m:oMath><m:rad><m:deg>{_r('3', True)}</m:deg><m:e>{_r('x')}</m:e></m:rad></m:oMath>"
    )


def test_scripts_are_m_ssub_m_ssup_and_m_ssubsup() -> None:
    assert _omml("x^2") == f"<m:oMath><m:sSup><m:e>{_r('x')}</m:e><m:sup>{_r('2', True)}</m:sup></m:sSup></m:oMath>"
    assert _omml("w_i") == f"<m:oMath><m:sSub><m:e>{_r('w')}</m:e><m:sub>{_r('i')}</m:sub></m:sSub></m:oMath>"
    assert _omml("x_i^2") == (
        f"<m:oMath><m:sSubSup><m:e>{_r('x')}</m:e><m:sub>{_r('i')}</m:sub>"
        f"<m:sup>{_r('2', True)}</m:sup></m:sSubSup></m:oMath>"
    )


def test_a_sum_with_limits_is_m_nary_over_its_operand_only() -> None:
    limits = f"<m:sub>{_r('i')}{_r('=', True)}{_r('1', True)}</m:sub><m:sup>{_r('n')}</m:sup>"
    operand = f"<m:e><m:sSub><m:e>{_r('w')}</m:e><m:sub>{_r('i')}</m:sub></m:sSub></m:e>"
    assert _omml(r"\sum_{i=1}^{n} w_i = 1") == (
        '<m:oMath><m:nary><m:naryPr><m:chr m:val="∑"/><m:limLoc m:val="undOvr"/></m:naryPr>'
        f"{limits}{operand}</m:nary>{_r('=', True)}{_r('1', True)}</m:oMath>"
    )
    assert '<m:limLoc m:val="subSup"/>' in _omml(r"\sum_{i=1}^{n} w_i", display=False)  # beside it, in text
    assert '<m:supHide m:val="1"/>' in _omml(r"\sum_{i} w_i")


def test_a_formula_is_alternate_content_whose_fallback_is_its_readable_text() -> None:
    p = etree.Element(f"{{{A}}}p", nsmap={"a": A})
    run = Run("a/b", 20.0, "#112233", lang="en-US", math=r"\frac{a}{b}")
    ooxml.add_formula(p, run.math, (run,), False, "Latin", "East")
    (alternate,) = p
    assert alternate.tag == f"{{{MC}}}AlternateContent"
    choice, fallback = alternate
    assert choice.tag == f"{{{MC}}}Choice" and fallback.tag == f"{{{MC}}}Fallback"
    prefix = choice.get("Requires")
    assert choice.nsmap[prefix] == A14 and prefix != "a14"  # LibreOffice takes a choice spelled "a14", then drops it
    assert [e.tag for e in choice] == [f"{{{A14}}}m"] and choice[0][0].tag == f"{{{MATH}}}oMath"
    assert [t.text for t in fallback.iter(f"{{{A}}}t")] == ["a/b"]
    assert ooxml.readable_text(p) == "a/b"


ROUND_TRIPS = {
    r"\frac{a}{b}": r"\frac{a}{b}",
    r"\sqrt[3]{x}": r"\sqrt[3]{x}",
    r"x_i^2": r"x_{i}^{2}",
    r"\sum_{i=1}^{n} w_i = 1": r"\sum_{i=1}^{n}w_{i}=1",
    r"\hat{x}+\overline{y}": r"\hat{x}+\overline{y}",
    r"\begin{pmatrix}a&b\\c&d\end{pmatrix}": r"(\begin{matrix}a&b\\c&d\end{matrix})",
    r"z=\text{Softmax}(\frac{QK^T}{\sqrt{h}})V": r"z=Softmax(\frac{QK^{T}}{\sqrt{h}})V",
}


@pytest.mark.parametrize("tex", sorted(ROUND_TRIPS))
def test_the_office_math_reads_back_as_the_same_formula(tex: str) -> None:
    from dwml import omml

    (read,) = omml.load_string(f'<w xmlns:m="{MATH}">{_omml(tex)}</w>')
    assert read.latex == ROUND_TRIPS[tex]


def _formulas(deck: Path) -> list[tuple[etree._Element, str]]:
    """Each formula of the deck's slides: its ``m:oMath`` and its fallback's text."""
    found = []
    with zipfile.ZipFile(deck) as package:
        for name in sorted(n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)):
            root = etree.fromstring(package.read(name))
            for alternate in root.iterfind(".//mc:AlternateContent", NS):
                (zone,) = alternate.iterfind("mc:Choice/*/m:oMath", NS)
                found.append((zone, "".join(alternate.xpath("mc:Fallback//a:t/text()", namespaces=NS))))
    return found


def _every_text(deck: Path) -> str:
    """Every ``a:t`` and ``m:t`` of the deck's slides and notes, fallbacks included."""
    texts = []
    with zipfile.ZipFile(deck) as package:
        for name in (n for n in package.namelist() if re.fullmatch(r"ppt/(slides|notesSlides)/\w+\.xml", n)):
            texts += etree.fromstring(package.read(name)).xpath("//a:t/text() | //m:t/text()", namespaces=NS)
    return "\n".join(texts)


def test_every_formula_on_a_slide_of_the_readme_is_an_equation(renders) -> None:  # type: ignore[no-untyped-def]
    deck = renders(ENGLISH).deck
    found = _formulas(deck)
    document = read_source(ENGLISH)
    document = document[0] if isinstance(document, tuple) else document
    readables = {text for text, _, _ in document.formulas()}
    shown = {fallback for _, fallback in found}
    assert {"z=Softmax((QK^T)/√h)V", "∑_(i=1)^n w_i=1"} <= shown  # the inline one in a point, the displayed one
    assert shown <= readables
    assert all(len(zone) for zone, _ in found)
    slide_text = deck_text(deck)
    outside = slide_text
    for fallback in shown:
        outside = outside.replace(fallback, "")
    assert not [text for text in readables if text in outside]  # no formula's text drawn but as a fallback
    assert TEX.search(_every_text(deck)) is None, TEX.search(_every_text(deck))


KEY_TABLE = """---
meta:
  title: "Attention costs"
  date: 2026-11-30
  lang: en
---

# Attention costs

The cost of attention grows with $n^2$ for a sequence of $n$ tokens.

## Cost

{.key headline="Cost of each attention variant"}
| Variant | Memory | Score |
|---|---|---|
| Multi-head | $O(n^2)$ | $\\frac{QK^T}{\\sqrt{d}}$ |
| Sparse | $O(n\\sqrt{n})$ | $\\sum_{i=1}^{n} w_i$ |
"""


def test_a_key_tables_formulas_are_equations_and_the_deck_opens_everywhere(tmp_path: Path) -> None:
    source = tmp_path / "costs.md"
    source.write_text(KEY_TABLE, encoding="utf-8")
    first, second = tmp_path / "a.pptx", tmp_path / "b.pptx"
    for output in (first, second):
        done = subprocess.run([EXPORTER, "slides", str(source), "-o", str(output)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr  # the verifier reads each cell's fallback
    assert first.read_bytes() == second.read_bytes()
    shown = [fallback for _, fallback in _formulas(first)]
    for tex in (r"O(n^2)", r"\frac{QK^T}{\sqrt{d}}", r"O(n\sqrt{n})", r"\sum_{i=1}^{n} w_i"):
        assert readable(tex) in shown, tex  # the opening sentence, too short for a slide, is in the notes
    with zipfile.ZipFile(first) as package:
        slides = [etree.fromstring(package.read(n)) for n in package.namelist() if n.startswith("ppt/slides/slide")]
    (slide,) = [s for s in slides if s.xpath("//a:tbl", namespaces=NS)]
    sizes = slide.xpath("//a:p[mc:AlternateContent]/a:pPr/a:defRPr/@sz", namespaces=NS)
    assert len(sizes) == 4 and set(sizes) == set(slide.xpath("//a:tc//a:r/a:rPr/@sz", namespaces=NS))
    assert powerpoint_findings(first) == []
    assert len(Presentation(str(first)).slides) >= 2
    assert TEX.search(_every_text(first)) is None
    soffice = _soffice()
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    command = [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(tmp_path), str(first)]
    subprocess.run(command, check=True, capture_output=True, timeout=180, env=dict(os.environ))
    from pypdf import PdfReader

    drawn = re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(str(tmp_path / "a.pdf")).pages))
    for text in ("O(n²)", "O(n√n)", "(QK^T)/√d"):
        assert text in drawn, text  # LibreOffice draws the fallback


def test_a_points_sentence_keeps_its_formula_and_scripts() -> None:
    from exporter.model import Span, Text
    from exporter.text.sentences import sentences

    text = Text.of((Span("Water is H"), Span("2", script="sub"), Span("O. Dr. Smith sets "),
                    Span("a/b", math=r"\frac{a}{b}"), Span(" here.")))  # fmt: skip
    first, second = sentences(text)
    assert (first, second) == ("Water is H2O.", "Dr. Smith sets a/b here.")
    assert [(s.text, s.script) for s in first.spans] == [("Water is H", None), ("2", "sub"), ("O.", None)]
    assert [(s.text, s.math) for s in second.spans][1] == ("a/b", r"\frac{a}{b}")
