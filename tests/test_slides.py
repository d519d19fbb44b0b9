"""The slides renderer: the plan, the written deck read back, a real client, the command.

In: source/article.yaml, a synthetic long table, the bundled fonts, LibreOffice if installed.
Out: pass/fail. The deck is read back with python-pptx and measured again with the
same metrics the planner used; LibreOffice converts it to PDF as a real client.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from exporter.model import BulletList, Document, Figure, Meta, Paragraph, Quote, Section, Summary, Table
from exporter.readers import read_source
from exporter.slides import fit, grid, shapes, write_slides
from exporter.slides.plan import plan_deck
from exporter.text import metrics
from exporter.text.phrases import phrases, short_title
from exporter.theme import load_theme
from readback import libreoffice_pdf, powerpoint_findings

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "source" / "article.yaml"
GOLDEN = ROOT / "tests" / "golden" / "slides_plan.json"
EXPORTER = Path(sys.executable).with_name("exporter")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


@pytest.fixture(scope="module")
def document() -> Document:
    return read_source(ARTICLE)


@pytest.fixture(scope="module")
def theme():  # type: ignore[no-untyped-def]
    return load_theme()


@pytest.fixture(scope="module")
def deck_path(document, theme, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("deck") / "article.pptx"
    count, size = write_slides(document, theme, path)
    assert count == len(Presentation(str(path)).slides)
    assert size == path.stat().st_size
    return path


@pytest.fixture(scope="module")
def long_deck(theme, tmp_path_factory):  # type: ignore[no-untyped-def]
    rows = tuple((f"項目{i}", f"Row {i} の説明:制約が創造を生むという逆説の例 {i}", f"{i * 7}%") for i in range(300))
    table = Table(
        "long",
        ("項目", "説明", "割合"),
        rows,
        caption="長い表",
        headline="三百行の表は続きのスライドに分かれます。",
        key=True,
    )
    meta = Meta("長い表", None, "長い表", dt.date(2025, 1, 2), "ja", "テスト", None)
    document = Document(meta, (), (Section("s", "節", 2, (table,)),))
    path = tmp_path_factory.mktemp("long") / "long.pptx"
    write_slides(document, theme, path)
    return table, path


# -- reading a deck back --------------------------------------------------------------------


def _emu_pt(value: int) -> float:
    return Emu(value).pt


def _lines(p) -> list[tuple[str, float, bool]]:  # type: ignore[no-untyped-def]
    """(text, size, bold) of each line of an a:p, lines split at a:br; runs joined."""
    lines: list[list[tuple[str, float, bool]]] = [[]]
    for child in p:
        if child.tag == qn("a:br"):
            lines.append([])
        elif child.tag in (qn("a:r"), qn("a:fld")):
            rpr = child.find(qn("a:rPr"))
            lines[-1].append((child.find(qn("a:t")).text or "", int(rpr.get("sz")) / 100, rpr.get("b") == "1"))
    return [
        ("".join(t for t, _, _ in line), max((s for _, s, _ in line), default=0), any(b for _, _, b in line))
        for line in lines
        if line
    ]


def _fits_text_frame(shape) -> list[str]:  # type: ignore[no-untyped-def]
    """Problems of one text frame: a line wider than the frame, or text taller than it."""
    body = shape.text_frame._txBody
    body_pr = body.find(qn("a:bodyPr"))
    width = _emu_pt(shape.width - int(body_pr.get("lIns")) - int(body_pr.get("rIns")))
    height = _emu_pt(shape.height - int(body_pr.get("tIns")) - int(body_pr.get("bIns")))
    problems, used = [], 0.0
    for p in body.findall(qn("a:p")):
        ppr = p.find(qn("a:pPr"))
        pitch = int(ppr.find(qn("a:lnSpc")).find(qn("a:spcPts")).get("val")) / 100
        before = int(ppr.find(qn("a:spcBef")).find(qn("a:spcPts")).get("val")) / 100
        indent = _emu_pt(int(ppr.get("marL", "0")))
        lines = _lines(p)
        for text, size, bold in lines:
            measured = metrics.text_width(text.rstrip(), size, "bold" if bold else "regular")
            if measured > width - indent + 0.01:
                problems.append(f"{shape.name}: '{text}' is {measured:.1f} pt wide in {width - indent:.1f} pt")
        used += before + len(lines) * pitch
    if used > height + 0.01:
        problems.append(f"{shape.name}: text is {used:.1f} pt tall in {height:.1f} pt")
    return problems


def _fits_table(shape) -> list[str]:  # type: ignore[no-untyped-def]
    problems = []
    table = shape.table
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            tc_pr = cell._tc.tcPr
            inner = _emu_pt(table.columns[c].width - int(tc_pr.get("marL")) - int(tc_pr.get("marR")))
            p = cell._tc.txBody.find(qn("a:p"))
            pitch = int(p.find(qn("a:pPr")).find(qn("a:lnSpc")).find(qn("a:spcPts")).get("val")) / 100
            lines = _lines(p)
            for text, size, bold in lines:
                measured = metrics.text_width(text.rstrip(), size, "bold" if bold else "regular")
                if measured > inner + 0.01:
                    problems.append(f"{shape.name} r{r}c{c}: '{text}' is {measured:.1f} pt wide in {inner:.1f} pt")
            needed = len(lines) * pitch + _emu_pt(int(tc_pr.get("marT")) + int(tc_pr.get("marB")))
            if needed > _emu_pt(row.height) + 0.01:
                problems.append(f"{shape.name} r{r}c{c}: needs {needed:.1f} pt in a {_emu_pt(row.height):.1f} pt row")
    return problems


def _fit_problems(path: Path) -> list[str]:
    problems = []
    for number, slide in enumerate(Presentation(str(path)).slides, 1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text:
                problems += [f"slide {number}: {p}" for p in _fits_text_frame(shape)]
            if shape.has_table:
                problems += [f"slide {number}: {p}" for p in _fits_table(shape)]
    return problems


def _tables(path: Path) -> dict[str, list]:  # type: ignore[type-arg]
    """Table rows (header first) by alt text, continuation slides concatenated without repeated headers."""
    found: dict[str, list] = {}  # type: ignore[type-arg]
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_table:
                rows = [tuple(cell.text.replace("\v", "") for cell in row.cells) for row in shape.table.rows]
                descr = shape._element.find(".//" + qn("p:cNvPr")).get("descr")
                found[descr] = found.get(descr, [rows[0]]) + rows[1:]
                assert rows[0] == found[descr][0], "every continuation repeats the header"
    return found


# -- the plan -------------------------------------------------------------------------------


def test_plan_matches_golden(document, theme) -> None:  # type: ignore[no-untyped-def]
    plan = plan_deck(document, theme).deck.to_json()
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(plan, encoding="utf-8")
    assert json.loads(plan) == json.loads(GOLDEN.read_text(encoding="utf-8")), "run with UPDATE_GOLDEN=1 to accept"


def test_plan_has_every_key_table_and_the_expected_slides(document, theme) -> None:  # type: ignore[no-untyped-def]
    deck = plan_deck(document, theme).deck
    kinds = [s.kind for s in deck.slides]
    assert kinds[0] == "cover" and kinds[1] == "summary" and kinds[-1] == "closing"
    assert {"quote", "compare", "implications"} <= set(kinds)
    shown = {shape.descr for slide in deck.slides for shape in slide.shapes if shape.kind == "table"}
    assert shown == {t.headline for t in document.tables() if t.key}


def _shown_text(slide) -> str:  # type: ignore[no-untyped-def]
    boxes = [shape for shape in slide.shapes if shape.kind == "box"]
    return "".join(para.text for box in boxes for para in box.paras).replace("\n", "")


def test_every_quote_is_on_a_slide_beside_what_it_supports(document, theme) -> None:  # type: ignore[no-untyped-def]
    deck = plan_deck(document, theme).deck
    quotes = [block for block in document.blocks() if isinstance(block, Quote)]
    assert len(quotes) == 5
    for quote in quotes:
        holding = [s for s in deck.slides if all(p in _shown_text(s) for p in quote.paragraphs)]
        assert len(holding) == 1, quote.paragraphs[0]
        section = document.context_of(quote)[0]
        if section is not None and any(isinstance(b, Table) and b.key for b in section.blocks):
            assert any(shape.kind == "table" for shape in holding[0].shapes), quote.paragraphs[0]
    # the finding of a section with no key table stands beside the section's points, under its title
    finding = next(q for q in quotes if q.label == "重要な発見:")
    section = document.context_of(finding)[0]
    points = next(b for b in section.blocks if isinstance(b, BulletList))
    slide = next(s for s in deck.slides if finding.paragraphs[0] in _shown_text(s))
    assert slide.title.paras[0].text == section.title
    box = next(shape for shape in slide.shapes if shape.name == "Points")
    assert [p.text.replace("\n", "") for p in box.paras] == [points.label, *points.items]
    assert [p.bullet for p in box.paras] == [None, *["•"] * len(points.items)]


FINDINGS = """\
meta:
  title: t
  date: 2025-01-01
