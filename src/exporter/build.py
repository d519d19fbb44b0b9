"""Build every output of one or more sources, skipping what is already up to date.

In: source paths, a theme path, an output folder, and whether to force.
Out: for each source, ``out/<stem>.pdf`` and ``out/<stem>.pptx`` carrying the
revision stamp of their inputs, and a ``SourceResult`` per source with one
``Built`` line per file (written or up to date) or the error lines. One source
builds in this process; several build in worker processes, one per core. The
up-to-date check reads stamps back without importing WeasyPrint or python-pptx.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from exporter import GC_THRESHOLDS
from exporter.errors import ExporterError, RenderError
from exporter.model import Document
from exporter.output import check_target
from exporter.revision import read_stamp, revision
from exporter.source import load as read_source
from exporter.theme import TEMPLATES, Theme, load_theme

FORMATS = ("pdf", "pptx")


@dataclass(frozen=True)
class Built:
    """One output: written (with what it holds) or skipped as up to date."""

    path: Path
    revision: str
    detail: str = ""
    size: int = 0
    seconds: float = 0.0

    @property
    def skipped(self) -> bool:
        return not self.detail

    def __str__(self) -> str:
        if self.skipped:
            return f"{self.path}: up to date (rev. {self.revision})"
        return f"{self.path}: {self.detail}, {self.size / 1024:,.0f} KB, {self.seconds:.2f} s"


@dataclass(frozen=True)
class SourceResult:
    """What building one source gave: files, or the lines of its error."""

    source: Path
    built: list[Built] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def outputs_of(source: Path, out_dir: Path) -> dict[str, Path]:
    """Where the outputs of ``source`` go, by format."""
    return {fmt: out_dir / f"{source.stem}.{fmt}" for fmt in FORMATS}


def inputs_of(source: Path, theme_path: Path) -> list[Path]:
    """Every file an output is made from, which no output may replace."""
    return [source, theme_path, *sorted(TEMPLATES.iterdir())]


def render(
    fmt: str, document: Document, theme: Theme, source: Path, output: Path, stamp: str, theme_path: Path
) -> Built:
    """Write one output of ``document``; renderers are imported only here.

    An output that is one of the inputs is refused before anything is rendered; a
    renderer's refusal is reported at the source's (or the theme's) ``file:line:col``.
    """
    started = time.perf_counter()
    check_target(output, inputs_of(source, theme_path))
    try:
        if fmt == "pdf":
            from exporter.pdf import write_pdf

            count, size = write_pdf(document, theme, source.parent, output, stamp)
            detail = f"{count} page{'' if count == 1 else 's'}"
        else:
            from exporter.slides import write_slides

            count, size = write_slides(document, theme, output, stamp)
            detail = f"{count} slide{'' if count == 1 else 's'}"
    except RenderError as exc:
        raise exc.located(source, theme_path, theme.positions) from None
    return Built(output, stamp, detail, size, time.perf_counter() - started)


def build_source(source: Path, theme_path: Path, out_dir: Path, force: bool = False) -> SourceResult:
    """Build the stale (or, with ``force``, all) outputs of one source."""
    try:
        stamp = revision(source, theme_path)
        targets = outputs_of(source, out_dir)
        stale = {fmt: path for fmt, path in targets.items() if force or read_stamp(path) != stamp}
        built = [Built(path, stamp) for fmt, path in targets.items() if fmt not in stale]
        if stale:
            document, theme = read_source(source), load_theme(theme_path)
            built += [render(fmt, document, theme, source, path, stamp, theme_path) for fmt, path in stale.items()]
    except ExporterError as exc:
        return SourceResult(source, errors=exc.lines())
    order = list(targets.values())
    return SourceResult(source, sorted(built, key=lambda b: order.index(b.path)))


def build(sources: list[Path], theme_path: Path, out_dir: Path, force: bool = False) -> Iterator[SourceResult]:
    """Build each source; in parallel worker processes when there are several."""
    if len(sources) == 1:
        yield build_source(sources[0], theme_path, out_dir, force)
        return
    from concurrent.futures import ProcessPoolExecutor  # only here: its import costs 16 ms

    workers = min(len(sources), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers, initializer=gc.set_threshold, initargs=GC_THRESHOLDS) as pool:
        jobs = [pool.submit(build_source, source, theme_path, out_dir, force) for source in sources]
        for job in jobs:
            yield job.result()
