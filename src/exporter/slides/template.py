"""A company's own PowerPoint template (.pptx or .potx) read into a grid and a layout for each slide role.

In: the template's path (never written) and the theme's layout names by role, if any.
Out: ``open_template`` (the presentation, its sample slides removed with ``drop_slide``),
``layouts_by_role`` (each role's layout, found across every master by the placeholders it holds —
their types and boxes — never by name or position), ``grid_of`` (the ``Grid`` the planner measures
against: the chosen layouts' title, body and footer boxes, and the two-content layout's two body
boxes, inside the slide), ``side_by_side`` (those two placeholders), ``branded`` (a theme
in the template's colours and faces, ``exporter.brand``) and ``read_template``, all of it at once. Roles: ``cover``,
``section``, ``content``, ``two-content``, ``closing``. python-pptx's gaps are wrapped here by name;
raw XML lives in ``exporter.slides.ooxml``.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.package import Package

from exporter.brand import Brand, deck_colors, read_brand
from exporter.errors import RenderError
from exporter.inputs import InputError, read_bounded
from exporter.slides import ooxml
from exporter.slides.grid import DEFAULT_GRID, GAP, Grid, Rect, footer_thirds, inches
from exporter.theme import MAX_TEMPLATE_BYTES, ROLES, Theme

_MAIN_TYPES = (CT.PML_PRESENTATION_MAIN, CT.PML_PRES_MACRO_MAIN, CT.PML_TEMPLATE_MAIN)
"""The main parts a template may have: a presentation's (``.pptx``, ``.pptm``) or a template's (``.potx``)."""
_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
_BODIES = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE}
FOOTER_TYPES = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.SLIDE_NUMBER)
"""The placeholders of the footer's short title, confidentiality label and slide number, in ``Grid.footers`` order."""


@dataclass(frozen=True)
class Holder:
    """One placeholder of a layout: its type, ``idx`` and box."""

    type: PP_PLACEHOLDER
    idx: int
    box: Rect


@dataclass(frozen=True)
class Template:
    """A template as the planner and the writer see it."""

    grid: Grid
    brand: Brand


def open_template(path: Path):  # type: ignore[no-untyped-def]
    """The presentation in ``path`` with its sample slides removed (``drop_slide``); a ``.potx``
    opens too (``as_presentation``)."""
    return _opened(_template_bytes(path), path)


def _template_bytes(path: Path) -> bytes:
    """The bytes of the template at ``path``, at most ``MAX_TEMPLATE_BYTES``."""
    try:
        return read_bounded(path, MAX_TEMPLATE_BYTES)
    except InputError as exc:
        raise RenderError(f"slides: template {path}: {exc.reason}") from None


