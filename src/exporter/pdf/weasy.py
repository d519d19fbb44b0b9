"""HTML + CSS → PDF with WeasyPrint; the only module that imports it.

In: the brief's HTML and CSS strings, an output path, and the folders the
renderer may read from.
Out: a tagged A4 PDF with metadata and bookmarks at the path; the page count.
The URL fetcher serves only ``file:`` URLs inside the allowed folders and the
two bundled font files; anything else — network, other paths — stops the
render with a ``RenderError`` that names the refused URL.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from exporter.errors import OutputError, RenderError
from exporter.text.fonts import WEIGHTS, font_file


class RefusedURL(FatalURLFetchingError):
    """A URL outside what the renderer may read."""


class ConfinedFetcher(URLFetcher):
    """Fetches ``file:`` URLs inside ``allowed`` folders (and the bundled faces); refuses all else."""

    def __init__(self, allowed: tuple[Path, ...]):
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True)
        self.folders = tuple(p.resolve() for p in allowed)
        self.files = frozenset(font_file(w) for w in WEIGHTS)

    def fetch(self, url: str, headers: dict | None = None):  # type: ignore[no-untyped-def]
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused to fetch {url}: only files inside templates/ and the source folder are read")
        path = Path(unquote(parts.path)).resolve()
        if path not in self.files and not any(path.is_relative_to(folder) for folder in self.folders):
            raise RefusedURL(f"refused to read {path}: outside templates/ and the source folder")
        return super().fetch(path.as_uri(), headers)


def write(html: str, css: str, target: Path, allowed: tuple[Path, ...]) -> int:
    """Render ``html`` styled by ``css`` into a PDF at ``target``; return the page count."""
    fetcher = ConfinedFetcher(allowed)
    base_url = allowed[-1].resolve().as_uri() + "/"
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fonts = FontConfiguration()
    try:
        stylesheet = weasyprint.CSS(string=css, base_url=base_url, url_fetcher=fetcher, font_config=fonts)
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            stylesheets=[stylesheet], font_config=fonts
        )
    except RefusedURL as exc:
        raise RenderError(str(exc)) from None
    document.write_pdf(target, pdf_tags=True, custom_metadata=False)
    return len(document.pages)


def verify(path: Path) -> None:
    """Refuse a file that is not a complete PDF."""
    with open(path, "rb") as handle:
        head = handle.read(5)
        handle.seek(-1024, 2)
        tail = handle.read()
    if head != b"%PDF-" or b"%%EOF" not in tail:
        raise OutputError(f"{path}: the rendered PDF is incomplete; nothing was replaced")
