"""The language of a document or of one of its texts, from the scripts its characters are in.

In: texts (a whole document's, a quote's, a paragraph's or a cell's) and, for one text, the
language around it.
Out: a BCP 47 tag exporter has a locale and faces for — ``ja`` (any kana), ``ko`` (Hangul),
``zh-Hans`` or ``zh-Hant`` (Han alone: by the characters only one of the two scripts uses), or
``en`` (Latin and every other script) — with the reason in words; ``canonical`` maps any tag a
source gives (``zh-TW``, ``ja-JP``, ``EN``) onto those; and ``settled``: a document with its
``meta.lang`` found when the source gave none (the reason in ``Meta.lang_found``) and each quote
without a ``lang`` in its own language.

Which Han characters only Simplified or only Traditional Chinese uses comes from CC-CEDICT
through ``zhon.cedict`` (its simplified and traditional sets, less the characters they share):
2,325 and 2,703 characters, imported only for a text that is Han alone.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from exporter.model import Document, Quote, Section

LANGUAGES = ("ja", "zh-Hans", "zh-Hant", "ko", "en")
"""Every language ``detect`` finds; a tag given in the source may be any other."""

NAMES = {"ja": "Japanese", "zh-Hans": "Chinese (Simplified)", "zh-Hant": "Chinese (Traditional)", "ko": "Korean"}

_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)?")

KANA_SHARE = 0.05
"""Kana among the kana and Han characters from which a text is Japanese: Japanese prose runs at
30–60 %; a Chinese text naming a Japanese product has a few."""

LONE_HAN = 16
"""Han characters, with no kana, from which one text inside a document not in Chinese is Chinese: a
Japanese sentence that long has kana, while a heading or a cell of kanji alone (輸出禁止, 東京建物)
stays in the document's language — Japanese shinjitai are often the Traditional characters."""

_TRADITIONAL = {
    "tw": "zh-Hant",
    "hk": "zh-Hant",
    "mo": "zh-Hant",
    "hant": "zh-Hant",
    "cn": "zh-Hans",
    "sg": "zh-Hans",
    "my": "zh-Hans",
    "hans": "zh-Hans",
}


def canonical(tag: str) -> str:
    """The tag exporter keys its locales and faces by: ``zh-TW`` → ``zh-Hant``, ``zh`` and ``zh-CN``
    → ``zh-Hans``, ``ja-JP`` → ``ja``, ``ko-KR`` → ``ko``, ``EN-gb`` → ``en``; any other as written."""
    parts = tag.replace("_", "-").lower().split("-")
    if parts[0] == "zh":
        return next((_TRADITIONAL[p] for p in parts[1:] if p in _TRADITIONAL), "zh-Hans")
    if parts[0] in ("ja", "ko", "en"):
        return parts[0]
    return tag


@dataclass(frozen=True)
class Finding:
    """A language and why: ``reason`` says what was counted."""

    lang: str
    reason: str


@dataclass(frozen=True)
class _Counts:
    kana: int
    hangul: int
    han: int
    words: int

    @property
    def cjk(self) -> int:
        return self.kana + self.hangul + self.han


def _count(text: str) -> _Counts:
    return _Counts(_length(_KANA, text), _length(_HANGUL, text), _length(_HAN, text), len(_LATIN_WORD.findall(text)))


