"""Document model + theme → the brief's HTML and CSS, through Jinja2 templates.

In: a ``Document``, a ``Theme`` and the output's date; templates ``brief.html.j2`` and
``brief.css.j2``, each from the first of the template folders that holds it
(``exporter.project``: the project's, the theme's, exporter's defaults).
Out: two strings. HTML is autoescaped (markup in content is printed, never
interpreted); CSS strings are escaped by ``css_string``. No WeasyPrint here.

Templates are a brand kit's, which may come from anywhere: they run in ``exporter.sandbox``
(Jinja's sandbox, loading only the ``*.j2`` files of the template folders). What a template
cannot do is a clean error at its ``file:line``.
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from exporter.brand import Logo
from exporter.charts.plan import chart_of, palette
from exporter.charts.svg import Colours, svg
from exporter.errors import ExporterError, RenderError, SourceError
from exporter.model import Document, Image, Span
from exporter.pdf.breaks import keeps_whole, table_fits, tall_rows
from exporter.pdf.tables import LANDSCAPE_MM, PORTRAIT_MM, TableLayout, layout
from exporter.project import DEFAULTS
from exporter.sandbox import Sandbox, TemplateFolders, not_a_template
from exporter.text.fonts import Fallback, pdf_family
from exporter.text.formula import html as formula_html
from exporter.text.language import canonical, language_of
from exporter.text.metrics import hanging, text_width
from exporter.text.phrases import phrases
from exporter.theme import Theme, numbered

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
    """Whether the table is short enough (``WHOLE_TABLE_ROWS``, and less than a page:
    ``exporter.pdf.breaks``) to be kept on one page."""
    row_headers: tuple[bool, ...]
    """For each part of the table: whether its first column is tagged as row headers (``row_headers``)."""
    tall_rows: frozenset[int] = frozenset()
    """The rows (from 0) too tall for a page to keep them whole: a page break may cut them."""


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
    figures = {id(image): number for number, image in enumerate((i for i in document.images() if not i.remote), 1)}

    def image_number(image: Image) -> int:
        """A figure's number; a remote image is no figure (the brief frames its alt text and address in
        the line), 0 for a template of the project's own that numbers it anyway."""
        return figures.get(id(image), 0)

    def image_src(image: Image) -> str:
        """Where the brief reads an image: its file, or the PNG the reader made of it (``embedded``)."""
        if image.data is not None:
            return f"{IMAGE_SCHEME}:{numbers[id(image)]}"
        return file_uri(image.path or "")

    return _render(
        "brief.html.j2",
        _environment(True, templates),
        doc=document,
        theme=theme,
        revision=revision,
        created=(date or document.meta.midnight).isoformat(),
        date_text=theme.words.date_text(document.meta.date),
        tables=table_labels(document, theme.pdf.table_size),
        charts=chart_figures(document, theme),
        figure_columns=columns,
        figure_text_width=figure_text_width(columns) if columns else 0,
        heading_sizes={2: theme.pdf.h2_size, 3: theme.pdf.h3_size, 4: theme.pdf.body_size},
        image_number=image_number,
        keeps_whole=lambda block: keeps_whole(block, theme),
        image_src=image_src,
        logo=logo is not None,
    )


