"""Charts: a table of numbers planned once and drawn as a native chart in the deck and as SVG in the brief.

In: the chart corpus (``tests/documents/charts-en.md``, ``tests/documents/charts-ja.yaml``: every
shape of table the rules know, in English and Japanese), written once per session through the
console script (``conftest.renders``), and small sources written here.
Out: assertions that a plain ``.chart`` picks the kind each shape calls for; that numbers are read
as the source writes them and written back alike; that a wrong marking is an error at its
``file:line:col`` and an unmarked table of numbers a hint; that each chart of the deck holds the
plan's categories, values and number formats in its XML (the cached values PowerPoint draws) and
in its embedded workbook, with the deck's faces on every text and positive axis ids; that the
brief's text layer holds every label and its structure the chart's alt text; that LibreOffice
draws every chart; and that rebuilds are byte-identical.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from conftest import EXPORTER, ROOT, Rendered
from exporter.charts.plan import ChartPlan, NumberFormat, chart_of
from exporter.model import Table
from exporter.readers import read_source
from exporter.text.numbers import is_gap, read_number
from readback import libreoffice_pdf

CHARTS = [ROOT / "tests" / "documents" / "charts-en.md", ROOT / "tests" / "documents" / "charts-ja.yaml"]

KINDS = {
    "revenue": ("line", False),  # years down the first column, five points
    "regions-by-year": ("line", False),  # a header of periods: each row a series
    "mix": ("pie", False),  # shares summing to 100, a total row left out
    "channels": ("column", True),  # a total column equal to the sum of the others
    "markets": ("bar", False),  # ten categories, long labels
    "products": ("column", False),  # two series; change and note columns left out
    "quarters": ("line", False),  # a key table of quarters, too wide to stand beside its chart
    "results": ("column", False),  # fiscal years, four points: columns
    "quarterly": ("column", False),  # a header of quarters, four points; a change column left out
    "share": ("pie", False),
    "segments": ("column", True),
    "stores": ("bar", False),  # asked for; a note column left out
    "margins": ("column", False),  # one series named; a gap in the other column
}
"""The kind (and stacking) each table of the chart corpus must get."""

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _charts(source: Path) -> list[tuple[Table, ChartPlan]]:
    return [(t, plan) for t in read_source(source).tables() if (plan := chart_of(t)) is not None]


# -- the plan -------------------------------------------------------------------------------


def test_a_plain_chart_picks_a_sensible_kind_for_each_shape() -> None:
    found = {table.id: (plan.kind, plan.stacked) for source in CHARTS for table, plan in _charts(source)}
    assert found == KINDS


def test_totals_changes_notes_and_periods_are_read_as_the_rules_say() -> None:
    plans = {table.id: plan for source in CHARTS for table, plan in _charts(source)}
    assert plans["mix"].categories == ("Cloud", "Devices", "Services")  # the total row left out
    assert [s.name for s in plans["channels"].series] == ["Direct", "Partners", "Online"]  # total column
    assert [s.name for s in plans["products"].series] == ["Score 2024", "Score 2025"]  # no change, no note
    assert plans["regions-by-year"].categories == ("2021", "2022", "2023", "2024", "2025")
    assert [s.name for s in plans["regions-by-year"].series] == ["Americas", "Europe", "Asia"]
    assert plans["revenue"].series[1].values == (100.0, -20.0, 150.0, None, 300.0)  # (20) and a gap
    assert plans["results"].series[1].values[0] == -35.0  # △35
    assert (plans["results"].unit, plans["markets"].unit, plans["stores"].unit) == ("億円", "$bn", "店")
    assert [s.name for s in plans["margins"].series] == ["粗利益率"]


def _table(header: list[str], rows: list[list[str]]) -> Table:
    return Table("t", tuple(header), tuple(tuple(row) for row in rows))


@pytest.mark.parametrize(
    ("header", "rows", "kind", "series"),
    [  # a total row adding up the rows of a table of periods stacks them
        (["Segment", "2022", "2023", "2024"], [["A", "1", "2", "3"], ["B", "2", "2", "2"], ["Total", "3", "4", "5"]],
         ("column", True), ["A", "B"]),
        # a last column near, but not equal to, the sum of the others is a series of its own
        (["Region", "X", "Y", "Z"], [["A", "1", "2", "3"], ["B", "2", "2", "2"]], ("column", False), ["X", "Y", "Z"]),
        # 注文数 (orders) is no note column, 前年差 a change column; 差異 and Notes are left out too
        (["店舗", "注文数", "前年差", "備考"], [["渋谷", "120", "+5", "—"], ["新宿", "98", "-2", "改装"]],
         ("column", False), ["注文数"]),
        # twelve months: a line
        (["Month", "Visits"], [[m, str(i)] for i, m in enumerate(
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])], ("line", False),
         ["Visits"]),
    ],
)  # fmt: skip
def test_small_tables_follow_the_rules(header: list[str], rows: list[list[str]], kind: tuple[str, bool],
                                       series: list[str]) -> None:  # fmt: skip
    from exporter.charts.plan import plan
    from exporter.model import ChartMark

    made = plan(_table(header, rows), ChartMark())
    assert ((made.kind, made.stacked), [s.name for s in made.series]) == (kind, series)


@pytest.mark.parametrize(
    ("text", "value"),
    [("-4.2%", -4.2), ("△623", -623.0), ("▲1.5", -1.5), ("(12)", -12.0), ("$1,200", 1200.0),
     ("3.5億円", 3.5), ("1,234.50", 1234.5), ("12 pt", 12.0), ("42.5%", 42.5)],
)  # fmt: skip
def test_a_number_is_read_and_written_back_as_the_source_wrote_it(text: str, value: float) -> None:
    reading = read_number(text)
    assert reading is not None and reading.value == value
    written = NumberFormat(reading.decimals, reading.grouped, reading.prefix, reading.suffix, reading.negative)
    assert written.text(value) == text


def test_gaps_and_words_are_not_numbers() -> None:
    assert all(is_gap(t) for t in ("n/a", "N/A", "—", "-", "?", "", " "))
    assert [read_number(t) for t in ("abc", "12)", "n/a", "1.2.3")] == [None] * 4


def test_number_formats_never_multiply_by_a_hundred() -> None:
    assert NumberFormat(1, True, "$", "%", "△").excel() == '"$"#,##0.0"%";"△""$"#,##0.0"%"'
    assert NumberFormat(0, False, "", "", "()").excel() == "0;(0)"
    assert "%" not in NumberFormat(2, False, "", "%").excel().replace('"%"', "")


# -- marking --------------------------------------------------------------------------------


def _check(tmp_path: Path, name: str, text: str) -> subprocess.CompletedProcess[str]:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return subprocess.run([EXPORTER, "check", "--strict", source], capture_output=True, text=True, check=False)


MD = """---
meta:
  title: "T"
  date: 2025-01-01
  lang: en
