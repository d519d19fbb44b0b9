"""Write a planned chart with python-pptx: a chart part, its graphic frame and its embedded workbook.

In: a slide's shape tree and part, a ``ChartShape`` (its ``ChartPlan``, colours and sizes), the
deck's date and faces.
Out: the chart on the slide — python-pptx's chart XML and the workbook XlsxWriter writes (dated
like the deck, so rebuilds give the same bytes), styled through python-pptx's chart API: each
series (each slice) in its colour, labels in the source's number formats, the value axis on the
plan's scale with the unit upright beside it, horizontal bars top to bottom as in the table — and
``exporter.slides.ooxml``'s chart patches (positive axis ids, the deck's faces on every text,
hidden labels, the pie's label separator). Imported by ``exporter.slides.pptx`` only for a deck
with a chart: XlsxWriter takes some 30 ms to import.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

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
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.shapes.graphfrm import CT_GraphicalObjectFrame
from pptx.parts.chart import ChartPart
from pptx.util import Emu, Pt

from exporter.charts.plan import ChartPlan, on_color
from exporter.slides import ooxml
from exporter.slides.shapes import ChartShape


def add_chart(tree, shape_id: int, shape: ChartShape, part, created: dt.datetime, faces: tuple[str, str, str]):  # type: ignore[no-untyped-def]
    """Append to ``tree`` (of the slide whose part is ``part``) a graphic frame with the native chart
    of ``shape``'s plan and its workbook dated ``created``, and return the frame; ``faces`` are the
    deck's latin and East Asian faces and its language tag."""
    plan = shape.plan
    data = _ChartData(created)
    data.categories = plan.categories
    for series in plan.series:
        data.add_series(series.name, series.values, series.format.excel())
    chart_part = ChartPart.new(_chart_type(plan), data, part.package)
    relationship = part.relate_to(chart_part, RT.CHART)
    frame = CT_GraphicalObjectFrame.new_chart_graphicFrame(shape_id, "", relationship, *(Emu(v) for v in shape.frame))
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
    ooxml.set_chart_faces(space, *faces)
    return frame


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


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())
