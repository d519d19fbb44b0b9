"""Reading sources: every problem reported with its exact message, line and column.

Each fixture is a small YAML text written to ``tmp_path``; the expected positions
were counted by hand (1-based line and column, columns in characters). The lines
of each fixture are numbered in comments where it helps.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from exporter.errors import SourceError
from exporter.lint import check
from exporter.model import BulletList, Quote, Section, Table
from exporter.readers import read_source
from exporter.readers.yamlnodes import MAX_FILE_BYTES, MAX_NESTING
from exporter.theme import load_theme

ROOT = Path(__file__).resolve().parents[1]
EXPORTER = Path(sys.executable).with_name("exporter")

HEAD = "meta:\n  title: T\n  date: 2025-01-01\nbody:\n"
"""A valid start: lines 1-4; blocks begin on line 5, their '-' in column 3."""


def write(tmp_path: Path, text: str | bytes, name: str = "article.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def problems(tmp_path: Path, text: str | bytes) -> list[str]:
    """Every reported line for ``text``, without the leading ``path:``."""
    path = write(tmp_path, text)
    with pytest.raises(SourceError) as caught:
        read_source(path)
    lines = caught.value.lines()
    assert all(line.startswith(f"{path}:") for line in lines), lines
    assert str(caught.value) == "\n".join(lines)
    return [line.removeprefix(f"{path}:") for line in lines]


# -- missing fields -------------------------------------------------------------


def test_missing_meta_field_is_reported_where_the_mapping_starts(tmp_path: Path) -> None:
    text = "meta:\n  date: 2025-01-01\nbody:\n  - p\n"
    assert problems(tmp_path, text) == ["2:3: error: meta: missing required key 'title'"]


def test_missing_top_level_key(tmp_path: Path) -> None:
    assert problems(tmp_path, "meta:\n  title: T\n  date: 2025-01-01\n") == [
        "1:1: error: document: missing required key 'body'"
    ]
    assert problems(tmp_path, "body:\n  - p\n") == ["1:1: error: document: missing required key 'meta'"]


def test_a_tab_inside_a_plain_text_is_refused_as_pyyaml_refuses_it(tmp_path: Path) -> None:
    # libyaml alone would take 'a\tb'; the reader must not depend on which parser is installed
    assert problems(tmp_path, HEAD + "  - a\tb\n") == [
        "5:6: error: YAML syntax error: found character '\\t' that cannot start any token"
    ]
    loaded = read_source(write(tmp_path, HEAD + '  - "a\tb"\n'))  # inside quotes a tab is text
    assert loaded.intro[0].text == "a\tb"


def test_section_without_body(tmp_path: Path) -> None:
    assert problems(tmp_path, HEAD + "  - section: S\n") == ["5:5: error: section: missing required key 'body'"]


def test_table_without_rows(tmp_path: Path) -> None:
    text = HEAD + "  - table: t\n    header: [a]\n"
    assert problems(tmp_path, text) == ["5:5: error: table: missing required key 'rows'"]


def test_figure_without_label(tmp_path: Path) -> None:
    text = "meta:\n  title: T\n  date: 2025-01-01\nsummary:\n  figures:\n    - value: '2x'\nbody:\n  - p\n"
    assert problems(tmp_path, text) == ["6:7: error: figure: missing required key 'label'"]


# -- wrong types ----------------------------------------------------------------


def test_list_where_text_is_expected(tmp_path: Path) -> None:
    text = "meta:\n  title: [a, b]\n  date: 2025-01-01\nbody:\n  - p\n"
    assert problems(tmp_path, text) == ["2:10: error: meta 'title': expected text, found a list"]


def test_text_where_a_list_is_expected(tmp_path: Path) -> None:
    text = "meta:\n  title: T\n  date: 2025-01-01\nbody: hello\n"
    assert problems(tmp_path, text) == ["4:7: error: body: expected a list, found text 'hello'"]


def test_empty_title(tmp_path: Path) -> None:
    text = "meta:\n  title: ''\n  date: 2025-01-01\nbody:\n  - p\n"
    assert problems(tmp_path, text) == ["2:10: error: meta 'title': expected text, found an empty string"]


def test_nothing_where_text_is_expected(tmp_path: Path) -> None:
    text = "meta:\n  title:\n  date: 2025-01-01\nbody:\n  - p\n"
    # An empty value is a null scalar that starts right after "title:" (column 9).
    assert problems(tmp_path, text) == ["2:9: error: meta 'title': expected text, found nothing"]


def test_bad_date(tmp_path: Path) -> None:
    text = "meta:\n  title: T\n  date: soon\nbody:\n  - p\n"
    assert problems(tmp_path, text) == ["3:9: error: meta 'date': expected a date as YYYY-MM-DD"]


def test_table_key_must_be_true_or_false(tmp_path: Path) -> None:
    text = HEAD + "  - table: t\n    key: yes please\n    header: [a]\n    rows: [[x]]\n"
    assert problems(tmp_path, text) == ["6:10: error: table 'key': expected true or false, found text 'yes please'"]


def test_block_that_is_neither_text_nor_a_known_mapping(tmp_path: Path) -> None:
    assert problems(tmp_path, HEAD + "  - 42\n") == [
        "5:5: error: expected a paragraph (text) or a mapping with one of: "
        "section, quote, list, table, code, image, notes"
    ]


def test_empty_table_rows(tmp_path: Path) -> None:
    text = HEAD + "  - table: t\n    header: [a]\n    rows: []\n"
    assert problems(tmp_path, text) == [
        "7:11: error: table rows: expected a list with at least one entry, found an empty list"
    ]


# -- unknown keys ---------------------------------------------------------------


def test_unknown_key_with_did_you_mean(tmp_path: Path) -> None:
    text = "meta:\n  title: T\n  date: 2025-01-01\n  subtitel: S\nbody:\n  - p\n"
    assert problems(tmp_path, text) == ["4:3: error: meta: unknown key 'subtitel'; did you mean 'subtitle'?"]


def test_unknown_key_without_a_close_match_lists_the_known_keys(tmp_path: Path) -> None:
    text = "meta:\n  title: T\n  date: 2025-01-01\n  colour: red\nbody:\n  - p\n"
    assert problems(tmp_path, text) == [
        "4:3: error: meta: unknown key 'colour'; expected one of: "
        "title, date, subtitle, short_title, lang, author, source, keywords"
    ]


def test_misspelt_top_level_key_is_both_unknown_and_missing(tmp_path: Path) -> None:
    text = "meta:\n  title: T\n  date: 2025-01-01\nbdy:\n  - p\n"
    assert problems(tmp_path, text) == [
        "1:1: error: document: missing required key 'body'",
        "4:1: error: document: unknown key 'bdy'; did you mean 'body'?",
    ]


def test_unknown_quote_key(tmp_path: Path) -> None:
    text = HEAD + "  - quote: q\n    autor: A\n"
    assert problems(tmp_path, text) == ["6:5: error: quote: unknown key 'autor'; did you mean 'author'?"]


def test_misspelt_block_kind_gets_a_did_you_mean(tmp_path: Path) -> None:
    text = HEAD + "  - qoute: q\n    lang: en\n"
    assert problems(tmp_path, text) == ["5:5: error: block: unknown key 'qoute'; did you mean 'quote'?"]


def test_key_written_twice(tmp_path: Path) -> None:
    text = "meta:\n  title: T\n  title: U\n  date: 2025-01-01\nbody:\n  - p\n"
    assert problems(tmp_path, text) == ["3:3: error: meta: key 'title' appears twice (first on line 2)"]


# -- tables, ids, structure -----------------------------------------------------


def test_a_row_with_the_wrong_number_of_cells_is_padded_or_cut_with_a_warning(tmp_path: Path) -> None:
    text = HEAD + "  - table: t\n    header: [a, b]\n    rows:\n      - [1, 2]\n      - [1, 2, 3]\n      - [1]\n"
    # Lines 5 to 10; each row's '[' is in column 9.
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    document = read_source(path)
    (table,) = document.tables()
    assert table.rows == (("1", "2"), ("1", "2"), ("1", ""))
    assert [(n.pos.line, n.pos.column, n.message) for n in document.notices if n.pos] == [
        (9, 9, "table row 2 has 3 cells; the header has 2: the cells past column 2 are left out"),
        (10, 9, "table row 3 has 1 cell; the header has 2: the row is padded with empty cells"),
    ]
    assert table.padded == ((3, 1),)
    assert not [p for p in check(path, load_theme()) if "empty cell in" in p.message]  # warned of once, not twice


def test_duplicate_ids_point_at_the_second_and_name_the_first(tmp_path: Path) -> None:
    text = HEAD + "  - table: t\n    header: [a]\n    rows: [[x]]\n  - list: [a]\n    id: t\n"
    # The table's id is on line 5; the list's "id: t" is on line 9, its value in column 9.
    assert problems(tmp_path, text) == ["9:9: error: id 't' is already used on line 5; ids must be unique"]


def test_duplicate_section_ids(tmp_path: Path) -> None:
    text = HEAD + "  - section: A\n    id: s\n    body: [x]\n  - section: B\n    id: s\n    body: [y]\n"
    assert problems(tmp_path, text) == ["9:9: error: id 's' is already used on line 6; ids must be unique"]


def test_block_after_a_section(tmp_path: Path) -> None:
    text = HEAD + "  - section: S\n    body: [x]\n  - para\n"
    assert problems(tmp_path, text) == [
        "7:5: error: body: a paragraph after a section belongs inside that section's 'body'; "
        "expected only sections here"
    ]


def test_sections_nest_at_most_three_deep(tmp_path: Path) -> None:
    text = HEAD + (
        "  - section: a\n"  # 5
        "    body:\n"
        "      - section: b\n"  # 7
        "        body:\n"
        "          - section: c\n"  # 9
        "            body:\n"
        "              - section: d\n"  # 11, '-' in column 15
        "                body: [x]\n"
    )
    assert problems(tmp_path, text) == ["11:17: error: sections nest at most 3 deep; expected a block here"]


def test_summary_reference_to_an_unknown_id(tmp_path: Path) -> None:
    text = (
        "meta:\n  title: T\n  date: 2025-01-01\nsummary:\n  takeaways: nope\n"
        "body:\n  - table: t\n    header: [a]\n    rows: [[x]]\n"
    )
    assert problems(tmp_path, text) == ["5:14: error: no table has the id 'nope'; expected one of: t"]


def test_summary_reference_to_the_wrong_kind(tmp_path: Path) -> None:
    text = (
        "meta:\n  title: T\n  date: 2025-01-01\nsummary:\n  outlook: t\n"
        "body:\n  - table: t\n    header: [a]\n    rows: [[x]]\n"
    )
    assert problems(tmp_path, text) == ["5:12: error: 't' is a table; expected a list, one of: (none)"]


# -- empty and non-mapping documents --------------------------------------------

EMPTY = "1:1: error: the document is empty; expected a mapping with keys 'meta' and 'body'"


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_document(tmp_path: Path, text: str) -> None:
    assert problems(tmp_path, text) == [EMPTY]


def test_document_that_is_a_list(tmp_path: Path) -> None:
    assert problems(tmp_path, "- a\n- b\n") == ["1:1: error: document: expected a mapping, found a list"]


def test_document_that_is_a_scalar(tmp_path: Path) -> None:
    assert problems(tmp_path, "hello\n") == ["1:1: error: document: expected a mapping, found text 'hello'"]
    assert problems(tmp_path, "42\n") == ["1:1: error: document: expected a mapping, found a number (42)"]


# -- encoding, BOM, line endings, characters ------------------------------------


def test_not_utf8(tmp_path: Path) -> None:
    text = 'meta:\n  title: "café"\n'.encode("latin-1")
    assert problems(tmp_path, text) == ["2:14: error: byte 0xe9 is not UTF-8; save the file as UTF-8"]


def test_not_utf8_column_counts_characters_not_bytes(tmp_path: Path) -> None:
    text = "meta:\n  title: 日本語".encode() + b"\xff\n"
    assert problems(tmp_path, text) == ["2:13: error: byte 0xff is not UTF-8; save the file as UTF-8"]


def test_utf16_file_is_not_utf8(tmp_path: Path) -> None:
    assert problems(tmp_path, (HEAD + "  - p\n").encode("utf-16")) == [
        "1:1: error: byte 0xff is not UTF-8; save the file as UTF-8"
    ]


def test_bom_is_accepted_and_not_counted_in_columns(tmp_path: Path) -> None:
    document = read_source(write(tmp_path, "\ufeff" + HEAD + "  - p\n"))
    assert document.meta.title == "T"
    assert problems(tmp_path, "\ufeffmeta: x\nbody: [p]\n") == ["1:7: error: meta: expected a mapping, found text 'x'"]
    assert problems(tmp_path, b"\xef\xbb\xbfab\xff\n") == ["1:3: error: byte 0xff is not UTF-8; save the file as UTF-8"]


def test_crlf_line_endings_load_and_count_lines_like_lf(tmp_path: Path) -> None:
    text = HEAD + '  - "first"\n  - quote:\n      - "a"\n      - "b"\n    lang: en\n'
    document = read_source(write(tmp_path, text.replace("\n", "\r\n")))
    assert document.intro[0].text == "first"
    assert isinstance(document.intro[1], Quote)
    assert document.intro[1].paragraphs == ("a", "b")
    bad = "meta:\r\n  title: T\r\n  date: 2025-01-01\r\n  subtitel: S\r\nbody:\r\n  - p\r\n"
    assert problems(tmp_path, bad) == ["4:3: error: meta: unknown key 'subtitel'; did you mean 'subtitle'?"]


@pytest.mark.parametrize(("char", "code"), [("\x00", "0000"), ("\x07", "0007"), ("\x1b", "001B"), ("\x7f", "007F")])
def test_control_characters_are_refused_with_their_position(tmp_path: Path, char: str, code: str) -> None:
    assert problems(tmp_path, HEAD + "  - a" + char + "b\n") == [
        f"5:6: error: YAML error: character U+{code} is not allowed (special characters are not allowed); "
        "expected printable text"
    ]


# -- YAML syntax ----------------------------------------------------------------


def test_unclosed_quote_points_at_the_end_and_names_where_it_began(tmp_path: Path) -> None:
    text = 'meta:\n  title: "T\n  date: 2025-01-01\n'
    assert problems(tmp_path, text) == [
        "4:1: error: YAML syntax error: found unexpected end of stream "
        "(while scanning a quoted scalar that starts at line 2, column 10)"
    ]


def test_unclosed_flow_list(tmp_path: Path) -> None:
    assert problems(tmp_path, HEAD + "  - [a, b\n") == [
        "6:1: error: YAML syntax error: expected ',' or ']', but got '<stream end>' "
        "(while parsing a flow sequence that starts at line 5, column 5)"
    ]


def test_unquoted_colon_space_in_a_value(tmp_path: Path) -> None:
    text = "meta:\n  title: 分析: 中国\n  date: 2025-01-01\nbody:\n  - p\n"
    assert problems(tmp_path, text) == [
        "2:12: error: YAML syntax error: mapping values are not allowed here; "
        "expected text containing ': ' or ending with ':' to be in quotes"
    ]


def test_unquoted_label_ending_with_a_colon(tmp_path: Path) -> None:
    text = HEAD + "  - quote: q\n    label: 重要な発見:\n"
    # "    label: " is 11 characters and 重要な発見 5 more: the colon is in column 17.
    assert problems(tmp_path, text) == [
        "6:17: error: YAML syntax error: mapping values are not allowed here; "
        "expected text containing ': ' or ending with ':' to be in quotes"
    ]


def test_unquoted_paragraph_with_colon_space_reads_as_a_mapping(tmp_path: Path) -> None:
    assert problems(tmp_path, HEAD + "  - 分析: 中国\n") == [
        "5:5: error: block: unknown key '分析'; expected one of: section, quote, list, table, code, image, notes "
        "(a paragraph containing ': ' must be in quotes)"
    ]


def test_bad_indentation(tmp_path: Path) -> None:
    text = "meta:\n  title: T\n date: 2025-01-01\nbody:\n  - p\n"
    assert problems(tmp_path, text) == [
        "3:2: error: YAML syntax error: expected <block end>, but found '<block mapping start>' "
        "(while parsing a block mapping that starts at line 1, column 1)"
    ]


def test_tab_indentation(tmp_path: Path) -> None:
    assert problems(tmp_path, "meta:\n\ttitle: T\n") == [
        "2:1: error: YAML syntax error: found character '\\t' that cannot start any token"
    ]


def test_several_documents(tmp_path: Path) -> None:
    assert problems(tmp_path, "meta: 1\n---\nmeta: 2\n") == [
        "2:1: error: YAML syntax error: several YAML documents in one file; expected one"
    ]


# -- tags, anchors, aliases, size, nesting --------------------------------------


def test_python_tag_is_refused_and_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = HEAD + f'  - !!python/object/apply:os.system ["touch {marker}"]\n'
    assert problems(tmp_path, text) == [
        "5:5: error: YAML tag !!python/object/apply:os.system is not allowed; use plain values"
    ]
    assert not marker.exists()


def test_custom_and_binary_tags_are_refused_wherever_they_are(tmp_path: Path) -> None:
    text = "meta:\n  title: !custom T\n  !k date: 2025-01-01\nbody:\n  - !!binary aGk=\n"
    assert problems(tmp_path, text) == [
        "2:10: error: YAML tag !custom is not allowed; use plain values",
        "3:3: error: YAML tag !k is not allowed; use plain values",
        "5:5: error: YAML tag !!binary is not allowed; use plain values",
    ]


def test_plain_str_tag_is_allowed(tmp_path: Path) -> None:
    document = read_source(write(tmp_path, HEAD + "  - !!str 42\n"))
    assert document.intro[0].text == "42"


def test_anchor_and_alias_are_refused(tmp_path: Path) -> None:
    text = "meta: &m\n  title: T\n  date: 2025-01-01\nbody:\n  - *m\n"
    assert problems(tmp_path, text) == [
        "1:7: error: anchors (&m) are not supported; write the value out",
        "5:5: error: aliases (*m) are not supported; write the value out",
    ]


def test_alias_bomb_is_refused_without_expanding(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    found = problems(tmp_path, "\n".join(lines) + "\n")
    assert len(found) == 9 + 8 * 9  # each anchor and each alias once; nothing expanded
    assert found[:3] == [
        "1:4: error: anchors (&a) are not supported; write the value out",
        "2:4: error: anchors (&b) are not supported; write the value out",
        "2:8: error: aliases (*a) are not supported; write the value out",
    ]


def test_file_too_large(tmp_path: Path) -> None:
    text = b"# " + b"x" * (MAX_FILE_BYTES - 2) + b"\n"
    assert problems(tmp_path, text) == ["1:1: error: file is 8,388,609 bytes; the limit is 8,388,608 bytes"]


def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path: Path) -> None:
    text = "meta: " + "[" * 5000 + "]" * 5000 + "\n"
    # The root mapping is level 1, so the 64th '[' (column 6 + 64) is level 65.
    assert problems(tmp_path, text) == [
        f"1:{6 + MAX_NESTING}: error: nesting is deeper than {MAX_NESTING} levels; expected a flatter structure"
    ]


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_source(tmp_path / "nope.yaml")
    assert caught.value.lines() == [f"{tmp_path / 'nope.yaml'}:1:1: error: no such file"]
    with pytest.raises(SourceError) as caught:
        read_source(tmp_path)
    assert caught.value.lines() == [f"{tmp_path}:1:1: error: is a folder; expected a YAML file"]


# -- every problem at once ------------------------------------------------------


def test_every_problem_in_a_file_is_reported_in_file_order(tmp_path: Path) -> None:
    text = (
        "meta:\n"  # 1
        "  title: [T]\n"  # 2  wrong type, value at column 10
        "  date: 2025-01-01\n"  # 3
        "  subtitel: S\n"  # 4  unknown key
        "summary:\n"  # 5
        "  takeaways: nope\n"  # 6  unknown id, value at column 14
        "body:\n"  # 7
        "  - quote: q\n"  # 8
        "    autor: A\n"  # 9  unknown key ...
        "    lang: [en]\n"  # 10 ... and, in the same mapping, a wrong type at column 11
        "  - table: t\n"  # 11
        "    header: [a, b]\n"  # 12
        "    rows:\n"  # 13
        "      - [x, y, z]\n"  # 14 three cells: a warning
        "  - list: [i]\n"  # 15
        "    id: t\n"  # 16 duplicate id, value at column 9
    )
    assert problems(tmp_path, text) == [
        "2:10: error: meta 'title': expected text, found a list",
        "4:3: error: meta: unknown key 'subtitel'; did you mean 'subtitle'?",
        "6:14: error: no table has the id 'nope'; expected one of: (none)",
        "9:5: error: quote: unknown key 'autor'; did you mean 'author'?",
        "10:11: error: quote 'lang': expected text, found a list",
        "16:9: error: id 't' is already used on line 11; ids must be unique",
    ]


# -- the real source ------------------------------------------------------------


def test_the_article_loads() -> None:
    document = read_source(ROOT / "source" / "article.yaml")
    assert document.meta.title == "「侮られた国」の逆転劇"
    assert document.meta.lang == "ja"
    assert str(document.meta.date) == "2025-12-08"
    tables = list(document.tables())
    assert len(tables) == 7
    assert all(t.key and t.headline for t in tables)
    assert all(len(row) == len(t.header) for t in tables for row in t.rows)

    summary = document.summary
    assert isinstance(summary.takeaways, Table)
    assert summary.takeaways.id == "key-takeaways"
    assert summary.takeaways.caption == "Key Takeaways"
    assert isinstance(summary.outlook, BulletList)
    assert summary.outlook.id == "outlook"
    assert [s.id for s in summary.implications] == ["implication-1", "implication-2", "implication-3"]
    assert all(isinstance(s, Section) for s in summary.implications)
    assert summary.before is not None and summary.before.id == "forecast-2024"
    assert summary.after is not None and summary.after.id == "reality-2025"
    assert len(summary.figures) == 5
    # The summary points at the very objects of the body, not copies.
    assert any(t is summary.takeaways for t in tables)

    post = document.intro[2]
    assert isinstance(post, Quote)
    assert post.lang == "en"
    assert post.attribution == "— Chubby♨️ (@kimmonismus) 2025年12月7日"


# -- the command line -----------------------------------------------------------


def run_pdf(source_path: Path, output: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [str(EXPORTER), "pdf", str(source_path), "-o", str(output)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
        check=False,
    )


BAD_SOURCE = "meta:\n  title: [T]\n  date: 2025-01-01\n  subtitel: S\nbody:\n  - table: t\n    header: [a]\n"


def test_cli_reports_every_problem_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    bad = write(tmp_path, BAD_SOURCE, "bad.yaml")
    output = tmp_path / "out" / "bad.pdf"
    result = run_pdf(bad, output)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{bad}:2:10: error: meta 'title': expected text, found a list",
        f"{bad}:4:3: error: meta: unknown key 'subtitel'; did you mean 'subtitle'?",
        f"{bad}:6:5: error: table: missing required key 'rows'",
    ]
    assert result.stdout == ""
    assert not output.exists()
    assert not output.parent.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"- a list\n",
        b"meta: [\n",
        b'meta: "caf\xe9"\n',
        b"meta: !!python/object/apply:os.system ['true']\n",
        b"a: &a [x]\nb: *a\n",
        b"meta:\n  title: a\x07b\n",
        b"meta: " + b"[" * 5000 + b"\n",
    ],
    ids=["empty", "list", "syntax", "latin1", "python-tag", "alias", "control", "deep"],
)
def test_cli_leaves_an_existing_output_untouched(tmp_path: Path, content: bytes) -> None:
    bad = write(tmp_path, content, "bad.yaml")
    output = tmp_path / "article.pdf"
    previous = b"%PDF-1.7 the previous brief\n"
    output.write_bytes(previous)
    result = run_pdf(bad, output)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{bad}:"), result.stderr
    assert ": error: " in result.stderr
    assert output.read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.pdf", "bad.yaml"]


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2200-01-01", "meta 'date': the year 2200 is out of range; expected 1980 to 2107"),
        ("20251208", "meta 'date': expected a date as YYYY-MM-DD"),
        ("2025-W01-1", "meta 'date': expected a date as YYYY-MM-DD"),
    ],
)
def test_dates_are_yyyy_mm_dd_within_what_a_deck_can_carry(tmp_path: Path, date: str, message: str) -> None:
    assert problems(tmp_path, HEAD.replace("2025-01-01", date) + "  - p\n") == [f"3:9: error: {message}"]


def test_an_unnamed_section_does_not_take_an_id_the_source_uses(tmp_path: Path) -> None:
    text = (
        HEAD.replace("body:\n", "summary:\n  outlook: section-1\nbody:\n")
        + "  - section: S\n    body:\n      - list: [a]\n        id: section-1\n"
    )
    document = read_source(write(tmp_path, text))
    assert document.sections[0].id == "section-1"
    assert document.summary.outlook.items == ("a",)


def test_nested_list_items_are_among_the_printed_texts(tmp_path: Path) -> None:
    """The brief is checked before the rename for every printed text: nested items included."""
    text = "meta:\n  title: T\n  date: 2025-01-01\nbody:\n  - list: [親の項目, [子の項目, [孫の項目]], 次の項目]\n"
    printed = [(t, what) for t, _, what in read_source(write(tmp_path, text)).printed_texts()]
    assert [p for p in printed if p[1].endswith("list item 1") or p[1].endswith("list item 2")] == [
        ("親の項目", "list item 1"),
        ("子の項目", "nested list item 1"),
        ("孫の項目", "nested list item 1"),
        ("次の項目", "list item 2"),
    ]
