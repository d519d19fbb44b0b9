"""Benchmark the exporter commands as whole processes.

In: the article (``source/article.yaml``, and its text ``tests/data/article.txt`` for
pandoc), run from the project root with the project's venv; for the scaling rows, the
article's body repeated to about 40 and 100 pages (written to a temporary folder).
Out: a Markdown table of median / min / max wall time and peak memory (max RSS) per
command over N runs, and the time from saving the source to a new PDF under
``exporter watch``, for the README. ``exporter slides`` takes turns with two
yardsticks: python-pptx alone saving an empty deck and re-opening it (the floor under
every deck) and pandoc writing a deck of the article's text
(issue 3 set the deck's 0.3 s target when pandoc took 0.085 s here); ``exporter pdf``
takes turns with pandoc driving the same WeasyPrint, the Noto faces found through a fontconfig of
their own, on the article's text (issue 12: under 0.9× its time), which pandoc reads as two
paragraphs with the tables as lines of text, and on the article's Markdown as pandoc reads it
(``source/article.md`` without exporter's front matter, attribute lines and notes: its headings,
tables, lists and quotes; ``--brief``: those rows alone). The last lines
give the brief's size and both times as multiples of pandoc's. With ``--instructions``, the instructions
each command executes instead (valgrind's callgrind): the same on every run whatever
the machine's speed, so a change can be compared with the last one. The Markdown row times
``exporter check`` on ``source/article.md`` repeated to 100 KB in turns with
``pandoc -f markdown -t json`` on the same file, and prints the ratio, with the floor under it:
markdown-it-py alone importing and parsing the file (``--markdown``: those rows alone). The long
English row times ``exporter pdf`` on a 40-page English document with wide tables — the bodies
of the English corpus documents (``tests/documents``) repeated, ids made unique — in turns with
pandoc driving the same WeasyPrint on the same text, and prints the ratio (issue 14: under 1×;
``--long-english``: that row alone). The image rows (issue 24) time the costliest images within the
limits and past them, each with its peak memory (``--images``: those rows alone). The statement row
times ``exporter pdf`` on a 224 KB quarterly statement of some 200 pages and 250 numeric tables
(``scripts/statement.py``: plain Markdown, no front matter) in turns with pandoc driving the same
WeasyPrint on the same file, and prints the ratios of wall time, CPU time (the machine is shared: a
process waiting for a core is not slower) and peak memory (issue 21: no more than pandoc's time;
``--statement``: that row alone).
The template row
times ``exporter slides --template`` in turns with ``pandoc --reference-doc`` on the same company
template and article, and prints the ratio (issue 25: at most 2×; ``--template``: that row alone).

The deck rows (``--deck``: those alone) time ``exporter slides`` on a plain-Markdown English market
analysis of 37 KB (``tests/data/market-analysis.md``: no front matter, 13 tables, bold lead-ins
before lists) and on its body repeated 4 and 16 times, each in turns
with ``pandoc -f markdown x.md -o x.pptx`` on the same file (issue 23: within 2× its time, and a
cost that grows linearly), ``exporter check`` on it three times over (108 KB) in turns with ``pandoc
-t json``, and issue 24's 20,000 short headings (refused: more than ``MAX_SECTIONS``) and the 5,000 a
document may hold (``exporter slides``, ``exporter check`` and, once, ``exporter pdf``) with their
peak memory.

Usage: .venv/bin/python scripts/bench.py [--runs N]
       [--instructions | --brief | --markdown | --long-english | --images | --statement | --template
        | --deck]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import yaml
from statement import statement

ROOT = Path(__file__).resolve().parents[1]
EXPORTER = str(Path(sys.executable).with_name("exporter"))
ARTICLE = ROOT / "source" / "article.yaml"
ARTICLE_TEXT = ROOT / "tests" / "data" / "article.txt"
ARTICLE_MD = ROOT / "source" / "article.md"
MARKET = ROOT / "tests" / "data" / "market-analysis.md"
"""A plain-Markdown English market analysis as people write one: the deck rows' document."""
MARKET_COPIES = (1, 4, 16)
"""The market analysis at 1×, 4× and 16× (597 KB): the planner's cost must grow linearly."""
HEADINGS = 20_000
"""Short headings of issue 24's document (about 190 KB), with nothing under them: more than
``MAX_SECTIONS``, refused; the rows after them time the most headings a document may hold."""
ENGLISH_PIECES = ("storage-benchmark.md", "regional-results.md", "analyst-voices.md")
"""English corpus documents with wide and numeric tables, quotes and lists: the long document's text."""
ENGLISH_COPIES = 7
"""Copies of the pieces that make the long English document some 40 A4 pages (43 today)."""
MARKDOWN_BYTES = 100_000
MARKDOWN_FLOOR = "markdown-it-py alone: import, parse the same 100 KB (exporter's plugins)"
MARKDOWN_FLOOR_CODE = (  # the floor under every check of a Markdown source: the parser the issue names, nothing else
    "import sys\n"
    "from markdown_it import MarkdownIt\n"
    "from mdit_py_plugins.attrs import attrs_block_plugin\n"
    "from mdit_py_plugins.container import container_plugin\n"
    "from mdit_py_plugins.front_matter import front_matter_plugin\n"
    "md = MarkdownIt('commonmark', {'linkify': False}).enable('table')\n"
    "md.use(front_matter_plugin).use(attrs_block_plugin).use(container_plugin, 'notes')\n"
    "md.parse(open(sys.argv[1], encoding='utf-8').read())\n"
)
PANDOC = "pandoc -f markdown tests/data/article.txt -o x.pptx"
PANDOC_PDF = "pandoc -f markdown tests/data/article.txt --pdf-engine=weasyprint -o x.pdf"
PANDOC_PDF_MD = "pandoc -f markdown article.md (as pandoc reads it) --pdf-engine=weasyprint -o x.pdf"
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>{dirs}<cachedir>{cache}</cachedir></fontconfig>
"""
"""A fontconfig that finds only the bundled Noto faces, for pandoc's WeasyPrint."""
FLOOR = "python-pptx alone: import, save an empty deck, re-open it"
FLOOR_CODE = (  # what every deck costs before its content: the engine's import, template, save and re-open
    "import os, pptx; pptx.Presentation().save('out/empty.pptx'); pptx.Presentation('out/empty.pptx'); os._exit(0)"
)


