"""HTML + CSS → PDF with WeasyPrint; the only module that imports it.

In: the brief's HTML and CSS strings and the folders the renderer may read from.
Out: the bytes of a tagged A4 PDF (WeasyPrint's PDF/UA-1 variant: XMP title and
identification) with metadata and bookmarks, its page count and the pages a table row fills
from top to bottom (a row too tall for a page, which WeasyPrint cuts); the finisher it is handed
(``exporter.pdf.pdfua``) adds what that variant leaves out before the file is written.
Japanese and Chinese lines are justified between characters (``_justify_between_characters``,
the one patch of WeasyPrint's layout); pydyf's page references are built once per page count
(``_page_references_once``), not once per structure element. Only the faces it is handed are
ever used: fontconfig is given no system font (``_bundled_only``). The URL fetcher serves only
``file:`` URLs inside the allowed folders and the faces and images it is handed in memory;
anything else — network, other paths — stops the render with a ``RenderError`` that names the
refused URL.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

import pydyf

from exporter.errors import RenderError
from exporter.pdf.html import IMAGE_SCHEME
from exporter.pdf.loading import quick_import

try:
    with quick_import():  # exporter.pdf.loading: the same WeasyPrint, 0.5 s sooner
        import weasyprint
        from weasyprint.formatting_structure import boxes
        from weasyprint.layout import inline
        from weasyprint.text import line_break
        from weasyprint.text.ffi import TO_UNITS, ffi, pango
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse
except OSError as exc:  # Pango or HarfBuzz missing
    raise RenderError(f"WeasyPrint cannot load its libraries ({exc}); run: sh scripts/system-deps.sh run") from None


_OPENINGS = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef ]")
"""Where a Japanese line takes its slack: after each kana, kanji, full-width form or space, never
inside a Latin word."""
_OPENING_RUNS = re.compile(_OPENINGS.pattern + "+")


def _justify_between_characters() -> None:
    """Justify Japanese lines between characters (JIS X 4051), a patch of WeasyPrint 70's layout.

    WeasyPrint justifies a line only by widening its spaces (``layout/inline.py``,
    ``justify_line``): a Japanese line has none, so it stays ragged, and a mixed one puts all its
    slack into its few Latin spaces. For a line in Japanese or Chinese (``lang`` ``ja``, ``zh``) the slack is shared
    instead over every ``_OPENINGS`` character, as Pango letter spacing on those characters only,
    laid out again for drawing as WeasyPrint does for word spacing. Other languages keep
    WeasyPrint's own justification (the brief sets them ragged right). Applied once, at import.
    """
    if getattr(inline.justify_line, "exporter", False):
        return
    spaces_only = inline.justify_line
    set_text = line_break.Layout.set_text

    def openings(box: object) -> int:
        if isinstance(box, boxes.TextBox):
            return len(_OPENINGS.findall(box.text))
        if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            return sum(openings(child) for child in box.children if child.is_in_normal_flow())
        return 0

    def spread(context, box, spacing: float, advance: float) -> float:  # type: ignore[no-untyped-def]
        if isinstance(box, boxes.TextBox):
            box.position_x += advance
            count = len(_OPENINGS.findall(box.text))
            if count:
                layout = line_break.create_layout(box.text, box.style, context, None, box.justification_spacing)
                layout.opening_spacing = spacing
                layout.deactivate()
                box.pango_layout = layout
                box.width += spacing * count
                advance += spacing * count
        elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            box.position_x += advance
            before = advance
            for child in box.children:
                if child.is_in_normal_flow():
                    advance = spread(context, child, spacing, advance)
            box.width += advance - before
        else:
            box.translate(advance, 0)
        return advance

    def justify_line(context, line, extra_width: float) -> None:  # type: ignore[no-untyped-def]
        if not str(line.style["lang"] or "").lower().startswith(("ja", "zh")):
            spaces_only(context, line, extra_width)
        elif count := openings(line):
            spread(context, line, extra_width / count, 0.0)

    def spaced_text(self, text: str, justify: bool = False) -> None:  # type: ignore[no-untyped-def]
        set_text(self, text, justify)
        spacing = getattr(self, "opening_spacing", 0.0)
        if not (justify and spacing):
            return
        attributes = pango.pango_layout_get_attributes(self.layout)
        if attributes == ffi.NULL:
            attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        for match in _OPENING_RUNS.finditer(self.text):  # a run at a time: Pango merges equal neighbours anyway
            start = len(self.text[: match.start()].encode())
            attribute = pango.pango_attr_letter_spacing_new(int(spacing * TO_UNITS))
            attribute.start_index, attribute.end_index = start, start + len(match.group().encode())
            pango.pango_attr_list_change(attributes, attribute)
        pango.pango_layout_set_attributes(self.layout, attributes)

    justify_line.exporter = True  # type: ignore[attr-defined]
    inline.justify_line = justify_line
    line_break.Layout.set_text = spaced_text


_justify_between_characters()


def _page_references_once() -> None:
    """Build pydyf's page references once per page count, a patch of pydyf's ``PDF``.

    ``PDF.page_references`` makes the tuple of every page's reference each time it is read, and
    WeasyPrint's tagging reads it for every structure element (``pdf/tags.py``): a time in the
    square of the page count, a fifth of writing a 200-page brief. The tuple is kept while the
    page count is unchanged. Applied once, at import.
    """
    every_time = pydyf.PDF.page_references
    if getattr(every_time, "exporter", False):
        return

    def page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
        count = len(pdf.pages["Kids"])
        kept = pdf.__dict__.get("_exporter_page_references")
        if kept is None or kept[0] != count:
            kept = pdf.__dict__["_exporter_page_references"] = (count, every_time.fget(pdf))
        return kept[1]

    page_references.exporter = True  # type: ignore[attr-defined]
    pydyf.PDF.page_references = property(page_references)


_page_references_once()

FONT_SCHEME = "exporter-font"
ASSET_SCHEME = "exporter-asset"
"""Images served from memory, such as ``exporter-asset:logo`` (a template's master logo)."""
"""URLs ``exporter-font:regular`` and ``exporter-font:bold`` name the faces given to ``write``."""


class Rendered(NamedTuple):
    """What ``write`` gives: the PDF's bytes, its page count, and the pages (from 1) whose
    whole height one table row takes — a row too tall for a page, whose text may be lost."""

    pdf: bytes
    pages: int
    tall_rows: tuple[int, ...]


class RefusedURL(FatalURLFetchingError):
    """A URL outside what the renderer may read."""


class ConfinedFetcher(URLFetcher):
    """Serves ``exporter-font:<weight>``, ``exporter-image:<number>`` and ``exporter-asset:<name>``
    from memory and ``file:`` URLs inside ``allowed``; refuses all else."""

    def __init__(
        self,
        allowed: tuple[Path, ...],
        faces: dict[str, bytes] | None = None,
        images: dict[str, bytes] | None = None,
        assets: dict[str, tuple[bytes, str]] | None = None,
    ):
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True)
        self.folders = tuple(p.resolve() for p in allowed)
        self.faces = faces or {}
        self.images = images or {}
        self.assets = assets or {}

    def fetch(self, url: str, headers: dict | None = None):  # type: ignore[no-untyped-def]
        parts = urlsplit(url)
        if parts.scheme == FONT_SCHEME and parts.path in self.faces:
            return URLFetcherResponse(url, self.faces[parts.path], {"Content-Type": "font/otf"})
        if parts.scheme == IMAGE_SCHEME and parts.path in self.images:
            return URLFetcherResponse(url, self.images[parts.path], {})
        if parts.scheme == ASSET_SCHEME and parts.path in self.assets:
            data, media_type = self.assets[parts.path]
            return URLFetcherResponse(url, data, {"Content-Type": media_type})
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused to fetch {url}: only files inside the template folders and the project are read")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.folders):
            raise RefusedURL(f"refused to read {path}: outside the template folders and the project")
        return super().fetch(path.as_uri(), headers)


