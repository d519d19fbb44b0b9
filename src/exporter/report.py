"""Problems as a person reads them: many warnings of one kind grouped, not a wall of lines.

In: ``Problem``s (errors and warnings, each at ``file:line:col``, in order) and whether to list
every one.
Out: the lines to print. Errors are listed, each. Warnings are listed each too while no kind has
more than ``SHOWN + 1``; past that they are grouped by kind (the message with its quoted values
and numbers set aside), kinds in the order they first occur: the first ``SHOWN`` of each kind at
their positions, then how many more of it there are, and a last line with the totals. Every line
of a problem stays ``path:line:col: severity: message``, which editors jump to. The same on a
terminal and in a pipe or a CI log (a person reads both); ``verbose`` lists every warning, and
``exporter check --format json`` keeps every one for programs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from exporter.errors import Problem
from exporter.model import Document

SHOWN = 3
"""Warnings of one kind listed at their positions before the rest are counted."""

_VARIABLE = re.compile(r"<[^<>]*>|'[^']*'|\"[^\"]*\"|\([^()]*\)|U\+[0-9A-F]{4,6}|\d[\d,.]*")
"""What differs between two warnings of one kind: quoted texts, tags, parentheses, code points, numbers."""


def kind(problem: Problem) -> str:
    """The kind of ``problem``: its message with what varies from one occurrence to the next as ``…``."""
    return _VARIABLE.sub("…", problem.message)


def problem_lines(problems: Sequence[Problem], verbose: bool = False) -> list[str]:
    """The lines that report ``problems``: every one with ``verbose`` or when there are few of each
    kind, else errors each and warnings grouped by kind."""
    warnings = [p for p in problems if p.severity == "warning"]
    groups: dict[str, list[Problem]] = {}
    for problem in warnings:
        groups.setdefault(kind(problem), []).append(problem)
    if verbose or all(len(group) <= SHOWN + 1 for group in groups.values()):
        return [str(p) for p in problems]
    lines = [str(p) for p in problems if p.severity != "warning"]
    for group in groups.values():
        elided = len(group) > SHOWN + 1
        lines += [str(p) for p in (group[:SHOWN] if elided else group)]
        if elided:
            lines.append(f"  … and {len(group) - SHOWN:,} more of this kind ({len(group):,} in all)")
    lines.append(f"{len(warnings):,} warnings of {len(groups):,} kinds; --verbose lists every one")
    return lines


def notices(source: str, document: Document) -> list[Problem]:
    """What the reader of ``source`` replaced or left out (``Document.notices``: a placeholder for an
    image, a padded row, a dropped character), as warnings at their positions."""
    return [
        Problem(source, n.pos.line if n.pos else 1, n.pos.column if n.pos else 1, n.message, "warning")
        for n in document.notices
    ]
