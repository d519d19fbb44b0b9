"""The brand shared by every renderer: colours, faces, sizes and labels.

In: a theme YAML file (which one: ``exporter.project``; default the packaged ``theme.yaml``),
and for its words a document's language.
Out: a frozen ``Theme``; problems are reported like source problems, with
``path:line:col``. ``Theme.localised(lang)`` fills in every word the theme does not set from
``locales/<lang>.yaml`` (English for a language without a locale): the deck's labels and the
brief's words (表N/Table N, headings of the summary, the date…), and the deck's faces from the
language's, so a document gets the words and faces of its own language unless the theme names
them. The organisation and the confidentiality label are the theme's only.
The words that carry fields (``NUMBERED``) hold only their fields, such as ``{n}`` and ``{total}``,
checked when the theme is read and filled in by ``numbered`` (never ``str.format``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from dataclasses import fields as dataclass_fields
from functools import cache
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node

from exporter.errors import ExporterError, SourceError
from exporter.project import DEFAULT_THEME, LOCALES
from exporter.readers.yamlnodes import Checker, position, read_yaml
from exporter.text.fonts import deck_faces
from exporter.text.language import canonical
from exporter.validate import XML_UNSAFE

_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")

MAX_FAMILY_LENGTH = 31
"""Longest font family name: PowerPoint (LOGFONT) keeps 31 characters of a typeface."""

_PDF_FAMILY = re.compile(rf"[A-Za-z][A-Za-z0-9 -]{{0,{MAX_FAMILY_LENGTH - 1}}}")
_DECK_FAMILY = re.compile(r"[\w -]+")


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
    """The family name the brief gives its bundled faces; each language's region (JP, SC, TC, KR)
    replaces or ends it (``exporter.text.fonts.pdf_family``)."""
    slides_latin: str | None = None
    """The deck's face for Latin text; unset, the document language's (``exporter.text.fonts``)."""
    slides_east_asian: str | None = None
    """The deck's East Asian face (``a:ea``); unset, the document language's."""


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

    opening: str | None = None
    source: str | None = None
    agenda: str | None = None
    """The title of the agenda slide (the sections of a document without a summary)."""
    overview: str | None = None
    """The title of the slide of the opening paragraphs' sentences (a document without a summary)."""
    figures: str | None = None
    """The title of the figures at a glance when they need a slide of their own."""


NUMBERED = {
    "table": ("n",),
    "figure": ("n",),
    "part": ("n", "total"),
    "diagram": ("tool",),
    "date": ("year", "month", "day", "month_name"),
}
"""The words that carry fields, and the fields each may hold: ``{n}`` a table's or figure's
number, or a part's, ``{total}`` how many parts, ``{tool}`` a diagram's tool, ``{year}``, ``{month}``,
``{day}`` and ``{month_name}`` a date's; ``{{`` and ``}}`` are braces."""

_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
"""A brace pair, a field, or a lone brace."""


def field_problem(word: str, fields: tuple[str, ...]) -> str | None:
    """Why ``word`` cannot be filled in with ``fields`` (a field it may not hold, a format spec, a lone
    brace); None when it can."""
    allowed = " and ".join(f"{{{name}}}" for name in fields)
    for match in _FIELD.finditer(word):
        token, name = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            continue
        if name is None:
            return f"a lone '{token}'; write '{token * 2}' for a brace (the fields of this word: {allowed})"
        if name not in fields:
            shown = re.sub(r"[\x00-\x1f\x7f-\x9f]", "?", token if len(token) <= 40 else token[:38] + "…}")
            return f"'{shown}' is not a field of this word; expected {allowed}, with nothing else inside the braces"
    return None


def numbered(word: str, **numbers: int | str) -> str:
    """``word`` (one that passed ``field_problem``) with each field replaced by its value."""
    return _FIELD.sub(lambda m: {"{{": "{", "}}": "}"}.get(m.group(0)) or str(numbers[m.group(1)]), word)