def pandoc_pdf(
    pandoc: str, work: Path, text: Path = ARTICLE_TEXT, lang: str = "ja", output: str = "out/x.pdf"
) -> list[str]:
    """pandoc writing ``text`` (the article's, by default) to a PDF through the same WeasyPrint (the
    venv's), which finds the same Noto faces through a fontconfig of their folders; the fontconfig
    cache is built first."""
    from exporter.text.fonts import WEIGHTS, font_file

    dirs = "".join(f"<dir>{font_file(weight).parent}</dir>" for weight in WEIGHTS)
    conf = work / "fonts.conf"
    conf.write_text(FONTS_CONF.format(dirs=dirs, cache=work / "fontconfig"), encoding="utf-8")
    subprocess.run(["fc-cache", "-f"], env={**os.environ, "FONTCONFIG_FILE": str(conf)}, check=True)
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return [
        "env", f"FONTCONFIG_FILE={conf}", f"PATH={path}", pandoc, "-f", "markdown", str(text),
        "--pdf-engine=weasyprint", "-M", f"lang={lang}", "-V", "mainfont=Noto Sans CJK JP", "-o", output,
    ]  # fmt: skip


def repeated(copies: int, target: Path) -> Path:
    """The article with its body repeated ``copies`` times (ids made unique), written to ``target``."""
    data = yaml.safe_load(ARTICLE.read_text(encoding="utf-8"))
    body = list(data["body"])
    for copy in range(2, copies + 1):
        again = {"section": f"再掲 {copy}", "id": f"copy-{copy}", "body": data["body"]}
        body.append(_renamed(again, f"-{copy}"))
    data["body"] = body
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def markdown_copies(target: Path) -> Path:
    """``source/article.md`` with its body repeated (ids made unique) to ``MARKDOWN_BYTES``, at ``target``."""
    text = ARTICLE_MD.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + 5
    front, body = text[:end], text[end:]
    parts, copy = [front, body], 1
    while len("".join(parts).encode()) < MARKDOWN_BYTES:
        copy += 1
        parts.append(f"\n## 再掲 {copy}\n\n" + re.sub(r"\{#([\w-]+)", rf"{{#\1-{copy}", body).replace("\n# ", "\n## "))
    target.write_text("".join(parts), encoding="utf-8")
    return target


