"""Japanese phrase boundaries (BudouX), so titles and headings break between phrases.

In: a text.
Out: its phrases — consecutive pieces that concatenate back to the text exactly.
"""

from __future__ import annotations

from functools import cache

import budoux


@cache
def _parser() -> budoux.Parser:
    return budoux.load_default_japanese_parser()


def phrases(text: str) -> list[str]:
    """Split ``text`` into BudouX phrases; ``"".join(phrases(t)) == t``."""
    if not text:
        return []
    return _parser().parse(text)
