"""Fixtures shared by the tests that run the console script."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder laid out like the repository: source/article.yaml and an empty out/."""
    (tmp_path / "source").mkdir()
    (tmp_path / "out").mkdir()
    shutil.copy(ROOT / "source" / "article.yaml", tmp_path / "source" / "article.yaml")
    return tmp_path
