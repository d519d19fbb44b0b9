"""Resolve what a source names as an image — a path or a URL — to a picture both outputs can show,
or to the reason a framed placeholder stands in for it.

In: what the source wrote, the source's folder and the folders images may come from (the project:
the source's nearest ancestor folder holding ``.git`` or ``templates/``, and any ``--resource-path``).
Out: ``resolve_image`` gives a ``Picture`` — the file's resolved path, its size in pixels as shown
(None for SVG), PNG bytes when the file is converted (GIF, WebP, BMP, TIFF: first frame) or
downscaled (more than ``MAX_SHOWN_SIDE`` pixels a side), and warnings — or an ``Unusable`` with the
reason (remote, missing, outside the project, not a picture, unreadable, an SVG too costly to draw),
``fatal`` only for a decompression bomb. An SVG is parsed with the standard library's expat, which
fetches nothing; one that declares entities is refused, so nothing is expanded, and the elements
its ``<use>`` references multiply to are counted before any is drawn. Pillow is imported only for
raster images, and decodes one only to convert or downscale it (a JPEG at a reduced scale).
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote

NATIVE = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
"""Raster formats both outputs embed as they are, by suffix."""

CONVERTED = {".gif": "GIF", ".webp": "WEBP", ".bmp": "BMP", ".tif": "TIFF", ".tiff": "TIFF"}
"""Raster formats converted to PNG (their first frame) for both outputs, by suffix."""

MAX_SHOWN_SIDE = 4096
"""Most pixels a side of a raster image as the outputs embed it (A4 at 300 dpi is 2,480 × 3,508):
a larger one is downscaled, with a warning."""

MAX_IMAGE_PIXELS = 180_000_000
"""Most pixels one raster image may hold (13,000 × 13,000 is 169 million; Pillow's own bomb limit is
179 million): decoding it takes at most about 700 MB. A larger one is refused as a decompression bomb."""

MAX_SVG_ELEMENTS = 100_000
"""Most elements an SVG may draw, counting every copy its ``<use>`` elements make: a larger one is
shown as a placeholder, with a warning (WeasyPrint takes about a second per 10,000)."""

_REMOTE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class Picture:
    """An image both outputs can show: the file, its size as shown, PNG bytes to embed instead of
    the file (converted or downscaled), and what to warn about."""

    path: str
    size: tuple[int, int] | None
    data: bytes | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unusable:
    """Why an image cannot be shown (a placeholder stands in); ``fatal``: the source is refused."""

    reason: str
    fatal: bool = False


def project_root(source: Path) -> Path:
    """The project of ``source``: its nearest ancestor folder (its own folder first) holding ``.git``
    or ``templates/``; the source's folder when none does."""
    folder = Path(source).absolute().parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists() or (candidate / "templates").is_dir():
            return candidate
    return folder


def resolve_image(written: str, folder: Path, roots: tuple[Path, ...]) -> Picture | Unusable:
    """What ``written`` (a path relative to ``folder``, else to one of ``roots`` in turn, or a URL)
    shows: a ``Picture`` inside one of ``roots`` (symlinks resolved), or why not."""
    if _REMOTE.match(written) or written.startswith("//"):
        return Unusable("remote: never fetched")
    relative = file_part(written)
    if not relative.strip():
        return Unusable("no file named")
    bases = tuple(dict.fromkeys(Path(r).resolve() for r in roots))
    candidates = [(Path(folder) / relative).resolve(), *((base / relative).resolve() for base in bases)]
    path = next((p for p in candidates if p.is_file()), candidates[0])
    if not any(path.is_relative_to(base) for base in bases):
        return Unusable(f"outside the project {_shown(bases)}")
    if not path.is_file():
        return Unusable("no such file" if not path.exists() else "not a file")
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return _svg(path, bases)
    if suffix in NATIVE or suffix in CONVERTED:
        return _raster(path, suffix)
    return Unusable("not a picture both outputs can show (PNG, JPEG, GIF, WebP, BMP, TIFF or SVG)")


