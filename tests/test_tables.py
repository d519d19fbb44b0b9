"""Tables in the brief: widths from the content, smaller sizes, landscape pages and split columns.

In: the tables of the article and of ``tests/documents``, laid out by ``exporter.pdf.tables`` and
rendered by ``exporter pdf``.
Out: assertions that every word and number of every cell is in the PDF's text layer unbroken,
that numeric columns are right-aligned, and that the layout keeps its own promises.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from conftest import CORPUS, Rendered
from exporter.model import Table, around_formulas
from exporter.pdf.tables import LANDSCAPE_MM, PORTRAIT_MM, SMALLEST_SIZE, layout
from exporter.readers import read_source as load
from readback import pdf_text

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = CORPUS
WIDE = ROOT / "tests" / "documents" / "wide-tables.yaml"
_TOKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,%$()/+\-]*[0-9A-Za-z%)]|[0-9A-Za-z]")


@pytest.fixture(params=DOCUMENTS, ids=lambda path: path.stem)
def rendered(request: pytest.FixtureRequest, renders: Callable[[Path], Rendered]) -> tuple[Path, Path]:
    return request.param, renders(request.param).pdf


def test_every_word_and_number_of_every_cell_is_unbroken(rendered: tuple[Path, Path]) -> None:
    source, pdf = rendered
    text = pdf_text(pdf)
    missing = [
        token
        for table in load(source).tables()
        for row in (table.header, *table.rows)
        for cell in row
        for part in around_formulas(cell)  # a formula is typeset: the words around it
        for token in _TOKEN.findall(part)
        if token not in text
    ]
    assert missing == []


def test_numbers_are_right_aligned(tmp_path: Path) -> None:
    out = tmp_path / "wide.pdf"
    subprocess.run([Path(sys.executable).parent / "exporter", "pdf", WIDE, "-o", out], check=True)
    with pdfplumber.open(out) as pdf:
        words = pdf.pages[0].extract_words()
    numbers = [w for w in words if re.fullmatch(r"\d{3,4}", w["text"]) and w["text"] != "2026"]  # not the date's year
    right_edges = {round(w["x1"]) for w in numbers}  # the Tokens/s column
    assert len(right_edges) <= 2, right_edges


def _widths_fit(table: Table) -> None:
    plan = layout(table, 9)
    assert plan.size >= SMALLEST_SIZE
    for part in plan.parts:
        assert part.columns[0] == 0
        assert abs(sum(part.widths) - 100) < 0.05
        assert all(w > 0 for w in part.widths)
    shown = [c for part in plan.parts for c in part.columns[1:]]
    assert shown == list(range(1, len(table.header)))  # every column once, in order, beside the first


@pytest.mark.parametrize("source", DOCUMENTS, ids=lambda path: path.stem)
def test_every_table_is_laid_out_whole(source: Path) -> None:
    for table in load(source).tables():
        _widths_fit(table)


def test_wider_tables_step_down_then_turn_the_page_then_split() -> None:
    models, monthly, samples = load(WIDE).tables()
    assert not layout(models, 9).landscape and len(layout(models, 9).parts) == 1
    assert layout(monthly, 9).landscape and len(layout(monthly, 9).parts) == 1
    split = layout(samples, 9)
    assert split.landscape and split.size == SMALLEST_SIZE and len(split.parts) > 1
    sizes = [len(part.columns) for part in split.parts]
    assert max(sizes) - min(sizes) <= 1  # the columns are shared evenly
    assert PORTRAIT_MM < LANDSCAPE_MM


def test_a_column_of_numbers_is_numeric_and_of_words_is_not() -> None:
    table = Table("t", ("Name", "Count", "Share", "Mixed"), (("a", "1,200", "12.5%", "3"), ("b", "−4", "—", "n/a")))
    assert layout(table, 9).numeric == (False, True, True, False)
    japanese = Table("t", ("項目", "前年差", "為替"), (("売上", "△623", "▲1.2%"), ("利益", "1.5億", "+35 bp")))
    assert layout(japanese, 9).numeric == (False, True, True)  # △ and ▲ are the minus of Japanese accounts


@pytest.mark.parametrize(
    "lengths", [[1] * 17, [3, *[1] * 15, 200], [5], [10, 3], [1] * 20, [40] * 20, [900], [900, 900, 1]]
)
def test_any_shape_of_table_gets_positive_widths_that_fill_the_line(lengths: list[int]) -> None:
    header = tuple(f"H{i}" for i in range(len(lengths)))
    rows = (tuple("x" * n for n in lengths), tuple("語" * n for n in lengths), tuple("7ع3" * n for n in lengths))
    _widths_fit(Table("t", header, rows))


def test_what_follows_a_landscape_table_returns_to_portrait(renders: Callable[[Path], Rendered]) -> None:
    """The storage benchmark's 12-column table has a landscape page; its next section does not."""
    pdf = renders(ROOT / "tests" / "documents" / "storage-benchmark.md").pdf
    with pdfplumber.open(pdf) as document:
        shapes = [(page.width > page.height, page.extract_text() or "") for page in document.pages]
    assert any(wide and "Monthly cost for 100 TB" in text for wide, text in shapes)
    [(wide, _)] = [(wide, text) for wide, text in shapes if "Recommendations" in text]
    assert not wide


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("$500.0 billion", True), ("97 億円", True), ("3.5億円", True), ("4.1 ms", True), ("38 MB", True),
        ("1.2 PB", True), ("+21%", True), ("△623", True), ("(12)", True), ("8주", True), ("3 个", True),
        ("—", True), ("Q3", False), ("GPT-5.1", False), ("Llama 3", False), ("v2.1", False), ("x86", False),
    ],
)  # fmt: skip
def test_a_number_with_its_unit_or_magnitude_is_a_number_and_a_name_with_digits_is_not(cell: str, number: bool) -> None:
    """``numbers.is_number``: a column of such cells is right-aligned in both files."""
    from exporter.text.numbers import is_number, numeric_columns

    assert is_number(cell) is number
    table = Table("t", ("Item", "Value"), (("a", cell), ("b", "12")))
    assert numeric_columns(table) == (False, number)
