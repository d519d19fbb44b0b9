"""Nothing lost: every line of the original article is in the loaded model, in order.

In: ``tests/data/article.txt`` (a committed copy of the article as published) and
``source/article.yaml``. Every non-empty line of the article, except the page
furniture at its end, must be found verbatim in the model — as a section title,
paragraph, quote paragraph, label, quote attribution, list item, table caption or
table row — and the model must find them in the article's order. The example in
``docs/source-format.md`` must load too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import PIL.Image
import pytest
import yaml

from exporter.model import Block, BulletList, Document, Paragraph, Quote, Table
from exporter.readers import read_source

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "data" / "article.txt"
SOURCE = ROOT / "source" / "article.yaml"
FORMAT_DOC = ROOT / "docs" / "source-format.md"

FURNITURE = ["参考情報", "コメント"]
"""The page furniture at the end of the article, left out of the source on purpose."""


@dataclass(frozen=True)
class Unit:
    """One piece of the model's text, in reading order: what kind of line it answers, and its value."""

    kind: str  # "text" (a plain line), "item" (a "- " line) or "row" (a "| … |" line)
    value: str | tuple[str, ...]
    block: object  # the block (or section) it belongs to, to check attributions


def block_units(block: Block) -> list[Unit]:
    if isinstance(block, Paragraph):
        return [Unit("text", block.text, block)]
    if isinstance(block, Quote):
        label = [Unit("text", block.label, block)] if block.label else []
        return label + [Unit("text", p, block) for p in block.paragraphs]
    if isinstance(block, BulletList):
        label = [Unit("text", block.label, block)] if block.label else []
        return label + [Unit("item", item, block) for item in block.items]
    assert isinstance(block, Table)
    caption = [Unit("text", block.caption, block)] if block.caption else []
    return caption + [Unit("row", block.header, block)] + [Unit("row", row, block) for row in block.rows]


def reading_order(document: Document) -> list[Unit]:
    """The model's text in reading order: intro, then each section's title, blocks and subsections."""
    units = [u for b in document.intro for u in block_units(b)]
    for section in document.walk_sections():  # depth first: a section's blocks before its subsections
        units.append(Unit("text", section.title, section))
        units.extend(u for b in section.blocks for u in block_units(b))
    return units