def _raster(path: Path, suffix: str) -> Picture | Unusable:
    """A PNG or JPEG as it is, or converted or downscaled to PNG; why not when it cannot be read."""
    from PIL import Image, UnidentifiedImageError

    expected = NATIVE.get(suffix) or CONVERTED[suffix]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's DecompressionBombWarning, our limit is below
            with Image.open(path) as picture:
                found = picture.format
                if found != expected and not (found == "MPO" and expected == "JPEG"):
                    return Unusable(f"a {found} file; expected {expected} as its name says")
                width, height = picture.size
                if width * height > MAX_IMAGE_PIXELS:
                    return Unusable(
                        f"{width:,} × {height:,} pixels: too many to be a chart or a photo (a decompression "
                        f"bomb; the limit is {MAX_IMAGE_PIXELS:,} pixels)",
                        fatal=True,
                    )
                notes: list[str] = []
                if suffix in CONVERTED:
                    frames = getattr(picture, "n_frames", 1)
                    if frames > 1:
                        notes.append(f"an animation of {frames} frames; its first frame is shown")
                elif max(width, height) <= MAX_SHOWN_SIDE:
                    return Picture(str(path), (width, height))
                data, size = _png(picture)
                if size != (width, height):
                    notes.append(
                        f"{width:,} × {height:,} pixels, shown downscaled to {size[0]:,} × {size[1]:,} "
                        f"(at most {MAX_SHOWN_SIDE:,} a side)"
                    )
                return Picture(str(path), size, data, tuple(notes))
    except Image.DecompressionBombError:
        return Unusable("too many pixels to be a chart or a photo (a decompression bomb)", fatal=True)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        return Unusable(f"not a readable {expected} file")


