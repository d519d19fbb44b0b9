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

_UNITS = (
    "%|‰|bps?|pp|pts?|x|×|[kKMGTPE]i?B|[kKMBGT]|bn|mn|ms|µs|ns|s|min|h|thousand|million|billion|trillion"
    "|倍|円|人|件|年|月|日|位|社|台|週間|週|億円|万円|兆円|億|万|兆|千|ドル|元|亿元|万元|亿|个|個|周"
    "|원|억원|만원|조원|억|만|조|개|명|건|곳|주|년|월|일"
)
"""Units a number may be written with, after it: percent, multiples, bytes, times, magnitudes, and
the counters and currencies of Japanese, Chinese and Korean."""

_NUMBER = re.compile(rf"[+\-−±△▲▼]?(US\$|[$€£¥￥₩])?\s?\d[\d,.\s]*(\s?({_UNITS}))?|[—–-]")


def is_number(text: str) -> bool:
    """Whether ``text`` is one number (``-4.2%``, ``△623``, ``(12)``, ``$1,200``, ``12 pt``, ``$53.1 billion``,
    ``97億円``, ``4.1 ms``) or a dash."""
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
