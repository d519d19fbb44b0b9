"""Named raw-XML patches for what python-pptx has no API for.

In: lxml elements of a python-pptx object (``run._r.get_or_add_rPr()``, ``shape._element``,
``cell._tc``, ``paragraph._p``) and plain values.
Out: the same elements, changed in place, with children kept in the order the
DrawingML schema (ECMA-376 Part 1, §20/21) requires — PowerPoint rejects a file
whose children are out of order, so every patch inserts before its schema successors.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from lxml import etree
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement

_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_NO_STYLE_NO_GRID = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"
_FIELD_NAMESPACE = uuid.UUID("6f1c2a52-3f0e-4c55-9a55-3c1d7f0e2b10")

# Children of a:rPr that come after a:latin / a:ea / a:cs (CT_TextCharacterProperties).
_AFTER_FONTS = ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
# Children of a:pPr that come after the bullet elements (CT_TextParagraphProperties).
_AFTER_BULLET = ("a:tabLst", "a:defRPr", "a:extLst")
_FILLS = ("a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill")
# Children of a:tcPr after its a:lnL..a:lnB borders, and after its fill (CT_TableCellProperties).
_AFTER_CELL_FILL = ("a:headers", "a:extLst")
_AFTER_CELL_LINES = ("a:lnTlToBr", "a:lnBlToTr", "a:cell3D", *_FILLS, *_AFTER_CELL_FILL)


def _insert_before(parent: etree._Element, child: etree._Element, successors: Iterable[str]) -> None:
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def _solid_fill(color: str) -> etree._Element:
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=color.lstrip("#").upper())
    return fill


def set_run_fonts(rpr: etree._Element, latin: str, east_asian: str, lang: str) -> None:
    """Write ``a:latin``, ``a:ea`` and ``a:cs`` typefaces and the ``lang`` attribute on an ``a:rPr``.

    python-pptx's ``font.name`` writes only ``a:latin``; without ``a:ea`` PowerPoint sets
    Japanese in the theme's East Asian face, whatever the run says.
    """
    rpr.set("lang", lang)
    for tag in ("a:latin", "a:ea", "a:cs"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    for tag, face in (("a:latin", latin), ("a:ea", east_asian), ("a:cs", latin)):
        element = etree.Element(qn(tag), typeface=face)
        _insert_before(rpr, element, _AFTER_FONTS)


def set_bullet(ppr: etree._Element, char: str, color: str, indent: int) -> None:
    """Give a paragraph a hanging bullet: ``a:pPr@marL/@indent``, ``a:buClr``, ``a:buChar``."""
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    color_element = etree.Element(qn("a:buClr"))
    etree.SubElement(color_element, qn("a:srgbClr"), val=color.lstrip("#").upper())
    _insert_before(ppr, color_element, ("a:buSzTx", "a:buSzPct", "a:buSzPts", "a:buFontTx", "a:buFont", *_AFTER_BULLET))
    _insert_before(ppr, etree.Element(qn("a:buChar"), char=char), _AFTER_BULLET)


def add_field(p: etree._Element, kind: str, text: str) -> etree._Element:
    """Append an ``a:fld`` of ``kind`` (e.g. ``slidenum``) showing ``text``; return its ``a:rPr``.

    The field id is derived from kind and text, so the same deck is written byte for byte.
    """
    field_id = "{" + str(uuid.uuid5(_FIELD_NAMESPACE, kind + text)).upper() + "}"
    field = OxmlElement("a:fld")
    field.set("id", field_id)
    field.set("type", kind)
    rpr = OxmlElement("a:rPr")
    field.append(rpr)
    etree.SubElement(field, qn("a:t")).text = text
    _insert_before(p, field, ("a:endParaRPr",))
    return rpr


def set_alt_text(element: etree._Element, descr: str) -> None:
    """Write the alternative text of a shape: ``p:cNvPr@descr``."""
    _cnvpr(element).set("descr", descr)


def mark_decorative(element: etree._Element) -> None:
    """Mark a shape decorative for screen readers: ``p:cNvPr/a:extLst/a:ext/adec:decorative@val=1``."""
    cnvpr = _cnvpr(element)
    ext_list = cnvpr.find(qn("a:extLst"))
    if ext_list is None:
        ext_list = etree.SubElement(cnvpr, qn("a:extLst"))
    ext = etree.SubElement(ext_list, qn("a:ext"), uri=_DECORATIVE_URI)
    etree.SubElement(ext, f"{{{_DECORATIVE_NS}}}decorative", nsmap={"adec": _DECORATIVE_NS}, val="1")


def drop_shape_style(element: etree._Element) -> None:
    """Remove ``p:style`` from an auto shape, so no theme line, shadow or font reference applies."""
    style = element.find(qn("p:style"))
    if style is not None:
        element.remove(style)


def set_table_look(tbl: etree._Element, *, first_row: bool, band_row: bool) -> None:
    """Declare the header row and banding (``a:tblPr@firstRow/@bandRow``) and drop the built-in style.

    The cells carry their own fills and rules, so the table style is "No Style, No
    Grid" (``a:tableStyleId``): the table looks the same in every application.
    """
    tbl_pr = tbl.find(qn("a:tblPr"))
    tbl_pr.set("firstRow", "1" if first_row else "0")
    tbl_pr.set("bandRow", "1" if band_row else "0")
    style_id = tbl_pr.find(qn("a:tableStyleId"))
    if style_id is None:
        style_id = etree.SubElement(tbl_pr, qn("a:tableStyleId"))
    style_id.text = _NO_STYLE_NO_GRID


def style_cell(tc: etree._Element, fill: str | None, rule: str, rule_width: int) -> None:
    """Fill a cell (``a:solidFill`` or ``a:noFill``) and draw only horizontal rules.

    Writes ``a:lnT`` / ``a:lnB`` in ``rule`` colour, ``rule_width`` EMU wide, and
    empty ``a:lnL`` / ``a:lnR``, in the order of ``a:tcPr``'s schema.
    """
    tc_pr = tc.get_or_add_tcPr()
    for tag in ("a:lnL", "a:lnR", "a:lnT", "a:lnB", *_FILLS):
        for old in tc_pr.findall(qn(tag)):
            tc_pr.remove(old)
    for tag in ("a:lnL", "a:lnR"):
        line = etree.Element(qn(tag), w="0")
        etree.SubElement(line, qn("a:noFill"))
        _insert_before(tc_pr, line, _AFTER_CELL_LINES)
    for tag in ("a:lnT", "a:lnB"):
        line = etree.Element(qn(tag), w=str(rule_width), cmpd="sng")
        line.append(_solid_fill(rule))
        _insert_before(tc_pr, line, _AFTER_CELL_LINES)
    _insert_before(tc_pr, _solid_fill(fill) if fill else etree.Element(qn("a:noFill")), _AFTER_CELL_FILL)


def _cnvpr(element: etree._Element) -> etree._Element:
    for candidate in element.iter(qn("p:cNvPr")):
        return candidate
    raise ValueError("the element has no p:cNvPr")
