"""Formulas: TeX (``$…$``, ``$$…$$``) → MathML → what each output shows.

In: a formula's TeX source, as written between dollars.
Out: ``readable`` — its text without TeX (``z=Softmax((QK^T)/√h)V``, ``O(n²)``: Greek letters and
operators as characters, ``a/b`` for a fraction, ``²`` or ``^``/``_`` for scripts), for the deck, the notes and the
checks; ``html`` — the same formula typeset as escaped HTML spans (fractions stacked, scripts
raised, radicals drawn with a rule), which the brief lays out as vector text a reader can search.
latex2mathml (MIT, pure Python, 0.06 s to import, only for a document with a formula) turns the
TeX into MathML; a formula it cannot read is ``FormulaError``, and its readable text is the
source without backslashes, braces and dollars.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache

from markupsafe import Markup

_NS = "{http://www.w3.org/1998/Math/MathML}"
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")


class FormulaError(ValueError):
    """TeX that latex2mathml cannot read."""


@cache
def mathml(tex: str) -> ET.Element:
    """The MathML ``<math>`` element of ``tex``; ``FormulaError`` if it cannot be read."""
    from latex2mathml.converter import convert

    try:
        return ET.fromstring(convert(tex))
    except Exception as exc:  # latex2mathml raises many kinds for TeX it does not know
        raise FormulaError(f"formula '{tex[:40]}' cannot be read ({type(exc).__name__})") from None


def readable(tex: str) -> str:
    """The formula's text without TeX: ``\\frac{a}{b}`` → ``a/b``, ``x^{2}`` → ``x^2``, ``\\alpha`` → ``α``."""
    try:
        text = _linear(mathml(tex))
    except FormulaError:
        text = _COMMAND.sub(lambda m: m.group(1) if len(m.group(1)) == 1 else m.group(1) + " ", tex)
        text = text.replace("{", "").replace("}", "").replace("$", "")
    return re.sub(r"\s+", " ", text).strip()


def html(tex: str, display: bool = False) -> Markup:
    """The formula as the brief's HTML (class ``math``, ``math display`` for a displayed one)."""
    try:
        inner = _html(mathml(tex))
    except FormulaError:
        inner = Markup.escape(readable(tex))
    return Markup('<span class="math{}">{}</span>').format(" display" if display else "", inner)


BIG = frozenset("∑∏∫∮⋃⋂")
_SUPERSCRIPTS = {"1": "¹", "2": "²", "3": "³"}
ACCENTS = {"^": ("", "hat"), "~": ("", "tilde"), "→": ("", "vec"), "¯": ("\u0304", "bar"), "―": ("\u0304", "bar"),
            "‾": ("\u0304", "bar"), "˙": ("\u0307", "dot"), "¨": ("", "ddot")}  # fmt: skip
"""An accent over a symbol: the combining mark the bundled face has, else its name as a function."""
OVERLINES = frozenset("¯―‾")
_SPACED = frozenset("=+−-×÷±∓·<>≤≥≈≠≡∼→←⇒⇔∈∉⊂⊆∪∩")
"""Operators and relations set with a little space on each side."""
"""Powers written as superscript characters (every face has these three; not ⁴…⁹)."""


def symbol(element: ET.Element) -> str:
    """A leaf's text; a command latex2mathml does not know (``\\foo``) without its backslash."""
    return (element.text or "").lstrip("\\")


def tag(element: ET.Element) -> str:
    """A MathML element's tag without its namespace (``mfrac``)."""
    return element.tag.removeprefix(_NS)


def _grouped(text: str) -> str:
    """``text`` as a fraction's part or a script: in parentheses unless it is one symbol or number."""
    return text if len(text) <= 1 or re.fullmatch(r"[\w.]+|√\w+", text) else f"({text})"


