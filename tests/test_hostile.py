"""Hostile and broken input, and output problems: a correct file or a clean error, never a crash.

Each case goes through the CLI: exit status 2, every message with ``path:line:col``, no
traceback, nothing written; or a file that reads back. Output failures leave the
previous file as it was and no temporary file behind.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from pptx import Presentation

from exporter import output
from exporter.cli import main
from exporter.errors import OutputError
from exporter.readers import read_source
from exporter.readers.yamlnodes import MAX_FILE_CHARACTERS
from exporter.validate import (
    MAX_HEADER_CELL_LENGTH,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
    MAX_TEXT_LENGTH,
    MAX_TOTAL_TEXT,
)
from readback import deck_text, pdf_text, powerpoint_findings

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "source" / "article.yaml"
EXPORTER = Path(sys.executable).with_name("exporter")
HEAD = "meta:\n  title: t\n  date: 2025-01-01\nbody:\n"


def _run(tmp: Path, text: str | bytes, command: str) -> tuple[int, str, Path]:
    path = tmp / "doc.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    out = tmp / f"out.{command}"
    result = CliRunner().invoke(main, [command, str(path), "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output, out


BROKEN = {
    "syntax": HEAD + '  - "unclosed\n',
    "wrong type": "meta: 3\nbody: [x]\n",
    "unknown key": HEAD + "  - x\nextra: 1\n",
    "missing field": "meta:\n  title: t\nbody: [x]\n",
    "empty": "",
    "a list": "- a\n- b\n",
    "a scalar": "hello\n",
    "not utf-8": b"meta:\n  title: \xff\n",
    "python tag": HEAD + "  - !!python/object/apply:os.system [echo]\n",
    "custom tag": HEAD + "  - !custom x\n",
    "alias bomb": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
    "text too long": HEAD + f'  - "{"あ" * (MAX_TEXT_LENGTH + 1)}"\n',
    "megabytes in a paragraph": HEAD + f'  - "{"x" * 2_100_000}"\n',
    "megabytes of markup": HEAD + f'  - "{"**a** " * 340_000}"\n',  # refused unparsed (28 s to parse)
    "markup in many paragraphs": HEAD + f'  - "{"**a** " * 3_000}"\n' * 120,  # each under the limit of a text
    "too much text": HEAD + "".join(f'  - "{"い" * 10_000}"\n' for _ in range(MAX_TOTAL_TEXT // 10_000 + 1)),
    "too many rows": HEAD + "  - table: t\n    header: [a]\n    rows:\n" + "      - [x]\n" * (MAX_TABLE_ROWS + 1),
    "too many columns": HEAD
    + f"  - table: t\n    header: [{', '.join(['h'] * (MAX_TABLE_COLUMNS + 1))}]\n    rows:\n"
    + f"      - [{', '.join(['x'] * (MAX_TABLE_COLUMNS + 1))}]\n",
    "header cell too long": HEAD
    + f'  - table: t\n    header: [a, "{"見" * (MAX_HEADER_CELL_LENGTH + 1)}"]\n'
    + "    rows:\n      - [x, y]\n",
}


@pytest.mark.parametrize("command", ["pdf", "pptx"])
@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_broken_input_is_a_clean_positioned_error(tmp_path: Path, case: str, command: str) -> None:
    started = time.perf_counter()
    code, text, out = _run(tmp_path, BROKEN[case], "slides" if command == "pptx" else command)
    assert time.perf_counter() - started < 10
    assert code == 2
    assert "Traceback" not in text
    lines = text.splitlines()
    assert lines and all(line.startswith(f"{tmp_path / 'doc.yaml'}:") and ": error: " in line for line in lines)
    assert not out.exists()


@pytest.mark.parametrize("suffix", [".yaml", ".md"])
def test_a_file_dense_with_markup_is_refused_before_it_is_parsed(tmp_path: Path, suffix: str) -> None:
    """Parsing 2,160,000 characters of ``**a**`` would take some 15 s; the file is refused in a moment,
    at the character where what is read ends."""
    path = tmp_path / f"doc{suffix}"
    body = "\n\n".join(["**a** " * 3_000] * 120)
    path.write_text(HEAD + f'  - "{body}"\n' if suffix == ".yaml" else f"# t\n\n{body}\n", encoding="utf-8")
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["check", str(path)])
    assert time.perf_counter() - started < 2
    assert result.exit_code == 2
    assert "the file has" in result.output and f"at most {MAX_FILE_CHARACTERS:,} are read" in result.output
    line = path.read_text(encoding="utf-8")[:MAX_FILE_CHARACTERS].count("\n") + 1
    assert result.output.startswith(f"{path}:{line}:")


LEFT_OUT = {
    "escaped control": HEAD + '  - "bell \\x07 here"\n',
    "escaped DEL": HEAD + '  - "del \\x7f here"\n',
    "lone surrogate": HEAD + '  - "half \\ud83d of a pair"\n',
    "U+FFFF": HEAD + '  - "x\\uffff"\n',
}
"""Characters XML cannot hold, written as YAML escapes: left out of both files, with a warning."""


@pytest.mark.parametrize("command", ["pdf", "pptx"])
@pytest.mark.parametrize("case", LEFT_OUT, ids=list(LEFT_OUT))
def test_characters_xml_cannot_hold_are_left_out_of_both_files(tmp_path: Path, case: str, command: str) -> None:
    code, text, out = _run(tmp_path, LEFT_OUT[case], "slides" if command == "pptx" else command)
    assert code == 0, text
    written = " ".join((pdf_text(out) if command == "pdf" else deck_text(out, notes=True)).split())
    kept = {"escaped control": "bell here", "escaped DEL": "del here", "lone surrogate": "half of a pair"}
    assert kept.get(case, "x") in written


def test_left_out_characters_are_named_with_their_position(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(LEFT_OUT["lone surrogate"], encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0
    assert result.stdout == (  # the language found is a note on stderr
        f"{path}:5:5: warning: character U+D83D (character 6 of this text) cannot be written "
        "to a PDF or a deck; it is left out\n"
    )


def test_limits_say_what_the_limit_is(tmp_path: Path) -> None:
    _, text, _ = _run(tmp_path, BROKEN["too many rows"], "pdf")
    assert f":8:7: error: table rows: 2,001 rows; the limit is {MAX_TABLE_ROWS:,} (split the table)" in text
    _, text, _ = _run(tmp_path, BROKEN["header cell too long"], "pdf")
    assert ":6:17: error: table header cell 2 has 101 characters; the limit is 100 (the header repeats" in text
    _, text, _ = _run(tmp_path, HEAD + f'  - "{"x" * 100_000}"\n', "pdf")
    assert ":5:5: error: this text has 100,000 characters; the limit is 20,000 per text" in text
    _, text, _ = _run(tmp_path, BROKEN["megabytes in a paragraph"], "pdf")  # 2,000,000 characters end on line 5
    assert ":5:1999959: error: the file has 2,100,049 characters; at most 2,000,000 are read" in text


@pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
def test_bom_and_crlf_are_read(tmp_path: Path, ending: str, bom: bytes) -> None:
    text = (HEAD + '  - "本文です。"\n').replace("\n", ending)
    path = tmp_path / "doc.yaml"
    path.write_bytes(bom + text.encode())
    assert read_source(path).intro[0].text == "本文です。"


HOSTILE_TEXT = [
    "<b>bold</b> <script>alert(1)</script> &amp; <img src=file:///etc/passwd>",
    "</style><style>* { display: none }</style> url(file:///etc/passwd) @import 'x';",
    "{{ 7 * 7 }} {% raw %} ${x} %s",
    "zero\u200bwidth\u200djoin \u202ereversed\u202c \u2066isolate\u2069 שלום",
    "emoji 😀👍🏽 ♨️",
]


def _squash(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and c not in "\u200b\u200d\u202e\u202c\u2066\u2069\ufe0f")


@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=["html", "css", "templates", "invisible", "emoji"])
def test_markup_and_odd_characters_are_printed_literally_in_both_outputs(tmp_path: Path, text: str) -> None:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    doc = (
        HEAD
        + f'  - "{quoted}"\n  - table: t\n    key: true\n    headline: "{quoted}"\n    header: [a, b]\n'
        + f'    rows:\n      - ["{quoted}", x]\n'
    )
    code, messages, pdf = _run(tmp_path, doc, "pdf")
    assert code == 0, messages
    if "😀" not in text and "ש" not in text:  # glyphs outside the bundled faces come back in visual order
        assert _squash(text) in _squash(pdf_text(pdf))
    code, messages, deck = _run(tmp_path, doc, "slides")
    assert code == 0, messages
    assert _squash(text) in _squash(deck_text(deck))
    assert powerpoint_findings(deck) == []


def test_a_carriage_return_reaches_the_notes_as_python_pptx_writes_it(tmp_path: Path) -> None:
    """The notes pages are built without python-pptx's ``text_frame.text``, but write a control
    character XML can hold (a carriage return, allowed in a text) as it does: ``_x000D_``."""
    text = ARTICLE.read_text(encoding="utf-8").replace('"この衝撃的な分析は、', '"この衝撃的な分析は、\\r', 1)
    code, messages, deck = _run(tmp_path, text, "slides")
    assert code == 0, messages
    frames = [s.notes_slide.notes_text_frame for s in Presentation(str(deck)).slides if s.has_notes_slide]
    notes = [run.text for frame in frames for paragraph in frame.paragraphs for run in paragraph.runs]
    assert any(run.startswith("この衝撃的な分析は、_x000D_AI業界") for run in notes), notes


def test_a_very_long_unbroken_string_wraps_inside_the_page(tmp_path: Path) -> None:
    long = "a" * 3000
    doc = HEAD + f'  - "{long}"\n  - section: "{"S" * 200}"\n    body:\n      - table: t\n        header: [a, b]\n'
    doc += f'        rows:\n          - ["{"b" * 500}", x]\n'
    code, messages, pdf = _run(tmp_path, doc, "pdf")
    assert code == 0, messages
    document = pdfium.PdfDocument(str(pdf))
    for index in range(len(document)):
        page = document[index]
        width, _ = page.get_size()
        textpage = page.get_textpage()
        right = max((textpage.get_charbox(i)[2] for i in range(textpage.count_chars())), default=0)
        assert right <= width - 40, f"page {index + 1}: text runs to {right:.0f} pt of {width:.0f}"


def test_a_long_table_paginates_and_continues_on_further_slides(tmp_path: Path) -> None:
    rows = "".join(f'      - ["行{i}", "セル内容{i}です", "{i * 3}"]\n' for i in range(300))
    doc = HEAD + f"  - table: t\n    key: true\n    headline: 長い表\n    header: [a, b, c]\n    rows:\n{rows}"
    code, messages, pdf = _run(tmp_path, doc, "pdf")
    assert code == 0, messages
    assert len(pdfium.PdfDocument(str(pdf))) > 5
    code, messages, deck = _run(tmp_path, doc, "slides")
    assert code == 0, messages
    assert len(Presentation(str(deck)).slides) > 10


# -- output problems ---------------------------------------------------------------------------


def _write_text(path: Path) -> None:
    path.write_text("new")


def _fine(path: Path) -> None:
    return None


def test_a_missing_output_folder_is_created(tmp_path: Path) -> None:
    output.write_atomically(tmp_path / "no" / "out" / "out.pdf", _write_text, _fine)
    assert (tmp_path / "no" / "out" / "out.pdf").is_file()


def test_build_creates_out_beside_the_source(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text("# A note\n\nText.\n", encoding="utf-8")
    result = subprocess.run([str(EXPORTER), "build", "doc.md"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["doc.pdf", "doc.pptx"]


def test_output_folder_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        output.write_atomically(tmp_path / "file" / "out.pdf", _write_text, _fine)


def test_output_path_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        output.write_atomically(tmp_path, _write_text, _fine)


def _previous(tmp_path: Path) -> Path:
    target = tmp_path / "out.pdf"
    target.write_text("previous")
    return target


def _assert_untouched(tmp_path: Path, target: Path) -> None:
    assert target.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _previous(tmp_path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match=r"cannot write in .* \(Permission denied\); nothing was changed"):
        output.write_atomically(target, _write_text, _fine)
    _assert_untouched(tmp_path, target)


@pytest.mark.parametrize("where", ["write", "replace"])
def test_disk_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    target = _previous(tmp_path)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "replace":
        monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OutputError, match=r"could not be written \(the disk is full\); the previous file is unchanged"):
        output.write_atomically(target, full if where == "write" else _write_text, _fine)
    _assert_untouched(tmp_path, target)


def test_a_file_that_fails_verification_is_never_put_in_place(tmp_path: Path) -> None:
    target = _previous(tmp_path)

    def broken(path: Path) -> None:
        raise OutputError(f"{path}: broken")

    with pytest.raises(OutputError, match="broken"):
        output.write_atomically(target, _write_text, broken)
    _assert_untouched(tmp_path, target)


def test_a_truncated_pdf_fails_the_readback(tmp_path: Path) -> None:
    from exporter.pdf.readback import verify_pdf

    code, messages, pdf = _run(tmp_path, HEAD + '  - "x"\n', "pdf")
    assert code == 0, messages
    verify_pdf(pdf, 1)
    with pytest.raises(OutputError, match="has 1 pages, expected 2"):
        verify_pdf(pdf, 2)
    pdf.write_bytes(pdf.read_bytes()[:2000])
    with pytest.raises(OutputError, match="does not re-open"):
        verify_pdf(pdf, 1)


def test_two_runs_writing_the_same_output_at_once(tmp_path: Path) -> None:
    out = tmp_path / "same.pdf"
    runs = [
        subprocess.Popen(
            [EXPORTER, "pdf", ARTICLE, "-o", out], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err.decode()
    assert len(pdfium.PdfDocument(str(out))) >= 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.pdf"]