def _opened(data: bytes, path: Path):  # type: ignore[no-untyped-def]
    """The presentation in ``data`` (read from ``path``), its sample slides removed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if "ppt/presentation.xml" not in package.namelist():
                raise RenderError(
                    f"slides: {path} is not a PowerPoint presentation or template (no ppt/presentation.xml)"
                )
    except zipfile.BadZipFile:
        raise RenderError(f"slides: {path} is not a PowerPoint presentation or template (not a zip package)") from None
    try:
        main = Package.open(io.BytesIO(data)).main_document_part
    except Exception as exc:  # python-pptx raises many kinds on a broken package
        raise RenderError(f"slides: {path} does not open as a presentation ({exc})") from None
    if main._content_type not in _MAIN_TYPES:  # read unset: ``content_type`` keeps the first value it gives
        raise RenderError(f"slides: {path} is not a PowerPoint presentation or template ({main._content_type})")
    as_presentation(main)
    presentation = main.presentation
    for slide_id in list(presentation.slides._sldIdLst):
        drop_slide(presentation, slide_id)
    add_view_properties(presentation)
    return presentation


def as_presentation(main) -> None:  # type: ignore[no-untyped-def]
    """Make a template's main part (``.potx``: ``presentationml.template.main+xml``) a presentation's,
    so the deck written from it is a ``.pptx``; python-pptx opens only presentations (#1070). Its
    part class is already ``PresentationPart``; only the content type it is saved with changes
    (``_content_type``, before anything reads ``content_type``, which keeps its first value)."""
    if main._content_type == CT.PML_TEMPLATE_MAIN:
        main._content_type = CT.PML_PRESENTATION_MAIN


def add_view_properties(presentation) -> None:  # type: ignore[no-untyped-def]
    """Give a presentation without one the view properties part PowerPoint requires (``p:viewPr``,
    every child optional): LibreOffice's .pptx export writes none, and PowerPoint offers to repair
    such a file."""
    part = presentation.part
    if any(rel.reltype == RT.VIEW_PROPS for rel in part.rels.values()):
        return
    blob = ooxml.view_properties()
    part.relate_to(Part(PackURI("/ppt/viewProps.xml"), CT.PML_VIEW_PROPS, part.package, blob), RT.VIEW_PROPS)


def drop_slide(presentation, slide_id) -> None:  # type: ignore[no-untyped-def]
    """Remove one slide (its ``p:sldId``) and the relationship to its part; no API does (python-pptx
    #67, #310). The part, its notes and the images only it showed are then unreachable, so they are
    not written; its entry in the sections list (``p14:sectionLst``) goes too."""
    presentation.slides._sldIdLst.remove(slide_id)
    ooxml.drop_section_entry(presentation.part._element, slide_id.get("id"))
    presentation.part.drop_rel(slide_id.rId)


def insert_into_placeholder(element, holder: Holder | None) -> None:  # type: ignore[no-untyped-def]
    """Make a drawn table's or chart's ``p:graphicFrame`` or a picture's ``p:pic`` the content of the
    layout's body placeholder ``holder``, as PowerPoint's own insertion does; python-pptx's content
    placeholders take none of them (#333). Its planned box is kept. Nothing where ``holder`` is None."""
    if holder is not None:
        ooxml.bind_placeholder(element, holder.idx)


def all_layouts(presentation) -> Iterator:  # type: ignore[no-untyped-def]
    """Every layout of every master, in order: ``slide_layouts`` is the first master's only."""
    for master in presentation.slide_masters:
        yield from master.slide_layouts


def holders(layout, on_master: bool = False) -> list[Holder]:  # type: ignore[no-untyped-def]
    """The layout's own horizontal placeholders with their boxes, a box the layout leaves unset
    taken from the master's placeholder of the same kind (as python-pptx's inherited ``left``…,
    which walk the master for every property: a third of a second on one template). With
    ``on_master``, the master's box wherever it has one."""
    inherited = {kind: box for kind, _, box, _ in ooxml.placeholders(layout.slide_master.element) if box}
    found = []
    for kind, idx, own, vertical in ooxml.placeholders(layout.element):
        master = inherited.get(_MASTER_KIND.get(kind, kind))
        box = (master or own) if on_master else (own or master)
        if box is not None and not vertical:
            found.append(Holder(_TYPES.get(kind, PP_PLACEHOLDER.OBJECT), idx, Rect(*box)))
    return found


def content_holders(layout, width: int, height: int, own: list[Holder] | None = None) -> list[Holder]:  # type: ignore[no-untyped-def]
    """The placeholders a content slide on ``layout`` is measured against: the layout's own (``own``,
    when already read), or where they leave no room for content and the master's do, the master's
    boxes (LibreOffice writes every layout of every master with the boxes of one master's title
    slide; its masters hold the design)."""
    own = holders(layout) if own is None else own
    if _score("content", own, width, height) > 0:
        return own
    master = holders(layout, on_master=True)
    return master if _score("content", master, width, height) > 0 else own


_TYPES = {member.xml_value: member for member in PP_PLACEHOLDER if member.xml_value}
"""``PP_PLACEHOLDER`` by ``p:ph@type`` (``from_xml`` walks the members each time); an unknown type is an object's."""

_MASTER_KIND = {"ctrTitle": "title", "subTitle": "body", "obj": "body", "pic": "body", "tbl": "body", "chart": "body"}
"""The master placeholder a layout's placeholder of each kind inherits its box from (ECMA-376 §19.3.1.36)."""


def _area(rect: Rect) -> int:
    return rect.w * rect.h


def _title(found: list[Holder]) -> Holder | None:
    return next((h for h in found if h.type in _TITLES), None)


def _bodies(found: list[Holder]) -> list[Holder]:
    """The body placeholders below or beside the title, largest first."""
    return sorted((h for h in found if h.type in _BODIES), key=lambda h: -_area(h.box))


def _score(role: str, found: list[Holder], width: int, height: int) -> float:
    """How well a layout holding ``found`` suits ``role``: 0 when it cannot hold it."""
    title = _title(found)
    if title is None:
        return 0.0
    bodies = _bodies(found)
    slide = width * height
    centred = title.type == PP_PLACEHOLDER.CENTER_TITLE
    subtitle = any(h.type == PP_PLACEHOLDER.SUBTITLE for h in found)
    wide_title = title.box.w >= width // 2
    large = _large(bodies, width, height)
    if role == "cover":
        return 3.0 if centred else 2.0 if subtitle else 0.0
    if role in ("content", "closing"):
        if centred or not wide_title or len(large) != 1 or large[0].box.y < title.box.bottom - inches(0.05):
            return 0.0
        return 1.0 + _area(large[0].box) / slide - 0.1 * (len(bodies) - 1)
    if role == "two-content":
        if centred or not wide_title or side_by_side(found, width, height) is None:
            return 0.0
        return 2.0 - 0.1 * (len(bodies) - 2)
    # section: a title, large or low on the slide, with at most one small body and nothing else
    others = [h for h in found if h is not title and h.type not in _BODIES and h.type not in FOOTER_TYPES]
    if centred or len(bodies) > 1 or large or others or not wide_title:
        return 0.0
    return 1.0 + title.box.h / height + title.box.y / height


def _large(bodies: list[Holder], width: int, height: int) -> list[Holder]:
    """The body placeholders of ``bodies`` that can hold a slide's content: at least 40 % of the
    slide's height and a tenth of its area; no subtitle."""
    return [
        b
        for b in bodies
        if b.box.h >= height * 0.4 and _area(b.box) >= width * height * 0.1 and b.type != PP_PLACEHOLDER.SUBTITLE
    ]


def side_by_side(found: list[Holder], width: int, height: int) -> tuple[Holder, Holder] | None:
    """The two body placeholders of a two-content layout holding ``found``, left then right: its
    only two large ones (``_large``), the right starting past the left's end, their tops level
    within half an inch; None for a layout without such a pair."""
    large = _large(_bodies(found), width, height)
    if len(large) != 2:
        return None
    left, right = sorted(large, key=lambda b: b.box.x)
    apart = left.box.x + left.box.w <= right.box.x and abs(left.box.y - right.box.y) < inches(0.5)
    return (left, right) if apart else None


def _room(found: list[Holder]) -> int:
    """The area of a layout's largest body placeholder (0 without one)."""
    return max((_area(b.box) for b in _bodies(found) if b.type != PP_PLACEHOLDER.SUBTITLE), default=0)


_CONTENT_ROLES = ("content", "two-content", "closing")

_NEAREST = {
    "cover": ("section",),
    "section": ("cover", "content"),
    "two-content": ("content",),
    "closing": ("content",),
}
"""Where a role goes when no layout suits it: the nearest role's layout."""


def layouts_by_role(presentation, names: Mapping[str, str] | None = None) -> dict:  # type: ignore[no-untyped-def]
    """Each role's layout: the one the theme names (``names``, by layout name, any master), else the
    best by its placeholders, else the nearest role's, else a layout with a title, else the layout
    with the fewest placeholders (a template of artwork only)."""
    layouts = list(all_layouts(presentation))
    width, height = presentation.slide_width, presentation.slide_height
    found = {id(layout): holders(layout) for layout in layouts}
    chosen: dict[str, object] = {}
    for role, name in (names or {}).items():
        named = [layout for layout in layouts if layout.name == name]
        if not named:
            known = ", ".join(f"'{layout.name}'" for layout in layouts)
            raise RenderError(
                f"slides: the template has no layout named '{name}' for the {role} slides; it has {known}",
                theme_key=f"slides.layouts.{role}",
            )
        chosen[role] = named[0]
    for role in ROLES:
        if role in chosen:
            continue
        scored = [(_score(role, found[id(layout)], width, height), -index) for index, layout in enumerate(layouts)]
        best = max(scored) if scored else (0.0, 0)
        if best[0] <= 0 and role in _CONTENT_ROLES:  # none on its own boxes: on its master's
            contents = [content_holders(lay, width, height, found[id(lay)]) for lay in layouts]
            best = max((_score(role, held, width, height), -index) for index, held in enumerate(contents))
        if best[0] > 0:
            chosen[role] = layouts[-best[1]]
    titled = [layout for layout in layouts if _title(found[id(layout)])]
    plain = [layout for layout in titled if _title(found[id(layout)]).type == PP_PLACEHOLDER.TITLE]  # type: ignore[union-attr]
    roomiest = max(plain, key=lambda layout: _room(found[id(layout)]), default=None)
    if roomiest is not None:  # no layout suits a content slide: the one with a title and the largest body
        for role in ("content", "two-content", "closing"):
            chosen.setdefault(role, roomiest)
    fallback = titled[0] if titled else min(layouts, key=lambda layout: len(found[id(layout)]))
    for role in ROLES:
        if role not in chosen:
            chosen[role] = next((chosen[r] for r in _NEAREST.get(role, ()) if r in chosen), fallback)
    return chosen


def grid_of(presentation, chosen: Mapping[str, object]) -> Grid:  # type: ignore[no-untyped-def]
    """The boxes of the chosen layouts, kept inside the slide: the content layout's title, its
    largest body (else the room between the title and the footer) and its footer placeholders
    (else the default footer's thirds); the cover's title and subtitle; the section's title. A box
    a layout lacks is the default grid's, scaled to the slide; a box too small for what it holds
    (``MIN_HEIGHTS``) is made taller, a body above the title starts below it."""
    width, height = int(presentation.slide_width), int(presentation.slide_height)
    scaled = _scaled(width, height)
    content = content_holders(chosen["content"], width, height)
    by_type = {h.type: h.box for h in content}
    artwork = tuple(Rect(*box) for box in ooxml.picture_boxes(chosen["content"].slide_master.element))  # type: ignore[attr-defined]
    thirds = footer_thirds(width, height, artwork)
    pairs = zip(FOOTER_TYPES, thirds, strict=True)
    footers = tuple(_grown(_inside(by_type.get(kind, third), width, height), "footer", height) for kind, third in pairs)
    floor = min(f.y for f in footers) - inches(0.1)
    title = _box(_title(content), scaled.title, "title", width, height)
    bodies = [b for b in _bodies(content) if b.type != PP_PLACEHOLDER.SUBTITLE]
    body = _inside(bodies[0].box, width, height) if bodies else scaled.content
    top = max(body.y, title.bottom + inches(0.1))
    bottom = floor if body.bottom > floor > top + (body.bottom - top) // 2 else body.bottom  # off the footer band
    body = Rect(body.x, top, body.w, bottom - top)
    if body.h < height * 0.3 or body.w < width * 0.4:  # no room for content: below the title, to the footer
        body = Rect(title.x, title.bottom + GAP, title.w, floor - title.bottom - GAP)
    cover = holders(chosen["cover"])
    cover_title = _box(_title(cover), scaled.cover_title, "cover title", width, height)
    below = next((h for h in cover if h.type in _BODIES), None)
    text = Rect(cover_title.x, cover_title.bottom + inches(0.2), cover_title.w, inches(0.1))
    cover_text = _box(below, text, "cover text", width, height)
    section = _box(_title(holders(chosen["section"])), scaled.section_title, "section title", width, height)
    halves = _halves(chosen["two-content"], width, height, title.bottom + inches(0.1), floor)
    return Grid(width, height, title, body, footers, cover_title, cover_text, section, True, halves)  # type: ignore[arg-type]


def _halves(layout, width: int, height: int, top: int, floor: int) -> tuple[Rect, Rect] | None:  # type: ignore[no-untyped-def]
    """The two body boxes of a two-content ``layout`` (``side_by_side``) inside the slide, from
    ``top`` (below the title) and off the footer band at ``floor`` as the content box is, on the
    level both share; None without such a pair, or where either is left too small to hold content (narrower
    than a fifth of the slide, lower than three tenths)."""
    pair = side_by_side(holders(layout), width, height)
    if pair is None:
        return None
    left, right = (_inside(h.box, width, height) for h in pair)
    y = max(left.y, right.y, top)  # one level, inside both
    end = min(left.bottom, right.bottom)
    bottom = floor if end > floor > y + (end - y) // 2 else end
    boxes = (Rect(left.x, y, left.w, bottom - y), Rect(right.x, y, right.w, bottom - y))
    if any(b.w < width * 0.2 or b.h < height * 0.3 for b in boxes):
        return None
    return boxes  # type: ignore[return-value]


def roomier(grid: Grid) -> Grid:
    """``grid`` with more room for what did not fit in it: every title as wide as the content below
    it and taller (three lines of the smallest slide title; the cover's, the section's, two of the
    largest cover title), the content from below the title down to the footer band at the slide's
    bottom, where the footer goes in thirds; the cover's text below its title; a two-content slide's
    two boxes shared out of that content box."""
    width, height = grid.slide_w, grid.slide_h
    footers = footer_thirds(width, height)
    floor = footers[0].y - inches(0.1)
    title = _widened(grid.title, grid.content, inches(1.05))
    top = title.bottom + inches(0.1)
    content = Rect(grid.content.x, top, grid.content.w, floor - top)
    cover_title = _widened(grid.cover_title, grid.cover_text, inches(1.6))
    top = max(grid.cover_text.y, cover_title.bottom + inches(0.1))
    cover_text = Rect(grid.cover_text.x, top, grid.cover_text.w, max(grid.cover_text.bottom, floor) - top)
    section_title = _widened(grid.section_title, grid.content, inches(1.6))
    return dataclasses.replace(
        grid, title=title, content=content, footers=footers, cover_title=cover_title, cover_text=cover_text,
        section_title=section_title, halves=None,
    )  # fmt: skip


def _widened(box: Rect, under: Rect, least: int) -> Rect:
    """``box`` spanning ``under``'s width too, at least ``least`` tall."""
    left, right = min(box.x, under.x), max(box.x + box.w, under.x + under.w)
    return Rect(left, box.y, right - left, max(box.h, least))


MIN_HEIGHTS = {
    "title": inches(0.75),
    "cover title": inches(1.2),
    "cover text": inches(1.6),
    "section title": inches(1.2),
    "footer": inches(0.3),
}
"""The least height of a box, in EMU, so that the smallest sizes fit: two lines of a slide title, of
a cover title, the cover's subtitle, byline, source and label, two lines of a section divider, a
footer's line."""


def _box(holder: Holder | None, default: Rect, kind: str, width: int, height: int) -> Rect:
    """The placeholder's box (``default`` without one) inside the slide, at least ``MIN_HEIGHTS[kind]``
    tall: grown downwards, or upwards where the slide ends."""
    return _grown(_inside(holder.box if holder is not None else default, width, height), kind, height)


def _grown(box: Rect, kind: str, height: int) -> Rect:
    """``box`` at least ``MIN_HEIGHTS[kind]`` tall: grown downwards, or upwards where the slide ends."""
    least = min(MIN_HEIGHTS[kind], height)
    if box.h >= least:
        return box
    return Rect(box.x, min(box.y, height - least), box.w, least)


def _scaled(width: int, height: int) -> Grid:
    """The default grid stretched to a slide of ``width`` × ``height``."""
    fx, fy = width / DEFAULT_GRID.slide_w, height / DEFAULT_GRID.slide_h

    def scale(r: Rect) -> Rect:
        return Rect(round(r.x * fx), round(r.y * fy), round(r.w * fx), round(r.h * fy))

    g = DEFAULT_GRID
    return Grid(
        width, height, scale(g.title), scale(g.content), tuple(scale(f) for f in g.footers),  # type: ignore[arg-type]
        scale(g.cover_title), scale(g.cover_text), scale(g.section_title), templated=True,
    )  # fmt: skip


def _inside(rect: Rect, width: int, height: int) -> Rect:
    """``rect`` cut to the slide."""
    x, y = max(rect.x, 0), max(rect.y, 0)
    return Rect(x, y, max(min(rect.x + rect.w, width) - x, 0), max(min(rect.y + rect.h, height) - y, 0))


def read_template(path: Path, names: Mapping[str, str] | None = None) -> tuple[object, dict, Template]:
    """The opened template, its layout by role and what the planner needs of it; the file is read once."""
    data = _template_bytes(path)
    presentation = _opened(data, path)
    chosen = layouts_by_role(presentation, names)
    grid = grid_of(presentation, chosen)
    return presentation, chosen, Template(grid, read_brand(io.BytesIO(data)))


def branded(theme: Theme, brand: Brand) -> Theme:
    """``theme`` in the template's colours (``exporter.brand.deck_colors``: light text on a dark
    master) and faces: the theme's minor faces (``+mn-lt``, ``+mn-ea``; the theme's East Asian face
    where the template names none)."""
    fonts = dataclasses.replace(
        theme.fonts,
        slides_latin="+mn-lt",
        slides_east_asian="+mn-ea" if brand.minor[1] else theme.fonts.slides_east_asian,
    )
    return dataclasses.replace(theme, colors=deck_colors(brand, theme.colors), fonts=fonts)


def measured_with(brand: Brand) -> str:
    """What ``exporter check`` says of the template's faces: the deck is measured with the bundled
    Noto Sans CJK JP, its Latin glyphs counted 15 % wider (``exporter.text.metrics``)."""
    faces = sorted({f for f in (*brand.major, *brand.minor) if f and not f.startswith("Noto Sans CJK")})
    if not faces:
        return ""
    named = ", ".join(f"'{f}'" for f in faces)
    return (
        f"the template's faces {named} are not bundled; the deck was measured with Noto Sans CJK JP, "
        "its Latin glyphs counted 15 % wider, so text set in them may stand a little looser than measured"
    )
