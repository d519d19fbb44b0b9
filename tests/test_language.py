"""Any language, said or not: the files speak the document's language (issue 22).

In: texts in each language, and the documents ``tests/documents/lang-*.md`` (English, Japanese,
Simplified and Traditional Chinese, Korean; no front matter) rendered once per session
(``conftest.renders``).
Out: assertions that the language is found from the text and ``check`` says so in a note that
``--strict`` lets pass; that a quote keeps its own language; that each brief embeds its language's
Noto Sans CJK and no glyph MuPDF draws is ``.notdef``; that each deck tags its runs with the
language and names its faces; that phrases follow the language's BudouX model and Korean breaks
at spaces, no space added or removed between Hangul and Latin.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXPORTER, ROOT, Rendered
from exporter.model import Quote
from exporter.readers import read_source
from exporter.text.language import canonical, detect, language_of
from exporter.text.metrics import wrap
from exporter.text.phrases import phrases
from readback import deck_text, pdf_text

DOCUMENTS = ROOT / "tests" / "documents"
LANGUAGES = {
    "lang-en-quarterly.md": ("en", "JP", "en-US", "Calibri"),
    "lang-ja-shiten.md": ("ja", "JP", "ja-JP", "Yu Gothic"),
    "lang-zh-hans-report.md": ("zh-Hans", "SC", "zh-CN", "Microsoft YaHei"),
    "lang-zh-hant-report.md": ("zh-Hant", "TC", "zh-TW", "Microsoft JhengHei"),
    "lang-ko-report.md": ("ko", "KR", "ko-KR", "Malgun Gothic"),
}
"""Each document: its language, its Noto Sans CJK region, the deck's tag and Latin face."""


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("今期は関東で3店舗を開業しました。", "ja"),
        ("코딩 에이전트 도입 현황 보고서", "ko"),
        ("本季度华东区域销售额同比增长，主要来自上海和杭州的新门店。", "zh-Hans"),
        ("本季台灣市場營收較去年同期成長，主要來自台北與台中的新據點。", "zh-Hant"),
        ("Revenue grew in every region, led by the team in 東京.", "en"),
        ("", "en"),
        ("峠の茶屋", "ja"),
        ("峠込畑働辻", "ja"),  # kanji alone, one no Chinese word has (kokuji)
    ],
)
def test_the_language_is_found_from_the_scripts(text: str, lang: str) -> None:
    assert detect(text).lang == lang


def test_a_text_keeps_its_own_language_only_where_its_characters_say_so() -> None:
    assert language_of("这家店的服务非常好，我们下次还会再来。", "ja") == "zh-Hans"
    assert language_of("臥薪嘗胆", "ja") == "ja"  # kanji alone, short: Japanese
    assert language_of("A100、H100等高性能GPU輸出禁止", "ja") == "ja"  # shinjitai read as Traditional: too few
    assert language_of("Lease signed with 東京建物", "en") == "en"
    assert language_of("The close took two days.", "ja") == "en"
    assert language_of("OK", "ja") == "ja"
    assert language_of("新しい請求画面", "en") == "ja"
    assert language_of("說明詳細數據", "zh-Hans") == "zh-Hant"
    assert canonical("zh-TW") == "zh-Hant" and canonical("zh") == "zh-Hans" and canonical("ja-JP") == "ja"


def test_meta_lang_wins_and_a_quote_without_one_is_in_its_own(tmp_path: Path) -> None:
    source = tmp_path / "doc.md"
    source.write_text("---\nmeta:\n  title: T\n  date: 2026-01-02\n  lang: ko\n---\n\nHello there, friends.\n")
    assert read_source(source).meta.lang == "ko"
    document = read_source(DOCUMENTS / "lang-ja-shiten.md")
    assert [q.lang for q in document.blocks() if isinstance(q, Quote)] == ["ja", "zh-Hans"]


@pytest.mark.parametrize("name", sorted(LANGUAGES))
def test_check_notes_the_language_it_found_without_failing_strict(name: str) -> None:
    lang = LANGUAGES[name][0]
    run = subprocess.run([EXPORTER, "check", DOCUMENTS / name], capture_output=True, text=True, check=False)
    noted = run.stderr.splitlines()
    assert any(line.startswith(f"{DOCUMENTS / name}:1:1: note: no meta 'lang': the text reads as ") for line in noted)
    assert f"({lang}): " in run.stderr and "note" not in run.stdout
    assert run.returncode == 0
    strict = subprocess.run([EXPORTER, "check", "--strict", "--format", "json", DOCUMENTS / name], capture_output=True)
    assert all(p["severity"] in ("warning", "hint") for p in json.loads(strict.stdout))  # the note is no warning


@pytest.fixture(params=sorted(LANGUAGES), ids=lambda name: name.removesuffix(".md"))
def rendered(request: pytest.FixtureRequest, renders: Callable[[Path], Rendered]) -> tuple[str, Rendered]:
    return request.param, renders(DOCUMENTS / request.param)