@dataclass(frozen=True)
class Words:
    """Words the renderers add; ``{n}`` and ``{total}`` are numbers (``NUMBERED``)."""

    table: str | None = None
    figure: str | None = None
    part: str | None = None
    executive_summary: str | None = None
    key_points: str | None = None
    implications: str | None = None
    outlook: str | None = None
    source: str | None = None
    bullet: str | None = None
    """Before a list item where the text of a list is written out (the deck's notes)."""
    diagram: str | None = None
    """The title of a diagram's source (a Mermaid, PlantUML or Graphviz code block); ``{tool}`` is its tool."""
    date: str | None = None
    """A date, from ``{year}``, ``{month}``, ``{day}`` and ``{month_name}`` (from ``months``)."""
    months: str | None = None
    """The twelve month names, separated by commas."""

    def date_text(self, date: dt.date) -> str:
        """``date`` as this language writes it (``date`` and ``months``); ISO without a ``date`` word."""
        if not self.date:
            return date.isoformat()
        months = [m.strip() for m in (self.months or "").split(",")]
        name = months[date.month - 1] if len(months) == 12 else str(date.month)
        return numbered(self.date, year=date.year, month=date.month, day=date.day, month_name=name)


@dataclass(frozen=True)
class Theme:
    colors: Colors
    fonts: Fonts
    pdf: PdfSizes
    slides: SlideSizes
    organisation: str | None = None
    confidentiality: str | None = None
    slide_labels: SlideLabels = SlideLabels()
    words: Words = Words()
    template: Path | None = None
    """The company's PowerPoint template (``slides.template``, relative to the theme file) the deck is drawn on."""
    layouts: dict[str, str] = field(default_factory=dict)
    brand_fonts: dict[str, Path] = field(default_factory=dict)
    """The brand's font files for the brief (``brand_fonts``: ``regular`` and optionally ``bold``,
    TrueType or OpenType, relative to the theme file), Noto Sans CJK JP for what they lack."""
    logo: Path | None = None
    """The organisation's logo (``logo``: PNG, JPEG or SVG, relative to the theme file) on the brief's
    cover and running head; a template's master logo where unset."""
    """The template's layout to use by slide role (``slides.layouts``: ``cover``, ``section``…), by its name."""
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)
    """Where each value was written in the theme file, as (line, column), by dotted key
    (``confidentiality``, ``fonts.pdf``), for messages about a value that cannot be drawn."""

    def localised(self, lang: str) -> Theme:
        """This theme with every word it leaves unset taken from the locale of ``lang``, and the
        deck's faces it leaves unset from the language's (``exporter.text.fonts.deck_faces``).
        The organisation and the confidentiality label are the theme's alone: none by default."""
        locale = _locale(lang)
        latin, east_asian = deck_faces(lang)
        fonts = replace(
            self.fonts,
            slides_latin=self.fonts.slides_latin or latin,
            slides_east_asian=self.fonts.slides_east_asian or east_asian,
        )
        return replace(
            self,
            fonts=fonts,
            slide_labels=_filled(self.slide_labels, locale.get("slide_labels", {})),
            words=_filled(self.words, locale.get("words", {})),
        )


LOCALE_FALLBACK = "en"
"""The locale of a language that has none of its own."""


@cache
def _locale(lang: str) -> dict:
    """``locales/<lang>.yaml`` by the canonical tag (``zh-TW`` is ``zh-Hant``, ``en-GB`` ``en``),
    English filling in what it lacks; English alone for a language without a locale."""
    fallback = _safe_load(LOCALES / f"{LOCALE_FALLBACK}.yaml")
    tag = canonical(lang)
    path = LOCALES / f"{tag}.yaml"
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{4})?", tag) or not path.is_file():
        return fallback
    own = _safe_load(path)
    return {key: {**fallback.get(key, {}), **own.get(key, {})} for key in ("slide_labels", "words")}


