"""Details of the brief a reader notices: numbering, line breaks in text, and a broken template.

In: small Markdown sources and a project whose own template is broken, rendered by the console script.
Out: assertions on the PDF's text layer and on the clean message (``file:line:col``, exit 2, no
traceback, nothing written) that a broken template gives.
"""

from __future__ import annotations

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
