"""Document model + theme → the brief's HTML and CSS, through Jinja2 templates.

In: a ``Document``, a ``Theme`` and the output's date; templates ``brief.html.j2`` and
``brief.css.j2``, each from the first of the template folders that holds it
(``exporter.project``: the project's, the theme's, exporter's defaults).
Out: two strings. HTML is autoescaped (markup in content is printed, never
interpreted); CSS strings are escaped by ``css_string``. No WeasyPrint here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from exporter.model import Document, Table
from exporter.project import DEFAULTS
from exporter.text.metrics import hanging, text_width
from exporter.text.phrases import phrases
from exporter.theme import Theme

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


def render_html(
    document: Document,
    theme: Theme,
    revision: str | None = None,
    date: dt.datetime | None = None,
    templates: tuple[Path, ...] = (DEFAULTS,),
) -> str:
    """The brief as one HTML document; ``revision`` is the stamp stored in its metadata, ``date``
    its creation date (default: the source's date)."""
    figures = document.summary.figures
    template = _environment(True, templates).get_template("brief.html.j2")
    return template.render(
        doc=document,
        theme=theme,
        revision=revision,
        created=(date or document.meta.midnight).isoformat(),
        date_text=document.meta.date_text,
        tables=table_labels(document),
        figure_widths=proportional_widths([len(f.value) for f in figures], minimum=6) if figures else (),
        heading_sizes={2: theme.pdf.h2_size, 3: theme.pdf.h3_size, 4: theme.pdf.body_size},
    )


def render_css(
    document: Document, theme: Theme, revision: str | None = None, templates: tuple[Path, ...] = (DEFAULTS,)
) -> str:
    """The brief's stylesheet, with the theme's values; ``revision`` is printed in the footer."""
    footer = [theme.organisation, document.meta.date_text, *([f"rev. {revision}"] if revision else [])]
    running = {
        "short_title": document.meta.short_title,
        "confidentiality": theme.confidentiality,
        "footer": "  |  ".join(footer),
    }
    return _environment(False, templates).get_template("brief.css.j2").render(theme=theme, running=running)


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
def _environment(autoescape: bool, templates: tuple[Path, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),  # the first folder holding a template wins
        finalize=text_presentation,
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["phrased"] = phrased
    env.filters["css_string"] = css_string
    env.tests["hanging"] = hanging
    return env