def markdown_rows(pandoc: str, work: Path, runs: int) -> None:
    """``exporter check`` on 100 KB of Markdown in turns with ``pandoc -f markdown -t json``; the ratio."""
    source = markdown_copies(work / "source" / "large.md")
    size = source.stat().st_size // 1000
    commands = {
        f"exporter check ({size} KB of Markdown)": [EXPORTER, "check", str(source)],
        f"pandoc -f markdown -t json ({size} KB)": [pandoc, "-f", "markdown", "-t", "json", str(source)],
        MARKDOWN_FLOOR: [sys.executable, "-c", MARKDOWN_FLOOR_CODE, str(source)],
    }
    measured = measure(commands, work, runs)
    print("\n".join(line(name, runs) for name, runs in measured.items()))
    ours, theirs, floor = (statistics.median(run.seconds for run in runs) for runs in measured.values())
    print(f"\nexporter check took {ours / theirs:.2f}× pandoc's time on the same Markdown")
    print(f"markdown-it-py alone, importing and parsing it, took {floor / theirs:.2f}× pandoc's time")


def for_pandoc(body: str) -> str:
    """The body of a Markdown source as pandoc reads it: without the attribute lines and the notes,
    which pandoc would print as text."""
    return re.sub(r"(?ms)^::: notes\n.*?^:::\n|^\{[^\n]*\}\n", "", body)


def article_for_pandoc(folder: Path) -> Path:
    """``source/article.md`` as pandoc reads it, at ``folder/article-pandoc.md``: its body (whose first
    heading is the title) without exporter's front matter, attribute lines and notes — the article's
    headings, tables, lists and quotes."""
    text = ARTICLE_MD.read_text(encoding="utf-8")
    target = folder / "article-pandoc.md"
    target.write_text(for_pandoc(text[text.index("\n---\n", 4) + 5 :]), encoding="utf-8")
    return target


def long_english(folder: Path) -> tuple[Path, Path]:
    """The long English document at ``folder/long-english.md``, and its text for pandoc at
    ``folder/long-english.txt``: the same Markdown without the attribute lines and notes, which
    pandoc would print as text."""
    bodies = []
    for name in ENGLISH_PIECES:
        text = (ROOT / "tests" / "documents" / name).read_text(encoding="utf-8")
        body = text[text.index("\n---\n", 4) + 5 :]
        bodies.append(re.sub(r"(?m)^# .*\n", "", body))  # a piece's own title is not a section
    parts = []
    for copy in range(1, ENGLISH_COPIES + 1):
        for body in bodies:
            parts.append(re.sub(r"\{#([\w-]+)", rf"{{#\1-{copy}", body))
    body = "\n".join(parts)
    source = folder / "long-english.md"
    meta = "meta:\n  title: Infrastructure and Finance Review\n  date: 2026-11-30\n  lang: en\n"
    source.write_text(f"---\n{meta}---\n\n{body}", encoding="utf-8")
    text = for_pandoc(body)
    plain = folder / "long-english.txt"
    plain.write_text(f"---\ntitle: Infrastructure and Finance Review\n---\n\n{text}", encoding="utf-8")
    return source, plain


def long_english_rows(pandoc: str, work: Path, runs: int) -> None:
    """``exporter pdf`` on the long English document in turns with pandoc driving the same
    WeasyPrint on its text; the ratio."""
    source, plain = long_english(work / "source")
    pages = _pages(work, source)
    commands = {
        f"exporter pdf, {pages} pages of English": [EXPORTER, "pdf", str(source), "-o", "out/long.pdf"],
        "pandoc, WeasyPrint, the same English": pandoc_pdf(pandoc, work, plain, "en", "out/long-x.pdf"),
    }
    measured = measure(commands, work, runs)
    print("\n".join(line(name, runs) for name, runs in measured.items()))
    ours, theirs = (statistics.median(run.seconds for run in runs) for runs in measured.values())
    print(f"\nexporter pdf took {ours / theirs:.2f}× pandoc's time on {pages} pages of English (issue 14: under 1×)")


