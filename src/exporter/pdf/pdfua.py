"""What PDF/UA-1 requires and WeasyPrint 70 does not write, patched into its PDF before it is
written; the only module that touches WeasyPrint's PDF objects (pydyf).

In: the ``pydyf.PDF`` that WeasyPrint built with ``pdf_variant="pdf/ua-1"`` (XMP ``dc:title`` and
``pdfuaid:part``, ``DisplayDocTitle``, a structure tree), handed to ``conform`` as the
``finisher`` of ``write_pdf``: after the objects are made, before they are serialised.
Out: the same objects with these fixed:

- **Running heads, footers and page numbers become artifacts** (ISO 14289-1 7.8). WeasyPrint
  marks the text of ``@page`` margin boxes as tagged content (``/Span <</MCID n>> BDC``) whose
  structure elements hang from no parent, as PDF 1.7 has no artifact element. Each such
  marked-content sequence becomes ``/Artifact <</Type /Pagination>> BDC`` and leaves the
  parent tree.
- **A table's header repeated on the pages it continues on becomes an artifact** (a pagination
  artifact, as the Tagged PDF best practice has it): WeasyPrint tags each page's part of a table
  as a ``Table`` of its own, header included, so a reader (and the read-back) met the header
  again in the middle of a cell that a page break cut. The repeated ``THead`` leaves the
  structure, and the data cells of that part name the first part's header cells instead.
- **Footnotes are marked ``/Note``**: WeasyPrint sets them in the page's footnote area, below
  the page's last line, so a paragraph that a page break cuts is read with the footnotes of its
  first page between its halves unless they are set apart (``exporter.pdf.readback``).
- **List labels are marked ``/Lbl``**, as their structure elements are: WeasyPrint marks every
  text ``/Span``, and draws a list item's marker after the item's lines, so a text extraction
  that does not follow the structure tree (``exporter.pdf.readback``) can set the labels apart.
- **Links print** (ISO 14289-1 7.18.1 wants annotations seen alike on screen and paper):
  every annotation gets the ``Print`` flag, which WeasyPrint leaves unset.
- **Every header cell has a scope** (ISO 14289-1 7.5). WeasyPrint links data cells to their
  headers with ``/Headers`` but gives ``TH`` no ``/Scope``, so a header that heads no data cell
  (the first column's header above row headers) is tied to nothing. ``TH`` in a ``THead`` gets
  ``/Scope /Column``, any other ``/Scope /Row``.

Patching the objects rather than the written file spares a second parse and save (pikepdf
took some 80 ms of ``exporter pdf``); WeasyPrint then writes ``/ID`` and the cross-reference
as usual, so the same inputs still give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pydyf

Target = Callable[[bytes], pydyf.Object]
"""The object an indirect reference (``b"12 0 R"``) points at."""

_PRINT = 4
"""The ``Print`` bit of an annotation's flags (ISO 32000-1, 12.5.3)."""


def conform(document: object, pdf: pydyf.PDF) -> None:
    """Turn the page furniture of ``pdf`` and its tables' repeated headers into artifacts, make its
    links print and scope its header cells (a ``write_pdf`` finisher: ``document`` is
    WeasyPrint's, whose pages tell which tables continue from an earlier page)."""
    objects = pdf.objects

    def target(reference: bytes) -> pydyf.Object:
        return objects[int(reference.split(maxsplit=1)[0])]

    root = target(pdf.catalog["StructTreeRoot"])
    elements = list(_elements(root, target))
    repeated = _repeated_headers(document, pdf, elements, target)
    notes = _footnotes(document, pdf, target(root["K"][0]), target)
    reachable = {element.number for element in elements}
    nums = target(root["ParentTree"])["Nums"]
    for index, number in enumerate(pdf.pages["Kids"][::3]):
        page = objects[number]
        marks = nums[2 * index + 1]
        orphans = {mcid for mcid, ref in enumerate(marks) if target(ref).number not in reachable}
        orphans |= repeated.get(index, set())
        labels = {mcid for mcid, ref in enumerate(marks) if mcid not in orphans and _in_label(target(ref), target)}
        if orphans or labels or index in notes:
            _retag(target(page["Contents"]), orphans, {**dict.fromkeys(labels, "/Lbl"), **notes.get(index, {})})
            for mcid in orphans:
                marks[mcid] = b"null"
        for reference in page.get("Annots", ()):
            annotation = target(reference)
            annotation["F"] = int(annotation.get("F", 0)) | _PRINT
    for element in elements:
        if element.get("S") == "/TH":
            _scope(element, target)


