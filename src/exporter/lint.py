"""Check a source without writing anything: schema errors and what would hurt the deliverables.

In: the path of an article source and a ``Theme``.
Out: a sorted list of ``Problem``s — the source's schema errors (severity "error", from
``exporter.readers``), or, for a valid source, notes (severity "note", which ``--strict`` lets
pass: the language found when the source gives none, and which tables the deck chose to show when
none is marked key) and warnings (severity "warning") about empty
table cells, key tables without a headline, characters the bundled faces cannot show, very
long titles and text written twice, and every fit problem the deck's planner records
(``exporter.slides.plan``: a key table too wide for a slide even at the smallest table size,
a quote too long for a slide of its own, opening quotes too long to share one slide, a summary
slide that cannot hold its takeaways and figures, a slide title set on three lines, anything
else that would stop the deck), each at the node the planner was planning. Each points at
``path:line:col`` from the model's ``pos`` fields. A table marked as a chart that cannot be one is
warned about, and an unmarked table that looks like a chart gets a hint (severity "hint", which
fails no check, not even under ``--strict``).

Nothing here imports WeasyPrint or python-pptx: a check takes a fraction of a second.
"""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

from exporter.charts.plan import chart_problem, chartable
from exporter.errors import Problem, RenderError, SourceError
from exporter.model import BulletList, Document, Meta, Pos, Table
from exporter.readers import read_source as load
from exporter.report import notices
from exporter.slides import planned
from exporter.slides.chosen import MOST_TABLES, choose
from exporter.text.language import NAMES
from exporter.text.metrics import covered
from exporter.text.phrases import SHORT_TITLE_LENGTH, clipped
from exporter.theme import Theme

MAX_TITLE_LENGTH = 60
"""Longest ``meta.title`` (characters) that sets well on the cover and the title slide."""

MAX_SHORT_TITLE_LENGTH = SHORT_TITLE_LENGTH
"""Longest ``meta.short_title`` (characters), which runs in every page header."""

MAX_SECTION_TITLE_LENGTH = 80
"""Longest section title (characters) that still reads as a heading and a slide title."""

DECK_REFUSED = "the deck cannot be written"
"""Every warning about something that would stop ``exporter slides`` says so in these words."""

DUPLICATE_MIN_LENGTH = 12
"""Paragraphs and list items at least this long are reported when written twice anywhere;
shorter ones only when repeated inside one list."""

_IGNORED = {0xFE0E, 0xFE0F}
"""Variation selectors the PDF drops or never needs a glyph for."""


def check(
    source: str | Path,
    theme: Theme,
    resources: tuple[Path, ...] = (),
    template: Path | None = None,
    theme_path: Path | None = None,
    notes: bool = False,
) -> list[Problem]:
    """Every problem of the source at ``source`` (its images from its project or ``resources``) with
    the deck on ``template`` (None: the theme's, if any): its errors if invalid, else its warnings, and
    with ``notes`` what was found rather than read (the language, the file's date) and the tables the
    deck chose; sorted. A
    template's problem is reported at the theme's line that caused it (``theme_path``), else at the
    template."""
    try:
        document = load(source, resources)
    except SourceError as exc:
        return exc.problems
    linter = _Linter(str(source), theme, template if template is not None else theme.template, theme_path)
    if notes:
        if document.meta.lang_found:
            linter.problems.append(Problem(str(source), 1, 1, _language_note(document.meta), "note"))
        linter.problems += notices(str(source), document, "note")
        linter.chosen(document)
    linter.run(document)
    return sorted(linter.problems, key=lambda p: (p.path, p.line, p.column, p.message))


