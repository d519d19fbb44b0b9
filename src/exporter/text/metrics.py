"""Text measurement from the bundled Noto Sans CJK metrics, and East Asian line breaking.

In: a text, a font size in points, a weight ("regular" or "bold") and, for wrapping,
a width in points.
Out: widths in points, whether the faces cover a character, the break opportunities of a text, and wrapped lines whose
widths fit — body text broken between any two characters as Japanese is set (never
inside a Latin word, never against kinsoku), titles only between BudouX phrases;
characters are the last resort for a piece wider than a line. A quarter em is counted
where ASCII meets Japanese, as LibreOffice and Keynote space it.

The advance widths come from four tables of the face (``head``, ``hhea``, ``cmap``,
``hmtx``), found through the sfnt table directory and decoded by glyph id: about
0.6 MB of the 16 MB file, no glyph names, no outlines. Importing fontTools to read
the same bytes cost more than the whole plan of the deck. Each face is read once per
process; a test checks every width against fontTools.

Every language is measured with the same file: Noto Sans CJK's regions share their advance
widths (``exporter.text.fonts``). The deck names each language's own face (Yu Gothic, Microsoft
YaHei or JhengHei, Malgun Gothic, Calibri) and is measured with Noto, so every width carries a
safety margin (``PROPORTIONAL_MARGIN`` on proportional glyphs, where the faces differ;
``WIDTH_MARGIN`` on the whole line). Full-width CJK glyphs are one em in all of them; Hangul,
0.92 em in Noto, counts as proportional.
"""

from __future__ import annotations

import struct
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

from exporter.text.fonts import FALLBACKS, WEIGHTS, fallback_characters, font_file
from exporter.text.phrases import phrases

PROPORTIONAL_MARGIN = 1.15
"""Factor on glyphs narrower than one em: Meiryo's Latin runs up to ~12 % wider than Noto's."""

WIDTH_MARGIN = 1.03
"""Factor on every measured width: rounding, kerning and renderer differences."""

_FULL_WIDTH = 1.0
_MISSING = 1.0  # a character the face lacks is measured as one em


@dataclass(frozen=True)
class _Face:
    """Advance widths (in em) by code point, decoded from one face's cmap and hmtx."""

    starts: array
    ends: array
    glyphs: array
    advances: array
    units_per_em: int

    def maps(self, code: int) -> bool:
        """Whether the cmap gives code point ``code`` a glyph."""
        index = bisect_right(self.starts, code) - 1
        return index >= 0 and code <= self.ends[index]

    def advance(self, char: str) -> float:
        code = ord(char)
        index = bisect_right(self.starts, code) - 1
        if index < 0 or code > self.ends[index]:
            return _MISSING
        glyph = self.glyphs[index] + code - self.starts[index]
        width = self.advances[min(glyph, len(self.advances) - 1)]
        return width / self.units_per_em


@cache
def _face(weight: str) -> _Face:
    tables = _tables(font_file(weight), (b"head", b"hhea", b"cmap", b"hmtx"))
    (units_per_em,) = struct.unpack_from(">H", tables[b"head"], 18)
    (metrics_count,) = struct.unpack_from(">H", tables[b"hhea"], 34)
    starts, ends, glyphs = _cmap_groups(tables[b"cmap"])
    raw = array("H", tables[b"hmtx"][: 4 * metrics_count])  # (advance, left side bearing) pairs
    if struct.pack("=H", 1) != struct.pack(">H", 1):
        raw.byteswap()
    return _Face(starts, ends, glyphs, raw[0::2], units_per_em)


def _tables(path: Path, tags: tuple[bytes, ...]) -> dict[bytes, bytes]:
    """The bytes of the tables ``tags`` of an OpenType file, read through its table directory
    (a 12-byte header, then tag, checksum, offset and length per table)."""
    with path.open("rb") as file:
        header = file.read(12)
        (count,) = struct.unpack_from(">H", header, 4)
        directory = file.read(16 * count)
        places = {}
        for index in range(count):
            tag, _, offset, length = struct.unpack_from(">4sIII", directory, 16 * index)
            places[tag] = (offset, length)
        missing = [tag.decode() for tag in tags if tag not in places]
        if missing:
            raise ValueError(f"{path.name} has no {', '.join(missing)} table")
        found = {}
        for tag in tags:
            offset, length = places[tag]
            file.seek(offset)
            found[tag] = file.read(length)
    return found