def _repeated_headers(
    document: object, pdf: pydyf.PDF, elements: list[pydyf.Dictionary], target: Target
) -> dict[int, set[int]]:
    """By page (from 0), the marked content of the table headers repeated where a table
    continues; each such ``THead`` is taken out of its ``Table``, whose data cells are pointed at
    the header cells of the table's first part."""
    pages = {reference: index for index, reference in enumerate(pdf.page_references)}
    parts: dict[int, list[pydyf.Dictionary]] = {}
    for element in elements:
        if element.get("S") == "/Table":
            parts.setdefault(pages[element["Pg"]], []).append(element)
    first: dict[object, pydyf.Dictionary] = {}
    repeated: dict[int, set[int]] = {}
    for index, page in enumerate(document.pages):  # type: ignore[attr-defined]
        wrappers = list(_table_wrappers(page._page_box))
        tables = parts.get(index, [])
        if len(wrappers) != len(tables):
            continue  # not the tables the boxes say: leave the page as WeasyPrint tagged it
        for box, table in zip(wrappers, tables, strict=True):
            if box.element not in first:
                first[box.element] = table
                continue
            heads = [kid for kid in table["K"] if isinstance(kid, bytes) and target(kid).get("S") == "/THead"]
            for head in heads:
                repeated.setdefault(index, set()).update(_mcids(target(head), target))
            table["K"] = pydyf.Array(kid for kid in table["K"] if kid not in heads)
            _point_headers(table, first[box.element], target)
    return repeated


def _footnotes(document: object, pdf: pydyf.PDF, top: pydyf.Dictionary, target: Target) -> dict[int, dict[int, str]]:
    """By page (from 0), the marked content of its footnote area, to be tagged ``/Note``.

    WeasyPrint keeps a page box's children in this order — the root, the footnote area and the
    note area when they are not empty, the margin boxes — and tags each but the margin boxes as
    structure elements below ``top`` (the ``Document``): the footnote area is the page's last
    one, a ``NonStruct``, when it is the last of those children.
    """
    pages = {reference: index for index, reference in enumerate(pdf.page_references)}
    last: dict[int, pydyf.Dictionary] = {}
    for kid in top.get("K", ()):
        if isinstance(kid, bytes):
            element = target(kid)
            last[pages[element["Pg"]]] = element
    notes: dict[int, dict[int, str]] = {}
    for index, page in enumerate(document.pages):  # type: ignore[attr-defined]
        areas = [box for box in page._page_box.children if type(box).__name__ != "MarginBox"]
        element = last.get(index)
        if (
            type(areas[-1]).__name__ == "FootnoteAreaBox"
            and areas[-1].children
            and element is not None
            and element.get("S") == "/NonStruct"
        ):
            notes[index] = dict.fromkeys(_mcids(element, target), "/Note")
    return notes


def _table_wrappers(box: object) -> Iterator[object]:
    """The table wrapper boxes below ``box``, in the order WeasyPrint tags them."""
    for child in getattr(box, "children", ()):
        if getattr(child, "is_table_wrapper", False):
            yield child
        elif not hasattr(child, "text"):  # a text box has no boxes below it
            yield from _table_wrappers(child)


def _mcids(element: pydyf.Dictionary, target: Target) -> Iterator[int]:
    """The marked-content ids of ``element`` and of every element below it."""
    for kid in element.get("K", ()):
        if isinstance(kid, int):
            yield kid
        elif isinstance(kid, bytes):
            yield from _mcids(target(kid), target)


def _point_headers(table: pydyf.Dictionary, first: pydyf.Dictionary, target: Target) -> None:
    """Make the data cells of ``table`` name the header cells of ``first`` (same row 0, same
    column) instead of those of its own repeated header."""
    own, theirs = f"{table.number}-0-", f"{first.number}-0-"
    for element in _elements(table, target):
        headers = element.get("A", {}).get("Headers") if element.get("S") == "/TD" else None
        for index, key in enumerate(headers or ()):
            if key.string.startswith(own):
                headers[index] = pydyf.String(theirs + key.string[len(own) :])


def _elements(node: pydyf.Dictionary, target: Target) -> Iterator[pydyf.Dictionary]:
    """Every structure element below ``node``, in document order."""
    for kid in node.get("K", ()):
        if isinstance(kid, bytes):
            element = target(kid)
            if isinstance(element, pydyf.Dictionary) and element.get("Type") == "/StructElem":
                yield element
                yield from _elements(element, target)


def _in_label(element: pydyf.Dictionary, target: Target) -> bool:
    """Whether ``element`` is a list label (``Lbl``) or the ``Span`` of one's text."""
    return element.get("S") == "/Lbl" or (element.get("S") == "/Span" and target(element["P"]).get("S") == "/Lbl")


def _retag(stream: pydyf.Stream, artifacts: set[int], tags: dict[int, str]) -> None:
    """Turn the marked-content sequences of ``artifacts`` in ``stream`` into pagination artifacts,
    and give those of ``tags`` their tag (``/Lbl``, ``/Note``)."""
    operations = stream.stream
    for index, item in enumerate(operations):
        if isinstance(item, pydyf.Dictionary) and "MCID" in item and operations[index + 1] == b"BDC":
            if item["MCID"] in artifacts:
                operations[index - 1] = "/Artifact"
                operations[index] = pydyf.Dictionary({"Type": "/Pagination"})
            elif item["MCID"] in tags:
                operations[index - 1] = tags[item["MCID"]]


def _scope(cell: pydyf.Dictionary, target: Target) -> None:
    """Give a ``TH`` the scope its row group implies."""
    row = target(cell["P"])
    group = target(row["P"]) if "P" in row else None
    scope = "/Column" if group is not None and group.get("S") == "/THead" else "/Row"
    cell.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = scope
