"""A company template's brand, read for both renderers without python-pptx.

In: a .pptx or .potx path (read as a zip: the first slide master, its theme and its pictures), and
a theme (its ``logo:`` file).
Out: a ``Brand`` — the theme's colour scheme, its heading and body faces, and the logo (the
largest picture on the first slide master) — the theme's seven colours taken from it
(``brand_colors``), which the deck and the brief are drawn in, and the brief's theme and logo
(``brief_brand``).
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from exporter.inputs import read_bounded
from exporter.readers.yamlnodes import MAX_FILE_BYTES
from exporter.theme import Colors, Theme

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_SCHEME = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
LOGO_TYPES = {".png": "image/png", ".jpeg": "image/jpeg", ".jpg": "image/jpeg", ".svg": "image/svg+xml"}
"""The logo files a brief can show, by suffix, with their media types."""


@dataclass(frozen=True)
class Logo:
    """An image's bytes and media type."""

    data: bytes
    media_type: str


@dataclass(frozen=True)
class Brand:
    """What a template's theme and master carry: colours (``dk1`` … ``accent6`` as ``#RRGGBB``), faces, a logo."""

    colors: dict[str, str]
    major: tuple[str, str]
    """The headings' (latin, East Asian) typefaces, empty where the theme names none."""
    minor: tuple[str, str]
    logo: Logo | None = None
    dark: bool = False
    """Whether the master maps its background to a dark colour (``p:clrMap@bg1="dk1"``): light text on dark slides."""


def read_brand(path: str | object) -> Brand:
    """The brand of the template at ``path``: its first master's theme and largest picture."""
    with zipfile.ZipFile(path) as package:  # type: ignore[arg-type]
        names = set(package.namelist())
        master = _target(package, "ppt/presentation.xml", "/slideMaster")
        theme = _target(package, master, "/theme") if master else None
        root = etree.fromstring(package.read(theme)) if theme in names else None
        logo = _largest_picture(package, master, names) if master in names else None
        dark = _dark(etree.fromstring(package.read(master))) if master in names else False
    if root is None:
        return Brand({}, ("", ""), ("", ""), logo, dark)
    return Brand(scheme_colors(root), theme_faces(root, "major"), theme_faces(root, "minor"), logo, dark)


def _dark(master: etree._Element) -> bool:
    """Whether a slide master's ``p:clrMap`` maps the background to a dark theme colour."""
    mapping = master.find(f"{{{_P}}}clrMap")
    return mapping is not None and mapping.get("bg1") in ("dk1", "dk2")


def _target(package: zipfile.ZipFile, part: str, kind: str) -> str | None:
    """The part named by ``part``'s first relationship whose type ends with ``kind``."""
    rels = _rels(package, part)
    return next((target for rel_type, target in rels.values() if rel_type.endswith(kind)), None)


def _rels(package: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """``part``'s relationships: id → (type, the target's name in the package)."""
    folder, name = posixpath.split(part)
    try:
        root = etree.fromstring(package.read(f"{folder}/_rels/{name}.rels"))
    except KeyError:
        return {}
    found = {}
    for rel in root.iter(f"{{{_REL}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id", "")] = (rel.get("Type", ""), resolved)
    return found


def _largest_picture(package: zipfile.ZipFile, master: str, names: set[str]) -> Logo | None:
    """The largest ``p:pic`` on the slide master (by its ``a:ext`` area) in a format a brief shows."""
    root = etree.fromstring(package.read(master))
    rels = _rels(package, master)
    best: tuple[int, str] | None = None
    for pic in root.iter(f"{{{_P}}}pic"):
        blip = next(pic.iter(f"{{{_A}}}blip"), None)
        ext = next(pic.iter(f"{{{_A}}}ext"), None)
        target = rels.get(blip.get(f"{{{_R}}}embed", "") if blip is not None else "", ("", ""))[1]
        suffix = posixpath.splitext(target)[1].lower()
        if target in names and suffix in LOGO_TYPES and ext is not None:
            area = int(ext.get("cx", "0")) * int(ext.get("cy", "0"))
            best = max(best or (area, target), (area, target))
    return Logo(package.read(best[1]), LOGO_TYPES[posixpath.splitext(best[1])[1].lower()]) if best else None


