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

from exporter.brand import Logo
from exporter.errors import RenderError, SourceError
from exporter.model import Document, Image
from exporter.pdf.tables import LANDSCAPE_MM, PORTRAIT_MM, TableLayout, layout
from exporter.project import DEFAULTS
from exporter.text.metrics import hanging, text_width
from exporter.text.phrases import phrases
from exporter.theme import Theme

TEXT_WIDTH_PT = (PORTRAIT_MM - 4) / 25.4 * 72
"""Width of a heading's line in points: the text column less 4 mm for the rule and padding
beside an h3."""

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
    """The caption to print beside the number; empty where it would repeat the heading right above."""
    layout: TableLayout
    """Its size, page and column widths (``exporter.pdf.tables``)."""
    whole: bool
    """Whether the table is short enough (``WHOLE_TABLE_ROWS``) to be kept on one page."""
    row_headers: tuple[bool, ...]
    """For each part of the table: whether its first column is tagged as row headers (``row_headers``)."""


def render_html(
    document: Document,
    theme: Theme,
    revision: str | None = None,
    date: dt.datetime | None = None,
    templates: tuple[Path, ...] = (DEFAULTS,),
    logo: Logo | None = None,
) -> str:
    """The brief as one HTML document; ``revision`` is the stamp stored in its metadata, ``date``
    its creation date (default: the source's date); ``logo`` heads the cover."""
    theme = theme.localised(document.meta.lang)
    columns = figure_columns(len(document.summary.figures))
    numbers = {id(image): number for number, image in enumerate(document.images(), 1)}

    def image_number(image: Image) -> int:
        return numbers[id(image)]

    return _render(
        "brief.html.j2",
        _environment(True, templates),
        doc=document,
        theme=theme,
        revision=revision,
        created=(date or document.meta.midnight).isoformat(),
        date_text=document.meta.date_text,
        tables=table_labels(document, theme.pdf.table_size),
        figure_columns=columns,
        figure_text_width=figure_text_width(columns) if columns else 0,
        heading_sizes={2: theme.pdf.h2_size, 3: theme.pdf.h3_size, 4: theme.pdf.body_size},
        image_number=image_number,
        logo=logo is not None,
    )


def render_css(
    document: Document,
    theme: Theme,
    revision: str | None = None,
    templates: tuple[Path, ...] = (DEFAULTS,),
    logo: Logo | None = None,
) -> str:
    """The brief's stylesheet, with the theme's values; ``revision`` is printed in the footer,
    ``logo`` at the left of the running head (``logo_width``: mm at the head's height)."""
    theme = theme.localised(document.meta.lang)
    footer = [theme.organisation, document.meta.date_text, *([f"rev. {revision}"] if revision else [])]
    running = {
        "short_title": document.meta.short_title,
        "confidentiality": theme.confidentiality,
        "footer": "  |  ".join(footer),
    }
    return _render(
        "brief.css.j2",
        _environment(False, templates),
        theme=theme,
        running=running,
        figure_gap=FIGURE_GAP_MM,
        widths={"portrait": PORTRAIT_MM, "landscape": LANDSCAPE_MM},
        logo_width=round(LOGO_HEIGHT_MM * _aspect(logo), 2) if logo is not None else 0,
        brand_weights=sorted(theme.brand_fonts),
        brand_family=BRAND_FAMILY,
        logo_height=LOGO_HEIGHT_MM,
    )


BRAND_FAMILY = "Brand Face"
"""The family the brief gives a theme's brand fonts, named before the bundled Noto face."""

LOGO_HEIGHT_MM = 4.0
"""The logo's height in the running head."""


