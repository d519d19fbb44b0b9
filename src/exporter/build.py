"""Build every output of one or more sources, skipping what is already up to date.

In: source paths, a theme path (or None: each project's own or the default), an output
folder, and whether to force.
Out: for each source, one file per renderer (``exporter.renderers``: ``out/<stem>.pdf``
and ``out/<stem>.pptx``) carrying the revision stamp of their inputs, and a ``SourceResult`` per source with one
``Built`` line per file (written or up to date) or the error lines. One source
builds in this process; several build in worker processes, one per core. The
up-to-date check reads the source (the stamp covers the images it shows) and the stamps
back without importing WeasyPrint or python-pptx. The
revision and the output date are computed here, once per source, and handed to the
renderers, which read no environment.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from exporter import GC_THRESHOLDS
from exporter.errors import ExporterError, Problem, RenderError
from exporter.model import Document
from exporter.output import check_target
from exporter.project import template_files, template_folders, theme_file
from exporter.readers import image_roots, read_source
from exporter.renderers import RENDERERS, Job, Renderer, read_stamp
from exporter.report import notices
from exporter.revision import output_date, revised
from exporter.theme import deck_template, load_theme


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
    warnings: list[Problem] = field(default_factory=list)
    """What the reader replaced or left out, when an output was written (none when all were up to date)."""


def outputs_of(source: Path, out_dir: Path) -> dict[Renderer, Path]:
    """Where the outputs of ``source`` go, by renderer."""
    return {renderer: out_dir / f"{source.stem}{renderer.suffix}" for renderer in RENDERERS}


def prepare(
    source: Path,
    theme_path: Path,
    stamp: str,
    document: Document | None = None,
    resources: tuple[Path, ...] = (),
    template: Path | None = None,
) -> Job:
    """Read the source (unless ``document`` was read with the stamp; its images from its project or
    ``resources``) and the theme; the output date, template folders and the deck's template
    (``template``, else the theme's) are decided here, once."""
    document = document or read_source(source, resources)
    theme = load_theme(theme_path)
    folders = template_folders(source, theme_path)
    roots = image_roots(source, resources)
    deck = deck_template(theme_path, template) if template is not None else theme.template
    return Job(document, theme, source, theme_path, folders, stamp, output_date(document), roots, deck)


def inputs_of(job: Job) -> list[Path]:
    """Every file an output is made from, which no output may replace."""
    deck = [job.template] if job.template is not None else []
    return [job.source, job.theme_path, *template_files(job.templates).values(), *deck]


def render(renderer: Renderer, job: Job, output: Path) -> Built:
    """Write one output of ``job``; the renderer imports its engine only then.

    An output that is one of the inputs is refused before anything is rendered; a
    renderer's refusal is reported at the source's (or the theme's) ``file:line:col``.
    """
    started = time.perf_counter()
    check_target(output, inputs_of(job))
    try:
        count, size = renderer.write(job, output)
    except RenderError as exc:
        raise exc.located(job.source, job.theme_path, job.theme.positions) from None
    return Built(output, job.revision, renderer.describe(count), size, time.perf_counter() - started)


def build_source(
    source: Path,
    theme: Path | None,
    out_dir: Path,
    force: bool = False,
    on_built: Callable[[Built], None] | None = None,
    resources: tuple[Path, ...] = (),
    template: Path | None = None,
) -> SourceResult:
    """Build the stale (or, with ``force``, all) outputs of one source with ``theme`` (None: the
    project's or the default, see ``exporter.project``), its images from its project or
    ``resources``, the deck on ``template`` (None: the theme's, if any); ``on_built`` hears of each
    file in turn."""
    built: list[Built] = []
    try:
        theme_path = theme_file(source, theme)
        stamp, document = revised(source, theme_path, resources, template)  # a save while reading: stale
        job = None
        for renderer, path in outputs_of(source, out_dir).items():
            if not force and read_stamp(path) == stamp:
                built.append(Built(path, stamp))
            else:
                job = job or prepare(source, theme_path, stamp, document, resources, template)
                built.append(render(renderer, job, path))
            if on_built:
                on_built(built[-1])
    except ExporterError as exc:
        return SourceResult(source, errors=exc.lines())
    return SourceResult(source, built, warnings=notices(str(source), job.document) if job else [])


def build(
    sources: list[Path],
    theme: Path | None,
    out_dir: Path,
    force: bool = False,
    on_built: Callable[[Built], None] | None = None,
    resources: tuple[Path, ...] = (),
    template: Path | None = None,
) -> Iterator[SourceResult]:
    """Build each source (its images from its project or ``resources``); in parallel worker processes
    when there are several. ``on_built`` hears of each file: as it is done for one source, for several
    when its source's result comes back."""
    if len(sources) == 1:
        yield build_source(sources[0], theme, out_dir, force, on_built, resources, template)
        return
    from concurrent.futures import ProcessPoolExecutor  # only here: its import costs 16 ms

    workers = min(len(sources), os.cpu_count() or 1)
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=_worker_context(), initializer=gc.set_threshold, initargs=GC_THRESHOLDS
    ) as pool:
        jobs = [
            pool.submit(build_source, source, theme, out_dir, force, None, resources, template) for source in sources
        ]
        for job in jobs:
            result = job.result()
            for built in result.built if on_built else ():
                on_built(built)
            yield result


def _worker_context():  # type: ignore[no-untyped-def]
    """How the workers are started: from a fork server, which imports the build once and forks them
    from its single thread (``spawn`` where there is none: Windows). Forking the command itself
    would copy its locks as other threads held them — the progress bar imports rich from a timer
    thread as the workers start, and a worker forked then waits forever on the import lock."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["exporter.build"])
    return context
