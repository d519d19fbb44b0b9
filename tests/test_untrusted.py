"""Brand kits and sources from anywhere: templates, theme words, language tags, front matter, links.

A project's ``templates/``, a theme's folder and a source may come from a download. Each case
goes through the CLI: a refusal is exit status 2 with ``path:line:col: error: …``, no traceback,
nothing written, and nothing read from outside the project or the template folders — a canary
file beside the project never shows up in what is printed or written.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from exporter.cli import main
from exporter.errors import Problem
from exporter.project import DEFAULTS, LOCALES
from exporter.readers import read_source
from exporter.report import SHOWN, problem_lines
from exporter.theme import NUMBERED, field_problem, numbered
from readback import deck_text, pdf_text

ROOT = Path(__file__).resolve().parents[1]
EXPORTER = Path(sys.executable).with_name("exporter")
SECRET = "canary-7f1c2e"
"""Written only outside the project: any output or message holding it read what it must not."""


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    """A file beside the project (``project`` is ``tmp_path`` itself): an article holding ``SECRET``."""
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    path = outside / "secret.yaml"
    path.write_text(f"meta:\n  title: {SECRET}\n  date: 2025-01-01\nbody:\n  - {SECRET}\n", encoding="utf-8")
    return path


def invoke(project: Path, *args: str) -> Result:
    """``exporter *args`` run in ``project``, in this process."""
    here = Path.cwd()
    os.chdir(project)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(here)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def refused(result: Result, where: str, project: Path, before: tuple[Path, ...] = ()) -> str:
    """The output of a clean refusal at ``where`` (``path:line:col: error: …``); nothing was written
    in ``out/`` but what was there ``before``."""
    assert result.exit_code == 2, result.output
    assert f"{where}: error: " in result.output, result.output
    assert "Traceback" not in result.output and SECRET not in result.output
    assert sorted((project / "out").iterdir()) == sorted(before)
    return result.output


def project_template(project: Path, name: str, text: str) -> Path:
    (project / "templates").mkdir(exist_ok=True)
    path = project / "templates" / name
    path.write_text(text, encoding="utf-8")
    return path.resolve()


# -- templates: Jinja's sandbox and the loader -------------------------------------------------

ESCAPES = {
    "builtins open": '{{ self.__init__.__globals__.__builtins__.open("CANARY").read() }}',
    "os.popen": '{{ self.__init__.__globals__.__builtins__.__import__("os").popen("cat CANARY").read() }}',
    "subclasses": '{{ "".__class__.__mro__[1].__subclasses__() }}',
    "cycler": '{{ cycler.__init__.__globals__.os.popen("cat CANARY").read() }}',
    "joiner": '{{ joiner.__init__.__globals__.os.popen("cat CANARY").read() }}',
    "namespace": '{{ namespace.__init__.__globals__.os.popen("cat CANARY").read() }}',
    "template context": "{{ self._TemplateReference__context.cycler.__init__.__globals__ }}",
    "str.format": '{{ "{0.__class__.__init__.__globals__}".format(doc) }}',
    "attr filter": '{{ (doc | attr("__class__")).__init__ }}',
    "include a path": '{% include "CANARY" %}',
    "import a parent": '{% import "../parent.j2" as parent %}',
    "repetition": '{{ "a" * 10**10 }}',
    "power": "{{ 7 ** 10000000000 }}",
    "recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "endless output": '{% for i in range(99999) %}{% for j in range(99999) %}{{ "x" * 999 }}{% endfor %}{% endfor %}',
}


@pytest.mark.parametrize("escape", ESCAPES.values(), ids=ESCAPES.keys())
def test_a_project_template_cannot_run_code_or_read_files(project: Path, canary: Path, escape: str) -> None:
    (project / "parent.j2").write_text(SECRET, encoding="utf-8")  # in the project, but no template
    template = project_template(project, "brief.html.j2", "<p>\n" + escape.replace("CANARY", str(canary)))
    message = refused(invoke(project, "pdf"), f"{template}:2:1", project)
    assert ": error: template: " in message


RUNTIME_ONLY = {"repetition", "power", "recursion", "endless output"}
"""What a template does only when it runs: ``exporter pdf`` refuses it, ``check`` cannot see it."""


@pytest.mark.parametrize("escape", [k for k in ESCAPES if k not in RUNTIME_ONLY])
def test_check_foretells_what_the_sandbox_refuses(project: Path, canary: Path, escape: str) -> None:
    (project / "parent.j2").write_text(SECRET, encoding="utf-8")
    template = project_template(project, "brief.html.j2", "<p>\n" + ESCAPES[escape].replace("CANARY", str(canary)))
    assert ": error: template: " in refused(invoke(project, "check"), f"{template}:2:1", project)
    found = json.loads(invoke(project, "check", "--format", "json").output)
    assert {(p["path"], p["line"], p["severity"]) for p in found} == {(str(template), 2, "error")}
    assert all(p["message"].startswith("template: ") for p in found)


def test_check_reads_exporters_own_templates_without_jinja(project: Path) -> None:
    imported = subprocess.run(
        [sys.executable, "-X", "importtime", str(EXPORTER), "check"], cwd=project, capture_output=True, text=True
    )
    assert imported.returncode == 0 and " jinja2\n" not in imported.stderr


def test_a_theme_kits_templates_are_sandboxed_too(project: Path, canary: Path) -> None:
    kit = project / "kit"
    kit.mkdir()
    shutil.copy(DEFAULTS / "theme.yaml", kit / "theme.yaml")
    escape = "@page { }\n" + ESCAPES["cycler"].replace("CANARY", str(canary))
    (kit / "brief.css.j2").write_text(escape, encoding="utf-8")
    where = f"{(kit / 'brief.css.j2').resolve()}:2:1"
    message = refused(invoke(project, "pdf", "--theme", "kit/theme.yaml"), where, project)
    assert "access to attribute '__init__'" in message


@pytest.mark.parametrize("command", ["pdf", "slides", "check"])
def test_a_template_linked_out_of_its_folder_is_refused(project: Path, canary: Path, command: str) -> None:
    (project / "templates").mkdir()
    link = project / "templates" / "brief.html.j2"
    link.symlink_to(canary)
    message = refused(invoke(project, command), f"{link.parent.resolve() / link.name}:1:1", project)
    assert f"is a link to {canary}, outside its template folder" in message


def test_a_template_may_include_its_kits_other_templates(project: Path) -> None:
    """What a template legitimately does still works in the sandbox: includes, macros, loops,
    namespaces, cycler, exporter's filters, bounded repetition."""
    page = (DEFAULTS / "brief.html.j2").read_text(encoding="utf-8")
    project_template(project, "brief.html.j2", page.replace("</main>", '</main>{% include "extra.j2" %}'))
    project_template(
        project,
        "extra.j2",
        "{% set ns = namespace(count=0) %}{% for s in doc.sections %}{% set ns.count = ns.count + 1 %}{% endfor %}"
        '<p>Kit {{ ns.count }} sections, {{ theme.words.table | numbered(n=7) }}, {{ cycler("odd", "even").next() }}'
        ' {{ "ab" * 2 }}</p>',
    )
    result = invoke(project, "pdf")
    assert result.exit_code == 0, result.output
    sections = len(read_source(project / "source" / "article.yaml").sections)
    assert f"Kit {sections} sections, 表7, odd abab" in pdf_text(project / "out" / "article.pdf")