summary:
  compare:
    before: was
    after: now
body:
  - section: 節
    body:
      - "段落です。"
      - quote: "一つ目の引用です。"
      - quote: "二つ目の引用です。"
      - list: [点の一つ目, 点の二つ目]
        label: ":"
  - section: 比較
    body:
      - quote: "比較の引用です。"
      - list: [前です]
        id: was
      - list: [後です]
        id: now
"""


def test_quotes_without_a_key_table_stand_beside_points_once_and_alone_otherwise(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "findings.yaml"
    path.write_text(FINDINGS, encoding="utf-8")
    deck = plan_deck(read_source(path), theme).deck
    quotes = [(s.title.paras[0].text, _shown_text(s)) for s in deck.slides if s.kind == "quote"]
    assert quotes == [
        ("節", ":点の一つ目点の二つ目一つ目の引用です。"),  # beside the points, the label as written
        ("節 — 二つ目の引用です", "二つ目の引用です。"),  # told apart from the first by its own words
        (
            "比較 — 比較の引用です",
            "比較の引用です。",
        ),  # the section's lists are the comparison's: the quote stands alone
    ]
    assert [s.kind for s in deck.slides] == ["cover", "quote", "quote", "compare", "quote"]


NO_SUMMARY = """\
meta:
  title: Plan review
  date: 2025-01-01
  lang: en
