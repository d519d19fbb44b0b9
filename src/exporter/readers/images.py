"""Resolve what a source names as an image — a path or a URL — to a picture both outputs can show,
or to the reason a framed placeholder stands in for it.

In: what the source wrote, the source's folder and the folders images may come from (the project:
the source's nearest ancestor folder holding ``.git`` or ``templates/``, and any ``--resource-path``).
Out: ``resolve_image`` gives a ``Picture`` — the file's resolved path, its size in pixels as shown
(None for SVG), PNG bytes when the file is converted (GIF, WebP, BMP, TIFF: first frame) or
downscaled (more than ``MAX_SHOWN_SIDE`` pixels a side; a JPEG stays a JPEG), and warnings — or an
``Unusable`` with the reason (remote, missing, outside the project, not a picture, unreadable, too
costly to decode or draw), ``fatal`` only for a decompression bomb or an SVG declaring entities.
An SVG is parsed with the standard library's expat, which fetches nothing (nothing is expanded),
and the elements its ``<use>`` references multiply to are counted before any is drawn. Pillow is
imported only for raster images, reads their headers, and decodes one only to convert or downscale
it (a JPEG at a reduced scale), judging the cost from the header first.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from exporter.model import is_url

NATIVE = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
"""Raster formats both outputs embed as they are, by suffix."""

CONVERTED = {".gif": "GIF", ".webp": "WEBP", ".bmp": "BMP", ".tif": "TIFF", ".tiff": "TIFF"}
"""Raster formats converted to PNG (their first frame) for both outputs, by suffix."""

MAX_SHOWN_SIDE = 4096
"""Most pixels a side of a raster image as the outputs embed it (A4 at 300 dpi is 2,480 × 3,508):
a larger one is downscaled, with a warning."""

MAX_DECODED_PIXELS = 64_000_000
"""Most pixels decoded to convert or downscale one raster image (8,000 × 8,000; at most 256 MB): a
larger one is shown as a placeholder, with a warning — but a JPEG is decoded at a reduced scale, so
one of up to ``MAX_IMAGE_PIXELS`` is downscaled."""

MAX_IMAGE_PIXELS = 178_956_970
"""Most pixels one raster image may claim: Pillow's own decompression-bomb limit (twice its
``Image.MAX_IMAGE_PIXELS``), which it applies as it reads the header. A larger one is refused."""

MAX_DOCUMENT_PIXELS = 1_500_000_000
"""Most pixels the images of one document may hold together (as written, before downscaling; 125
photos of 12 million): the images past it are shown as placeholders, with a warning."""

MAX_SVG_ELEMENTS = 50_000
"""Most elements an SVG may draw, counting every copy its ``<use>`` elements make: a larger one is
shown as a placeholder, with a warning (WeasyPrint draws 10,000 in about 2 s here)."""


@dataclass(frozen=True)
class Picture:
    """An image both outputs can show: the file, its size as shown, PNG (or JPEG) bytes to embed
    instead of the file (converted or downscaled), and what to warn about (each follows "image 'name'")."""

    path: str
    size: tuple[int, int] | None
    data: bytes | None = None
    warnings: tuple[str, ...] = ()
    pixels: int = 0
    """The pixels of the file as written (0 for SVG): what ``MAX_DOCUMENT_PIXELS`` counts."""


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


def resolve_image(
    written: str, folder: Path, roots: tuple[Path, ...], pixels_left: int = MAX_DOCUMENT_PIXELS
) -> Picture | Unusable:
    """What ``written`` (a path relative to ``folder``, else to one of ``roots`` in turn, or a URL)
    shows: a ``Picture`` inside one of ``roots`` (symlinks resolved) of at most ``pixels_left``
    pixels, or why not."""
    if is_url(written):
        return Unusable("remote: never fetched")
    relative = file_part(written)
    if not relative.strip():
        return Unusable("no file named")
    bases = tuple(dict.fromkeys(Path(r).resolve() for r in roots))
    try:
        candidates = [(Path(folder) / relative).resolve(), *((base / relative).resolve() for base in bases)]
    except (RuntimeError, OSError):  # a loop of links (RuntimeError before Python 3.13)
        return Unusable("a loop of links")
    path = next((p for p in candidates if p.is_file()), candidates[0])
    if not any(path.is_relative_to(base) for base in bases):
        return Unusable(f"outside the project {_shown(bases)}")
    if not path.is_file():
        return Unusable("no such file" if not path.exists() else "not a file")
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return _svg(path, bases)
    if suffix in NATIVE or suffix in CONVERTED:
        return _raster(path, suffix, pixels_left)
    return Unusable("not a picture both outputs can show (PNG, JPEG, GIF, WebP, BMP, TIFF or SVG)")


def _raster(path: Path, suffix: str, pixels_left: int) -> Picture | Unusable:
    """A PNG or JPEG as it is, or converted or downscaled (``_encoded``); why not when it cannot be
    read or would cost too much (judged from its header, before any pixel is decoded)."""
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
                pixels = width * height  # at most MAX_IMAGE_PIXELS: Pillow refuses more as it opens the file
                if pixels > pixels_left:
                    return Unusable(
                        f"{width:,} × {height:,} pixels, past the {MAX_DOCUMENT_PIXELS:,} the images of a "
                        "document may hold together"
                    )
                decoded = pixels if found not in ("JPEG", "MPO") else pixels // _jpeg_scale(width, height) ** 2
                needed = suffix in CONVERTED or max(width, height) > MAX_SHOWN_SIDE
                if needed and decoded > MAX_DECODED_PIXELS:
                    return Unusable(
                        f"{width:,} × {height:,} pixels, more than the {MAX_DECODED_PIXELS:,} decoded to "
                        f"{'convert' if suffix in CONVERTED else 'downscale'} one image; save it smaller"
                    )
                notes: list[str] = []
                if suffix in CONVERTED:
                    frames = getattr(picture, "n_frames", 1)
                    if frames > 1:
                        notes.append(f"is an animation of {frames} frames; its first frame is shown")
                elif max(width, height) <= MAX_SHOWN_SIDE:
                    return Picture(str(path), (width, height), pixels=pixels)
                data, size = _encoded(picture)
                if size != (width, height):
                    notes.append(
                        f"is {width:,} × {height:,} pixels, shown downscaled to {size[0]:,} × {size[1]:,} "
                        f"(at most {MAX_SHOWN_SIDE:,} a side)"
                    )
                return Picture(str(path), size, data, tuple(notes), pixels)
    except Image.DecompressionBombError:
        return Unusable(
            "too many pixels to be a chart or a photo "
            f"(a decompression bomb; the limit is {MAX_IMAGE_PIXELS:,} pixels)",
            fatal=True,
        )
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        return Unusable(f"not a readable {expected} file")


def _jpeg_scale(width: int, height: int) -> int:
    """The factor (1, 2, 4 or 8) by which Pillow's ``draft`` decodes a JPEG that is to be shown at most
    ``MAX_SHOWN_SIDE`` a side: the largest that keeps it at least that size."""
    scale = 1
    while scale < 8 and max(width, height) // (scale * 2) >= MAX_SHOWN_SIDE:
        scale *= 2
    return scale


def _encoded(picture) -> tuple[bytes, tuple[int, int]]:  # type: ignore[no-untyped-def]
    """The first frame of ``picture`` as PNG bytes — a JPEG's as JPEG — (the same bytes for the same
    file), at most ``MAX_SHOWN_SIDE`` a side, and its size; a JPEG is decoded at the smallest scale
    that is enough."""
    from PIL import Image

    picture.seek(0)
    photo = picture.format in ("JPEG", "MPO")
    if photo:
        picture.draft("RGB", (MAX_SHOWN_SIDE, MAX_SHOWN_SIDE))  # DCT scaling: a fraction of the pixels decoded
    if max(picture.size) > MAX_SHOWN_SIDE:  # in place: one decoded copy (a box filter first, then Lanczos)
        picture.thumbnail((MAX_SHOWN_SIDE, MAX_SHOWN_SIDE), Image.Resampling.LANCZOS, reducing_gap=2.0)
    if picture.mode not in (("L", "RGB") if photo else ("1", "L", "LA", "P", "RGB", "RGBA")):
        alpha = not photo and ("A" in picture.mode or "transparency" in picture.info)
        picture = picture.convert("RGBA" if alpha else "RGB")
    out = io.BytesIO()
    if photo:  # a photo stays a JPEG: as PNG it would be many times larger
        picture.save(out, format="JPEG", quality=90)
    else:
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
    if drawn is None:
        return Unusable("an SVG whose <use> elements refer to themselves in a loop")
    if drawn > MAX_SVG_ELEMENTS:
        return Unusable(f"an SVG that would draw more than {MAX_SVG_ELEMENTS:,} elements, counting its <use> copies")
    refused = tuple(r for r in (_refused(ref, path, bases) for ref in references) if r)
    notes = ()
    if refused:
        them = "it" if len(refused) == 1 else "them"
        notes = (f"refers to {', '.join(refused)}; the brief draws the SVG without {them}",)
    return Picture(str(path), None, None, notes)


_CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>.*?)\1\s*\)|@import\s+(['"])(?P<imported>.*?)\3""", re.DOTALL)
_CAP = MAX_SVG_ELEMENTS + 2
"""Counts stop here: past the limit, how far past does not matter (10⁸ copies are counted in a moment)."""