def _cmap_groups(data: bytes) -> tuple[array, array, array]:
    """The (start, end, first glyph) groups of the Unicode full-repertoire cmap (format 12)."""
    (count,) = struct.unpack_from(">H", data, 2)
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, 4 + 8 * index)
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6)) and struct.unpack_from(">H", data, offset)[0] == 12:
            (groups,) = struct.unpack_from(">I", data, offset + 12)
            values = array("I", data[offset + 16 : offset + 16 + 12 * groups])
            if struct.pack("=I", 1) != struct.pack(">I", 1):
                values.byteswap()
            return values[0::3], values[1::3], values[2::3]
    raise ValueError("the face has no format 12 Unicode cmap")


def covered_by_cjk(char: str) -> bool:
    """Whether both weights of the CJK face have a glyph for ``char`` (looked up in the cmaps read above)."""
    code = ord(char)
    return all(_face(weight).maps(code) for weight in WEIGHTS)


def covered(char: str) -> bool:
    """Whether a bundled face draws ``char``: the CJK face, else one of its fallbacks (symbols, emoji)."""
    return covered_by_cjk(char) or any(ord(char) in fallback_characters(f) for f in FALLBACKS)


_ems: dict[str, dict[str, float]] = {"regular": {}, "bold": {}}


@lru_cache(maxsize=8192)
def _em(text: str, weight: str) -> float:
    """Width of ``text`` in em: proportional glyphs widened by ``PROPORTIONAL_MARGIN``, plus
    ``AUTOSPACE`` wherever ASCII and Japanese meet. Memoised: wrapping measures the same
    pieces again for every width and size it tries."""
    known = _ems[weight]
    for char in set(text) - known.keys():
        width = _face(weight).advance(char)
        known[char] = width if width >= _FULL_WIDTH else width * PROPORTIONAL_MARGIN
    total = sum(map(known.__getitem__, text))
    if max(text, default="") >= _WIDE:  # ASCII may meet Japanese: the space between them
        total += sum(_join(a, b) for a, b in pairwise(text))
    return total


_WIDE = "\u3000"
"""Only beside a character from U+3000 up does ASCII get the client's extra space."""

AUTOSPACE = 0.25
"""Em added where ASCII meets Japanese: LibreOffice and Keynote set about a quarter em of
space there ("中国AI" is drawn as "中国 AI", "(米国)" as "( 米国 )")."""


def _join(left: str, right: str) -> float:
    """The space a client adds between the last character ``left`` and the next ``right``."""
    if not left:
        return 0.0
    a, b = left[-1], right[0]
    if (a.isascii() and " " < a <= "~" and ord(b) >= 0x3000) or (b.isascii() and " " < b <= "~" and ord(a) >= 0x3000):
        return AUTOSPACE
    return 0.0


FIT_TOLERANCE = 0.001
"""Points by which a measured line may exceed its width: widths pass through whole EMU
(1/12700 pt), so a column given exactly its longest cell's width can come back a hair narrower."""


def text_width(text: str, size: float, weight: str = "regular") -> float:
    """Width in points of ``text`` set on one line at ``size`` points, safety margins included."""
    return _em(text, weight) * size * WIDTH_MARGIN


def face_width(text: str, size: float, weight: str = "regular") -> float:
    """Width in points of ``text`` as the bundled face itself sets it, with no margins: the
    brief, which embeds that face, not the deck, which names another."""
    face = _face(weight)
    return sum(face.advance(char) for char in text) * size


def _latin(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "@.,-_'/%&+#")


def _word(char: str) -> bool:
    """Whether ``char`` belongs to a word no line may break inside: Latin letters, digits and their
    joiners, and Hangul (Korean breaks at spaces only)."""
    return _latin(char) or "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f"


_EAST_ASIAN = "\u2e80"
"""The first character of the scripts BudouX cuts into phrases: a text with one from here up is parsed."""


@lru_cache(maxsize=4096)
def pieces(text: str) -> tuple[str, ...]:
    """``text`` cut at its break opportunities: BudouX phrase boundaries and after spaces.

    Never between two Latin letters or digits (BudouX splits "2025" into "202|5"). A text without
    a character from U+2E80 up (no CJK, kana or hangul) is cut at its spaces alone, as BudouX
    would cut it, without parsing it.
    """
    cuts = set()
    offset = 0
    for phrase in phrases(text) if max(text, default="") >= _EAST_ASIAN else ():
        offset += len(phrase)
        cuts.add(offset)
    cuts.update(i + 1 for i, c in enumerate(text) if c.isspace())
    cuts = {i for i in cuts if 0 < i < len(text) and not (_word(text[i - 1]) and _word(text[i]))}
    bounds = [0, *sorted(cuts), len(text)]
    return tuple(text[a:b] for a, b in pairwise(bounds))