def market_copies(copies: int, folder: Path) -> Path:
    """The market analysis with its body (all but its title) repeated ``copies`` times, in ``folder``."""
    text = MARKET.read_text(encoding="utf-8")
    title, _, body = text.partition("\n")
    target = folder / f"market-x{copies}.md"
    target.write_text(title + "\n" + body * copies, encoding="utf-8")
    return target


def deck_rows(pandoc: str, work: Path, runs: int) -> None:
    """``exporter slides`` on the market analysis at 1×, 4× and 16×, each in turns with pandoc writing
    a deck of the same file; ``exporter check`` on 3× in turns with ``pandoc -t json``; the 20,000
    headings. The ratios after the rows."""
    ratios = []
    for copies in MARKET_COPIES:
        source = market_copies(copies, work / "source")
        size = source.stat().st_size // 1000
        commands = {
            f"exporter slides, market analysis ×{copies} ({size} KB)": [EXPORTER, "slides", str(source), "-o",
                                                                        "out/market.pptx"],
            f"pandoc -f markdown -o x.pptx, the same ×{copies}": [pandoc, "-f", "markdown", str(source), "-o",
                                                                  "out/market-x.pptx"],
        }  # fmt: skip
        measured = measure(commands, work, runs if copies == 1 else 3)
        print("\n".join(line(name, runs) for name, runs in measured.items()))
        ours, theirs = (statistics.median(r.seconds for r in runs) for runs in measured.values())
        cpu, peer = (statistics.median(r.cpu for r in runs) for runs in measured.values())
        ratios.append(
            f"exporter slides took {ours / theirs:.2f}× pandoc's time (CPU time {cpu / peer:.2f}×) on the market "
            f"analysis ×{copies}"
        )
    source = market_copies(3, work / "source")
    commands = {
        f"exporter check, market analysis ×3 ({source.stat().st_size // 1000} KB)": [EXPORTER, "check", str(source)],
        "pandoc -f markdown -t json, the same": [pandoc, "-f", "markdown", "-t", "json", str(source)],
    }
    measured = measure(commands, work, runs)
    print("\n".join(line(name, runs) for name, runs in measured.items()))
    ours, theirs = (statistics.median(r.seconds for r in runs) for runs in measured.values())
    ratios.append(f"exporter check took {ours / theirs:.2f}× pandoc -t json's time on the market analysis ×3")
    from exporter.validate import MAX_SECTIONS

    headings = work / "source" / "headings.md"
    for count, code in ((HEADINGS, 2), (MAX_SECTIONS, 0)):  # past the limit: refused before any layout
        headings.write_text("# Headings\n\n" + "".join(f"## H{i}\n" for i in range(count)), encoding="utf-8")
        heavy = (("slides", ["-o", "out/h.pptx"], 3), ("check", [], 3), ("pdf", ["-o", "out/h.pdf"], 1))
        for command, output, runs_ in heavy:
            name = f"exporter {command}, {count:,} headings" + (" (refused)" if code else "")
            argv = [EXPORTER, command, str(headings), *output]
            print(line(name, measure({name: argv}, work, runs_, (code,))[name]))
    print("\n" + "\n".join(ratios) + " (issue 23: within 2×)")


def statement_rows(pandoc: str, work: Path, runs: int) -> None:
    """``exporter pdf`` on the long quarterly statement (``scripts/statement.py``) in turns with
    pandoc driving the same WeasyPrint on the same Markdown; the ratios of wall time, CPU time and
    peak memory (issue 21: no more than pandoc's time)."""
    source = work / "source" / "statement.md"
    source.write_text(statement(), encoding="utf-8")
    pages, size = _pages(work, source), source.stat().st_size // 1000
    ours, theirs = f"exporter pdf, the statement ({size} KB, {pages} pages)", "pandoc, WeasyPrint, the same Markdown"
    commands = {
        ours: [EXPORTER, "pdf", str(source), "-o", "out/statement.pdf"],
        theirs: pandoc_pdf(pandoc, work, source, "en", "out/statement-x.pdf"),
    }
    measured = measure(commands, work, runs)
    print("\n".join(line(name, runs) for name, runs in measured.items()))
    seconds, cpu = ({name: statistics.median(getattr(r, field) for r in runs) for name, runs in measured.items()}
                    for field in ("seconds", "cpu"))  # fmt: skip
    memory = {name: max(r.memory for r in runs) for name, runs in measured.items()}
    print(
        f"\nexporter pdf took {seconds[ours] / seconds[theirs]:.2f}× pandoc's time on the {pages}-page statement "
        f"(CPU time {cpu[ours]:.1f} s against {cpu[theirs]:.1f} s: {cpu[ours] / cpu[theirs]:.2f}×; issue 21: "
        f"at most 1×) and {memory[ours] / memory[theirs]:.2f}× its peak memory"
    )