def render_css(
    document: Document,
    theme: Theme,
    revision: str | None = None,
    templates: tuple[Path, ...] = (DEFAULTS,),
    fallbacks: tuple[Fallback, ...] = (),
    logo: Logo | None = None,
) -> str:
    """The brief's stylesheet, with the theme's values; ``revision`` is printed in the footer;
    ``fallbacks`` are the faces after the CJK one (``exporter.pdf.fonts.fallbacks_for``); ``logo``
    at the left of the running head (``logo_width``: mm at the head's height)."""
    theme = theme.localised(document.meta.lang)
    date = theme.words.date_text(document.meta.date)
    footer = [theme.organisation, date, *([f"rev. {revision}"] if revision else [])]
    running = {
        "short_title": document.meta.short_title,
        "confidentiality": theme.confidentiality or "",
        "footer": "  |  ".join(part for part in footer if part),
    }
    family = pdf_family(theme.fonts.pdf, document.meta.lang)
    return _render(
        "brief.css.j2",
        _environment(False, templates),
        theme=theme,
        running=running,
        figure_gap=FIGURE_GAP_MM,
        widths={"portrait": PORTRAIT_MM, "landscape": LANDSCAPE_MM},
        family=family,
        fallbacks=[(f.family, f.key) for f in fallbacks],
        families=", ".join(
            css_string(name)
            for name in (*([BRAND_FAMILY] if theme.brand_fonts else []), family, *(f.family for f in fallbacks))
        ),
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


IMAGE_SCHEME = "exporter-image"
"""URLs ``exporter-image:<number>`` name the PNG or JPEG bytes of the document's image of that number
(``Image.data``: converted or downscaled by the reader), which the PDF renderer serves from memory."""


def embedded(document: Document) -> dict[str, bytes]:
    """The PNG or JPEG bytes of each image the reader converted or downscaled, by its ``IMAGE_SCHEME`` path."""
    return {str(n): image.data for n, image in enumerate(document.images(), 1) if image.data is not None}


def table_labels(document: Document, size: float) -> dict[str, TableLabel]:
    """Number every table in reading order and lay it out at ``size`` points (or smaller).

    A caption that only repeats the heading of the table's own section (a table without a caption
    takes its section's title) is not printed twice: the table is numbered alone.
    """
    labels = {}
    for number, table in enumerate(document.tables(), 1):
        section, _ = document.context_of(table)
        caption = table.caption_under(section)
        if section and caption.strip() == section.title.strip():
            caption = ""
        plan = layout(table, size)
        whole = len(table.rows) <= WHOLE_TABLE_ROWS and table_fits(table, plan)
        heads = tuple(row_headers(len(part.columns), len(table.rows)) for part in plan.parts)
        labels[table.id] = TableLabel(number, caption, plan, whole, heads, tall_rows(table, plan))
    return labels


def row_headers(columns: int, rows: int) -> bool:
    """Whether the first column's cells of a table of ``columns`` and ``rows`` head their rows for a
    screen reader (``<th scope="row">``).

    Only where data cells still outnumber header cells: in a two-column table (a label and a
    value) the column headers already name every value, and a table of more header cells than
    data cells reads as shredded headers to PDF/UA checkers. The column looks the same either way.
    """
    return columns + rows <= rows * (columns - 1)


def chart_figures(document: Document, theme: Theme) -> dict[str, Markup]:
    """The SVG chart of every table the source marks as one (``exporter.charts``), by table id,
    across the text column in the theme's colours and face."""
    colors = theme.colors
    colours = Colours(palette(colors.primary, colors.accent, colors.muted), colors.text, colors.muted, colors.rule,
                      colors.on_primary)  # fmt: skip
    width = PORTRAIT_MM / 25.4 * 72
    return {
        table.id: Markup(svg(chart, colours, theme.fonts.pdf, width))
        for table in document.tables()
        if (chart := chart_of(table)) is not None
    }


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


@jinja2.pass_context
def phrased(
    context: jinja2.runtime.Context,
    text: str,
    size: float | None = None,
    width: float = TEXT_WIDTH_PT,
    weight: str = "bold",
) -> Markup:
    """Escape ``text`` and wrap each BudouX phrase in a no-wrap span, so lines break between phrases.

    With ``size`` (points, of ``weight``), a text that fits one line of ``width`` points gets
    no spans: it cannot break, and every span is a box WeasyPrint must lay out (0.05 s of the
    brief's layout); and a phrase wider than ``width`` is left breakable, so it wraps instead of
    running out of its box. Without it, phrases of up to ``LONGEST_KEPT_PHRASE`` are kept whole.
    Phrases are those of the text's own language in the document's (``context["doc"]``).
    """
    if size and text_width(text, size, weight) <= width:
        return Markup.escape(text)

    def kept(phrase: str) -> bool:
        return len(phrase) <= LONGEST_KEPT_PHRASE and not (size and text_width(phrase, size, weight) > width)

    return Markup("").join(
        Markup('<span class="phrase">{}</span>').format(p) if kept(p) else Markup.escape(p)
        for p in phrases(text, language_of(str(text), context["doc"].meta.lang))
    )


def inline(text: str) -> Markup:
    """Escape ``text`` and set its spans (a ``Text``'s bold, italic, code, links, raised and lowered
    text) as HTML; a formula typeset (``exporter.text.formula``), a footnote's call as a footnote
    at the foot of the page (``float: footnote``); a line break inside the text becomes ``<br>``."""
    spans = getattr(text, "spans", None)
    if not spans or not text.styled:  # type: ignore[attr-defined]
        return _breaks(Markup.escape(text))
    parts = []
    for span in spans:
        if span.note is not None:
            parts.append(_footnote(span))
            continue
        piece = formula_html(span.math) if span.math else _breaks(Markup.escape(span.text))
        if span.code:
            piece = Markup("<code>{}</code>").format(piece)
        if span.script:
            piece = Markup("<{0}>{1}</{0}>").format(span.script, piece)
        if span.italic:
            piece = Markup("<em>{}</em>").format(piece)
        if span.bold:
            piece = Markup("<strong>{}</strong>").format(piece)
        if span.href:
            piece = Markup('<a href="{}">{}</a>').format(span.href, piece)
        parts.append(piece)
    return Markup("").join(parts)


def _footnote(span: Span) -> Markup:
    """A footnote's call: the note, floated to the foot of the page with its mark (``data-mark``);
    a later call of the same footnote only its mark, raised."""
    if not span.note:
        return Markup('<sup class="footnote-again">{}</sup>').format(span.text)
    return Markup('<span class="footnote" data-mark="{}">{}</span>').format(span.text, inline(span.note))


def formula(tex: str) -> Markup:
    """A displayed formula, typeset."""
    return formula_html(tex, display=True)


def _breaks(markup: Markup) -> Markup:
    """``markup`` with its line breaks as ``<br>`` and its Korean words kept whole (``_korean_words``)."""
    markup = _korean_words(markup)
    return Markup(markup.replace("\n", Markup("<br>"))) if "\n" in markup else markup


_KOREAN_WORD = re.compile(r"[^\s<>]*[\uac00-\ud7a3][^\s<>]*")


def _korean_words(markup: Markup) -> Markup:
    """Escaped text with each word holding Hangul (up to ``LONGEST_KEPT_PHRASE`` characters) in a
    no-wrap span: Korean breaks at spaces, where Pango would break between any two syllables
    (WeasyPrint 70 has no ``word-break: keep-all``)."""
    if not _KOREAN_WORD.search(markup):
        return markup

    def kept(match: re.Match[str]) -> str:
        word = match.group()
        return f'<span class="word">{word}</span>' if 1 < len(word) <= LONGEST_KEPT_PHRASE else word

    return Markup(_KOREAN_WORD.sub(kept, str(markup)))


def lang_attribute(text: str, around: str) -> Markup:
    """`` lang="…"`` for a text in another language than ``around`` (the document's or its quote's,
    ``exporter.text.language.language_of``), so that it is shaped in its own forms; else nothing."""
    own = language_of(str(text), around)
    return Markup(' lang="{}"').format(own) if own != canonical(around) else Markup("")


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
    """Template ``name`` rendered with ``context``; a broken template (a project's own, say), or one
    that tries what the sandbox forbids, is a clean error at its ``file:line``, never a traceback."""
    try:
        return _bounded(env.get_template(name), context)
    except jinja2.TemplateSyntaxError as exc:
        raise SourceError.at(exc.filename or name, exc.lineno or 1, 1, f"template: {exc.message}") from None
    except ExporterError:
        raise  # a template file refused as it was read
    except Exception as exc:
        files = env.loader.files()  # type: ignore[union-attr]
        where, line = _template_line(exc, files)
        if where is None and isinstance(exc, jinja2.TemplateError) and name in files:
            where, line = str(files[name]), 1
        kit = where is not None and not Path(where).is_relative_to(DEFAULTS.resolve())
        if where is not None and (isinstance(exc, jinja2.TemplateError) or kit):
            raise SourceError.at(where, line, 1, f"template: {_message(exc)}") from None
        if isinstance(exc, jinja2.TemplateError):
            raise RenderError(f"{name}: template: {_message(exc)}") from None
        raise  # exporter's own templates failing otherwise: a bug of exporter's


MAX_OUTPUT_CHARACTERS = 50_000_000
"""Most characters a template may write (the HTML of a brief of the largest document is a few
million): a template's loop that would print without end stops here."""


def _bounded(template: jinja2.Template, context: dict[str, object]) -> str:
    """``template`` rendered with ``context``; ``SourceError`` at the line writing when the text
    passes ``MAX_OUTPUT_CHARACTERS``."""
    chunks = template.generate(**context)
    parts, total = [], 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_OUTPUT_CHARACTERS:
            inner = chunks
            while getattr(inner, "gi_yieldfrom", None) is not None:  # down to the template's own code
                inner = inner.gi_yieldfrom  # type: ignore[attr-defined]
            line = template.get_corresponding_lineno(inner.gi_frame.f_lineno)  # type: ignore[attr-defined]
            message = f"template: it writes more than {MAX_OUTPUT_CHARACTERS:,} characters"
            raise SourceError.at(template.filename or template.name or "", line, 1, message)
        parts.append(chunk)
    return "".join(parts)


def _message(exc: Exception) -> str:
    if isinstance(exc, jinja2.TemplateNotFound):
        return not_a_template(str(exc.name))
    if isinstance(exc, jinja2.TemplateError):
        return exc.message or str(exc)
    return f"{type(exc).__name__}: {exc}"


def _template_line(exc: BaseException, files: dict[str, Path]) -> tuple[str | None, int]:
    """The template file and line where ``exc`` was raised (Jinja's traceback names them), if any."""
    paths = {str(p) for p in files.values()}
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in paths]
    return (frames[-1].filename, frames[-1].lineno or 1) if frames else (None, 1)


@cache
def _environment(autoescape: bool, templates: tuple[Path, ...]) -> jinja2.Environment:
    env = Sandbox(
        loader=TemplateFolders(templates),  # the first folder holding a template wins
        finalize=text_presentation,
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["phrased"] = phrased
    env.filters["css_string"] = css_string
    env.filters["inline"] = inline
    env.filters["formula"] = formula
    env.filters["file_uri"] = file_uri
    env.filters["lang_attribute"] = lang_attribute
    env.filters["numbered"] = numbered
    env.tests["hanging"] = hanging
    return env
