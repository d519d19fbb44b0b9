"""The fault suite: the file system, the environment and the theme are hostile too.

Each test tries one class of fault against the real console script (or the real
renderers) and checks what must hold: exit status 2 with a clean message naming the
file (and ``line:col`` where there is one), the previous output and every input
unchanged, no temporary left, nothing hanging. Kill -9 at many points of a write,
concurrent writers, a full and a read-only file system (a tiny tmpfs mounted in a
private mount namespace by ``unshare``, as root or as a mapped root), FIFOs and
devices as inputs and outputs, outputs that are inputs, hostile theme values (and
Hypothesis over theme values), SOURCE_DATE_EPOCH, crafted decks and long briefs.
"""

from __future__ import annotations

import fcntl
import os
import re
import shlex
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from exporter import output
from exporter.build import prepare, render
from exporter.errors import ExporterError, SourceError
from exporter.project import DEFAULT_THEME
from exporter.project import DEFAULTS as TEMPLATES
from exporter.renderers import RENDERERS, read_stamp
from exporter.revision import revision
from exporter.scaffold import localised_theme
from exporter.theme import load_theme

ROOT = Path(__file__).resolve().parents[1]
EXPORTER = Path(sys.executable).with_name("exporter")
RENDERER = {renderer.name: renderer for renderer in RENDERERS}
THEME_TEXT = (
    localised_theme("ja")
    .replace("  # slides_latin:", "  slides_latin:")
    .replace("  # slides_east_asian:", "  slides_east_asian:")
    + 'organisation: "経営企画部"\nconfidentiality: "社外秘"\n'
)
"""The default theme with its Japanese words written out, as ``exporter init`` writes it, with the
deck's faces, an organisation and a confidentiality label set."""


def run(project: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 60):
    return subprocess.run(
        [str(EXPORTER), *args], cwd=project, capture_output=True, text=True, check=False, timeout=timeout,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def clean_refusal(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    message = result.stderr or result.stdout  # exporter check reports on stdout
    assert "Traceback" not in message and message.strip()
    return message


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- 1. an output that is an input -----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "slides"])
@pytest.mark.parametrize("how", ["same path", "symlink", "hard link", "theme", "template", "symlink to theme"])
def test_an_output_that_is_an_input_is_refused_before_anything_is_written(project: Path, fmt: str, how: str) -> None:
    source = project / "source" / "article.yaml"
    theme = project / "theme.yaml"
    theme.write_text(THEME_TEXT, encoding="utf-8")
    target = {
        "same path": source,
        "symlink": project / "out" / "link.yaml",
        "hard link": project / "out" / "hard.yaml",
        "theme": theme,
        "template": TEMPLATES / "brief.css.j2",
        "symlink to theme": project / "out" / "theme-link",
    }[how]
    if how == "symlink":
        target.symlink_to(source)
    elif how == "hard link":
        os.link(source, target)
    elif how == "symlink to theme":
        target.symlink_to(theme)
    before = {p: p.read_bytes() for p in (source, theme, TEMPLATES / "brief.css.j2")}
    stderr = clean_refusal(run(project, fmt, "source/article.yaml", "--theme", str(theme), "-o", str(target)))
    assert "is the same file as the input" in stderr and "nothing was written" in stderr
    assert {p: p.read_bytes() for p in before} == before
    assert temporaries(target.parent) == []


# -- 2. stamps of long files, read in bounded time -------------------------------------------


def test_a_long_brief_has_its_stamp_read_and_is_up_to_date(project: Path) -> None:
    source = project / "source" / "article.yaml"
    appendix = "".join(
        f'  - section: "付録{n}"\n    id: appendix-{n}\n    body:\n      - "{"本文の段落です。" * 120}"\n'
        for n in range(30)
    )
    source.write_text(
        source.read_text(encoding="utf-8").rstrip("\n") + "\n" + appendix, encoding="utf-8"
    )  # body is last
    assert run(project, "pdf").returncode == 0
    pdf = project / "out" / "article.pdf"
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:"))) >= 20
    stamp = revision(source, DEFAULT_THEME)
    assert read_stamp(pdf) == stamp
    assert run(project, "stamp", "out/article.pdf").returncode == 0
    assert run(project, "build").stdout.startswith(f"out/article.pdf: up to date (rev. {stamp})")


