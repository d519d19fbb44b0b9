"""The slide planner on plain Markdown: the tables it chooses, points under their lead-ins, what makes no slide.

In: small Markdown documents without front matter or attribute lines, written to a temporary folder.
Out: assertions on the plan (``plan_deck``) and on ``exporter check``'s note of the chosen tables.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exporter.lint import check
from exporter.readers import read_source
from exporter.slides.chosen import MOST_TABLES, choose
from exporter.slides.layouts.sections import MOST_POINTS
from exporter.slides.plan import MOST_SLIDES, Plan, plan_deck
from exporter.slides.shapes import Box, Slide, TableShape
from exporter.theme import load_theme


@pytest.fixture(scope="module")
def theme():  # type: ignore[no-untyped-def]
    return load_theme()


def _plan(theme, tmp_path: Path, text: str) -> Plan:  # type: ignore[no-untyped-def]
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    return plan_deck(read_source(path), theme)


def _title(slide: Slide) -> str:
    return "".join(p.text for p in slide.title.paras).replace("\n", "")


def _texts(slide: Slide) -> list[str]:
    """Every paragraph of the slide's text boxes but the title, line breaks taken out."""
    return [p.text.replace("\n", "") for s in slide.shapes if isinstance(s, Box) for p in s.paras]


def _points(slide: Slide) -> list[str]:
    """The bulleted or numbered items of a slide (paragraphs with a hanging indent)."""
    return [p.text.replace("\n", "") for s in slide.shapes if isinstance(s, Box) for p in s.paras if p.indent]


def _table(rows: int, number: int, numeric: bool = True) -> str:
    cells = [f"| Item {number}.{r} | {f'${r + 1}.5 billion' if numeric else 'none'} |" for r in range(rows)]
    return "\n".join(["| Item | Value |", "|---|---:|", *cells]) + "\n"


