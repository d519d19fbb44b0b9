"""Named raw-XML patches for what python-pptx has no API for.

In: lxml elements of a python-pptx slide (a shape's ``p:sp`` or ``p:graphicFrame``, an
``a:tbl``, an ``a:tc``, a text body) and plain values.
Out: the same elements, changed in place, or a new notes page; children are kept in the
order the DrawingML schema (ECMA-376 Part 1, §20/21) requires — PowerPoint rejects a file
whose children are out of order, so every patch inserts before its schema successors.
Properties repeated across a deck (a paragraph's, a run's, a cell's) are built once per
style and copied.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable, Sequence
from functools import cache

from lxml import etree
from pptx.oxml import ns, parse_xml

from exporter.slides.shapes import Para, Run

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


_A_P, _A_PPR, _A_R, _A_T, _A_BR, _A_FLD = (qn(t) for t in ("a:p", "a:pPr", "a:r", "a:t", "a:br", "a:fld"))
_A_RPR, _A_END_PARA_RPR = qn("a:rPr"), qn("a:endParaRPr")
_FILLS = _tags("a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill")
# What follows a fill in p:spPr (CT_ShapeProperties).
_AFTER_SHAPE_FILL = _tags("a:ln", "a:effectLst", "a:effectDag", "a:scene3d", "a:sp3d", "a:extLst")


def _insert_before(parent: etree._Element, child: etree._Element, successors: frozenset[str]) -> None:
    """Insert ``child`` before the first child of ``parent`` whose tag is in ``successors``, or at the end."""
    anchor = next((c for c in parent if c.tag in successors), None)
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


def write_paragraphs(
    tx_body: etree._Element,
    paras: Sequence[Para],
    latin: str,
    east_asian: str,
    link: Callable[[str], str] | None = None,
    inherit: bool = False,
) -> None:
    """Replace the ``a:p`` children of a ``p:txBody`` / ``a:txBody`` with ``paras``.

    With ``inherit`` (a template's placeholder) the runs keep their size and language but take
    their colour, weight and faces from the placeholder, paragraphs their alignment, bullets their
    character and colour,
    and only ``east_asian`` is named when it is not empty (a template whose theme has no East
    Asian face).

    Each paragraph gets ``a:pPr`` (``@algn``, a hanging ``@marL``/``@indent``, ``a:lnSpc`` and
    ``a:spcBef`` as exact ``a:spcPts``, then ``a:buClr`` + ``a:buChar`` or ``a:buNone``);
    each line an ``a:r`` whose ``a:rPr`` carries size, weight, language, an
    ``a:solidFill`` colour and the ``a:latin`` / ``a:ea`` / ``a:cs`` typefaces; ``"\\n"``
    becomes ``a:br``; a field becomes ``a:fld``; ``a:endParaRPr`` closes the paragraph. An
    italic run has ``@i``; a run with a link is underlined and gets ``a:hlinkClick`` naming the
    relationship ``link(url)`` returns.
    Properties are copied from one prototype per style (``_paragraph_properties``,
    ``_run_properties_of``).
    """
    for old in tx_body.findall(_A_P):
        tx_body.remove(old)
    for para in paras:
        p = etree.SubElement(tx_body, _A_P)
        p.append(
            copy.copy(
                _paragraph_properties(
                    para.align, para.indent, para.pitch, para.space_before, para.bullet, para.bullet_color, inherit
                )
            )
        )
        last = para.runs[-1]
        for run in para.runs:
            if para.field:
                field_id = "{" + str(uuid.uuid5(_FIELD_NAMESPACE, para.field + run.text)).upper() + "}"
                element = etree.SubElement(p, _A_FLD, id=field_id, type=para.field)
                _run_properties(element, _A_RPR, run, latin, east_asian, inherit)
                etree.SubElement(element, _A_T).text = run.text
                continue
            for number, line in enumerate(run.text.split("\n")):
                if number:
                    _run_properties(etree.SubElement(p, _A_BR), _A_RPR, run, latin, east_asian, inherit)
                if line:
                    element = etree.SubElement(p, _A_R)
                    _run_properties(element, _A_RPR, run, latin, east_asian, inherit)
                    if run.href and link is not None:
                        add_hyperlink(element[0], link(run.href))
                    etree.SubElement(element, _A_T).text = line
        _run_properties(p, _A_END_PARA_RPR, last, latin, east_asian, inherit)


@cache
def _paragraph_properties(
    align: str,
    indent: int,
    pitch: float,
    space_before: float,
    bullet: str | None,
    bullet_color: str | None,
    inherit: bool = False,
) -> etree._Element:
    """One ``a:pPr`` per paragraph style, copied into every paragraph of that style."""
    ppr = etree.Element(_A_PPR) if inherit else etree.Element(_A_PPR, algn=align)
    if indent:
        ppr.set("marL", str(indent))
        ppr.set("indent", str(-indent))
    _spacing(ppr, "a:lnSpc", pitch)
    _spacing(ppr, "a:spcBef", space_before)
    if not bullet:
        etree.SubElement(ppr, qn("a:buNone"))
    elif not inherit:  # else the placeholder's own bullet character and colour
        bullet_fill = etree.SubElement(ppr, qn("a:buClr"))
        etree.SubElement(bullet_fill, qn("a:srgbClr"), val=_hex(bullet_color or "#000000"))
        etree.SubElement(ppr, qn("a:buChar"), char=bullet)
    return ppr


def set_body_properties(body_pr: etree._Element, inset: tuple[int, int, int, int], anchor: str | None) -> None:
    """Set ``a:bodyPr``: square wrap, insets (``@lIns`` …), ``@anchor`` (a placeholder's own where
    None), and ``a:noAutofit``.

    No autofit: the plan measured the text, and PowerPoint's fit would shrink it
    only after an edit anyway.
    """
    for child in list(body_pr):
        body_pr.remove(child)
    for name, value in zip(("lIns", "tIns", "rIns", "bIns"), inset, strict=True):
        body_pr.set(name, str(value))
    body_pr.set("wrap", "square")
    if anchor is not None:
        body_pr.set("anchor", anchor)
    body_pr.set("rtlCol", "0")
    etree.SubElement(body_pr, qn("a:noAutofit"))


def set_solid_fill(sp_pr: etree._Element, color: str) -> None:
    """Fill a shape: replace the fill of ``p:spPr`` with ``a:solidFill/a:srgbClr``."""
    _remove(sp_pr, _FILLS)
    _insert_before(sp_pr, _solid_fill(color), _AFTER_SHAPE_FILL)


def hide_outline(sp_pr: etree._Element) -> None:
    """No outline around a shape: ``p:spPr/a:ln/a:noFill`` (python-pptx keeps the schema order)."""
    sp_pr.get_or_add_ln().get_or_change_to_noFill()


def _spacing(ppr: etree._Element, tag: str, value: float) -> None:
    etree.SubElement(etree.SubElement(ppr, qn(tag)), qn("a:spcPts"), val=str(round(value * 100)))


def _run_properties(
    parent: etree._Element, tag: str, run: Run, latin: str, east_asian: str, inherit: bool = False
) -> None:
    style = (run.lang, run.size, run.bold, run.color, run.italic, bool(run.href))
    parent.append(copy.copy(_run_properties_of(tag, *style, latin, east_asian, run.script, inherit)))


@cache
def _run_properties_of(
    tag: str,
    lang: str,
    size: float,
    bold: bool,
    color: str,
    italic: bool,
    link: bool,
    latin: str,
    east_asian: str,
    script: str | None = None,
    inherit: bool = False,
) -> etree._Element:
    """One ``a:rPr`` (or ``a:endParaRPr``) per style, copied into every run of that style; a raised
    or lowered run (``script``) has ``@baseline`` (+30 % or −25 % of the size). With ``inherit`` (a
    template's placeholder) only the size, language, italic, baseline and a named East Asian face."""
    if inherit:
        rpr = etree.Element(tag, lang=lang, sz=str(round(size * 100)), dirty="0")
        if italic:
            rpr.set("i", "1")
        if script and tag == _A_RPR:
            rpr.set("baseline", "30000" if script == "sup" else "-25000")
        if east_asian:
            etree.SubElement(rpr, qn("a:ea"), typeface=east_asian)
        return rpr
    rpr = etree.Element(tag, lang=lang, sz=str(round(size * 100)), b="1" if bold else "0", dirty="0")
    if italic:
        rpr.set("i", "1")
    if script and tag == _A_RPR:
        rpr.set("baseline", "30000" if script == "sup" else "-25000")
    if link and tag == _A_RPR:
        rpr.set("u", "sng")
    rpr.append(_solid_fill(color))
    _add_faces(rpr, latin, east_asian)
    return rpr


def _add_faces(rpr: etree._Element, latin: str, east_asian: str) -> None:
    """Append ``a:latin``, ``a:ea`` and ``a:cs`` to an ``a:rPr``: python-pptx's ``font.name``
    writes only ``a:latin``, and without ``a:ea`` PowerPoint sets Japanese in the theme's
    East Asian face, whatever the run says."""
    for font_tag, face in (("a:latin", latin), ("a:ea", east_asian), ("a:cs", latin)):
        etree.SubElement(rpr, qn(font_tag), typeface=face)


def add_hyperlink(rpr: etree._Element, relationship: str) -> None:
    """Make a run a link: ``a:hlinkClick@r:id`` after the run's faces, as the schema orders it."""
    etree.SubElement(rpr, qn("a:hlinkClick"), {qn("r:id"): relationship})


def set_name(element: etree._Element, name: str) -> None:
    """Name a shape: ``p:cNvPr@name`` (python-pptx's templates interpolate names into XML
    unescaped, so shapes are created unnamed and named here)."""
    _cnvpr(element).set("name", name)


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
    ``a:lnR``, in the order of ``a:tcPr``'s schema. The ``a:tcPr`` is a copy of one
    prototype per cell style (``_cell_properties``).
    """
    tc.replace(tc.get_or_add_tcPr(), copy.copy(_cell_properties(fill, rule, rule_width, inset)))


@cache
def _cell_properties(fill: str | None, rule: str, rule_width: int, inset: tuple[int, int, int, int]) -> etree._Element:
    """One ``a:tcPr`` per cell style, copied into every cell of that style."""
    left, top, right, bottom = (str(value) for value in inset)
    tc_pr = etree.Element(qn("a:tcPr"), marL=left, marT=top, marR=right, marB=bottom, anchor="ctr")
    for tag in ("a:lnL", "a:lnR"):
        etree.SubElement(etree.SubElement(tc_pr, qn(tag), w="0"), qn("a:noFill"))
    for tag in ("a:lnT", "a:lnB"):
        etree.SubElement(tc_pr, qn(tag), w=str(rule_width), cmpd="sng").append(_solid_fill(rule))
    tc_pr.append(_solid_fill(fill) if fill else etree.Element(qn("a:noFill")))
    return tc_pr


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
    "<p:txBody><a:bodyPr/><a:lstStyle/></p:txBody></p:sp>"
    "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
)


_NOTES_BODY = f".//{qn('p:txBody')}"


def notes_slide_element(text: str, latin: str, east_asian: str, lang: str) -> etree._Element:
    """A new ``p:notes`` showing ``text`` with the two placeholders a notes page shows: the slide
    image (``p:ph type="sldImg"``) and the notes text (``p:ph type="body"``).

    What python-pptx's ``notes_slide`` and ``text_frame.text`` build (by cloning the notes
    master's placeholders, 3 ms a slide), written directly: a paragraph per line, each run
    naming its faces, its text set by python-pptx's run, which escapes control characters
    as ``_xHHHH_`` (a carriage return is ``_x000D_``).
    """
    notes = parse_xml(_NOTES_SLIDE)
    tx_body = notes.find(_NOTES_BODY)
    run_properties = etree.Element(_A_RPR, lang=lang)
    _add_faces(run_properties, latin, east_asian)
    for line in text.split("\n"):
        p = etree.SubElement(tx_body, _A_P)
        if line:
            run = etree.SubElement(p, _A_R)  # a CT_RegularTextRun: python-pptx's parser made the tree
            run.append(copy.copy(run_properties))
            etree.SubElement(run, _A_T)
            run.text = line  # python-pptx's setter: control characters escaped as _xHHHH_
    return notes


_P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"


def drop_section_entry(presentation: etree._Element, slide_id: str | None) -> None:
    """Remove a slide from the sections of ``p:presentation`` (``p14:sectionLst//p14:sldId@id``),
    which would otherwise name a slide that is gone and make PowerPoint repair the file."""
    for entry in presentation.iter(f"{{{_P14}}}sldId"):
        if entry.get("id") == slide_id:
            entry.getparent().remove(entry)


def bind_placeholder(element: etree._Element, idx: int) -> None:
    """Put a ``p:graphicFrame`` or ``p:pic`` into the layout's placeholder ``idx``:
    ``p:nvGraphicFramePr/p:nvPr/p:ph@idx`` (``p:nvPicPr/…`` for a picture), the first child of
    ``p:nvPr`` as the schema orders it; the shape keeps its own ``a:xfrm``."""
    nv_pr = next(element.iter(qn("p:nvPr")))
    nv_pr.insert(0, etree.Element(qn("p:ph"), idx=str(idx)))


def placeholders(owner: etree._Element) -> list[tuple[str, int, tuple[int, int, int, int] | None, bool]]:
    """The placeholders of a slide layout or master (``p:cSld/p:spTree`` children with
    ``p:nvPr/p:ph``): (``@type``, default ``obj``; ``@idx``, default 0; the box of its own
    ``a:xfrm``, None without one; whether ``@orient`` is ``vert``)."""
    found = []
    tree = owner.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    for shape in tree if tree is not None else ():
        ph = next(shape.iter(_P_PH), None)
        if ph is None:
            continue
        xfrm = next(shape.iter(_A_XFRM), None)
        off = xfrm.find(qn("a:off")) if xfrm is not None else None
        ext = xfrm.find(qn("a:ext")) if xfrm is not None else None
        box = None
        if off is not None and ext is not None:
            box = (int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0)))
        found.append((ph.get("type", "obj"), int(ph.get("idx", 0)), box, ph.get("orient") == "vert"))
    return found


def view_properties() -> bytes:
    """A view properties part with nothing in it: ``p:viewPr``, whose children are all optional."""
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + etree.tostring(
        etree.Element(qn("p:viewPr"), nsmap=ns.namespaces("a", "r", "p"))
    )


def picture_boxes(owner: etree._Element) -> list[tuple[int, int, int, int]]:
    """The boxes (``a:xfrm``) of the pictures (``p:pic``) on a slide master or layout that are no placeholders."""
    found = []
    tree = owner.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    for pic in tree.iter(qn("p:pic")) if tree is not None else ():
        off, ext = next(pic.iter(qn("a:off")), None), next(pic.iter(qn("a:ext")), None)
        if next(pic.iter(_P_PH), None) is None and off is not None and ext is not None and ext.get("cx"):
            found.append((int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0))))
    return found


_P_PH, _A_XFRM = qn("p:ph"), qn("a:xfrm")
