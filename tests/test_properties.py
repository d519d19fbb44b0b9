"""Property tests (Hypothesis): random sources through the reader and both renderers.

Valid documents — CJK, emoji, right-to-left scripts, combining marks, empty cells and
very long strings, many rows and columns — are written as YAML files, read with
``exporter.readers.read_source`` and rendered to a PDF and a deck; each run gives a file whose
text reads back, or a clean ``ExporterError``. Broken documents always give a
``SourceError`` whose every problem has a line and a column.

The PDF is read back with PDFium: when a face lacks a glyph, WeasyPrint writes a custom
CMap that pypdf and pdfminer decode wrongly (every character of that face comes back
garbled), while PDFium reads it correctly. Right-to-left runs come back in visual
order, so texts are compared as multisets of characters (every character given is
found), and short texts outside table cells that are not reordered by bidi also as
whole strings.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from exporter.errors import ExporterError, SourceError
from exporter.lint import DECK_REFUSED, check
from exporter.model import Quote
from exporter.pdf import write_pdf
from exporter.readers import read_source, yamlnodes
from exporter.readers.inline import parse_string
from exporter.slides import write_slides
from exporter.text.metrics import covered
from exporter.theme import load_theme
from readback import deck_text, pdf_text, powerpoint_findings

RENDER = settings(
    phases=(Phase.explicit, Phase.reuse, Phase.generate),  # a render takes ~1 s: no minutes of shrinking
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PARSE = settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

THEME = load_theme()

_SCRIPTS = (
    "日本語の文章を書きます。漢字かなカナ、「引用」・〜中国語简体字한국어",
    "Latin text, digits 0123456789 and punctuation: ()[]{}<>&\"'/\\#%@!?",
    "😀👍🏽👨\u200d👩\u200d👧🇯🇵♨\ufe0f🎉",
    "مرحبا بالعالم שלום עולם",
    "a\u0301e\u0308n\u0303q\u0307\u0323ᄀ\u1161",
    "\u200b\u200d\u200e\u202e\u2066\u2069",
    " \t\n",
)
_ALPHABET = "".join(_SCRIPTS)

_short = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=30)
_long = st.builds(
    lambda piece, count: piece * count, st.text(alphabet=st.sampled_from(_ALPHABET), max_size=8), st.integers(30, 200)
)
_any_text = st.one_of(_short, _short, _long)
_text = _any_text.filter(lambda s: s.strip())
"""A text YAML keeps and the reader accepts: not empty, not only white space."""
_title = st.one_of(_short, _short, _short, _short, _long).filter(lambda s: s.strip())
"""A title: mostly short, sometimes far too long for a slide (which the deck must refuse cleanly)."""
_WORDS = (
    "基幹システム", "の", "クラウド移行", "プログラム", "中間報告", ":", "Kubernetes", "基盤への", "段階移行と",
    "FinOps", "体制の", "立ち上げ", "効果検証", "、", "Regional", "Operating", "Results", "for", "the", "Fiscal",
    "Year", "2026", "Revenue,", "Margin", "and", "Cash", "Amazon EKS", "上の", "g6.2xlarge", "(計画ベース)",
)  # fmt: skip
_mixed = (
    st.lists(st.sampled_from(_WORDS), min_size=8, max_size=30)
    .map(lambda words: "".join(f"{w} " if w.isascii() else w for w in words).strip())
    .filter(lambda s: 60 <= len(s.strip()) <= 120)
)
"""A title or heading of 60 to 120 characters in Japanese and English words mixed, as real reports have."""
_title = st.one_of(_title, _mixed)
_value = st.one_of(st.sampled_from(["1", "38.7%", "約12兆3,400億円", "$4,812.6m", "−140 bp"]), _mixed, _short)
"""A figure's value: a number as written, or a long phrase of words."""
_label = st.one_of(st.sampled_from([":", "\uff1a", "この戦略のポイント:"]), _short.filter(lambda s: s.strip()))
"""A quote's or a list's lead-in: only a colon, a text ending in one, or any short text."""


