"""Which table cells are numbers, so that both renderers can right-align numeric columns.

In: a cell's text, or a table.
Out: whether the text reads as one number — signed (also the Japanese accounting marks △ and ▲),
with a currency, grouping, decimals and a unit or percent — or a dash standing for none; and, per
column of a table, whether every non-empty value is one. For charts: a cell's value and how it is
written (``read_number``), and whether it stands for a missing value (``is_gap``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from exporter.model import Table

_NUMBER = re.compile(
    r"[+\-−±△▲▼]?[$€£¥]?\s?\d[\d,.\s]*(\s?(%|‰|bp|[kKMBGT]|pt|x|倍|円|人|件|年|月|日|位|億|万|兆))?|[—–-]"
)


def is_number(text: str) -> bool:
    """Whether ``text`` is one number (``-4.2%``, ``△623``, ``(12)``, ``$1,200``, ``12 pt``) or a dash."""
    text = text.strip()
    return _NUMBER.fullmatch(text) is not None or (text.startswith("(") and read_number(text) is not None)


def numeric_columns(table: Table) -> tuple[bool, ...]:
    """Per column of ``table``: whether it holds values and every one of them is a number."""
    columns = []
    for column in range(len(table.header)):
        values = [row[column] for row in table.rows if row[column].strip()]
        columns.append(bool(values) and all(is_number(value) for value in values))
    return tuple(columns)


_VALUE = re.compile(
    r"(?P<open>\()?(?P<sign>[+\-−△▲▼])?(?P<prefix>US\$|[$€£¥￥])?\s?"
    r"(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?"
    r"(?P<suffix>\s?(?:%|‰|[^\W\d_]{1,4}))?(?(open)\))"
)
_GAPS = frozenset(("", "n/a", "na", "n.a.", "-", "—", "–", "―", "－", "?", "？", "tbd", "…", "*"))
"""Cells that stand for a missing value (a gap in a chart), lower-cased."""


@dataclass(frozen=True)
class Reading:
    """A cell read as a number, and how it was written: ``decimals`` after the point, thousands
    ``grouped``, the currency ``prefix``, the ``suffix`` (a unit, ``%``) and the ``negative`` mark
    (``-``, ``△``, ``▲``, ``()``; ``-`` for a value written without one)."""

    value: float
    decimals: int = 0
    grouped: bool = False
    prefix: str = ""
    suffix: str = ""
    negative: str = "-"


def is_gap(text: str) -> bool:
    """Whether ``text`` stands for a missing value: empty, ``n/a``, a dash, ``?``."""
    return text.strip().lower() in _GAPS


def read_number(text: str) -> Reading | None:
    """``text`` as a number (``-4.2%``, ``△623``, ``(12)``, ``$1,200``, ``3.5億円``), or None."""
    found = _VALUE.fullmatch(text.strip())
    if found is None:
        return None
    sign, decimals = found["sign"] or "", found["decimals"] or ""
    value = float(found["digits"].replace(",", "") + decimals)
    negative = "()" if found["open"] else sign if sign in ("-", "−", "△", "▲", "▼") else ""
    return Reading(
        -value if negative else value,
        len(decimals) - 1 if decimals else 0,
        "," in found["digits"],
        found["prefix"] or "",
        (found["suffix"] or "").rstrip(),
        negative or "-",
    )
