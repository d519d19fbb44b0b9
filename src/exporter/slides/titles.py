"""Slide titles told apart: no two slides of a deck share a title.

In: a ``Context`` and the planned slides, each with the section it belongs to (None outside sections).
Out: the slides, those whose titles would be shared retitled: the first slide of a section's own
points keeps its title; a summary slide titled like the cover takes the locale's
``executive_summary``; any other takes its section's title in front ("Section — Title") where
that tells it apart, else its ``tell`` after ("Title — Author", "Regions — Table 3").
Titles are rebuilt with ``frame.title_box``, so they are measured as every title is.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from exporter.model import Section
from exporter.slides.context import Context
from exporter.slides.frame import title_box
from exporter.slides.shapes import Slide
from exporter.text.compare import squeeze


def title_text(slide: Slide) -> str:
    """The text of a slide's title, without the line breaks the fitting put in."""
    return "".join(p.text for p in slide.title.paras).replace("\n", "")


def distinct(ctx: Context, slides: Sequence[Slide], owners: Sequence[Section | None]) -> list[Slide]:
    """``slides`` with no title shared; ``owners[i]`` is the section of ``slides[i]``."""
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
        if new != text and counts[squeeze(new)] == 0:
            slide = dataclasses.replace(slide, title=title_box(ctx, new))
            counts[squeeze(new)] += 1
        out.append(slide)
    return out