def q(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escapes, plus YAML's own line breaks)."""
    dumped = json.dumps(text, ensure_ascii=False)
    return dumped.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\x85")


class _InCell(str):
    """A text set in a table cell: a PDF reader gives back the lines of a row's cells
    interleaved, so only its characters are compared, not the whole string."""


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A valid source as YAML text, and every text it holds (a running text — paragraph, quote,
    list item, cell — as its inline markup leaves it: ``a \\* b`` shows ``a * b``)."""
    texts: list[str] = []

    def text(strategy: st.SearchStrategy[str] = _text, in_cell: bool = False, running: bool = True) -> str:
        value = draw(strategy)
        shown = str(parse_string(value, lambda line, message: None)) if running else value
        texts.append(_InCell(shown) if in_cell else shown)
        return q(value)

    lines = ["meta:", f"  title: {text(_title, running=False)}", "  date: 2025-12-08"]
    figures = draw(st.integers(0, 9))
    if figures:
        lines += ["summary:", "  figures:"]
        for _ in range(figures):
            lines += [f"    - value: {text(_value.filter(str.strip), running=False)}",
                      f"      label: {text(_title, running=False)}"]  # fmt: skip
    lines.append("body:")
    for _ in range(draw(st.integers(0, 3))):
        lines.append(f"  - {text()}")
    if draw(st.booleans()):
        lines.append("  - list: [" + ", ".join(text() for _ in range(draw(st.integers(1, 5)))) + "]")
    for number in range(draw(st.integers(0, 2))):
        columns = draw(st.one_of(st.integers(1, 6), st.integers(7, 12)))  # wide tables split their columns
        lines += [f"  - table: t{number}", f"    key: {draw(st.sampled_from(['true', 'false']))}"]
        if draw(st.booleans()):
            lines.append(f"    headline: {text(_title, running=False)}")
        header = _short.filter(lambda s: s.strip())  # a header repeats on every page: short by rule
        lines.append("    header: [" + ", ".join(text(header, in_cell=True) for _ in range(columns)) + "]")
        lines.append("    rows:")
        count = draw(st.one_of(st.integers(1, 12), st.integers(1, 12), st.integers(100, 130)))
        cell = _any_text if count <= 12 else _short  # a long table's rows: short cells
        for _ in range(count):
            lines.append("      - [" + ", ".join(text(cell, in_cell=True) for _ in range(columns)) + "]")
    for _ in range(draw(st.integers(1, 2))):
        lines += [f"  - section: {text(_title, running=False)}", "    body:", f"      - {text()}"]
        for _ in range(draw(st.integers(0, 2))):
            lines.append(f"      - quote: {text()}")
            if draw(st.booleans()):
                lines.append(f"        label: {text(_label, running=False)}")
        if draw(st.booleans()):
            lines.append("      - list: [" + ", ".join(text() for _ in range(draw(st.integers(1, 4)))) + "]")
            if draw(st.booleans()):
                lines.append(f"        label: {text(_label, running=False)}")
    return "\n".join(lines) + "\n", texts


def _write(tmp: Path, yaml_text: str) -> Path:
    path = tmp / "doc.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    return path


def _visible(text: str) -> str:
    """What a reader can give back: base characters (combining marks are shaped into their base,
    or stacked marks into one glyph), without white space, format characters and U+FE0F;
    mirrored characters ('(' and ')') as one, since right-to-left runs show them mirrored."""
    text = unicodedata.normalize("NFD", text)
    return "".join(
        "⇄" if unicodedata.mirrored(c) else c
        for c in text
        if not c.isspace() and unicodedata.category(c) not in ("Cf", "Mn", "Mc", "Me") and c != "\ufe0f"
    )


def _chars(text: str) -> str:
    """The visible characters the bundled faces draw (``exporter check`` warns about the others)."""
    return "".join(c for c in _visible(text) if covered(c))


_REORDERING = ("R", "AL", "RLE", "LRE", "RLO", "LRO", "RLI", "LRI", "FSI", "PDF", "PDI")
"""Bidi classes that change the visual order: right-to-left letters, embeddings, overrides, isolates."""


def _rtl(text: str) -> bool:
    """Whether ``text`` may be drawn in another order than written (so only its characters compare)."""
    return any(unicodedata.bidirectional(c) in _REORDERING for c in text)


_UNSPLIT = 100
"""Texts up to this long are never split by a page break (headers and footers come between pages)."""


def _assert_reads_back(given: list[str], found: str) -> None:
    found = _visible(found)
    assert not Counter(_chars("".join(given))) - Counter(found)
    for text in given:
        whole = len(text) <= _UNSPLIT and not isinstance(text, _InCell) and not _rtl(text)
        if whole and _chars(text) == _visible(text):
            assert _chars(text) in found


TALLY: Counter[str] = Counter()
"""Cases tried and held per property, printed by the last test (run with -s to see them)."""


@RENDER
@given(documents())
def test_random_documents_render_to_a_pdf_that_reads_back(case: tuple[str, list[str]]) -> None:
    yaml_text, texts = case
    TALLY["pdf tried"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        document = read_source(_write(Path(tmp), yaml_text))
        out = Path(tmp) / "out.pdf"
        try:
            pages, size = write_pdf(document, THEME, Path(tmp), out)
        except ExporterError:
            TALLY["pdf clean error"] += 1
            return
        assert pages >= 1 and size == out.stat().st_size
        _assert_reads_back([t for t in texts if t.strip()], pdf_text(out))
    TALLY["pdf held"] += 1


@RENDER
@given(documents())
def test_random_documents_render_to_a_deck_that_reads_back(case: tuple[str, list[str]]) -> None:
    """A deck that reads back and passes PowerPoint's validation, or a clean refusal — and
    ``exporter check`` says beforehand which of the two it will be."""
    yaml_text, _ = case
    TALLY["deck tried"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), yaml_text)
        document = read_source(path)
        foretold = [p for p in check(path, THEME) if DECK_REFUSED in p.message]
        out = Path(tmp) / "out.pptx"
        try:
            slides, size = write_slides(document, THEME, out)
        except ExporterError as error:
            assert foretold, f"exporter check did not foresee: {error}"
            pos = getattr(error, "pos", None)
            if pos is not None:  # check names the node the deck stopped at
                assert (pos.line, pos.column) in {(p.line, p.column) for p in foretold}, str(error)
            TALLY["deck clean error"] += 1
            return
        assert not foretold
        assert slides >= 1 and size == out.stat().st_size
        texts = [document.meta.title]
        for table in document.tables():
            if table.key:
                texts += [*table.header, *(cell for row in table.rows for cell in row)]
        texts += [p for block in document.blocks() if isinstance(block, Quote) for p in block.paragraphs]
        _assert_reads_back([t for t in texts if t.strip()], deck_text(out, notes=True))
        assert powerpoint_findings(out) == []
    TALLY["deck held"] += 1


_BROKEN = (
    ("unknown key", lambda y: y.replace("  date:", "  dat:", 1)),
    ("missing key", lambda y: y.replace("  date: 2025-12-08\n", "", 1)),
    ("wrong type", lambda y: y.replace("body:\n", "body: 3\nextra:\n", 1)),
    ("tag", lambda y: y.replace("  date:", "  subtitle: !!python/object:os.system x\n  date:", 1)),
    ("unclosed quote", lambda y: y.replace("  date:", '  subtitle: "open\n  date:', 1)),
    ("tab indent", lambda y: y.replace("  date:", "\tdate:", 1)),
    ("alias", lambda y: y.replace("  date:", "  subtitle: &a x\n  author: *a\n  date:", 1)),
)


def _assert_positioned(error: SourceError, yaml_text: str) -> None:
    assert error.problems
    for problem in error.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.line <= yaml_text.count("\n") + 2
        assert re.fullmatch(r".+:\d+:\d+: error: .+", str(problem), re.S)


@PARSE
@given(documents(), st.sampled_from(_BROKEN))
def test_broken_documents_give_positioned_errors(case: tuple[str, list[str]], broken) -> None:  # type: ignore[no-untyped-def]
    yaml_text = broken[1](case[0])
    TALLY["broken tried"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), yaml_text)
        try:
            read_source(path)
        except SourceError as error:
            _assert_positioned(error, yaml_text)
        else:
            raise AssertionError(f"{broken[0]}: no error")
    TALLY["broken held"] += 1


_JUNK = st.text(alphabet=st.sampled_from(":-[]{}\"'#&*!|>%@`, \n\t\\x"), max_size=4)
"""A few characters that mean something to YAML."""


def _mangled(yaml_text: str, where: int, junk: str) -> str:
    """``yaml_text`` with ``junk`` written over it at ``where`` (taken modulo its length)."""
    at = where % (len(yaml_text) + 1)
    return yaml_text[:at] + junk + yaml_text[at + len(junk) // 2 :]


@PARSE
@given(documents(), st.integers(0, 10**6), _JUNK)
def test_mangled_documents_load_or_give_positioned_errors(case: tuple[str, list[str]], where: int, junk: str) -> None:
    yaml_text = _mangled(case[0], where, junk)
    TALLY["mangled tried"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        try:
            read_source(_write(Path(tmp), yaml_text))
        except SourceError as error:
            _assert_positioned(error, yaml_text)
            TALLY["mangled error"] += 1
    TALLY["mangled held"] += 1


def _outcome(yaml_text: str, libyaml: bool) -> object:
    """The node tree (tags, values, positions) and problems, or the error, of one parser."""

    def tree(node):  # type: ignore[no-untyped-def]
        if node is None:
            return None
        mark = (node.tag, node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
        if isinstance(node.value, str):
            return (*mark, node.value)
        if node.value and isinstance(node.value[0], tuple):
            return (*mark, [(tree(key), tree(value)) for key, value in node.value])
        return (*mark, [tree(item) for item in node.value])

    try:
        node, loader = yamlnodes._compose(yaml_text, "doc.yaml", libyaml=libyaml)
    except SourceError as error:
        return str(error)
    return tree(node), [str(problem) for problem in loader.problems]


@PARSE
@given(documents(), st.integers(0, 10**6), _JUNK)
def test_libyaml_and_pyyaml_compose_the_same(case: tuple[str, list[str]], where: int, junk: str) -> None:
    """The fast parser (libyaml) gives exactly what PyYAML gives: the same tree, or the same error."""
    yaml_text = _mangled(case[0], where, junk)
    TALLY["libyaml tried"] += 1
    assert _outcome(yaml_text, libyaml=True) == _outcome(yaml_text, libyaml=False)
    TALLY["libyaml same"] += 1


def test_zz_report_tally() -> None:
    """Print the cases tried and held (the properties above run first, in file order)."""
    print("\nHypothesis cases:", dict(sorted(TALLY.items())))