def template_rows(pandoc: str, work: Path, runs: int) -> None:
    """``exporter slides --template`` in turns with ``pandoc --reference-doc`` on the same template
    (``tests/templates.py``: two masters, layouts named in Polish and Japanese, a logo) and the same
    article (its Markdown as pandoc reads it); the ratio (issue 25: at most 2×)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from templates import several_masters

    template = several_masters(work)
    article = article_for_pandoc(work / "source")
    commands = {
        "exporter slides --template (two masters)": [EXPORTER, "slides", "--template", str(template)],
        "exporter slides (no template)": [EXPORTER, "slides", "-o", "out/plain.pptx"],
        "pandoc --reference-doc, the same template": [
            pandoc, "-f", "markdown", str(article), "--reference-doc", str(template), "-o", "out/x-template.pptx",
        ],
    }  # fmt: skip
    measured = measure(commands, work, runs)
    print("\n".join(line(name, runs) for name, runs in measured.items()))
    ours, plain, theirs = (statistics.median(r.seconds for r in runs) for runs in measured.values())
    ratio = ours / theirs
    print(f"\nthe template cost {ours - plain:+.2f} s over the deck without one ({plain / theirs:.2f}× pandoc's time)")
    print(f"exporter slides on a template took {ratio:.2f}× pandoc's time with --reference-doc (issue 25: ≤ 2×)")


def plain_png(path: Path, width: int, height: int) -> Path:
    """A white RGB PNG of ``width`` × ``height`` written row by row (13,000 × 13,000 is some 500 KB,
    made in a few MB of memory)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    packer, row = zlib.compressobj(9), b"\0" + b"\xff" * (3 * width)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b""))
    return path


USE_BOMB = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="90" height="90">'
    '<defs><rect id="a0" width="1" height="1"/>{levels}</defs><use xlink:href="#a{top}"/></svg>'
)
"""An SVG whose ``<use>`` elements copy each level ten times: ``top`` levels draw 10^top rectangles."""


def use_bomb(path: Path, top: int) -> Path:
    """``USE_BOMB`` of ``top`` levels at ``path`` (8 levels: 10⁸ shapes in 1.6 KB)."""
    levels = "".join(f'<g id="a{n}">' + f'<use xlink:href="#a{n - 1}"/>' * 10 + "</g>" for n in range(1, top + 1))
    path.write_text(USE_BOMB.format(levels=levels, top=top), encoding="utf-8")
    return path


