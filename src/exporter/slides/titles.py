"""Slide titles told apart: no two slides of a deck share a title.

In: a ``Context`` and the planned slides, each with the section it belongs to (None outside sections).
Out: the slides, those whose titles would be shared retitled: the first slide of a section's own
points keeps its title; a summary slide titled like the cover takes the locale's
``executive_summary``; any other takes its section's title in front ("Section — Title") where
that tells it apart, else its ``tell`` after ("Title — Author", "Regions — Revenue, Growth": a
table is told by its header, ``table_tell``, never by a number the author did not write).
Slides of points in a row under one title are numbered as continued ("(1/2)").
Titles are rebuilt with ``frame.title_box``, so they are measured as every title is.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections import Counter
from collections.abc import Sequence

from exporter.model import Section, Table
from exporter.slides.context import Context
from exporter.slides.fit import Unfit
from exporter.slides.frame import numbered, title_box
from exporter.slides.shapes import Slide
from exporter.text.compare import squeeze
from exporter.text.language import canonical

TELL_LENGTH = 40
"""Columns (a CJK character takes two) of a table's header cells that tell its slide apart, at
most: whole cells, then "…"."""


def title_text(slide: Slide) -> str:
    """The text of a slide's title, without the line breaks the fitting put in."""
    return "".join(p.text for p in slide.title.paras).replace("\n", "")


def distinct(ctx: Context, slides: Sequence[Slide], owners: Sequence[Section | None]) -> list[Slide]:
    """``slides`` with no title shared; ``owners[i]`` is the section of ``slides[i]``. Slides of
    points in a row under one title are numbered as continued ("Section (1/2)", "Section (2/2)")."""
    slides = _continued(ctx, slides)
    texts = [title_text(s) for s in slides]
    counts = Counter(squeeze(t) for t in texts)
    out = []
    kept: set[str] = set()
    for slide, text, owner in zip(slides, texts, owners, strict=True):
        new = text
        if slide.kind == "section" and squeeze(text) not in kept:  # a section's points keep its title
            kept.add(squeeze(text))
        elif counts[squeeze(text)] > 1 and slide.kind != "cover":
            if slide.kind == "summary":
                new = ctx.theme.words.executive_summary or text
            elif owner is not None and squeeze(owner.title) not in squeeze(text):
                new = f"{owner.title} — {text}"
            elif slide.tell:
                new = f"{text} — {slide.tell}"
        if new != text and counts[squeeze(new)] == 0 and (retitled := _retitled(ctx, slide, new)) is not None:
            slide = retitled
            counts[squeeze(new)] += 1
        out.append(slide)
    return out


def _retitled(ctx: Context, slide: Slide, text: str) -> Slide | None:
    """``slide`` titled ``text``; None when that does not fit the title's box (the title stays)."""
    try:
        return dataclasses.replace(slide, title=title_box(ctx, text))
    except Unfit:
        return None


def _continued(ctx: Context, slides: Sequence[Slide]) -> list[Slide]:
    """``slides``, each run of slides of points in a row under one title numbered ("(1/2)")."""
    out = list(slides)
    start = 0
    while start < len(out):
        end = start + 1
        text = title_text(out[start])
        while (
            out[start].kind == "section"
            and end < len(out)
            and out[end].kind == "section"
            and squeeze(title_text(out[end])) == squeeze(text)
        ):
            end += 1
        for number in range(start, end) if end - start > 1 else ():
            made = _retitled(ctx, out[number], numbered(ctx, text, number - start + 1, end - start))
            out[number] = made or out[number]
        start = end
    return out


def table_tell(ctx: Context, table: Table) -> str:
    """The header cells that tell ``table``'s slide apart from another of its section's: those after
    the row labels' column ("Revenue, Growth"), or every one when another table of its section has
    the same, joined as the document's language lists words and cut after ``TELL_LENGTH`` columns."""
    measures = [" ".join(c.split()) for c in table.header[1:] if c.strip()]  # a cell's line breaks as spaces
    if not measures or ctx.measures[id(ctx.section_of(table)), tuple(table.header[1:])] > 1:
        measures = [" ".join(c.split()) for c in table.header if c.strip()]
    joiner = "、" if canonical(ctx.doc.meta.lang).split("-")[0] in ("ja", "zh") else ", "
    told = ""
    for cell in measures:
        longer = f"{told}{joiner}{cell}" if told else cell
        if told and _columns(longer) > TELL_LENGTH:
            return f"{told}{joiner}…"
        told = longer
    return told


def _columns(text: str) -> int:
    """Columns ``text`` takes: two for a wide (CJK) character, one for any other."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
