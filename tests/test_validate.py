"""The model check (``exporter.validate``): the same faults give the same messages from both readers.

One faulty article is written in YAML and in Markdown — a text over the limit, an id used twice,
summary references to an id nothing has and to a table where a list is expected, a table too wide —
and each form is read through ``read_source`` and through ``exporter check``: the same messages,
each at the fault's own line and column in its file, exit status 2 and nothing written. Characters
XML cannot hold (a YAML escape, a literal character in Markdown, in a paragraph and in a table
cell) are left out, with the same warnings at their positions.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from exporter.cli import main
from exporter.errors import SourceError
from exporter.model import Reference
from exporter.readers import read_source
from exporter.validate import MAX_HEADER_CELL_LENGTH, MAX_TABLE_COLUMNS, MAX_TEXT_LENGTH, MAX_TOTAL_TEXT

WIDE = MAX_TABLE_COLUMNS + 1
LONG = "x" * (MAX_TEXT_LENGTH + 1)

YAML = (
    "meta:\n"  # 1
    "  title: Faults\n"  # 2
    "  date: 2025-01-01\n"  # 3
    "summary:\n"  # 4
    "  takeaways: nope\n"  # 5: no such id, value at column 14
    "  outlook: wide\n"  # 6: a table, not a list, value at column 12
    "body:\n"  # 7
    '  - "bell \\x07 here"\n'  # 8: an escaped control character, the scalar at column 5
    f'  - "{LONG}"\n'  # 9: too long
    "  - table: t\n"  # 10: the table's id, claimed on line 10
    "    header: [a, b]\n"  # 11
    '    rows: [[ok, "b\\x07"]]\n'  # 12: the second cell's scalar at column 17
    "  - list: [one]\n"  # 13
    "    id: t\n"  # 14: used already, value at column 9
    "  - table: wide\n"  # 15
    f"    header: [{', '.join(['h'] * WIDE)}]\n"  # 16: too wide, the header at column 13
    f"    rows: [[{', '.join(['x'] * WIDE)}]]\n"  # 17
)

MARKDOWN = (
    "---\n"  # 1
    "meta:\n"  # 2
    "  title: Faults\n"  # 3
    "  date: 2025-01-01\n"  # 4
    "summary:\n"  # 5
    "  takeaways: nope\n"  # 6: column 14
    "  outlook: wide\n"  # 7: column 12
    "---\n"  # 8
    "\n"  # 9
    "bell \x07 here\n"  # 10: the character itself
    "\n"  # 11
    f"{LONG}\n"  # 12
    "\n"  # 13
    "{#t}\n"  # 14
    "| a | b |\n"  # 15: the table starts here
    "|---|---|\n"  # 16
    "| ok | b\x07 |\n"  # 17: the second cell at column 8
    "\n"  # 18
    "{#t}\n"  # 19
    "- one\n"  # 20: used already
    "\n"  # 21
    "{#wide}\n"  # 22
    "|" + " h |" * WIDE + "\n"  # 23: too wide
    "|" + "---|" * WIDE + "\n"  # 24
    "|" + " x |" * WIDE + "\n"  # 25
)

CHARACTER = "character U+0007 (character {} of this text) cannot be written to a PDF or a deck; it is left out"
TOO_LONG = (
    f"this text has {len(LONG):,} characters; the limit is {MAX_TEXT_LENGTH:,} per text (split it into paragraphs)"
)
UNKNOWN = "no table has the id 'nope'; expected one of: wide"
WRONG_KIND = "'wide' is a table; expected a list, one of: t"
TOO_WIDE = f"table header: {WIDE} columns; the limit is {MAX_TABLE_COLUMNS}"

EXPECTED = {
    "doc.yaml": [
        f"5:14: error: {UNKNOWN}",
        f"6:12: error: {WRONG_KIND}",
        f"9:5: error: {TOO_LONG}",
        "14:9: error: id 't' is already used on line 10; ids must be unique",
        f"16:13: error: {TOO_WIDE}",
    ],
    "doc.md": [
        f"6:14: error: {UNKNOWN}",
        f"7:12: error: {WRONG_KIND}",
        f"12:1: error: {TOO_LONG}",
        "20:1: error: id 't' is already used on line 15; ids must be unique",
        f"23:1: error: {TOO_WIDE}",
    ],
}

SOURCES = {"doc.yaml": YAML, "doc.md": MARKDOWN}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(SourceError) as caught:
        read_source(path)
    return [line.removeprefix(f"{path}:") for line in caught.value.lines()]


def messages(lines: list[str]) -> list[str]:
    """The messages without their positions, and without the line an id was first used on."""
    return [re.sub(r"on line \d+", "on line N", line.split(": error: ", 1)[1]) for line in lines]


@pytest.mark.parametrize("name", SOURCES)
def test_every_fault_at_its_line_and_column(tmp_path: Path, name: str) -> None:
    assert problems(write(tmp_path, name, SOURCES[name])) == EXPECTED[name]


def test_both_forms_give_the_same_messages() -> None:
    assert messages(EXPECTED["doc.yaml"]) == messages(EXPECTED["doc.md"])


@pytest.mark.parametrize("name", SOURCES)
def test_check_reports_every_fault_exits_2_and_writes_nothing(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, SOURCES[name])
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"{path}:{line}" for line in EXPECTED[name]]
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_the_readers_schema_errors_come_with_the_models(tmp_path: Path) -> None:
    yaml_path = write(tmp_path, "doc.yaml", YAML.replace("  - list: [one]\n", "  - list: [one]\n    lable: L\n"))
    assert problems(yaml_path) == [
        *EXPECTED["doc.yaml"][:3],
        "14:5: error: list: unknown key 'lable'; did you mean 'label'?",
        "15:9: error: id 't' is already used on line 10; ids must be unique",
        f"17:13: error: {TOO_WIDE}",
    ]
    md_path = write(tmp_path, "doc.md", MARKDOWN.replace("{#t}\n- one", "{#t lable=L}\n- one"))
    assert problems(md_path) == [
        *EXPECTED["doc.md"][:3],
        "19:1: error: attribute 'lable' is not known for a list; expected one of: id",
        *EXPECTED["doc.md"][3:],
    ]


CHARACTERS = {"doc.yaml": ["8:5", "12:17"], "doc.md": ["10:1", "17:8"]}
"""Where the sources above hold U+0007: a paragraph, then a table's second cell."""


