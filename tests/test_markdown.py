"""Markdown sources: read into the same model as YAML, every problem with its position, and
real-world Markdown rendered to both files with all its text.

In: ``source/article.md`` and ``source/article.yaml``; Markdown and YAML written here, with a
PNG, a JPEG and an SVG beside them.
Out: assertions on the loaded model, on ``exporter check``'s lines, and on real PDFs and decks
read back (PDFium text and link annotations, python-pptx shapes, notes and hyperlinks).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from exporter.errors import SourceError
from exporter.model import BulletList, CodeBlock, Image, Notes, Paragraph, Quote, Span, Table
from exporter.readers import read_source
from readback import deck_text, pdf_text, powerpoint_findings

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "exporter"]

FRONT = "---\nmeta:\n  title: T\n  date: 2025-01-02\n---\n"


def write(folder: Path, text: str, name: str = "article.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def lines_of(path: Path) -> list[str]:
    with pytest.raises(SourceError) as caught:
        read_source(path)
    return [line.removeprefix(f"{path}:") for line in caught.value.lines()]


def picture(folder: Path, name: str, size: tuple[int, int] = (400, 200)) -> None:
    from PIL import Image as Pillow

    Pillow.new("RGB", size, "#336699").save(folder / name)


# -- the seed article ---------------------------------------------------------------------------


def test_the_markdown_article_loads_to_the_yaml_article() -> None:
    yaml_doc = read_source(ROOT / "source" / "article.yaml")
    markdown_doc = read_source(ROOT / "source" / "article.md")
    assert markdown_doc == yaml_doc
    assert markdown_doc.notices == ()


def test_both_forms_of_the_article_give_briefs_with_the_same_text(tmp_path: Path) -> None:
    texts = []
    for name in ("article.yaml", "article.md"):
        output = tmp_path / f"{name}.pdf"
        result = subprocess.run([*CLI, "pdf", str(ROOT / "source" / name), "-o", str(output)], capture_output=True)
        assert result.returncode == 0, result.stderr
        texts.append(re.sub(r"rev\. [0-9a-f]+", "rev.", pdf_text(output)))  # the stamp hashes the source file
    assert texts[0] == texts[1]
    assert "禁輸措置の内容" in texts[1]


# -- the mapping ----------------------------------------------------------------------------


def test_inline_markup_makes_the_same_spans_in_markdown_and_yaml(tmp_path: Path) -> None:
    text = r"a **bold** *it* `co*de` [link](https://example.com/x) \*literal\*"
    markdown = read_source(write(tmp_path, FRONT + "\n" + text + "\n"))
    yaml_source = write(tmp_path, f"meta: {{title: T, date: 2025-01-02}}\nbody:\n  - '{text}'\n", "article.yaml")
    from_yaml = read_source(yaml_source)
    paragraph = markdown.intro[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.text == "a bold it co*de link *literal*"
    assert paragraph.text.spans == (
        Span("a "),
        Span("bold", bold=True),
        Span(" "),
        Span("it", italic=True),
        Span(" "),
        Span("co*de", code=True),
        Span(" "),
        Span("link", href="https://example.com/x"),
        Span(" *literal*"),
    )
    assert from_yaml.intro == markdown.intro


def test_headings_lists_code_quotes_notes_and_labels(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        FRONT
        + "\nLead:\n\n1. one\n   - nested\n2. two\n\n"
        + "{#q lang=en}\n> Said it.\n>\n> — Ann Lee (@ann) 2025\n\n"
        + "```python\nprint('x')\n```\n\n::: notes\nSay this.\n:::\n\n## Part\n\ntext\n",
    )
    document = read_source(source)
    bullets, quote, code, notes = document.intro
    assert isinstance(bullets, BulletList) and bullets.label == "Lead:" and bullets.ordered
    assert bullets.items == ("one", "two")
    assert bullets.children[0] is not None and bullets.children[0].items == ("nested",)
    assert isinstance(quote, Quote)
    assert (quote.paragraphs, quote.author, quote.handle, quote.date, quote.lang, quote.id) == (
        ("Said it.",),
        "Ann Lee",
        "@ann",
        "2025",
        "en",
        "q",
    )
    assert isinstance(code, CodeBlock) and (code.text, code.lang) == ("print('x')", "python")
    assert isinstance(notes, Notes) and notes.text == "Say this."
    assert [s.title for s in document.sections] == ["Part"]


@pytest.mark.parametrize("lead", ["我们的计划：", "私たちの方針：", "우리의 계획:", "Our plan:"])
def test_a_line_ending_in_a_colon_of_any_width_labels_the_list_after_it(tmp_path: Path, lead: str) -> None:
    """Chinese and Japanese end a lead-in with the full-width colon (U+FF1A), others with ``:``."""
    document = read_source(write(tmp_path, f"# T\n\n{lead}\n\n- 一\n- 二\n"))
    (bullets,) = document.intro
    assert isinstance(bullets, BulletList) and bullets.label == lead


def test_key_table_from_an_attribute_line_and_a_caption_line(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        FRONT + '\n{#gap .key headline="The gap is wide."}\n| | US | CN |\n|---|---|---|\n| a | 1 | 2 |\n\n'
        "Table: The gap\n",
    )
    (table,) = read_source(source).intro
    assert isinstance(table, Table)
    assert (table.id, table.key, table.headline, table.caption, table.header) == (
        "gap", True, "The gap is wide.", "The gap", ("", "US", "CN")
    )  # fmt: skip


def test_title_from_the_first_heading_and_date_from_the_file_without_front_matter(tmp_path: Path) -> None:
    source = write(tmp_path, "# My README\n\nHello.\n")
    document = read_source(source)
    assert document.meta.title == "My README"
    assert [n.message for n in document.notices] == [
        f"no meta 'date': the file's date {document.meta.date.isoformat()} is used"
    ]


# -- errors, every one with its position ----------------------------------------------------


def test_every_problem_at_once_with_its_position(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        "---\nmeta:\n  title: T\n  date: 2025-13-01\n---\n\n"  # front matter: line 4
        "{#t bogus=1}\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n\n"  # attribute line 7, row line 10: a warning
        "{#t}\n> quoted\n\n"  # duplicate id: line 13
        "![a chart](missing.png)\n\n"  # line 15: a warning
        "![](bomb.svg)\n",  # line 17
    )
    (tmp_path / "bomb.svg").write_text('<!DOCTYPE svg [<!ENTITY a "a">]><svg xmlns="http://www.w3.org/2000/svg"/>')
    assert lines_of(source) == [
        "4:9: error: meta 'date': expected a date as YYYY-MM-DD",
        "7:1: error: attribute 'bogus' is not known for a table; expected one of: id, headline, caption, chart, "
        "series, unit",
        "13:1: error: id 't' is already used on line 8; ids must be unique",
        "17:1: error: image 'bomb.svg': declares XML entities, which are not expanded; "
        "expected an SVG file without them",
    ]


def test_front_matter_syntax_error_is_at_its_line_in_the_file(tmp_path: Path) -> None:
    source = write(tmp_path, "---\nmeta:\n  title: [T\n---\n\ntext\n")
    (line,) = lines_of(source)
    assert line.startswith("3:12: error: YAML syntax error: expected ',' or ']'")  # line 3 of the file


def test_an_image_outside_the_project_is_a_placeholder(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()  # the project
    (tmp_path / "src").mkdir()
    picture(tmp_path.parent, f"{tmp_path.name}-outside.png")
    source = write(tmp_path / "src", FRONT + f"\n![escape](../../{tmp_path.name}-outside.png)\n")
    document = read_source(source)
    (image,) = document.intro
    assert isinstance(image, Image) and image.path is None and image.url == f"../../{tmp_path.name}-outside.png"
    (notice,) = document.notices
    assert notice.pos is not None and (notice.pos.line, notice.pos.column) == (7, 1)
    assert notice.message == (
        f"image '../../{tmp_path.name}-outside.png' cannot be shown (outside the project {tmp_path}); "
        "its alt text is framed instead"
    )


def test_a_control_character_is_left_out_with_a_warning_at_its_line(tmp_path: Path) -> None:
    source = write(tmp_path, FRONT + "\nok\n\nbad \x01 here\x08\n")
    document = read_source(source)
    assert [str(b.text) for b in document.intro if isinstance(b, Paragraph)] == ["ok", "bad  here"]
    assert [(n.pos.line if n.pos else 0, n.message) for n in document.notices] == [
        (9, "character U+0001 (character 5 of this text) cannot be written to a PDF or a deck; it is left out "
         "(and 1 more in this text)")
    ]  # fmt: skip


def test_check_warns_of_raw_html_and_remote_images_with_positions(tmp_path: Path) -> None:
    source = write(tmp_path, FRONT + "\n<marquee>kept text</marquee>\n\n![a badge](https://example.com/b.svg)\n")
    result = subprocess.run([*CLI, "check", str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{source}:7:1: warning: raw HTML <marquee> is not interpreted; the text around it is kept",
        f"{source}:9:1: warning: image 'https://example.com/b.svg' cannot be shown (remote: never fetched); "
        "its alt text is framed instead",
    ]


def test_check_on_markdown_imports_neither_weasyprint_nor_python_pptx(tmp_path: Path) -> None:
    source = write(tmp_path, FRONT + "\n# x\n\n**text**\n")
    code = (
        "import sys; from exporter.cli import main\n"
        f"try: main(['check', {str(source)!r}])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in ('weasyprint', 'pptx') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "[]", result.stdout + result.stderr


# -- real-world Markdown, through both renderers ----------------------------------------------

README = """<!-- generated: do not edit -->
<p align="center"><img src="logo.png" alt="Project logo"> Fast tools</p>