def test_a_huge_file_has_no_stamp_and_is_answered_at_once(tmp_path: Path) -> None:
    for name in ("huge.pdf", "huge.pptx"):
        path = tmp_path / name
        with open(path, "wb") as handle:
            handle.write(b"%PDF-1.7\n" if name.endswith("pdf") else b"PK\x03\x04")
            handle.truncate(8 * 1024**3)  # 8 GiB, sparse
        started = time.perf_counter()
        assert read_stamp(path) is None
        assert time.perf_counter() - started < 1


def test_a_deck_whose_core_xml_inflates_to_a_gibibyte_is_read_in_bounded_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pptx"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package,
        package.open("docProps/core.xml", "w", force_zip64=True) as core,
    ):
        core.write(b"<dc:identifier>exporter:0123456789ab</dc:identifier>")
        chunk = b"\0" * (1 << 24)
        for _ in range(64):  # 1 GiB
            core.write(chunk)
    assert bomb.stat().st_size < 8 * 1024**2
    probe = (  # VmHWM, not ru_maxrss: a child forked from pytest inherits pytest's high-water mark in the latter
        "import re, sys; from exporter.renderers import read_stamp; found = read_stamp(sys.argv[1]); "
        "print(found, re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))"
    )
    found, peak_kb = subprocess.run(
        [sys.executable, "-c", probe, str(bomb)], capture_output=True, text=True, check=True, timeout=30
    ).stdout.split()
    assert found == "None" and int(peak_kb) < 120 * 1024


# -- 3. files that are not regular files -----------------------------------------------------


@pytest.mark.parametrize("command", ["pdf", "slides", "check", "build", "stamp-source", "theme"])
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "folder"])
def test_inputs_that_are_not_regular_files_are_refused_without_reading(project: Path, command: str, kind: str) -> None:
    path = project / "source" / "odd.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")
    if command == "theme":
        args = ["slides", "--theme", str(path)]
    elif command == "stamp-source":
        assert run(project, "slides").returncode == 0
        args = ["stamp", "out/article.pptx", "--source", str(path)]
    else:
        args = [command, str(path)]
    result = run(project, *args, timeout=20)
    stderr = clean_refusal(result)
    if kind == "folder":  # click refuses it first, with its usage line
        assert "is a directory" in stderr or "is a folder" in stderr
    else:
        assert f"{path}:1:1: error: is a " in stderr and "expected a regular file" in stderr


@pytest.mark.parametrize("kind", ["fifo", "/dev/null", "/dev/zero", "folder"])
@pytest.mark.parametrize("command", ["pdf", "slides", "stamp"])
def test_outputs_that_are_not_regular_files_are_refused_and_left_as_they_are(
    project: Path, kind: str, command: str
) -> None:
    if kind == "fifo":
        target = project / "out" / "pipe.pptx"
        os.mkfifo(target)
    elif kind == "folder":
        target = project / "out" / "dir.pdf"
        target.mkdir()
    else:
        target = Path(kind)
    mode = target.stat().st_mode
    args = ["stamp", str(target)] if command == "stamp" else [command, "-o", str(target)]
    stderr = clean_refusal(run(project, *args, timeout=20))
    assert str(target) in stderr and ("is a" in stderr)
    assert target.stat().st_mode == mode
    assert temporaries(target.parent) == [] or target.parent == Path("/dev")


def test_build_refuses_an_output_that_is_a_fifo(project: Path) -> None:
    os.mkfifo(project / "out" / "article.pdf")
    stderr = clean_refusal(run(project, "build", timeout=20))
    assert "out/article.pdf: is a FIFO" in stderr


# -- 4. theme values that reach the files' structure ------------------------------------------


