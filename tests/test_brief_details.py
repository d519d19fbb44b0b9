"""Details of the brief a reader notices: numbering, line breaks in text, and a broken template.

In: small Markdown sources and a project whose own template is broken, rendered by the console script.
Out: assertions on the PDF's text layer and on the clean message (``file:line:col``, exit 2, no
traceback, nothing written) that a broken template gives.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from readback import pdf_text

EXPORTER = Path(sys.executable).parent / "exporter"
FRONT = "---\nmeta:\n  title: T\n  date: 2026-01-01\n  lang: en\n---\n\n"


def brief(tmp_path: Path, body: str) -> str:
    source = tmp_path / "doc.md"
    source.write_text(FRONT + body, encoding="utf-8")
    subprocess.run([EXPORTER, "pdf", source, "-o", tmp_path / "doc.pdf"], check=True, capture_output=True)
    return pdf_text(tmp_path / "doc.pdf")


def test_a_numbered_list_counts_from_its_start(tmp_path: Path) -> None:
    text = brief(tmp_path, "5. five\n6. six\n")
    assert "5." in text and "6." in text and "1." not in text


def test_an_html_line_break_keeps_the_words_apart(tmp_path: Path) -> None:
    assert "Term with break" in brief(tmp_path, "Term<br>with break.\n").replace("\r\n", " ")


def test_a_caption_that_repeats_its_sections_heading_is_not_printed_twice(tmp_path: Path) -> None:
    body = "## Quarterly costs by region\n\nThe costs rose.\n\n| Region | Cost |\n|---|---|\n| EMEA | 12 |\n"
    text = " ".join(brief(tmp_path, body).split())
    assert text.count("Quarterly costs by region") == 1 and "Table 1 Region" in text


def test_japanese_is_justified_between_characters_and_keeps_its_latin_spaces_narrow(tmp_path: Path) -> None:
    """Every line of a Japanese paragraph but its last ends at the text column's right edge, and
    no space of a mixed line is stretched: WeasyPrint itself justifies only by widening spaces,
    which left Japanese ragged and put a whole line's slack into its one or two Latin spaces."""
    import pdfplumber

    sentence = "生成AIの導入ではQuality Eventの記録とRoot Cause Analysisの手順を先に決めることが重要です。"
    source = tmp_path / "doc.md"
    source.write_text(FRONT.replace("lang: en", "lang: ja") + sentence * 12 + "以上です。\n", encoding="utf-8")
    subprocess.run([EXPORTER, "pdf", source, "-o", tmp_path / "doc.pdf"], check=True, capture_output=True)
    with pdfplumber.open(tmp_path / "doc.pdf") as pdf:
        page = pdf.pages[0]
        right = page.width - 18 / 25.4 * 72  # the text column's right edge (18 mm margins)
        rows: dict[int, list[dict]] = {}
        for char in page.chars:
            rows.setdefault(round(char["top"]), []).append(char)
        flat = (sentence * 12 + "以上です。").replace(" ", "")
        lines = [(chars, "".join(c["text"] for c in chars).replace(" ", "")) for _, chars in sorted(rows.items())]
        body = [chars for chars, line in lines if line in flat]
        words = [w for w in page.extract_words(use_text_flow=True, x_tolerance=1) if w["text"] in sentence * 2]
        spaces = [
            (b["x0"] - a["x1"]) / (a["bottom"] - a["top"])
            for a, b in itertools.pairwise(words)
            if abs(a["top"] - b["top"]) < 1 and a["text"][-1:].isascii() and b["text"][:1].isascii()
        ]
    assert len(body) > 8
    ends = [max(c["x1"] for c in chars) for chars in body]
    assert all(abs(end - right) < 1.5 for end in ends[:-1]), [round(right - e, 1) for e in ends]
    assert ends[-1] < right - 20  # the last line is not stretched
    assert len(spaces) > 10 and max(spaces) < 0.5, max(spaces)  # a word space is about a quarter em


@pytest.mark.parametrize(
    ("template", "message"),
    [("{% if %}", ":1:1: error: template: "), ("{{ nosuch.var }}", "'nosuch' is undefined")],
)
def test_a_broken_project_template_is_a_clean_error(project: Path, template: str, message: str) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "brief.html.j2").write_text(template, encoding="utf-8")
    result = subprocess.run([EXPORTER, "pdf"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert message in result.stderr and "brief.html.j2" in result.stderr
    assert not (project / "out" / "article.pdf").exists()
