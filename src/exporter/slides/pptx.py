"""Write a slide plan as a .pptx file with python-pptx (with ``ooxml``, the only modules importing it).

In: a ``Deck`` (``exporter.slides.shapes``, planned by ``exporter.slides.plan``) and a path.
Out: a 16:9 PowerPoint file drawing exactly the plan — every position, size, line
break and font size comes from the plan; nothing is measured or decided here.
Raw XML goes through the named patches of ``exporter.slides.ooxml``. The zip's
entries carry the deck's date (the source's, or ``SOURCE_DATE_EPOCH``), so the same
input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
from contextlib import contextmanager
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.shapes.graphfrm import CT_GraphicalObjectFrame
from pptx.oxml.simpletypes import ST_Direction, ST_PlaceholderSize
from pptx.parts.chart import ChartPart
from pptx.parts.slide import NotesSlidePart
from pptx.util import Emu, Pt

from exporter.charts.plan import ChartPlan, on_color
from exporter.slides import ooxml
from exporter.slides.shapes import Bar, Box, ChartShape, Deck, Para, Picture, Run, Slide, TableShape
from exporter.slides.typeset import with_spans
from exporter.text.phrases import clipped

_TITLE_ONLY_LAYOUT = 5
"""Every slide's layout in python-pptx's default template: Title Only, whose one placeholder
(past the date, footer and number that slides do not copy) is the title."""
_RULE_WIDTH = Pt(0.75)


def write_pptx(deck: Deck, path: Path) -> None:
    """Build the presentation of ``deck`` and write it to ``path``."""
    presentation = Presentation()
    presentation.slide_width = Emu(deck.width)
    presentation.slide_height = Emu(deck.height)
    _properties(presentation, deck)
    writer = _Writer(deck)
    layout = presentation.slide_layouts[_TITLE_ONLY_LAYOUT]
    slide_list = presentation._element.get_or_add_sldIdLst()
    for planned in deck.slides:
        # Slides.add_slide, but with the title placeholder added by _Writer.slide instead of
        # found by walking the layout's shapes again for every slide.
        relationship, slide = presentation.part.add_slide(layout)
        slide_list.add_sldId(relationship)
        writer.slide(slide, planned)
    buffer = io.BytesIO()
    presentation.save(buffer)
    path.write_bytes(_stamped(buffer.getvalue(), dt.datetime.fromisoformat(deck.properties.date)))


def read_back(path: Path) -> tuple[tuple[int, int, int], list[str]]:
    """Re-open a written deck: (slides, width, height) in EMU, and the text of every table
    cell on its slides; raises if it is no presentation."""
    presentation = Presentation(str(path))
    cells = [
        cell.text
        for slide in presentation.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]
    return (len(presentation.slides), presentation.slide_width, presentation.slide_height), cells


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

    def __init__(self, deck: Deck):
        self.notes_pages = 0
        self.created = dt.datetime.fromisoformat(deck.properties.date)
        self.latin = deck.latin
        self.east_asian = deck.east_asian
        self.lang = deck.lang

    def slide(self, slide, planned: Slide) -> None:  # type: ignore[no-untyped-def]
        if planned.background:
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = _rgb(planned.background)
        tree = slide._element.cSld.spTree
        first_id = tree.max_shape_id + 1
        title = tree.add_placeholder(first_id, "", PP_PLACEHOLDER.TITLE, ST_Direction.HORZ, ST_PlaceholderSize.FULL, 0)
        title.x, title.y, title.cx, title.cy = (Emu(v) for v in planned.title.frame)
        self._text(title, planned.title, slide.part)
        for shape_id, shape in enumerate((*planned.shapes, *planned.footer), first_id + 1):
            frame = tuple(Emu(v) for v in shape.frame)
            if isinstance(shape, Box):
                self._text(tree.add_textbox(shape_id, "", *frame), shape, slide.part)
            elif isinstance(shape, Picture):
                _, relationship = slide.part.get_or_add_image_part(shape.path)
                picture = tree.add_pic(shape_id, "", "", relationship, *frame)
                ooxml.set_name(picture, shape.name)
                ooxml.set_alt_text(picture, shape.descr)
            elif isinstance(shape, TableShape):
                self._table(tree, shape_id, shape, slide.part)
            elif isinstance(shape, ChartShape):
                self._chart(tree, shape_id, shape, slide.part)
            elif isinstance(shape, Bar):
                bar = tree.add_autoshape(shape_id, "", "rect", *frame)
                ooxml.set_name(bar, shape.name)
                ooxml.drop_shape_style(bar)
                ooxml.set_solid_fill(bar.spPr, shape.fill)
                ooxml.hide_outline(bar.spPr)
                ooxml.mark_decorative(bar)
        if planned.notes:
            self._notes_slide(slide, planned.notes)

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

    def _text(self, sp, box: Box, part) -> None:  # type: ignore[no-untyped-def]
        ooxml.set_name(sp, box.name)
        if box.fill:
            ooxml.set_solid_fill(sp.spPr, box.fill)
        tx_body = sp.txBody
        ooxml.set_body_properties(tx_body.bodyPr, box.inset, box.anchor)
        ooxml.write_paragraphs(tx_body, box.paras, self.latin, self.east_asian, _linker(part))

    def _table(self, tree, shape_id: int, table: TableShape, part) -> None:  # type: ignore[no-untyped-def]
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
            color = table.header_color if header else table.text_color
            aligns = table.align or ("l",) * len(cells)
            for tc, text, align in zip(tr.tc_lst, cells, aligns, strict=True):
                ooxml.style_cell(tc, fill, table.rule_color, _RULE_WIDTH, table.inset)
                runs = with_spans((Run(text, table.size, color, header, table.lang),), text)
                para = Para(runs, table.pitch, align=align)
                ooxml.write_paragraphs(tc.txBody, (para,), self.latin, self.east_asian, link)

    def _chart(self, tree, shape_id: int, shape: ChartShape, part) -> None:  # type: ignore[no-untyped-def]
        """A native chart of the shape's plan in a graphic frame, with its workbook embedded
        (dated like the deck), styled through python-pptx's chart API and ``ooxml``'s chart patches."""
        plan = shape.plan
        data = _ChartData(self.created)
        data.categories = plan.categories
        for series in plan.series:
            data.add_series(series.name, series.values, series.format.excel())
        chart_part = ChartPart.new(_chart_type(plan), data, part.package)
        relationship = part.relate_to(chart_part, RT.CHART)
        frame = CT_GraphicalObjectFrame.new_chart_graphicFrame(
            shape_id, "", relationship, *(Emu(v) for v in shape.frame)
        )
        tree.insert_element_before(frame, "p:extLst")
        ooxml.set_name(frame, shape.name)
        ooxml.set_alt_text(frame, shape.descr)
        chart = chart_part.chart
        chart.has_title = False
        chart.font.size = Pt(shape.size)
        chart.font.color.rgb = _rgb(shape.text_color)
        _style_series(chart, shape)
        if plan.axis is not None:
            _style_axes(chart, shape)
        chart.has_legend = plan.legend
        if plan.legend:
            chart.legend.position = XL_LEGEND_POSITION.TOP
            chart.legend.include_in_layout = False
        space = chart_part._element
        ooxml.positive_axis_ids(space)
        ooxml.set_chart_faces(space, self.latin, self.east_asian, self.lang)


class _ChartData(CategoryChartData):
    """python-pptx's chart data, whose workbook is dated ``created`` instead of the moment it is
    written (XlsxWriter's ``created`` property), so the same deck gives the same bytes."""

    def __init__(self, created: dt.datetime):
        super().__init__()
        self.created = created

    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _WorkbookWriter(self)


class _WorkbookWriter(CategoryWorkbookWriter):
    @contextmanager
    def _open_worksheet(self, xlsx_file):  # type: ignore[no-untyped-def]
        from xlsxwriter import Workbook

        workbook = Workbook(xlsx_file, {"in_memory": True})
        workbook.set_properties({"created": self._chart_data.created})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


_CHART_TYPES = {
    ("column", False): XL_CHART_TYPE.COLUMN_CLUSTERED,
    ("column", True): XL_CHART_TYPE.COLUMN_STACKED,
    ("bar", False): XL_CHART_TYPE.BAR_CLUSTERED,
    ("bar", True): XL_CHART_TYPE.BAR_STACKED,
    ("line", False): XL_CHART_TYPE.LINE_MARKERS,
    ("pie", False): XL_CHART_TYPE.PIE,
}


def _chart_type(plan: ChartPlan) -> XL_CHART_TYPE:
    return _CHART_TYPES[plan.kind, plan.stacked and plan.kind in ("column", "bar")]


def _style_series(chart, shape: ChartShape) -> None:  # type: ignore[no-untyped-def]
    """Each series (each slice of a pie) in its colour, its points labelled in its number format."""
    plan = shape.plan
    plot = chart.plots[0]
    plot.vary_by_categories = plan.kind == "pie"
    if plan.kind in ("column", "bar"):
        plot.gap_width = 60 if plan.stacked or len(plan.series) == 1 else 40
        plot.overlap = 100 if plan.stacked else 0
    for index, (series, planned) in enumerate(zip(chart.series, plan.series, strict=True)):
        color = shape.colors[index % len(shape.colors)]
        if plan.kind == "line":
            series.smooth = False
            series.format.line.color.rgb = _rgb(color)
            series.format.line.width = Pt(2)
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            series.marker.size = 5
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = _rgb(color)
            series.marker.format.line.color.rgb = _rgb(color)
        elif plan.kind == "pie":
            for point, slice_color in zip(series.points, _cycle(shape.colors, len(plan.categories)), strict=True):
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = _rgb(slice_color)
                point.format.line.color.rgb = _rgb("#FFFFFF")
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(color)
        if plan.labels:
            _label(series, planned.format.excel(), plan, shape, color)
            hidden = [i for i in range(len(plan.categories)) if not plan.labelled(index, i)]
            ooxml.hide_point_labels(series._element, hidden)


def _label(series, number_format: str, plan: ChartPlan, shape: ChartShape, color: str) -> None:  # type: ignore[no-untyped-def]
    labels = series.data_labels
    labels.number_format = number_format
    labels.number_format_is_linked = False
    labels.show_value = True
    labels.font.size = Pt(shape.size)
    ink = on_color(color, shape.light, shape.text_color) if plan.stacked else shape.text_color
    labels.font.color.rgb = _rgb(ink)
    if plan.kind == "pie":
        labels.show_category_name = True
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        ooxml.set_label_separator(labels._element, "\n")
    elif plan.kind == "line":
        labels.position = XL_LABEL_POSITION.ABOVE
    else:
        labels.position = XL_LABEL_POSITION.CENTER if plan.stacked else XL_LABEL_POSITION.OUTSIDE_END


def _style_axes(chart, shape: ChartShape) -> None:  # type: ignore[no-untyped-def]
    """The value axis on the plan's scale, with light gridlines and the unit as its title; the
    category axis in the table's order (top to bottom for horizontal bars)."""
    plan = shape.plan
    axis = plan.axis
    values = chart.value_axis
    values.minimum_scale, values.maximum_scale, values.major_unit = axis.low, axis.high, axis.step
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = _rgb(shape.rule)
    values.major_gridlines.format.line.width = Pt(0.5)
    values.format.line.fill.background()
    values.major_tick_mark = XL_TICK_MARK.NONE
    values.tick_labels.number_format = plan.format.excel()
    values.tick_labels.number_format_is_linked = False
    values.tick_labels.font.size = Pt(shape.size)
    values.tick_labels.font.color.rgb = _rgb(shape.muted)
    if plan.unit:
        values.has_title = True
        values.axis_title.text_frame.text = plan.unit
        run = values.axis_title.text_frame.paragraphs[0].runs[0]
        run.font.size = Pt(shape.size)
        run.font.bold = False
        run.font.color.rgb = _rgb(shape.muted)
        ooxml.set_upright(values.axis_title.text_frame._txBody.bodyPr)
    categories = chart.category_axis
    categories.major_tick_mark = XL_TICK_MARK.NONE
    categories.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # below (beside) the plot, not at zero
    categories.format.line.color.rgb = _rgb(shape.text_color)
    categories.tick_labels.font.size = Pt(shape.size)
    categories.tick_labels.font.color.rgb = _rgb(shape.text_color)
    if plan.kind == "bar":  # the first category on top, as in the table, with the values below
        categories.reverse_order = True
        ooxml.cross_at_maximum(values._element)


def _cycle(colors: tuple[str, ...], count: int) -> list[str]:
    return [colors[i % len(colors)] for i in range(count)]


def _linker(part):  # type: ignore[no-untyped-def]
    """For a slide's part: the relationship id of an external hyperlink to a URL (one per URL)."""

    def link(url: str) -> str:
        return part.relate_to(url, RT.HYPERLINK, is_external=True)

    return link


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())
