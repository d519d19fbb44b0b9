"""Find an image a source refers to: a PNG, JPEG or SVG file inside the source's folder.

In: the source's folder and the path the source wrote (relative to that folder).
Out: the file's absolute path (resolved, inside the folder) and the picture's size in pixels (None for SVG), or a
message saying why it cannot be used (missing, outside the folder, not a picture). Pillow
reads only the file's header, and is imported only when a source has an image.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
"""The picture files both outputs can show, by suffix, with the format the file must be."""


def local_image(folder: Path, written: str) -> tuple[str, tuple[int, int] | None] | str:
    """``(path, size)`` of the image ``written`` in ``folder``, or why it cannot be used."""
    relative = unquote(written.split("#", 1)[0].split("?", 1)[0])
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
        head = path.read_bytes()[:4096].lower()
        return (str(path), None) if b"<svg" in head else "is not an SVG file"
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as picture:
            if picture.format != IMAGE_FORMATS[suffix]:
                return f"is a {picture.format} file; expected {IMAGE_FORMATS[suffix]} as its name says"
            return str(path), picture.size
    except Image.DecompressionBombError:
        return "has too many pixels to be a chart or a photo (Pillow refuses it as a decompression bomb)"
    except (UnidentifiedImageError, OSError):
        return f"is not a {IMAGE_FORMATS[suffix]} file"
