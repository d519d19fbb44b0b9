"""``exporter check``: errors and warnings in compiler form or JSON, exit status, nothing written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from exporter.cli import main
from exporter.lint import check
from exporter.readers import read_source
from exporter.slides.plan import plan_deck
from exporter.theme import load_theme

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "source" / "article.yaml"

TITLE = "とても長いタイトル" * 7
LONG_WORD = "-".join(["Supercalifragilisticexpialidocious"] * 6)
WARNED = f"""\
meta:
  title: "{TITLE}"
  date: 2025-01-01
body:
  - "同じ段落が二回書かれている例です。"
  - "emoji 😀 and ♨\\ufe0f and zero\\u200bwidth, a clef 𝄞"
  - "同じ段落が二回書かれている例です。"
  - list: [a, b, a]
  - table: wide
    key: true
    header: [a, b, c]
    rows:
      - ["", "x", ""]
      - ["{LONG_WORD}", "y", "z"]
"""


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    path = tmp_path / "warned.yaml"
    path.write_text(WARNED, encoding="utf-8")
    return path


def test_the_article_is_clean() -> None:
    result = CliRunner().invoke(main, ["check", str(ARTICLE)])
    assert (result.exit_code, result.stdout) == (0, "")


def test_every_warning_in_compiler_form(warned: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(warned)])
    assert result.exit_code == 0
    p = str(warned)
    assert result.stdout.splitlines() == [
        f"{p}:2:3: warning: meta 'title' has 63 characters; more than 60 crowds the cover and the title slide",
        f"{p}:6:5: warning: paragraph: character U+1D11E '𝄞' (MUSICAL SYMBOL G CLEF) is in none of the bundled fonts; "
        "it would print as a box",
        f"{p}:7:5: warning: paragraph repeats text already written on line 5: '同じ段落が二回書かれている例です。'",
        f"{p}:8:5: warning: list item 3 repeats item 1: 'a'",
        f"{p}:9:5: warning: key table 'wide' has no 'headline'; its slide is titled with the sentence before it or "
        "its section's heading instead of the table's message",
        f"{p}:9:5: warning: table 'wide' needs 1185 pt even at 10 pt, and its first column beside any other is "
        "wider than a slide's 866 pt; the deck cannot be written (shorten its longest words)",
        f"{p}:9:5: warning: table 'wide', row 1: empty cell in columns 1, 3",
    ]


def test_strict_fails_on_warnings_and_json_lists_them(warned: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(warned), "--strict", "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert len(problems) == 7
    assert problems[0] == {
        "path": str(warned),
        "line": 2,
        "column": 3,
        "severity": "warning",
        "message": "meta 'title' has 63 characters; more than 60 crowds the cover and the title slide",
    }


@pytest.mark.parametrize("opening", [False, True], ids=["in-a-section", "opening"])
@pytest.mark.parametrize("repeat", [20, 400])
def test_a_quote_too_long_for_a_slide_continues_on_more_slides(tmp_path: Path, repeat: int, opening: bool) -> None:
    path = tmp_path / "quote.yaml"
    quote = "制約が創造を生む。" * repeat
    body = f'  - quote: "{quote}"\n  - section: 節\n    body: [段落]\n' if opening else (
        f'  - section: 節\n    body:\n      - quote: "{quote}"\n'
    )  # fmt: skip
    path.write_text(f"meta:\n  title: t\n  date: 2025-01-01\nbody:\n{body}", encoding="utf-8")
    warned = CliRunner().invoke(main, ["check", str(path)])
    assert (warned.exit_code, warned.stdout.splitlines()) == (0, [])
    deck = CliRunner().invoke(main, ["slides", str(path), "-o", str(tmp_path / "q.pptx")])
    assert deck.exit_code == 0, deck.output
    shown = "".join(
        shape.text_frame.text
        for slide in Presentation(str(tmp_path / "q.pptx")).slides
        for shape in slide.shapes
        if shape.has_text_frame and shape.name.startswith(("Quote", "Opening"))
    )
    assert shown.replace("\v", "").replace("\n", "").count("制約が創造を生む。") == repeat  # every sentence, once


def test_a_sentence_too_long_for_any_slide_is_foretold_and_stops_only_the_deck(tmp_path: Path) -> None:
    path = tmp_path / "quote.yaml"
    quote = "制約が創造を生む" * 500  # one sentence: nowhere to split it
    path.write_text(
        f'meta:\n  title: t\n  date: 2025-01-01\nbody:\n  - section: 節\n    body:\n      - quote: "{quote}"\n',
        encoding="utf-8",
    )
    warned = CliRunner().invoke(main, ["check", str(path)])
    assert warned.stdout.splitlines() == [
        f"{path}:7:9: warning: quote '{quote[:39]}…' does not fit a slide even at 12 pt; the deck cannot be "
        "written (shorten it or split it into two quotes)"
    ]
    deck = CliRunner().invoke(main, ["slides", str(path), "-o", str(tmp_path / "q.pptx")])
    assert deck.exit_code == 2 and f"{path}:7:9: error: slides: the quote" in deck.output
    assert not (tmp_path / "q.pptx").exists()


@pytest.mark.parametrize("rows", [5, 40])
def test_a_takeaways_table_too_long_for_the_summary_slide_is_warned_of(tmp_path: Path, rows: int) -> None:
    path = tmp_path / "summary.yaml"
    body = "".join(f'      - ["項目{i}", "内容{i}"]\n' for i in range(rows))
    path.write_text(
        "meta:\n  title: t\n  date: 2025-01-01\nsummary:\n  takeaways: tk\n  figures:\n"
        '    - value: "1年"\n      label: "期間"\nbody:\n  - table: tk\n    header: [項目, 内容]\n    rows:\n' + body,
        encoding="utf-8",
    )
    fits = rows == 5
    warned = CliRunner().invoke(main, ["check", str(path)])
    expected = [] if fits else [
        f"{path}:10:5: warning: the summary slide cannot hold its content (table 'tk' does not fit beside the "
        "other content of its slide); the deck cannot be written"
    ]  # fmt: skip
    assert (warned.exit_code, warned.stdout.splitlines()) == (0, expected)
    deck = CliRunner().invoke(main, ["slides", str(path), "-o", str(tmp_path / "s.pptx")])
    assert deck.exit_code == (0 if fits else 2), deck.output


def test_anything_else_that_stops_the_deck_is_warned_of_with_the_decks_reason(tmp_path: Path) -> None:
    path = tmp_path / "title.yaml"
    path.write_text(f'meta:\n  title: "{"長い題名" * 120}"\n  date: 2025-01-01\nbody: [段落]\n', encoding="utf-8")
    warned = CliRunner().invoke(main, ["check", str(path)])
    assert warned.stdout.splitlines()[-1] == (
        f"{path}:2:3: warning: the cover title does not fit its slide even at 20 pt; the deck cannot be written"
    )
    deck = CliRunner().invoke(main, ["slides", str(path), "-o", str(tmp_path / "t.pptx")])
    assert (deck.exit_code, deck.output.strip()) == (
        2,
        f"{path}:2:3: error: slides: the cover title does not fit its slide even at 20 pt",
    )


def test_errors_exit_2_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text('meta:\n  title: "a\\x01"\n  dat: 2025-01-01\nbody: ["x"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    # 'meta' cannot be read without its date, so its title is not checked yet (tests/test_validate.py)
    assert result.stdout.splitlines() == [
        f"{path}:2:3: error: meta: missing required key 'date'",
        f"{path}:3:3: error: meta: unknown key 'dat'; did you mean 'date'?",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]

    path.write_text('meta:\n  title: "a\\x01"\n  date: 2025-01-01\nbody: ["x"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{path}:2:10: warning: character U+0001 (character 2 of this text) cannot be written to a PDF or a deck; "
        "it is left out",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_schema_errors_come_from_the_reader_in_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("meta:\n  title: t\n  dat: 2025-01-01\nbody: [x]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 2
    assert [(p["line"], p["column"], p["severity"]) for p in json.loads(result.stdout)] == [
        (2, 3, "error"),
        (3, 3, "error"),
    ]


def test_check_returns_sorted_problems(warned: Path) -> None:
    problems = check(warned, load_theme())
    assert problems == sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))
    assert {p.severity for p in problems} == {"warning"}


def test_check_imports_neither_weasyprint_nor_pptx(warned: Path) -> None:
    code = (
        "import sys\n"
        "from exporter.cli import main\n"
        f"main(['check', {str(warned)!r}], standalone_mode=False)\n"
        "assert not {'weasyprint', 'pptx', 'pypdfium2'} & set(sys.modules), sorted(sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


LONG_QUOTE = "制約が創造を生む" * 400  # one sentence: a quote is split between sentences only
PLANNED = {
    "yaml": f"""\
