"""Company templates of the tests' own making: python-pptx's default file, edited as real ones are.

In: a folder to write into.
Out: ``.pptx`` and ``.potx`` files — several masters with their layouts in Japanese and Polish
and in another order, sample slides with a picture and notes, a brand colour scheme and faces, a
logo on the master; a 4:3 ``.potx`` without sample slides; a 16:9 template of artwork only (no
placeholder anywhere); a 16:9 one whose two-content layout holds two bodies of unequal widths, or
none — each built with python-pptx and named XML edits, never a binary blob.
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.slide import SlideLayoutPart, SlideMasterPart
from pptx.util import Emu, Inches

JAPANESE = ["タイトル スライド", "タイトルとコンテンツ", "セクション見出し", "2 つのコンテンツ", "比較",
            "タイトルのみ", "白紙", "タイトル付きのコンテンツ", "タイトル付きの図", "タイトルと縦書きテキスト",
            "縦書きタイトルと縦書きテキスト"]  # fmt: skip
POLISH = ["Slajd tytułowy", "Tytuł i zawartość", "Nagłówek sekcji", "Dwa elementy zawartości", "Porównanie",
          "Tylko tytuł", "Pusty", "Zawartość z podpisem", "Obraz z podpisem", "Tytuł i tekst pionowy",
          "Tytuł pionowy i tekst"]  # fmt: skip
BRAND = {"dk2": "1F4E3D", "accent1": "E07A1F", "lt2": "EEF3F0"}
"""The brand colours every template here carries: a dark green and an orange."""
SAMPLE_TEXT = "SAMPLE SLIDE TO BE REMOVED"


def logo_png(path: Path) -> Path:
    """A small two-colour logo."""
    image = Image.new("RGB", (240, 80), "#" + BRAND["dk2"])
    image.paste(Image.new("RGB", (80, 80), "#" + BRAND["accent1"]), (0, 0))
    image.save(path)
    return path


def _picture(owner, path: Path, x: int, y: int, width: int) -> None:  # type: ignore[no-untyped-def]
    """A picture on a master or layout, whose shape collections cannot add one."""
    _, relationship = owner.part.get_or_add_image_part(str(path))
    with Image.open(path) as image:
        height = round(width * image.height / image.width)
    tree = owner.shapes._spTree
    tree.add_pic(tree.max_shape_id + 1, "Logo", "Logo", relationship, x, y, width, height)


def _brand(presentation, latin: str = "Arial", east_asian: str = "") -> None:  # type: ignore[no-untyped-def]
    """The first master's theme: the brand colours and faces."""
    theme = presentation.slide_masters[0].part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    scheme = root.find(f".//{qn('a:clrScheme')}")
    for name, value in BRAND.items():
        slot = scheme.find(qn(f"a:{name}"))
        slot.clear()
        etree.SubElement(slot, qn("a:srgbClr"), val=value)
    for which in ("a:majorFont", "a:minorFont"):
        font = root.find(f".//{qn(which)}")
        font.find(qn("a:latin")).set("typeface", latin)
        font.find(qn("a:ea")).set("typeface", east_asian)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _samples(presentation, logo: Path) -> None:  # type: ignore[no-untyped-def]
    """Two sample slides, one with a picture and speaker notes."""
    layouts = [layout for m in presentation.slide_masters for layout in m.slide_layouts]
    titled = [layout for layout in layouts if any(p.placeholder_format.idx == 0 for p in layout.placeholders)]
    for index, layout in enumerate(titled[:2]):
        slide = presentation.slides.add_slide(layout)
        slide.shapes.title.text = SAMPLE_TEXT
        if index:
            slide.shapes.add_picture(str(logo), Inches(1), Inches(5))
            slide.notes_slide.notes_text_frame.text = "sample notes"