def test_the_brief_embeds_the_languages_face_and_draws_no_notdef(rendered: tuple[str, Rendered]) -> None:
    name, files = rendered
    region = LANGUAGES[name][1]
    listing = subprocess.run(["pdffonts", files.pdf], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].split("+")[1] for line in listing.splitlines()[2:] if line.strip()}
    assert {f"Noto-Sans-CJK-{region}", f"Noto-Sans-CJK-{region}-Bold"} <= names, names
    assert "Noto-Emoji" in names  # every document has an emoji
    assert all(n.startswith("Noto-") for n in names), names
    trace = subprocess.run(["mutool", "trace", files.pdf], capture_output=True, text=True, check=True).stdout
    assert re.findall(r'<g unicode="[^"]*" glyph="0"', trace) == []


def test_the_deck_tags_its_runs_with_the_language_and_names_its_faces(rendered: tuple[str, Rendered]) -> None:
    name, files = rendered
    _, _, tag, latin = LANGUAGES[name]
    with zipfile.ZipFile(files.deck) as package:
        slides = [package.read(n).decode() for n in package.namelist() if re.match(r"ppt/slides/slide\d+\.xml", n)]
    tags = [t for xml in slides for t in re.findall(r'<a:rPr lang="([^"]+)"', xml)]
    assert tags.count(tag) > len(tags) / 2, (tag, sorted(set(tags)))
    assert set(tags) <= {tag, "en-US", "ja-JP", "zh-CN", "zh-TW", "ko-KR"}
    assert any(f'<a:latin typeface="{latin}"/>' in xml for xml in slides)


def test_korean_keeps_every_space_between_hangul_and_latin(renders: Callable[[Path], Rendered]) -> None:
    files = renders(DOCUMENTS / "lang-ko-report.md")
    wanted = "GitHub Copilot과 Claude Code를 함께 사용하는 팀이 늘었습니다"
    assert wanted in deck_text(files.deck).replace("\n", "").replace("\v", "")
    assert wanted in pdf_text(files.pdf).replace("\r\n", "").replace("\n", "")


def test_phrases_follow_the_languages_model_and_korean_breaks_at_spaces() -> None:
    assert phrases("华东区域销售季度报告", "zh-Hans")[:2] == ["华东", "区域"]
    assert phrases("코딩 에이전트 도입 현황") == ["코딩 ", "에이전트 ", "도입 ", "현황"]
    lines = wrap("반복적인 작업은 코딩 에이전트에게 맡기고 설계에 더 많은 시간을 씁니다", 120, 12)
    assert len(lines) > 2 and all(line.endswith(" ") for line in lines[:-1]), lines


def test_the_korean_brief_breaks_lines_only_at_spaces(renders: Callable[[Path], Rendered]) -> None:
    files = renders(DOCUMENTS / "lang-ko-report.md")
    layer = pdf_text(files.pdf)
    words = set(re.findall(r"[가-힣]{2,}", (DOCUMENTS / "lang-ko-report.md").read_text(encoding="utf-8")))
    split = [w for w in words for k in range(1, len(w)) if f"{w[:k]}\r\n{w[k:]}" in layer]
    assert "\r\n" in layer and split == []


def test_a_chinese_quote_in_a_japanese_document_is_set_and_tagged_as_chinese(
    renders: Callable[[Path], Rendered],
) -> None:
    from exporter.pdf.html import render_html
    from exporter.theme import load_theme

    source = DOCUMENTS / "lang-ja-shiten.md"
    html = render_html(read_source(source), load_theme())
    assert '<html lang="ja">' in html and re.search(r'<figure class="quote[^"]*" lang="zh-Hans">', html)  # SC forms
    with zipfile.ZipFile(renders(source).deck) as package:
        xml = "".join(package.read(n).decode() for n in package.namelist() if n.startswith("ppt/slides/slide"))
    assert re.search(r'<a:rPr lang="zh-CN"[^>]*>(<[^>]*>){4}<a:ea typeface="Microsoft YaHei"/>', xml)


def test_each_language_draws_its_own_forms_of_the_same_characters(tmp_path: Path) -> None:
    """The same Han text in Japanese, Simplified and Traditional Chinese and Korean documents is drawn
    in four ways (the faces keep ``locl``): 骨 直 方 differ by region; a second Japanese render is the control."""
    import pypdfium2 as pdfium

    def drawn(lang: str, name: str) -> bytes:
        source = tmp_path / f"{name}.md"
        source.write_text(f"---\nmeta:\n  title: 骨直方\n  date: 2026-01-02\n  lang: {lang}\n---\n\n骨直方骨直方。\n")
        subprocess.run([EXPORTER, "pdf", source, "-o", tmp_path / f"{name}.pdf"], check=True, capture_output=True)
        document = pdfium.PdfDocument(str(tmp_path / f"{name}.pdf"))
        image = document[0].render(scale=2, crop=(0, 500, 0, 0)).to_pil().convert("L")  # the title and the text
        document.close()
        return image.tobytes()

    pages = {lang: drawn(lang, lang) for lang in ("ja", "zh-Hans", "zh-Hant", "ko")}
    assert drawn("ja", "ja-again") == pages["ja"]
    assert len(set(pages.values())) == 4