def svg_references(path: Path) -> tuple[list[str], int | None] | Unusable:
    """Every resource the SVG at ``path`` refers to (``href`` of any element but a link, CSS
    ``url()`` and ``@import`` in ``style`` attributes and elements) and how many elements it draws
    (each ``href="#id"`` copying its target; None for a loop), or why it is not an SVG file it can read."""
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
    drawn = _drawn(top, ids)
    return found, None if drawn is None else drawn - 1


def _drawn(top: _Element, ids: dict[str, _Element]) -> int | None:
    """Elements under ``top`` (itself included) once every copy is made, without making any, up to
    ``_CAP``; None for a loop. Iterative: nesting may be deep."""
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
                return None
            open_.add(key)
            stack.append((element, True))
            for child in below:
                if id(child) in open_ and id(child) not in counts:
                    return None
                stack.append((child, False))
            continue
        open_.discard(key)
        counts[key] = min(_CAP, 1 + sum(counts[id(child)] for child in below))
    return counts[id(top)]


def _refused(reference: str, svg: Path, bases: tuple[Path, ...]) -> str | None:
    """Why the brief cannot draw what ``svg`` refers to as ``reference``; None if it can."""
    if not reference or reference.startswith("#"):
        return None
    if reference.lower().startswith("data:"):  # the PDF renderer's fetcher serves files only
        return f"'{_short(reference, 30)}' (an inline data: URL, not read)"
    if is_url(reference):
        return f"'{_short(reference)}' (remote: never fetched)"
    try:
        target = (svg.parent / file_part(reference)).resolve()
    except (RuntimeError, OSError):  # a loop of links
        return f"'{_short(reference)}' (a loop of links)"
    if not any(target.is_relative_to(base) for base in bases):
        return f"'{_short(reference)}' (outside the project)"
    if not target.is_file():
        return f"'{_short(reference)}' (no such file)"
    return None


def _shown(bases: tuple[Path, ...]) -> str:
    """The folders an image may come from, as a warning names them."""
    return " or ".join(str(b) for b in bases)


def file_part(written: str) -> str:
    """The file a path or URL names: without query or fragment, percent-escapes decoded."""
    return unquote(written.split("#", 1)[0].split("?", 1)[0])


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