class _Linter:
    """Collects warnings about a valid document."""

    def __init__(self, path: str, theme: Theme, template: Path | None = None, theme_path: Path | None = None):
        self.path = path
        self.theme = theme
        self.template = template
        self.theme_path = theme_path
        self.problems: list[Problem] = []

    def warn(self, pos: Pos | None, message: str, severity: str = "warning") -> None:
        line, column = (pos.line, pos.column) if pos else (1, 1)
        self.problems.append(Problem(self.path, line, column, message, severity))

    def run(self, document: Document) -> None:
        for notice in document.notices:
            if notice.severity == "warning":
                self.warn(notice.pos, notice.message)
        self.titles(document)
        for table in document.tables():
            self.table(table)
        self.deck(document)
        self.duplicates(document)
        self.glyphs(document)

    def titles(self, document: Document) -> None:
        meta = document.meta
        if len(meta.title) > MAX_TITLE_LENGTH:
            self.warn(
                meta.pos,
                f"meta 'title' has {len(meta.title)} characters; more than {MAX_TITLE_LENGTH} crowds the cover "
                "and the title slide",
            )
        if meta.short_title != meta.title and len(meta.short_title) > MAX_SHORT_TITLE_LENGTH:
            self.warn(
                meta.pos,
                f"meta 'short_title' has {len(meta.short_title)} characters; more than {MAX_SHORT_TITLE_LENGTH} "
                "crowds the page headers",
            )
        for section in document.walk_sections():
            if len(section.title) > MAX_SECTION_TITLE_LENGTH:
                self.warn(
                    section.pos,
                    f"section title has {len(section.title)} characters; more than {MAX_SECTION_TITLE_LENGTH} "
                    "is hard to read as a heading or a slide title",
                )

    def table(self, table: Table) -> None:
        written = dict(table.padded)  # the reader warned of the cells it added
        for number, row in enumerate(table.rows, 1):
            empty = [str(j) for j, cell in enumerate(row[: written.get(number)], 1) if not cell.strip()]
            if empty:
                which = f"column {empty[0]}" if len(empty) == 1 else "columns " + ", ".join(empty)
                self.warn(table.pos, f"{table.named}, row {number}: empty cell in {which}")
        reason = chart_problem(table)
        if reason is not None:
            self.warn(table.chart.pos if table.chart else table.pos, f"{table.named} cannot be drawn as a chart: "
                      f"{reason}; it is shown as a table")  # fmt: skip
        elif chartable(table):
            self.warn(table.pos, f"{table.named} holds numbers: mark it .chart (chart: auto in YAML) "
                      "to draw it as a chart in both files", "hint")  # fmt: skip
        if table.key and not table.headline:
            self.warn(
                table.pos,
                f"key {table.named.removeprefix('this ')} has no 'headline'; its slide is titled with "
                + (
                    f"its caption '{table.caption}'"
                    if table.caption
                    else "the sentence before it or its section's heading"
                )
                + " instead of the table's message",
            )

    def note(self, pos: Pos | None, message: str) -> None:
        """A note: what a command chose, which ``--strict`` does not count as a problem."""
        line, column = (pos.line, pos.column) if pos else (1, 1)
        self.problems.append(Problem(self.path, line, column, message, "note"))

    def chosen(self, document: Document) -> None:
        """Which tables the deck shows and why, as one note at the first table, when the document
        marks none as key (the deck then chose them: ``exporter.slides.chosen``)."""
        choices = choose(document)
        if not choices or any(c.table.key for c in choices):
            return
        shown = [c for c in choices if c.shown]
        lines = [str(c.table.pos.line if c.table.pos else 0) for c in shown]
        if len(choices) == 1:
            why = "the document's only table"
        elif len(shown) == len(choices):
            why = f"all {len(choices)} of the document's tables (it shows up to {MOST_TABLES})"
        else:
            why = (f"the {len(shown)} of the document's {len(choices)} tables ranked first by their numbers, their "
                   "size and their position; the others are in the speaker notes")  # fmt: skip
        if len(shown) == 1:
            which = f"the table at line {lines[0]} on a slide of its own"
        else:
            which = f"the tables at lines {', '.join(lines[:-1])} and {lines[-1]} on slides of their own"
        self.note(choices[0].table.pos, f"the deck shows {which}: {why} (none is marked key)")

    def deck(self, document: Document) -> None:
        """What the deck's planner could not fit, each at its node: what refuses the deck says so."""
        try:
            plan, measured, _ = planned(document, self.theme, template=self.template)
        except RenderError as exc:  # the template cannot be read, or has no layout the theme names
            located = exc.located(self.path, self.theme_path or "", self.theme.positions) if self.theme_path else exc
            found = located.problems if isinstance(located, SourceError) else []
            self.problems += found or [Problem(str(self.template), 1, 1, str(exc), "error")]
            return
        if measured:
            self.warn(document.meta.pos, measured)
        for problem in plan.problems:
            message = problem.warning or problem.message
            if problem.refused:
                message += f"; {DECK_REFUSED}"
            if problem.advice:
                message += f" ({problem.advice})"
            self.warn(problem.pos, message)

    def duplicates(self, document: Document) -> None:
        seen: dict[str, Pos | None] = {}
        for text, pos, what in document.prose():
            key = " ".join(text.split())
            if len(key) < DUPLICATE_MIN_LENGTH:
                continue
            if key in seen:
                first = seen[key]
                where = f" on line {first.line}" if first else ""
                self.warn(pos, f"{what} repeats text already written{where}: '{clipped(key)}'")
            else:
                seen[key] = pos
        for block in document.blocks():
            if isinstance(block, BulletList):
                counts: dict[str, int] = {}
                for number, item in enumerate(block.items, 1):
                    key = " ".join(item.split())
                    if len(key) < DUPLICATE_MIN_LENGTH and key in counts:
                        self.warn(block.pos, f"list item {number} repeats item {counts[key]}: '{key}'")
                    counts.setdefault(key, number)

    def glyphs(self, document: Document) -> None:
        seen: set[str] = set()
        for text, pos, what in itertools.chain(document.printed_texts(), document.formulas()):
            for char in set(text) - seen:
                seen.add(char)
                if not _needs_glyph(char) or covered(char):
                    continue
                name = unicodedata.name(char, "unnamed")
                self.warn(
                    pos,
                    f"{what}: character U+{ord(char):04X} '{char}' ({name}) is in none of the bundled fonts; "
                    "it would print as a box",
                )


def _language_note(meta: Meta) -> str:
    """What ``check`` says of a language it found: the tag, its name and what was counted."""
    name = NAMES.get(meta.lang, "English")
    return (
        f"no meta 'lang': the text reads as {name} ({meta.lang}): {meta.lang_found}; set meta 'lang' to say otherwise"
    )


def _needs_glyph(char: str) -> bool:
    """Whether ``char`` is drawn: not white space, a control, a format character or a variation selector."""
    return not (char.isspace() or ord(char) in _IGNORED or unicodedata.category(char) in ("Cc", "Cf"))