def article_lines() -> list[str]:
    """The article's non-empty lines, verbatim, without its page furniture and table rules."""
    lines = [line for line in ARTICLE.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert lines[-len(FURNITURE) :] == FURNITURE, "the article should end with its page furniture"
    return [line for line in lines[: -len(FURNITURE)] if not re.fullmatch(r"\|(-+\|)+", line)]


def as_unit(line: str) -> tuple[str, str | tuple[str, ...]]:
    """What a line of the article must match: a table row's cells, a list item's text, or the line."""
    if line.startswith("|"):
        assert line.startswith("| ") and line.endswith(" |"), f"unexpected table row: {line!r}"
        return "row", tuple(line[2:-2].split(" | "))
    if line.startswith("- "):
        return "item", line[2:]
    return "text", line


@pytest.fixture(scope="module")
def document() -> Document:
    return read_source(SOURCE)


def test_the_committed_article_is_the_one_the_source_was_made_from() -> None:
    lines = article_lines()
    assert len(lines) == 117  # 126 non-empty lines, less 2 of furniture and 7 table rules
    assert lines[0].startswith("「当初、中国は切り捨てられ")
    assert lines[-1].endswith("歴史的な教訓となりました。")


def test_every_line_of_the_article_is_in_the_model_in_order(document: Document) -> None:
    units = reading_order(document)
    attributions = {b.attribution: b for b in document.blocks() if isinstance(b, Quote) and b.attribution}
    matched: list[int] = []  # index into units of each line matched so far
    pending_attribution: Quote | None = None
    missing, out_of_order = [], []
    for line in article_lines():
        if line in attributions:  # the attribution line sits inside its quote, between its paragraphs
            pending_attribution = attributions[line]
            assert matched and units[matched[-1]].block is pending_attribution, f"{line!r} is not inside its quote"
            continue
        kind, value = as_unit(line)
        candidates = [i for i, u in enumerate(units) if (u.kind, u.value) == (kind, value)]
        if not candidates:
            missing.append(line)
            continue
        after = [i for i in candidates if not matched or i > matched[-1]]
        if not after:
            out_of_order.append(line)
            continue
        matched.append(after[0])
        if pending_attribution is not None:
            assert units[after[0]].block is pending_attribution, "an attribution line must be inside its quote"
            pending_attribution = None
    assert missing == [], "lines of the article not found in the model"
    assert out_of_order == [], "lines of the article found out of order"
    assert pending_attribution is None


def test_the_model_adds_no_text_of_its_own(document: Document) -> None:
    """The converse: every piece of the model's body text is a line of the article."""
    lines = {as_unit(line) for line in article_lines()}
    extra = [u.value for u in reading_order(document) if (u.kind, u.value) not in lines]
    assert extra == []


def test_the_embedded_post_is_one_english_quote_with_its_attribution(document: Document) -> None:
    post = document.intro[2]
    assert isinstance(post, Quote)
    assert post.lang == "en"
    assert post.paragraphs == (
        "Initially, China was written off and ridiculed, subjected to harsh embargoes.",
        "And despite all these obstacles, China has managed to completely displace the largest American "
        "open-source producer, Meta, and Llama.",
    )
    assert post.attribution == "— Chubby♨️ (@kimmonismus) 2025年12月7日"
    assert (post.author, post.handle, post.date) == ("Chubby♨️", "@kimmonismus", "2025年12月7日")


def test_labels_stay_with_what_they_introduce(document: Document) -> None:
    labelled = {b.label: b for b in document.blocks() if isinstance(b, Quote | BulletList) and b.label}
    assert set(labelled) == {"重要な発見:", "この戦略のポイント:", "Jensen Huangの発言:", "分析:"}
    assert isinstance(labelled["重要な発見:"], Quote)
    assert isinstance(labelled["Jensen Huangの発言:"], Quote)
    assert len(labelled["Jensen Huangの発言:"].paragraphs) == 2
    assert isinstance(labelled["分析:"], Quote)
    assert isinstance(labelled["この戦略のポイント:"], BulletList)


# -- the format documentation ---------------------------------------------------


def yaml_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```$", markdown, flags=re.MULTILINE | re.DOTALL)


def test_the_complete_example_in_the_format_doc_loads(tmp_path: Path) -> None:
    markdown = FORMAT_DOC.read_text(encoding="utf-8")
    example = markdown.split("## A complete example", 1)[1]
    (block,) = yaml_blocks(example)
    path = tmp_path / "example.yaml"
    path.write_text(block, encoding="utf-8")
    document = read_source(path)
    assert document.meta.short_title == "中国AI逆転劇"
    assert [t.id for t in document.tables()] == ["efficiency", "takeaways"]
    assert document.summary.takeaways is not None and document.summary.takeaways.id == "takeaways"
    assert [s.id for s in document.summary.implications] == ["lesson"]
    assert document.summary.before is not None and document.summary.after is not None


def test_every_block_snippet_in_the_format_doc_loads(tmp_path: Path) -> None:
    """Snippets of body entries (starting with '- ') load as the body of a minimal document."""
    snippets = yaml_blocks(FORMAT_DOC.read_text(encoding="utf-8"))
    assert len(snippets) >= 7
    head = "meta:\n  title: T\n  date: 2025-01-01\nbody:\n"
    (tmp_path / "charts").mkdir()
    PIL.Image.new("RGB", (40, 20)).save(tmp_path / "charts" / "cost.png")  # the image snippet's file
    for number, snippet in enumerate(snippets, 1):
        yaml.safe_load(snippet)  # every snippet is valid YAML
        if snippet.startswith("- "):
            path = tmp_path / f"snippet-{number}.yaml"
            path.write_text(head + "".join(f"  {line}\n" for line in snippet.splitlines()), encoding="utf-8")
            read_source(path)