body:
  - "The review covers three areas. It ends with what to do next."
  - section: Findings
    body:
      - "Two problems stood out in the audit. Both are fixable."
      - list: ["Alerts went to the wrong channel", "Nobody owned the rota"]
        label: "Problems:"
  - section: Costs
    body:
      - "Costs rose by a tenth. Most of the rise was freight."
      - "Wages rose less than planned."
  - section: Next steps
    body:
      - list: ["Fix the alert routing", "Name a rota owner"]
        ordered: true
"""


def _plan_of(theme, tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    return plan_deck(read_source(path), theme)


def test_a_document_without_summary_has_an_overview_an_agenda_and_a_slide_per_section(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    longer = NO_SUMMARY.replace(
        "It ends with what to do next.", "It ends with what to do next. Each area has an owner. Each has a date."
    )
    plan = _plan_of(theme, tmp_path, longer)
    deck = plan.deck
    assert plan.problems == ()
    titles = [s.title.paras[0].text.replace("\n", "") for s in deck.slides]
    assert [s.kind for s in deck.slides] == ["cover", "overview", "agenda", "section", "section"]
    assert titles[1:] == ["Overview", "Agenda", "Findings", "Costs"]
    assert _shown_text(deck.slides[2]) == "1. Findings2. Costs3. Next steps"
    # the article's own sentences only: the intro's, each list as written, else each paragraph's first
    # (every sentence of a section that would show fewer than three)
    intro = "The review covers three areas.It ends with what to do next.Each area has an owner.Each has a date."
    assert _shown_text(deck.slides[1]) == intro
    assert _shown_text(deck.slides[3]) == "Problems:Alerts went to the wrong channelNobody owned the rota"
    # the last section, two points that would fill less than a quarter of a slide, joins the one before
    costs = "Costs rose by a tenth.Most of the rise was freight.Wages rose less than planned."
    assert _shown_text(deck.slides[4]) == costs + "Next steps1. Fix the alert routing2. Name a rota owner"
    assert [p.bullet for p in deck.slides[4].shapes[1].paras[-2:]] == [None, None]  # numbered: no bullet as well
    assert "Fix the alert routing" in deck.slides[4].notes


def test_an_overview_of_a_line_or_two_is_left_to_the_covers_notes(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    deck = _plan_of(theme, tmp_path, NO_SUMMARY).deck
    assert "overview" not in [s.kind for s in deck.slides]
    assert "It ends with what to do next." in deck.slides[0].notes


def test_a_section_too_long_for_one_slide_shows_its_first_points_and_tells_all_in_the_notes(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    items = [f"Point {n} of the long list, stated in the article's own words" for n in range(40)]
    doc = "meta:\n  title: Long list\n  date: 2025-01-01\n  lang: en\nbody:\n  - section: Many\n    body:\n"
    doc += "      - list:\n" + "".join(f'          - "{item}"\n' for item in items)
    plan = _plan_of(theme, tmp_path, doc)
    [points] = [s for s in plan.deck.slides if s.kind == "section"]
    shown = [p.text.replace("\n", "") for p in points.shapes[1].paras]
    assert plan.problems == () and 2 <= len(shown) < len(items)
    assert shown == items[: len(shown)]
    assert all(item in points.notes for item in items)


def test_a_document_with_a_summary_has_no_agenda_and_a_short_deck_no_dividers(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    kinds = [
        s.kind
        for s in _plan_of(
            theme,
            tmp_path,
            NO_SUMMARY.replace('body:\n  - "The', 'summary:\n  outlook: x\nbody:\n  - "The', 1).replace(
                "ordered: true", "ordered: true\n        id: x"
            ),
        ).deck.slides
    ]
    assert "agenda" not in kinds and "overview" not in kinds and "divider" not in kinds


def test_a_long_deck_opens_each_section_with_a_divider(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    table = (
        '\n      - table: t{n}\n        key: true\n        headline: "Headline {n}"'
        '\n        header: [k, v]\n        rows: [[a, "1"]]'
    )
    body = "".join(
        f"\n  - section: Part {part}\n    body:" + "".join(table.format(n=f"{part}{m}") for m in range(3))
        for part in range(3)
    )
    deck = _plan_of(theme, tmp_path, "meta:\n  title: Long\n  date: 2025-01-01\n  lang: en\nbody:" + body).deck
    kinds = [s.kind for s in deck.slides]
    assert kinds == ["cover", "agenda"] + ["divider", "table", "table", "table"] * 3
    dividers = [s.title.paras[0].text.replace("\n", "") for s in deck.slides if s.kind == "divider"]
    assert dividers == ["1. Part 0", "2. Part 1", "3. Part 2"]


def test_slides_that_would_share_a_title_are_told_apart(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = """\
meta:
  title: Same
  date: 2025-01-01
  lang: en
body:
  - section: North
    body:
      - {table: a, key: true, headline: "Sales rose.", header: [k, v], rows: [[a, "1"]]}
  - section: South
    body:
      - {table: b, key: true, headline: "Sales rose.", header: [k, v], rows: [[b, "2"]]}
"""
    titles = [s.title.paras[0].text.replace("\n", "") for s in _plan_of(theme, tmp_path, doc).deck.slides]
    assert titles[1:] == ["North — Sales rose", "South — Sales rose"]  # one final stop dropped


def test_a_comparison_in_one_section_shows_both_sides_under_their_lead_ins(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    after = ", ".join(f'"Outcome {n} was measured against the plan and came out worse"' for n in range(9))
    doc = f"""\
