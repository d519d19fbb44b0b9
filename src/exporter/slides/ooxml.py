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
import itertools
import uuid
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from lxml import etree
from pptx.oxml import ns, parse_xml

from exporter.slides.shapes import Para, Run
from exporter.text.fonts import DECK_FACES, REGIONS, deck_faces
from exporter.text.language import canonical

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

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
_A_RPR, _A_END_PARA_RPR, _A_DEF_RPR, _A_TX_BODY = (qn(t) for t in ("a:rPr", "a:endParaRPr", "a:defRPr", "a:txBody"))
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
    becomes ``a:br``; a field becomes ``a:fld``; a formula's runs an equation (``add_formula``),
    displayed when it is alone in a text box's paragraph, its size and colour in the paragraph's
    ``a:pPr/a:defRPr`` (in Cambria Math); ``a:endParaRPr`` closes the paragraph. An
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
        if para.field:
            for run in para.runs:
                field_id = "{" + str(uuid.uuid5(_FIELD_NAMESPACE, para.field + run.text)).upper() + "}"
                element = etree.SubElement(p, _A_FLD, id=field_id, type=para.field)
                _run_properties(element, _A_RPR, run, latin, east_asian, inherit)
                etree.SubElement(element, _A_T).text = run.text
        else:
            groups = [(tex, tuple(runs)) for tex, runs in itertools.groupby(para.runs, key=lambda run: run.math)]
            alone = len(groups) == 1 and tx_body.tag != _A_TX_BODY  # a table cell's rows are measured flat
            formula = next((runs[0] for tex, runs in groups if tex is not None), None)
            if formula is not None:  # m:r has no a:rPr: the equation's size and colour are the paragraph's
                style = (formula.lang, formula.size, formula.bold, formula.color, False, False, _MATH_FACE)
                p[0].append(copy.copy(_run_properties_of(_A_DEF_RPR, *style, east_asian)))
            for tex, runs in groups:
                if tex is None:
                    _write_runs(p, runs, latin, east_asian, link, inherit)
                else:
                    add_formula(p, tex, runs, alone, latin, east_asian, link)
        _run_properties(p, _A_END_PARA_RPR, last, latin, east_asian, inherit)


def _write_runs(
    parent: etree._Element,
    runs: Sequence[Run],
    latin: str,
    east_asian: str,
    link: Callable[[str], str] | None,
    inherit: bool = False,
) -> None:
    """Append ``runs`` to an ``a:p`` (or an ``mc:Fallback``): an ``a:r`` per line, ``a:br`` between
    lines; with ``inherit``, styled by a template's placeholder (``write_paragraphs``)."""
    for run in runs:
        for number, line in enumerate(run.text.split("\n")):
            if number:
                _run_properties(etree.SubElement(parent, _A_BR), _A_RPR, run, latin, east_asian, inherit)
            if line:
                element = etree.SubElement(parent, _A_R)
                _run_properties(element, _A_RPR, run, latin, east_asian, inherit)
                if run.href and link is not None:
                    add_hyperlink(element[0], link(run.href))
                etree.SubElement(element, _A_T).text = line


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
    parent.append(
        copy.copy(_run_properties_of(tag, *style, latin, _east_asian_of(run.lang, east_asian), run.script, inherit))
    )


_DEFAULT_EAST_ASIAN = frozenset(east_asian for _, east_asian in DECK_FACES.values())