def test_a_theme_linked_out_of_its_folder_is_refused(project: Path, canary: Path) -> None:
    kit = project / "kit"
    kit.mkdir()
    (kit / "theme.yaml").symlink_to(canary)
    message = refused(invoke(project, "slides", "--theme", "kit/theme.yaml"), "kit/theme.yaml:1:1", project)
    assert "is a link to" in message


# -- the theme's numbered words ----------------------------------------------------------------

THEME = (DEFAULTS / "theme.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("({n.__class__.__mro__}/{total})", "'{n.__class__.__mro__}' is not a field of this word"),
        ("({x})", "'{x}' is not a field of this word; expected {n} and {total}"),
        ("({n:>1999999999}/{total})", "'{n:>1999999999}' is not a field"),
        ("({n!r}/{total})", "'{n!r}' is not a field"),
        ("({n[0]}/{total})", "'{n[0]}' is not a field"),
        ("({0}/{total})", "'{0}' is not a field"),
        ("({n}/{total)", "a lone '{'"),
        ("{n}/{total}}", "a lone '}'"),
    ],
)
def test_a_numbered_word_holds_only_its_fields(project: Path, word: str, expected: str) -> None:
    theme = project / "theme.yaml"
    theme.write_text(THEME + f'words:\n  part: "{word}"\n', encoding="utf-8")
    line = THEME.count("\n") + 2
    started = time.perf_counter()
    result = invoke(project, "check", "--theme", "theme.yaml")
    assert time.perf_counter() - started < 10
    message = refused(result, f"theme.yaml:{line}:9", project)
    assert f"theme 'words.part': {expected}" in message


