"""Write a slide plan as a .pptx file with python-pptx (with ``ooxml``, the only modules importing it).

In: a ``Deck`` (``exporter.slides.shapes``, planned by ``exporter.slides.plan``), a path, and
optionally a company template opened by ``exporter.slides.template`` with its layout by role.
Out: a PowerPoint file drawing exactly the plan — every position, size, line break and font size
comes from the plan; nothing is measured or decided here. On a template, each slide is on its
role's layout, and its title, body text and footer go into that layout's placeholders, taking
their colours, faces and bullets from it; without one, on python-pptx's default file.
Raw XML goes through the named patches of ``exporter.slides.ooxml``. The zip's
entries carry the deck's date (the source's, or ``SOURCE_DATE_EPOCH``), so the same
input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import struct
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.simpletypes import ST_Direction, ST_PlaceholderSize
from pptx.parts.image import Image as PptxImage
from pptx.parts.image import ImagePart
from pptx.parts.slide import NotesSlidePart
from pptx.util import Emu, Pt

from exporter.slides import ooxml
from exporter.slides.shapes import Bar, Box, ChartShape, Deck, Para, Picture, Run, Slide, TableShape
from exporter.slides.template import Holder, holders, insert_into_placeholder, side_by_side
from exporter.slides.typeset import with_spans
from exporter.text.phrases import clipped

_TITLE_ONLY_LAYOUT = 5
"""Every slide's layout in python-pptx's default template: Title Only, whose one placeholder
(past the date, footer and number that slides do not copy) is the title."""
_RULE_WIDTH = Pt(0.75)


def write_pptx(deck: Deck, path: Path, template: tuple | None = None, east_asian: str = "") -> None:  # type: ignore[type-arg]
    """Build the presentation of ``deck`` and write it to ``path``: on ``template`` — (the opened
    template, its layout by role), see ``exporter.slides.template`` — whose placeholders get
    ``east_asian`` named where the template's theme has no East Asian face, else on python-pptx's
    default file."""
    if template is None:
        presentation = Presentation()
        presentation.slide_width = Emu(deck.width)
        presentation.slide_height = Emu(deck.height)
        layout = presentation.slide_layouts[_TITLE_ONLY_LAYOUT]
        layouts = None
    else:
        presentation, layouts = template
    _properties(presentation, deck)
    writer = _Writer(deck, east_asian)
    slide_list = presentation._element.get_or_add_sldIdLst()
    held: dict[int, dict] = {}  # type: ignore[type-arg]  # each layout's placeholders, read once
    for planned in deck.slides:
        # Slides.add_slide, but with the title placeholder added by _Writer.slide instead of
        # found by walking the layout's shapes again for every slide.
        chosen = layout if layouts is None else layouts[planned.role]
        relationship, slide = presentation.part.add_slide(chosen)
        slide_list.add_sldId(relationship)
        if layouts is None:
            writer.slide(slide, planned)
        else:
            found = held.setdefault(id(chosen), _placeholders(chosen, deck.width, deck.height))
            writer.slide(slide, planned, dict(found))
    buffer = io.BytesIO()
    presentation.save(buffer)
    path.write_bytes(_stamped(buffer.getvalue(), dt.datetime.fromisoformat(deck.properties.date)))


def read_back(path: Path) -> tuple[tuple[int, int, int], list[str]]:
    """Re-open a written deck as a reader does: from the package's root relationship to the
    presentation part, then to each slide in the order of its slide list; each of those parts has its
    content type, each of their relationships a part the package holds, and their XML parses.
    Out: (slides, width, height) in EMU, and the text of every table cell on the slides (a formula's
    readable text included); raises if the file is no presentation. A fifth to a half of the time python-pptx
    takes to open it, loading the masters, layouts and theme that are not read here."""
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        types = _content_types(package)
        main = next(target for _, kind, target in _relationships(package, names, "") if kind == RT.OFFICE_DOCUMENT)
        if types.get(main) not in (CT.PML_PRESENTATION_MAIN, CT.PML_PRES_MACRO_MAIN):
            raise ValueError(f"the main part {main} is a {types.get(main)}, not a presentation")
        presentation = _parsed(package, main)
        targets = {rid: target for rid, _, target in _relationships(package, names, main)}
        size = presentation.find(f"{_P}sldSz")
        if size is None:
            raise ValueError("the presentation has no slide size")
        slides = [targets[listed.get(_R_ID, "")] for listed in presentation.iterfind(f"{_P}sldIdLst/{_P}sldId")]
        cells = []
        for slide in slides:
            if types.get(slide) != CT.PML_SLIDE:
                raise ValueError(f"the slide {slide} is a {types.get(slide)}")
            _relationships(package, names, slide)
            for cell in _parsed(package, slide).iter(f"{_A}tc"):
                body = cell.find(f"{_A}txBody")
                cells.append("" if body is None else ooxml.readable_text(body))
    return (len(slides), int(size.get("cx", 0)), int(size.get("cy", 0))), cells


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def _parsed(package: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(package.read(name), _PARSER)


def _content_types(package: zipfile.ZipFile) -> dict[str, str]:
    """The content type of each entry of the package, by its name in the zip."""
    types = _parsed(package, "[Content_Types].xml")
    by_extension = {
        d.get("Extension", "").lower(): d.get("ContentType", "") for d in types.iter(f"{_CONTENT_TYPES}Default")
    }
    found = {
        o.get("PartName", "").lstrip("/"): o.get("ContentType", "") for o in types.iter(f"{_CONTENT_TYPES}Override")
    }
    for name in package.namelist():
        found.setdefault(name, by_extension.get(name.rpartition(".")[2].lower(), ""))
    return found


def _relationships(package: zipfile.ZipFile, names: set[str], part: str) -> list[tuple[str, str, str]]:
    """The internal relationships of ``part`` (``""``: of the package) as (id, type, target part);
    raises where one names a part the package does not hold."""
    folder, _, base = part.rpartition("/")
    rels = posixpath.join(folder, "_rels", f"{base}.rels")
    if rels not in names:
        return []
    found = []
    for relationship in _parsed(package, rels).iter(_PACKAGE_RELATIONSHIP):
        if relationship.get("TargetMode") == "External":
            continue
        target = posixpath.normpath(posixpath.join("/", folder, relationship.get("Target", "")))[1:]
        if target not in names:
            raise ValueError(f"{part or 'the package'} relates to {target}, which it does not hold")
        found.append((relationship.get("Id", ""), relationship.get("Type", ""), target))
    return found


_CORE_TEXT = 255
"""Most characters python-pptx takes in a core property (a longer title is cut, with an ellipsis)."""


def _properties(presentation, deck: Deck) -> None:  # type: ignore[no-untyped-def]
    props = deck.properties
    date = dt.datetime.fromisoformat(props.date)
    core = presentation.core_properties
    core.title = clipped(props.title, _CORE_TEXT)
    core.subject = clipped(props.subject, _CORE_TEXT)
    core.author = clipped(props.author, _CORE_TEXT)
    core.last_modified_by = clipped(props.author, _CORE_TEXT)
    core.keywords = clipped(props.keywords, _CORE_TEXT)
    core.language = props.language
    core.created = date
    core.modified = date
    core.revision = 1
    core.identifier = props.identifier


def _stamped(package: bytes, date: dt.datetime) -> bytes:
    """``package`` (a zip file) with every entry dated ``date`` instead of the moment python-pptx wrote it.

    Rewrites the DOS time and date of each entry's central-directory record and local
    header in place (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16); nothing is recompressed.
    """
    year, month, day, hour, minute, second = max(
        (date.year, date.month, date.day, date.hour, date.minute, date.second), (1980, 1, 1, 0, 0, 0)
    )  # zip's earliest date
    dos_time, dos_date = (second // 2) | (minute << 5) | (hour << 11), day | (month << 5) | ((year - 1980) << 9)
    data = bytearray(package)
    end = data.rfind(b"PK\x05\x06")
    entries, _, record = struct.unpack_from("<HII", data, end + 10)
    for _ in range(entries):
        if data[record : record + 4] != b"PK\x01\x02":
            raise ValueError("not a zip central-directory record")
        name, extra, comment = struct.unpack_from("<HHH", data, record + 28)
        (local,) = struct.unpack_from("<I", data, record + 42)
        struct.pack_into("<HH", data, record + 12, dos_time, dos_date)
        struct.pack_into("<HH", data, local + 10, dos_time, dos_date)
        record += 46 + name + extra + comment
    return bytes(data)


class _Writer:
    """Draws planned slides onto python-pptx slides.

    Shapes are appended to the slide's shape tree through python-pptx's element layer
    (``CT_GroupShape.add_placeholder``, ``add_textbox`` and their siblings) with ids counted
    here: its shape-tree API looks up the next id with an XPath over the whole slide and
    wraps every new shape in a proxy: two fifths of the time it took to draw the deck.
    """

    def __init__(self, deck: Deck, east_asian: str = ""):
        self.notes_pages = 0
        self.created = dt.datetime.fromisoformat(deck.properties.date)
        self.inherited_east_asian = east_asian
        self.images: dict[str, ImagePart] = {}
        """The image parts added so far, by the SHA-1 of their bytes."""
        self.latin = deck.latin
        self.east_asian = deck.east_asian
        self.lang = deck.lang

    def slide(self, slide, planned: Slide, holders: dict | None = None) -> None:  # type: ignore[no-untyped-def,type-arg]
        """Draw ``planned`` on ``slide``; ``holders`` are its layout's placeholders by what they hold
        (``_placeholders``), None on python-pptx's default file."""
        if planned.background:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = _rgb(planned.background)
        tree = slide._element.cSld.spTree
        first_id = tree.max_shape_id + 1
        if holders is None:
            title = tree.add_placeholder(
                first_id, "", PP_PLACEHOLDER.TITLE, ST_Direction.HORZ, ST_PlaceholderSize.FULL, 0
            )
            title.x, title.y, title.cx, title.cy = (Emu(v) for v in planned.title.frame)
            self._text(title, planned.title, slide.part)
        else:
            self._held(tree, first_id, planned.title, holders.pop("title", None), slide.part)
        for shape_id, shape in enumerate((*planned.shapes, *planned.footer), first_id + 1):
            frame = tuple(Emu(v) for v in shape.frame)
            if isinstance(shape, Box) and holders is not None:
                self._held(tree, shape_id, shape, holders.pop(_HELD.get(shape.name), None), slide.part)
            elif isinstance(shape, Box):
                self._text(tree.add_textbox(shape_id, "", *frame), shape, slide.part)
            elif isinstance(shape, Picture):
                relationship = slide.part.relate_to(self._image_part(slide.part.package, shape), RT.IMAGE)
                picture = tree.add_pic(shape_id, "", "", relationship, *frame)
                ooxml.set_name(picture, shape.name)
                ooxml.set_alt_text(picture, shape.descr)
                insert_into_placeholder(picture, _content_holder(holders, shape))
            elif isinstance(shape, TableShape):
                table = self._table(tree, shape_id, shape, slide.part, opaque=holders is not None)
                insert_into_placeholder(table, _content_holder(holders, shape))
            elif isinstance(shape, ChartShape):
                chart = self._chart(tree, shape_id, shape, slide.part)
                insert_into_placeholder(chart, _content_holder(holders, shape))
            elif isinstance(shape, Bar):
                bar = tree.add_autoshape(shape_id, "", "rect", *frame)
                ooxml.set_name(bar, shape.name)
                ooxml.drop_shape_style(bar)
                ooxml.set_solid_fill(bar.spPr, shape.fill)
                ooxml.hide_outline(bar.spPr)
                ooxml.mark_decorative(bar)
        if planned.notes:
            self._notes_slide(slide, planned.notes)

    def _image_part(self, package, shape: Picture) -> ImagePart:  # type: ignore[no-untyped-def]
        """The package's part for the picture of ``shape``, one per distinct image. python-pptx's
        ``get_or_add_image_part`` finds a picture already added, and the next part name, by walking
        every relationship of the package: a deck of 500 images spent 37 s there."""
        image = PptxImage.from_file(io.BytesIO(shape.data) if shape.data else shape.path)
        part = self.images.get(image.sha1)
        if part is None:
            name = PackURI(f"/ppt/media/image{len(self.images) + 1}.{image.ext}")  # the default template has none
            part = self.images[image.sha1] = ImagePart(name, image.content_type, package, image.blob, image.filename)
        return part

    def _notes_slide(self, slide, notes: str) -> None:  # type: ignore[no-untyped-def]
        """A notes page for ``slide`` showing ``notes``, related like python-pptx's own (to the
        slide and the notes master), its XML from ``ooxml.notes_slide_element``."""
        self.notes_pages += 1
        package = slide.part.package
        part = NotesSlidePart(
            PackURI(f"/ppt/notesSlides/notesSlide{self.notes_pages}.xml"),
            CT.PML_NOTES_SLIDE,
            package,
            ooxml.notes_slide_element(notes, self.latin, self.east_asian, self.lang),
        )
        part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)

    def _held(self, tree, shape_id: int, box: Box, holder: Holder | None, part) -> None:  # type: ignore[no-untyped-def]
        """``box`` in the layout's placeholder ``holder`` at the planned frame, styled by the template;
        a plain text box where the layout has no such placeholder."""
        if holder is None:
            self._text(tree.add_textbox(shape_id, "", *(Emu(v) for v in box.frame)), box, part)
            return
        sp = ooxml.placeholder_shape(shape_id, holder.type.xml_value, holder.idx, box.frame)
        tree.insert_element_before(sp, "p:extLst")
        self._text(sp, box, part, inherit=True)

    def _text(self, sp, box: Box, part, inherit: bool = False) -> None:  # type: ignore[no-untyped-def]
        ooxml.set_name(sp, box.name)
        if box.fill:
            ooxml.set_solid_fill(sp.spPr, box.fill)
        tx_body = sp.txBody
        ooxml.set_body_properties(tx_body.bodyPr, box.inset, None if inherit else box.anchor)
        east_asian = self.inherited_east_asian if inherit else self.east_asian
        ooxml.write_paragraphs(tx_body, box.paras, self.latin, east_asian, _linker(part), inherit)

    def _table(self, tree, shape_id: int, table: TableShape, part, opaque: bool = False):  # type: ignore[no-untyped-def]
        """The ``p:graphicFrame`` of ``table``, drawn; ``opaque`` (on a template, whose backgrounds may
        be dark or pictures) fills the rows between the bands with the paper colour the header's text is in."""
        link = _linker(part)
        rows = (table.header, *table.body)
        frame = tree.add_table(shape_id, "", len(rows), len(table.header), *(Emu(v) for v in table.frame))
        ooxml.set_name(frame, table.name)
        ooxml.set_alt_text(frame, table.descr)
        tbl = frame.graphic.graphicData.tbl
        ooxml.set_table_look(tbl, first_row=True, band_row=True)
        for column, width in zip(tbl.tblGrid.gridCol_lst, table.columns, strict=True):
            column.w = Emu(width)
        for r, (tr, cells, height) in enumerate(zip(tbl.tr_lst, rows, table.rows, strict=True)):
            tr.h = Emu(height)
            header = r == 0
            fill = table.header_fill if header else (table.band_fill if r % 2 == 0 else None)
            fill = fill or (table.header_color if opaque else None)
            color = table.header_color if header else table.text_color
            aligns = table.align or ("l",) * len(cells)
            for tc, text, align in zip(tr.tc_lst, cells, aligns, strict=True):
                ooxml.style_cell(tc, fill, table.rule_color, _RULE_WIDTH, table.inset)
                runs = with_spans((Run(text, table.size, color, header, table.lang),), text)
                para = Para(runs, table.pitch, align=align)
                ooxml.write_paragraphs(tc.txBody, (para,), self.latin, self.east_asian, link)
        return frame

    def _chart(self, tree, shape_id: int, shape: ChartShape, part):  # type: ignore[no-untyped-def]
        from exporter.slides.pptxchart import add_chart  # XlsxWriter, only for a deck with a chart

        return add_chart(tree, shape_id, shape, part, self.created, (self.latin, self.east_asian, self.lang))