def _linear(element: ET.Element) -> str:
    name = tag(element)
    kids = list(element)
    if name in ("mi", "mn", "mo", "mtext", "ms"):
        return symbol(element)
    if name == "mfrac" and len(kids) == 2:
        return f"{_grouped(_linear(kids[0]))}/{_grouped(_linear(kids[1]))}"
    if name == "msqrt":
        return "√" + _grouped("".join(_linear(k) for k in kids))
    if name == "mroot" and len(kids) == 2:
        return f"root{_grouped(_linear(kids[1]))}{_grouped(_linear(kids[0]))}"
    if name == "mover" and len(kids) == 2 and symbol(kids[1]) in ACCENTS:
        base, (combining, named) = _linear(kids[0]), ACCENTS[symbol(kids[1])]
        return base + combining if combining and len(base) == 1 else f"{named}({base})"
    if name in ("msup", "mover") and len(kids) == 2:
        power = _linear(kids[1])
        return _linear(kids[0]) + (_SUPERSCRIPTS[power] if power in _SUPERSCRIPTS else "^" + _grouped(power))
    if name in ("msub", "munder") and len(kids) == 2:
        return _linear(kids[0]) + "_" + _grouped(_linear(kids[1]))
    if name in ("msubsup", "munderover") and len(kids) == 3:
        base, power = _linear(kids[0]), _linear(kids[2])
        raised = _SUPERSCRIPTS[power] if power in _SUPERSCRIPTS and base not in BIG else "^" + _grouped(power)
        return f"{base}_{_grouped(_linear(kids[1]))}{raised}" + (" " if base in BIG else "")
    if name == "mtable":
        return "; ".join(_linear(row) for row in kids)
    if name == "mtr":
        return " ".join(_linear(cell) for cell in kids)
    return "".join(_linear(k) for k in kids)


def _html(element: ET.Element) -> Markup:
    name = tag(element)
    kids = list(element)
    if name in ("mi", "mn", "mo", "mtext", "ms"):
        text = symbol(element)
        cls = "mi" if name == "mi" and len(text) == 1 else "mo op" if name == "mo" and text in _SPACED else name
        return Markup('<span class="{}">{}</span>').format(cls, text)
    parts = [_html(k) for k in kids]
    if name == "mfrac" and len(parts) == 2:
        return Markup('<span class="mfrac"><span class="num">{}</span><span class="den">{}</span></span>').format(
            *parts
        )
    if name == "msqrt":
        return Markup('<span class="msqrt">√<span class="radicand">{}</span></span>').format(Markup("").join(parts))
    if name == "mroot" and len(parts) == 2:
        return Markup('<span class="msqrt"><sup>{}</sup>√<span class="radicand">{}</span></span>').format(
            parts[1], parts[0]
        )
    if name == "mover" and len(parts) == 2:
        if symbol(kids[1]) in OVERLINES:
            return Markup('<span class="overline">{}</span>').format(parts[0])
        return Markup('<span class="stack"><span class="over">{}</span><span>{}</span></span>').format(*parts[::-1])
    if name == "munder" and len(parts) == 2:
        return Markup('<span class="stack down"><span>{}</span><span class="under">{}</span></span>').format(*parts)
    if name == "msup" and len(parts) == 2:
        return Markup("{}<sup>{}</sup>").format(*parts)
    if name == "msub" and len(parts) == 2:
        return Markup("{}<sub>{}</sub>").format(*parts)
    if name in ("msubsup", "munderover") and len(parts) == 3:
        if _linear(kids[0]) in BIG:  # limits above and below the operator
            return Markup(
                '<span class="bigop"><span class="limit">{}</span><span class="op">{}</span>'
                '<span class="limit">{}</span></span>'
            ).format(parts[2], parts[0], parts[1])
        return Markup('{}<span class="scripts"><sup>{}</sup><sub>{}</sub></span>').format(parts[0], parts[2], parts[1])
    if name == "mtable":
        return Markup('<span class="mtable">{}</span>').format(Markup("").join(parts))
    if name == "mtr":
        return Markup('<span class="mtr">{}</span>').format(Markup("").join(parts))
    if name == "mtd":
        return Markup('<span class="mtd">{}</span>').format(Markup("").join(parts))
    return Markup("").join(parts)