meta:
  title: Compare
  date: 2025-01-01
  lang: en
summary:
  compare:
    before: was
    after: now
body:
  - section: Plan and year
    body:
      - "The plan assumed:"
      - list: ["Flat freight", "Low wages"]
        id: was
      - "What happened:"
      - list: [{after}]
        id: now
"""
    [compare] = [s for s in _plan_of(theme, tmp_path, doc).deck.slides if s.kind == "compare"]
    boxes = {
        shape.name: "".join(p.text for p in shape.paras).replace("\n", "")
        for shape in compare.shapes
        if shape.kind == "box"
    }
    assert compare.title.paras[0].text == "Plan and year"
    assert boxes["Before heading"] == "The plan assumed" and boxes["After heading"] == "What happened"
    assert boxes["Before list"] == "Flat freightLow wages"
    assert all(f"Outcome {n} " in boxes["After list"] for n in range(9))
    widths = {shape.name: shape.w for shape in compare.shapes}
    assert widths["After list"] > widths["Before list"]  # the long side takes more of the width


def _breaks_between_phrases(text: str) -> bool:
    cuts, offset = set(), 0
    for piece in metrics.pieces(text.replace("\n", "")):
        offset += len(piece)
        cuts.add(offset)
    offset = 0
    for line in text.split("\n")[:-1]:
        offset += len(line)
        if offset not in cuts:
            return False
    return True


def test_titles_and_table_cells_break_between_phrases(document, theme) -> None:  # type: ignore[no-untyped-def]
    broken_cells = 0
    for slide in plan_deck(document, theme).deck.slides:
        assert _breaks_between_phrases(slide.title.paras[0].text), slide.title.paras[0].text
        assert not slide.title.paras[0].text.endswith("。"), "slide titles end without 。"
        for table in (s for s in slide.shapes if isinstance(s, shapes.TableShape)):
            for cell in (*table.header, *(c for row in table.body for c in row)):
                broken_cells += "\n" in cell
                assert _breaks_between_phrases(cell), f"'{cell}' breaks inside a phrase"
    assert broken_cells >= 3  # the key takeaways' long cells do wrap


def test_a_title_opening_with_a_bracket_hangs_it_half_an_em(document, theme) -> None:  # type: ignore[no-untyped-def]
    cover = plan_deck(document, theme).deck.slides[0]
    [accent] = [s for s in cover.shapes if s.name == "Cover accent"]
    para = cover.title.paras[0]
    assert para.text.startswith("「") and para.indent == grid.points(para.runs[0].size / 2)
    assert cover.title.x == accent.x - para.indent  # the bracket's ink lines up with the accent rule


@pytest.mark.parametrize("short", ["Jensen Huangの警告", "Huang", "AI警告", "禁輸措置", "2025年12月7日"])
def test_a_column_that_fits_whole_is_not_wrapped(theme, short: str) -> None:  # type: ignore[no-untyped-def]
    rows = ((short, "ASML、TSMC、NVIDIAの完全包囲網と、その後に続いた長い説明の文章" * 2),)
    table = Table("t", ("項目", "内容"), rows, caption="表", headline="短い列は折り返さない", key=True)
    meta = Meta("表", None, "表", dt.date(2025, 1, 2), "ja", "テスト", None)
    deck = plan_deck(Document(meta, (), (Section("s", "節", 2, (table,)),)), theme).deck
    [shape] = [s for slide in deck.slides for s in slide.shapes if isinstance(s, shapes.TableShape)]
    assert "\n" not in shape.body[0][0] and "\n" in shape.body[0][1]
    assert [c.replace("\n", "") for c in shape.body[0]] == list(rows[0])


def test_metrics_decode_the_font_like_fonttools(document) -> None:  # type: ignore[no-untyped-def]
    from fontTools.ttLib import TTFont

    from exporter.text.fonts import font_file

    text = "".join({c for b in document.tables() for row in b.rows for cell in row for c in cell}) + "Ag%‐、。"
    for weight in ("regular", "bold"):
        font = TTFont(font_file(weight), lazy=True)
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        for char in text:
            expected = hmtx[cmap[ord(char)]][0] / font["head"].unitsPerEm
            assert metrics._face(weight).advance(char) == pytest.approx(expected), char


def test_coverage_agrees_with_harfbuzz() -> None:
    """``metrics.covered`` (what ``check`` warns by) maps exactly the code points HarfBuzz finds in both
    CJK faces or in a fallback face (symbols, emoji)."""
    import uharfbuzz as hb

    from exporter.text.fonts import FALLBACKS, WEIGHTS, font_file

    faces = [set(hb.Face(hb.Blob.from_file_path(str(font_file(w)))).unicodes) for w in WEIGHTS]
    drawn = set.intersection(*faces).union(*(hb.Face(hb.Blob.from_file_path(str(f.path))).unicodes for f in FALLBACKS))
    for code in [*range(0x20, 0x3000, 7), *range(0x3000, 0x10000, 13), 0x1F600, 0x2668, 0x20BB7, 0xE000, 0x1D11E]:
        assert metrics.covered(chr(code)) == (code in drawn), hex(code)
    assert metrics.covered("😀") and metrics.covered("✗") and not metrics.covered("\U0001d11e")


def test_wrap_keeps_latin_words_and_numbers_whole() -> None:
    lines = metrics.wrap("— Chubby♨️ (@kimmonismus) 2025年12月7日", 120, 12)
    assert "".join(lines) == "— Chubby♨️ (@kimmonismus) 2025年12月7日"
    assert all("202" not in line or "2025" in line for line in lines)


# -- the deck read back ---------------------------------------------------------------------


def test_slide_size_is_16_9(deck_path) -> None:  # type: ignore[no-untyped-def]
    presentation = Presentation(str(deck_path))
    assert (presentation.slide_width, presentation.slide_height) == (12192000, 6858000)


def test_every_key_table_cell_equals_the_source(deck_path, document) -> None:  # type: ignore[no-untyped-def]
    tables = _tables(deck_path)
    for table in (t for t in document.tables() if t.key):
        assert tables[table.headline] == [table.header, *table.rows]


def test_every_run_has_latin_and_east_asian_faces(deck_path, theme) -> None:  # type: ignore[no-untyped-def]
    presentation = Presentation(str(deck_path))
    parts = [s.part for s in presentation.slides] + [
        s.notes_slide.part for s in presentation.slides if s.has_notes_slide
    ]
    japanese_runs = 0
    for part in parts:
        for run in part._element.iter(qn("a:r")):
            rpr = run.find(qn("a:rPr"))
            text = run.find(qn("a:t")).text or ""
            assert rpr is not None and rpr.find(qn("a:latin")) is not None, text
            if JAPANESE.search(text):
                japanese_runs += 1
                assert rpr.find(qn("a:ea")).get("typeface") == theme.localised("ja").fonts.slides_east_asian, text
    assert japanese_runs > 100


def test_every_shape_is_inside_the_slide(deck_path) -> None:  # type: ignore[no-untyped-def]
    presentation = Presentation(str(deck_path))
    width, height = presentation.slide_width, presentation.slide_height
    for number, slide in enumerate(presentation.slides, 1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= width and shape.top + shape.height <= height, (number, shape.name)


def test_measured_text_fits_every_frame_and_cell(deck_path) -> None:  # type: ignore[no-untyped-def]
    assert _fit_problems(deck_path) == []


def test_notes_footer_title_and_alt_text(deck_path, document) -> None:  # type: ignore[no-untyped-def]
    presentation = Presentation(str(deck_path))
    for number, slide in enumerate(presentation.slides, 1):
        assert slide.shapes[0].is_placeholder and slide.shapes[0] == slide.shapes.title, "title first in reading order"
        for shape in slide.shapes:
            assert not shape.name.startswith(("TextBox", "Rectangle", "Table ")), shape.name
            if not shape.has_text_frame:
                cnvpr = shape._element.find(".//" + qn("p:cNvPr"))
                assert cnvpr.get("descr"), (number, shape.name)
            elif not shape.text_frame.text and shape.shape_type is not None and not shape.is_placeholder:
                assert b"decorative" in __import__("lxml.etree").etree.tostring(shape._element), shape.name
        if number == 1:
            labels = [shape.text_frame.text for shape in slide.shapes if shape.name == "Confidentiality"]
            assert labels == [], "no confidentiality label unless the theme sets one"
            continue
        assert slide.has_notes_slide and len(slide.notes_slide.notes_text_frame.text) > 20, number
        footer = {
            shape.name: shape.text_frame.text for shape in slide.shapes if shape.name.startswith(("Footer", "Slide"))
        }
        assert footer["Footer title"] == document.meta.short_title
        assert footer["Slide number"] == str(number)
        assert "Footer confidentiality" not in footer


def test_core_properties_come_from_the_source(deck_path, document) -> None:  # type: ignore[no-untyped-def]
    core = Presentation(str(deck_path)).core_properties
    meta = document.meta
    assert (core.title, core.subject, core.author, core.language) == (meta.title, meta.subtitle, meta.author, "ja-JP")
    assert core.created.date() == meta.date == core.modified.date()
    assert all(k in core.keywords for k in meta.keywords)


def test_every_zip_entry_is_dated_from_the_source(deck_path, document) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(deck_path) as package:
        assert package.testzip() is None  # every entry's CRC still checks after the dates were rewritten
        dates = {entry.date_time for entry in package.infolist()}
    assert dates == {(document.meta.date.year, document.meta.date.month, document.meta.date.day, 0, 0, 0)}


def test_the_deck_is_byte_for_byte_reproducible(document, theme, deck_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    again = tmp_path / "again.pptx"
    write_slides(document, theme, again)
    assert again.read_bytes() == deck_path.read_bytes()


def test_a_long_table_continues_on_slides_that_each_fit(long_deck) -> None:  # type: ignore[no-untyped-def]
    table, path = long_deck
    presentation = Presentation(str(path))
    titles = [s.shapes.title.text_frame.text.replace("\v", "").replace("\n", "") for s in presentation.slides]
    table_titles = [t for t in titles if t.startswith(table.headline.removesuffix("。"))]
    assert len(table_titles) > 5 and not any("。" in t for t in table_titles)
    assert table_titles[0].endswith(f"(1/{len(table_titles)})") and table_titles[-1].endswith(
        f"({len(table_titles)}/{len(table_titles)})"
    )
    assert _tables(path)[table.headline] == [table.header, *table.rows]
    assert _fit_problems(path) == []


# -- PowerPoint's own rules -----------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["office2010", "microsoft365"])
def test_the_decks_pass_powerpoints_validation(deck_path, long_deck, file_format) -> None:  # type: ignore[no-untyped-def]
    assert powerpoint_findings(deck_path, file_format) == []
    assert powerpoint_findings(long_deck[1], file_format) == []


def test_the_validation_catches_a_face_out_of_schema_order(deck_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(deck_path) as source_zip, zipfile.ZipFile(broken, "w") as target:
        for item in source_zip.infolist():
            data = source_zip.read(item)
            if item.filename == "ppt/slides/slide2.xml":  # a:ea must follow a:latin
                data = re.sub(rb"(<a:latin [^>]*/>)(<a:ea [^>]*/>)", rb"\2\1", data, count=1)
            target.writestr(item, data)
    assert any("Unexpected element 'latin'" in finding for finding in powerpoint_findings(broken, "microsoft365"))


# -- a real client --------------------------------------------------------------------------


def _soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required under CI=true")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def test_libreoffice_converts_one_page_per_slide_with_extractable_tables(deck_path, document, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    soffice = _soffice()
    reader = PdfReader(str(libreoffice_pdf(soffice, deck_path, tmp_path, timeout=180)))
    assert len(reader.pages) == len(Presentation(str(deck_path)).slides)
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    for table in (t for t in document.tables() if t.key):
        for cell in (*table.header, *(c for row in table.rows for c in row)):
            assert re.sub(r"\s+", "", cell) in text, cell


# -- the command ----------------------------------------------------------------------------


def test_command_prints_one_line_and_never_imports_weasyprint(tmp_path) -> None:
    output = tmp_path / "deck.pptx"
    command = [sys.executable, "-X", "importtime", str(EXPORTER), "slides", str(ARTICLE), "-o", str(output)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
    assert re.fullmatch(rf"{re.escape(str(output))}: \d+ slides, [\d,]+ KB, \d+\.\d\d s\n", result.stdout)
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "pptx" in imported and not any(name.split(".")[0] == "weasyprint" for name in imported)
    assert not any(name.split(".")[0] == "fontTools" for name in imported)  # the metrics read the font directly
    assert not imported & {"urllib.request", "PIL.Image", "http.client", "email.parser"}  # on first use only
    assert output.is_file()


def test_what_python_pptx_imports_and_a_deck_of_text_never_runs_is_imported_on_first_use(tmp_path) -> None:
    """``exporter.slides.PPTX_DEFERRED``: a deck with a picture opens it with the real ``PIL.Image``,
    and a later ``import urllib.request`` (WeasyPrint's, in ``build``) gets the real module."""
    code = f"""
import sys
from pathlib import Path
from exporter.readers import read_source
from exporter.slides import write_slides
from exporter.theme import load_theme
write_slides(read_source(Path({str(ARTICLE)!r})), load_theme(), Path({str(tmp_path / "text.pptx")!r}))
assert "urllib.request" not in sys.modules and "PIL.Image" not in sys.modules, "imported before first use"
document = read_source(Path({str(ROOT / "tests" / "documents" / "cache-rollout.md")!r}))
write_slides(document, load_theme(), Path({str(tmp_path / "picture.pptx")!r}))
import PIL.Image, urllib.request, xml.sax.saxutils
assert sys.modules["PIL.Image"] is PIL.Image and PIL.Image.open and sys.modules["urllib.request"] is urllib.request
assert xml.sax.saxutils.urllib.request.urlopen is urllib.request.urlopen
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    pictures = [
        s for slide in Presentation(str(tmp_path / "picture.pptx")).slides for s in slide.shapes if s.shape_type == 13
    ]
    assert pictures and all(p.image.size[0] > 0 for p in pictures)


def test_the_read_back_sees_what_python_pptx_sees_and_refuses_a_broken_package(deck_path, tmp_path) -> None:
    """``pptx.read_back`` follows the package from its root to each slide: the same slides, size and
    table cells as python-pptx opening the file; a slide the package lacks, or a slide list naming no
    slide, is an error before anything is put in place."""
    from exporter.slides.ooxml import readable_text
    from exporter.slides.pptx import read_back

    opened = Presentation(str(deck_path))
    cells = [
        readable_text(cell._tc.get_or_add_txBody())
        for slide in opened.slides for shape in slide.shapes if shape.has_table
        for row in shape.table.rows for cell in row.cells
    ]  # fmt: skip
    assert read_back(deck_path) == ((len(opened.slides), opened.slide_width, opened.slide_height), cells)
    assert len(cells) > 50
    with zipfile.ZipFile(deck_path) as package:
        entries = {info.filename: package.read(info) for info in package.infolist()}
    for name, change in (
        ("ppt/slides/slide3.xml", None),  # the part is gone
        ("[Content_Types].xml", lambda xml: xml.replace(b"presentationml.slide+xml", b"presentationml.slideX+xml")),
        (
            "ppt/_rels/presentation.xml.rels",
            lambda xml: xml.replace(b'Target="slides/slide2.xml"', b'Target="slides/none.xml"'),
        ),
    ):
        broken = tmp_path / "broken.pptx"
        with zipfile.ZipFile(broken, "w") as package:
            for entry, data in entries.items():
                if entry != name or change is not None:
                    package.writestr(entry, change(data) if entry == name and change else data)
        with pytest.raises((ValueError, KeyError)):
            read_back(broken)


def test_font_sizes_end_with_the_smallest_allowed_even_when_fractional() -> None:
    assert fit.sizes((10.5, 13)) == [13.0, 12.0, 11.0, 10.5]
    assert fit.sizes((10, 12)) == [12.0, 11.0, 10.0]


# -- documents that must never be refused (issue 14) -----------------------------------------


def _document(title: str, *blocks, summary=None, lang: str = "en") -> Document:  # type: ignore[no-untyped-def]
    meta = Meta(title, None, "Short", dt.date(2026, 1, 2), lang, "Author", None)
    extra = {"summary": summary} if summary is not None else {}
    return Document(meta, (), (Section("s", "Section", 2, tuple(blocks)),), **extra)


def _planned_tables(deck: shapes.Deck) -> list[tuple[str, shapes.TableShape]]:
    return [(s.title.paras[0].text.replace("\n", ""), t) for s in deck.slides for t in s.shapes
            if isinstance(t, shapes.TableShape)]  # fmt: skip


def test_a_short_title_too_wide_for_the_footer_is_cut_at_a_phrase(theme) -> None:  # type: ignore[no-untyped-def]
    document = _document("T", Paragraph("本文"), lang="ja")
    long = "基幹システムのクラウド移行プログラム中間報告"
    document = dataclasses.replace(document, meta=dataclasses.replace(document.meta, short_title=long))
    plan = plan_deck(document, theme, revision="232609b3ba58")
    assert [p for p in plan.problems if p.refused] == []
    [title] = [b for b in plan.deck.slides[1].footer if b.name == "Footer title"]
    text = title.paras[0].text
    assert text.endswith("…  |  rev. 232609b3ba58") and long.startswith(text.split("…")[0]) and fit.box_fits(title)


@pytest.mark.parametrize(
    "title",
    [
        "Regional Operating Results for the Fiscal Year Ended 31 March 2026: Revenue, Margin and Cash",
        "基幹システムのクラウド移行プログラム中間報告:Kubernetes基盤への段階移行とFinOps体制の立ち上げ",
        "第1フェーズの結果:受発注システムのEKS移行とカットオーバー後30日間の安定稼働状況についての詳細な報告と次の段階",
    ],
)
def test_a_long_cover_title_takes_more_lines_not_a_refusal(theme, title: str) -> None:  # type: ignore[no-untyped-def]
    plan = plan_deck(_document(title, Paragraph("本文")), theme)
    assert [p for p in plan.problems if p.refused] == []
    cover = plan.deck.slides[0].title
    assert cover.paras[0].text.replace("\n", "") == title
    assert cover.paras[0].text.count("\n") >= 2  # three lines or more, at a cover size
    assert cover.paras[0].runs[0].size >= theme.slides.cover_title_size[0]
    assert fit.box_fits(cover)


def test_a_cover_title_too_long_for_any_size_is_refused_at_its_node(theme) -> None:  # type: ignore[no-untyped-def]
    plan = plan_deck(_document("長い題名" * 120, Paragraph("本文")), theme)
    [problem] = [p for p in plan.problems if p.refused]
    assert "the cover title" in problem.message and f"{theme.slides.title_size[0]:g} pt" in problem.message


def test_eight_figures_wrap_into_rows_on_a_slide_of_their_own(theme) -> None:  # type: ignore[no-untyped-def]
    values = ["1", "約12兆3,400億円", "2nm", "38.7%", "3倍", "0.8ppm", "Wafer-level hybrid bonding", "24か月"]
    figures = tuple(Figure(v, f"{v} を説明するラベルの文章です" * 2) for v in values)
    table = Table("points", ("論点", "内容"), tuple((f"論点{i}", "内容" * 10) for i in range(4)), key=True)
    plan = plan_deck(
        _document("八つの数字", table, summary=Summary(figures=figures, takeaways=table), lang="ja"), theme
    )
    assert [p for p in plan.problems if p.refused] == []
    cards = [s for s in plan.deck.slides if s.kind == "figures"]
    assert len(cards) == 1 and cards[0].title.paras[0].text == "主要な数字"
    boxes = [b for b in cards[0].shapes if isinstance(b, shapes.Box) and b.name.startswith("Figure")]
    assert len(boxes) == 8 and len({b.y for b in boxes}) in (2, 3)  # in rows, not one column
    assert all(fit.box_fits(b) for b in boxes)


def test_a_twelve_column_table_splits_its_columns_repeating_the_first(theme) -> None:  # type: ignore[no-untyped-def]
    header = ("Region", *(f"Measurement-{c}-calibrated" for c in "ABCDEFGHIJK"))
    rows = tuple((f"region-{r}", *(f"{(r + 1) * (c + 1) * 1234.5:,.2f}" for c in range(11))) for r in range(6))
    table = Table("wide", header, rows, headline="Every measurement by region", key=True)
    plan = plan_deck(_document("Wide", table), theme)
    assert [p for p in plan.problems if p.refused] == []
    found = _planned_tables(plan.deck)
    assert len(found) >= 2
    assert [title for title, _ in found] == [f"Every measurement by region ({n}/{len(found)})" for n in
                                              range(1, len(found) + 1)]  # fmt: skip
    shown = [h for _, t in found for h in t.header[1:]]
    assert [t.header[0] for _, t in found] == ["Region"] * len(found)
    assert [h.replace("\n", "") for h in shown] == list(header[1:])
    assert len({t.size for _, t in found}) == 1
    counts = [len(t.header) for _, t in found]
    assert max(counts) - min(counts) <= 1  # shared evenly
    assert all(t.align == ("l", *("r",) * (len(t.header) - 1)) for _, t in found)  # numbers right-aligned


def test_a_long_table_shares_its_rows_evenly_at_the_largest_size_that_needs_no_more_slides(theme) -> None:  # type: ignore[no-untyped-def]
    rows = tuple((f"Row {i}", f"{i * 3.5:.1f}", f"{i * 11}") for i in range(130))
    table = Table("long", ("Name", "Value", "Count"), rows, headline="A hundred and thirty rows", key=True)
    found = _planned_tables(plan_deck(_document("Long", table), theme).deck)
    counts = [len(t.body) for _, t in found]
    assert sum(counts) == 130 and min(counts) >= max(counts) / 2
    assert all(re.fullmatch(r"A hundred and thirty rows \(\d+/\d+\)", title) for title, _ in found)
    fewest = len(found)
    low = theme.slides.table_size[0]
    assert all(t.size >= low for _, t in found)
    for _, t in found:  # each slide at least half full
        assert t.h >= (grid.CONTENT_H - grid.inches(0.5)) / 2
    assert fewest >= 2


def test_a_derived_short_title_ends_at_a_phrase_and_never_on_punctuation() -> None:
    assert short_title("Object Storage Benchmark, three clouds and two regions compared") == "Object Storage Benchmark…"
    assert "効果検証" in phrases("生成AI導入効果検証レポート")[0]
    assert all(len(p) > 1 for p in phrases("施策の効果検証と今後の展開"))
    assert not short_title("基幹システムのクラウド移行プログラム中間報告、段階移行と体制の立ち上げ")[:-1].endswith("、")


def test_sentences_end_at_stops_but_not_after_titles_and_initials() -> None:
    from exporter.text.sentences import sentences

    assert sentences("Dr. Smith met J. R. Ito. Costs fell. 次に進む。Then (later) more.") == [
        "Dr. Smith met J. R. Ito.",
        "Costs fell.",
        "次に進む。",
        "Then (later) more.",
    ]


def test_many_sections_continue_the_agenda_and_get_no_dividers(theme) -> None:  # type: ignore[no-untyped-def]
    sections = tuple(
        Section(f"s{i}", f"Section {i}: a heading long enough to take most of a line", 2, (Paragraph(f"Text {i}."),))
        for i in range(45)
    )
    meta = Meta("Many sections", None, "Many", dt.date(2026, 1, 2), "en", "Author", None)
    plan = plan_deck(Document(meta, (), sections), theme)
    assert [p for p in plan.problems if p.refused] == []
    agendas = [s for s in plan.deck.slides if s.kind == "agenda"]
    assert len(agendas) > 1 and all(f"({n}/{len(agendas)})" in s.title.paras[0].text for n, s in enumerate(agendas, 1))
    listed = "".join(p.text for s in agendas for b in s.shapes if isinstance(b, shapes.Box) for p in b.paras)
    assert all(f"Section {i}:" in listed.replace("\n", "") for i in range(45))
    assert not [s for s in plan.deck.slides if s.kind == "divider"]


def test_a_comparison_too_long_for_one_slide_continues_on_more(tmp_path, theme) -> None:  # type: ignore[no-untyped-def]
    long = "the plan expected a steady level of demand in every region for the whole year"
    before = "\n".join(f"- Assumption {i}: {long}" for i in range(14))
    path = tmp_path / "doc.md"
    path.write_text(
        "---\nmeta:\n  title: Plan and year\n  date: 2026-01-01\n  lang: en\nsummary:\n  compare:\n"
        "    before: plan\n    after: year\n---\n\n## The plan against the year\n\nThe plan assumed:\n\n"
        f"{{#plan}}\n{before}\n\nWhat happened:\n\n{{#year}}\n- Outcome 1\n- Outcome 2\n- Outcome 3\n",
        encoding="utf-8",
    )
    plan = plan_deck(read_source(path), theme)
    assert [p for p in plan.problems if p.refused] == []
    slides = [s for s in plan.deck.slides if s.kind == "compare"]
    titles = [s.title.paras[0].text.replace("\n", "") for s in slides]
    assert len(slides) > 1 and all(t.endswith(f"({n}/{len(slides)})") for n, t in enumerate(titles, 1))
    shown = [p.text for s in slides for b in s.shapes if isinstance(b, shapes.Box) for p in b.paras]
    assert all(sum(f"Assumption {i}:" in text for text in shown) == 1 for i in range(14))
    assert all(sum(f"Outcome {i}" in text for text in shown) == 1 for i in (1, 2, 3))
    assert all(any(isinstance(b, shapes.Box) and b.name == "After list" and b.paras for b in s.shapes) for s in slides)