def _png(picture) -> tuple[bytes, tuple[int, int]]:  # type: ignore[no-untyped-def]
    """The first frame of ``picture`` as PNG bytes (the same bytes for the same file), at most
    ``MAX_SHOWN_SIDE`` a side, and its size; a JPEG is decoded at the smallest scale that is enough."""
    from PIL import Image

    picture.seek(0)
    if picture.format in ("JPEG", "MPO"):
        picture.draft("RGB", (MAX_SHOWN_SIDE, MAX_SHOWN_SIDE))  # DCT scaling: a fraction of the pixels decoded
    if picture.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        picture = picture.convert("RGBA" if "A" in picture.mode or "transparency" in picture.info else "RGB")
    if max(picture.size) > MAX_SHOWN_SIDE:
        picture = picture.copy() if picture.mode != "P" else picture.convert("RGBA")
        picture.thumbnail((MAX_SHOWN_SIDE, MAX_SHOWN_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=False)
    return out.getvalue(), picture.size


class _Refused(Exception):
    """An SVG that is not read: it declares entities."""


@dataclass
class _Element:
    """An SVG element as counted: its children and the id its ``<use>`` (or other ``href``) copies."""

    children: list[_Element]
    copies: str | None = None


def _svg(path: Path, bases: tuple[Path, ...]) -> Picture | Unusable:
    found = svg_references(path)
    if isinstance(found, Unusable):
        return found
    references, drawn = found
    if drawn > MAX_SVG_ELEMENTS:
        shown = "a loop of <use> references" if drawn == _LOOP else f"{drawn:,} elements"
        return Unusable(f"an SVG that would draw {shown}; the limit is {MAX_SVG_ELEMENTS:,}")
    refused = tuple(r for r in (_refused(ref, path, bases) for ref in references) if r)
    notes = ()
    if refused:
        them = "it" if len(refused) == 1 else "them"
        notes = (f"refers to {', '.join(refused)}; the brief draws the SVG without {them}",)
    return Picture(str(path), None, None, notes)


_CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>.*?)\1\s*\)|@import\s+(['"])(?P<imported>.*?)\3""", re.DOTALL)
_LOOP = MAX_SVG_ELEMENTS * 10 + 1
"""What a loop of references counts as: more than any limit."""


def svg_references(path: Path) -> tuple[list[str], int] | Unusable:
    """Every resource the SVG at ``path`` refers to (``href`` of any element but a link, CSS
    ``url()`` and ``@import`` in ``style`` attributes and elements) and how many elements it draws
    (each ``href="#id"`` copying its target), or why it is not an SVG file it can read."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator=" ")
    found: list[str] = []
    styles: list[str] = []
    top = _Element([])
    stack = [top]
    ids: dict[str, _Element] = {}
    inside_style = 0
    root: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal inside_style
        local = name.rsplit(" ", 1)[-1]
        if not root:
            root.append(local)
        element = _Element([])
        stack[-1].children.append(element)
        stack.append(element)
        for key, value in attrs.items():
            bare = key.rsplit(" ", 1)[-1]
            if bare == "href" and local != "a":
                value = value.strip()
                found.append(value)
                if value.startswith("#"):
                    element.copies = value[1:]
            elif bare == "id":
                ids.setdefault(value, element)
            elif key == "style":
                styles.append(value)
        inside_style += local == "style"

    def end(name: str) -> None:
        nonlocal inside_style
        stack.pop()
        inside_style -= name.rsplit(" ", 1)[-1] == "style"

    def text(data: str) -> None:
        if inside_style:
            styles.append(data)

    def entity(*_: object) -> None:
        raise _Refused

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.EntityDeclHandler = entity
    try:
        with path.open("rb") as handle:
            parser.ParseFile(handle)
    except _Refused:
        return Unusable("declares XML entities, which are not expanded; expected an SVG file without them", True)
    except expat.ExpatError as exc:
        return Unusable(f"not an SVG file (its XML: {expat.ErrorString(exc.code)} at line {exc.lineno})")
    if root != ["svg"]:
        return Unusable("not an SVG file")
    for style in styles:
        found += [(m["url"] if m["url"] is not None else m["imported"]).strip() for m in _CSS_URL.finditer(style)]
    return found, _drawn(top, ids) - 1


def _drawn(top: _Element, ids: dict[str, _Element]) -> int:
    """Elements under ``top`` (itself included) once every copy is made, without making any; a
    count over the limit stops early, and a loop counts as ``_LOOP``. Iterative: nesting may be deep."""
    counts: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[_Element, bool]] = [(top, False)]
    while stack:
        element, done = stack.pop()
        key = id(element)
        if key in counts:
            continue
        target = ids.get(element.copies) if element.copies else None
        below = [*element.children, *([target] if target is not None else [])]
        if not done:
            if key in open_:
                return _LOOP
            open_.add(key)
            stack.append((element, True))
            for child in below:
                if id(child) in open_ and id(child) not in counts:
                    return _LOOP
                stack.append((child, False))
            continue
        open_.discard(key)
        counts[key] = min(_LOOP, 1 + sum(counts[id(child)] for child in below))
    return counts[id(top)]


def _refused(reference: str, svg: Path, bases: tuple[Path, ...]) -> str | None:
    """Why the brief cannot draw what ``svg`` refers to as ``reference``; None if it can."""
    if not reference or reference.startswith("#"):
        return None
    if reference.lower().startswith("data:"):  # the PDF renderer's fetcher serves files only
        return f"'{_short(reference, 30)}' (an inline data: URL, not read)"
    if _REMOTE.match(reference) or reference.startswith("//"):
        return f"'{_short(reference)}' (remote: never fetched)"
    target = (svg.parent / file_part(reference)).resolve()
    if not any(target.is_relative_to(base) for base in bases):
        return f"'{_short(reference)}' (outside the project)"
    if not target.is_file():
        return f"'{_short(reference)}' (no such file)"
    return None


@cache
def _shown(bases: tuple[Path, ...]) -> str:
    return " or ".join(str(b) for b in bases)


def file_part(written: str) -> str:
    """The file a path or URL names: without query or fragment, percent-escapes decoded."""
    return unquote(written.split("#", 1)[0].split("?", 1)[0])


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
