"""The slides renderer: a document model and a theme in, a verified .pptx out.

In: a ``Document``, a ``Theme``, the output path and optionally the revision stamp, the date and
a company template (.pptx or .potx) to draw the deck on (``exporter.slides.template``).
Out: the file, written atomically (``exporter.output``) after re-reading it (``pptx.read_back``) and
finding every cell of the tables it shows (``exporter.slides.chosen``); returns (slides, bytes).
What the plan could not fit is a ``RenderError`` at the source node of the first such problem. Planning (``plan``)
is pure; writing (``pptx``) is the only place python-pptx is used; raw XML lives in ``ooxml``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.errors import OutputError, RenderError
from exporter.firstuse import on_first_use
from exporter.model import Document
from exporter.output import write_atomically
from exporter.slides.chosen import choose
from exporter.slides.plan import Plan, plan_deck
from exporter.text.compare import squeeze
from exporter.theme import Theme

PPTX_DEFERRED = {"urllib.request": (), "PIL.Image": ()}
"""What python-pptx imports and a deck of text and tables never runs (``exporter.firstuse``):
``urllib.request``, which ``xml.sax.saxutils`` imports for a function python-pptx never calls (with
``http.client``, ``email`` and ``ssl``), and ``PIL.Image``, used only for a picture. 40 ms a deck."""


def _import_pptx() -> None:
    """Import python-pptx, with ``PPTX_DEFERRED`` imported on first use; before any module here imports it."""
    with on_first_use(PPTX_DEFERRED):
        import pptx  # noqa: F401


def planned(
    document: Document,
    theme: Theme,
    revision: str | None = None,
    date: dt.datetime | None = None,
    template: Path | None = None,
) -> tuple[Plan, str, tuple | None]:  # type: ignore[type-arg]
    """The plan of the deck — on ``template``'s grid, colours and faces when there is one, or on a
    roomier grid (``template.roomier``) when something does not fit in the template's boxes — what
    ``exporter check`` says of how it was measured (empty without a template), and the opened
    template with its layout by role (None without one) for the writer."""
    if template is None:
        return plan_deck(document, theme, revision, date), "", None
    _import_pptx()
    from exporter.slides.template import branded, measured_with, read_template, roomier

    presentation, chosen, found = read_template(template, theme.layouts)
    theme = branded(theme, found.brand)
    plan = plan_deck(document, theme, revision, date, found.grid)
    if any(p.refused for p in plan.problems):  # a template's boxes too tight for the document
        roomy = plan_deck(document, theme, revision, date, roomier(found.grid))
        plan = plan if any(p.refused for p in roomy.problems) else roomy
    return plan, measured_with(found.brand), (presentation, chosen)


def write_slides(
    document: Document,
    theme: Theme,
    output: Path,
    revision: str | None = None,
    date: dt.datetime | None = None,
    template: Path | None = None,
) -> tuple[int, int]:
    """Plan the deck, write it to ``output`` atomically and return (slide count, size in bytes).

    ``revision`` (see ``exporter.revision``) goes into the footer and the core properties,
    ``date`` (default: the source's) into the core properties; ``template`` is the company's
    .pptx or .potx the deck is drawn on (its layouts, placeholders, colours and faces).
    """
    _import_pptx()
    from exporter.slides.pptx import read_back, write_pptx

    plan, _, opened = planned(document, theme, revision, date, template)
    deck = plan.deck_to_write()
    # a template whose theme names no East Asian face: its placeholders name the theme's
    east_asian = deck.east_asian if opened is not None and not deck.east_asian.startswith("+") else ""
    left = {p.pos for p in plan.problems}  # a table the deck chose but could not fit is in the notes
    chosen = {id(c.table) for c in choose(document) if c.shown and (c.table.key or c.table.pos not in left)}
    shown = [t for t in document.tables() if id(t) in chosen or t is document.summary.takeaways]

    def verify(path: Path) -> None:
        try:
            found, cells = read_back(path)
        except Exception as exc:  # python-pptx raises many kinds on a broken package
            raise OutputError(f"{output}: the written deck does not re-open ({exc})") from None
        expected = (len(deck.slides), deck.width, deck.height)
        if found != expected:
            raise OutputError(f"{output}: the written deck has (slides, width, height) {found}, expected {expected}")
        drawn = {squeeze(cell) for cell in cells}
        for table in shown:
            for text in (*table.header, *(cell for row in table.rows for cell in row)):
                if squeeze(text) not in drawn:
                    raise RenderError(
                        f"slides: a cell of {table.named}, '{text[:40]}', is missing from the written deck; "
                        "nothing was replaced",
                        pos=table.pos,
                    )

    size = write_atomically(Path(output), lambda path: write_pptx(deck, path, opened, east_asian), verify)
    return len(deck.slides), size