def image_rows(work: Path, runs: int) -> None:
    """The image costs of issue 24: 10,000 small PNGs (refused past ``MAX_IMAGES``), 500 (the limit),
    a PNG of 13,000 × 13,000 (a placeholder: more pixels than are decoded), one of 8,000 × 8,000 (the
    most decoded, downscaled), and SVGs whose ``<use>`` elements multiply to 10⁸ shapes (a placeholder)
    and to the most drawn; each with its peak memory."""
    from PIL import Image

    from exporter.readers.images import MAX_SVG_ELEMENTS, svg_references
    from exporter.validate import MAX_IMAGES

    folder = work / "images"
    (folder / "png").mkdir(parents=True)
    for n in range(MAX_IMAGES):
        Image.new("RGB", (200, 150), (n % 256, n * 7 % 256, n * 13 % 256)).save(folder / "png" / f"{n}.png")
    many = folder / "many.md"
    many.write_text("# Images\n\n" + "".join(f"![chart {n}](png/{n}.png)\n\n" for n in range(MAX_IMAGES)))
    too_many = folder / "too-many.md"
    too_many.write_text("# Images\n\n" + "".join(f"![chart {n}](png/{n % MAX_IMAGES}.png)\n\n" for n in range(10_000)))
    sources = {}
    for name, side in (("13000", 13_000), ("8000", 8_000)):
        plain_png(folder / f"{name}.png", side, side)
        sources[name] = folder / f"{name}.md"
        sources[name].write_text(f"# A large picture\n\n![{side} pixels a side]({name}.png)\n")
    use_bomb(folder / "bomb.svg", 8)
    top = next(n for n in range(1, 9) if svg_references(use_bomb(folder / "most.svg", n + 1))[1] > MAX_SVG_ELEMENTS)
    drawn = svg_references(use_bomb(folder / "most.svg", top))[1]  # the most levels within the limit
    for name in ("bomb", "most"):
        sources[name] = folder / f"{name}.md"
        sources[name].write_text(f"# A drawing\n\n![a drawing of copies]({name}.svg)\n")
    kb = (folder / "13000.png").stat().st_size // 1024
    rows = {
        f"exporter check, 10,000 PNGs (refused past {MAX_IMAGES})": ([EXPORTER, "check", str(too_many)], (2,)),
        f"exporter pdf, {MAX_IMAGES} PNGs": ([EXPORTER, "pdf", str(many), "-o", "out/i.pdf"], (0,)),
        f"exporter slides, {MAX_IMAGES} PNGs": ([EXPORTER, "slides", str(many), "-o", "out/i.pptx"], (0,)),
        f"exporter pdf, a {kb} KB PNG of 13,000² (a placeholder)": (
            [EXPORTER, "pdf", str(sources["13000"]), "-o", "out/i.pdf"], (0,)),
        "exporter pdf, a PNG of 8,000² (downscaled)": (
            [EXPORTER, "pdf", str(sources["8000"]), "-o", "out/i.pdf"], (0,)),
        "exporter slides, a PNG of 8,000² (downscaled)": (
            [EXPORTER, "slides", str(sources["8000"]), "-o", "out/i.pptx"], (0,)),
        "exporter pdf, an SVG of 10⁸ <use> copies (a placeholder)": (
            [EXPORTER, "pdf", str(sources["bomb"]), "-o", "out/i.pdf"], (0,)),
        f"exporter pdf, an SVG of {drawn:,} elements (the most drawn)": (
            [EXPORTER, "pdf", str(sources["most"]), "-o", "out/i.pdf"], (0,)),
    }  # fmt: skip
    for name, (argv, codes) in rows.items():
        print(line(name, measure({name: argv}, work, runs, codes)[name]))


def _renamed(block: object, suffix: str) -> object:
    if isinstance(block, dict):
        return {
            key: (value + suffix if key in ("id", "table") else _renamed(value, suffix)) for key, value in block.items()
        }
    if isinstance(block, list):
        return [_renamed(item, suffix) for item in block]
    return block


def reference() -> float:
    """Seconds for a fixed loop (best of 5): the machine's speed right now, since shared
    machines vary by a third from hour to hour and the medians move with it."""
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        total = 0
        for number in range(3_000_000):
            total += number
        best = min(best, time.perf_counter() - started)
    return best


class Run(NamedTuple):
    """One whole process: wall seconds, peak resident memory in MB, and the CPU seconds it and
    the processes it waited for used (user and system)."""

    seconds: float
    memory: int
    cpu: float