@pytest.mark.parametrize("name", SOURCES)
def test_characters_xml_cannot_hold_are_left_out_with_a_warning_at_their_text(tmp_path: Path, name: str) -> None:
    faultless = SOURCES[name].replace(LONG, "long").replace("takeaways: nope", "takeaways: t")
    faultless = faultless.replace("outlook: wide", "outlook: o").replace("{#t}\n- one", "{#o}\n- one")
    faultless = faultless.replace("id: t\n", "id: o\n").replace(str(WIDE), "")
    faultless = faultless.replace("\n  - table: wide", "\n  - table: wide\n").split("\n  - table: wide")[0]
    faultless = faultless.split("{#wide}")[0]
    document = read_source(write(tmp_path, name, faultless))
    assert [f"{n.pos.line}:{n.pos.column}" for n in document.notices if n.pos] == CHARACTERS[name]
    assert [n.message for n in document.notices] == [CHARACTER.format(6), CHARACTER.format(2)]
    (table,) = document.tables()
    assert table.rows == (("ok", "b"),) and str(document.intro[0].text) == "bell  here"  # type: ignore[union-attr]


@pytest.mark.parametrize("name", SOURCES)
def test_too_much_text_is_refused_where_the_total_is_crossed(tmp_path: Path, name: str) -> None:
    count = MAX_TOTAL_TEXT // 19_000 + 1  # 16 paragraphs of 19,000 characters: the 16th crosses
    paragraphs = ["い" * 19_000] * count
    if name == "doc.yaml":
        text = "meta:\n  title: T\n  date: 2025-01-01\nbody:\n" + "".join(f"  - {p}\n" for p in paragraphs)
        crossing = f"{4 + count}:5"
    else:
        text = "---\nmeta:\n  title: T\n  date: 2025-01-01\n---\n" + "".join(f"\n{p}\n" for p in paragraphs)
        crossing = f"{5 + 2 * count}:1"
    assert problems(write(tmp_path, name, text)) == [
        f"{crossing}: error: the document has more than {MAX_TOTAL_TEXT:,} characters of text by here; "
        f"the limit is {MAX_TOTAL_TEXT:,} (split the article)"
    ]