meta:
  title: t
  date: 2025-01-01
body:
  - section: 一
    body:
      - quote: "{LONG_QUOTE}"
  - section: 二
    body:
      - quote: "{LONG_QUOTE}二"
      - table: wide
        key: true
        headline: 広い表
        header: [a, b]
        rows:
          - ["{LONG_WORD}", "{LONG_WORD}"]
""",
    "md": f"""\
---
meta:
  title: t
  date: 2025-01-01
---

# 一

> {LONG_QUOTE}

# 二

> {LONG_QUOTE}二

{{#wide .key headline="広い表"}}
| a | b |
|---|---|
| {LONG_WORD} | {LONG_WORD} |
""",
}


@pytest.mark.parametrize("kind", ["yaml", "md"])
def test_check_reports_every_problem_the_planner_records_at_its_node(tmp_path: Path, kind: str) -> None:
    """Each quote too long and the table too wide, not only the first thing that stops the deck;
    ``exporter slides`` stops at the first, at the same line and column."""
    path = tmp_path / f"planned.{kind}"
    path.write_text(PLANNED[kind], encoding="utf-8")
    first, second, table = {"yaml": ((7, 9), (10, 9), (11, 9)), "md": ((9, 1), (13, 1), (16, 1))}[kind]
    document = read_source(path)
    problems = plan_deck(document, load_theme()).problems
    assert [(p.pos.line, p.pos.column, p.refused) for p in problems] == [
        (*first, True),
        (*table, True),
        (*second, True),
    ]
    assert (problems[1].needed, problems[1].available) == (pytest.approx(2273, abs=1), pytest.approx(866, abs=1))
    warned = CliRunner().invoke(main, ["check", str(path)])
    assert (warned.exit_code, warned.stdout.splitlines()) == (
        0,
        [
            f"{path}:{first[0]}:{first[1]}: warning: quote '{LONG_QUOTE[:39]}…' does not fit a slide even at 12 pt; "
            "the deck cannot be written (shorten it or split it into two quotes)",
            f"{path}:{second[0]}:{second[1]}: warning: quote '{LONG_QUOTE[:39]}…' does not fit a slide even at 12 "
            "pt; the deck cannot be written (shorten it or split it into two quotes)",
            f"{path}:{table[0]}:{table[1]}: warning: table 'wide' needs 2273 pt even at 10 pt, and its first column "
            "beside any other is wider than a slide's 866 pt; the deck cannot be written (shorten its longest words)",
        ],
    )
    deck = CliRunner().invoke(main, ["slides", str(path), "-o", str(tmp_path / "p.pptx")])
    assert (deck.exit_code, deck.output.strip()) == (
        2,
        f"{path}:{first[0]}:{first[1]}: error: slides: the quote '{LONG_QUOTE[:20]}' does not fit a slide",
    )


def test_a_title_on_three_lines_is_a_warning_at_its_slides_node_and_the_deck_is_written(tmp_path: Path) -> None:
    path = tmp_path / "title.yaml"
    title = "ほどほどに長い見出しの文章です" * 6
    body = f"  - section: {title}\n    body:\n      - quote: 短い引用\n"
    path.write_text(f"meta:\n  title: t\n  date: 2025-01-01\nbody:\n{body}", encoding="utf-8")
    [problem] = plan_deck(read_source(path), load_theme()).problems
    assert not problem.refused and problem.pos is not None and (problem.pos.line, problem.pos.column) == (7, 9)
    warned = CliRunner().invoke(main, ["check", str(path)])
    assert warned.stdout.splitlines() == [
        f"{path}:5:5: warning: section title has 90 characters; more than 80 is hard to read as a heading or a "
        "slide title",
        f"{path}:7:9: warning: the slide title '{title[:39]}…' takes 3 lines even at 20 pt (shorten it to two lines)",
    ]
    deck = CliRunner().invoke(main, ["slides", str(path), "-o", str(tmp_path / "t.pptx")])
    assert deck.exit_code == 0, deck.output