def run_once(argv: list[str], cwd: Path, codes: tuple[int, ...] = (0,)) -> Run:
    """Wall seconds, peak resident memory in MB and CPU seconds of one whole process, which must
    exit with one of ``codes``."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty child cannot block
        started = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in codes:
            errors.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed: {errors.read().decode()}")
    return Run(elapsed, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime)


def row(name: str, argv: list[str], cwd: Path, runs: int) -> str:
    """Time ``argv`` ``runs`` times, after one warm-up run that is not counted."""
    return line(name, measure({name: argv}, cwd, runs)[name])


def measure(
    commands: dict[str, list[str]], cwd: Path, runs: int, codes: tuple[int, ...] = (0,)
) -> dict[str, list[Run]]:
    """(seconds, MB) of ``runs`` runs of each command, taking turns after one warm-up round that is
    not counted: commands measured together see the machine at the same speed."""
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, argv in commands.items():
            result = run_once(argv, cwd, codes)
            if round_:
                results[name].append(result)
    return results


def line(name: str, measured: list[Run]) -> str:
    """The table row of one command's runs: median, min, max and peak memory."""
    times = [run.seconds for run in measured]
    memory = max(run.memory for run in measured)
    return f"| `{name}` | {statistics.median(times):.2f} s | {min(times):.2f} s | {max(times):.2f} s | {memory} MB |"