def write(
    html: str,
    css: str,
    allowed: tuple[Path, ...],
    faces: dict[str, bytes] | None = None,
    identifier: str | None = None,
    finisher: Callable[[object, object], None] | None = None,
    images: dict[str, bytes] | None = None,
    assets: dict[str, tuple[bytes, str]] | None = None,
) -> Rendered:
    """Render ``html`` styled by ``css`` into a PDF/UA-1 PDF; return its bytes, page count and
    the pages a table row fills.

    ``faces`` are font files by weight, served to ``url(exporter-font:<weight>)`` in the
    CSS; ``images`` PNG or JPEG files by number, served to ``exporter-image:<number>``; ``assets``
    (bytes, media type) by name, to ``exporter-asset:<name>`` (the logo); ``identifier`` becomes the
    first element of the PDF's ``/ID``; ``finisher`` gets WeasyPrint's document and PDF objects
    before they are written (``exporter.pdf.pdfua``).
    """
    fetcher = ConfinedFetcher(allowed, faces, images, assets)
    base_url = allowed[-1].resolve().as_uri() + "/"
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fonts = _bundled_only()
    try:
        return _write(html, css, base_url, fetcher, fonts, identifier, finisher)
    finally:
        _remove_face_folder(fonts)


_NO_FONTS = b'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig/>\n'
"""A fontconfig configuration that names no font folder."""