def _safe_load(path: Path) -> dict:
    """A locale file of the package, parsed by libyaml where PyYAML was built with it."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _filled(words: SlideLabels | Words, locale: dict) -> SlideLabels | Words:
    return replace(words, **{f.name: locale[f.name] for f in dataclass_fields(words) if getattr(words, f.name) is None})


def load_theme(path: str | Path = DEFAULT_THEME) -> Theme:
    """Read and validate a theme file; raise ``SourceError`` with every problem."""
    path = Path(path)
    root = read_yaml(path)
    check = Checker(str(path))
    if root is None:
        raise SourceError.at(path, 1, 1, "the theme is empty; expected a mapping (see templates/theme.yaml)")
    fields = check.mapping(
        root,
        "theme",
        ("colors", "fonts", "pdf", "slides"),
        ("organisation", "confidentiality", "slide_labels", "words", "logo", "brand_fonts"),
    )
    check.raise_if_any()
    assert fields is not None
    slides, deck = _split(fields["slides"], ("template", "layouts"))
    theme = Theme(
        organisation=_word(check, fields["organisation"], "theme 'organisation'") if "organisation" in fields else None,
        confidentiality=(
            _word(check, fields["confidentiality"], "theme 'confidentiality'") if "confidentiality" in fields else None
        ),
        colors=Colors(**_section(check, fields["colors"], "colors", Colors, lambda n, w: _color(check, n, w))),
        fonts=Fonts(
            **_section(
                check,
                fields["fonts"],
                "fonts",
                Fonts,
                lambda n, w: _font(check, n, w),
                ("slides_latin", "slides_east_asian"),
            )
        ),
        pdf=PdfSizes(**_section(check, fields["pdf"], "pdf", PdfSizes, lambda n, w: check.number(n, w, 0.5, 96))),
        slides=SlideSizes(**_section(check, slides, "slides", SlideSizes, lambda n, w: _size(check, n, w))),
        template=_template(check, deck.get("template"), path),
        layouts=_layouts(check, deck.get("layouts")),
        logo=_logo(check, fields.get("logo"), path),
        brand_fonts=_brand_fonts(check, fields.get("brand_fonts"), path),
        slide_labels=_words(check, fields, "slide_labels", SlideLabels),
        words=_words(check, fields, "words", Words),
        positions=_positions(fields),
    )
    check.raise_if_any()
    return theme


def _split(node: Node, keys: tuple[str, ...]) -> tuple[Node, dict[str, Node]]:
    """A mapping ``node`` without ``keys``, and the values of those keys it has."""
    if not isinstance(node, MappingNode):
        return node, {}
    kept = [(k, v) for k, v in node.value if not (isinstance(k, yaml.ScalarNode) and k.value in keys)]
    taken = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value in keys}
    return MappingNode(node.tag, kept, node.start_mark, node.end_mark), taken


TEMPLATE_SUFFIXES = (".pptx", ".potx")

MAX_TEMPLATE_BYTES = 64 * 1024 * 1024
"""The largest deck template read (its logos and artwork included)."""


def _template(check: Checker, node: Node | None, theme_path: Path) -> Path | None:
    """``slides.template``: a .pptx or .potx file, relative to the theme file and inside the folder
    holding the theme's folder (the project), that is a presentation."""
    if node is None:
        return None
    value = check.text(node, "theme 'slides.template'")
    if value is None:
        return None
    folder = theme_path.absolute().parent
    path = (folder / value).resolve()
    inside = path.is_relative_to(folder.parent.resolve())
    reason = template_problem(path) if inside else f"outside the project ({folder.parent})"
    if reason:
        check.error(node, f"theme 'slides.template': {value}: {reason}")
        return None
    return path


LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")