def watch_row(cwd: Path, saves: int) -> str:
    """Seconds from writing the source to a new PDF in place, under ``exporter watch``, over ``saves`` saves."""
    source, pdf = cwd / "source" / "article.yaml", cwd / "out" / "article.pdf"
    original = source.read_text(encoding="utf-8")
    watcher = subprocess.Popen(
        [EXPORTER, "watch"], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    times = []
    try:
        for line in watcher.stdout:  # type: ignore[union-attr]
            if line.startswith("watching"):
                break
        else:
            raise SystemExit("exporter watch stopped before watching")
        for save in range(saves):
            time.sleep(1.0)  # the previous rebuild (the deck after the PDF) is done; the machine is quiet
            before = pdf.stat().st_ino
            started = time.perf_counter()
            source.write_text(f"{original}# save {save}\n", encoding="utf-8")
            while pdf.stat().st_ino == before:  # the PDF is replaced by a rename: a new inode
                time.sleep(0.002)
            times.append(time.perf_counter() - started)
    finally:
        watcher.terminate()
        watcher.wait()
        source.write_text(original, encoding="utf-8")
    return (
        f"| `exporter watch`: save → new PDF | {statistics.median(times):.2f} s | {min(times):.2f} s "
        f"| {max(times):.2f} s | |"
    )


def instructions(argv: list[str], cwd: Path) -> int:
    """Instructions one run of ``argv`` executes, counted by valgrind's callgrind."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:  # not /dev/null: a tool that replaces its output file would take it
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/callgrind.out", *argv],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        )
    return int(re.search(r"Collected : (\d+)", result.stderr)[1])  # type: ignore[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per command (default 9; 3 for the large documents)")
    parser.add_argument("--instructions", action="store_true", help="count instructions (valgrind) instead of timing")
    parser.add_argument("--brief", action="store_true", help="only the article's brief against pandoc")
    parser.add_argument("--markdown", action="store_true", help="only the Markdown check against pandoc")
    parser.add_argument("--long-english", action="store_true", help="only the long English brief against pandoc")
    parser.add_argument("--deck", action="store_true", help="only the market analysis's deck and the headings")
    parser.add_argument("--statement", action="store_true", help="only the long statement's brief against pandoc")
    parser.add_argument("--template", action="store_true", help="only the deck on a company template against pandoc")
    parser.add_argument("--images", action="store_true", help="only the image costs (issue 24)")
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    if pandoc is None and not args.instructions:
        sys.exit("bench: pandoc, the peer every row is timed against, is missing; `make bench` installs it")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "source").mkdir()
        (work / "out").mkdir()
        shutil.copy(ARTICLE, work / "source" / "article.yaml")
        if args.instructions:
            print("| command | instructions |\n|---|---|")
            for name in ("pdf", "slides", "build --force"):
                count = instructions([EXPORTER, *name.split()], work)
                print(f"| `exporter {name}` | {count / 1e6:,.0f} million |")
            print(f"| {FLOOR} | {instructions([sys.executable, '-c', FLOOR_CODE], work) / 1e6:,.0f} million |")
            return
        alone = {
            "brief": lambda: print_brief_ratios(brief_rows(pandoc, work, args.runs), newline=True),
            "markdown": lambda: markdown_rows(pandoc, work, args.runs),
            "template": lambda: template_rows(pandoc, work, args.runs),
            "long_english": lambda: long_english_rows(pandoc, work, args.runs),
            "deck": lambda: deck_rows(pandoc, work, args.runs),
            "statement": lambda: statement_rows(pandoc, work, args.runs),
            "images": lambda: image_rows(work, args.runs),
        }  # the rows one option times alone
        chosen = next((rows for option, rows in alone.items() if getattr(args, option)), None)
        if chosen is not None:
            print("| command | median | min | max | peak memory |\n|---|---|---|---|---|")
            chosen()
            return
        large = work / "large"
        large.mkdir()
        x8, x21 = repeated(8, large / "x8.yaml"), repeated(21, large / "x21.yaml")
        print(f"{args.runs} runs each, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        print(f"CPU reference (a fixed pure-Python loop, lower is faster): {reference():.3f} s\n")
        print("| command | median | min | max | peak memory |")
        print("|---|---|---|---|---|")
        # in turns with the peer: the machine's speed at that moment
        medians = brief_rows(pandoc, work, args.runs)
        deck = {
            "exporter slides": [EXPORTER, "slides"],
            FLOOR: [sys.executable, "-c", FLOOR_CODE],
            PANDOC: [pandoc, "-f", "markdown", str(ARTICLE_TEXT), "-o", "out/x.pptx"],
        }
        measured = measure(deck, work, args.runs)
        print("\n".join(line(name, runs) for name, runs in measured.items()))
        medians |= {name: statistics.median(run.seconds for run in runs) for name, runs in measured.items()}
        print(row("exporter build --force (both)", [EXPORTER, "build", "--force"], work, args.runs))
        print(row("exporter build (up to date)", [EXPORTER, "build"], work, args.runs))
        print(watch_row(work, args.runs))
        for path in (x8, x21):
            pages = _pages(work, path)
            print(row(f"exporter pdf, {pages} pages", [EXPORTER, "pdf", str(path), "-o", "out/large.pdf"], work, 3))
        markdown_rows(pandoc, work, args.runs)
        long_english_rows(pandoc, work, 3)
        statement_rows(pandoc, work, 3)
        template_rows(pandoc, work, args.runs)
        image_rows(work, 3)
        deck_rows(pandoc, work, args.runs)
        size = (work / "out" / "article.pdf").stat().st_size
        print(f"\nout/article.pdf: {size / 1024:.0f} KB")
        print_brief_ratios(medians)
        print(
            f"exporter slides took {medians['exporter slides'] / medians[PANDOC]:.2f}× pandoc's time "
            "(issue 3 asked for 0.3 s when pandoc took 0.085 s: 3.53×)"
        )


def brief_rows(pandoc: str, work: Path, runs: int) -> dict[str, float]:
    """``exporter pdf`` on the article in turns with pandoc driving the same WeasyPrint on its text
    and on its Markdown; the rows printed, the medians returned by command."""
    brief = {
        "exporter pdf": [EXPORTER, "pdf"],
        PANDOC_PDF: pandoc_pdf(pandoc, work),
        PANDOC_PDF_MD: pandoc_pdf(pandoc, work, article_for_pandoc(work / "source"), output="out/x-md.pdf"),
    }
    measured = measure(brief, work, runs)
    print("\n".join(line(name, runs) for name, runs in measured.items()))
    return {name: statistics.median(run.seconds for run in runs) for name, runs in measured.items()}


def print_brief_ratios(medians: dict[str, float], newline: bool = False) -> None:
    """The brief's time as multiples of both pandoc rows'."""
    print(
        f"{chr(10) if newline else ''}exporter pdf took {medians['exporter pdf'] / medians[PANDOC_PDF]:.2f}× the "
        "time of pandoc driving the same WeasyPrint on the article's text (issue 12: under 0.9×; pandoc reads "
        "that text as two paragraphs, the tables as lines of text)"
    )
    print(
        f"exporter pdf took {medians['exporter pdf'] / medians[PANDOC_PDF_MD]:.2f}× the time of pandoc "
        "driving the same WeasyPrint on the article's Markdown (its headings, tables, lists and quotes)"
    )


def _pages(cwd: Path, source: Path) -> int:
    output = subprocess.run(
        [EXPORTER, "pdf", str(source), "-o", "out/large.pdf"], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout
    return int(output.split(": ")[1].split()[0])


if __name__ == "__main__":
    main()