def _east_asian_of(lang: str, east_asian: str) -> str:
    """The ``a:ea`` face of a run in ``lang``: its own CJK language's face (a Chinese quote in a
    Japanese deck in Microsoft YaHei, not Yu Gothic) unless the theme chose one for every run."""
    if east_asian in _DEFAULT_EAST_ASIAN and canonical(lang) in REGIONS:
        return deck_faces(lang)[1]
    return east_asian


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


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_A14 = "http://schemas.microsoft.com/office/drawing/2010/main"
_MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_A14_PREFIX = "a14m"
"""The prefix a formula's ``mc:Choice`` requires, bound to DrawingML 2010's namespace (``a14``) as
PowerPoint resolves it. Not spelled ``a14``: LibreOffice (7.4 to 24.x) matches the prefix's spelling,
takes a ``Requires="a14"`` choice, then drops the ``a14:m`` it cannot draw: the formula would vanish."""
_MATH_FACE = "Cambria Math"
"""The face PowerPoint sets equations in (Office for Windows and Mac has it)."""
_LEAVES = frozenset(("mi", "mn", "mo", "mtext", "ms"))
_SCRIPTS = {"msup": ("sSup", ("e", "sup")), "msub": ("sSub", ("e", "sub")), "msubsup": ("sSubSup", ("e", "sub", "sup"))}
_LIMITS = {"munder": ("limLow", ("e", "lim")), "mover": ("limUpp", ("e", "lim"))}
_ACCENT_MARKS = {"^": "\u0302", "~": "\u0303", "→": "\u20d7", "˙": "\u0307", "¨": "\u0308"}
"""An accent's spacing character (latex2mathml's) → the combining mark ``m:acc/m:chr`` takes (Word's
hat is U+0302)."""
_NARY_SCRIPTS = {"msub": ("sub",), "munder": ("sub",), "msup": ("sup",), "mover": ("sup",),
                 "msubsup": ("sub", "sup"), "munderover": ("sub", "sup")}  # fmt: skip


def readable_text(tx_body: etree._Element) -> str:
    """The text of a ``p:txBody`` / ``a:txBody`` as a reader without Office Math shows it: each
    ``a:p`` a line, ``a:br`` a vertical tab (as python-pptx's ``text``), a formula its ``mc:Fallback``
    (python-pptx's ``text`` skips ``mc:AlternateContent``)."""
    choice = f"{{{_MC}}}Choice"
    lines = []
    for p in tx_body.iter(_A_P):
        shown = (node for node in p.iter(_A_T, _A_BR) if next(node.iterancestors(choice), None) is None)
        lines.append("".join("\v" if node.tag == _A_BR else node.text or "" for node in shown))
    return "\n".join(lines)


def _m(tag: str) -> str:
    return f"{{{_MATH}}}{tag}"


def add_formula(
    p: etree._Element,
    tex: str,
    runs: Sequence[Run],
    display: bool,
    latin: str,
    east_asian: str,
    link: Callable[[str], str] | None = None,
) -> None:
    """Append a formula to an ``a:p``: ``mc:AlternateContent`` whose ``mc:Choice`` (DrawingML 2010)
    holds the equation, ``a14:m/m:oMath``, and whose ``mc:Fallback`` holds ``runs``, its readable
    text, for readers without Office Math (LibreOffice, Keynote, python-pptx).

    A formula alone in its paragraph (``display``) stacks its fractions and sets a big operator's
    limits above and below it; one in running text keeps to the line it was measured on (``a/b``
    fractions, limits beside the operator). TeX latex2mathml cannot read gets the fallback only.
    """
    from exporter.text.formula import FormulaError, mathml

    try:
        source = mathml(tex)
    except FormulaError:
        _write_runs(p, runs, latin, east_asian, link)
        return
    alternate = etree.SubElement(p, f"{{{_MC}}}AlternateContent", nsmap={"mc": _MC})
    choice = etree.SubElement(alternate, f"{{{_MC}}}Choice", Requires=_A14_PREFIX, nsmap={_A14_PREFIX: _A14})
    zone = etree.SubElement(etree.SubElement(choice, f"{{{_A14}}}m"), _m("oMath"), nsmap={"m": _MATH})
    office_math(zone, source, display)
    _write_runs(etree.SubElement(alternate, f"{{{_MC}}}Fallback"), runs, latin, east_asian, link)


def office_math(parent: etree._Element, element: ET.Element, display: bool) -> None:
    """Append the Office Math (OMML, ECMA-376 Part 1 §22.1) of a MathML ``element`` to ``parent``.

    ``m:r`` runs (``m:rPr/m:sty@val=p`` for upright numbers, operators, words and ``\\text``), ``m:f``
    fractions (``m:type`` bar, lin or noBar), ``m:rad`` roots, ``m:sSup``/``m:sSub``/``m:sSubSup``
    scripts, ``m:nary`` sums and integrals with their operand, ``m:acc`` accents, ``m:bar``
    overlines, ``m:limLow``/``m:limUpp`` and ``m:m`` matrices (``align`` rows too).
    """
    _math_children(parent, list(element), display)