def _logo(check: Checker, node: Node | None, theme_path: Path) -> Path | None:
    """``logo``: a PNG, JPEG or SVG file relative to the theme file, inside the project."""
    if node is None:
        return None
    value = check.text(node, "theme 'logo'")
    if value is None:
        return None
    folder = theme_path.absolute().parent
    path = (folder / value).resolve()
    if not path.is_relative_to(folder.parent.resolve()):
        check.error(node, f"theme 'logo': {value}: outside the project ({folder.parent})")
    elif path.suffix.lower() not in LOGO_SUFFIXES:
        check.error(node, f"theme 'logo': {value}: expected a PNG, JPEG or SVG image")
    elif not path.is_file():
        check.error(node, f"theme 'logo': {value}: no such file")
    else:
        return path
    return None


FONT_SIGNATURES = (b"\x00\x01\x00\x00", b"OTTO", b"true")
"""The first four bytes of a TrueType or OpenType font file (not a collection)."""
MAX_FONT_BYTES = 32 * 1024 * 1024


def _brand_fonts(check: Checker, node: Node | None, theme_path: Path) -> dict[str, Path]:
    """``brand_fonts``: ``regular`` (and ``bold``) font files relative to the theme file, inside the
    project, each a TrueType or OpenType face."""
    if node is None:
        return {}
    given = check.mapping(node, "theme 'brand_fonts'", ("regular",), ("bold",))
    found: dict[str, Path] = {}
    folder = theme_path.absolute().parent
    for weight, value_node in (given or {}).items():
        value = check.text(value_node, f"theme 'brand_fonts.{weight}'")
        if value is None:
            continue
        path = (folder / value).resolve()
        what = f"theme 'brand_fonts.{weight}': {value}"
        if not path.is_relative_to(folder.parent.resolve()):
            check.error(value_node, f"{what}: outside the project ({folder.parent})")
        elif not path.is_file():
            check.error(value_node, f"{what}: no such file")
        elif path.stat().st_size > MAX_FONT_BYTES or path.read_bytes()[:4] not in FONT_SIGNATURES:
            check.error(value_node, f"{what}: expected a TrueType or OpenType font file (.ttf, .otf), at most 32 MB")
        else:
            found[weight] = path
    return found


def template_problem(path: Path) -> str | None:
    """Why ``path`` cannot be a deck's template (None when it can): not a regular .pptx or .potx
    file, or not a zip package holding ``ppt/presentation.xml``. Reads the zip's directory only."""
    import zipfile

    if path.suffix.lower() not in TEMPLATE_SUFFIXES:
        return "expected a PowerPoint presentation or template (.pptx or .potx)"
    if not path.is_file():
        return "no such file" if not path.exists() else "not a regular file"
    try:
        with zipfile.ZipFile(path) as package:
            if "ppt/presentation.xml" not in package.namelist():
                return "not a PowerPoint presentation or template (no ppt/presentation.xml)"
    except (zipfile.BadZipFile, OSError):
        return "not a PowerPoint presentation or template (not a zip package)"
    return None


def brand_inputs(theme_path: Path, given: Path | None = None) -> list[tuple[str, Path]]:
    """The files of the brand a build reads besides the theme, by name: the deck's template
    (``deck_template``), the theme's brand fonts and its logo, where there are."""
    theme = load_theme(theme_path)
    template = deck_template(theme_path, given) if given is not None else theme.template
    found = [("deck template", template)] if template is not None else []
    found += [(f"brand font {weight}", path) for weight, path in sorted(theme.brand_fonts.items())]
    return found + ([("logo", theme.logo)] if theme.logo is not None else [])


def deck_template(theme_path: Path, given: Path | None = None) -> Path | None:
    """The template the deck is drawn on: ``given`` (``--template``, checked), else the theme's
    ``slides.template``, else None. ``ExporterError`` for a given file that cannot be one."""
    if given is None:
        return load_theme(theme_path).template
    reason = template_problem(Path(given).absolute())
    if reason:
        raise ExporterError(f"--template {given}: {reason}")
    return Path(given).absolute()


