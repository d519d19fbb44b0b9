"""Rebuild on every save, in one warm process.

In: a source, a theme and an output folder; file-system events from watchfiles.
Out: the outputs rebuilt after each change to the source, the theme or
``templates/`` (the up-to-date check skips saves that changed nothing), and one
line per file or per problem through ``echo``. A broken source is reported and
the watch goes on. Both renderers are imported once, before the first build.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import watchfiles

from exporter.build import SourceResult, build_source
from exporter.theme import TEMPLATES


def watch(
    source: Path,
    theme_path: Path,
    out_dir: Path,
    echo: Callable[[str, bool], None],
    stop: Callable[[], bool] | None = None,
) -> None:
    """Build now, then after every change, until interrupted (or ``stop()`` is true)."""
    import exporter.pdf.weasy  # warm: pay the engines imports once
    import exporter.slides.pptx  # noqa: F401

    report(build_source(source, theme_path, out_dir), echo)
    echo(f"watching {source}, {theme_path} and {TEMPLATES}/ — Ctrl-C to stop", False)
    watched = [source.resolve().parent, theme_path.resolve().parent, TEMPLATES]
    inputs = {source.resolve(), theme_path.resolve()}

    def relevant(change: watchfiles.Change, path: str) -> bool:
        path_ = Path(path).resolve()
        return path_ in inputs or path_.parent == TEMPLATES

    for _ in watchfiles.watch(
        *dict.fromkeys(watched), watch_filter=relevant, step=20, stop_event=_StopFlag(stop), yield_on_timeout=False
    ):
        report(build_source(source, theme_path, out_dir), echo)


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
