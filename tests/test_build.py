"""exporter build, stamp and watch: real runs of the console script in a scratch project."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
EXPORTER = Path(sys.executable).with_name("exporter")


def run(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(EXPORTER), *args], cwd=project, capture_output=True, text=True, check=False,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_build_writes_both_then_skips_them_without_loading_the_engines(project: Path) -> None:
    first = run(project, "build")
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert re.fullmatch(r"out/article\.pdf: \d+ pages, [\d,]+ KB, \d+\.\d\d s", lines[0])
    assert re.fullmatch(r"out/article\.pptx: \d+ slides, [\d,]+ KB, \d+\.\d\d s", lines[1])

    second = subprocess.run(
        [sys.executable, "-X", "importtime", str(EXPORTER), "build"],
        cwd=project, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert re.fullmatch(
        r"out/article\.pdf: up to date \(rev\. [0-9a-f]{12}\)\nout/article\.pptx: up to date \(rev\. [0-9a-f]{12}\)\n",
        second.stdout,
    )
    imported = second.stderr
    assert "weasyprint" not in imported and "pptx" not in imported


def test_force_and_a_changed_source_rebuild(project: Path) -> None:
    run(project, "build")
    assert "up to date" not in run(project, "build", "--force").stdout
    source = project / "source" / "article.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "\n# a comment changes the revision\n", encoding="utf-8")
    rebuilt = run(project, "build").stdout
    assert "up to date" not in rebuilt and rebuilt.count("\n") == 2


def test_several_sources_build_in_parallel_and_a_broken_one_is_reported(project: Path) -> None:
    shutil.copy(project / "source" / "article.yaml", project / "source" / "second.yaml")
    (project / "source" / "broken.yaml").write_text("meta: [\n", encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert re.search(r"^source/broken\.yaml:2:1: error: YAML syntax error", result.stderr, re.M)
    for name in ("article.pdf", "article.pptx", "second.pdf", "second.pptx"):
        assert (project / "out" / name).stat().st_size > 10_000
    assert not (project / "out" / "broken.pdf").exists()


def test_outputs_are_byte_identical_across_runs(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    other = tmp_path_factory.mktemp("other")
    shutil.copytree(project, other, dirs_exist_ok=True)
    assert run(project, "build").returncode == 0
    time.sleep(1.1)  # a clock-dependent timestamp would now differ
    assert run(other, "build").returncode == 0
    for name in ("article.pdf", "article.pptx"):
        assert (project / "out" / name).read_bytes() == (other / "out" / name).read_bytes(), name


def test_source_date_epoch_sets_the_dates(project: Path) -> None:
    run(project, "pdf", env={"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01T00:00:00Z
    assert PdfReader(project / "out" / "article.pdf").metadata["/CreationDate"].startswith("D:20260101")
    run(project, "pdf")
    assert PdfReader(project / "out" / "article.pdf").metadata["/CreationDate"].startswith("D:20251208")


def test_the_revision_is_in_the_footer_and_metadata_of_both_files(project: Path) -> None:
    run(project, "build")
    stamp = re.search(r"rev\. ([0-9a-f]{12})", run(project, "stamp", "out/article.pdf").stdout).group(1)
    reader = PdfReader(project / "out" / "article.pdf")
    assert reader.metadata["/exporterrevision"] == stamp  # WeasyPrint keeps letters and digits of the name
    assert all(f"rev.{stamp}" in page.extract_text().replace(" ", "") for page in reader.pages)

    from pptx import Presentation

    deck = Presentation(str(project / "out" / "article.pptx"))
    assert deck.core_properties.identifier == f"exporter:{stamp}"
    footers = [
        shape.text_frame.text for slide in list(deck.slides)[1:] for shape in slide.shapes if shape.has_text_frame
    ]
    assert sum(stamp in text for text in footers) == len(deck.slides) - 1


def test_stamp_tells_current_from_stale(project: Path) -> None:
    run(project, "build")
    current = run(project, "stamp", "out/article.pdf", "out/article.pptx")
    assert current.returncode == 0
    assert current.stdout.count("matches source/article.yaml") == 2
    source = project / "source" / "article.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stale = run(project, "stamp", "out/article.pdf", "out/article.pptx")
    assert stale.returncode == 1
    assert stale.stdout.count("stale: source/article.yaml is now rev.") == 2
    foreign = project / "out" / "foreign.pdf"
    foreign.write_bytes(b"%PDF-1.7\n%%EOF\n")
    unknown = run(project, "stamp", str(foreign.relative_to(project)))
    assert unknown.returncode == 2 and "no exporter revision stamp" in unknown.stderr


def _chart_project(project: Path, colour: str = "red") -> Path:
    """``source/brief.md`` showing ``source/charts/cost.png``; the chart is drawn in ``colour``."""
    (project / "source" / "article.yaml").unlink()
    source = project / "source" / "brief.md"
    source.write_text(
        "---\nmeta: {title: Costs, date: 2025-01-02, lang: en}\n---\n\n## Costs\n\n"
        "Costs rose.\n\n![Cost by month](charts/cost.png)\n",
        encoding="utf-8",
    )
    _draw_chart(project, colour)
    return source


def _draw_chart(project: Path, colour: str) -> None:
    from PIL import Image

    (project / "source" / "charts").mkdir(exist_ok=True)
    Image.new("RGB", (40, 30), colour).save(project / "source" / "charts" / "cost.png")


def test_a_changed_image_makes_the_outputs_stale(project: Path) -> None:
    _chart_project(project)
    assert run(project, "build").returncode == 0
    unchanged = run(project, "build")
    assert unchanged.stdout.count("up to date") == 2, unchanged.stdout + unchanged.stderr
    matches = run(project, "stamp", "out/brief.pdf", "out/brief.pptx")
    assert matches.returncode == 0 and matches.stdout.count("matches source/brief.md") == 2

    _draw_chart(project, "blue")  # the same file name, other bytes
    stale = run(project, "stamp", "out/brief.pdf", "out/brief.pptx")
    assert stale.returncode == 1 and stale.stdout.count("stale: source/brief.md is now rev.") == 2
    rebuilt = run(project, "build")
    assert rebuilt.returncode == 0 and "up to date" not in rebuilt.stdout and rebuilt.stdout.count("\n") == 2
    assert run(project, "stamp", "out/brief.pdf", "out/brief.pptx").returncode == 0
    assert run(project, "build").stdout.count("up to date") == 2


def test_the_stamp_names_images_relative_to_the_source_folder(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from exporter.project import DEFAULT_THEME as theme
    from exporter.revision import revision

    other = tmp_path_factory.mktemp("elsewhere")
    shutil.copytree(project, other, dirs_exist_ok=True)
    here, there = _chart_project(project), _chart_project(other)
    assert revision(here, theme) == revision(there, theme)
    _draw_chart(other, "blue")
    assert revision(here, theme) != revision(there, theme)


@contextlib.contextmanager
def _watching(project: Path, *args: str) -> Iterator[tuple[subprocess.Popen, queue.Queue[str]]]:
    """``exporter watch`` running in ``project`` once it says it is watching, and the lines it prints."""
    process = subprocess.Popen(
        [str(EXPORTER), "watch", *args], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        _read_until(lines, "watching")
        yield process, lines
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_watch_rebuilds_when_an_image_changes(project: Path) -> None:
    _chart_project(project)
    with _watching(project, "source/brief.md") as (_, lines):
        pdf = project / "out" / "brief.pdf"
        before = pdf.stat().st_mtime_ns
        _draw_chart(project, "blue")
        rebuilt = _read_until(lines, "out/brief.pptx:")
        assert re.search(r"out/brief\.pdf: \d+ pages?,", rebuilt)
        assert pdf.stat().st_mtime_ns > before


def test_watch_rebuilds_on_save_and_survives_a_broken_source(project: Path) -> None:
    with _watching(project) as (process, lines):
        source = project / "source" / "article.yaml"
        pdf = project / "out" / "article.pdf"
        text = source.read_text(encoding="utf-8")

        source.write_text(text.replace("meta:", "meta: [", 1), encoding="utf-8")
        assert "error: YAML syntax error" in _read_until(lines, "error:")
        assert process.poll() is None

        before = pdf.stat().st_mtime_ns
        source.write_text(text + "\n# edited\n", encoding="utf-8")
        rebuilt = _read_until(lines, "out/article.pptx:")
        assert re.search(r"out/article\.pdf: \d+ pages", rebuilt)
        assert pdf.stat().st_mtime_ns > before


def _read_until(lines: queue.Queue[str], marker: str, timeout: float = 60) -> str:
    """Lines from the watch process up to the first containing ``marker``; fails after ``timeout`` s."""
    seen = ""
    deadline = time.monotonic() + timeout
    while (remaining := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=remaining)
        except queue.Empty:
            break
        seen += line
        if marker in line:
            return seen
    raise AssertionError(f"no {marker!r} within {timeout} s in output:\n{seen}")


def test_two_sources_with_one_name_are_refused(project: Path) -> None:
    (project / "other").mkdir()
    shutil.copy(project / "source" / "article.yaml", project / "other" / "article.yaml")
    result = run(project, "build", "source/article.yaml", "other/article.yaml")
    assert result.returncode == 2
    assert result.stderr == "source/article.yaml and other/article.yaml would both write out/article.*; rename one\n"
    assert not list((project / "out").iterdir())


@pytest.mark.parametrize("epoch", ["soon", "99999999999"])
def test_a_bad_source_date_epoch_is_a_clean_error(project: Path, epoch: str) -> None:
    result = run(project, "pdf", env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"SOURCE_DATE_EPOCH={epoch}: expected whole seconds since 1970")


def test_watch_refuses_a_missing_folder(project: Path) -> None:
    result = run(project, "watch", "nowhere/article.yaml")
    assert result.returncode == 2
    assert result.stderr == f"{project / 'nowhere'}: no such folder to watch\n"


def test_a_missing_theme_is_named(project: Path) -> None:
    result = run(project, "build", "--theme", "nosuch.yaml")
    assert result.returncode == 2
    assert result.stderr == "nosuch.yaml:1:1: error: no such file\n"