def _bundled_only() -> FontConfiguration:
    """WeasyPrint's font configuration, built from a fontconfig configuration without the system's
    fonts, so that the faces of the stylesheet (``exporter.pdf.fonts``) are the only ones a glyph can
    come from: no DejaVu or other face of the machine is ever embedded, and the brief is the same
    on every machine. fontconfig reads ``FONTCONFIG_FILE`` when WeasyPrint loads its configuration."""
    with tempfile.TemporaryDirectory(prefix="exporter-fc-") as folder:
        config = Path(folder) / "fonts.conf"
        config.write_bytes(_NO_FONTS)
        before = os.environ.get("FONTCONFIG_FILE")
        os.environ["FONTCONFIG_FILE"] = str(config)
        try:
            return FontConfiguration()
        finally:
            if before is None:
                del os.environ["FONTCONFIG_FILE"]
            else:
                os.environ["FONTCONFIG_FILE"] = before


def _remove_face_folder(fonts: FontConfiguration) -> None:
    """Delete the temporary folder WeasyPrint 70 writes each ``@font-face`` file into.

    WeasyPrint deletes it in ``FontConfiguration.__del__``, which never runs in a process that
    ends with ``os._exit`` (``exporter.__main__``): every brief would leave its faces in the
    temporary folder.
    """
    folder = getattr(fonts, "_folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        fonts._folder = None


def _write(
    html: str,
    css: str,
    base_url: str,
    fetcher: ConfinedFetcher,
    fonts: FontConfiguration,
    identifier: str | None,
    finisher: Callable[[object, object], None] | None,
) -> Rendered:
    try:
        stylesheet = weasyprint.CSS(string=css, base_url=base_url, url_fetcher=fetcher, font_config=fonts)
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            stylesheets=[stylesheet], font_config=fonts
        )
    except FatalURLFetchingError as exc:  # WeasyPrint wraps what the fetcher raised
        cause = exc if isinstance(exc, RefusedURL) else exc.__cause__
        if isinstance(cause, RefusedURL):
            raise RenderError(str(cause)) from None
        raise RenderError(f"PDF: {exc} ({cause}); the templates refer to a file that cannot be read") from None
    pdf = document.write_pdf(
        pdf_variant="pdf/ua-1",
        custom_metadata=True,
        pdf_identifier=identifier.encode() if identifier else False,
        finisher=finisher,
    )
    tall = tuple(number for number, page in enumerate(document.pages, 1) if any(_tall_rows(page._page_box)))
    return Rendered(pdf, len(document.pages), tall)


def _tall_rows(page: boxes.PageBox) -> Iterator[boxes.TableRowBox]:
    """The table rows on ``page`` as tall as its content area (the running head and footer aside)."""
    height = page.height - 1  # a point of rounding

    def rows(box: boxes.Box) -> Iterator[boxes.TableRowBox]:
        if isinstance(box, boxes.TableRowBox):
            if box.margin_height() >= height:
                yield box
        elif isinstance(box, boxes.ParentBox) and not isinstance(box, (boxes.LineBox, boxes.MarginBox)):
            for child in box.children:
                yield from rows(child)

    return rows(page)