NO_LINE_START = frozenset(
    "、。，．・：；？！ヽヾゝゞ々ー）〕］｝〉》」』】〙〗〟’”｠»ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.:;?!%"
)
"""Kinsoku: characters a line must not start with (closing marks, small kana, the long-vowel mark)."""

NO_LINE_END = frozenset("（〔［｛〈《「『【〘〖〝‘“｟«([{")
"""Kinsoku: characters a line must not end with (opening marks)."""

HANGING_BRACKETS = frozenset("「『（〔［｛〈《【〘〖〝｟")
"""Full-width opening brackets, drawn in the right half of their em: a heading that starts
with one hangs it half an em into the margin, so the bracket's ink lines up with the text below."""


def hanging(text: str) -> float:
    """Em by which a heading starting with ``text`` hangs into the margin: 0.5 or 0."""
    return 0.5 if text[:1] in HANGING_BRACKETS else 0.0


@lru_cache(maxsize=4096)
def characters(text: str) -> tuple[str, ...]:
    """``text`` cut between any two characters, as Japanese and Chinese body text is set, except
    inside a Latin word, a number or a Korean word (``_word``: Korean breaks at spaces) and where
    kinsoku forbids (``NO_LINE_START``/``NO_LINE_END``)."""
    out: list[str] = []
    for index, char in enumerate(text):
        previous = text[index - 1] if index else ""
        joined = out and (
            (_word(previous) and _word(char))
            or char in NO_LINE_START
            or previous in NO_LINE_END
            or (char.isspace() and not previous.isspace())
        )
        if joined:
            out[-1] += char
        else:
            out.append(char)
    return tuple(out)


def wrap(text: str, width: float, size: float, weight: str = "regular", by: str = "character") -> list[str]:
    """``text`` broken into lines that each fit ``width`` points; ``"".join(lines) == text``.

    ``by="character"`` breaks as Japanese body text is set (see ``characters``);
    ``by="phrase"`` only between BudouX phrases and after spaces (see ``pieces``), as
    titles are set. Lines are filled greedily with whole pieces; a piece wider than a
    line is broken between characters. Spaces at the end of a line are not counted.
    """
    return list(_wrapped(text, width, size, weight, by))


@lru_cache(maxsize=4096)
def _wrapped(text: str, width: float, size: float, weight: str, by: str) -> tuple[str, ...]:
    """``wrap``, memoised: the deck's planner sets the same text at the same width over and over
    as it tries sizes and layouts (three calls in four on a long article)."""
    limit = (width + FIT_TOLERANCE) / (size * WIDTH_MARGIN)  # in em
    if _em(text.rstrip(), weight) <= limit and "\n" not in text:  # one line: nothing to break
        return (text,)
    wide = max(text, default="") >= _WIDE  # else ASCII never meets Japanese: no space to add
    lines: list[str] = []
    line, used = "", 0.0  # used: em width of line, trailing spaces included
    for piece in pieces(text) if by == "phrase" else characters(text):
        join = _join(line, piece) if wide else 0.0
        if used + join + _em(piece.rstrip(), weight) <= limit:
            line, used = line + piece, used + join + _em(piece, weight)
            continue
        if line:
            lines.append(line)
            line, used = "", 0.0
        if _em(piece.rstrip(), weight) <= limit:
            line, used = piece, _em(piece, weight)
            continue
        for char in piece:
            advance = _join(line, char) + _em(char, weight)
            if line and not char.isspace() and used + advance > limit:
                lines.append(line)
                line, used = "", 0.0
                advance = _em(char, weight)
            line, used = line + char, used + advance
    if line or not lines:
        lines.append(line)
    return tuple(lines)


def balanced_wrap(text: str, width: float, size: float, weight: str = "regular") -> list[str]:
    """Like ``wrap`` by phrase, with lines as even as the breaks allow (no short last line in a title)."""
    lines = wrap(text, width, size, weight, by="phrase")
    if len(lines) < 2:
        return lines
    low, high = widest_piece(text, size, weight), width
    while high - low > 0.5:
        middle = (low + high) / 2
        if len(wrap(text, middle, size, weight, by="phrase")) <= len(lines):
            high = middle
        else:
            low = middle
    return wrap(text, high, size, weight, by="phrase")


def widest_piece(text: str, size: float, weight: str = "regular") -> float:
    """Width in points of the widest unbreakable piece of ``text``: the narrowest useful column."""
    return max((text_width(p.rstrip(), size, weight) for p in pieces(text)), default=0.0)