def _theme(tmp_path: Path, old: str, new: str) -> Path:
    assert old in THEME_TEXT
    path = tmp_path / "theme.yaml"
    path.write_text(THEME_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def _line_col(text: str, needle: str) -> str:
    before = text[: text.index(needle)]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


_BAD_PDF_FAMILIES = ["Noto Sans (JP)", "Brand [JP]", "Brand/Sans", "Brand<Sans>", "Brand{x}", "Brand%x", "ブランド", "",
                     " Brand", "Brand\\Sans", "Brand#20", "B" * 40, "Brand\tSans", "9Brand"]  # fmt: skip


@pytest.mark.parametrize("family", _BAD_PDF_FAMILIES)
def test_a_pdf_family_the_pdf_cannot_carry_is_refused_at_its_position(tmp_path: Path, family: str) -> None:
    value = '"' + family.replace("\\", "\\\\").replace("\t", "\\t") + '"'
    path = _theme(tmp_path, 'pdf: "Noto Sans CJK JP"', f"pdf: {value}")
    with pytest.raises(SourceError) as caught:
        load_theme(path)
    where = _line_col(path.read_text(encoding="utf-8"), value)
    assert caught.value.lines()[0].startswith(f"{path}:{where}: error: theme 'fonts.pdf'")


@pytest.mark.parametrize("family", ["Brand (JP)", "A" * 32, " Yu Gothic", "Yu<Gothic>", "Yu/Gothic", ""])
def test_a_deck_family_the_deck_cannot_carry_is_refused_at_its_position(tmp_path: Path, family: str) -> None:
    path = _theme(tmp_path, 'slides_latin: "Yu Gothic"', f'slides_latin: "{family}"')
    with pytest.raises(SourceError) as caught:
        load_theme(path)
    where = _line_col(path.read_text(encoding="utf-8"), f'"{family}"')
    assert caught.value.lines()[0].startswith(f"{path}:{where}: error: theme 'fonts.slides_latin'")


def test_a_confidentiality_label_too_long_for_the_deck_is_refused_at_the_themes_position(project: Path) -> None:
    label = "社外秘・" * 30
    path = _theme(project, 'confidentiality: "社外秘"', f'confidentiality: "{label}"')
    stderr = clean_refusal(run(project, "slides", "--theme", str(path)))
    where = _line_col(path.read_text(encoding="utf-8"), f'"{label}"')
    assert stderr.startswith(f"{path}:{where}: error: slides: ")


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=40)
_FAMILY = st.one_of(_TEXT, st.from_regex(r"[A-Za-z][A-Za-z0-9 -]{0,30}", fullmatch=True))
_SIZE = st.one_of(st.floats(0.1, 200, allow_nan=False), st.sampled_from([0.5, 4, 9, 24, 96]))
HOSTILE = settings(
    phases=(Phase.explicit, Phase.reuse, Phase.generate), max_examples=12, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)  # fmt: skip


def _quoted(text: str) -> str:
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\U{ord(c):08x}" for c in text) + '"'


def _hostile_theme(tmp_path: Path, organisation: str, label: str, family: str, size: float) -> Path:
    text = THEME_TEXT.replace('organisation: "経営企画部"', f"organisation: {_quoted(organisation)}")
    text = text.replace('confidentiality: "社外秘"', f"confidentiality: {_quoted(label)}")
    text = text.replace('pdf: "Noto Sans CJK JP"', f"pdf: {_quoted(family)}")
    text = text.replace("table_size: 9", f"table_size: {size:.3f}")
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@HOSTILE
@given(organisation=_TEXT, label=_TEXT, family=_FAMILY, size=_SIZE)
def test_any_theme_gives_a_valid_pdf_or_a_refusal_at_a_position(
    tmp_path: Path, organisation: str, label: str, family: str, size: float
) -> None:
    path = _hostile_theme(tmp_path, organisation, label, family, size)
    source = ROOT / "source" / "article.yaml"
    target = tmp_path / "out.pdf"
    target.unlink(missing_ok=True)
    try:
        render(RENDERER["pdf"], prepare(source, path, "0123456789ab"), target)
    except ExporterError as exc:
        assert all(line.startswith((f"{path}:", f"{source}:")) for line in exc.lines()), exc.lines()
        assert not target.exists() and temporaries(tmp_path) == []
        return
    checked = subprocess.run(["qpdf", "--check", str(target)], capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stderr == "", checked.stdout + checked.stderr  # 3: warnings
    extracted = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True)
    assert extracted.returncode == 0 and extracted.stderr == ""


@settings(HOSTILE, max_examples=40)
@given(organisation=_TEXT, label=_TEXT, latin=_FAMILY, size=_SIZE)
def test_any_theme_gives_a_deck_that_reopens_or_a_refusal_at_a_position(
    tmp_path: Path, organisation: str, label: str, latin: str, size: float
) -> None:
    path = _hostile_theme(tmp_path, organisation, label, "Noto Sans CJK JP", 9)
    text = path.read_text(encoding="utf-8").replace('slides_latin: "Yu Gothic"', f"slides_latin: {_quoted(latin)}")
    path.write_text(text.replace("footer_size: 9", f"footer_size: {size:.3f}"), encoding="utf-8")
    source = ROOT / "source" / "article.yaml"
    target = tmp_path / "out.pptx"
    target.unlink(missing_ok=True)
    try:
        render(RENDERER["slides"], prepare(source, path, "0123456789ab"), target)
    except ExporterError as exc:
        assert all(line.startswith((f"{path}:", f"{source}:")) for line in exc.lines()), exc.lines()
        assert not target.exists() and temporaries(tmp_path) == []
        return
    assert len(Presentation(str(target)).slides) > 0