def _math_children(parent: etree._Element, kids: list[ET.Element], display: bool) -> None:
    """MathML siblings in order; a big operator takes the sibling after it as its operand (``m:e``)."""
    from exporter.text.formula import BIG, symbol, tag

    at = 0
    while at < len(kids):
        kid = kids[at]
        if tag(kid) in _NARY_SCRIPTS and len(kid) and symbol(kid[0]) in BIG:
            operand = kids[at + 1] if at + 1 < len(kids) else None
            _nary(parent, kid, operand, display)
            at += 1 if operand is None else 2
        else:
            _math_element(parent, kid, display)
            at += 1


def _math_element(parent: etree._Element, element: ET.Element, display: bool) -> None:
    from exporter.text.formula import ACCENTS, OVERLINES, symbol, tag

    name, kids = tag(element), list(element)

    def into(tag_name: str, node: etree._Element, kid: ET.Element) -> None:
        _math_children(etree.SubElement(node, _m(tag_name)), [kid], display)

    if name in _LEAVES:
        text = symbol(element)
        if text:
            upright = name != "mi" or len(text) > 1 or element.get("mathvariant") == "normal"
            _math_run(parent, text, upright)
    elif name == "mfrac" and len(kids) == 2:
        fraction = etree.SubElement(parent, _m("f"))
        kind = "noBar" if element.get("linethickness") == "0" else "bar" if display else "lin"
        etree.SubElement(etree.SubElement(fraction, _m("fPr")), _m("type"), {_m("val"): kind})
        into("num", fraction, kids[0])
        into("den", fraction, kids[1])
    elif name in ("msqrt", "mroot"):
        root = etree.SubElement(parent, _m("rad"))
        if name == "msqrt":
            etree.SubElement(etree.SubElement(root, _m("radPr")), _m("degHide"), {_m("val"): "1"})
            etree.SubElement(root, _m("deg"))
            _math_children(etree.SubElement(root, _m("e")), kids, display)
        elif len(kids) == 2:
            into("deg", root, kids[1])
            into("e", root, kids[0])
    elif name == "mover" and len(kids) == 2 and symbol(kids[1]) in OVERLINES:
        bar = etree.SubElement(parent, _m("bar"))
        etree.SubElement(etree.SubElement(bar, _m("barPr")), _m("pos"), {_m("val"): "top"})
        into("e", bar, kids[0])
    elif name == "mover" and len(kids) == 2 and symbol(kids[1]) in ACCENTS:
        accent = etree.SubElement(parent, _m("acc"))
        mark = _ACCENT_MARKS.get(symbol(kids[1]), symbol(kids[1]))
        etree.SubElement(etree.SubElement(accent, _m("accPr")), _m("chr"), {_m("val"): mark})
        into("e", accent, kids[0])
    elif name in _SCRIPTS and len(kids) == len(_SCRIPTS[name][1]):
        node = etree.SubElement(parent, _m(_SCRIPTS[name][0]))
        for part, kid in zip(_SCRIPTS[name][1], kids, strict=True):
            into(part, node, kid)
    elif name in _LIMITS and len(kids) == 2:
        node = etree.SubElement(parent, _m(_LIMITS[name][0]))
        into("e", node, kids[0])
        into("lim", node, kids[1])
    elif name == "munderover" and len(kids) == 3:  # below, then above
        upper = etree.SubElement(parent, _m("limUpp"))
        lower = etree.SubElement(etree.SubElement(upper, _m("e")), _m("limLow"))
        into("e", lower, kids[0])
        into("lim", lower, kids[1])
        into("lim", upper, kids[2])
    elif name == "mtable":
        matrix = etree.SubElement(parent, _m("m"))
        for row in kids:
            cells = etree.SubElement(matrix, _m("mr"))
            for cell in row:
                _math_children(etree.SubElement(cells, _m("e")), list(cell), display)
    elif name not in ("mspace", "annotation", "annotation-xml"):  # mrow, mstyle, semantics…: their children
        _math_children(parent, kids, display)


