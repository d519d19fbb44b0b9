"""What every part of the planner reads: the document, its theme and language, and where each block stands.

In: a ``Document``, a ``Theme``, optionally the revision stamp and the date.
Out: a ``Context`` — the theme localised to the document's language (its colours, slide sizes,
labels and fonts), the deck's language tag, the section holding each block, and the fit problems
recorded so far — handed to every layout function (``exporter.slides.layouts``) and to the text,
table and notes builders.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from exporter.model import Block, Document, Section
from exporter.slides.chosen import choose
from exporter.slides.fit import FitProblem
from exporter.slides.grid import DEFAULT_GRID, Grid
from exporter.slides.outline import folded
from exporter.text.fonts import deck_tag
from exporter.text.language import language_of
from exporter.theme import Colors, SlideSizes, Theme


@dataclass(frozen=True)
class Context:
    """One document being planned in one theme (already localised to the document's language)."""

    doc: Document
    theme: Theme
    revision: str | None
    date: dt.datetime
    lang: str
    """The deck's language tag (``ja-JP``, ``en-US``…)."""
    contexts: dict[int, tuple[Section | None, tuple[Block, ...]]]
    grid: Grid = DEFAULT_GRID
    """The boxes the slides are planned in: a company template's, or the default 16:9 grid."""
    problems: list[FitProblem] = field(default_factory=list)
    """What did not fit, in the order of the slides: refusals and warnings (``FitProblem``)."""
    set_texts: dict[tuple[object, ...], object] = field(default_factory=dict)
    """Texts already set (``exporter.slides.typeset``), by what they were set with: the planner sets
    the same point at the same size again as it packs a section's slides and tries their sizes."""

    @classmethod
    def of(
        cls,
        document: Document,
        theme: Theme,
        revision: str | None = None,
        date: dt.datetime | None = None,
        grid: Grid = DEFAULT_GRID,
    ) -> Context:
        """The context of ``document`` in ``theme`` on ``grid``; ``date`` defaults to the source's."""
        contexts: dict[int, tuple[Section | None, tuple[Block, ...]]] = {
            id(b): (None, document.intro) for b in document.intro
        }
        for section in document.walk_sections():  # Document.context_of, once for every block
            contexts.update((id(b), (section, section.blocks)) for b in section.blocks)
        lang = deck_tag(document.meta.lang)
        localised = theme.localised(document.meta.lang)
        return cls(document, localised, revision, date or document.meta.midnight, lang, contexts, grid)

    def lang_of(self, text: str) -> str:
        """The deck's tag for ``text``: its own language where its characters say so clearly
        (``exporter.text.language.language_of``), else the document's."""
        return deck_tag(language_of(text, self.doc.meta.lang))

    @property
    def colors(self) -> Colors:
        return self.theme.colors

    @property
    def sizes(self) -> SlideSizes:
        return self.theme.slides

    def record(self, problem: FitProblem) -> None:
        """Add ``problem`` to ``problems``, unless the same one is there already (a footer's, from every slide)."""
        if problem not in self.problems:
            self.problems.append(problem)

    def parent(self, section: Section) -> Section | None:
        return self.parents.get(id(section))

    @cached_property
    def parents(self) -> dict[int, Section]:
        """The section holding each subsection, by ``id`` of the subsection."""
        return {id(child): s for s in self.doc.walk_sections() for child in s.sections}

    @cached_property
    def heading_keys(self) -> frozenset[str]:
        """Every section title reduced to its letters and digits (``outline.contents`` matches them)."""
        return frozenset(folded(s.title) for s in self.doc.walk_sections())

    @cached_property
    def measures(self) -> Counter[tuple[int, tuple[str, ...]]]:
        """How many tables of each section have each row of header cells after the first, by the
        ``id`` of the section (None: the intro) and those cells (``titles.table_tell``)."""
        return Counter((id(self.section_of(t)), tuple(t.header[1:])) for t in self.doc.tables())

    @cached_property
    def figure_numbers(self) -> dict[int, int]:
        """Each image's figure number in the brief (a remote image is no figure), by ``id`` of the image."""
        return {id(image): n for n, image in enumerate((i for i in self.doc.images() if not i.remote), 1)}

    @cached_property
    def shown_tables(self) -> frozenset[int]:
        """The ``id`` of every table the deck shows on slides of its own (``exporter.slides.chosen``)."""
        return frozenset(id(c.table) for c in choose(self.doc) if c.shown)

    def section_of(self, block: Block) -> Section | None:
        return self.context_of(block)[0]

    def context_of(self, block: Block) -> tuple[Section | None, tuple[Block, ...]]:
        """The section holding ``block`` (None for the intro) and that section's blocks."""
        return self.contexts[id(block)]