# -- 5. the environment ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "epoch",
    ["1²3", "١٧٠٠٠٠٠٠٠٠", "１７００００００００", "9" * 5000, "-1", "1e9", "0x10", "315532800.5", "1_700_000_000"],
)
@pytest.mark.parametrize("command", ["pdf", "slides"])
def test_a_hostile_source_date_epoch_is_one_clean_line(project: Path, epoch: str, command: str) -> None:
    stderr = clean_refusal(run(project, command, env={"SOURCE_DATE_EPOCH": epoch}))
    assert stderr.startswith("SOURCE_DATE_EPOCH=") and len(stderr.splitlines()) == 1 and len(stderr) < 300


# -- 6. verification that misses lost content ------------------------------------------------


@pytest.mark.parametrize(
    "sizes", [{"table_size": 96}, {"body_size": 96, "h1_size": 96, "h2_size": 96, "h3_size": 96, "table_size": 96}]
)
def test_a_brief_that_loses_text_does_not_replace_the_good_one(project: Path, sizes: dict[str, int]) -> None:
    assert run(project, "pdf").returncode == 0
    good = (project / "out" / "article.pdf").read_bytes()
    text = THEME_TEXT
    for key, value in sizes.items():
        text = re.sub(rf"(?m)^  {key}: [0-9.]+", f"  {key}: {value}", text)
    theme = project / "big.yaml"
    theme.write_text(text, encoding="utf-8")
    stderr = clean_refusal(run(project, "pdf", "--theme", str(theme)))
    assert stderr.startswith("source/article.yaml:") and "is missing from the rendered brief" in stderr
    assert "a table row is taller than a page" in stderr and "a theme size is too large" in stderr  # the cause
    assert (project / "out" / "article.pdf").read_bytes() == good
    assert temporaries(project / "out") == []


# -- 8. leftovers ---------------------------------------------------------------------------------


def test_only_stale_unlocked_temporaries_of_this_tool_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "article.pdf"
    old = time.time() - 3600
    stale, fresh, held, other, link = (
        tmp_path / ".article.pdf.abcd1234.tmp",
        tmp_path / ".article.pdf.fresh123.tmp",
        tmp_path / ".article.pdf.held5678.tmp",
        tmp_path / ".article.pdf.x.tmp",
        tmp_path / ".article.pdf.link0000.tmp",
    )
    for path in (stale, fresh, held, other):
        path.write_text("partial")
    for path in (stale, held, other):
        os.utime(path, (old, old))
    link.symlink_to(stale)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1]); fcntl.flock(f, fcntl.LOCK_EX); "
         "print('locked', flush=True); time.sleep(60)", str(held)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "locked"
        output.write_atomically(target, lambda p: p.write_text("new"), lambda p: None)
    finally:
        holder.kill()
        holder.wait()
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["article.pdf", fresh.name, held.name, other.name, link.name]
    )
    os.utime(held, (old, old))  # its writer is gone now
    os.utime(fresh, (old, old))
    link.unlink()
    output.write_atomically(target, lambda p: p.write_text("newer"), lambda p: None)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["article.pdf", other.name])


def test_a_live_writers_temporary_is_locked(tmp_path: Path) -> None:
    seen = []

    def write(path: Path) -> None:
        with open(path, "rb") as probe:
            try:
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
                seen.append("unlocked")
            except BlockingIOError:
                seen.append("locked")
        path.write_text("x")

    output.write_atomically(tmp_path / "a.pdf", write, lambda p: None)
    assert seen == ["locked"]


# -- kill -9 at many points, concurrent writers ----------------------------------------------


