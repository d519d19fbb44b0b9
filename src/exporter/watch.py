"""Rebuild on every save, in one warm process.

In: a source, a theme and an output folder; file-system events from watchfiles.
Out: the outputs rebuilt after each change to the source, an image it shows, the theme
or a template folder (``exporter.project``; saves that change nothing are skipped), and one
line per file or per problem through ``echo``. A broken source is reported and
the watch goes on. Every renderer's engine is imported once, before the first build.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import watchfiles

from exporter.build import SourceResult, build_source
from exporter.errors import ExporterError
from exporter.model import Image
from exporter.project import source_file, template_folders
from exporter.readers import read_source
from exporter.renderers import RENDERERS
from exporter.revision import inputs_digest, with_images
from exporter.theme import brand_inputs


def watch(
    source: Path,
    theme_path: Path,
    out_dir: Path,
    echo: Callable[[str, bool], None],
    stop: Callable[[], bool] | None = None,
    resources: tuple[Path, ...] = (),
    template: Path | None = None,
) -> None:
    """Build now, then after every change, until interrupted (or ``stop()`` is true); the source's
    images come from its project or ``resources``, the deck is drawn on ``template`` (None: the
    theme's, if any).

    Besides the file events, the inputs' revision is checked every ``POLL_MS``, so a
    save that lands before the watcher is up (or an event a file system drops) is
    still built — an image in a folder the source did not show at the start among them.
    """
    source = source_file(source)  # a link out of the project is refused before anything is watched
    templates = template_folders(source, theme_path)
    decks = [path.resolve() for _, path in brand_inputs(theme_path, template)]  # the deck's template, the logo
    for renderer in RENDERERS:  # warm: pay the engines' imports once
        for module in renderer.warm:
            importlib.import_module(module)

    inputs = _Inputs(source, theme_path, resources, template)
    last = inputs.current()
    shown = {image.parent for image in inputs.images}  # images beside the source or anywhere in the project
    folders = dict.fromkeys(
        [source.resolve().parent, theme_path.resolve().parent, *templates, *sorted(shown), *(d.parent for d in decks)]
    )
    for folder in folders:
        if not folder.is_dir():
            raise ExporterError(f"{folder}: no such folder to watch")
    report(build_source(source, theme_path, out_dir, resources=resources, template=template), echo)
    echo(f"watching {source}, {theme_path} and {', '.join(f'{p}/' for p in templates)} — Ctrl-C to stop", False)
    files = {source.resolve(), theme_path.resolve(), *decks}

    def relevant(change: watchfiles.Change, path: str) -> bool:
        try:
            resolved = Path(path).resolve()
        except (RuntimeError, OSError):  # a loop of links: no input of ours
            return False
        return (
            resolved in files
            or resolved in inputs.images
            or (resolved.parent in templates and resolved.suffix == ".j2")
        )

    for _ in watchfiles.watch(
        *folders, watch_filter=relevant, step=20, rust_timeout=POLL_MS, yield_on_timeout=True,
        stop_event=_StopFlag(stop),
    ):  # fmt: skip
        current = inputs.current()
        if current != last:
            last = current
            report(build_source(source, theme_path, out_dir, resources=resources, template=template), echo)


POLL_MS = 500
"""How often the inputs' revision is compared even without a file event."""


class _Inputs:
    """The inputs' revision as a build would stamp it, or None while a file is missing (an editor
    mid-save). The source is read again only when its bytes (or the theme's, or a template's)
    change, to learn which images it shows; between, only the images are hashed again."""

    def __init__(self, source: Path, theme_path: Path, resources: tuple[Path, ...] = (), template: Path | None = None):
        self.source, self.theme_path, self.resources, self.template = source, theme_path, resources, template
        self.read: str | None = None
        """The hash of the inputs when the source was last read."""
        self.shown: tuple[Image, ...] = ()
        self.images: frozenset[Path] = frozenset()
        """The image files the source showed when it was last read."""

    def current(self) -> str | None:
        try:
            digest = inputs_digest(self.source, self.theme_path, self.template)
        except ExporterError:
            return None
        if digest.hexdigest() != self.read:
            self.read = digest.hexdigest()
            try:
                self.shown = tuple(read_source(self.source, self.resources).images())
            except ExporterError:  # a broken source: its bytes alone tell one save from the next
                self.shown = ()
            self.images = frozenset(Path(i.path) for i in self.shown if i.path is not None)
        try:
            return with_images(digest, self.source, self.shown)
        except ExporterError:
            return None


def report(result: SourceResult, echo: Callable[[str, bool], None]) -> None:
    """One line per file built, or the problems of a broken source on stderr."""
    for line in result.errors:
        echo(line, True)
    for built in result.built:
        echo(str(built), False)


class _StopFlag:
    """Adapts a ``stop()`` callable to the ``is_set()`` that watchfiles polls."""

    def __init__(self, stop: Callable[[], bool] | None):
        self.stop = stop

    def is_set(self) -> bool:
        return bool(self.stop and self.stop())