def _nary(parent: etree._Element, element: ET.Element, operand: ET.Element | None, display: bool) -> None:
    """A big operator (``m:nary``): ``m:naryPr`` (``m:chr``, ``m:limLoc``, ``m:subHide``/``m:supHide``
    for a missing limit), ``m:sub``, ``m:sup``, then ``m:e``, its operand."""
    from exporter.text.formula import symbol, tag

    kids = list(element)
    limits = dict(zip(_NARY_SCRIPTS[tag(element)], kids[1:], strict=False))
    nary = etree.SubElement(parent, _m("nary"))
    props = etree.SubElement(nary, _m("naryPr"))
    etree.SubElement(props, _m("chr"), {_m("val"): symbol(kids[0])})
    stacked = display and symbol(kids[0]) not in "∫∮"
    etree.SubElement(props, _m("limLoc"), {_m("val"): "undOvr" if stacked else "subSup"})
    for part in ("sub", "sup"):
        if part not in limits:
            etree.SubElement(props, _m(f"{part}Hide"), {_m("val"): "1"})
    for part in ("sub", "sup"):
        node = etree.SubElement(nary, _m(part))
        if part in limits:
            _math_children(node, [limits[part]], display)
    body = etree.SubElement(nary, _m("e"))
    if operand is not None:
        _math_children(body, [operand], display)


def _math_run(parent: etree._Element, text: str, upright: bool) -> None:
    """``m:r``: ``m:rPr/m:sty@val=p`` when upright, then ``m:t`` (no ``a:rPr``: the Open XML schema
    has no place for one in ``m:r``)."""
    run = etree.SubElement(parent, _m("r"))
    if upright:
        etree.SubElement(etree.SubElement(run, _m("rPr")), _m("sty"), {_m("val"): "p"})
    t = etree.SubElement(run, _m("t"))
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


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


def placeholder_shape(shape_id: int, kind: str, idx: int, frame: tuple[int, int, int, int]) -> etree._Element:
    """A ``p:sp`` standing in a layout's placeholder — ``p:nvPr/p:ph`` with ``@type`` ``kind`` (left out
    for ``obj``, its default) and ``@idx`` (left out for 0) — at ``frame`` (x, y, cx, cy: ``p:spPr/a:xfrm``),
    with an empty ``p:txBody``, parsed in one go rather than built and positioned attribute by attribute."""
    kind_attr = "" if kind == "obj" else f' type="{kind}"'
    idx_attr = f' idx="{idx}"' if idx else ""
    x, y, cx, cy = frame
    return parse_xml(
        f'<p:sp {ns.nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{shape_id}" name=""/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph{kind_attr}{idx_attr}/></p:nvPr></p:nvSpPr>"
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm></p:spPr>'
        "<p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>"
    )


def placeholders(owner: etree._Element) -> list[tuple[str, int, tuple[int, int, int, int] | None, bool]]:
    """The placeholders of a slide layout or master (``p:cSld/p:spTree`` children whose first child,
    ``p:nvSpPr`` or its like, holds ``p:nvPr/p:ph``): (``@type``, default ``obj``; ``@idx``, default 0;
    the box of its own ``a:xfrm`` — ``p:spPr/a:xfrm``, a frame's ``p:xfrm`` — None without one;
    whether ``@orient`` is ``vert``). Only those paths are read, not the shapes' text."""
    found = []
    tree = owner.find(_SP_TREE)
    for shape in tree if tree is not None else ():
        ph = shape[0].find(_NV_PH) if len(shape) else None
        if ph is None:
            continue
        xfrm = shape.find(_SP_XFRM)
        xfrm = shape.find(_FRAME_XFRM) if xfrm is None else xfrm
        off = xfrm.find(_A_OFF) if xfrm is not None else None
        ext = xfrm.find(_A_EXT) if xfrm is not None else None
        box = None
        if off is not None and ext is not None:
            box = (int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0)))
        found.append((ph.get("type", "obj"), int(ph.get("idx", 0)), box, ph.get("orient") == "vert"))
    return found