_HELD = {
    "Points": "body",
    "Outlook": "body",
    "Before list": "left",
    "After list": "right",
    "Subtitle": "subtitle",
    "Footer title": "footer",
    "Footer confidentiality": "date",
    "Slide number": "number",
}
"""The planned text boxes a template's placeholders hold, by name: the placeholder each goes into."""

_KINDS = {
    PP_PLACEHOLDER.TITLE: "title",
    PP_PLACEHOLDER.CENTER_TITLE: "title",
    PP_PLACEHOLDER.BODY: "body",
    PP_PLACEHOLDER.OBJECT: "body",
    PP_PLACEHOLDER.SUBTITLE: "subtitle",
    PP_PLACEHOLDER.FOOTER: "footer",
    PP_PLACEHOLDER.DATE: "date",
    PP_PLACEHOLDER.SLIDE_NUMBER: "number",
}


def _placeholders(layout, width: int, height: int) -> dict[str, Holder]:  # type: ignore[no-untyped-def]
    """A layout's placeholders by what they hold (``title``, ``body``, ``subtitle``, ``footer``,
    ``date``, ``number``): the first of each; a cover's body holds its subtitle; a two-content
    layout's two bodies (``side_by_side`` on a ``width`` × ``height`` slide) are ``left`` and ``right``."""
    found: dict[str, Holder] = {}
    own = holders(layout)
    for holder in own:
        kind = _KINDS.get(holder.type)
        if kind is not None:
            found.setdefault(kind, holder)
    if "subtitle" not in found and "body" in found:
        found["subtitle"] = found["body"]
    pair = side_by_side(own, width, height)
    if pair is not None:
        found["left"], found["right"] = pair
    return found


def _content_holder(held: dict[str, Holder] | None, shape: TableShape | Picture | ChartShape) -> Holder | None:
    """The placeholder a table, picture or chart goes into (taken from ``held``): on a two-content layout
    the body of the side its middle stands on, else the body; None on python-pptx's default file."""
    if not held:
        return None
    if "right" in held:
        side = "right" if shape.x + shape.w // 2 >= held["right"].box.x else "left"
        return held.pop(side, None)
    return held.pop("body", None)


def _linker(part):  # type: ignore[no-untyped-def]
    """For a slide's part: the relationship id of an external hyperlink to a URL (one per URL)."""

    def link(url: str) -> str:
        return part.relate_to(url, RT.HYPERLINK, is_external=True)

    return link


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())