def _length(runs: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the runs matched by ``runs`` hold (a match per run, not per character)."""
    return sum(map(len, runs.findall(text)))


@cache
def _script_only() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Characters only Simplified Chinese uses, only Traditional, and any Chinese uses (CC-CEDICT,
    through zhon)."""
    from zhon import cedict

    simplified, traditional = frozenset(cedict.simplified), frozenset(cedict.traditional)
    return simplified - traditional, traditional - simplified, frozenset(cedict.all)


def _chinese(text: str, default: str = "zh-Hans") -> Finding:
    """Simplified or Traditional Chinese by the characters only one uses; Japanese where more of its
    Han characters are ones no Chinese word has (kokuji: 峠, 込, 働)."""
    only_simplified, only_traditional, chinese = _script_only()
    counts = Counter("".join(_HAN.findall(text)))
    simplified = sum(n for c, n in counts.items() if c in only_simplified)
    traditional = sum(n for c, n in counts.items() if c in only_traditional)
    japanese = sum(n for c, n in counts.items() if c not in chinese)
    if japanese and japanese >= max(simplified, traditional):
        return Finding(
            "ja", f"{japanese} kanji no Chinese word has, {simplified} only Simplified, {traditional} only Traditional"
        )
    if traditional > simplified:
        return Finding("zh-Hant", f"{traditional} characters only Traditional Chinese uses, {simplified} Simplified")
    if simplified > traditional:
        return Finding("zh-Hans", f"{simplified} characters only Simplified Chinese uses, {traditional} Traditional")
    return Finding(default, f"as many characters only Simplified as only Traditional Chinese uses ({simplified})")


def detect(text: str) -> Finding:
    """The language of a whole text, by its scripts: CJK when its CJK characters are at least as many
    as its Latin words; then Korean where Hangul leads kana and is at least half the Han, Japanese
    from ``KANA_SHARE`` kana, else Chinese; else English."""
    counts = _count(text)
    if counts.cjk == 0 or counts.cjk < counts.words:
        return Finding("en", f"{counts.words} Latin words, {counts.cjk} CJK characters")
    if counts.hangul > counts.kana and 2 * counts.hangul >= counts.han:
        return Finding("ko", f"{counts.hangul} Hangul of {counts.cjk} CJK characters")
    if counts.kana and counts.kana >= KANA_SHARE * (counts.kana + counts.han):
        return Finding("ja", f"{counts.kana} kana of {counts.cjk} CJK characters")
    found = _chinese(text)
    return Finding(
        found.lang, f"{counts.han} Han characters, {counts.kana} kana, {counts.hangul} Hangul; {found.reason}"
    )


@lru_cache(maxsize=8192)
def language_of(text: str, around: str) -> str:
    """The language of one short text (a quote, a paragraph, a cell) set in a document in ``around``:
    its own where its characters say so clearly, else ``around``. English needs two Latin words and
    no CJK; Chinese outside Chinese ``LONE_HAN`` Han characters and no kana; Simplified inside
    Traditional (and back) more characters only that script uses."""
    around = canonical(around)
    counts = _count(text)
    if counts.cjk == 0:
        return "en" if counts.words >= 2 or (counts.words and around == "en") else around
    if counts.cjk < counts.words or counts.cjk < 2:
        return around
    if counts.hangul > counts.kana and 2 * counts.hangul >= counts.han:
        return "ko"
    if counts.kana:
        return "ja" if counts.kana >= KANA_SHARE * (counts.kana + counts.han) else around
    if around in ("zh-Hans", "zh-Hant"):
        return _chinese(text, around).lang
    if counts.han < LONE_HAN:
        return around
    return _chinese(text).lang


def settled(document: Document) -> Document:
    """``document`` with ``meta.lang`` found from its text when the source gave none (why, in
    ``meta.lang_found``), and every quote without a ``lang`` in the language its text is in."""
    meta = document.meta
    if not meta.lang:
        texts = (text for text, _, what in document.printed_texts() if what != "quote")
        found = detect("\n".join(texts))
        meta = dataclasses.replace(meta, lang=found.lang, lang_found=found.reason)
    lang = meta.lang

    def quoted(block):  # type: ignore[no-untyped-def]
        if isinstance(block, Quote) and not block.lang:
            return dataclasses.replace(block, lang=language_of("\n".join(block.paragraphs), lang))
        return block

    def section(s: Section) -> Section:
        return dataclasses.replace(
            s, blocks=tuple(quoted(b) for b in s.blocks), sections=tuple(section(c) for c in s.sections)
        )

    return dataclasses.replace(
        document,
        meta=meta,
        intro=tuple(quoted(b) for b in document.intro),
        sections=tuple(section(s) for s in document.sections),
    )
