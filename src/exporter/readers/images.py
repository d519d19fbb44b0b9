"""Find an image a source refers to: a PNG, JPEG or SVG file inside the source's folder.

In: the source's folder and the path the source wrote (relative to that folder).
Out: the file's absolute path (resolved, inside the folder), the picture's size in pixels (None for SVG)
and, for an SVG, what it refers to that the brief cannot draw (a remote or ``data:`` URL, a file
outside the folder or missing) — or a message saying why it cannot be used (missing, outside the folder, not a
picture). An SVG is parsed with the standard library's expat, which fetches nothing; one that declares
entities is refused, so nothing is expanded. Pillow reads only a PNG's or JPEG's header, and is
imported only when a source has one.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
"""The picture files both outputs can show, by suffix, with the format the file must be."""

_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>.*?)\1\s*\)|@import\s+(['"])(?P<imported>.*?)\3""", re.DOTALL)


def local_image(folder: Path, written: str) -> tuple[str, tuple[int, int] | None, tuple[str, ...]] | str:
    """``(path, size, refused)`` of the image ``written`` in ``folder``, or why it cannot be used;
    ``refused`` says, for each resource an SVG refers to that the brief cannot read, what and why."""
    relative = _file_part(written)
    suffix = Path(relative).suffix.lower()
    if suffix not in IMAGE_FORMATS:
        return "expected a .png, .jpg, .jpeg or .svg file"
    base = folder.resolve()
    path = (base / relative).resolve()
    if not path.is_relative_to(base):
        return f"is outside the source's folder {folder}; expected a file inside it"
    if not path.is_file():
        return f"no such file in {folder}"
    if suffix == ".svg":
        found = svg_references(path)
        if isinstance(found, str):
            return found
        return str(path), None, tuple(r for r in (_refused(ref, path, base) for ref in found) if r)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as picture:
            if picture.format != IMAGE_FORMATS[suffix]:
                return f"is a {picture.format} file; expected {IMAGE_FORMATS[suffix]} as its name says"
            return str(path), picture.size, ()
    except Image.DecompressionBombError:
        return "has too many pixels to be a chart or a photo (Pillow refuses it as a decompression bomb)"
    except (UnidentifiedImageError, OSError):
        return f"is not a {IMAGE_FORMATS[suffix]} file"


class _Entities(Exception):
    """An SVG declares entities: refused before any is expanded."""


def svg_references(path: Path) -> list[str] | str:
    """Every resource the SVG at ``path`` refers to (``href`` of any element but a link, CSS
    ``url()`` and ``@import`` in ``style`` attributes and elements), or why it is not an SVG file."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator=" ")
    found: list[str] = []
    root: list[str] = []
    styles: list[str] = []
    inside_style = 0

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal inside_style
        local = name.rsplit(" ", 1)[-1]
        if not root:
            root.append(local)
        for key, value in attrs.items():
            if key.rsplit(" ", 1)[-1] == "href" and local != "a":
                found.append(value.strip())
            elif key == "style":
                styles.append(value)
        inside_style += local == "style"

    def end(name: str) -> None:
        nonlocal inside_style
        inside_style -= name.rsplit(" ", 1)[-1] == "style"

    def text(data: str) -> None:
        if inside_style:
            styles.append(data)

    def entity(*_: object) -> None:
        raise _Entities

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.EntityDeclHandler = entity
    try:
        with path.open("rb") as handle:
            parser.ParseFile(handle)
    except _Entities:
        return "declares XML entities, which are not expanded; expected an SVG file without them"
    except expat.ExpatError as exc:
        return f"is not an SVG file (its XML: {expat.ErrorString(exc.code)} at line {exc.lineno}); expected an SVG file"
    if root != ["svg"]:
        return "is not an SVG file"
    for style in styles:
        found += [(m["url"] if m["url"] is not None else m["imported"]).strip() for m in _CSS_URL.finditer(style)]
    return found


def _refused(reference: str, svg: Path, base: Path) -> str | None:
    """Why the brief cannot draw what ``svg`` refers to as ``reference``; None if it can."""
    if not reference or reference.startswith("#"):
        return None
    if reference.lower().startswith("data:"):  # the PDF renderer's fetcher serves files only
        return f"'{_short(reference, 30)}' (an inline data: URL, not read)"
    if _SCHEME.match(reference) or reference.startswith("//"):
        return f"'{_short(reference)}' (remote: never fetched)"
    target = (svg.parent / _file_part(reference)).resolve()
    if not target.is_relative_to(base):
        return f"'{_short(reference)}' (outside the source's folder)"
    if not target.is_file():
        return f"'{_short(reference)}' (no such file)"
    return None


def _file_part(written: str) -> str:
    return unquote(written.split("#", 1)[0].split("?", 1)[0])


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
