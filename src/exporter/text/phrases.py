"""Japanese phrase boundaries (BudouX), so titles and headings break between phrases.

In: a text.
Out: its phrases — consecutive pieces that concatenate back to the text exactly.
BudouX's boundaries are kept except inside a run of Latin letters and digits
("2024", "DeepSeek"), which is never split.
"""

from __future__ import annotations

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
