"""The brand shared by every renderer: colours, faces, sizes and labels.

In: a theme YAML file (which one: ``exporter.project``; default the packaged ``theme.yaml``).
Out: a frozen ``Theme``; problems are reported like source problems, with
``path:line:col``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import Node

from exporter.errors import SourceError
from exporter.project import DEFAULT_THEME
from exporter.readers.yamlnodes import Checker, read_yaml

_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class Colors:
    primary: str
    accent: str
    text: str
    muted: str
    rule: str
    band: str
    on_primary: str


@dataclass(frozen=True)
class Fonts:
    pdf: str
    slides_latin: str
    slides_east_asian: str


@dataclass(frozen=True)
class PdfSizes:
    body_size: float
    line_height: float
    h1_size: float
    h2_size: float
    h3_size: float
    table_size: float


@dataclass(frozen=True)
class SlideSizes:
    """Font-size bounds in points, as (smallest, largest); the footer has one size."""

    title_size: tuple[float, float]
    cover_title_size: tuple[float, float]
    body_size: tuple[float, float]
    table_size: tuple[float, float]
    figure_size: tuple[float, float]
    footer_size: float


@dataclass(frozen=True)
class SlideLabels:
    """Words the deck needs that the article does not supply."""

    opening: str
    source: str


@dataclass(frozen=True)
class Theme:
    organisation: str
    confidentiality: str
    colors: Colors
    fonts: Fonts
    pdf: PdfSizes
    slides: SlideSizes
    slide_labels: SlideLabels


def load_theme(path: str | Path = DEFAULT_THEME) -> Theme:
    """Read and validate a theme file; raise ``SourceError`` with every problem."""
    path = Path(path)
    root = read_yaml(path)
    check = Checker(str(path))
    if root is None:
        raise SourceError.at(path, 1, 1, "the theme is empty; expected a mapping (see templates/theme.yaml)")
    fields = check.mapping(
        root, "theme", ("organisation", "confidentiality", "colors", "fonts", "pdf", "slides", "slide_labels")
    )
    check.raise_if_any()
    assert fields is not None
    theme = Theme(
        organisation=check.text(fields["organisation"], "theme 'organisation'") or "",
        confidentiality=check.text(fields["confidentiality"], "theme 'confidentiality'") or "",
        colors=Colors(**_section(check, fields["colors"], "colors", Colors, lambda n, w: _color(check, n, w))),
        fonts=Fonts(**_section(check, fields["fonts"], "fonts", Fonts, check.text)),
        pdf=PdfSizes(**_section(check, fields["pdf"], "pdf", PdfSizes, lambda n, w: check.number(n, w, 0.5, 96))),
        slides=SlideSizes(**_section(check, fields["slides"], "slides", SlideSizes, lambda n, w: _size(check, n, w))),
        slide_labels=SlideLabels(**_section(check, fields["slide_labels"], "slide_labels", SlideLabels, check.text)),
    )
    check.raise_if_any()
    return theme


def _section(check: Checker, node: Node, name: str, cls: type, read) -> dict:  # type: ignore[no-untyped-def]
    keys = list(cls.__dataclass_fields__)
    fields = check.mapping(node, f"theme '{name}'", keys)
    if fields is None:
        return {k: None for k in keys}
    return {k: read(v, f"theme '{name}.{k}'") for k, v in fields.items()}


def _color(check: Checker, node: Node, what: str) -> str | None:
    value = check.text(node, what)
    if value is not None and not _COLOR.fullmatch(value):
        check.error(node, f"{what}: expected a colour as #RRGGBB, found '{value}'")
        return None
    return value


def _size(check: Checker, node: Node, what: str) -> float | tuple[float, float] | None:
    if what.endswith("footer_size'"):
        return check.number(node, what, 4, 96)
    items = check.sequence(node, what)
    if items is None:
        return None
    if len(items) != 2:
        check.error(node, f"{what}: expected [smallest, largest] in points")
        return None
    low, high = (check.number(n, what, 4, 96) for n in items)
    if low is None or high is None:
        return None
    if low > high:
        check.error(node, f"{what}: the smallest size {low:g} is larger than the largest {high:g}")
        return None
    return (low, high)