@pytest.mark.parametrize(("command", "name", "points"), [("slides", "article.pptx", 14), ("pdf", "article.pdf", 8)])
def test_kill_9_at_any_point_leaves_the_old_file_or_the_complete_new_one(
    project: Path, command: str, name: str, points: int
) -> None:
    target = project / "out" / name
    assert run(project, command).returncode == 0
    first = target.read_bytes()
    timed = time.perf_counter()
    assert run(project, command, env={"SOURCE_DATE_EPOCH": "1700000000"}).returncode == 0
    span = time.perf_counter() - timed
    second = target.read_bytes()
    assert first != second
    source = project / "source" / "article.yaml"
    outcomes = set()
    for point in range(points):
        epoch = str(1700000000 + (point % 2))
        process = subprocess.Popen(
            [str(EXPORTER), command], cwd=project, env={**os.environ, "SOURCE_DATE_EPOCH": epoch},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(span * (point + 0.5) / points)
        process.send_signal(signal.SIGKILL)
        process.wait()
        data = target.read_bytes()
        if data in (first, second):
            outcomes.add("old")
        else:  # the run finished: the complete new file of its inputs
            assert read_stamp(target) == revision(source, DEFAULT_THEME)
            reopened = (
                subprocess.run(["qpdf", "--check", str(target)], capture_output=True) if command == "pdf" else None
            )
            assert reopened is None or reopened.returncode == 0
            if command == "slides":
                assert len(Presentation(str(target)).slides) == 13
            outcomes.add("new")
            first = data
    for leftover in (project / "out").glob(".*.tmp"):
        os.utime(leftover, (time.time() - 60,) * 2)  # time passes
    assert run(project, command).returncode == 0
    assert temporaries(project / "out") == []
    assert outcomes


def test_concurrent_writers_leave_one_complete_file_and_no_temporaries(project: Path) -> None:
    processes = [
        subprocess.Popen(
            [str(EXPORTER), "slides"],
            cwd=project,
            env={**os.environ, "SOURCE_DATE_EPOCH": str(1700000000 + n)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    results = [(*p.communicate(timeout=60), p.returncode) for p in processes]
    assert [r[2] for r in results] == [0, 0, 0, 0], results
    assert len(Presentation(str(project / "out" / "article.pptx")).slides) == 13
    assert temporaries(project / "out") == []


# -- a full disk and a read-only folder, on a real (tiny) file system ------------------------


def _in_private_mount(script: str) -> subprocess.CompletedProcess:
    """``script`` in a mount namespace of its own, so the tmpfs it mounts vanishes with it."""
    prefix = ["unshare", "--mount"] if os.geteuid() == 0 else ["unshare", "--map-root-user", "--mount"]
    return subprocess.run([*prefix, "sh", "-c", script], capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("command", ["pdf", "slides"])
@pytest.mark.parametrize("fault", ["full", "read-only"])
def test_a_full_or_read_only_file_system_leaves_the_previous_file(project: Path, command: str, fault: str) -> None:
    disk = project / "disk"
    disk.mkdir()
    name = "brief.pdf" if command == "pdf" else "deck.pptx"
    size = "60k" if command == "pdf" else "40k"
    remount = f"mount -o remount,ro {disk} && " if fault == "read-only" else ""
    script = (
        f"mount -t tmpfs -o size={size} tmpfs {disk} && head -c 20000 /dev/urandom > {disk}/{name} && "
        f"sha256sum {disk}/{name} && {remount}"
        f"cd {shlex.quote(str(project))} && {EXPORTER} {command} -o {disk}/{name}; echo rc=$?; "
        f"sha256sum {disk}/{name}; ls -A {disk}; df -k {disk} | tail -1"
    )
    result = _in_private_mount(script)
    lines = result.stdout.splitlines()
    assert "rc=2" in lines, (result.stdout, result.stderr)
    assert lines[0] == lines[lines.index("rc=2") + 1]  # the previous file, byte for byte
    assert lines[lines.index("rc=2") + 2 : -1] == [name]  # and nothing else
    assert "Traceback" not in result.stderr
    expected = "the disk is full" if fault == "full" else "Read-only file system"
    assert expected in result.stderr, result.stderr


# -- 9. refusals name their node --------------------------------------------------------------


def test_a_table_row_taller_than_a_slide_is_refused_at_the_tables_position(project: Path) -> None:
    path = project / "source" / "tall.yaml"
    path.write_text(
        "meta:\n  title: 題名\n  date: 2025-01-01\nbody:\n  - 段落。\n  - table: tall\n    key: true\n"
        f'    header: [a, b]\n    rows:\n      - ["{"長い文です。" * 600}", x]\n',
        encoding="utf-8",
    )
    stderr = clean_refusal(run(project, "slides", "source/tall.yaml"))
    assert stderr.startswith("source/tall.yaml:6:5: error: slides: a row of table 'tall' is taller than a slide")