ROLES = ("cover", "section", "content", "two-content", "closing")
"""The roles a planned slide plays (``Slide.role``), each drawn on a template layout of its own; a theme
may name that layout (``slides.layouts``)."""


def _layouts(check: Checker, node: Node | None) -> dict[str, str]:
    """``slides.layouts``: a template layout's name by slide role."""
    if node is None:
        return {}
    given = check.mapping(node, "theme 'slides.layouts'", (), ROLES)
    if given is None:
        return {}
    found = {role: check.text(value, f"theme 'slides.layouts.{role}'") for role, value in given.items()}
    return {role: name for role, name in found.items() if name is not None}


def _words(check: Checker, fields: dict, name: str, cls: type) -> SlideLabels | Words:
    """The words a theme sets under ``name`` (any of them, or none)."""
    if name not in fields:
        return cls()
    keys = [f.name for f in cls.__dataclass_fields__.values()]
    given = check.mapping(fields[name], f"theme '{name}'", (), keys)
    if given is None:
        return cls()
    words = {k: _word(check, v, f"theme '{name}.{k}'") for k, v in given.items()}
    for key, word in words.items():
        problem = field_problem(word, NUMBERED[key]) if key in NUMBERED and word else None
        if problem:
            check.error(given[key], f"theme '{name}.{key}': {problem}")
    return cls(**words)


def _word(check: Checker, node: Node, what: str) -> str | None:
    """A text the files print: one without the characters XML cannot hold (``XML_UNSAFE``)."""
    value = check.text(node, what)
    bad = XML_UNSAFE.search(value or "")
    if bad is not None:
        check.error(node, f"{what}: character U+{ord(bad.group()):04X} cannot be written to a PDF or a deck; remove it")
        return None
    return value


def _positions(fields: dict[str, Node], prefix: str = "") -> dict[str, tuple[int, int]]:
    """(line, column) of every value, by dotted key."""
    found = {}
    for key, node in fields.items():
        found[f"{prefix}{key}"] = position(node)
        if isinstance(node, MappingNode):
            inner = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
            found.update(_positions(inner, f"{prefix}{key}."))
    return found


def _section(check: Checker, node: Node, name: str, cls: type, read, optional: tuple[str, ...] = ()) -> dict:  # type: ignore[no-untyped-def]
    keys = [k for k in cls.__dataclass_fields__ if k not in optional]
    fields = check.mapping(node, f"theme '{name}'", keys, optional)
    if fields is None:
        return {k: None for k in keys}
    return {k: read(v, f"theme '{name}.{k}'") for k, v in fields.items()}


def _color(check: Checker, node: Node, what: str) -> str | None:
    value = check.text(node, what)
    if value is not None and not _COLOR.fullmatch(value):
        check.error(node, f"{what}: expected a colour as #RRGGBB, found '{value}'")
        return None
    return value


def _font(check: Checker, node: Node, what: str) -> str | None:
    """A family name the renderers can write: the PDF's goes into CSS and the PDF's font
    names (where ``( ) [ ] / < > { } %`` and non-ASCII letters are syntax), the deck's
    into ``typeface`` attributes, which PowerPoint cuts at 31 characters."""
    value = check.text(node, what)
    if value is None:
        return None
    if what.endswith(".pdf'"):
        if not _PDF_FAMILY.fullmatch(value):
            check.error(
                node,
                f"{what}: '{value}' is not a family name the PDF can carry; expected ASCII letters, "
                f"digits, spaces and hyphens, starting with a letter, at most {MAX_FAMILY_LENGTH} characters",
            )
            return None
    elif value != value.strip() or not value or len(value) > MAX_FAMILY_LENGTH or not _DECK_FAMILY.fullmatch(value):
        check.error(
            node,
            f"{what}: '{value}' is not a family name the deck can carry; expected at most "
            f"{MAX_FAMILY_LENGTH} letters, digits, spaces, hyphens or underscores, without leading or trailing spaces",
        )
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