# Widget

[![Build](https://github.com/o/widget/actions/workflows/ci.yml/badge.svg)](https://github.com/o/widget/actions)
[![PyPI](https://img.shields.io/pypi/v/widget.svg)](https://pypi.org/project/widget/)

Widget is **fast**, *small* and `typed`; see [the docs](https://widget.example.org/docs).

## Install

1. Install it:
   - from PyPI
   - from source
2. Run `widget --help`.

```sh
pip install widget  # then run widget
```

![Throughput by release](chart.png "Throughput")

![Latency as a photo](photo.jpg)

![Architecture](diagram.svg)

![Remote screenshot](https://example.com/shot.png)

## Options

| | Default | Meaning |
|---|---|---|
| `--fast` | off | go faster |
| `--out` | `out/` | where to write |

> Widget changed how we work.
>
> — Dana (@dana) 2024

Some <b>inline HTML</b> here.
"""

WORDS = re.compile(r"[A-Za-z][A-Za-z-]+")


def test_a_real_world_readme_gives_both_files_with_all_its_text(tmp_path: Path) -> None:
    picture(tmp_path, "chart.png")
    picture(tmp_path, "photo.jpg", (300, 400))
    (tmp_path / "diagram.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60"/></svg>'
    )
    source = write(tmp_path, README, "README.md")
    pdf, deck = tmp_path / "README.pdf", tmp_path / "README.pptx"
    for command, output in (("pdf", pdf), ("slides", deck)):
        result = subprocess.run([*CLI, command, str(source), "-o", str(output)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr

    # what a reader sees: no comment, tags, link targets or local images' alt texts (their captions show)
    visible = re.sub(r"!\[[^\]]*\]\((?!https)[^)]*\)", " ", README.split("\n", 1)[1])
    visible = re.sub(r"<[^>]+>|\]\([^)]*\)|https?://\S+", " ", visible)
    expected = set(WORDS.findall(visible)) - {"png", "jpg", "svg", "sh"}
    brief = pdf_text(pdf)
    slides = deck_text(deck, notes=True)
    assert expected - set(WORDS.findall(brief)) == set()
    assert expected - set(WORDS.findall(slides)) == set()

    links = {
        annotation.get_object()["/A"]["/URI"]
        for page in PdfReader(pdf).pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    }
    assert "https://widget.example.org/docs" in links
    images = sum(len(page.images) for page in PdfReader(pdf).pages)
    assert images >= 2  # the PNG and the JPEG (the SVG is drawn as vectors)

    assert powerpoint_findings(deck) == []  # pictures and their relationships as PowerPoint wants them
    presentation = Presentation(str(deck))
    pictures = [s for slide in presentation.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert sorted(p._element.nvPicPr.cNvPr.get("descr") for p in pictures) == [
        "Latency as a photo",
        "Throughput by release",
    ]
    for shape in pictures:  # scaled to fit the slide
        assert shape.left >= 0 and shape.top >= 0
        assert shape.left + shape.width <= presentation.slide_width
        assert shape.top + shape.height <= presentation.slide_height


def test_links_in_a_bullet_and_a_table_cell_are_hyperlinks_on_their_slides(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        "---\nmeta: {title: T, date: 2025-01-02}\nsummary: {outlook: watch}\n---\n\n## Watch\n\n"
        "{#watch}\n- see [the report](https://example.org/report)\n- *later*\n\nThe end.\n\n"
        '{#k .key headline="Where to read more"}\n| what | where |\n|---|---|\n'
        "| data | [the table](https://example.org/t) |\n",
    )
    deck = tmp_path / "a.pptx"
    result = subprocess.run([*CLI, "slides", str(source), "-o", str(deck)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    presentation = Presentation(str(deck))
    frames = [
        frame
        for slide in presentation.slides
        for shape in slide.shapes
        for frame in (
            [shape.text_frame]
            if shape.has_text_frame
            else [c.text_frame for row in shape.table.rows for c in row.cells]
            if shape.has_table
            else []
        )
    ]
    runs = [run for frame in frames for paragraph in frame.paragraphs for run in paragraph.runs]
    linked = sorted((r.text, r.hyperlink.address) for r in runs if r.hyperlink.address)
    assert linked == [("the report", "https://example.org/report"), ("the table", "https://example.org/t")]
    assert powerpoint_findings(deck) == []  # a:hlinkClick where the schema puts it
    assert any(r.text == "later" and r.font.italic for r in runs)


def test_a_yaml_image_block_is_a_figure(tmp_path: Path) -> None:
    picture(tmp_path, "c.png")
    source = write(
        tmp_path,
        "meta: {title: T, date: 2025-01-02}\nbody:\n  - image: c.png\n    alt: A chart\n    caption: Sales\n",
        "a.yaml",
    )
    (image,) = read_source(source).intro
    assert isinstance(image, Image)
    assert (Path(image.path or "").name, image.alt, image.caption, image.size) == (
        "c.png",
        "A chart",
        "Sales",
        (400, 200),
    )


def test_the_markdown_example_in_the_format_doc_loads(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "source-format.md").read_text(encoding="utf-8")
    example = doc.split("### The complete example in Markdown", 1)[1].split("````markdown\n", 1)[1]
    example = example[: example.index("\n````\n") + 1]
    picture(tmp_path, "chart.png")
    document = read_source(write(tmp_path, example))
    assert document.meta.title == "「侮られた国」の逆転劇"
    assert [t.id for t in document.tables()] == ["efficiency", "takeaways"]
    assert document.summary.takeaways is not None and document.summary.takeaways.caption == "Key Takeaways"
    assert [s.id for s in document.summary.implications] == ["lesson"]
    assert document.summary.outlook is not None and document.summary.outlook.label == "注目点:"
    kinds = [b.kind for b in document.blocks()]
    assert {"code", "image", "notes", "quote", "list", "table"} <= set(kinds)
    assert document.notices == ()


def test_foreign_front_matter_and_an_empty_heading_are_warnings_not_errors(tmp_path: Path) -> None:
    source = write(tmp_path, "---\nlayout: post\ntitle: Jekyll\n---\n\n# Page\n\ntext\n\n##\n\nmore\n")
    document = read_source(source)
    assert document.meta.title == "Page"
    messages = [(n.pos.line if n.pos else 0, n.message) for n in document.notices]
    assert (1, "front matter without 'meta' or 'summary' (another tool's, such as Jekyll's) is not read") in messages
    assert (10, "an empty heading is left out; what follows stays in the section before") in messages
    assert [str(b.text) for b in document.intro if isinstance(b, Paragraph)] == ["text", "more"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("fake.png", b"not a picture", "not a readable PNG file"),
        ("renamed.png", None, "a JPEG file; expected PNG as its name says"),
        ("chart.gif", b"GIF89a", "not a readable GIF file"),
        ("fake.svg", b"<html></html>", "not an SVG file"),
        ("chart.pdf", b"%PDF-1.7", "not a picture both outputs can show (PNG, JPEG, GIF, WebP, BMP, TIFF or SVG)"),
    ],
)
def test_an_image_that_cannot_be_read_is_a_placeholder_with_a_warning(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    if content is None:
        from PIL import Image as Pillow

        Pillow.new("RGB", (10, 10)).save(tmp_path / name, format="JPEG")
    else:
        (tmp_path / name).write_bytes(content)
    source = write(tmp_path, FRONT + f"\n![a picture]({name})\n")
    document = read_source(source)
    assert [b.url for b in document.intro if isinstance(b, Image)] == [name]
    assert [n.message for n in document.notices] == [
        f"image '{name}' cannot be shown ({reason}); its alt text is framed instead"
    ]


def test_a_first_heading_that_repeats_the_front_matter_title_is_not_a_section(tmp_path: Path) -> None:
    source = tmp_path / "doc.md"
    front = "---\nmeta:\n  title: Cache rollout\n  date: 2026-01-01\n  lang: en\n---\n\n"
    source.write_text(front + "# Cache rollout\n\nIntro.\n\n## Results\n\nText.\n", encoding="utf-8")
    document = read_source(source)
    assert [s.title for s in document.sections] == ["Results"] and document.sections[0].level == 2
    source.write_text(front + "# Background\n\nIntro.\n\n## Results\n\nText.\n", encoding="utf-8")
    assert [s.title for s in read_source(source).sections] == ["Background"]  # another heading stays a section


NESTED = """
## Lists

- alpha first paragraph

  alphasecond paragraph

- beta item

  ```python
  print("betacode")
  ```

- gamma item

  | colone | coltwo |
  |---|---|
  | cellthree | cellfour |

- delta item

  > deltaquote words

- epsilon item

  ![epsilonalt chart](chart.png)

## Quotes

> quote paraone
>
> ```
> quotecode line
> ```
>
> | qhead | qheadtwo |
> |---|---|
> | qcell | qcelltwo |
>
> > nestedquote words
>
> ![quotealt chart](chart.png)
>
> 1. quotelist item
"""
"""Blocks a list item or a quote holds that the model cannot: each one's words, and where it starts."""


def test_blocks_inside_list_items_and_quotes_keep_their_text_with_a_warning_at_each(tmp_path: Path) -> None:
    picture(tmp_path, "chart.png")
    source = write(tmp_path, FRONT + NESTED)
    result = subprocess.run([*CLI, "check", str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    image = "is shown as its alt text; only an image outside lists and quotes is a figure"
    assert result.stdout.splitlines() == [
        f"{source}:{where}: warning: {message}"
        for where, message in [
            ("11:3", "a list item's next paragraph is joined to it after a line break"),
            ("15:3", "a code block inside a list item is kept in it as monospaced text"),
            ("21:3", "a table inside a list item is kept in it as text, a line per row, cells apart by ' | '"),
            ("27:3", "a quote inside a list item is kept in it as plain text"),
            ("31:3", f"image 'chart.png' inside a list item {image}"),
            ("37:1", "a code block inside a quote is kept in it as monospaced text"),
            ("41:1", "a table inside a quote is kept in it as text, a line per row, cells apart by ' | '"),
            ("45:1", "a quote inside a quote is kept in it as plain text"),
            ("47:1", f"image 'chart.png' inside a quote {image}"),
            ("49:1", "a list inside a quote is kept in it as text, a line per item"),
        ]
    ]
    pdf, deck = tmp_path / "article.pdf", tmp_path / "article.pptx"
    for command, output in (("pdf", pdf), ("slides", deck)):
        written = subprocess.run([*CLI, command, str(source), "-o", str(output)], capture_output=True, text=True)
        assert written.returncode == 0, written.stderr
    words = set(WORDS.findall(NESTED)) - {"Lists", "Quotes", "python", "png"}
    assert words - set(WORDS.findall(pdf_text(pdf))) == set()
    assert words - set(WORDS.findall(deck_text(deck, notes=True))) == set()
    document = read_source(source)
    items = next(b for b in document.blocks() if isinstance(b, BulletList)).items
    assert items[1] == 'beta item\nprint("betacode")' and items[1].spans[-1] == Span('print("betacode")', code=True)
    assert items[2] == "gamma item\ncolone | coltwo\ncellthree | cellfour"
    quote = next(b for b in document.blocks() if isinstance(b, Quote))
    assert quote.paragraphs[-1] == "1. quotelist item"


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="90" height="40">{}</svg>'
)


def test_an_svg_referring_to_what_the_brief_cannot_read_is_a_warning_at_the_image(tmp_path: Path) -> None:
    (tmp_path / "charts").mkdir()
    picture(tmp_path / "charts", "inside.png")
    picture(tmp_path.parent, "outside.png")
    drawings = {
        "remote.svg": '<image href="https://example.com/logo.png" width="9" height="9"/>',
        "outside.svg": '<image xlink:href="../../outside.png" width="9" height="9"/>',
        "styled.svg": "<style>rect { fill: url('https://example.com/p.svg#g') }</style>",
        "fine.svg": '<image href="inside.png" width="9" height="9"/><rect style="fill:url(#g)"/><a href="https://x.org"/>',
    }
    for name, inner in drawings.items():
        (tmp_path / "charts" / name).write_text(SVG.format('<rect width="30" height="30"/>' + inner))
    body = "\n".join(f"![{name.split('.')[0]} drawing](charts/{name})\n" for name in drawings)
    source = write(tmp_path, FRONT + "\n## Charts\n\n" + body)
    result = subprocess.run([*CLI, "check", str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{source}:9:1: warning: image 'charts/remote.svg' refers to 'https://example.com/logo.png' "
        "(remote: never fetched); the brief draws the SVG without it",
        f"{source}:11:1: warning: image 'charts/outside.svg' refers to '../../outside.png' "
        "(outside the project); the brief draws the SVG without it",
        f"{source}:13:1: warning: image 'charts/styled.svg' refers to 'https://example.com/p.svg#g' "
        "(remote: never fetched); the brief draws the SVG without it",
    ]
    pdf = tmp_path / "article.pdf"
    written = subprocess.run([*CLI, "pdf", str(source), "-o", str(pdf)], capture_output=True, text=True)
    assert written.returncode == 0, written.stderr
    text = pdf_text(pdf)
    assert all(f"{name.split('.')[0]} drawing" in text for name in drawings)  # every figure is still there


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
         "declares XML entities, which are not expanded; expected an SVG file without them"),
    ],
)  # fmt: skip
def test_an_svg_that_declares_entities_is_an_error_at_the_image(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "chart.svg").write_text(content)
    source = write(tmp_path, FRONT + "\n![a chart](chart.svg)\n")
    assert lines_of(source) == [f"7:1: error: image 'chart.svg': {message}"]


def test_an_svg_that_does_not_parse_is_a_placeholder(tmp_path: Path) -> None:
    (tmp_path / "chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect')
    source = write(tmp_path, FRONT + "\n![a chart](chart.svg)\n")
    assert [n.message for n in read_source(source).notices] == [
        "image 'chart.svg' cannot be shown (not an SVG file (its XML: unclosed token at line 1)); "
        "its alt text is framed instead"
    ]


def _tokens(tokens: list) -> list:  # type: ignore[type-arg]
    return [
        (t.type, t.tag, t.content, t.map, t.attrs, t.info, t.markup, _tokens(t.children) if t.children else None)
        for t in tokens
    ]


def test_inline_markup_is_parsed_only_where_it_may_be() -> None:
    """The reader's parser skips markdown-it's inline parsing for texts without a markup character
    or line break; on every Markdown file here and on texts near the edge, its tokens are those of
    markdown-it's own rule."""
    from exporter.readers.inline import markdown, parser

    reference = markdown()
    texts = [path.read_text(encoding="utf-8") for path in (*ROOT.glob("tests/documents/*.md"), ROOT / "README.md")]
    texts += ["a+b=c # d ! e ~ f ^ g", "| x+y | z! |\n|---|---|\n| **b** | `c` |", "a  \nb", "t &amp; u", "x \\* y", ""]
    texts += ["$x$ and $5", "a[^1]\n\n[^1]: n", "- [ ] t", "T\n: d", "H<sub>2</sub>O"]
    assert len(texts) > 10
    for text in texts:
        assert _tokens(parser().parse(text)) == _tokens(reference.parse(text))