def _aspect(logo: Logo) -> float:
    """Width over height of the logo (an SVG's from its ``viewBox``, else 3), within 1/4 and 8."""
    if logo.media_type == "image/svg+xml":
        from lxml import etree

        try:
            parser = etree.XMLParser(resolve_entities=False, no_network=True)
            box = (etree.fromstring(logo.data, parser).get("viewBox") or "").replace(",", " ").split()
            ratio = float(box[2]) / float(box[3]) if len(box) == 4 else 3.0
        except (etree.XMLSyntaxError, ValueError, ZeroDivisionError):
            ratio = 3.0
    else:
        from io import BytesIO

        from PIL import Image as Picture

        with Picture.open(BytesIO(logo.data)) as image:
            ratio = image.width / image.height
    return min(max(ratio, 0.25), 8.0)


def table_labels(document: Document, size: float) -> dict[str, TableLabel]:
    """Number every table in reading order and lay it out at ``size`` points (or smaller).

    A caption that only repeats the heading of the table's own section (a table without a caption
    takes its section's title) is not printed twice: the table is numbered alone.
    """
    labels = {}
    for number, table in enumerate(document.tables(), 1):
        whole = len(table.rows) <= WHOLE_TABLE_ROWS
        section, _ = document.context_of(table)
        caption = table.caption_under(section)
        if section and caption.strip() == section.title.strip():
            caption = ""
        plan = layout(table, size)
        heads = tuple(row_headers(len(part.columns), len(table.rows)) for part in plan.parts)
        labels[table.id] = TableLabel(number, caption, plan, whole, heads)
    return labels


def row_headers(columns: int, rows: int) -> bool:
    """Whether the first column's cells of a table of ``columns`` and ``rows`` head their rows for a
    screen reader (``<th scope="row">``).

    Only where data cells still outnumber header cells: in a two-column table (a label and a
    value) the column headers already name every value, and a table of more header cells than
    data cells reads as shredded headers to PDF/UA checkers. The column looks the same either way.
    """
    return columns + rows <= rows * (columns - 1)


FIGURE_GAP_MM = 2.5
"""Space between two figure cards of the summary, and their padding on each side."""


def figure_columns(count: int) -> int:
    """How many figure cards share a row of the summary: up to four, rows balanced (5 → 3 + 2)."""
    rows = -(-count // 4)
    return -(-count // rows) if count else 0


def figure_text_width(columns: int) -> float:
    """Width in points of the text inside one figure card when ``columns`` cards share a row."""
    text_mm = PORTRAIT_MM - (columns - 1) * FIGURE_GAP_MM
    return (text_mm / columns - 2 * FIGURE_GAP_MM) / 25.4 * 72


def phrased(text: str, size: float | None = None, width: float = TEXT_WIDTH_PT, weight: str = "bold") -> Markup:
    """Escape ``text`` and wrap each BudouX phrase in a no-wrap span, so lines break between phrases.

    With ``size`` (points, of ``weight``), a text that fits one line of ``width`` points gets
    no spans: it cannot break, and every span is a box WeasyPrint must lay out (0.05 s of the
    brief's layout); and a phrase wider than ``width`` is left breakable, so it wraps instead of
    running out of its box. Without it, phrases of up to ``LONGEST_KEPT_PHRASE`` are kept whole.
    """
    if size and text_width(text, size, weight) <= width:
        return Markup.escape(text)

    def kept(phrase: str) -> bool:
        return len(phrase) <= LONGEST_KEPT_PHRASE and not (size and text_width(phrase, size, weight) > width)

    return Markup("").join(
        Markup('<span class="phrase">{}</span>').format(p) if kept(p) else Markup.escape(p) for p in phrases(text)
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


def _render(name: str, env: jinja2.Environment, **context: object) -> str:
    """Template ``name`` rendered with ``context``; a broken template (a project's own, say) is a
    clean error at its ``file:line``, never a traceback."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise SourceError.at(exc.filename or name, exc.lineno or 1, 1, f"template: {exc.message}") from None
    except jinja2.TemplateError as exc:
        where = env.loader.get_source(env, name)[1] if isinstance(exc, jinja2.UndefinedError) else name
        raise RenderError(f"{where}: template {name}: {exc.message or exc}") from None


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
    env.filters["inline"] = inline
    env.filters["file_uri"] = file_uri
    env.tests["hanging"] = hanging
    return env