def test_references_are_followed_into_the_summary(tmp_path: Path) -> None:
    yaml_path = write(
        tmp_path,
        "doc.yaml",
        "meta:\n  title: T\n  date: 2025-01-01\n"
        "summary:\n  takeaways: t\n  outlook: o\n  implications: [s]\n  compare: {before: o, after: o}\n"
        "body:\n  - table: t\n    header: [a]\n    rows: [[x]]\n  - list: [i]\n    id: o\n"
        "  - section: S\n    id: s\n    body: [p]\n",
    )
    md_path = write(
        tmp_path,
        "doc.md",
        "---\nmeta:\n  title: T\n  date: 2025-01-01\n"
        "summary:\n  takeaways: t\n  outlook: o\n  implications: [s]\n  compare: {before: o, after: o}\n---\n\n"
        "{#t}\n| a |\n|---|\n| x |\n\n{#o}\n- i\n\n{#s}\n## S\n\np\n",
    )
    from_yaml, from_markdown = read_source(yaml_path), read_source(md_path)
    assert from_yaml == from_markdown
    for document in (from_yaml, from_markdown):
        summary = document.summary
        table, bullets = document.intro
        assert summary.takeaways is table
        assert summary.outlook is bullets and summary.before is bullets and summary.after is bullets
        assert summary.implications == document.sections
        assert summary.references == ()


def test_an_unnamed_section_cannot_be_pointed_at(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "doc.yaml",
        "meta:\n  title: T\n  date: 2025-01-01\nsummary:\n  implications: [section-1]\n"
        "body:\n  - section: S\n    body: [p]\n",
    )
    assert problems(path) == ["5:18: error: no section has the id 'section-1'; expected one of: (none)"]


def test_a_reference_knows_the_kind_it_expects() -> None:
    assert Reference("takeaways", "t").kind.kind == "table"
    assert Reference("before", "b").kind.kind == "list"
    assert Reference("implications", "s").kind.kind == "section"


def test_markdown_cells_are_at_their_own_columns_whatever_breaks_lines_before(tmp_path: Path) -> None:
    """U+000C is a line break to ``str.splitlines`` but not to markdown-it: lines after it keep
    their columns."""
    path = write(
        tmp_path,
        "doc.md",
        "---\nmeta:\n  title: T\n  date: 2025-01-01\n---\n\n"  # lines 1-6
        "form\x0cfeed\n\n"  # 7
        f"| a | {'見' * (MAX_HEADER_CELL_LENGTH + 1)} |\n"  # 9: the second header cell at column 7
        "|---|---|\n"
        "|  ok |   b\x07 |\n",  # 11: the second cell at column 11
    )
    assert problems(path) == [
        "9:7: error: table header cell 2 has 101 characters; the limit is 100 (the header repeats on every page: "
        "put long text in a row)",
    ]
    path.write_text(path.read_text(encoding="utf-8").replace("見見", ""), encoding="utf-8")
    warned = [(n.pos.line, n.pos.column, n.message) for n in read_source(path).notices if n.pos]
    assert warned == [
        (7, 1, CHARACTER.format(5).replace("U+0007", "U+000C")),
        (11, 11, CHARACTER.format(2)),
    ]