def scheme_colors(theme: etree._Element) -> dict[str, str]:
    """The colours of an ``a:theme``'s ``a:clrScheme`` as ``#RRGGBB`` by name (``dk1``…``accent6``):
    each an ``a:srgbClr@val`` or a system colour's ``a:sysClr@lastClr``."""
    found: dict[str, str] = {}
    scheme = theme.find(f".//{{{_A}}}clrScheme")
    for name in _SCHEME:
        slot = scheme.find(f"{{{_A}}}{name}") if scheme is not None else None
        colour = slot[0] if slot is not None and len(slot) else None
        if colour is None:
            continue
        value = colour.get("val") if colour.tag == f"{{{_A}}}srgbClr" else colour.get("lastClr")
        if value and len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value):
            found[name] = f"#{value.upper()}"
    return found


def theme_faces(theme: etree._Element, which: str) -> tuple[str, str]:
    """The (latin, East Asian) typefaces of an ``a:theme``'s ``a:majorFont`` or ``a:minorFont``;
    a face it leaves empty is ``""``. A ``Jpan`` supplemental face stands in for an empty ``a:ea``."""
    font = theme.find(f".//{{{_A}}}{which}Font")
    if font is None:
        return "", ""
    latin, ea = font.find(f"{{{_A}}}latin"), font.find(f"{{{_A}}}ea")
    east_asian = ea.get("typeface", "") if ea is not None else ""
    if not east_asian:
        japanese = next((f for f in font.iter(f"{{{_A}}}font") if f.get("script") == "Jpan"), None)
        east_asian = japanese.get("typeface", "") if japanese is not None else ""
    return (latin.get("typeface", "") if latin is not None else ""), east_asian


def brand_colors(brand: Brand, default: Colors) -> Colors:
    """The seven colours of a theme from a template's colour scheme (``default`` where it lacks one):
    titles and panels in dark 2 (dark 1 where dark 2 is light), highlights in accent 1, text in dark 1
    on light 1, the muted, rule and band colours mixed from them."""
    scheme = brand.colors
    text, paper = scheme.get("dk1", default.text), scheme.get("lt1", default.on_primary)
    primary = scheme.get("dk2", text) if _luminance(scheme.get("dk2", text)) < 0.5 else text
    accent = scheme.get("accent1", default.accent)
    return Colors(
        primary=primary,
        accent=accent,
        text=text,
        muted=_mix(text, paper, 0.4),
        rule=_mix(text, paper, 0.78),
        band=_mix(accent, paper, 0.92),
        on_primary=paper,
    )


def deck_colors(brand: Brand, default: Colors) -> Colors:
    """The deck's colours: ``brand_colors``, or on a dark master light text on its dark 1, with
    accent 1 for titles, header rows and highlights (dark text on it) and darker bands."""
    if not brand.dark:
        return brand_colors(brand, default)
    scheme = brand.colors
    text, ground = scheme.get("lt1", default.on_primary), scheme.get("dk1", default.text)
    accent = scheme.get("accent1", default.accent)
    return Colors(
        primary=accent,
        accent=accent,
        text=text,
        muted=_mix(text, ground, 0.3),
        rule=_mix(text, ground, 0.6),
        band=_mix(accent, ground, 0.8),
        on_primary=ground,
    )


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _luminance(colour: str) -> float:
    r, g, b = _rgb(colour)
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def _mix(colour: str, paper: str, share: float) -> str:
    """``colour`` with ``share`` of ``paper`` mixed in."""
    mixed = (round(c * (1 - share) + p * share) for c, p in zip(_rgb(colour), _rgb(paper), strict=True))
    return "#" + "".join(f"{v:02X}" for v in mixed)


def brief_brand(theme: Theme, template: Path | None) -> tuple[Theme, Logo | None]:
    """The brief's theme and logo: with a ``template``, the theme in its colours and its master's
    logo; the theme's own ``logo`` file in any case, where it names one."""
    brand = read_brand(template) if template is not None else None
    if brand is not None:
        theme = replace(theme, colors=brand_colors(brand, theme.colors))
    if theme.logo is not None:
        return theme, Logo(read_bounded(theme.logo, MAX_FILE_BYTES), LOGO_TYPES[theme.logo.suffix.lower()])
    return theme, brand.logo if brand is not None else None
