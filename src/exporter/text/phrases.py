"""Phrase boundaries (BudouX's Japanese, Simplified and Traditional Chinese models; words in Korean),
so titles and headings break between phrases.

In: a text.
Out: its phrases — consecutive pieces that concatenate back to the text exactly.
BudouX's boundaries are kept except inside a run of Latin letters and digits
("2024", "DeepSeek"), which is never split, and inside a run of kanji where either side of the
boundary is a single kanji (BudouX cuts "効果検証" as 効果/検/証; the lone 検 and 証 join their
neighbours).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import budoux

from exporter.text.language import language_of

_LOADERS = {
    "ja": budoux.load_default_japanese_parser,
    "zh-Hans": budoux.load_default_simplified_chinese_parser,
    "zh-Hant": budoux.load_default_traditional_chinese_parser,
}


@cache
def _parser(lang: str) -> budoux.Parser:
    return _LOADERS[lang]()


_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _model(text: str, lang: str | None) -> str | None:
    """The BudouX model for ``text`` in ``lang`` (a canonical tag), or by its own script when not
    given (``language_of`` around Japanese: kanji alone stays Japanese up to ``LONE_HAN``); None for
    Korean, which breaks at spaces only; Japanese's for a language without a model (Latin text, where
    it cuts nothing a word keeps)."""
    if lang is None:
        lang = language_of(text, "ja") if _HAN.search(text) or _HANGUL.search(text) else "ja"
    if lang == "ko":
        return None
    return lang if lang in _LOADERS else "ja"


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANJI_AT_END = re.compile(r"[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
_KANJI_AT_START = re.compile(r"^[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _inside_kanji(before: str, after: str) -> bool:
    """Whether a boundary between ``before`` and ``after`` cuts a run of kanji leaving one alone on a side."""
    left, right = _KANJI_AT_END.search(before), _KANJI_AT_START.match(after)
    if left is None or right is None:
        return False
    return min(len(left[0]), len(right[0])) == 1


def phrases(text: str, lang: str | None = None) -> list[str]:
    """Split ``text`` (in ``lang``, else as its script says) into phrases; ``"".join(phrases(t)) == t``.
    BudouX's model is the language's (``_model``); Korean is one phrase per word, spaces kept."""
    model = _model(text, lang) if text else "ja"
    if model is None:
        return re.findall(r"\S+\s*|\s+", text)
    merged: list[str] = []
    for piece in _parser(model).parse(text) if text else []:
        if merged and ((_latin(merged[-1][-1]) and _latin(piece[0])) or _inside_kanji(merged[-1], piece)):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


SHORT_TITLE_LENGTH = 30
"""Longest running title (characters) the page headers and the deck's footer are set for."""

_SEPARATORS = (":", "：", " — ", " – ", " - ", " | ", "｜", "—")


def clipped(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters, the last an ellipsis, for quoting it in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_title(title: str, limit: int = SHORT_TITLE_LENGTH) -> str:
    """A running title for ``title`` when the source gives none: the title itself when it is
    at most ``limit`` characters, else what comes before its first separator (a colon, a dash)
    when that is short enough, else the title cut at the last phrase or word boundary that
    fits, with an ellipsis (never straight after a comma, a dash or an opening bracket). Only the
    title's own words are used."""
    title = title.strip()
    if len(title) <= limit:
        return title
    for separator in _SEPARATORS:
        head = title.split(separator, 1)[0].strip()
        if head != title and 2 <= len(head) <= limit:
            return head
    kept = ""
    for piece in (word for phrase in phrases(title) for word in re.findall(r"\S+\s*|\s+", phrase)):
        if len((kept + piece).rstrip()) > limit - 1:
            break
        kept += piece
    return (_unpunctuated(kept) or title[: limit - 1]) + "…"


def _unpunctuated(text: str) -> str:
    """``text`` without the spaces and the punctuation it ends on, but for closing brackets and quotes."""
    while text and (text[-1].isspace() or unicodedata.category(text[-1]) in ("Po", "Pd", "Ps", "Pi")):
        text = text[:-1]
    return text
