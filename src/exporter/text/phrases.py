"""Japanese phrase boundaries (BudouX), so titles and headings break between phrases.

In: a text.
Out: its phrases — consecutive pieces that concatenate back to the text exactly.
BudouX's boundaries are kept except inside a run of Latin letters and digits
("2024", "DeepSeek"), which is never split.
"""

from __future__ import annotations

import re
from functools import cache

import budoux


@cache
def _parser() -> budoux.Parser:
    return budoux.load_default_japanese_parser()


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def phrases(text: str) -> list[str]:
    """Split ``text`` into phrases; ``"".join(phrases(t)) == t``."""
    merged: list[str] = []
    for piece in _parser().parse(text) if text else []:
        if merged and _latin(merged[-1][-1]) and _latin(piece[0]):
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
    fits, with an ellipsis. Only the title's own words are used."""
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
    return (kept.rstrip() or title[: limit - 1]) + "…"