def test_a_documents_only_table_is_on_a_slide_titled_by_the_document(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(theme, tmp_path, "# The ranking\n\n" + _table(5, 1))
    [table_slide] = [s for s in plan.deck.slides if s.kind == "table"]
    assert _title(table_slide).startswith("The ranking — ")  # told apart from the cover by its number
    [choice] = choose(read_source(tmp_path / "doc.md"))
    assert choice.shown and choice.reason == "the document's only table"


def test_a_readmes_badges_have_no_slide_and_its_pictures_are_titled_by_their_words(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A remote image is never fetched: a slide would frame its address; the notes name it. A picture
    whose alt text describes nothing is titled by its section, or in the intro by the document."""
    from PIL import Image as Picture

    Picture.new("RGB", (400, 200), "navy").save(tmp_path / "demo.png")
    badges = (
        "[![Build](https://img.shields.io/badge/build-passing-green.svg)](https://ci.example.com) ![PyPI](//x.io/v.svg)"
    )
    plan = _plan(theme, tmp_path, f"# fastq\n\n{badges}\n\nA queue.\n\n![demo](demo.png)\n\n## Use\n\n![](demo.png)\n")
    images = [s for s in plan.deck.slides if s.kind == "image"]
    assert [_title(s) for s in images] == ["fastq — Figure 1", "Use"]  # told from the cover by its number in the brief
    assert not any("shields.io" in t or "x.io" in t for s in plan.deck.slides for t in _texts(s))
    assert "https://img.shields.io/badge/build-passing-green.svg" in plan.deck.slides[0].notes


def test_more_tables_than_the_deck_shows_are_ranked_and_check_notes_the_choice(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    words = [f"## Part {n}\n\nSome words on part {n}.\n\n" + _table(3, n, numeric=False) for n in range(3)]
    numbers = [f"## Figures {n}\n\nThe figures of part {n}.\n\n" + _table(8, n) for n in range(3, MOST_TABLES + 3)]
    plan = _plan(theme, tmp_path, "# Review\n\n" + "\n".join(words + numbers))
    shown = {s.shapes[1].descr for s in plan.deck.slides if s.kind == "table" and isinstance(s.shapes[1], TableShape)}
    choices = choose(read_source(tmp_path / "doc.md"))
    assert [c.shown for c in choices] == [False] * 3 + [True] * MOST_TABLES  # tables of numbers outrank words
    assert len(shown) == MOST_TABLES
    [note] = [p for p in check(tmp_path / "doc.md", theme, notes=True) if "the deck shows" in p.message]
    assert f"the {MOST_TABLES} of the document's {MOST_TABLES + 3} tables ranked first" in note.message
    assert (note.line, note.column) == (choices[0].table.pos.line, choices[0].table.pos.column)  # type: ignore[union-attr]


def test_a_key_table_leaves_the_choice_to_the_author(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "# Review\n\n## A\n\n{.key}\n" + _table(3, 1) + "\n## B\n\n" + _table(3, 2)
    plan = _plan(theme, tmp_path, text)
    assert len([s for s in plan.deck.slides if s.kind == "table"]) == 1
    assert [p for p in check(tmp_path / "doc.md", theme, notes=True) if "the deck shows" in p.message] == []


def test_a_bold_lead_in_stays_with_the_figures_it_introduces(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = """# Market

## Market size

### Global market

**GenAI market**

- 2024: $365.96 billion
- 2030: $1,342.70 billion

**SWE-bench Verified** (Claude Opus 4.5 / GPT-5.1 / Gemini 3 Pro)

- Resolved: 77.2% / 74.5% / 73.3%
"""
    [points] = [s for s in _plan(theme, tmp_path, text).deck.slides if s.kind == "section"]
    texts = _texts(points)
    assert texts.index("GenAI market") < texts.index("2024: $365.96 billion")
    lead = "SWE-bench Verified (Claude Opus 4.5 / GPT-5.1 / Gemini 3 Pro)"
    assert texts.index(lead) == texts.index("Resolved: 77.2% / 74.5% / 73.3%") - 1


def test_a_long_section_shows_six_points_at_most_and_every_word_in_the_notes(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    groups = [f"**Lead {g}**\n\n" + "".join(f"- Point {g}.{i} of the section\n" for i in range(8)) for g in range(5)]
    plan = _plan(theme, tmp_path, "# Long\n\n## Findings\n\n" + "\n".join(groups))
    slides = [s for s in plan.deck.slides if s.kind == "section"]
    assert 1 <= len(slides) <= 3 and all(len(_points(s)) <= MOST_POINTS for s in slides)
    shown = [text for s in slides for text in _texts(s)]
    assert all(f"Lead {g}" in shown for g in range(5))  # every lead-in keeps a point
    told = "\n".join(s.notes for s in plan.deck.slides)
    assert all(f"Point {g}.{i} of the section" in told for g in range(5) for i in range(8))
    sizes = {r.size for s in slides for b in s.shapes if isinstance(b, Box) for p in b.paras for r in p.runs}
    assert min(sizes) >= theme.slides.body_size[0]


def test_empty_headings_a_table_of_contents_and_numbers_make_no_slide(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = """# Status

## Contents

- [Summary](#summary)
- [Next steps](#next-steps)

## 1 -

## Summary

All services met their targets this week. One incident slowed checkout for 41 minutes. Nothing was lost.

### 5 - 6 - 7 -

- 2025
- Checkout recovered in 41 minutes

## Next steps

- Add memory alerts to every cache node
- Review configuration changes before production
- Rehearse the failover once a month
"""
    plan = _plan(theme, tmp_path, text)
    titles = [_title(s) for s in plan.deck.slides]
    assert not any(t in ("Contents", "1 -", "5 - 6 - 7 -") for t in titles)
    assert all(not p.strip("- ").isdigit() for s in plan.deck.slides for p in _points(s))  # "2025" left out
    agenda = [s for s in plan.deck.slides if s.kind == "agenda"]
    assert not agenda  # two sections hold something: too few for an agenda
    assert "Checkout recovered in 41 minutes" in [p for s in plan.deck.slides for p in _points(s)]
    assert all(t.strip() and any(c.isalpha() for c in t) for t in titles)


def test_a_deck_stops_at_its_most_slides_and_says_where(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sections = "".join(
        f"## Part {n}\n\n" + "".join(f"- Point {i} of part {n}, in the author's words\n" for i in range(4)) + "\n"
        for n in range(MOST_SLIDES + 20)
    )
    plan = _plan(theme, tmp_path, "# Many parts\n\n" + sections)
    shown = [s for s in plan.deck.slides if s.kind == "section"]
    assert len(shown) == MOST_SLIDES and "agenda" not in {s.kind for s in plan.deck.slides}  # too many to list
    [stop] = [p for p in plan.problems if "the deck stops" in p.message]
    assert not stop.refused and f"'Part {MOST_SLIDES}'" in stop.message
    assert f"Point 3 of part {MOST_SLIDES + 19}" in shown[-1].notes  # told in the last slide's notes


def _tables(slide: Slide) -> list[TableShape]:
    return [s for s in slide.shapes if isinstance(s, TableShape)]


def test_tables_of_one_section_are_told_apart_by_their_header_never_by_a_number(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = "".join(f"| {2020 + r} | ${r}.5 billion | {r}% |\n" for r in range(5))
    buyers = "".join(f"| Buyer {r} | {r}% |\n" for r in range(5))
    text = (
        "# Market\n\n## Market size\n\nThe market grew. Buyers spent more. Vendors merged.\n\n"
        f"| Year | Revenue | Growth |\n|---|---:|---:|\n{rows}\n| Buyer | Share of spend |\n|---|---:|\n{buyers}"
    )
    titles = [_title(s) for s in _plan(theme, tmp_path, text).deck.slides if _tables(s)]
    assert titles == ["Market size — Revenue, Growth", "Market size — Share of spend"]


def test_a_ranking_of_twenty_rows_is_one_slide_and_a_longer_table_balanced_parts(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def ranking(count: int) -> str:
        rows = "".join(f"| {r} | Company {r} | Sector {r % 4} | ${500 - r}.0 billion |\n" for r in range(1, count + 1))
        return f"| Rank | Company | Sector | Valuation |\n|---:|---|---|---:|\n{rows}"

    [one] = [s for s in _plan(theme, tmp_path, "# Top 20\n\n" + ranking(20)).deck.slides if _tables(s)]
    [table] = _tables(one)
    assert len(table.body) == 20 and table.size >= theme.slides.table_size[0]
    parts = [s for s in _plan(theme, tmp_path, "# Top 70\n\n" + ranking(70)).deck.slides if _tables(s)]
    counts = [len(_tables(s)[0].body) for s in parts]
    assert len(parts) > 1 and max(counts) - min(counts) <= 1 and sum(counts) == 70
    assert [_title(s).rsplit(" ", 1)[-1] for s in parts] == [f"({n}/{len(parts)})" for n in range(1, len(parts) + 1)]


def test_a_small_table_stands_under_its_sections_points(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (
        "# Review\n\n## Buyers\n\nLarge firms spend most. Mid-market firms follow. Small firms lag.\n\n"
        "| Buyer | Share |\n|---|---:|\n| Large | 61% |\n| Small | 12% |\n\n"
        "## Vendors\n\nMicrosoft leads. CrowdStrike grows fastest. Wiz doubled.\n"
    )
    slides = [s for s in _plan(theme, tmp_path, text).deck.slides if _title(s) == "Buyers"]
    [shared] = slides  # one slide: the points, the table under them
    assert _points(shared)[0] == "Large firms spend most." and len(_tables(shared)) == 1
    [points] = [s for s in shared.shapes if isinstance(s, Box) and s.name == "Points"]
    assert points.y + points.h <= _tables(shared)[0].y


def test_subsections_sharing_a_slide_are_titled_by_their_parent_and_numbered(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    subsections = [
        f"### Rule {n}\n\n**Rules of part {n}:**\n\n" + "".join(f"- Point {n}.{i} of the rule\n" for i in range(3))
        for n in range(4)
    ]
    text = "# Runbook\n\n## Roles\n\n" + "\n".join(subsections) + "\n## Drills\n\nWe drill every quarter. We review.\n"
    titles = [_title(s) for s in _plan(theme, tmp_path, text).deck.slides if s.kind == "section"]
    roles = [t for t in titles if t.startswith("Roles")]
    assert roles == [f"Roles ({n}/{len(roles)})" for n in range(1, len(roles) + 1)] and len(roles) > 1
    assert not any(" — " in t for t in titles)


def test_the_agenda_lists_only_the_sections_that_have_slides(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shown = "".join(f"## Part {n}\n\n" + "".join(f"- Point {n}.{i} of the part\n" for i in range(4)) for n in range(3))
    code = "## Listing\n\n```\nprint('told in the notes')\n```\n\n"
    plan = _plan(theme, tmp_path, "# Report\n\n" + code + shown)
    [agenda] = [s for s in plan.deck.slides if s.kind == "agenda"]
    assert [t for t in _texts(agenda) if t] == ["1. Part 0", "2. Part 1", "3. Part 2"]
    assert "print('told in the notes')" in "\n".join(s.notes for s in plan.deck.slides)


def test_points_slides_share_their_lead_ins_evenly(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    groups = "".join(f"**Lead {g}**\n\n- Point {g} of the section, a line long enough to read\n\n" for g in range(7))
    plan = _plan(theme, tmp_path, "# Long\n\n## Findings\n\n" + groups)
    slides = [s for s in plan.deck.slides if s.kind == "section"]
    leads = [sum(t.startswith("Lead ") for t in _texts(s)) for s in slides]
    assert sum(leads) == 7 and max(leads) - min(leads) <= 1, leads  # 3 + 2 + 2, not 3 + 3 + 1


def test_a_small_table_stands_under_the_slide_of_points_that_shows_its_section(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    groups = "".join(f"**Lead {g}**\n\n- Point {g} of the market, a line long enough to read\n\n" for g in range(4))
    buyers = "### Buyers\n\n- Big firms spend most\n- Small firms lag\n\n| Buyer | Share |\n|---|---:|\n| Big | 61% |\n"
    plan = _plan(theme, tmp_path, "# Review\n\n## Market\n\n" + groups + buyers)
    slides = [s for s in plan.deck.slides if s.kind in ("section", "table")]
    assert len(slides) > 1 and all(s.kind == "section" for s in slides)  # the table has no slide of its own
    [shared] = [s for s in slides if _tables(s)]
    assert "Big firms spend most" in _points(shared)


def test_a_small_table_titled_by_its_lead_in_shows_the_sentence_after_it(theme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = (
        "# Models\n\n## Verdict\n\nClaude leads on coding. Teams that write software should start with it.\n\n"
        "| Need | First choice |\n|---|---|\n| Coding agents | Claude |\n| High volume | DeepSeek |\n"
    )
    [shared] = [s for s in _plan(theme, tmp_path, text).deck.slides if _tables(s)]
    assert _title(shared) == "Claude leads on coding"
    assert _points(shared) == ["Teams that write software should start with it."]
