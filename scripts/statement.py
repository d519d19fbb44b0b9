"""Write a long quarterly statement in plain Markdown, as a finance team would: the long document
of the tests and of ``make bench``.

In: the size wanted, in bytes (224 KB by default: the statement issue 21 was refused on).
Out: English Markdown with no front matter and no attribute lines — a title, numbered sections of
headings, short paragraphs, tables of 5 to 12 numeric columns closed by a total row, and notes
under some of them; the same text every time (no randomness), some 200 A4 pages of brief.

Usage: .venv/bin/python scripts/statement.py OUT.md [--kb 224]
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

SEGMENTS = ("North America", "Europe", "Japan", "Greater China", "Korea", "Southeast Asia", "Latin America")
LINES = (
    "Compute services", "Storage services", "Network transit", "Managed databases", "Analytics",
    "Support contracts", "Professional services", "Hardware resale", "Licences", "Training",
    "Colocation", "Edge delivery", "Security services", "Observability",
)  # fmt: skip
MEASURES = (
    ("revenue", ("Q1", "Q2", "Q3", "Q4", "FY 2026", "FY 2025", "Change")),
    ("operating costs", ("Staff", "Energy", "Depreciation", "Leases", "Licences", "Other", "Total")),
    ("headcount", ("Engineering", "Operations", "Sales", "Support", "Finance", "Total")),
    (
        "capital expenditure",
        (
            "Land",
            "Buildings",
            "Power",
            "Cooling",
            "Servers",
            "Network",
            "Storage",
            "Software",
            "Spares",
            "Other",
            "Total",
        ),
    ),
    ("cash flow", ("Opening", "Receipts", "Payments", "Capex", "Tax", "Financing", "FX", "Closing")),
    ("monthly revenue", ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")),
)
"""What each table counts, and its numeric columns (5 to 12)."""


def _number(seed: int) -> int:
    """A figure of three to six digits that looks measured, the same for the same ``seed``."""
    return 100 + (seed * 7_919 + seed * seed * 104_729) % (240_000 if seed % 3 else 24_000)


def _table(section: int, table: int, measure: str, columns: tuple[str, ...]) -> Iterator[str]:
    rows = 3 + (section * 3 + table) % 4
    yield f"| {measure.capitalize()} | " + " | ".join(columns) + " |"
    yield "|---|" + "---:|" * len(columns)
    totals = [0] * len(columns)
    for row in range(rows):
        figures = [_number(section * 1_000 + table * 100 + row * 13 + column) for column in range(len(columns))]
        totals = [t + f for t, f in zip(totals, figures, strict=True)]
        yield f"| {LINES[row % len(LINES)]} | " + " | ".join(f"{f:,}" for f in figures) + " |"
    yield "| **Total** | " + " | ".join(f"**{t:,}**" for t in totals) + " |"


def _section(number: int) -> Iterator[str]:
    segment = SEGMENTS[number % len(SEGMENTS)]
    yield f"## {number}. {segment}, part {number // len(SEGMENTS) + 1}"
    yield (
        f"{segment} closed the quarter with revenue of {_number(number):,} thousand and an operating margin of "
        f"{10 + number % 17}.{number % 10} %. The figures below are unaudited and stated in thousands of euros."
    )
    for table, (measure, columns) in enumerate(MEASURES):
        yield f"### {number}.{table + 1} {segment}: {measure}"
        yield (
            f"{measure.capitalize()} moved by {number % 9 + 1}.{table} % against the previous quarter, "
            f"mainly in {LINES[(number + table) % len(LINES)].lower()}."
        )
        yield "\n".join(_table(number, table, measure, columns))
        if (number + table) % 3 == 0:
            yield (
                f"Note {number}.{table + 1}: {measure} include the effect of the transfer of "
                f"{LINES[table].lower()} contracts between segments; comparatives have been restated."
            )


def statement(size: int = 224_000) -> str:
    """The statement's Markdown, whole sections until it is at least ``size`` bytes long."""
    parts = [
        "# Quarterly Statement, Third Quarter 2026",
        "This statement gives the results of each segment for the quarter, in thousands of euros, "
        "with the totals of every table and the notes that explain them.",
    ]
    length, number = sum(len(p) + 2 for p in parts), 0
    while length < size:
        number += 1
        for part in _section(number):
            parts.append(part)
            length += len(part.encode()) + 2
    return "\n\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--kb", type=int, default=224, help="size in KB (default 224)")
    args = parser.parse_args()
    args.output.write_text(statement(args.kb * 1000), encoding="utf-8")


if __name__ == "__main__":
    main()