def test_numbered_words_are_filled_without_str_format(project: Path) -> None:
    assert numbered("[{n} of {total}] {{x}}", n=1, total=2) == "[1 of 2] {x}"
    assert numbered("Diagram ({tool})", tool="Mermaid") == "Diagram (Mermaid)"
    assert field_problem("[{n} of {total}] {{x}}", NUMBERED["part"]) is None
    assert field_problem("Table {total}", NUMBERED["table"]) is not None
    assert field_problem("Diagram ({tool.__class__})", NUMBERED["diagram"]) is not None
    rows = "".join(f'      - ["City {i}", "{i * 3}"]\n' for i in range(40))
    table = f"  - table: long\n    key: true\n    headline: Long.\n    header: [City, Value]\n    rows:\n{rows}"
    (project / "source" / "article.yaml").write_text(
        f"meta:\n  title: Long\n  date: 2025-01-01\n  lang: en\nbody:\n{table}", encoding="utf-8"
    )
    (project / "theme.yaml").write_text(THEME + 'words:\n  part: "[{n} of {total}] {{x}}"\n', encoding="utf-8")
    result = invoke(project, "slides", "--theme", "theme.yaml")
    assert result.exit_code == 0, result.output
    text = deck_text(project / "out" / "article.pptx")
    assert "[1 of " in text and "[2 of " in text and "] {x}" in text


