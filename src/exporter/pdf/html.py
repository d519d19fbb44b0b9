"""Document model + theme → the brief's HTML and CSS, through Jinja2 templates.

In: a ``Document`` and a ``Theme``; templates ``brief.html.j2`` and ``brief.css.j2``
from the project's ``templates/`` folder.
Out: two strings. HTML is autoescaped (markup in content is printed, never
interpreted); CSS strings are escaped by ``css_string``. No WeasyPrint here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from exporter.model import Document, Image, Table
from exporter.revision import output_date
from exporter.text.metrics import hanging, text_width
from exporter.text.phrases import phrases
from exporter.theme import TEMPLATES, Theme

TEXT_WIDTH_PT = (210 - 2 * 18 - 4) / 25.4 * 72
"""Width of a heading's line in points: A4 less the page margins of ``brief.css.j2`` and
4 mm for the rule and padding beside an h3."""

LONGEST_KEPT_PHRASE = 16
"""Phrases up to this many characters are kept on one line; longer ones (a run of letters,
a URL) may break anywhere, so they wrap instead of running off the page."""


WHOLE_TABLE_ROWS = 15
"""Tables with at most this many rows are never split across pages (even at two lines a row
they fill under two thirds of one); longer ones run over pages with their header repeated."""


@dataclass(frozen=True)
class TableLabel:
    """How the brief numbers and names a table: 表N and a caption."""

    number: int
    caption: str
    widths: tuple[int, ...]
    """Column widths in percent, from the longest text in each column."""
    whole: bool
    """Whether the table is short enough (``WHOLE_TABLE_ROWS``) to be kept on one page."""


def render_html(document: Document, theme: Theme, revision: str | None = None) -> str:
    """The brief as one HTML document; ``revision`` is the stamp stored in its metadata."""
    figures = document.summary.figures
    numbers = {id(image): number for number, image in enumerate(document.images(), 1)}

    def image_number(image: Image) -> int:
        return numbers[id(image)]

    template = _environment(autoescape=True).get_template("brief.html.j2")
    return template.render(
        doc=document,
        theme=theme,
        revision=revision,
        created=output_date(document).isoformat(),
        date_text=document.meta.date_text,
        tables=table_labels(document),
        figure_widths=proportional_widths([len(f.value) for f in figures], minimum=6) if figures else (),
        heading_sizes={2: theme.pdf.h2_size, 3: theme.pdf.h3_size, 4: theme.pdf.body_size},
        image_number=image_number,
    )


def render_css(document: Document, theme: Theme, revision: str | None = None) -> str:
    """The brief's stylesheet, with the theme's values; ``revision`` is printed in the footer."""
    footer = [theme.organisation, document.meta.date_text, *([f"rev. {revision}"] if revision else [])]
    running = {
        "short_title": document.meta.short_title,
        "confidentiality": theme.confidentiality,
        "footer": "  |  ".join(footer),
    }
    return _environment(autoescape=False).get_template("brief.css.j2").render(theme=theme, running=running)


def table_labels(document: Document) -> dict[str, TableLabel]:
    """Number every table in reading order; a table without caption takes its section's title."""
    labels = {}
    for number, table in enumerate(document.tables(), 1):
        whole = len(table.rows) <= WHOLE_TABLE_ROWS
        labels[table.id] = TableLabel(number, document.caption_of(table), column_widths(table), whole)
    return labels


def column_widths(table: Table) -> tuple[int, ...]:
    """Percent widths of a table's columns, from the longest text in each column.

    Fixed widths let WeasyPrint lay tables out without measuring every cell twice.
    """
    columns = zip(table.header, *table.rows, strict=True)
    return proportional_widths([max(len(cell) for cell in column) for column in columns])


def proportional_widths(lengths: list[int], minimum: int = 1) -> tuple[int, ...]:
    """Percent widths summing to 100, proportional to ``lengths`` (each at least ``minimum``),
    and never under half of an even share."""
    floor = 50 / len(lengths)
    weights = [max(length, minimum) for length in lengths]
    shares = [max(floor, 100 * w / sum(weights)) for w in weights]
    exact = [share * 100 / sum(shares) for share in shares]
    widths = [int(x) for x in exact]  # each at least int(floor) >= 2 while there are at most 25 columns
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - widths[i], reverse=True)
    for index in by_remainder[: 100 - sum(widths)]:
        widths[index] += 1
    return tuple(widths)


def phrased(text: str, one_line_at: float | None = None) -> Markup:
    """Escape ``text`` and wrap each BudouX phrase in a no-wrap span, so lines break between phrases.

    With ``one_line_at`` (a bold size in points), a text that fits one line of the page's
    text width at that size gets no spans: it cannot break, and every span is a box
    WeasyPrint must lay out (0.05 s of the brief's layout).
    """
    if one_line_at and text_width(text, one_line_at, "bold") <= TEXT_WIDTH_PT:
        return Markup.escape(text)
    return Markup("").join(
        Markup('<span class="phrase">{}</span>').format(p) if len(p) <= LONGEST_KEPT_PHRASE else Markup.escape(p)
        for p in phrases(text)
    )


def inline(text: str) -> Markup:
    """Escape ``text`` and set its spans (a ``Text``'s bold, italic, code and links) as HTML;
    a line break inside the text becomes ``<br>``."""
    spans = getattr(text, "spans", None)
    if not spans or not text.styled:  # type: ignore[attr-defined]
        return _breaks(Markup.escape(text))
    parts = []
    for span in spans:
        piece = _breaks(Markup.escape(span.text))
        if span.code:
            piece = Markup("<code>{}</code>").format(piece)
        if span.italic:
            piece = Markup("<em>{}</em>").format(piece)
        if span.bold:
            piece = Markup("<strong>{}</strong>").format(piece)
        if span.href:
            piece = Markup('<a href="{}">{}</a>').format(span.href, piece)
        parts.append(piece)
    return Markup("").join(parts)


def _breaks(markup: Markup) -> Markup:
    return Markup(markup.replace("\n", Markup("<br>"))) if "\n" in markup else markup


def file_uri(path: str) -> str:
    """The ``file:`` URL of an image's file (the reader resolved it inside the source's folder)."""
    return Path(path).as_uri()


def text_presentation(value: object) -> object:
    """Drop U+FE0F (emoji presentation): the bundled face draws such symbols (♨) in text style,
    and asking for emoji style would pull in a system emoji font."""
    return value.replace("\ufe0f", "") if isinstance(value, str) else value


def css_string(value: object) -> str:
    """``value`` as a double-quoted CSS string; quotes, backslashes, newlines and ``<`` escaped."""
    out = []
    for char in str(value):
        if char in '"\\<>' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


@cache
def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        finalize=text_presentation,
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["phrased"] = phrased
    env.filters["css_string"] = css_string
    env.filters["inline"] = inline
    env.filters["file_uri"] = file_uri
    env.tests["hanging"] = hanging
    return env
