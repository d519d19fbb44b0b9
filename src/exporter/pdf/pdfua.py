"""What PDF/UA-1 requires and WeasyPrint 70 does not write, patched into its PDF; the only pikepdf import.

In: the bytes of a tagged PDF that WeasyPrint wrote with ``pdf_variant="pdf/ua-1"``
(XMP ``dc:title`` and ``pdfuaid:part``, ``DisplayDocTitle``, a structure tree).
Out: the same PDF with these fixed, written to a path:

- **Running heads, footers and page numbers become artifacts** (ISO 14289-1 7.8). WeasyPrint
  marks the text of ``@page`` margin boxes as tagged content (``/Span <</MCID n>> BDC``) whose
  structure elements hang from no parent, as PDF 1.7 has no artifact element. Each such
  marked-content sequence becomes ``/Artifact <</Type /Pagination>> BDC`` and leaves the
  parent tree.
- **Links print** (ISO 14289-1 7.18.1 wants annotations seen alike on screen and paper):
  every annotation gets the ``Print`` flag, which WeasyPrint leaves unset.
- **Every header cell has a scope** (ISO 14289-1 7.5). WeasyPrint links data cells to their
  headers with ``/Headers`` but gives ``TH`` no ``/Scope``, so a header that heads no data cell
  (the first column's header above row headers) is tied to nothing. ``TH`` in a ``THead`` gets
  ``/Scope /Column``, any other ``/Scope /Row``.

The first element of ``/ID`` (the revision stamp) and the Info dictionary are kept; the second
element of ``/ID`` is derived from the content, so the same inputs still give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

_PAGINATION = Dictionary(Type=Name.Pagination)
_PRINT = 4
"""The ``Print`` bit of an annotation's flags (ISO 32000-1, 12.5.3)."""


def conform(pdf_bytes: bytes, target: Path) -> None:
    """Write ``pdf_bytes`` to ``target`` with its page furniture as artifacts and its headers scoped."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        tree = pdf.Root.StructTreeRoot
        elements = list(_elements(tree))
        reachable = {element.objgen for element in elements}
        nums = tree.ParentTree.Nums
        for index, page in enumerate(pdf.pages):
            marks = nums[2 * index + 1]
            orphans = {mcid for mcid, element in enumerate(marks) if element.objgen not in reachable}
            if orphans:
                _mark_artifacts(pdf, page, orphans)
                for mcid in orphans:
                    marks[mcid] = None
            for annotation in page.obj.get("/Annots", ()):
                annotation.F = int(annotation.get("/F", 0)) | _PRINT
        for element in elements:
            if element.get("/S") == Name.TH:
                _scope(element)
        pdf.save(target, deterministic_id=True)


def _elements(node: Dictionary) -> Iterator[Dictionary]:
    """Every structure element below ``node``, in document order."""
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, Array) else [kids]:
        if isinstance(kid, Dictionary) and kid.get("/Type", Name.StructElem) == Name.StructElem and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _mark_artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page, mcids: set[int]) -> None:
    """Turn the marked-content sequences of ``mcids`` on ``page`` into pagination artifacts."""
    instructions = pikepdf.parse_content_stream(page)
    for number, (operands, operator) in enumerate(instructions):
        if operator == pikepdf.Operator("BDC") and len(operands) == 2:
            properties = operands[1]
            if isinstance(properties, Dictionary) and properties.get("/MCID") in mcids:
                instructions[number] = pikepdf.ContentStreamInstruction([Name.Artifact, _PAGINATION], operator)
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def _scope(cell: Dictionary) -> None:
    """Give a ``TH`` the scope its row group implies."""
    row = cell.get("/P")
    group = row.get("/P") if row is not None else None
    scope = Name.Column if group is not None and group.get("/S") == Name.THead else Name.Row
    attributes = cell.get("/A")
    if not isinstance(attributes, Dictionary):
        attributes = cell.A = Dictionary(O=Name.Table)
    attributes.Scope = scope
