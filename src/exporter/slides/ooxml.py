"""Named raw-XML patches for what python-pptx has no API for.

In: lxml elements of a python-pptx object (``run._r.get_or_add_rPr()``, ``shape._element``,
``cell._tc``, ``paragraph._p``) and plain values.
Out: the same elements, changed in place, with children kept in the order the
DrawingML schema (ECMA-376 Part 1, §20/21) requires — PowerPoint rejects a file
whose children are out of order, so every patch inserts before its schema successors.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterable, Sequence
from functools import cache

from lxml import etree
from pptx.oxml import ns

from exporter.slides.plan import Para, Run

_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_NO_STYLE_NO_GRID = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"
_FIELD_NAMESPACE = uuid.UUID("6f1c2a52-3f0e-4c55-9a55-3c1d7f0e2b10")


@cache
def qn(tag: str) -> str:
    """Clark name of a prefixed tag (``a:ea`` → ``{http://…/drawingml/2006/main}ea``), memoised."""
    return ns.qn(tag)


def _tags(*tags: str) -> frozenset[str]:
    return frozenset(qn(tag) for tag in tags)


_A_P, _A_PPR, _A_R, _A_T = qn("a:p"), qn("a:pPr"), qn("a:r"), qn("a:t")
_FONTS = _tags("a:latin", "a:ea", "a:cs")
_FILLS = _tags("a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill")
_CELL_LINES = _tags("a:lnL", "a:lnR", "a:lnT", "a:lnB")
# What follows a:latin / a:ea / a:cs in a:rPr (CT_TextCharacterProperties), a fill in p:spPr
# (CT_ShapeProperties), and the borders and the fill in a:tcPr (CT_TableCellProperties).
_AFTER_FONTS = _tags("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
_AFTER_SHAPE_FILL = _tags("a:ln", "a:effectLst", "a:effectDag", "a:scene3d", "a:sp3d", "a:extLst")
_AFTER_CELL_FILL = _tags("a:headers", "a:extLst")
_AFTER_CELL_LINES = _tags("a:lnTlToBr", "a:lnBlToTr", "a:cell3D") | _FILLS | _AFTER_CELL_FILL


def _insert_before(parent: etree._Element, children: Iterable[etree._Element], successors: frozenset[str]) -> None:
    """Insert ``children`` before the first child of ``parent`` whose tag is in ``successors``, or at the end."""
    anchor = next((child for child in parent if child.tag in successors), None)
    for child in children:
        if anchor is None:
            parent.append(child)
        else:
            anchor.addprevious(child)


def _remove(parent: etree._Element, tags: frozenset[str]) -> None:
    for child in [child for child in parent if child.tag in tags]:
        parent.remove(child)


def _hex(color: str) -> str:
    return color.lstrip("#").upper()


def _solid_fill(color: str) -> etree._Element:
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=_hex(color))
    return fill


def set_run_fonts(rpr: etree._Element, latin: str, east_asian: str, lang: str) -> None:
    """Write ``a:latin``, ``a:ea`` and ``a:cs`` typefaces and the ``lang`` attribute on an ``a:rPr``.

    python-pptx's ``font.name`` writes only ``a:latin``; without ``a:ea`` PowerPoint sets
    Japanese in the theme's East Asian face, whatever the run says.
    """
    rpr.set("lang", lang)
    _remove(rpr, _FONTS)
    faces = (("a:latin", latin), ("a:ea", east_asian), ("a:cs", latin))
    _insert_before(rpr, (etree.Element(qn(tag), typeface=face) for tag, face in faces), _AFTER_FONTS)


def write_paragraphs(tx_body: etree._Element, paras: Sequence[Para], latin: str, east_asian: str) -> None:
    """Replace the ``a:p`` children of a ``p:txBody`` / ``a:txBody`` with ``paras``.

    Each paragraph gets ``a:pPr`` (``@algn``, a hanging ``@marL``/``@indent``, ``a:lnSpc`` and
    ``a:spcBef`` as exact ``a:spcPts``, then ``a:buClr`` + ``a:buChar`` or ``a:buNone``);
    each line an ``a:r`` whose ``a:rPr`` carries size, weight, language, an
    ``a:solidFill`` colour and the ``a:latin`` / ``a:ea`` / ``a:cs`` typefaces; ``"\\n"``
    becomes ``a:br``; a field becomes ``a:fld``; ``a:endParaRPr`` closes the paragraph.
    """
    for old in tx_body.findall(qn("a:p")):
        tx_body.remove(old)
    for para in paras:
        p = etree.SubElement(tx_body, _A_P)
        ppr = etree.SubElement(p, _A_PPR, algn=para.align)
        if para.indent:
            ppr.set("marL", str(para.indent))
            ppr.set("indent", str(-para.indent))
        _spacing(ppr, "a:lnSpc", para.pitch)
        _spacing(ppr, "a:spcBef", para.space_before)
        if para.bullet:
            bullet_color = etree.SubElement(ppr, qn("a:buClr"))
            etree.SubElement(bullet_color, qn("a:srgbClr"), val=_hex(para.bullet_color or "#000000"))
            etree.SubElement(ppr, qn("a:buChar"), char=para.bullet)
        else:
            etree.SubElement(ppr, qn("a:buNone"))
        last = para.runs[-1]
        for run in para.runs:
            if para.field:
                field_id = "{" + str(uuid.uuid5(_FIELD_NAMESPACE, para.field + run.text)).upper() + "}"
                element = etree.SubElement(p, qn("a:fld"), id=field_id, type=para.field)
                _run_properties(element, "a:rPr", run, latin, east_asian)
                etree.SubElement(element, _A_T).text = run.text
                continue
            for number, line in enumerate(run.text.split("\n")):
                if number:
                    _run_properties(etree.SubElement(p, qn("a:br")), "a:rPr", run, latin, east_asian)
                if line:
                    element = etree.SubElement(p, _A_R)
                    _run_properties(element, "a:rPr", run, latin, east_asian)
                    etree.SubElement(element, _A_T).text = line
        _run_properties(p, "a:endParaRPr", last, latin, east_asian)


def set_body_properties(body_pr: etree._Element, inset: tuple[int, int, int, int], anchor: str) -> None:
    """Set ``a:bodyPr``: square wrap, insets (``@lIns`` …), ``@anchor``, and ``a:noAutofit``.

    No autofit: the plan measured the text, and PowerPoint's fit would shrink it
    only after an edit anyway.
    """
    for child in list(body_pr):
        body_pr.remove(child)
    for name, value in zip(("lIns", "tIns", "rIns", "bIns"), inset, strict=True):
        body_pr.set(name, str(value))
    body_pr.set("wrap", "square")
    body_pr.set("anchor", anchor)
    body_pr.set("rtlCol", "0")
    etree.SubElement(body_pr, qn("a:noAutofit"))


def set_solid_fill(sp_pr: etree._Element, color: str) -> None:
    """Fill a shape: replace the fill of ``p:spPr`` with ``a:solidFill/a:srgbClr``."""
    _remove(sp_pr, _FILLS)
    _insert_before(sp_pr, (_solid_fill(color),), _AFTER_SHAPE_FILL)


def _spacing(ppr: etree._Element, tag: str, value: float) -> None:
    etree.SubElement(etree.SubElement(ppr, qn(tag)), qn("a:spcPts"), val=str(round(value * 100)))


def _run_properties(parent: etree._Element, tag: str, run: Run, latin: str, east_asian: str) -> None:
    parent.append(copy.deepcopy(_run_properties_of(tag, run.lang, run.size, run.bold, run.color, latin, east_asian)))


@cache
def _run_properties_of(
    tag: str, lang: str, size: float, bold: bool, color: str, latin: str, east_asian: str
) -> etree._Element:
    """One ``a:rPr`` (or ``a:endParaRPr``) per style, copied into every run of that style."""
    rpr = etree.Element(qn(tag), lang=lang, sz=str(round(size * 100)), b="1" if bold else "0", dirty="0")
    rpr.append(_solid_fill(color))
    for font_tag, face in (("a:latin", latin), ("a:ea", east_asian), ("a:cs", latin)):
        etree.SubElement(rpr, qn(font_tag), typeface=face)
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


def style_cell(
    tc: etree._Element, fill: str | None, rule: str, rule_width: int, inset: tuple[int, int, int, int]
) -> None:
    """Fill a cell (``a:solidFill`` or ``a:noFill``), draw only horizontal rules, set insets.

    Writes ``a:tcPr@marL/@marT/@marR/@marB`` and ``@anchor="ctr"``; ``a:lnT`` /
    ``a:lnB`` in ``rule`` colour, ``rule_width`` EMU wide, and empty ``a:lnL`` /
    ``a:lnR``, in the order of ``a:tcPr``'s schema.
    """
    tc_pr = tc.get_or_add_tcPr()
    for name, value in zip(("marL", "marT", "marR", "marB"), inset, strict=True):
        tc_pr.set(name, str(value))
    tc_pr.set("anchor", "ctr")
    _remove(tc_pr, _CELL_LINES | _FILLS)
    lines = []
    for tag in ("a:lnL", "a:lnR"):
        line = etree.Element(qn(tag), w="0")
        etree.SubElement(line, qn("a:noFill"))
        lines.append(line)
    for tag in ("a:lnT", "a:lnB"):
        line = etree.Element(qn(tag), w=str(rule_width), cmpd="sng")
        line.append(_solid_fill(rule))
        lines.append(line)
    _insert_before(tc_pr, lines, _AFTER_CELL_LINES)
    _insert_before(tc_pr, (_solid_fill(fill) if fill else etree.Element(qn("a:noFill")),), _AFTER_CELL_FILL)


def _cnvpr(element: etree._Element) -> etree._Element:
    for candidate in element.iter(qn("p:cNvPr")):
        return candidate
    raise ValueError("the element has no p:cNvPr")


_NOTES_SLIDE = (
    f"<p:notes {ns.nsdecls('a', 'p', 'r')}>"
    "<p:cSld><p:spTree>"
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
    '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
    '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
    '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
    '</p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>'
    '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
    '</p:cNvSpPr><p:nvPr><p:ph type="body" idx="3" sz="quarter"/></p:nvPr></p:nvSpPr><p:spPr/>'
    "<p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>"
    "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
)


def notes_slide_element() -> etree._Element:
    """A new ``p:notes`` with the two placeholders a notes page shows: the slide image
    (``p:ph type="sldImg"``) and the notes text (``p:ph type="body"``) — what python-pptx's
    ``notes_slide`` builds by cloning the notes master's placeholders, written directly
    (the cloning costs 3 ms a slide)."""
    from pptx.oxml import parse_xml

    return parse_xml(_NOTES_SLIDE)
