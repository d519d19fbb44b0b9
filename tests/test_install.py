"""Installed use: the packaged defaults, a project's own templates, exporter init, the version,
the renderer registry and the progress bar — real runs of the console script in scratch folders."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

import exporter
from exporter import revision as revision_module
from exporter.project import DEFAULT_THEME, DEFAULTS, template_files, template_folders
from exporter.renderers import RENDERERS
from exporter.sample import NAME, SAMPLES
from exporter.scaffold import localised_theme
from exporter.theme import load_theme
from test_build import run

ROOT = Path(__file__).resolve().parents[1]
EXPORTER = Path(sys.executable).with_name("exporter")


def test_every_package_under_src_is_in_the_wheel_and_the_defaults_are_package_data() -> None:
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    found = {".".join(p.parent.relative_to(ROOT / "src").parts) for p in (ROOT / "src").rglob("__init__.py")}
    assert set(listed) == found | {"exporter.templates"}
    assert (ROOT / "templates").resolve() == DEFAULTS  # the editable install maps the same folder
    assert sorted(template_files((DEFAULTS,))) == ["brief.css.j2", "brief.html.j2"]


def test_one_version_for_the_metadata_the_command_and_the_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    assert version("exporter") == exporter.__version__
    printed = subprocess.run([str(EXPORTER), "--version"], capture_output=True, text=True, check=True).stdout
    assert printed == f"exporter, version {exporter.__version__}\n"
    source = ROOT / "source" / "article.yaml"
    before = revision_module.revision(source, DEFAULT_THEME)
    monkeypatch.setattr(revision_module, "__version__", "0.0.0")
    assert revision_module.revision(source, DEFAULT_THEME) != before
    assert f"## {exporter.__version__}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_a_project_template_overrides_the_default_file_by_file(project: Path) -> None:
    assert run(project, "build").returncode == 0
    (project / "templates").mkdir()
    css = (DEFAULTS / "brief.css.j2").read_text(encoding="utf-8")
    (project / "templates" / "brief.css.j2").write_text(css + "\n@page { size: A5; }\n", encoding="utf-8")
    assert run(project, "stamp", "out/article.pdf").returncode == 1  # the override is part of the revision
    assert "up to date" not in run(project, "build").stdout
    reader = PdfReader(project / "out" / "article.pdf")
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == 148  # A5, from the project's CSS
    assert "「侮られた国」の逆転劇" in reader.pages[0].extract_text()  # the HTML is still the default one
    assert run(project, "stamp", "out/article.pdf").returncode == 0


def test_the_project_theme_then_theme_folder_templates(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    (project / "templates").mkdir()
    theme = DEFAULT_THEME.read_text(encoding="utf-8")
    (project / "templates" / "theme.yaml").write_text(theme + 'organisation: "プロジェクト部"\n', encoding="utf-8")
    assert run(project, "pdf").returncode == 0
    assert "プロジェクト部" in PdfReader(project / "out" / "article.pdf").pages[0].extract_text()

    brand = tmp_path_factory.mktemp("brand")
    (brand / "theme.yaml").write_text(theme + 'organisation: "ブランド部"\n', encoding="utf-8")
    css = (DEFAULTS / "brief.css.j2").read_text(encoding="utf-8")
    (brand / "brief.css.j2").write_text(css + "\n@page { size: A5; }\n", encoding="utf-8")
    assert run(project, "pdf", "--theme", str(brand / "theme.yaml")).returncode == 0
    reader = PdfReader(project / "out" / "article.pdf")
    assert "ブランド部" in reader.pages[0].extract_text()
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == 148  # the CSS beside the theme
    (project / "templates" / "brief.css.j2").write_text(css, encoding="utf-8")  # the project's beats the theme's
    assert template_folders(project / "source" / "article.yaml", brand / "theme.yaml")[0] == project / "templates"
    assert run(project, "pdf", "--theme", str(brand / "theme.yaml")).returncode == 0
    assert round(float(PdfReader(project / "out" / "article.pdf").pages[0].mediabox.width) / 72 * 25.4) == 210


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_init_makes_a_project_that_checks_clean_and_builds(tmp_path: Path, lang: str) -> None:
    result = run(tmp_path, "init", "new", "--lang", lang)
    assert result.returncode == 0, result.stderr
    made = [f"source/{NAME}", "templates/theme.yaml", ".gitignore", "out/"]
    assert result.stdout.splitlines()[:4] == [f"created new/{name}" for name in made]
    assert "next: cd new && exporter build" in result.stdout
    folder = tmp_path / "new"
    assert run(folder, "check", "--strict").returncode == 0
    built = run(folder, "build")
    assert built.returncode == 0, built.stderr
    words = load_theme(folder / "templates" / "theme.yaml")
    title = re.search(r"^# (.+)$", SAMPLES[lang].split("\n---\n", 1)[1], re.M).group(1)
    pdf_text = "".join(page.extract_text() for page in PdfReader(folder / "out" / "article.pdf").pages)
    assert title in pdf_text and words.organisation is None and words.confidentiality is None  # none unless set
    deck = Presentation(str(folder / "out" / "article.pptx"))
    assert len(deck.slides) >= 3
    assert "/out/" in (folder / ".gitignore").read_text(encoding="utf-8")


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / NAME).write_text("mine\n", encoding="utf-8")
    result = run(tmp_path, "init")
    assert result.returncode == 0
    assert f"kept    source/{NAME} (already there)" in result.stdout
    assert "created templates/theme.yaml" in result.stdout and "next: exporter build" in result.stdout
    assert (tmp_path / "source" / NAME).read_text(encoding="utf-8") == "mine\n"
    again = run(tmp_path, "init")
    assert "created" not in again.stdout and again.stdout.count("kept") == 4
    (tmp_path / "file").write_text("x", encoding="utf-8")
    refused = run(tmp_path, "init", "file")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr


def test_init_writes_the_words_of_its_language_into_the_theme() -> None:
    default = DEFAULT_THEME.read_text(encoding="utf-8")
    japanese = "[\u3040-\u30ff\u4e00-\u9fff]"
    assert not re.search(japanese, "".join(line.split("#")[0] for line in default.splitlines()))
    english = localised_theme("en")
    assert english.startswith(default.rstrip("\n")) and not re.search(japanese, english)
    assert load_theme_text(english).words.table == "Table {n}" and load_theme_text(english).organisation is None
    assert load_theme_text(localised_theme("ja")).words.table == "表{n}"


def load_theme_text(text: str):  # type: ignore[no-untyped-def]
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "theme.yaml"
        path.write_text(text, encoding="utf-8")
        return load_theme(path)


def test_check_and_planning_read_no_environment(project: Path) -> None:
    result = run(project, "check", env={"SOURCE_DATE_EPOCH": "not a date"})
    assert result.returncode == 0, result.stderr
    assert run(project, "slides", env={"SOURCE_DATE_EPOCH": "x"}).returncode == 2  # the build reads it, once


def test_the_registry_names_every_command_and_reader(project: Path) -> None:
    assert run(project, "build").returncode == 0
    for renderer in RENDERERS:
        path = project / "out" / f"article{renderer.suffix}"
        assert renderer.read_stamp(path) == re.search(r"rev\. (\w+)", run(project, "stamp", str(path)).stdout).group(1)
        assert run(project, renderer.name, "--help").returncode == 0


def _on_a_terminal(folder: Path, *args: str) -> str:
    """Run exporter with stdout and stderr on a pseudo-terminal; everything it drew."""
    main, secondary = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    process = subprocess.Popen([str(EXPORTER), *args], cwd=folder, stdout=secondary, stderr=secondary, env=env)
    os.close(secondary)
    drawn = b""
    while True:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
        elif process.poll() is not None:
            break
    process.wait()
    os.close(main)
    assert process.returncode == 0
    return drawn.decode("utf-8", "replace")


def test_several_sources_show_progress_on_a_terminal_and_plain_lines_elsewhere(project: Path) -> None:
    shutil.copy(project / "source" / "article.yaml", project / "source" / "second.yaml")
    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", _on_a_terminal(project, "build"))
    assert re.search(r"building .*\d/4 files \d+ s", drawn), drawn
    assert "out/article.pdf: 6 pages" in drawn and "out/second.pptx: 13 slides" in drawn
    plain = run(project, "build", "--force")
    assert plain.stderr == "" and len(plain.stdout.splitlines()) == 4 and "files" not in plain.stdout


def test_a_quick_run_on_a_terminal_shows_no_bar_and_never_imports_rich(project: Path) -> None:
    assert run(project, "build").returncode == 0
    assert "files" not in _on_a_terminal(project, "build")  # up to date: done before the bar's second
    imported = subprocess.run(
        [sys.executable, "-X", "importtime", str(EXPORTER), "slides"], cwd=project, capture_output=True, text=True
    ).stderr
    assert "rich" not in imported and "weasyprint" not in imported
