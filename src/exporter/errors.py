"""One exception family for everything a user can get wrong.

In: problems found anywhere in the pipeline (source, theme, rendering, output).
Out: exceptions the CLI turns into clean messages — ``path:line:col: error: …``
for each problem — and exit status 2, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One finding at a position in a file: an error or a warning."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


class ExporterError(Exception):
    """Base of every error the CLI reports cleanly (exit status 2)."""

    exit_code = 2

    def lines(self) -> list[str]:
        """The message, one line per problem."""
        return [str(self)]


class SourceError(ExporterError):
    """A source or theme file is invalid; carries every problem found, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]

    @classmethod
    def at(cls, path: str | Path, line: int, column: int, message: str) -> SourceError:
        """A single problem at one position."""
        return cls([Problem(str(path), line, column, message)])


class RenderError(ExporterError):
    """A renderer could not produce its file.

    ``pos`` (line, column in the source) or ``theme_key`` (a theme value such as
    ``confidentiality``) says what caused it; ``located`` turns it into a ``SourceError``
    at that ``file:line:col``.
    """

    def __init__(self, message: str, pos: object = None, theme_key: str | None = None):
        super().__init__(message)
        self.pos, self.theme_key = pos, theme_key

    def located(self, source: str | Path, theme_path: str | Path, theme_positions: dict) -> ExporterError:
        """This error at the position of its cause; itself when it has none."""
        if self.pos is not None:
            return SourceError.at(source, self.pos.line, self.pos.column, str(self))  # type: ignore[attr-defined]
        if self.theme_key in theme_positions:
            return SourceError.at(theme_path, *theme_positions[self.theme_key], str(self))
        return self


class OutputError(ExporterError):
    """An output could not be written, or failed verification; the previous file is intact."""
