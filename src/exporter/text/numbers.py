"""Which table cells are numbers, so that both renderers can right-align numeric columns.

In: a cell's text, or a table.
Out: whether the text reads as one number — signed (also the Japanese accounting marks △ and ▲),
with a currency, grouping, decimals and a unit or percent — or a dash standing for none; and, per
column of a table, whether every non-empty value is one.
"""

from __future__ import annotations

import re

from exporter.model import Table

_NUMBER = re.compile(
    r"[+\-−±△▲▼]?[$€£¥]?\s?\d[\d,.\s]*(\s?(%|‰|bp|[kKMBGT]|pt|x|倍|円|人|件|年|月|日|位|億|万|兆))?|[—–-]"
)


def is_number(text: str) -> bool:
    """Whether ``text`` is one number (``-4.2%``, ``△623``, ``$1,200``, ``12 pt``) or a dash."""
    return _NUMBER.fullmatch(text.strip()) is not None


def numeric_columns(table: Table) -> tuple[bool, ...]:
    """Per column of ``table``: whether it holds values and every one of them is a number."""
    columns = []
    for column in range(len(table.header)):
        values = [row[column] for row in table.rows if row[column].strip()]
        columns.append(bool(values) and all(is_number(value) for value in values))
    return tuple(columns)
