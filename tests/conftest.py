"""Fixtures shared by the tests: a scratch project, and the corpus rendered once per session.

In: ``source/article.yaml`` and the documents of ``tests/documents/``.
Out: ``project``, a folder laid out like the repository; ``CORPUS``, the paths of every corpus
document; ``renders``, which writes a document's brief and deck through the console script
(``exporter pdf``, ``exporter slides``) the first time it is asked and keeps both for the session.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXPORTER = Path(sys.executable).with_name("exporter")
CORPUS = [
    ROOT / "source" / "article.yaml",
    *sorted(p for p in (ROOT / "tests" / "documents").iterdir() if p.suffix in (".yaml", ".md")),
]
"""The article and every document of ``tests/documents``, the article first."""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder laid out like the repository: source/article.yaml and an empty out/."""
    (tmp_path / "source").mkdir()
    (tmp_path / "out").mkdir()
    shutil.copy(ROOT / "source" / "article.yaml", tmp_path / "source" / "article.yaml")
    return tmp_path


@dataclass(frozen=True)
class Rendered:
    """What ``exporter pdf`` and ``exporter slides`` made of one source, and what they printed."""

    source: Path
    pdf_path: Path
    pdf_run: subprocess.CompletedProcess[str]
    deck_path: Path
    deck_run: subprocess.CompletedProcess[str]

    @property
    def pdf(self) -> Path:
        """The brief; fails the calling test with the command's message when it was not written."""
        assert self.pdf_run.returncode == 0, f"exporter pdf {self.source.name} failed: {self.pdf_run.stderr}"
        return self.pdf_path

    @property
    def deck(self) -> Path:
        """The deck; fails the calling test with the command's message when it was not written."""
        assert self.deck_run.returncode == 0, f"exporter slides {self.source.name} failed: {self.deck_run.stderr}"
        return self.deck_path


@pytest.fixture(scope="session")
def renders(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Rendered]:
    """``renders(source)``: its brief and deck, written once per session through the console script."""
    folder = tmp_path_factory.mktemp("corpus")
    done: dict[Path, Rendered] = {}

    def render(source: Path) -> Rendered:
        if source not in done:
            pdf, deck = folder / f"{source.name}.pdf", folder / f"{source.name}.pptx"
            runs = [
                subprocess.run([EXPORTER, command, source, "-o", out], capture_output=True, text=True, check=False)
                for command, out in (("pdf", pdf), ("slides", deck))
            ]
            done[source] = Rendered(source, pdf, runs[0], deck, runs[1])
        return done[source]

    return render