def _clone_master(presentation, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    """A second master, a copy of the first with its own layouts (named ``names``) and theme."""
    package, main = presentation.part.package, presentation.part
    first = presentation.slide_masters[0].part
    master = SlideMasterPart(
        PackURI("/ppt/slideMasters/slideMaster2.xml"), first.content_type, package, copy.deepcopy(first._element)
    )
    theme = first.part_related_by(RT.THEME)
    theme_copy = Part(PackURI("/ppt/theme/theme2.xml"), theme.content_type, package, theme.blob)
    master.relate_to(theme_copy, RT.THEME)
    id_list = master._element.get_or_add_sldLayoutIdLst()
    for entry in list(id_list):
        id_list.remove(entry)
    for number, layout in enumerate(presentation.slide_masters[0].slide_layouts):
        part = SlideLayoutPart(
            PackURI(f"/ppt/slideLayouts/slideLayout{100 + number}.xml"),
            layout.part.content_type,
            package,
            copy.deepcopy(layout.part._element),
        )
        part.relate_to(master, RT.SLIDE_MASTER)
        part._element.cSld.set("name", names[number])
        relationship = master.relate_to(part, RT.SLIDE_LAYOUT)
        etree.SubElement(id_list, qn("p:sldLayoutId"), {"id": str(2147483800 + number), qn("r:id"): relationship})
    relationship = main.relate_to(master, RT.SLIDE_MASTER)
    master_ids = presentation._element.sldMasterIdLst
    etree.SubElement(master_ids, qn("p:sldMasterId"), {"id": "2147483790", qn("r:id"): relationship})


def _keep_layouts(master, keep) -> None:  # type: ignore[no-untyped-def]
    """Remove from ``master`` every layout whose index is not in ``keep``, and list the rest backwards."""
    id_list = master._element.get_or_add_sldLayoutIdLst()
    entries = list(id_list)
    for index, entry in enumerate(entries):
        id_list.remove(entry)
        if index not in keep:
            master.part.drop_rel(entry.rId)
    for index in reversed(range(len(entries))):
        if index in keep:
            id_list.append(entries[index])


def _widen(presentation) -> None:  # type: ignore[no-untyped-def]
    """Every box of the masters and layouts stretched across, from python-pptx's 4:3 to 16:9."""
    factor = presentation.slide_width / 9144000
    for master in presentation.slide_masters:
        for owner in (master, *master.slide_layouts):
            for off in owner.element.iter(qn("a:off")):
                off.set("x", str(round(int(off.get("x")) * factor)))
            for ext in owner.element.iter(qn("a:ext")):
                if ext.get("cx") is not None:
                    ext.set("cx", str(round(int(ext.get("cx")) * factor)))


def several_masters(folder: Path) -> Path:
    """16:9, two masters: the first with Blank and Title Only in Japanese, the second with the
    other layouts in Polish, listed backwards; a logo on the first master; two sample slides."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Emu(12192000), Emu(6858000)
    for layout, name in zip(presentation.slide_layouts, JAPANESE, strict=True):
        layout.name = name
    _widen(presentation)
    _brand(presentation, "Arial", "")
    logo = logo_png(folder / "logo.png")
    _clone_master(presentation, POLISH)
    for master in presentation.slide_masters:
        _picture(master, logo, Inches(11.2), Inches(0.2), Inches(1.5))
    _keep_layouts(presentation.slide_masters[0], {5, 6})
    _keep_layouts(presentation.slide_masters[1], set(range(11)) - {5, 6})
    _samples(presentation, logo)
    path = folder / "several-masters.pptx"
    presentation.save(str(path))
    return path


def four_three_potx(folder: Path) -> Path:
    """4:3 (python-pptx's default size), no sample slide, saved as a PowerPoint template (.potx)."""
    presentation = Presentation()
    _brand(presentation, "Calibri", "Yu Gothic")
    buffer = io.BytesIO()
    presentation.save(buffer)
    path = folder / "four-three.potx"
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            target.writestr(info, data)
    return path


def artwork_only(folder: Path) -> Path:
    """16:9 with no placeholder on any master or layout: a coloured band and a logo as artwork."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Emu(12192000), Emu(6858000)
    _brand(presentation)
    for master in presentation.slide_masters:
        for owner in (master, *master.slide_layouts):
            for shape in list(owner.placeholders):
                shape.element.getparent().remove(shape.element)
        tree = master.shapes._spTree
        band = tree.add_autoshape(tree.max_shape_id + 1, "Band", "rect", 0, 0, presentation.slide_width, Inches(0.35))
        fill = etree.SubElement(band.spPr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=BRAND["accent1"])
        _picture(master, logo_png(folder / "logo.png"), Inches(10.8), Inches(6.9), Inches(1.3))
    _samples_untitled(presentation)
    path = folder / "artwork-only.pptx"
    presentation.save(str(path))
    return path


def cramped(folder: Path) -> Path:
    """4:3 with every box of the masters and layouts a quarter of its height: titles, bodies and
    footers too small for what they hold."""
    presentation = Presentation()
    for master in presentation.slide_masters:
        for owner in (master, *master.slide_layouts):
            for ext in owner.element.iter(qn("a:ext")):
                if ext.get("cy") is not None:
                    ext.set("cy", str(int(ext.get("cy")) // 4))
    path = folder / "cramped.pptx"
    presentation.save(str(path))
    return path


def dark(folder: Path) -> Path:
    """16:9, its master's colours mapped for dark slides (``p:clrMap@bg1="dk1"``, text in light 1)."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Emu(12192000), Emu(6858000)
    _widen(presentation)
    _brand(presentation)
    mapping = presentation.slide_masters[0].element.find(qn("p:clrMap"))
    for name, value in (("bg1", "dk1"), ("tx1", "lt1"), ("bg2", "dk2"), ("tx2", "lt2")):
        mapping.set(name, value)
    path = folder / "dark.pptx"
    presentation.save(str(path))
    return path


TWO_BOXES = ((Inches(0.6), Inches(1.9), Inches(4.4), Inches(4.3)), (Inches(5.4), Inches(2.1), Inches(7.3), Inches(4.1)))
"""The two bodies of ``two_apart``'s two-content layout, (x, y, w, h) in EMU: a narrow left and a wide right."""


def two_apart(folder: Path, pair: bool = True) -> Path:
    """16:9, its Two Content layout's bodies ``TWO_BOXES`` (unlike the halves of the content box),
    the Comparison layout dropped; without ``pair``, neither layout: no layout holds two bodies."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Emu(12192000), Emu(6858000)
    _widen(presentation)
    _brand(presentation)
    master = presentation.slide_masters[0]
    bodies = [p for p in master.slide_layouts[3].placeholders if p.placeholder_format.idx in (1, 2)]
    for body, (x, y, w, h) in zip(sorted(bodies, key=lambda p: p.left), TWO_BOXES, strict=True):
        body.left, body.top, body.width, body.height = x, y, w, h
    _keep_layouts(master, set(range(11)) - ({4} if pair else {3, 4}))
    path = folder / ("two-apart.pptx" if pair else "no-two-content.pptx")
    presentation.save(str(path))
    return path


def _samples_untitled(presentation) -> None:  # type: ignore[no-untyped-def]
    slide = presentation.slides.add_slide(presentation.slide_layouts[0])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1))
    box.text_frame.text = SAMPLE_TEXT


def brand_font(path: Path, family: str = "Exporter Brand Test") -> Path:
    """A small TrueType face of the tests' own making: printable ASCII as L-shaped glyphs of varying
    width (so that text set in it is told apart from Noto's), nothing else (so Noto sets the rest)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef", *(f"c{code}" for code in range(0x20, 0x7F))]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({code: f"c{code}" for code in range(0x20, 0x7F)})
    glyphs, metrics = {}, {}
    for name in names:
        pen = TTGlyphPen(None)
        width = 300 if name in (".notdef", "c32") else 450 + (int(name[1:]) % 7) * 40
        if name != "c32":  # a stem and a bar, as little ink as a letter's (solid boxes blur apart across engines)
            for x0, y0, x1, y1 in ((60, 0, 140, 520), (60, 0, width - 60, 80)):
                pen.moveTo((x0, y0))
                pen.lineTo((x0, y1))
                pen.lineTo((x1, y1))
                pen.lineTo((x1, y0))
                pen.closePath()
        glyphs[name] = pen.glyph()
        metrics[name] = (width, 50)
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(str(path))
    return path
