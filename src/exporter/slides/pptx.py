"""Write a slide plan as a .pptx file; the only module that imports python-pptx.

In: a ``Deck`` from ``exporter.slides.plan`` and a path.
Out: a 16:9 PowerPoint file drawing exactly the plan — every position, size, line
break and font size comes from the plan; nothing is measured or decided here.
Raw XML goes through the named patches of ``exporter.slides.ooxml``. The zip is
written with the source's date on every entry, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.text.text import Font
from pptx.util import Emu, Pt

from exporter.slides import ooxml
from exporter.slides.plan import Bar, Box, Deck, Para, Run, Slide, TableShape

_TITLE_ONLY_LAYOUT = 5
_ALIGN = {"l": PP_ALIGN.LEFT, "ctr": PP_ALIGN.CENTER, "r": PP_ALIGN.RIGHT}
_ANCHOR = {"t": MSO_ANCHOR.TOP, "ctr": MSO_ANCHOR.MIDDLE, "b": MSO_ANCHOR.BOTTOM}
_RULE_WIDTH = Pt(0.75)


def write_pptx(deck: Deck, path: Path) -> None:
    """Build the presentation of ``deck`` and write it to ``path``."""
    presentation = Presentation()
    presentation.slide_width = Emu(deck.width)
    presentation.slide_height = Emu(deck.height)
    _properties(presentation, deck)
    writer = _Writer(deck)
    layout = presentation.slide_layouts[_TITLE_ONLY_LAYOUT]
    for planned in deck.slides:
        writer.slide(presentation.slides.add_slide(layout), planned)
    buffer = io.BytesIO()
    presentation.save(buffer)
    _write_stable_zip(buffer, path, dt.date.fromisoformat(deck.properties.date))


def read_slide_count(path: Path) -> tuple[int, int, int]:
    """Re-open a written deck: (slides, width, height) in EMU; raises if it is no presentation."""
    presentation = Presentation(str(path))
    return len(presentation.slides), presentation.slide_width, presentation.slide_height


def _properties(presentation, deck: Deck) -> None:  # type: ignore[no-untyped-def]
    props = deck.properties
    date = dt.datetime.fromisoformat(props.date)
    core = presentation.core_properties
    core.title = props.title
    core.subject = props.subject
    core.author = props.author
    core.last_modified_by = props.author
    core.keywords = props.keywords
    core.language = props.language
    core.created = date
    core.modified = date
    core.revision = 1


def _write_stable_zip(buffer: io.BytesIO, path: Path, date: dt.date) -> None:
    """Copy the package to ``path`` with every entry stamped ``date`` instead of now."""
    stamp = (date.year, date.month, date.day, 0, 0, 0)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item))


class _Writer:
    """Draws planned slides onto python-pptx slides."""

    def __init__(self, deck: Deck):
        self.latin = deck.latin
        self.east_asian = deck.east_asian
        self.lang = deck.lang

    def slide(self, slide, planned: Slide) -> None:  # type: ignore[no-untyped-def]
        if planned.background:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = _rgb(planned.background)
        title = slide.shapes.title
        self._place(title, planned.title)
        self._text_frame(title, planned.title)
        for shape in (*planned.shapes, *planned.footer):
            if isinstance(shape, Box):
                box = slide.shapes.add_textbox(Emu(shape.x), Emu(shape.y), Emu(shape.w), Emu(shape.h))
                box.name = shape.name
                if shape.fill:
                    box.fill.solid()
                    box.fill.fore_color.rgb = _rgb(shape.fill)
                self._text_frame(box, shape)
            elif isinstance(shape, TableShape):
                self._table(slide, shape)
            elif isinstance(shape, Bar):
                bar = slide.shapes.add_shape(
                    MSO_SHAPE.RECTANGLE, Emu(shape.x), Emu(shape.y), Emu(shape.w), Emu(shape.h)
                )
                bar.name = shape.name
                ooxml.drop_shape_style(bar._element)
                bar.fill.solid()
                bar.fill.fore_color.rgb = _rgb(shape.fill)
                bar.line.fill.background()
                ooxml.mark_decorative(bar._element)
        self._notes(slide, planned.notes)

    def _place(self, shape, box: Box) -> None:  # type: ignore[no-untyped-def]
        shape.left, shape.top, shape.width, shape.height = Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h)
        shape.name = box.name

    def _text_frame(self, shape, box: Box) -> None:  # type: ignore[no-untyped-def]
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = _ANCHOR[box.anchor]
        left, top, right, bottom = box.inset
        frame.margin_left, frame.margin_top, frame.margin_right, frame.margin_bottom = (
            Emu(left),
            Emu(top),
            Emu(right),
            Emu(bottom),
        )
        self._paragraphs(frame, box.paras)

    def _paragraphs(self, frame, paras: tuple[Para, ...]) -> None:  # type: ignore[no-untyped-def]
        for index, para in enumerate(paras):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.alignment = _ALIGN[para.align]
            paragraph.line_spacing = Pt(para.pitch)
            paragraph.space_before = Pt(para.space_before)
            if para.bullet:
                ooxml.set_bullet(paragraph._p.get_or_add_pPr(), para.bullet, para.bullet_color or "000000", para.indent)
            for run in para.runs:
                if para.field:
                    rpr = ooxml.add_field(paragraph._p, para.field, run.text)
                    self._style(rpr, run)
                    continue
                for number, line in enumerate(run.text.split("\n")):
                    if number:
                        paragraph.add_line_break()
                    if line:
                        added = paragraph.add_run()
                        added.text = line
                        self._style(added._r.get_or_add_rPr(), run)

    def _style(self, rpr, run: Run) -> None:  # type: ignore[no-untyped-def]
        font = Font(rpr)
        font.size = Pt(run.size)
        font.bold = run.bold
        font.color.rgb = _rgb(run.color)
        ooxml.set_run_fonts(rpr, self.latin, self.east_asian, run.lang)

    def _table(self, slide, table: TableShape) -> None:  # type: ignore[no-untyped-def]
        rows = (table.header, *table.body)
        frame = slide.shapes.add_table(
            len(rows), len(table.header), Emu(table.x), Emu(table.y), Emu(table.w), Emu(table.h)
        )
        frame.name = table.name
        ooxml.set_alt_text(frame._element, table.descr)
        grid = frame.table
        ooxml.set_table_look(grid._tbl, first_row=True, band_row=True)
        for index, width in enumerate(table.columns):
            grid.columns[index].width = Emu(width)
        left, top, right, bottom = table.inset
        for r, (cells, height) in enumerate(zip(rows, table.rows, strict=True)):
            grid.rows[r].height = Emu(height)
            header = r == 0
            fill = table.header_fill if header else (table.band_fill if r % 2 == 0 else None)
            color = table.header_color if header else table.text_color
            for c, text in enumerate(cells):
                cell = grid.cell(r, c)
                cell.margin_left, cell.margin_top, cell.margin_right, cell.margin_bottom = (
                    Emu(left),
                    Emu(top),
                    Emu(right),
                    Emu(bottom),
                )
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                ooxml.style_cell(cell._tc, fill, table.rule_color, _RULE_WIDTH)
                paragraph = cell.text_frame.paragraphs[0]
                paragraph.line_spacing = Pt(table.pitch)
                run = paragraph.add_run()
                run.text = text
                self._style(run._r.get_or_add_rPr(), Run(text, table.size, color, header, table.lang))

    def _notes(self, slide, notes: str) -> None:  # type: ignore[no-untyped-def]
        if not notes:
            return
        frame = slide.notes_slide.notes_text_frame
        frame.text = notes
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                ooxml.set_run_fonts(run._r.get_or_add_rPr(), self.latin, self.east_asian, self.lang)


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())