@pytest.mark.parametrize("locale", sorted(LOCALES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_locales_numbered_words_hold_only_their_fields(locale: Path) -> None:
    import yaml

    words = yaml.safe_load(locale.read_text(encoding="utf-8"))["words"]
    for key, fields in NUMBERED.items():
        assert field_problem(words[key], fields) is None, (key, words[key])


@pytest.mark.parametrize(
    ("line", "where", "expected"),
    [
        ('organisation: "bell \\x07"', (0, 15), "theme 'organisation': character U+0007 cannot be written"),
        ('confidentiality: "\\ud800"', (0, 18), "theme 'confidentiality': character U+D800 cannot be written"),
        ('words:\n  outlook: "\\x7f"', (1, 12), "theme 'words.outlook': character U+007F cannot be written"),
    ],
)
def test_theme_words_the_files_cannot_hold_are_refused(
    project: Path, line: str, where: tuple[int, int], expected: str
) -> None:
    (project / "theme.yaml").write_text(THEME + line + "\n", encoding="utf-8")
    at = f"theme.yaml:{THEME.count(chr(10)) + 1 + where[0]}:{where[1]}"
    for command in ("check", "slides"):
        message = refused(invoke(project, command, "--theme", "theme.yaml"), at, project)
        assert expected in message


# -- language tags and front matter ------------------------------------------------------------

FRONT = "---\nmeta:\n  title: T\n  date: 2025-01-01\n"


@pytest.mark.parametrize(
    ("name", "text", "where", "expected"),
    [
        ("long.md", FRONT + f"  lang: {'x' * 10_000}\n---\n\nText.\n", "5:9", "meta 'lang': 'xxxxx"),
        ("long.yaml", f"meta:\n  title: T\n  date: 2025-01-01\n  lang: {'x' * 10_000}\nbody: [a]\n", "4:9", "not a"),
        ("under.md", FRONT + "  lang: en_US\n---\n\nText.\n", "5:9", "did you mean 'en-US'?"),
        ("newline.md", FRONT + '  lang: "en\\nx"\n---\n\nText.\n', "5:9", "'en\\x0ax' is not a language tag"),
        ("quote.md", FRONT + '---\n\n{lang="en us"}\n> Quoted.\n', "8:1", "quote 'lang': 'en us' is not a"),
        ("list.md", "---\n- meta\n- summary\n---\n\nText.\n", "2:1", "front matter: expected a mapping"),
        ("text.md", "---\nhello\n---\n\nText.\n", "2:1", "found text 'hello'; a file that opens with"),
        ("second.md", FRONT + "...\n---\nmeta: {lang: en}\n---\n\nText.\n", "6:1", "a second YAML block"),
        ("second-dashes.md", FRONT + "---\n---\nmeta: {lang: en}\n---\n\nText.\n", "6:1", "a second YAML block"),
    ],
)
def test_what_is_not_a_language_tag_or_one_mapping_is_refused(
    project: Path, name: str, text: str, where: str, expected: str
) -> None:
    source = project / "source" / name
    source.write_text(text, encoding="utf-8")
    for command in ("check", "pdf", "slides"):
        message = refused(invoke(project, command, f"source/{name}"), f"source/{name}:{where}", project)
        assert expected in message


@pytest.mark.parametrize("tag", ["ja", "en", "en-GB", "zh-Hant-TW", "es-419", "sl-rozaj-1994", "yue-HK"])
def test_language_tags_are_taken(project: Path, tag: str) -> None:
    source = project / "source" / "tagged.md"
    source.write_text(FRONT + f"  lang: {tag}\n---\n\n{{lang={tag}}}\n> Quoted.\n", encoding="utf-8")
    assert read_source(source).meta.lang == tag


def test_a_file_that_opens_with_a_rule_after_a_blank_line_is_read(project: Path) -> None:
    source = project / "source" / "rule.md"
    source.write_text("\n---\nhello\n---\n\nText.\n", encoding="utf-8")
    assert read_source(source).sections[0].title == "hello"


# -- a source reached through a link ------------------------------------------------------------


@pytest.mark.parametrize("command", ["pdf", "slides", "check", "build", "stamp"])
def test_a_source_linked_out_of_its_project_is_refused(project: Path, canary: Path, command: str) -> None:
    link = project / "source" / "linked.yaml"
    link.symlink_to(canary)
    args, where, before = [command, str(link)], str(link), ()
    if command == "stamp":
        assert invoke(project, "slides").exit_code == 0
        args, where, before = (
            ["stamp", "out/article.pptx", "--source", "source/linked.yaml"],
            "source/linked.yaml",
            (project / "out" / "article.pptx",),
        )
    message = refused(invoke(project, *args), f"{where}:1:1", project, before)
    assert f"is a link to {canary}, outside the project" in message


@pytest.mark.parametrize("how", ["out of the project", "in a loop"])
def test_watch_refuses_a_linked_source_before_it_starts(project: Path, canary: Path, how: str) -> None:
    link = project / "source" / "linked.yaml"
    link.symlink_to(canary if how == "out of the project" else link)
    result = subprocess.run(
        [str(EXPORTER), "watch", str(link)], cwd=project, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    reason = f"is a link to {canary}, outside the project" if how == "out of the project" else "leads back to itself"
    assert result.stderr.startswith(f"{link}:1:1: error: ") and reason in result.stderr


def test_a_source_linked_inside_its_project_is_read(project: Path) -> None:
    (project / "drafts").mkdir()
    shutil.move(project / "source" / "article.yaml", project / "drafts" / "article.yaml")
    (project / "source" / "article.yaml").symlink_to(project / "drafts" / "article.yaml")
    assert invoke(project, "check").exit_code == 0


@contextlib.contextmanager
def _watching(project: Path) -> Iterator[queue.Queue[str]]:
    process = subprocess.Popen(
        [str(EXPORTER), "watch"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()  # type: ignore[union-attr]
    try:
        yield lines
    finally:
        process.terminate()
        process.wait(timeout=10)


def _until(lines: queue.Queue[str], marker: str, timeout: float = 60) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    while (remaining := deadline - time.monotonic()) > 0:
        with contextlib.suppress(queue.Empty):
            seen += lines.get(timeout=remaining)
            if marker in seen:
                return seen
    raise AssertionError(f"no {marker!r} within {timeout} s:\n{seen}")


def test_watch_refuses_a_source_replaced_by_a_link_out_of_the_project(project: Path, canary: Path) -> None:
    source = project / "source" / "article.yaml"
    with _watching(project) as lines:
        _until(lines, "watching")
        pdf = project / "out" / "article.pdf"
        before = pdf.read_bytes()
        source.unlink()
        source.symlink_to(canary)
        seen = _until(lines, "is a link to")
        assert f"source/article.yaml:1:1: error: is a link to {canary}, outside the project" in seen
        time.sleep(1)  # a poll or two later: still nothing built from it
    assert SECRET not in seen and pdf.read_bytes() == before


# -- warnings a person reads --------------------------------------------------------------------


def test_many_warnings_of_a_kind_are_grouped_and_verbose_lists_them(project: Path) -> None:
    rows = "".join(f"| {i} |  |\n" for i in range(30))
    text = "# Warned\n\n" + "".join(
        f"## S{s}\n\n| a | b |\n|---|---|\n{rows}\nSome <b>raw</b> text.\n\n" for s in range(2)
    )
    (project / "source" / "warned.md").write_text(text, encoding="utf-8")
    grouped = invoke(project, "check", "source/warned.md").output.splitlines()
    every = invoke(project, "check", "source/warned.md", "--verbose").output.splitlines()
    kept = json.loads(invoke(project, "check", "source/warned.md", "--format", "json").stdout)  # notes go to stderr
    warnings = [line for line in every if ": warning: " in line]
    assert len(warnings) == len(kept) > 60
    empty = [line for line in grouped if "empty cell" in line]
    assert len(empty) == SHOWN and empty == [line for line in warnings if "empty cell" in line][:SHOWN]
    assert "  … and 57 more of this kind (60 in all)" in grouped
    assert grouped[-1].startswith(f"{len(warnings)} warnings of ") and grouped[-1].endswith(
        "; --verbose lists every one"
    )
    assert len(grouped) < 25


def test_few_warnings_of_each_kind_are_listed_as_they_are() -> None:
    problems = [
        Problem("a.md", n, 1, f"table 't{n}' row 1: empty cell in column 2", "warning") for n in range(SHOWN + 1)
    ]
    problems.append(Problem("a.md", 9, 1, "something else", "warning"))
    assert problem_lines(problems) == [str(p) for p in problems]
    more = [*problems, Problem("a.md", 10, 1, "table 'x' row 2: empty cell in column 1", "warning")]
    assert problem_lines(more) == [
        *map(str, more[:SHOWN]),
        "  … and 2 more of this kind (5 in all)",
        str(more[SHOWN + 1]),
        "6 warnings of 2 kinds; --verbose lists every one",
    ]
    assert problem_lines(more, verbose=True) == [str(p) for p in more]