_SP_TREE, _NV_PH = f"{qn('p:cSld')}/{qn('p:spTree')}", f"{qn('p:nvPr')}/{qn('p:ph')}"
_SP_XFRM, _FRAME_XFRM, _A_OFF, _A_EXT = f"{qn('p:spPr')}/{qn('a:xfrm')}", qn("p:xfrm"), qn("a:off"), qn("a:ext")


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


_P_PH = qn("p:ph")


# -- charts ----------------------------------------------------------------------------------

_C_AXIS_IDS = ("c:axId", "c:crossAx")
_TEXT_PROPERTIES = ("a:defRPr", "a:rPr", "a:endParaRPr")
_FACES = _tags("a:latin", "a:ea", "a:cs")
# What follows the faces in a:rPr / a:defRPr (CT_TextCharacterProperties).
_AFTER_FACES = _tags("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
# What follows c:separator in c:dLbls (CT_DLbls).
_AFTER_SEPARATOR = _tags("c:showLeaderLines", "c:leaderLines", "c:extLst")


def positive_axis_ids(chart_space: etree._Element) -> None:
    """Renumber the axes of a chart part: python-pptx writes negative ``c:axId`` / ``c:crossAx``
    values, which the schema (``ST_AxisId``, an unsigned int) and the Open XML SDK refuse."""
    numbers: dict[str, str] = {}
    for element in chart_space.iter(*(qn(t) for t in _C_AXIS_IDS)):
        value = element.get("val", "")
        if value.startswith("-"):
            element.set("val", numbers.setdefault(value, str(50_000_000 + 100 * len(numbers))))


def set_chart_faces(chart_space: etree._Element, latin: str, east_asian: str, lang: str) -> None:
    """Give every text property of a chart part (``a:defRPr``, ``a:rPr``, ``a:endParaRPr``: labels,
    ticks, legend, titles) the deck's faces — ``a:latin``, ``a:ea``, ``a:cs`` — and its language tag: python-pptx's
    ``font.name`` writes only ``a:latin``, and without ``a:ea`` Japanese falls to the theme's face."""
    for rpr in chart_space.iter(*(qn(t) for t in _TEXT_PROPERTIES)):
        _remove(rpr, _FACES)
        rpr.set("lang", lang)
        for font_tag, face in (("a:latin", latin), ("a:ea", east_asian), ("a:cs", latin)):
            _insert_before(rpr, etree.Element(qn(font_tag), typeface=face), _AFTER_FACES)


def hide_point_labels(ser: etree._Element, indexes: Sequence[int]) -> None:
    """Hide the data labels of the points at ``indexes`` of a series: a ``c:dLbl`` with
    ``c:idx`` and ``c:delete val=1`` each, first in its ``c:dLbls`` as the schema orders them."""
    labels = ser.find(qn("c:dLbls"))
    if labels is None or not indexes:
        return
    for position, index in enumerate(indexes):
        label = etree.Element(qn("c:dLbl"))
        etree.SubElement(label, qn("c:idx"), val=str(index))
        etree.SubElement(label, qn("c:delete"), val="1")
        labels.insert(position, label)


def set_label_separator(labels: etree._Element, separator: str) -> None:
    """What stands between a data label's parts (a pie's category and value): ``c:separator``."""
    _remove(labels, _tags("c:separator"))
    element = etree.Element(qn("c:separator"))
    element.text = separator
    _insert_before(labels, element, _AFTER_SEPARATOR)


def cross_at_maximum(axis: etree._Element) -> None:
    """Have an axis cross its perpendicular axis at that axis's maximum: ``c:crosses val=max``
    (on a bar chart's value axis, whose categories run top to bottom, it stays at the bottom)."""
    _remove(axis, _tags("c:crossesAt"))
    crosses = axis.find(qn("c:crosses"))
    if crosses is None:
        crosses = etree.Element(qn("c:crosses"))
        axis.find(qn("c:crossAx")).addnext(crosses)
    crosses.set("val", "max")


def set_upright(body_pr: etree._Element) -> None:
    """Set a chart title's text upright (``a:bodyPr@rot=0``, ``@vert=horz``), as the brief prints a
    unit beside its axis, instead of turned a quarter as a value axis's title is by default."""
    body_pr.set("rot", "0")
    body_pr.set("vert", "horz")
