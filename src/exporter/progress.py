"""What a long command is doing, on a terminal: files done of total and the time elapsed.

In: how many files a command will write, and the lines it prints as they are done.
Out: where stdout and stderr are both a terminal, a progress bar (rich) below the lines,
shown at once for several sources and after ``DELAY`` seconds for one, and removed when
the command ends; elsewhere (a pipe, a file, CI) only the lines, exactly as without it.
rich is imported only when the bar appears, so quick commands never pay for it.
"""

from __future__ import annotations

import sys
import threading
import time
from types import TracebackType

import click

DELAY = 1.0
"""Seconds of work on one source before the bar appears."""


class Progress:
    """``with Progress(total, what) as progress:`` then ``progress.echo(line)`` and ``progress.advance()``."""

    def __init__(self, total: int, what: str, delay: float = DELAY):
        self.total, self.what, self.delay = total, what, delay
        self.done = 0
        self.started = time.perf_counter()
        self.on_terminal = sys.stdout.isatty() and sys.stderr.isatty()
        self._lock = threading.Lock()
        self._bar = None  # rich.progress.Progress once shown
        self._task = None
        self._closed = False
        self._timer: threading.Timer | None = None

    def __enter__(self) -> Progress:
        if self.on_terminal:
            self._timer = threading.Timer(self.delay, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, kind: type | None, error: BaseException | None, trace: TracebackType | None) -> None:
        with self._lock:
            self._closed = True
            if self._timer:
                self._timer.cancel()
            if self._bar is not None:
                self._bar.stop()

    def echo(self, line: str, err: bool = False) -> None:
        """Print ``line`` as click would (above the bar while it is shown)."""
        with self._lock:
            if self._bar is None:
                click.echo(line, err=err)
            else:
                self._bar.console.print(line, markup=False, highlight=False, emoji=False, soft_wrap=True)

    def advance(self, files: int = 1) -> None:
        with self._lock:
            self.done += files
            if self._bar is not None:
                self._bar.update(self._task, completed=self.done)

    def _show(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, ProgressColumn, TextColumn
        from rich.progress import Progress as Bar
        from rich.text import Text

        started = self.started

        class Elapsed(ProgressColumn):
            def render(self, task: object) -> Text:
                return Text(f"{time.perf_counter() - started:.0f} s", style="progress.elapsed")

        with self._lock:
            if self._closed:
                return
            bar = Bar(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("files"), Elapsed(),
                transient=True, redirect_stdout=False, redirect_stderr=False,
            )  # fmt: skip
            self._task = bar.add_task(self.what, total=self.total, completed=self.done)
            bar.start()
            self._bar = bar