---

## Sales

{#sales %s}
| Region | Sales |
|---|---|
| North | 10 |
| South | 12 |
"""


def test_an_unknown_chart_or_series_is_an_error_at_its_place(tmp_path: Path) -> None:
    run = _check(tmp_path, "a.md", MD % 'chart="donut"')
    assert run.returncode == 2
    assert f"{tmp_path / 'a.md'}:10:9: error: table: unknown chart 'donut'; expected one of: auto, bar," in run.stdout
    run = _check(tmp_path, "b.md", MD % '.chart series="Sales, Cost"')
    assert run.returncode == 2
    assert "error: table 'sales': chart series 'Cost' is not a column; expected one of: 'Sales'" in run.stdout
    yaml = (
        "meta: {title: T, date: 2025-01-01}\nbody:\n  - table: t\n    chart: {type: pie, colour: red}\n"
        "    header: [a, b]\n    rows: [[x, '1'], [y, '2']]\n  - table: u\n    chart: donut\n"
        "    header: [a, b]\n    rows: [[x, '1']]\n"
    )
    run = _check(tmp_path, "c.yaml", yaml)
    assert run.returncode == 2
    assert f"{tmp_path / 'c.yaml'}:4:24: error: table 'chart': unknown key 'colour'" in run.stdout
    assert f"{tmp_path / 'c.yaml'}:8:12: error: table 'chart': unknown chart 'donut'" in run.stdout


def test_an_unmarked_table_of_numbers_is_a_hint_that_fails_no_check(tmp_path: Path) -> None:
    run = _check(tmp_path, "a.md", MD % "")
    assert run.returncode == 0, run.stdout
    assert "11:1: hint: table 'sales' holds numbers: mark it .chart" in run.stdout
    marked = _check(tmp_path, "b.md", MD % ".chart")
    assert (marked.returncode, marked.stdout) == (0, "")


def test_a_marked_table_without_numbers_is_warned_about_and_stays_a_table(tmp_path: Path) -> None:
    run = _check(tmp_path, "a.md", (MD % ".chart").replace("| 10 |", "| ten |").replace("| 12 |", "| twelve |"))
    assert run.returncode == 1
    assert "10:9: warning: table 'sales' cannot be drawn as a chart: it has no column of numbers" in run.stdout


# -- the deck -------------------------------------------------------------------------------


@pytest.fixture(params=CHARTS, ids=lambda path: path.name)
def rendered(request: pytest.FixtureRequest, renders: Callable[[Path], Rendered]) -> tuple[Path, Rendered]:
    return request.param, renders(request.param)


def _chart_parts(deck: Path) -> list[tuple[etree._Element, zipfile.ZipFile]]:
    """Each chart of the deck in slide order: its XML, and its embedded workbook."""
    package = zipfile.ZipFile(deck)
    parts = []
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                part = shape.chart.part
                xml = etree.fromstring(package.read(str(part.partname).lstrip("/")))
                workbook = zipfile.ZipFile(io.BytesIO(part.chart_workbook.xlsx_part.blob))
                parts.append((xml, workbook))
    return parts


def _sheet(workbook: zipfile.ZipFile) -> dict[str, str]:
    """The embedded workbook's cells by reference (``B2``), shared strings resolved."""
    strings = [
        "".join(t.text or "" for t in si.iter(f"{S}t"))
        for si in etree.fromstring(workbook.read("xl/sharedStrings.xml")).iter(f"{S}si")
    ]
    cells = {}
    for cell in etree.fromstring(workbook.read("xl/worksheets/sheet1.xml")).iter(f"{S}c"):
        value = cell.findtext(f"{S}v")
        cells[cell.get("r")] = strings[int(value)] if cell.get("t") == "s" else value
    return cells


def _kind(xml: etree._Element) -> tuple[str, bool]:
    plot = xml.find(f"{C}chart/{C}plotArea")
    if plot.find(f"{C}pieChart") is not None:
        return "pie", False
    if plot.find(f"{C}lineChart") is not None:
        return "line", False
    bar = plot.find(f"{C}barChart")
    direction = "bar" if bar.find(f"{C}barDir").get("val") == "bar" else "column"
    return direction, bar.find(f"{C}grouping").get("val") == "stacked"


def test_each_chart_holds_the_plans_values_in_its_xml_and_its_workbook(rendered: tuple[Path, Rendered]) -> None:
    source, files = rendered
    plans = _charts(source)
    parts = _chart_parts(files.deck)
    assert len(parts) == len(plans)
    for (table, plan), (xml, workbook) in zip(plans, parts, strict=True):
        assert _kind(xml) == (plan.kind, plan.stacked), table.id
        series = xml.findall(f".//{C}ser")
        assert len(series) == len(plan.series), table.id
        cells = _sheet(workbook)
        for column, (ser, planned) in enumerate(zip(series, plan.series, strict=True)):
            letter = "BCDEFGHIJKLMNOPQRSTU"[column]
            categories = [pt.findtext(f"{C}v") for pt in ser.find(f"{C}cat").iter(f"{C}pt")]
            assert ser.findtext(f"{C}tx//{C}v") == planned.name
            assert tuple(categories) == plan.categories, table.id
            cached = {int(pt.get("idx")): float(pt.findtext(f"{C}v")) for pt in ser.find(f"{C}val").iter(f"{C}pt")}
            wanted = {i: v for i, v in enumerate(planned.values) if v is not None}
            assert cached == wanted, table.id  # what PowerPoint draws
            assert cells[f"{letter}1"] == planned.name
            column_cells = [cells.get(f"{letter}{i + 2}") for i in range(len(plan.categories))]
            stored = {i: float(value) for i, value in enumerate(column_cells) if value is not None}
            assert stored == wanted, table.id  # what the executive edits
            assert [cells[f"A{i + 2}"] for i in range(len(plan.categories))] == list(plan.categories)
            if plan.labels:
                assert ser.find(f"{C}dLbls/{C}numFmt").get("formatCode") == planned.format.excel()


def test_every_chart_text_has_the_decks_faces_and_every_axis_a_positive_id(rendered: tuple[Path, Rendered]) -> None:
    _, files = rendered
    for xml, workbook in _chart_parts(files.deck):
        properties = [*xml.iter(f"{A}defRPr"), *xml.iter(f"{A}rPr")]
        assert properties
        for rpr in properties:
            assert rpr.find(f"{A}ea").get("typeface") and rpr.find(f"{A}latin").get("typeface"), etree.tostring(rpr)
        ids = [int(e.get("val")) for tag in ("axId", "crossAx") for e in xml.iter(f"{C}{tag}")]
        assert all(i > 0 for i in ids)
        if _kind(xml)[0] == "bar":  # categories top to bottom, as in the table
            assert xml.find(f".//{C}catAx/{C}scaling/{C}orientation").get("val") == "maxMin"
        created = etree.fromstring(workbook.read("docProps/core.xml")).findtext("{http://purl.org/dc/terms/}created")
        assert created == "2025-11-20T00:00:00Z"  # the source's date, not the moment it was written


def test_a_rebuilt_deck_and_brief_are_byte_identical(tmp_path: Path) -> None:
    source = CHARTS[1]
    for name in ("one", "two"):
        for command, suffix in (("slides", "pptx"), ("pdf", "pdf")):
            out = tmp_path / f"{name}.{suffix}"
            subprocess.run([EXPORTER, command, source, "-o", out], check=True, capture_output=True)
        time.sleep(1.1)  # a workbook dated by the clock would differ
    assert (tmp_path / "one.pptx").read_bytes() == (tmp_path / "two.pptx").read_bytes()
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()


# -- the brief ------------------------------------------------------------------------------


def _labels(plan: ChartPlan) -> list[str]:
    """Every text the chart prints: labelled values, categories, series names (in a legend) and the unit."""
    texts = [s.format.text(v) for i, s in enumerate(plan.series) for p, v in enumerate(s.values) if plan.labelled(i, p)]
    texts += list(plan.categories)
    texts += [s.name for s in plan.series] if plan.legend else []
    return texts + ([plan.unit] if plan.unit else [])


def test_every_label_is_text_in_the_briefs_text_layer(rendered: tuple[Path, Rendered]) -> None:
    """Each chart's labels are words of the page as many times as the charts and tables print them."""
    import pdfplumber

    source, files = rendered
    document = read_source(source)
    with pdfplumber.open(files.pdf) as pdf:
        words = Counter(w["text"] for page in pdf.pages for w in page.extract_words(x_tolerance=1.5))
    wanted: Counter[str] = Counter()
    for _, plan in _charts(source):
        wanted.update(word for text in _labels(plan) for word in text.split())
    for table in document.tables():
        wanted.update(word for row in (table.header, *table.rows) for cell in row for word in cell.split())
    missing = {text: (words[text], count) for text, count in wanted.items() if text and words[text] < count}
    assert missing == {}


def test_each_chart_is_a_figure_with_alt_text_from_its_headline_and_data(rendered: tuple[Path, Rendered]) -> None:
    from pypdf import PdfReader

    source, files = rendered
    alts = []
    stack = [PdfReader(str(files.pdf)).trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        if node.get("/S") == "/Figure" and "/Alt" in node:
            alts.append(str(node["/Alt"]))
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
        stack += [k.get_object() for k in kids if hasattr(k, "get_object") and hasattr(k.get_object(), "get")]
    for table, plan in _charts(source):
        assert any(alt.startswith(plan.title) and plan.series[0].name in alt for alt in alts), table.id


# -- a real client --------------------------------------------------------------------------


def test_libreoffice_draws_every_chart_with_its_labels(rendered: tuple[Path, Rendered], tmp_path: Path) -> None:
    from pypdf import PdfReader

    source, files = rendered
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is required: make test installs it"
    pages = [page.extract_text() for page in PdfReader(str(libreoffice_pdf(soffice, files.deck, tmp_path))).pages]
    slides = [s for s in Presentation(str(files.deck)).slides]
    chart_pages = [re.sub(r"\s+", "", pages[n]) for n, s in enumerate(slides) if any(sh.has_chart for sh in s.shapes)]
    plans = _charts(source)
    assert len(chart_pages) == len(plans)
    for (table, plan), text in zip(plans, chart_pages, strict=True):
        values = [
            s.format.text(v) for i, s in enumerate(plan.series) for p, v in enumerate(s.values) if plan.labelled(i, p)
        ]
        missing = [t for t in [*values, *plan.categories] if re.sub(r"\s+", "", t) not in text]
        assert missing == [], table.id


def test_markup_in_a_table_is_text_in_the_svg_and_a_long_table_stays_a_table() -> None:
    from exporter.charts.plan import chart_problem, palette, plan
    from exporter.charts.svg import Colours, svg
    from exporter.model import ChartMark

    hostile = Table("t", ("Name <b>", "Value"), (('<script>&"x"', "1"), ("{{ y }}", "2")), headline="a <i>")
    drawn = svg(plan(hostile, ChartMark()), Colours(palette("#000000", "#111111", "#222222"), "#000000",
                "#333333", "#444444", "#FFFFFF"), 'Noto "x"', 400)  # fmt: skip
    root = etree.fromstring(drawn)  # well-formed: every text escaped
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert '<script>&"x"' in texts and "{{ y }}" in texts
    assert root.findtext("{http://www.w3.org/2000/svg}title").startswith("a <i>")
    long = Table("t", ("Name", "Value"), tuple((f"n{i}", str(i)) for i in range(41)), chart=ChartMark())
    assert chart_of(long) is None
    assert chart_problem(long) == "it has 41 categories and 1 series; a chart shows at most 40 and 10"


# -- the chart patches, as exact XML --------------------------------------------------------

_NS = 'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ' \
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'  # fmt: skip


def _xml(text: str) -> etree._Element:
    return etree.fromstring(f"<c:root {_NS}>{text}</c:root>")


def _inner(element: etree._Element) -> str:
    return re.sub(r' xmlns:\w+="[^"]+"', "", "".join(etree.tostring(child, encoding="unicode") for child in element))


def test_axis_ids_are_renumbered_positive_and_still_cross() -> None:
    from exporter.slides.ooxml import positive_axis_ids

    root = _xml('<c:catAx><c:axId val="-21"/><c:crossAx val="-7"/></c:catAx>'
                '<c:valAx><c:axId val="-7"/><c:crossAx val="-21"/></c:valAx>')  # fmt: skip
    positive_axis_ids(root)
    assert _inner(root) == (
        '<c:catAx><c:axId val="50000000"/><c:crossAx val="50000100"/></c:catAx>'
        '<c:valAx><c:axId val="50000100"/><c:crossAx val="50000000"/></c:valAx>'
    )


def test_chart_text_gets_the_decks_faces_in_schema_order() -> None:
    from exporter.slides.ooxml import set_chart_faces

    root = _xml('<a:defRPr sz="1200"><a:solidFill/><a:latin typeface="Calibri"/><a:hlinkClick/></a:defRPr>')
    set_chart_faces(root, "Yu Gothic", "Yu Gothic", "ja-JP")
    assert _inner(root) == (
        '<a:defRPr sz="1200" lang="ja-JP"><a:solidFill/><a:latin typeface="Yu Gothic"/>'
        '<a:ea typeface="Yu Gothic"/><a:cs typeface="Yu Gothic"/><a:hlinkClick/></a:defRPr>'
    )


def test_hidden_labels_separator_and_crossing_are_written_where_the_schema_wants_them() -> None:
    from exporter.slides.ooxml import cross_at_maximum, hide_point_labels, set_label_separator

    ser = _xml("<c:dLbls><c:numFmt/><c:showVal val='1'/><c:showLeaderLines val='1'/></c:dLbls>")
    hide_point_labels(ser, [0, 2])
    set_label_separator(ser[0], "\n")
    assert _inner(ser) == (
        '<c:dLbls><c:dLbl><c:idx val="0"/><c:delete val="1"/></c:dLbl><c:dLbl><c:idx val="2"/><c:delete val="1"/>'
        '</c:dLbl><c:numFmt/><c:showVal val="1"/><c:separator>\n</c:separator><c:showLeaderLines val="1"/></c:dLbls>'
    )
    axis = _xml('<c:valAx><c:crossAx val="1"/><c:crosses val="autoZero"/><c:crossBetween/></c:valAx>')
    cross_at_maximum(axis[0])
    assert _inner(axis) == '<c:valAx><c:crossAx val="1"/><c:crosses val="max"/><c:crossBetween/></c:valAx>'
